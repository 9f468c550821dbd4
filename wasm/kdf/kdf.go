//go:build js && wasm

// Package kdf runs the vault's Argon2id key derivation in a dedicated Web
// Worker, so that the page keeps painting and handling input while the key is
// derived, and so that the memory Argon2id needs goes back to the browser
// afterwards.
//
// Go compiled to wasm is single-threaded: a derivation in the page's own
// instance stops the event loop for its whole length (0.4 to 0.7 s for
// [vault.DefaultParams]), and the instance's linear memory never shrinks, so
// the page would keep the 64 MiB for its lifetime. [Derive] instead starts a
// worker from /web/kdf-worker.js, which runs the small Go program of
// twofold.app/wasm/kdfworker (/web/kdf.wasm) once, and terminates the worker
// when the key is back.
//
// The package uses plain syscall/js and does not depend on go-app.
package kdf

import (
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// DefaultURL is the worker script that [Derive] starts. It is
// static/kdf-worker.js as the built site serves it; the script loads
// kdf.wasm from its own directory and ../wasm_exec.js.
const DefaultURL = "/web/kdf-worker.js"

// DefaultStartTimeout bounds how long [Derive] waits for a new worker's
// script to run and say so, before its program is loaded. That is loading
// one small script from the page's origin (from the service worker's cache
// once installed), so a worker that has not said so by then never will:
// its script hangs, or it died without an error event.
const DefaultStartTimeout = 10 * time.Second

// DefaultTimeout bounds a derivation at the cost of [vault.DefaultParams],
// from the moment the worker's script runs until the key is back, loading
// its program included;
// a costlier derivation gets a bound that much longer (see timeoutFor). It
// is far above what that cost takes on a phone, or on a machine so loaded
// that the derivation runs many times slower than usual, and bounds how
// long the unlock form waits for a worker that died silently in the middle.
const DefaultTimeout = time.Minute

// importTimeout bounds the derivations of an import in [DeriveImport]
// once the worker's script runs: other apps ask for costs far above ours.
const importTimeout = 2 * time.Minute

// keySize is the length of the key that a [vault.KDF] returns.
const keySize = 32

// workerError is the type of the sentinel errors of the package: each one
// also matches [vault.ErrKDFUnavailable], the error the app's screens
// word, as the app cannot import this package.
type workerError struct{ msg string }

func (e *workerError) Error() string { return e.msg }

func (e *workerError) Is(target error) bool { return target == vault.ErrKDFUnavailable }

var (
	// ErrStart is returned, wrapped, when no worker could run the
	// derivation: the browser has no Web Workers, or the worker script,
	// wasm_exec.js or kdf.wasm could not be loaded or instantiated. A caller
	// may fall back to [vault.Argon2id] in the page for it.
	ErrStart error = &workerError{"kdf: worker failed to start"}

	// ErrWorker is returned, wrapped, when the worker started but did not
	// return a key: the Go program reported an error or exited without a
	// result, or its reply could not be read.
	ErrWorker error = &workerError{"kdf: worker failed"}

	// ErrTimeout is returned, wrapped, when the worker's script did not
	// say it runs within the start timeout, or the worker did not return
	// the key within the timeout after that. The worker is terminated.
	ErrTimeout error = &workerError{"kdf: worker timed out"}
)

// Worker derives keys in a dedicated Web Worker. The zero value uses
// [DefaultURL], [DefaultStartTimeout] and a timeout from the cost of the
// derivation.
type Worker struct {
	// URL is the worker script, resolved against the page's URL. It must be
	// same-origin. Empty means DefaultURL.
	URL string

	// StartTimeout bounds the time from starting the worker until its
	// script says it runs. Zero means DefaultStartTimeout.
	StartTimeout time.Duration

	// Timeout bounds one derivation, from the moment the worker's script
	// runs. Zero means DefaultTimeout scaled by the cost of the
	// parameters for Derive, and importTimeout for DeriveImport.
	Timeout time.Duration
}

// timeoutFor returns DefaultTimeout scaled by the memory and passes of p
// against those of vault.DefaultParams, and at least DefaultTimeout: the
// time a derivation takes grows with both.
func timeoutFor(p vault.Params) time.Duration {
	d := vault.DefaultParams
	cost := float64(p.Time) * float64(p.MemoryKiB) / (float64(d.Time) * float64(d.MemoryKiB))
	return time.Duration(max(1, cost) * float64(DefaultTimeout))
}

// Derive is the [vault.KDF] of the browser build: it is Worker{}.Derive.
func Derive(password, salt []byte, p vault.Params) ([]byte, error) {
	return Worker{}.Derive(password, salt, p)
}

var _ vault.KDF = Derive

// Derive computes the Argon2id key of password and salt with p in a new
// dedicated worker, waits for it, and terminates the worker in every case.
//
// Derive checks p before it starts a worker and returns the error of
// [vault.Params.Check] unchanged. The worker gets copies of password and salt
// whose buffers are transferred, not cloned, and zeroes them; the caller
// still owns (and should wipe) password and salt. The key is copied out of
// the worker's reply, and the reply's array is zeroed.
//
// Derive blocks until the worker answers, so it must be called from a
// goroutine (for example in ctx.Async in go-app), never from inside a
// js.Func callback: the reply comes through the JavaScript event loop, which
// a blocked callback holds, so the program would deadlock (see the
// syscall/js documentation of FuncOf).
func (w Worker) Derive(password, salt []byte, p vault.Params) ([]byte, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	pw, s := uint8Array(password), uint8Array(salt)
	defer s.Call("fill", 0)
	job := map[string]any{
		"password": pw,
		"salt":     s,
		"t":        p.Time,
		"m":        p.MemoryKiB,
		"p":        p.Threads,
	}
	if w.Timeout <= 0 {
		w.Timeout = timeoutFor(p)
	}
	keys, err := w.run(job, pw, []int{keySize})
	if err != nil {
		return nil, err
	}
	return keys[0], nil
}

// importAlgs names the derivations of [importer.KeySpec] for the worker.
var importAlgs = map[importer.KDF]string{
	importer.PBKDF2SHA1:   "pbkdf2-sha1",
	importer.PBKDF2SHA256: "pbkdf2-sha256",
	importer.PBKDF2SHA512: "pbkdf2-sha512",
	importer.Scrypt:       "scrypt",
	importer.Argon2id:     "argon2id",
}

// DeriveImport is the [importer.Deriver] of the browser build: it is
// Worker{}.DeriveImport.
func DeriveImport(password []byte, specs []importer.KeySpec) ([][]byte, error) {
	return Worker{}.DeriveImport(password, specs)
}

var _ importer.Deriver = DeriveImport

// DeriveImport derives the keys of another app's export, as specs ask, all
// in one new dedicated worker that runs import-kdf.wasm, the program of
// twofold.app/wasm/importkdf. It checks each spec with
// [importer.KeySpec.Check] first, and otherwise works as [Worker.Derive]
// does.
func (w Worker) DeriveImport(password []byte, specs []importer.KeySpec) ([][]byte, error) {
	var jobs []any
	var saltArrays []js.Value
	defer func() {
		for _, a := range saltArrays {
			a.Call("fill", 0)
		}
	}()
	keyLens := make([]int, len(specs))
	for i, s := range specs {
		if err := s.Check(); err != nil {
			return nil, err
		}
		alg, ok := importAlgs[s.KDF]
		if !ok {
			return nil, fmt.Errorf("%w: no worker program for %v", ErrStart, s.KDF) // unreachable: Check accepted it
		}
		salt := uint8Array(s.Salt)
		saltArrays = append(saltArrays, salt)
		job := map[string]any{
			"alg":    alg,
			"salt":   salt,
			"keyLen": s.KeyLen,
			"iter":   s.Iterations,
			"t":      s.Iterations,
			"m":      s.MemoryKiB,
			"p":      s.Threads,
			"n":      s.N,
			"r":      s.R,
		}
		if s.KDF == importer.Scrypt {
			job["p"] = s.P
		}
		jobs = append(jobs, job)
		keyLens[i] = s.KeyLen
	}
	pw := uint8Array(password)
	fields := map[string]any{"alg": "batch", "password": pw, "specs": jobs}
	if w.Timeout <= 0 {
		w.Timeout = importTimeout
	}
	return w.run(fields, pw, keyLens)
}

// run starts a worker, posts fields to it with the buffer of the
// Uint8Array pw transferred, and waits for keys of keyLens bytes: one key
// (the reply's key), or, for a batch, the reply's keys.
func (w Worker) run(fields map[string]any, pw js.Value, keyLens []int) ([][]byte, error) {
	posted := false
	defer func() {
		if !posted { // the copy is still ours: wipe it
			pw.Call("fill", 0)
		}
	}()
	url, timeout, startTimeout := w.URL, w.Timeout, w.StartTimeout
	if url == "" {
		url = DefaultURL
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if startTimeout <= 0 {
		startTimeout = DefaultStartTimeout
	}

	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		return nil, fmt.Errorf("%w: Web Workers are not available", ErrStart)
	}
	var worker js.Value
	if err := catch(func() { worker = ctor.New(url) }); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStart, err)
	}

	ready := make(chan struct{}, 1)
	replies := make(chan reply, 1)
	send := func(r reply) {
		select {
		case replies <- r:
		default: // an answer is already pending; keep the first one
		}
	}
	listeners := []struct {
		event string
		fn    js.Func
	}{
		{"message", js.FuncOf(func(_ js.Value, args []js.Value) any {
			data := args[0].Get("data")
			if data.Type() == js.TypeObject && data.Get("alive").Truthy() {
				select {
				case ready <- struct{}{}:
				default:
				}
				return nil
			}
			send(readReply(data, keyLens))
			return nil
		})},
		{"error", js.FuncOf(func(_ js.Value, args []js.Value) any {
			args[0].Call("preventDefault")
			send(reply{err: fmt.Errorf("%w: %s", ErrStart, errorEventText(args[0], url))})
			return nil
		})},
		{"messageerror", js.FuncOf(func(_ js.Value, args []js.Value) any {
			send(reply{err: fmt.Errorf("%w: its reply could not be deserialized", ErrWorker)})
			return nil
		})},
	}
	for _, l := range listeners {
		worker.Call("addEventListener", l.event, l.fn)
	}
	defer func() {
		// Terminating lets the browser free the worker's wasm memory, which
		// the Go runtime never gives back itself. Removing the listeners
		// before releasing them keeps a late event from calling a released
		// func.
		worker.Call("terminate")
		for _, l := range listeners {
			worker.Call("removeEventListener", l.event, l.fn)
			l.fn.Release()
		}
	}()

	job := js.ValueOf(fields)
	transfer := js.ValueOf([]any{pw.Get("buffer")})
	if err := catch(func() { worker.Call("postMessage", job, transfer) }); err != nil {
		return nil, fmt.Errorf("%w: posting the job: %v", ErrStart, err)
	}
	posted = true

	// Two bounds: a worker whose script never runs, or hangs, is given
	// up soon; one whose script runs gets the derivation's time.
	start := time.NewTimer(startTimeout)
	defer start.Stop()
	select {
	case r := <-replies: // an error before the program ran
		return r.keys, r.err
	case <-ready:
	case <-start.C:
		return nil, fmt.Errorf("%w: no sign of life after %v", ErrTimeout, startTimeout)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-replies:
		return r.keys, r.err
	case <-timer.C:
		return nil, fmt.Errorf("%w after %v", ErrTimeout, timeout)
	}
}

