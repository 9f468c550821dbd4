//go:build js && wasm

// Package scan reads QR codes in a dedicated Web Worker, so that the page's
// main thread never decodes: it hands over camera and screen frames as
// VideoFrames (transferred, not copied) and image files as they are, and
// gets texts back. The worker runs static/scan-worker.js, which starts the
// small Go program of twofold.app/wasm/scanworker (/web/scan.wasm) with the
// decoder of twofold.app/app/qr; the page's own program holds no decoder.
//
// A decode costs the page's main thread what it takes to wrap the video's
// current frame in a VideoFrame and post it, a fraction of a millisecond,
// where the decoder there took 5 to 15 ms a 1280×720 frame, and more on a
// phone. Where the browser has no VideoFrame, or the worker cannot read
// those of a stream, the page draws the frame into a canvas and transfers
// the canvas's pixels instead (see [capture.Capture.Frame]).
//
// The worker starts when the first [Reader] opens, in the background, and
// is terminated when the last one closes, which gives its memory back.
//
// A [Reader] is the [ui.Decoder] of the browser build.
package scan

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"twofold.app/app/ui"
	"twofold.app/wasm/capture"
	"twofold.app/wasm/files"
)

// DefaultURL is the worker script. It is static/scan-worker.js as the built
// site serves it; the script loads scan.wasm from its own directory and
// ../wasm_exec.js.
const DefaultURL = "/web/scan-worker.js"

// The errors of a Reader: those of the ui.Decoder it implements, so that
// the screens branch on them.
var (
	// ErrStart means the worker could not be started: the browser has no
	// Web Workers, the worker script, wasm_exec.js or scan.wasm could not
	// be loaded, or they belong to another version of the app.
	ErrStart = ui.ErrDecoderStart
	// ErrFailed means the worker started but stopped working, or did not
	// answer in time.
	ErrFailed = ui.ErrDecoderFailed
	// ErrNotFound means an image holds no QR code the decoder could read.
	ErrNotFound = ui.ErrNoCode
)

// How long a job may take in the worker before it counts as failed: far
// above the few tens of milliseconds of a frame, or the tenths of a second
// of a large photo, on a slow phone.
const (
	frameTimeout = 20 * time.Second
	imageTimeout = 2 * time.Minute
)

// shared holds the worker of each script URL that Readers use, and how
// many Readers are open on it.
var shared = struct {
	sync.Mutex
	workers map[string]*worker
	users   map[string]int
}{workers: map[string]*worker{}, users: map[string]int{}}

// streams numbers the captures read, so that the worker tells their frames
// apart.
var streams atomic.Int64

// Reader reads QR codes in the worker for one scanner. Its methods block:
// call them from a goroutine, never from inside a js.Func callback, since
// the replies come through the JavaScript event loop.
type Reader struct {
	url  string
	busy atomic.Bool // a frame is being read

	mu     sync.Mutex
	closed bool
	last   *capture.Capture
	stream int64
}

var _ ui.Decoder = (*Reader)(nil)

// Open opens a Reader on the worker of the script at url ("" means
// DefaultURL), and starts that worker, in the background, if none runs.
func Open(url string) *Reader {
	if url == "" {
		url = DefaultURL
	}
	shared.Lock()
	defer shared.Unlock()
	shared.users[url]++
	if shared.workers[url] == nil {
		shared.workers[url] = start(url)
	}
	return &Reader{url: url}
}

// Close closes r. When it was the last Reader open on its worker, the
// worker is terminated.
func (r *Reader) Close() {
	r.mu.Lock()
	closed := r.closed
	r.closed = true
	r.mu.Unlock()
	if closed {
		return
	}
	shared.Lock()
	defer shared.Unlock()
	shared.users[r.url]--
	if shared.users[r.url] > 0 {
		return
	}
	delete(shared.users, r.url)
	if w := shared.workers[r.url]; w != nil {
		delete(shared.workers, r.url)
		w.close()
	}
}

