//go:build js && wasm

package scan

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"twofold.app/wasm/jsx"
	"twofold.app/wasm/scanworker/scanjob"
)

// errFormat means the worker could not read the pixels of a frame or an
// image it was given (it cannot draw, or cannot read that VideoFrame): the
// page reads them itself and sends them as pixels.
var errFormat = errors.New("the worker cannot read these pixels")

// startTimeout bounds the loading of the worker: fetching, compiling and
// starting scan.wasm takes a fraction of a second from the cache, and a few
// seconds over a slow network.
const startTimeout = time.Minute

// worker is one dedicated Web Worker running static/scan-worker.js, and
// the calls waiting for its replies.
type worker struct {
	url   string
	v     js.Value
	ready chan struct{} // closed once it has started, or failed to

	mu        sync.Mutex
	started   bool // the ready message came
	canvas    bool // it can draw images (OffscreenCanvas)
	loadMs    float64
	err       error // once set, it has failed for good: every call returns it
	next      int
	pending   map[int]chan reply
	listeners []listener
}

type listener struct {
	event string
	fn    js.Func
}

// reply is what the worker answered to a job, copied into Go memory.
type reply struct {
	texts []string
	err   error
}

// start starts a worker from the script at url. It does not wait: the
// worker loads scan.wasm in the background and says when it is ready.
func start(url string) *worker {
	w := &worker{url: url, ready: make(chan struct{}), pending: map[int]chan reply{}}
	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		w.fail(fmt.Errorf("%w: Web Workers are not available", ErrStart))
		return w
	}
	v, err := construct(ctor, url)
	if err != nil {
		w.fail(fmt.Errorf("%w: %v", ErrStart, err))
		return w
	}
	w.v = v
	w.listeners = []listener{
		{"message", js.FuncOf(func(_ js.Value, args []js.Value) any {
			w.message(args[0].Get("data"))
			return nil
		})},
		{"error", js.FuncOf(func(_ js.Value, args []js.Value) any {
			args[0].Call("preventDefault")
			w.mu.Lock()
			sentinel := ErrStart
			if w.started {
				sentinel = ErrFailed
			}
			w.mu.Unlock()
			w.fail(fmt.Errorf("%w: %s", sentinel, errorEventText(args[0], url)))
			return nil
		})},
		{"messageerror", js.FuncOf(func(_ js.Value, args []js.Value) any {
			w.fail(fmt.Errorf("%w: a reply could not be read", ErrFailed))
			return nil
		})},
	}
	for _, l := range w.listeners {
		v.Call("addEventListener", l.event, l.fn)
	}
	return w
}

// message handles a message of the worker. It runs inside the message
// callback, so it must not block.
func (w *worker) message(data js.Value) {
	if data.Type() != js.TypeObject {
		w.fail(fmt.Errorf("%w: a malformed reply", ErrFailed))
		return
	}
	id := data.Get("id")
	if id.Type() != js.TypeNumber {
		// The start's message: ready, or why not.
		if data.Get("ready").Truthy() {
			if p := data.Get("protocol"); p.Type() != js.TypeNumber || p.Int() != scanjob.Protocol {
				w.fail(fmt.Errorf("%w: it belongs to another version of Twofold than this page", ErrStart))
				return
			}
			w.mu.Lock()
			if w.err == nil && !w.started {
				w.started = true
				w.canvas = data.Get("canvas").Truthy()
				w.loadMs = data.Get("loadMs").Float()
				close(w.ready)
			}
			w.mu.Unlock()
			return
		}
		w.fail(fmt.Errorf("%w: %s", ErrStart, errorText(data)))
		return
	}
	r := readReply(data)
	if data.Get("dead").Truthy() || data.Get("start").Truthy() {
		w.fail(r.err)
	}
	w.mu.Lock()
	ch, ok := w.pending[id.Int()]
	delete(w.pending, id.Int())
	w.mu.Unlock()
	if ok {
		ch <- r // buffered: never blocks
	}
}

// readReply reads a job's reply: {texts: [string…]} or {error: string}
// with a flag that says what kind of failure.
func readReply(data js.Value) reply {
	if msg := data.Get("error"); msg.Type() == js.TypeString {
		switch {
		case data.Get("format").Truthy():
			return reply{err: fmt.Errorf("%w: %s", errFormat, msg.String())}
		case data.Get("unreadable").Truthy():
			// The file's own problem, worded as the browser's reason.
			return reply{err: errors.New(msg.String())}
		case data.Get("start").Truthy():
			return reply{err: fmt.Errorf("%w: %s", ErrStart, msg.String())}
		}
		return reply{err: fmt.Errorf("%w: %s", ErrFailed, msg.String())}
	}
	list := data.Get("texts")
	if !list.InstanceOf(js.Global().Get("Array")) {
		return reply{err: fmt.Errorf("%w: a malformed reply", ErrFailed)}
	}
	texts := make([]string, list.Length())
	for i := range texts {
		t := list.Index(i)
		if t.Type() != js.TypeString {
			return reply{err: fmt.Errorf("%w: a malformed reply", ErrFailed)}
		}
		texts[i] = t.String()
	}
	return reply{texts: texts}
}

