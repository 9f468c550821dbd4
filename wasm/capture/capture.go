//go:build js && wasm

// Package capture reads video frames from the camera or from a screen
// capture, and hands them over for the QR decoder, which reads them in its
// own worker (twofold.app/wasm/scan): the page's main thread does no more
// with a frame than wrap it in a VideoFrame.
//
// A capture must be started synchronously inside a click handler: browsers
// grant getDisplayMedia (and, on some, getUserMedia) only to a user
// gesture. Everything else blocks on browser events, so call it from a
// goroutine, never from inside a js.Func callback.
package capture

import (
	"fmt"
	"sync"
	"syscall/js"

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

	noFrames bool // the stream's frames are read through a canvas
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

// Frame is the current frame of a capture, for the QR decoder: a
// VideoFrame where the browser has them, or else the frame's pixels read
// back from a canvas.
type Frame struct {
	// Video is a new VideoFrame of the stream's current frame, which the
	// receiver must close or transfer; undefined when RGBA is set.
	Video js.Value
	// RGBA is the frame drawn into a canvas and read back, 4 bytes a pixel
	// in rows of W with no padding, in a new Uint8ClampedArray whose buffer
	// the receiver may transfer; undefined when Video is set.
	RGBA js.Value
	// W and H are the frame's size; W is 0 while the stream has no frame
	// yet, and then the frame is empty.
	W, H int
}

// Frame returns the current frame, at its full size.
//
// A VideoFrame made from the video element costs the page next to nothing:
// it refers to the frame the browser has decoded, and its pixels are
// copied out by whoever it is transferred to. Where VideoFrame is missing,
// or after NoVideoFrames, the frame is drawn into a canvas and read back
// here, which costs the page several milliseconds a frame at 1280×720.
func (c *Capture) Frame() (Frame, error) {
	if err := c.Wait(); err != nil {
		return Frame{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended {
		return Frame{}, ErrEnded
	}
	w, h := c.video.Get("videoWidth").Int(), c.video.Get("videoHeight").Int()
	if w == 0 || h == 0 || c.video.Get("readyState").Int() < 2 { // HAVE_CURRENT_DATA
		return Frame{}, nil
	}
	if !c.noFrames {
		if ctor := js.Global().Get("VideoFrame"); ctor.Type() == js.TypeFunction {
			frame, err := construct(ctor, c.video)
			if err == nil {
				return Frame{Video: frame, W: w, H: h}, nil
			}
		}
		// No VideoFrame, or none of this video: use the canvas from now
		// on.
		c.noFrames = true
	}
	return Frame{RGBA: c.canvasRGBA(w, h), W: w, H: h}, nil
}

// NoVideoFrames makes Frame read every later frame through a canvas, for a
// decoder that could not read this stream's VideoFrames.
func (c *Capture) NoVideoFrames() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.noFrames = true
}

// construct calls new ctor(args...), turning a thrown exception into an
// error.
func construct(ctor js.Value, args ...any) (v js.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			if jerr, ok := x.(js.Error); ok {
				err = jsx.ErrorFrom(jerr.Value)
				return
			}
			err = fmt.Errorf("%v", x)
		}
	}()
	return ctor.New(args...), nil
}

// canvasRGBA draws the video, showing its current frame, into a canvas and
// returns the canvas's pixels.
func (c *Capture) canvasRGBA(w, h int) js.Value {
	if c.ctx2d.IsUndefined() {
		canvas := js.Global().Get("document").Call("createElement", "canvas")
		c.ctx2d = canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	}
	canvas := c.ctx2d.Get("canvas")
	if canvas.Get("width").Int() != w || canvas.Get("height").Int() != h {
		canvas.Set("width", w)
		canvas.Set("height", h)
	}
	c.ctx2d.Call("drawImage", c.video, 0, 0)
	return c.ctx2d.Call("getImageData", 0, 0, w, h).Get("data")
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
