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

	// Input builds the input: its id, type, attributes and handlers,
	// everything but its value. Its input handler keeps Text up to date.
	Input func() app.HTMLInput
	// Text is the input's text as the app holds it.
	Text string
	// Set counts the app's own changes of Text: when it changes, the input
	// takes Text, even if it is the text it was last given.
	Set int

	value string // the text the input was last given
	set   int
}

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
	return f.Input().Value(f.value)
}