// worker returns the worker to use, starting a new one when the last has
// failed: a worker that crashed, or could not be loaded while offline,
// gets another chance at the next frame or image.
func (r *Reader) worker() (*worker, error) {
	r.mu.Lock()
	closed := r.closed
	r.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("%w: the reader was closed", ErrFailed)
	}
	shared.Lock()
	defer shared.Unlock()
	w := shared.workers[r.url]
	if w == nil || w.failed() {
		w = start(r.url)
		shared.workers[r.url] = w
	}
	return w, nil
}

// Frame reads the codes of c's current frame in the worker, which keeps
// the state of its live decoder from one frame of c to the next. One frame
// is read at a time: a call while another is in progress returns at once
// with no texts, the frame dropped. It implements [ui.Decoder].
func (r *Reader) Frame(c ui.Capture) ([]string, error) {
	cc, ok := c.(*capture.Capture)
	if !ok {
		return nil, fmt.Errorf("%w: %T is not a browser capture", ErrFailed, c)
	}
	if !r.busy.CompareAndSwap(false, true) {
		return nil, nil
	}
	defer r.busy.Store(false)
	r.mu.Lock()
	if cc != r.last {
		r.last, r.stream = cc, streams.Add(1)
	}
	stream := r.stream
	r.mu.Unlock()
	w, err := r.worker()
	if err != nil {
		return nil, err
	}
	for {
		f, err := cc.Frame()
		if err != nil || f.W == 0 {
			return nil, err
		}
		var rep reply
		if f.RGBA.IsUndefined() {
			job := map[string]any{"kind": "frame", "frame": f.Video, "stream": stream}
			rep, err = w.call(job, []any{f.Video}, frameTimeout)
			if err != nil && !f.Video.IsUndefined() {
				f.Video.Call("close") // not posted: it is still ours
			}
		} else {
			job := map[string]any{"kind": "pixels", "data": f.RGBA, "format": "RGBA",
				"width": f.W, "height": f.H, "stride": 4 * f.W, "stream": stream}
			rep, err = w.call(job, []any{f.RGBA.Get("buffer")}, frameTimeout)
		}
		if err == nil {
			err = rep.err
		}
		if isFormat(err) && f.RGBA.IsUndefined() {
			// The worker cannot read this stream's VideoFrames: read
			// them through a canvas here from now on.
			cc.NoVideoFrames()
			continue
		}
		if isFormat(err) {
			err = fmt.Errorf("%w: %v", ErrFailed, err)
		}
		return rep.texts, err
	}
}

// Image reads every code of an image file in the worker, thoroughly. The
// worker decodes and draws the file itself where it can; otherwise the
// page draws it and hands the pixels over. It implements [ui.Decoder].
func (r *Reader) Image(f ui.File) ([]string, error) {
	ff, ok := f.(files.File)
	if !ok {
		return nil, fmt.Errorf("%w: %T is not a browser file", ErrFailed, f)
	}
	w, err := r.worker()
	if err != nil {
		return nil, err
	}
	draw, err := w.canDraw()
	if err != nil {
		return nil, err
	}
	var rep reply
	err = errFormat
	if draw {
		job := map[string]any{"kind": "image", "blob": ff.Value(), "maxSide": files.MaxImageSide, "thorough": true}
		if rep, err = w.call(job, nil, imageTimeout); err == nil {
			err = rep.err
		}
	}
	if isFormat(err) {
		rgba, width, height, ierr := files.ImageRGBA(ff)
		if ierr != nil {
			return nil, ierr
		}
		job := map[string]any{"kind": "pixels", "data": rgba, "format": "RGBA",
			"width": width, "height": height, "stride": 4 * width, "thorough": true}
		if rep, err = w.call(job, []any{rgba.Get("buffer")}, imageTimeout); err == nil {
			err = rep.err
		}
	}
	if isFormat(err) {
		err = fmt.Errorf("%w: %v", ErrFailed, err)
	}
	if err != nil {
		return nil, err
	}
	if len(rep.texts) == 0 {
		return nil, ErrNotFound
	}
	return rep.texts, nil
}

// isFormat reports whether err says the worker could not read the pixels
// it was given.
func isFormat(err error) bool { return errors.Is(err, errFormat) }
