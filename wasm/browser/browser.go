//go:build js && wasm

// Package browser adapts the small browser services the app needs: the
// clipboard, persistent storage, user activity and the focus.
package browser

import (
	"errors"
	"strings"
	"syscall/js"

	"twofold.app/wasm/jsx"
)

// WriteClipboard starts writing text to the clipboard and calls done when
// the browser answers. It must run inside a user gesture's event handler,
// and returns at once; done runs on a new goroutine.
func WriteClipboard(text string, done func(error)) {
	clip := js.Global().Get("navigator").Get("clipboard")
	if clip.IsUndefined() {
		go done(errors.New("this browser does not allow copying here (the page must be served over https or from localhost)"))
		return
	}
	p := clip.Call("writeText", text)
	go func() {
		_, err := jsx.Await(p)
		done(err)
	}()
}

func storageManager() (js.Value, error) {
	sm := js.Global().Get("navigator").Get("storage")
	if sm.IsUndefined() || sm.Get("persist").IsUndefined() {
		return js.Value{}, errors.New("this browser cannot keep storage persistent")
	}
	return sm, nil
}

// Persist asks the browser not to evict the site's storage, and reports
// whether it agreed. It blocks: call it from a goroutine.
func Persist() (bool, error) {
	sm, err := storageManager()
	if err != nil {
		return false, err
	}
	v, err := jsx.Await(sm.Call("persist"))
	if err != nil {
		return false, err
	}
	return v.Truthy(), nil
}

// Persisted reports whether the site's storage is persistent. It blocks:
// call it from a goroutine.
func Persisted() (bool, error) {
	sm, err := storageManager()
	if err != nil {
		return false, err
	}
	v, err := jsx.Await(sm.Call("persisted"))
	if err != nil {
		return false, err
	}
	return v.Truthy(), nil
}

// EvictsUnvisited reports whether the browser deletes the storage of a site
// not opened for some days unless it runs as an installed app. WebKit's
// tracking prevention does so after 7 days of use without a visit, in
// Safari and the other browsers built on WebKit (whose navigator.vendor is
// Apple's), whatever navigator.storage.persist answered; an app added to
// the Dock or the Home Screen is exempt.
func EvictsUnvisited() bool {
	nav := js.Global().Get("navigator")
	if v := nav.Get("vendor"); v.Type() != js.TypeString || !strings.HasPrefix(v.String(), "Apple") {
		return false
	}
	if nav.Get("standalone").Truthy() { // iOS Home Screen
		return false
	}
	if mm := js.Global().Get("matchMedia"); mm.Type() == js.TypeFunction {
		if js.Global().Call("matchMedia", "(display-mode: standalone)").Get("matches").Truthy() {
			return false
		}
	}
	return true
}

// activityEvents are the inputs that count as the user being present.
var activityEvents = []string{"keydown", "pointerdown", "wheel", "touchstart"}

// Activity calls active (on a new goroutine, at most once a second) when
// the user types, clicks, scrolls or touches the page, until stop is called.
func Activity(active func()) (stop func()) {
	doc := js.Global().Get("document")
	last := 0.0
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		now := js.Global().Get("performance").Call("now").Float()
		if now-last >= 1000 {
			last = now
			go active()
		}
		return nil
	})
	opts := map[string]any{"capture": true, "passive": true}
	for _, ev := range activityEvents {
		doc.Call("addEventListener", ev, f, opts)
	}
	return func() {
		for _, ev := range activityEvents {
			doc.Call("removeEventListener", ev, f, opts)
		}
		f.Release()
	}
}
