//go:build js && wasm

package capture

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"slices"
	"syscall/js"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"twofold.app/app/qr"
)

// frameImage is a w×h gray frame as a camera pointed at a page gives it:
// uneven light, noise, dark shapes, and a QR code of an otpauth link in the
// middle when withCode.
func frameImage(b testing.TB, w, h int, withCode bool) *image.Gray {
	b.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			img.Pix[y*w+x] = uint8(140 + 60*x/w + 30*y/h + rng.IntN(9))
		}
	}
	for range 40 { // text, a keyboard, the edge of a screen
		x, y := rng.IntN(w), rng.IntN(h)
		r := image.Rect(x, y, x+10+rng.IntN(w/8), y+4+rng.IntN(h/20))
		draw.Draw(img, r, &image.Uniform{color.Gray{uint8(40 + rng.IntN(60))}}, image.Point{}, draw.Src)
	}
	if withCode {
		q, err := qrcode.New("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example", qrcode.Medium)
		if err != nil {
			b.Fatal(err)
		}
		side := h / 2
		code := q.Image(side)
		r := image.Rect((w-side)/2, (h-side)/2, (w+side)/2, (h+side)/2)
		draw.Draw(img, r, code, image.Point{}, draw.Src)
	}
	return img
}

// toJS copies p into a new Uint8Array.
func toJS(p []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(p))
	js.CopyBytesToJS(u8, p)
	return u8
}

// i420Frame is img as a camera's I420 VideoFrame: its luma, and neutral
// chroma.
func i420Frame(img *image.Gray) js.Value {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	buf := make([]byte, w*h+2*((w+1)/2)*((h+1)/2))
	copy(buf, img.Pix)
	for i := w * h; i < len(buf); i++ {
		buf[i] = 128
	}
	return js.Global().Get("VideoFrame").New(toJS(buf), map[string]any{
		"format": "I420", "codedWidth": w, "codedHeight": h, "timestamp": 0,
	})
}

// canvasOf draws img into a new canvas.
func canvasOf(img *image.Gray) js.Value {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rgba := make([]byte, 4*w*h)
	for i, v := range img.Pix {
		rgba[4*i], rgba[4*i+1], rgba[4*i+2], rgba[4*i+3] = v, v, v, 255
	}
	canvas := js.Global().Get("document").Call("createElement", "canvas")
	canvas.Set("width", w)
	canvas.Set("height", h)
	ctx := canvas.Call("getContext", "2d")
	data := js.Global().Get("Uint8ClampedArray").New(len(rgba))
	js.CopyBytesToJS(data, rgba)
	ctx.Call("putImageData", js.Global().Get("ImageData").New(data, w, h), 0, 0)
	return canvas
}

// BenchmarkFrame measures what the scanner does for each camera or screen
// frame in the browser, with the code Capture.Luma runs: get the frame's
// pixels into Go as luma, then decode them. Run it with make bench
// (wasmbrowsertest, headless Chromium).
//
// The sources: "camera" is an I420 VideoFrame, as cameras give them, read
// with VideoFrame.copyTo (one is made from another for each iteration, as
// one is made from the video element for each scan); "rgb" is a
// VideoFrame of a canvas (BGRA here), as some screen captures give, read
// the same way and converted; "canvas" is the fallback where VideoFrame is
// missing or cannot be copied: the frame drawn into a canvas and read with
// getImageData.
func BenchmarkFrame(b *testing.B) {
	if js.Global().Get("VideoFrame").IsUndefined() {
		b.Skip("this browser has no VideoFrame: the camera path cannot be measured")
	}
	for _, size := range []struct{ w, h int }{{640, 480}, {1280, 720}, {1920, 1080}} {
		for _, withCode := range []bool{false, true} {
			img := frameImage(b, size.w, size.h, withCode)
			camera := i420Frame(img)
			canvas := canvasOf(img)
			sources := []struct {
				name string
				read func(c *Capture, dst []byte) ([]byte, int, int, error)
			}{
				{"camera", func(c *Capture, dst []byte) ([]byte, int, int, error) {
					f := js.Global().Get("VideoFrame").New(camera)
					defer f.Call("close")
					return c.frames.read(f, dst)
				}},
				{"rgb", func(c *Capture, dst []byte) ([]byte, int, int, error) {
					f := js.Global().Get("VideoFrame").New(canvas, map[string]any{"timestamp": 0})
					defer f.Call("close")
					return c.frames.read(f, dst)
				}},
				{"canvas", func(c *Capture, dst []byte) ([]byte, int, int, error) {
					return c.canvasLuma(canvas, dst, size.w, size.h)
				}},
			}
			for _, src := range sources {
				for _, decode := range []bool{false, true} {
					if !decode && withCode {
						continue // the readback does not depend on the content
					}
					what := "readback"
					if decode {
						what = fmt.Sprintf("code=%v", withCode)
					}
					b.Run(fmt.Sprintf("%dx%d/%s/%s", size.w, size.h, src.name, what), func(b *testing.B) {
						var c Capture
						var dec qr.Decoder
						var pix []byte
						times := make([]time.Duration, 0, b.N)
						for b.Loop() {
							start := time.Now()
							var w, h int
							var err error
							pix, w, h, err = src.read(&c, pix)
							if err != nil || w != size.w || h != size.h {
								b.Fatalf("read a %dx%d frame (%v), want %dx%d", w, h, err, size.w, size.h)
							}
							if decode {
								res, _ := dec.Decode(qr.Frame{Pix: pix, W: w, H: h, Stride: w})
								if withCode && len(res) == 0 {
									b.Fatal("the code was not read")
								}
							}
							times = append(times, time.Since(start))
						}
						reportSpread(b, times)
					})
				}
			}
			camera.Call("close")
		}
	}
}

// reportSpread reports the fastest and the median of the times of a
// benchmark's iterations as "min-ms" and "med-ms". On a shared machine
// the mean swings by several times with the load, the fastest calls much
// less: compare those across runs. A live Decode call does one of several
// stages in turn, so the median is a typical frame.
func reportSpread(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[0].Microseconds())/1000, "min-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "med-ms")
}
