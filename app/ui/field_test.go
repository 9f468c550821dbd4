package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fieldHost holds a text field's text as a screen does, keeping the
// context it was mounted with so that the test can change its state.
type fieldHost struct {
	app.Compo
	id   string
	text string
	sets int
	ctx  app.Context
}

// OnPreRender keeps the context: natively, go-app mounts as a server does.
func (h *fieldHost) OnPreRender(ctx app.Context) { h.ctx = ctx }

func (h *fieldHost) Render() app.UI {
	return app.Div().Body(&textField{ID: h.id, Text: h.text, Set: h.sets, Input: func() app.HTMLInput {
		return app.Input().Type("text")
	}})
}

// TestTextField checks what value a text field is drawn with: the text it
// has when it appears, then only the texts the app sets, never those its
// input events store.
func TestTextField(t *testing.T) {
	e := app.NewTestEngine()
	h := &fieldHost{id: "f", text: "first"}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	drawn := func(want string) {
		t.Helper()
		if err := app.TestMatch(h, app.TestUIDescriptor{Path: app.TestPath(0, 0, 0),
			Expected: app.Input().ID(h.id).Type("text").Value(want)}); err != nil {
			t.Errorf("want the input drawn with %q: %v", want, err)
		}
	}
	change := func(f func()) {
		t.Helper()
		h.ctx.Dispatch(func(app.Context) { f() })
		e.ConsumeAll()
	}
	drawn("first")

	// Keys typed: the screen stores each text from the input's events,
	// and each is drawn, but the input keeps the value it was given.
	for _, typed := range []string{"firs", "fir", "fi", "fix"} {
		change(func() { h.text = typed })
		drawn("first")
	}
	// The app clears the field.
	change(func() { h.text, h.sets = "", h.sets+1 })
	drawn("")
	// Typing again, then the app fills the field in.
	change(func() { h.text = "abc" })
	drawn("")
	change(func() { h.text, h.sets = "filled in", h.sets+1 })
	drawn("filled in")
	// Another field drawn where this one was (the counter where the
	// period was, when the type of an account changes) shows its own
	// text, not this one's.
	change(func() { h.id, h.text = "g", "other" })
	drawn("other")
}
