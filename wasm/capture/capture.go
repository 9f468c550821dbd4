//go:build js && wasm

// Package capture reads video frames from the camera or from a screen
// capture, as 8-bit luma planes for the QR decoder.
//
// A capture must be started synchronously inside a click handler: browsers
// grant getDisplayMedia (and, on some, getUserMedia) only to a user
// gesture. Everything else blocks on browser events, so call it from a
// goroutine, never from inside a js.Func callback.
package capture

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"twofold.app/app/qr"
	"twofold.app/app/ui"
	"twofold.app/wasm/jsx"
)

// Kind is what a capture reads.
type Kind int

// The kinds of capture.
const (
	Camera Kind = iota
	Screen
)

// Errors a capture reports: those of the ui.Capture it implements, so that
// the screens branch on them.
var (
	// ErrDenied means the user or the browser refused access.
	ErrDenied = ui.ErrCaptureDenied
	// ErrNoDevice means there is no camera, or the browser cannot capture
	// the screen.
	ErrNoDevice = ui.ErrNoCapture
	// ErrEnded means the capture stopped: the user ended the screen share,
	// the camera was unplugged, the page was hidden, or Stop was called.
	ErrEnded = ui.ErrCaptureEnded
)

// Capture is a live camera or screen stream.
type Capture struct {
	kind    Kind
	promise js.Value // of the MediaStream
	ready   chan struct{}
	err     error

	mu     sync.Mutex
	stream js.Value
	video  js.Value
	ctx2d  js.Value // of a canvas, made when a frame must be drawn
	rgba   []byte

	frames   frameReader
	noFrames bool // the stream's frames cannot be read as VideoFrames
	ended    bool
	release  []func()
}

// Start asks for the camera (deviceID "" prefers the rear camera) or for a
// screen capture, at the highest resolution the browser allows. It must be
// called inside a click handler. preview, if not undefined, is a <video>
// element that shows the stream; otherwise the capture uses a hidden one.
func Start(kind Kind, deviceID string, preview js.Value) *Capture {
	c := &Capture{kind: kind, ready: make(chan struct{})}
	md := js.Global().Get("navigator").Get("mediaDevices")
	var method string
	var constraints map[string]any
	switch kind {
	case Camera:
		method = "getUserMedia"
		video := map[string]any{
			"width":  map[string]any{"ideal": 1920},
			"height": map[string]any{"ideal": 1080},
		}
		if deviceID != "" {
			video["deviceId"] = map[string]any{"exact": deviceID}
		} else {
			video["facingMode"] = map[string]any{"ideal": "environment"}
		}
		constraints = map[string]any{"audio": false, "video": video}
	case Screen:
		method = "getDisplayMedia"
		constraints = map[string]any{
			"audio": false,
			// Ask for the capture at its own size: a small code in a large
			// capture must not be scaled away.
			"video": map[string]any{
				"width":     map[string]any{"ideal": 7680},
				"height":    map[string]any{"ideal": 4320},
				"frameRate": map[string]any{"ideal": 10},
			},
			"selfBrowserSurface": "exclude",
			"preferCurrentTab":   false,
		}
	}
	if md.IsUndefined() || md.Get(method).IsUndefined() {
		c.fail(ErrNoDevice)
		return c
	}
	p, err := call(md, method, constraints)
	if err != nil {
		c.fail(mapErr(err))
		return c
	}
	c.promise = p
	go c.open(preview)
	return c
}

// call invokes a method, turning a thrown exception into an error.
func call(v js.Value, method string, args ...any) (r js.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			if jerr, ok := x.(js.Error); ok {
				err = jsx.ErrorFrom(jerr.Value)
				return
			}
			err = fmt.Errorf("%v", x)
		}
	}()
	return v.Call(method, args...), nil
}

func (c *Capture) fail(err error) {
	c.err = err
	close(c.ready)
}