// call waits for the worker to be ready, posts job with the objects of
// transfer transferred, and waits for the reply, for at most timeout after
// posting. A worker that does not answer in time has failed: it is
// terminated. When the job cannot be posted, transfer still belongs to the
// caller.
func (w *worker) call(job map[string]any, transfer []any, timeout time.Duration) (reply, error) {
	select {
	case <-w.ready:
	case <-time.After(startTimeout):
		w.fail(fmt.Errorf("%w: it did not start in %v", ErrStart, startTimeout))
	}
	w.mu.Lock()
	if w.err != nil {
		err := w.err
		w.mu.Unlock()
		return reply{}, err
	}
	id := w.next
	w.next++
	ch := make(chan reply, 1)
	w.pending[id] = ch
	w.mu.Unlock()

	job["id"] = id
	if err := catch(func() { w.v.Call("postMessage", js.ValueOf(job), js.ValueOf(transfer)) }); err != nil {
		w.mu.Lock()
		delete(w.pending, id)
		w.mu.Unlock()
		// A VideoFrame this browser cannot transfer: the page reads its
		// pixels instead.
		return reply{}, fmt.Errorf("%w: posting the job: %v", errFormat, err)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		return r, nil
	case <-timer.C:
		err := fmt.Errorf("%w: it did not answer in %v", ErrFailed, timeout)
		w.fail(err)
		return reply{}, err
	}
}

// canDraw waits for the worker to start and reports whether it can draw
// images itself, or why it cannot read at all.
func (w *worker) canDraw() (bool, error) {
	select {
	case <-w.ready:
	case <-time.After(startTimeout):
		w.fail(fmt.Errorf("%w: it did not start in %v", ErrStart, startTimeout))
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.canvas, w.err
}

// failed reports whether the worker has failed for good.
func (w *worker) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

// fail makes err the answer of every call, waiting or to come, and
// terminates the worker. Only the first error counts.
func (w *worker) fail(err error) {
	w.mu.Lock()
	if w.err != nil {
		w.mu.Unlock()
		return
	}
	w.err = err
	if !w.started {
		close(w.ready)
	}
	pending := w.pending
	w.pending = map[int]chan reply{}
	w.mu.Unlock()
	for _, ch := range pending {
		ch <- reply{err: err}
	}
	w.terminate()
}

// close terminates the worker, failing the calls that wait.
func (w *worker) close() {
	w.fail(fmt.Errorf("%w: it was closed", ErrFailed))
}

// terminate stops the worker, which frees its memory, and removes the
// listeners before releasing them, so that no late event calls a released
// func.
func (w *worker) terminate() {
	w.mu.Lock()
	ls := w.listeners
	w.listeners = nil
	w.mu.Unlock()
	if w.v.IsUndefined() {
		return
	}
	w.v.Call("terminate")
	// The listeners may be running this very call (a failure the worker
	// reported): release them once it has returned.
	go func() {
		for _, l := range ls {
			w.v.Call("removeEventListener", l.event, l.fn)
			l.fn.Release()
		}
	}()
}

// errorText is the error of a message, or a placeholder.
func errorText(data js.Value) string {
	if msg := data.Get("error"); msg.Type() == js.TypeString {
		return msg.String()
	}
	return "a malformed reply"
}

// errorEventText describes an error event of the worker. A worker script
// that fails to load gives a plain Event with no message; an uncaught
// exception in the worker gives an ErrorEvent with one.
func errorEventText(ev js.Value, url string) string {
	if msg := ev.Get("message"); msg.Type() == js.TypeString && msg.String() != "" {
		return msg.String()
	}
	return "could not load " + url
}

// construct calls new ctor(args...), turning a thrown exception (a
// cross-origin URL, say) into an error.
func construct(ctor js.Value, args ...any) (v js.Value, err error) {
	err = catch(func() { v = ctor.New(args...) })
	return v, err
}

// catch runs f and turns a JavaScript exception thrown inside it (which
// syscall/js raises as a panic with a js.Error) into an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			jsErr, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = jsx.ErrorFrom(jsErr.Value)
		}
	}()
	f()
	return nil
}
