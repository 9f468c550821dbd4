package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// textField is a text input that belongs to the person typing in it. It is
// given its text when it appears and whenever the app itself changes the
// text (clears a password, fills a form in), and never otherwise: it does
// not write back what its own input events stored.
//
// Writing it back loses keys. go-app draws frames on a timer, and a frame
// can be drawn after a key has changed the input but before that key's
// input event has reached Go (a busy page, a slow phone): the frame then
// sets the input to the text as of the key before, and the last key is
// gone, in the input and in the app.
type textField struct {
	app.Compo

	// ID is the input's id. A field of another id is another field: when
	// a screen draws one where the other was (a field that appears before
	// it, say), it is made anew, with its own text.
	ID string
	// Input builds the input: its type, attributes and handlers,
	// everything but its id and its value. Its input handler keeps Text up
	// to date.
	Input func() app.HTMLInput
	// Text is the input's text as the app holds it.
	Text string
	// Set counts the app's own changes of Text: when it changes, the input
	// takes Text, even if it is the text it was last given.
	Set int

	value string // the text the input was last given
	set   int
}

// CompoID makes go-app draw a field of another id anew rather than
// change this one into it, which would keep this one's text.
func (f *textField) CompoID() string { return f.ID }

// OnInit gives a new input its text.
func (f *textField) OnInit() { f.value, f.set = f.Text, f.Set }

// OnUpdate gives the input the app's text when the app changed it.
func (f *textField) OnUpdate(ctx app.Context) {
	if f.Set == f.set {
		return
	}
	f.value, f.set = f.Text, f.Set
	// Drawing sets the input's value only when it differs from the value
	// drawn last, which may be this one while the input holds what was
	// typed since: set it once drawn.
	v := f.value
	ctx.Defer(func(app.Context) {
		if f.Mounted() {
			f.JSValue().Set("value", v)
		}
	})
}

// Render draws the input with the text it was last given.
func (f *textField) Render() app.UI {
	return f.Input().ID(f.ID).Value(f.value)
}