func mapErr(err error) error {
	switch {
	case jsx.IsName(err, "NotAllowedError"), jsx.IsName(err, "SecurityError"):
		return fmt.Errorf("%w: %v", ErrDenied, err)
	case jsx.IsName(err, "NotFoundError"), jsx.IsName(err, "OverconstrainedError"), jsx.IsName(err, "NotReadableError"):
		return fmt.Errorf("%w: %v", ErrNoDevice, err)
	}
	return err
}

func (c *Capture) open(preview js.Value) {
	stream, err := jsx.Await(c.promise)
	if err != nil {
		c.fail(mapErr(err))
		return
	}
	doc := js.Global().Get("document")
	video := preview
	if video.IsUndefined() || video.IsNull() {
		video = doc.Call("createElement", "video")
	}
	video.Set("muted", true)
	video.Set("playsInline", true)
	video.Call("setAttribute", "playsinline", "")
	video.Set("srcObject", stream)
	c.mu.Lock()
	c.stream, c.video = stream, video
	c.mu.Unlock()

	// A track that ends (the user pressed "Stop sharing", a camera was
	// unplugged) ends the capture; so does hiding the page.
	onEnded := js.FuncOf(func(js.Value, []js.Value) any { go c.Stop(); return nil })
	tracks := stream.Call("getVideoTracks")
	for i := 0; i < tracks.Length(); i++ {
		tracks.Index(i).Call("addEventListener", "ended", onEnded)
	}
	onHidden := js.FuncOf(func(js.Value, []js.Value) any {
		if doc.Get("visibilityState").String() == "hidden" {
			go c.Stop()
		}
		return nil
	})
	doc.Call("addEventListener", "visibilitychange", onHidden)
	c.mu.Lock()
	c.release = append(c.release, func() {
		doc.Call("removeEventListener", "visibilitychange", onHidden)
		onHidden.Release()
		onEnded.Release()
	})
	c.mu.Unlock()

	if _, err := jsx.Await(video.Call("play")); err != nil && !jsx.IsName(err, "AbortError") {
		c.Stop()
		c.fail(fmt.Errorf("starting the video: %w", err))
		return
	}
	close(c.ready)
}

// Wait blocks until the stream shows frames, or returns why it cannot.
func (c *Capture) Wait() error {
	<-c.ready
	return c.err
}

