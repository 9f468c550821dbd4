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

	"twofold.app/app/qr"
	"twofold.app/wasm/jsx"
)

// frameImage is a w×h gray frame as a camera pointed at a desk gives it:
// uneven light, noise, and dark shapes (text, a keyboard, the edge of a
// screen).
func frameImage(b testing.TB, w, h int) *image.Gray {
	b.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			img.Pix[y*w+x] = uint8(140 + 60*x/w + 30*y/h + rng.IntN(9))
		}
	}
	for range 40 {
		x, y := rng.IntN(w), rng.IntN(h)
		r := image.Rect(x, y, x+10+rng.IntN(w/8), y+4+rng.IntN(h/20))
		draw.Draw(img, r, &image.Uniform{color.Gray{uint8(40 + rng.IntN(60))}}, image.Point{}, draw.Src)
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

// sink is a worker that takes what it is posted and closes the
// VideoFrames among it, as the scan worker would after reading them.
func sink(b *testing.B) js.Value {
	src := `onmessage = (e) => { const d = e.data; if (d && typeof d.close === "function") d.close(); };`
	blob := js.Global().Get("Blob").New([]any{src}, map[string]any{"type": "text/javascript"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	w := js.Global().Get("Worker").New(url)
	b.Cleanup(func() { w.Call("terminate") })
	return w
}

// BenchmarkHandOver measures what handing one frame to the scan worker
// costs the page's main thread, for the three ways it could be handed over.
// Only the page's synchronous work is timed: what the browser does on
// other threads, and the wait for a copy's promise, are not. Run it with
// make bench (wasmbrowsertest, headless Chromium).
//
// The ways: "frame", a new VideoFrame of the source (as the scanner makes
// one of the video for each frame), transferred: what Capture.Frame and the
// scan worker do; "canvas", the source drawn into a canvas, read back with
// getImageData and the pixels' buffer transferred: the fallback where
// VideoFrame is missing; "luma", the luma computed in the page and sent as
// a buffer: the frame copied out with VideoFrame.copyTo into Go, converted
// to luma there for RGB frames (as the page did before the worker), and
// copied back into a new array to transfer.
//
// The sources: "camera", an I420 VideoFrame, as cameras give them;
// "screen", a canvas, as a screen capture's frames are RGB (BGRA).
func BenchmarkHandOver(b *testing.B) {
	if js.Global().Get("VideoFrame").IsUndefined() {
		b.Skip("this browser has no VideoFrame: the hand-over cannot be measured")
	}
	worker := sink(b)
	post := func(v js.Value, transfer js.Value) {
		worker.Call("postMessage", v, []any{transfer})
	}
	for _, size := range []struct{ w, h int }{{1280, 720}, {1920, 1080}} {
		img := frameImage(b, size.w, size.h)
		camera := i420Frame(img)
		canvas := canvasOf(img)
		ctx2d := js.Global().Get("document").Call("createElement", "canvas").
			Call("getContext", "2d", map[string]any{"willReadFrequently": true})
		ctx2d.Get("canvas").Set("width", size.w)
		ctx2d.Get("canvas").Set("height", size.h)
		for _, src := range []struct {
			name  string
			frame func() js.Value // a new VideoFrame of the source
			draw  js.Value        // what a canvas draws
		}{
			{"camera", func() js.Value { return js.Global().Get("VideoFrame").New(camera) }, camera},
			{"screen", func() js.Value {
				return js.Global().Get("VideoFrame").New(canvas, map[string]any{"timestamp": 0})
			}, canvas},
		} {
			// The luma way's buffers, kept from one frame to the next as
			// a scan would keep them; the array sent must be new, as it is
			// transferred.
			var buf js.Value
			var luma, rgba []byte
			ways := []struct {
				name string
				hand func() time.Duration // returns the page's synchronous time
			}{
				{"frame", func() time.Duration {
					start := time.Now()
					f := src.frame()
					post(f, f)
					return time.Since(start)
				}},
				{"canvas", func() time.Duration {
					start := time.Now()
					ctx2d.Call("drawImage", src.draw, 0, 0)
					data := ctx2d.Call("getImageData", 0, 0, size.w, size.h).Get("data")
					post(data, data.Get("buffer"))
					return time.Since(start)
				}},
				{"luma", func() time.Duration {
					start := time.Now()
					f := src.frame()
					if n := f.Call("allocationSize").Int(); buf.IsUndefined() || buf.Length() < n {
						buf = js.Global().Get("Uint8Array").New(n)
					}
					p := f.Call("copyTo", buf)
					busy := time.Since(start)
					layout, err := jsx.Await(p)
					if err != nil {
						b.Fatal(err)
					}
					start = time.Now()
					f.Call("close")
					plane := layout.Index(0)
					offset, stride := plane.Get("offset").Int(), plane.Get("stride").Int()
					luma = slices.Grow(luma[:0], size.w*size.h)[:size.w*size.h]
					if f.Get("format").String() == "I420" {
						js.CopyBytesToGo(luma, buf.Call("subarray", offset, offset+size.w*size.h))
					} else {
						rgba = slices.Grow(rgba[:0], stride*size.h)[:stride*size.h]
						js.CopyBytesToGo(rgba, buf.Call("subarray", offset, offset+len(rgba)))
						for y := range size.h {
							qr.BGRAToLuma(luma[y*size.w:(y+1)*size.w], rgba[y*stride:])
						}
					}
					out := js.Global().Get("Uint8Array").New(len(luma))
					js.CopyBytesToJS(out, luma)
					post(out, out.Get("buffer"))
					return busy + time.Since(start)
				}},
			}
			for _, way := range ways {
				b.Run(fmt.Sprintf("%dx%d/%s/%s", size.w, size.h, src.name, way.name), func(b *testing.B) {
					times := make([]time.Duration, 0, b.N)
					for b.Loop() {
						times = append(times, way.hand())
						// Let the worker take it, as frames come 100 ms apart.
						time.Sleep(5 * time.Millisecond)
					}
					reportSpread(b, times)
				})
			}
		}
		camera.Call("close")
	}
}

// reportSpread reports the fastest and the median of the times of a
// benchmark's iterations as "min-ms" and "med-ms". On a shared machine
// the mean swings by several times with the load, the fastest calls much
// less: compare those across runs.
func reportSpread(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[0].Microseconds())/1000, "min-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "med-ms")
}
