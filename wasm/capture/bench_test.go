//go:build js && wasm

package capture

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"syscall/js"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"twofold.app/app/qr"
)

// frameCanvas draws a w×h gray frame (a QR code of an otpauth link in the
// middle, or none) into a canvas, as a camera frame would be.
func frameCanvas(b *testing.B, w, h int, withCode bool) (js.Value, js.Value) {
	b.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h { // uneven light and sensor noise, as a camera gives
		for x := range w {
			img.Pix[y*w+x] = uint8(140 + 60*x/w + 30*y/h + rng.IntN(9))
		}
	}
	for range 40 { // dark shapes: text, a keyboard, the edge of a screen
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
	rgba := make([]byte, w*h*4)
	for i, v := range img.Pix {
		c := color.Gray{v}
		rgba[4*i], rgba[4*i+1], rgba[4*i+2], rgba[4*i+3] = c.Y, c.Y, c.Y, 255
	}
	doc := js.Global().Get("document")
	canvas := doc.Call("createElement", "canvas")
	canvas.Set("width", w)
	canvas.Set("height", h)
	ctx := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	u8 := js.Global().Get("Uint8ClampedArray").New(len(rgba))
	js.CopyBytesToJS(u8, rgba)
	ctx.Call("putImageData", js.Global().Get("ImageData").New(u8, w, h), 0, 0)
	return canvas, ctx
}

// BenchmarkFrame measures what the scanner does for each camera or screen
// frame in the browser: read the canvas back, copy it into Go, convert it
// to luma and decode it. Run with make bench (wasmbrowsertest, Chromium).
func BenchmarkFrame(b *testing.B) {
	for _, size := range []struct{ w, h int }{{640, 480}, {1280, 720}, {1920, 1080}} {
		// The readback and conversion alone, to tell them from the decode.
		b.Run(fmt.Sprintf("%dx%d/readback", size.w, size.h), func(b *testing.B) {
			_, ctx := frameCanvas(b, size.w, size.h, false)
			rgba, luma := make([]byte, size.w*size.h*4), make([]byte, size.w*size.h)
			for b.Loop() {
				data := ctx.Call("getImageData", 0, 0, size.w, size.h).Get("data")
				js.CopyBytesToGo(rgba, data)
				RGBAToLuma(luma, rgba)
			}
		})
		for _, withCode := range []bool{true, false} {
			name := fmt.Sprintf("%dx%d/code=%v", size.w, size.h, withCode)
			b.Run(name, func(b *testing.B) {
				_, ctx := frameCanvas(b, size.w, size.h, withCode)
				var dec qr.Decoder
				var rgba, luma []byte
				for b.Loop() {
					data := ctx.Call("getImageData", 0, 0, size.w, size.h).Get("data")
					if cap(rgba) < size.w*size.h*4 {
						rgba, luma = make([]byte, size.w*size.h*4), make([]byte, size.w*size.h)
					}
					js.CopyBytesToGo(rgba, data)
					RGBAToLuma(luma, rgba)
					res, _ := dec.Decode(qr.Frame{Pix: luma, W: size.w, H: size.h, Stride: size.w})
					if withCode && len(res) == 0 {
						b.Fatal("the code was not read")
					}
				}
			})
		}
	}
}