// Luma writes the luma of the current frame, at its full size, into dst,
// which is grown as needed and returned with the frame's size. It returns
// w == 0 while the stream has no frame yet.
//
// Where the browser has VideoFrame, the frame is copied out as the camera
// or the screen capture gave it (see frameReader); otherwise, or for a
// frame in a format that cannot be copied, it is drawn into a canvas and
// read back.
func (c *Capture) Luma(dst []byte) (pix []byte, w, h int, err error) {
	if err := c.Wait(); err != nil {
		return dst, 0, 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended {
		return dst, 0, 0, ErrEnded
	}
	w, h = c.video.Get("videoWidth").Int(), c.video.Get("videoHeight").Int()
	if w == 0 || h == 0 || c.video.Get("readyState").Int() < 2 { // HAVE_CURRENT_DATA
		return dst, 0, 0, nil
	}
	if !c.noFrames {
		pix, w, h, err := c.frameLuma(dst)
		if !errors.Is(err, errFormat) {
			return pix, w, h, err
		}
		// This stream's frames cannot be copied out: use the canvas from
		// now on.
		c.noFrames = true
	}
	return c.canvasLuma(c.video, dst, w, h)
}

// frameLuma reads the current frame as a VideoFrame.
func (c *Capture) frameLuma(dst []byte) (pix []byte, w, h int, err error) {
	ctor := js.Global().Get("VideoFrame")
	if ctor.IsUndefined() {
		return dst, 0, 0, errFormat
	}
	var frame js.Value
	func() {
		defer func() {
			if x := recover(); x != nil {
				err = fmt.Errorf("%w: %v", errFormat, x)
			}
		}()
		frame = ctor.New(c.video)
	}()
	if err != nil {
		return dst, 0, 0, err
	}
	defer frame.Call("close")
	return c.frames.read(frame, dst)
}

// canvasLuma draws src (the video, showing its current frame) into a
// canvas and reads it back.
func (c *Capture) canvasLuma(src js.Value, dst []byte, w, h int) (pix []byte, _, _ int, err error) {
	if c.ctx2d.IsUndefined() {
		canvas := js.Global().Get("document").Call("createElement", "canvas")
		c.ctx2d = canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	}
	canvas := c.ctx2d.Get("canvas")
	if canvas.Get("width").Int() != w || canvas.Get("height").Int() != h {
		canvas.Set("width", w)
		canvas.Set("height", h)
	}
	c.ctx2d.Call("drawImage", src, 0, 0)
	data := c.ctx2d.Call("getImageData", 0, 0, w, h).Get("data")
	if cap(c.rgba) < w*h*4 {
		c.rgba = make([]byte, w*h*4)
	}
	rgba := c.rgba[:w*h*4]
	js.CopyBytesToGo(rgba, data)
	if cap(dst) < w*h {
		dst = make([]byte, w*h)
	}
	dst = dst[:w*h]
	qr.RGBAToLuma(dst, rgba)
	return dst, w, h, nil
}

// Stop ends the capture and releases the camera or the screen share.
func (c *Capture) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended {
		return
	}
	c.ended = true
	if !c.stream.IsUndefined() && !c.stream.IsNull() {
		tracks := c.stream.Call("getTracks")
		for i := 0; i < tracks.Length(); i++ {
			tracks.Index(i).Call("stop")
		}
	}
	if !c.video.IsUndefined() && !c.video.IsNull() {
		c.video.Set("srcObject", js.Null())
	}
	for _, f := range c.release {
		f()
	}
	c.release = nil
}

// Torch reports whether the camera has a torch, and turns it on or off
// when it has one.
func (c *Capture) Torch(on bool) (bool, error) {
	if err := c.Wait(); err != nil {
		return false, err
	}
	c.mu.Lock()
	track := c.stream.Call("getVideoTracks").Index(0)
	c.mu.Unlock()
	if track.Get("getCapabilities").IsUndefined() {
		return false, nil
	}
	caps := track.Call("getCapabilities")
	if !caps.Get("torch").Truthy() {
		return false, nil
	}
	p := track.Call("applyConstraints", map[string]any{"advanced": []any{map[string]any{"torch": on}}})
	_, err := jsx.Await(p)
	return true, err
}

// DeviceID returns the ID of the device the capture's video comes from,
// or "" when the browser does not say (screen captures, mostly).
func (c *Capture) DeviceID() string {
	if c.Wait() != nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	tracks := c.stream.Call("getVideoTracks")
	if tracks.Length() == 0 || tracks.Index(0).Get("getSettings").IsUndefined() {
		return ""
	}
	id := tracks.Index(0).Call("getSettings").Get("deviceId")
	if id.Type() != js.TypeString {
		return ""
	}
	return id.String()
}

// Device is a camera the page may use.
type Device struct {
	ID, Label string
}

// Cameras lists the cameras. Labels are empty until the user has allowed
// a camera once.
func Cameras() ([]Device, error) {
	md := js.Global().Get("navigator").Get("mediaDevices")
	if md.IsUndefined() || md.Get("enumerateDevices").IsUndefined() {
		return nil, ErrNoDevice
	}
	list, err := jsx.Await(md.Call("enumerateDevices"))
	if err != nil {
		return nil, err
	}
	var out []Device
	for i := 0; i < list.Length(); i++ {
		d := list.Index(i)
		if d.Get("kind").String() == "videoinput" {
			out = append(out, Device{ID: d.Get("deviceId").String(), Label: d.Get("label").String()})
		}
	}
	return out, nil
}
