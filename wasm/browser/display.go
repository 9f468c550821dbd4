//go:build js && wasm

package browser

import (
	"syscall/js"

	"twofold.app/wasm/jsx"
)

// Display returns the window's inner size in CSS pixels and its device
// pixel ratio.
func Display() (w, h int, ratio float64) {
	win := js.Global()
	ratio = win.Get("devicePixelRatio").Float()
	if ratio <= 0 {
		ratio = 1
	}
	return win.Get("innerWidth").Int(), win.Get("innerHeight").Int(), ratio
}

// OnHidden calls f (on a new goroutine) with true when the page becomes
// hidden and false when it is shown again, until stop is called.
func OnHidden(f func(hidden bool)) (stop func()) {
	doc := js.Global().Get("document")
	h := js.FuncOf(func(this js.Value, args []js.Value) any {
		hidden := doc.Get("visibilityState").String() == "hidden"
		go f(hidden)
		return nil
	})
	doc.Call("addEventListener", "visibilitychange", h)
	return func() {
		doc.Call("removeEventListener", "visibilitychange", h)
		h.Release()
	}
}

// WakeLock asks for a screen wake lock, so that the screen stays on while
// transfer codes play, and returns a function that releases it. The
// browser drops the lock when the page is hidden; it is asked for again
// when the page is shown. Where there is no wake lock, it does nothing.
func WakeLock() (release func()) {
	wl := js.Global().Get("navigator").Get("wakeLock")
	if wl.IsUndefined() {
		return func() {}
	}
	done := make(chan struct{})
	locks := make(chan js.Value, 1)
	request := func() {
		go func() {
			s, err := jsx.Await(wl.Call("request", "screen"))
			if err != nil {
				return
			}
			select {
			case <-done:
				s.Call("release")
			case locks <- s:
			}
		}()
	}
	request()
	stopHidden := OnHidden(func(hidden bool) {
		if !hidden {
			select {
			case s := <-locks:
				s.Call("release")
			default:
			}
			request()
		}
	})
	return func() {
		close(done)
		stopHidden()
		select {
		case s := <-locks:
			s.Call("release")
		default:
		}
	}
}
