//go:build js && wasm

package capture

import (
	"errors"
	"fmt"
	"image"
	"syscall/js"
	"testing"
	"time"

	"twofold.app/app/qr"
)

// testPixels is a w×h picture whose pixel i has red 10+i, green 3*i and
// blue 255-i (mod 256), so that every pixel's luma differs from its
// neighbours' and a channel taken for another shows.
func testPixels(w, h int) (rgb [][3]byte, luma []byte) {
	for i := range w * h {
		p := [3]byte{byte(10 + i), byte(3 * i), byte(255 - i)}
		rgb = append(rgb, p)
		var l [1]byte
		qr.RGBAToLuma(l[:], []byte{p[0], p[1], p[2], 255})
		luma = append(luma, l[0])
	}
	return rgb, luma
}

// videoFrame makes a VideoFrame of the given format from buf.
func videoFrame(t *testing.T, format string, w, h int, buf []byte, extra map[string]any) js.Value {
	t.Helper()
	init := map[string]any{"format": format, "codedWidth": w, "codedHeight": h, "timestamp": 0}
	for k, v := range extra {
		init[k] = v
	}
	var f js.Value
	func() {
		defer func() {
			if x := recover(); x != nil {
				t.Fatalf("new VideoFrame(%s %dx%d): %v", format, w, h, x)
			}
		}()
		f = js.Global().Get("VideoFrame").New(toJS(buf), init)
	}()
	t.Cleanup(func() { f.Call("close") })
	return f
}

// TestFrameReader reads VideoFrames of every format a camera or a screen
// capture gives, and checks the luma of every pixel: the Y plane as it is
// for YUV formats, converted with the right channel order for RGB ones.
func TestFrameReader(t *testing.T) {
	if js.Global().Get("VideoFrame").IsUndefined() {
		t.Skip("this browser has no VideoFrame")
	}
	const w, h = 10, 6 // even, as 4:2:0 frames need
	rgb, luma := testPixels(w, h)
	chroma := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = 128
		}
		return b
	}
	yuv := func(chromaBytes int) []byte {
		// The luma of testPixels as the Y plane, then neutral chroma.
		return append(append([]byte(nil), luma...), chroma(chromaBytes)...)
	}
	packed := func(order [4]int) []byte {
		var b []byte
		for _, p := range rgb {
			var px [4]byte
			for i, c := range order {
				if c < 3 {
					px[i] = p[c]
				} else {
					px[i] = 255
				}
			}
			b = append(b, px[:]...)
		}
		return b
	}
	for _, tc := range []struct {
		format string
		buf    []byte
	}{
		{"I420", yuv(2 * (w / 2) * (h / 2))},
		{"NV12", yuv(2 * (w / 2) * (h / 2))},
		{"I444", yuv(2 * w * h)},
		{"RGBA", packed([4]int{0, 1, 2, 3})},
		{"RGBX", packed([4]int{0, 1, 2, 3})},
		{"BGRA", packed([4]int{2, 1, 0, 3})},
		{"BGRX", packed([4]int{2, 1, 0, 3})},
	} {
		t.Run(tc.format, func(t *testing.T) {
			f := videoFrame(t, tc.format, w, h, tc.buf, nil)
			var r frameReader
			dst := make([]byte, 3) // too small: must grow
			for round := range 2 { // the second reuses the buffers
				pix, gw, gh, err := r.read(f, dst)
				if err != nil || gw != w || gh != h {
					t.Fatalf("read gave %dx%d, %v; want %dx%d", gw, gh, err, w, h)
				}
				for i := range luma {
					if pix[i] != luma[i] {
						t.Fatalf("round %d: pixel %d (%d,%d) is %d, want %d", round, i, i%w, i/w, pix[i], luma[i])
					}
				}
				dst = pix
			}
		})
	}

	// A frame whose visible part is smaller than its coded size (a camera
	// that pads its rows): only the visible part is read, rows in order.
	t.Run("visibleRect", func(t *testing.T) {
		const cw, ch = 16, 8
		_, full := testPixels(cw, ch)
		buf := append(append([]byte(nil), full...), chroma(2*(cw/2)*(ch/2))...)
		rect := map[string]any{"x": 2, "y": 2, "width": 10, "height": 4}
		f := videoFrame(t, "I420", cw, ch, buf, map[string]any{"visibleRect": rect})
		var r frameReader
		pix, gw, gh, err := r.read(f, nil)
		if err != nil || gw != 10 || gh != 4 {
			t.Fatalf("read gave %dx%d, %v; want 10x4", gw, gh, err)
		}
		for y := range 4 {
			for x := range 10 {
				if got, want := pix[y*10+x], full[(y+2)*cw+x+2]; got != want {
					t.Fatalf("pixel (%d,%d) is %d, want %d", x, y, got, want)
				}
			}
		}
	})

	t.Run("unknown format", func(t *testing.T) {
		// A frame of a format without 8-bit luma first: the caller must
		// fall back to a canvas.
		f := videoFrame(t, "I420P10", w, h, make([]byte, 2*(w*h+2*(w/2)*(h/2))), nil)
		var r frameReader
		if _, _, _, err := r.read(f, nil); !errors.Is(err, errFormat) {
			t.Fatalf("reading an I420P10 frame gave %v, want errFormat", err)
		}
	})
}

