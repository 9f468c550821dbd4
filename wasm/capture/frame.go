//go:build js && wasm

package capture

import (
	"errors"
	"fmt"
	"syscall/js"

	"twofold.app/app/qr"
	"twofold.app/wasm/jsx"
)

// errFormat means a VideoFrame's pixels are in a format this package does
// not read (or in none the page can see, as for some GPU frames); the
// caller then draws the frame into a canvas instead.
var errFormat = errors.New("unsupported video frame format")

// frameReader turns VideoFrames into luma planes. It keeps one JavaScript
// buffer and one Go buffer across frames, so that a scan allocates nothing
// per frame.
//
// A camera gives its frames in a YUV format (I420 or NV12 on every desktop
// and phone browser measured), whose first plane is the luma itself: the
// frame is copied out with VideoFrame.copyTo and that plane goes straight
// to the decoder, with no conversion at all. This is what makes a camera
// frame cheap; drawing it into a canvas and reading the canvas back costs
// more than the decode (see BENCHMARKS.md). RGB frames (some screen
// captures) are copied the same way and converted in Go.
type frameReader struct {
	buf  js.Value // Uint8Array, grown as needed
	size int
	rgba []byte
}

// lumaFirst lists the formats whose first plane is 8-bit luma.
var lumaFirst = map[string]bool{
	"I420": true, "I420A": true, "I422": true, "I422A": true,
	"I444": true, "I444A": true, "NV12": true, "NV12A": true,
}

// rgbLuma gives, for each 8-bit RGB format, its conversion to luma.
var rgbLuma = map[string]func(dst, src []byte){
	"RGBA": qr.RGBAToLuma, "RGBX": qr.RGBAToLuma,
	"BGRA": qr.BGRAToLuma, "BGRX": qr.BGRAToLuma,
}

// read copies the visible part of frame and writes its luma into dst,
// which is grown as needed and returned with the frame's size. It does not
// close frame. It must not be called from a js.Func callback: it waits for
// the copy's promise.
func (r *frameReader) read(frame js.Value, dst []byte) (pix []byte, w, h int, err error) {
	format := frame.Get("format")
	if format.Type() != js.TypeString {
		return dst, 0, 0, errFormat
	}
	f := format.String()
	toLuma, rgb := rgbLuma[f]
	if !lumaFirst[f] && !rgb {
		return dst, 0, 0, fmt.Errorf("%w: %s", errFormat, f)
	}
	rect := frame.Get("visibleRect")
	w, h = rect.Get("width").Int(), rect.Get("height").Int()
	if w == 0 || h == 0 {
		return dst, 0, 0, nil
	}
	size := frame.Call("allocationSize").Int()
	if r.buf.IsUndefined() || r.size < size {
		r.buf = js.Global().Get("Uint8Array").New(size)
		r.size = size
	}
	layout, err := jsx.Await(frame.Call("copyTo", r.buf))
	if err != nil {
		return dst, 0, 0, fmt.Errorf("copying the video frame: %w", err)
	}
	offset := layout.Index(0).Get("offset").Int()
	stride := layout.Index(0).Get("stride").Int()
	if cap(dst) < w*h {
		dst = make([]byte, w*h)
	}
	dst = dst[:w*h]
	if !rgb {
		if stride == w {
			js.CopyBytesToGo(dst, r.buf.Call("subarray", offset, offset+w*h))
			return dst, w, h, nil
		}
		// Rows with padding: copy the plane, then close the gaps.
		n := stride*(h-1) + w
		if cap(r.rgba) < n {
			r.rgba = make([]byte, n)
		}
		plane := r.rgba[:n]
		js.CopyBytesToGo(plane, r.buf.Call("subarray", offset, offset+n))
		for y := range h {
			copy(dst[y*w:(y+1)*w], plane[y*stride:])
		}
		return dst, w, h, nil
	}
	n := stride*(h-1) + 4*w
	if cap(r.rgba) < n {
		r.rgba = make([]byte, n)
	}
	px := r.rgba[:n]
	js.CopyBytesToGo(px, r.buf.Call("subarray", offset, offset+n))
	if stride == 4*w {
		toLuma(dst, px)
		return dst, w, h, nil
	}
	for y := range h {
		toLuma(dst[y*w:(y+1)*w], px[y*stride:y*stride+4*w])
	}
	return dst, w, h, nil
}
