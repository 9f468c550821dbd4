//go:build js && wasm

package browser

import "syscall/js"

// prefPrefix keeps Twofold's preferences apart from go-app's own keys in
// localStorage.
const prefPrefix = "twofold."

// Languages returns navigator.languages, the person's languages, most
// preferred first.
func Languages() []string {
	nav := js.Global().Get("navigator")
	langs := nav.Get("languages")
	if langs.Truthy() && langs.Length() > 0 {
		out := make([]string, langs.Length())
		for i := range out {
			out[i] = langs.Index(i).String()
		}
		return out
	}
	if l := nav.Get("language"); l.Truthy() {
		return []string{l.String()}
	}
	return nil
}

// Pref returns a preference from localStorage, or "" when there is none or
// the browser refuses storage (a private window may).
func Pref(key string) (value string) {
	defer func() {
		if recover() != nil {
			value = ""
		}
	}()
	v := js.Global().Get("localStorage").Call("getItem", prefPrefix+key)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// SetPref keeps a preference in localStorage; where the browser refuses,
// the choice lasts until the page is closed.
func SetPref(key, value string) {
	defer func() { _ = recover() }()
	js.Global().Get("localStorage").Call("setItem", prefPrefix+key, value)
}

// SetLang sets the lang attribute of <html>.
func SetLang(tag string) {
	js.Global().Get("document").Get("documentElement").Set("lang", tag)
}

// Booted returns the first screen the page's boot script (static/boot.js)
// drew before the app ran, "unlock" or "setup", or "" when it drew none.
func Booted() string {
	b := js.Global().Get("twofoldBoot")
	if !b.Truthy() {
		return ""
	}
	if s := b.Get("screen"); s.Type() == js.TypeString {
		return s.String()
	}
	return ""
}

// AwaitBoot waits until the page's boot script (static/boot.js) has drawn
// the first screen or decided to draw none, so that the app mounts after
// it, never under it. It returns at once where there is no such script.
//
// It then tells the script that the app mounts now: the app must mount in
// the same task, with no wait in between, for the script to find the focus
// where the person left it (see mounting).
func AwaitBoot() {
	p := js.Global().Get("twofoldBooting")
	if !p.Truthy() || p.Get("then").Type() != js.TypeFunction {
		return
	}
	done := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	defer f.Release()
	p.Call("then", f, f)
	<-done
	mounting()
}

// mounting tells the page's boot script that the app mounts in this task,
// so that it notes which field of its form has the focus, to give the
// focus to the same field of the app's.
func mounting() {
	if m := js.Global().Get("twofoldMounting"); m.Type() == js.TypeFunction {
		m.Invoke()
	}
}