// reply is what the worker sent, already copied into Go memory.
type reply struct {
	keys [][]byte
	err  error
}

// readReply reads the data of the worker's message: {key: Uint8Array} for
// one derivation, {keys: [Uint8Array…]} for a batch, or {error: string,
// start: boolean}. It zeroes the key arrays after copying them. It runs
// inside the message callback, so it must not block.
func readReply(data js.Value, keyLens []int) reply {
	if data.Type() != js.TypeObject {
		return reply{err: fmt.Errorf("%w: malformed reply", ErrWorker)}
	}
	if msg := data.Get("error"); msg.Type() == js.TypeString {
		if data.Get("start").Truthy() {
			return reply{err: fmt.Errorf("%w: %s", ErrStart, msg.String())}
		}
		return reply{err: fmt.Errorf("%w: %s", ErrWorker, msg.String())}
	}
	var arrays []js.Value
	if ks := data.Get("keys"); ks.InstanceOf(js.Global().Get("Array")) {
		for i := range ks.Length() {
			arrays = append(arrays, ks.Index(i))
		}
	} else {
		arrays = []js.Value{data.Get("key")}
	}
	defer func() {
		for _, k := range arrays {
			if k.InstanceOf(js.Global().Get("Uint8Array")) {
				k.Call("fill", 0)
			}
		}
	}()
	if len(arrays) != len(keyLens) {
		return reply{err: fmt.Errorf("%w: malformed reply", ErrWorker)}
	}
	keys := make([][]byte, len(arrays))
	for i, k := range arrays {
		if !k.InstanceOf(js.Global().Get("Uint8Array")) || k.Length() != keyLens[i] {
			return reply{err: fmt.Errorf("%w: malformed reply", ErrWorker)}
		}
		keys[i] = make([]byte, keyLens[i])
		js.CopyBytesToGo(keys[i], k)
	}
	return reply{keys: keys}
}

// errorEventText describes an error event of the worker. A worker script
// that fails to load gives a plain Event with no message; an uncaught
// exception in the worker (such as a failed importScripts) gives an
// ErrorEvent with one.
func errorEventText(ev js.Value, url string) string {
	if msg := ev.Get("message"); msg.Type() == js.TypeString && msg.String() != "" {
		return msg.String()
	}
	return "could not load " + url
}

// uint8Array returns a new Uint8Array holding a copy of b.
func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
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
			// String(e) gives "Name: message" for an Error or a
			// DOMException, and works for a thrown non-object too.
			err = errors.New(js.Global().Get("String").Invoke(jsErr.Value).String())
		}
	}()
	f()
	return nil
}