// TestCaptureStream runs a Capture on a live stream (a canvas's, the
// stand-in for a camera that headless Chromium has here) and checks that
// its frames come through VideoFrame, not the canvas fallback, with the
// picture's luma.
func TestCaptureStream(t *testing.T) {
	if js.Global().Get("VideoFrame").IsUndefined() {
		t.Skip("this browser has no VideoFrame")
	}
	const w, h = 320, 240
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Pix[y*w+x] = byte(40 + 160*((x/40+y/40)%2)) // a checkerboard of 40 px squares
		}
	}
	canvas := canvasOf(img)
	// Keep drawing, so the stream has frames.
	redraw := js.FuncOf(func(js.Value, []js.Value) any {
		ctx := canvas.Call("getContext", "2d")
		ctx.Call("fillRect", 0, 0, 0, 0)
		return nil
	})
	defer redraw.Release()
	timer := js.Global().Call("setInterval", redraw, 50)
	defer js.Global().Call("clearInterval", timer)

	stream := canvas.Call("captureStream", 20)
	c := &Capture{kind: Camera, ready: make(chan struct{})}
	c.promise = js.Global().Get("Promise").Call("resolve", stream)
	go c.open(js.Undefined())
	if err := c.Wait(); err != nil {
		t.Fatal(err)
	}
	defer c.Stop()

	var pix []byte
	var gw, gh int
	deadline := time.Now().Add(10 * time.Second)
	for gw == 0 && time.Now().Before(deadline) {
		var err error
		pix, gw, gh, err = c.Luma(pix)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if gw != w || gh != h {
		t.Fatalf("the capture gave a %dx%d frame, want %dx%d", gw, gh, w, h)
	}
	if c.noFrames {
		t.Error("the capture fell back to drawing into a canvas: VideoFrame could not read this stream")
	}
	// Video goes through YUV with limited range and filtering: compare the
	// middle of each square, with a tolerance.
	var bad []string
	for y := 20; y < h; y += 40 {
		for x := 20; x < w; x += 40 {
			want, got := int(img.Pix[y*w+x]), int(pix[y*w+x])
			if got < want-12 || got > want+12 {
				bad = append(bad, fmt.Sprintf("(%d,%d) %d want %d", x, y, got, want))
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("the captured luma differs from the picture at %d of 48 points: %v", len(bad), bad)
	}
	c.Stop()
	if _, _, _, err := c.Luma(pix); !errors.Is(err, ErrEnded) {
		t.Errorf("Luma after Stop gave %v, want ErrEnded", err)
	}
}
