//go:build js && wasm

package browser

import (
	"syscall/js"

	"twofold.app/wasm/jsx"
)

// ClipboardHolds reports whether the clipboard holds text. It reads the
// clipboard only where the person already allowed the page to (the
// Permissions API says "granted"), so it never makes the browser ask, and
// compares in JavaScript, so that what the clipboard holds is not copied
// into Go's memory. known is false where it cannot read: Firefox and Safari
// ask on every read, and Chromium until the person allows it. It blocks:
// call it from a goroutine.
func ClipboardHolds(text string) (holds, known bool) {
	nav := js.Global().Get("navigator")
	perms, clip := nav.Get("permissions"), nav.Get("clipboard")
	if perms.IsUndefined() || clip.IsUndefined() || clip.Get("readText").IsUndefined() {
		return false, false
	}
	state, err := jsx.Await(perms.Call("query", map[string]any{"name": "clipboard-read"}))
	if err != nil || state.Get("state").String() != "granted" {
		return false, false // Firefox does not know the name: it throws
	}
	v, err := jsx.Await(clip.Call("readText"))
	if err != nil {
		return false, false
	}
	return v.Equal(js.ValueOf(text)), true
}

// Focused reports whether the page has the focus (document.hasFocus()).
func Focused() bool {
	return js.Global().Get("document").Call("hasFocus").Truthy()
}

// OnFocus calls f (on a new goroutine) with true when the window gains the
// focus and false when it loses it, until stop is called.
func OnFocus(f func(focused bool)) (stop func()) {
	win := js.Global()
	focus := js.FuncOf(func(this js.Value, args []js.Value) any {
		go f(true)
		return nil
	})
	blur := js.FuncOf(func(this js.Value, args []js.Value) any {
		go f(false)
		return nil
	})
	win.Call("addEventListener", "focus", focus)
	win.Call("addEventListener", "blur", blur)
	return func() {
		win.Call("removeEventListener", "focus", focus)
		win.Call("removeEventListener", "blur", blur)
		focus.Release()
		blur.Release()
	}
}

// OnCopy calls f (on a new goroutine) whenever the person copies or cuts
// in the page, until stop is called. The Clipboard API's writes, which the
// app makes, fire no such event.
func OnCopy(f func()) (stop func()) {
	doc := js.Global().Get("document")
	h := js.FuncOf(func(this js.Value, args []js.Value) any {
		go f()
		return nil
	})
	opts := map[string]any{"capture": true}
	doc.Call("addEventListener", "copy", h, opts)
	doc.Call("addEventListener", "cut", h, opts)
	return func() {
		doc.Call("removeEventListener", "copy", h, opts)
		doc.Call("removeEventListener", "cut", h, opts)
		h.Release()
	}
}
