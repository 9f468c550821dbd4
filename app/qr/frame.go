package qr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
)

// ErrInvalidFrame is returned when a Frame's size, stride or buffer do not
// agree, or when RGBA bytes are not 4 per pixel.
var ErrInvalidFrame = errors.New("invalid frame")

// Frame is an 8-bit luma plane: the pixel at (x, y) is Pix[y*Stride+x],
// 0 black to 255 white. A Frame may share its Pix with an image (for
// *image.Gray and *image.YCbCr the planes are used as they are); the
// decoder never writes to it.
//
// The zero Frame is empty. SetImage and SetRGBA fill a Frame, reusing its
// buffer when it is large enough, so one Frame can be refilled for every
// camera frame without allocating.
type Frame struct {
	Pix          []byte
	W, H, Stride int

	own []byte // the buffer SetImage and SetRGBA write into and reuse
}

// check reports whether f is usable.
func (f Frame) check() error {
	switch {
	case f.W <= 0 || f.H <= 0:
		return fmt.Errorf("%w: size %dx%d", ErrInvalidFrame, f.W, f.H)
	case f.Stride < f.W:
		return fmt.Errorf("%w: stride %d below width %d", ErrInvalidFrame, f.Stride, f.W)
	case len(f.Pix) < (f.H-1)*f.Stride+f.W:
		return fmt.Errorf("%w: %d bytes for %dx%d with stride %d", ErrInvalidFrame, len(f.Pix), f.W, f.H, f.Stride)
	}
	return nil
}

// sub returns the part of f inside r, which must lie within f, sharing
// its pixels.
func (f Frame) sub(r image.Rectangle) Frame {
	return Frame{
		Pix:    f.Pix[r.Min.Y*f.Stride+r.Min.X:],
		W:      r.Dx(),
		H:      r.Dy(),
		Stride: f.Stride,
	}
}

// buffer returns f's own buffer grown to n bytes.
func (f *Frame) buffer(n int) []byte {
	if cap(f.own) < n {
		f.own = make([]byte, n)
	}
	f.own = f.own[:n]
	return f.own
}

// SetRGBA fills f from 8-bit RGBA pixels in row order, 4 bytes a pixel
// with no row padding, as a canvas's ImageData holds them. Alpha is
// ignored: a transparent pixel counts by its color.
func (f *Frame) SetRGBA(pix []byte, w, h int) error {
	if w <= 0 || h <= 0 || len(pix) != 4*w*h {
		return fmt.Errorf("%w: %d RGBA bytes for %dx%d", ErrInvalidFrame, len(pix), w, h)
	}
	y := f.buffer(w * h)
	RGBAToLuma(y, pix)
	f.Pix, f.W, f.H, f.Stride = y, w, h, w
	return nil
}

// SetPlane fills f from the first plane of a video frame in the pixel
// format named as WebCodecs names them (VideoFrame.format), stride bytes
// a row apart. For the YUV formats (I420, I422, I444, NV12 and their
// alpha variants) the first plane is the luma itself and is used in place,
// so pix must not change while f is in use; the 8-bit RGB ones (RGBA,
// RGBX, BGRA, BGRX) are converted into f's own buffer. Any other format is
// ErrUnsupportedFormat, wrapped.
func (f *Frame) SetPlane(format string, pix []byte, w, h, stride int) error {
	toLuma, rgb := rgbLuma[format]
	if !rgb && !lumaFirst[format] {
		return fmt.Errorf("%w: %q", ErrUnsupportedFormat, format)
	}
	bpp := 1
	if rgb {
		bpp = 4
	}
	if w <= 0 || h <= 0 || stride < bpp*w || len(pix) < (h-1)*stride+bpp*w {
		return fmt.Errorf("%w: %d bytes of %s for %dx%d with stride %d", ErrInvalidFrame, len(pix), format, w, h, stride)
	}
	if !rgb {
		f.Pix, f.W, f.H, f.Stride = pix, w, h, stride
		return nil
	}
	y := f.buffer(w * h)
	if stride == 4*w {
		toLuma(y, pix)
	} else {
		for row := range h {
			toLuma(y[row*w:(row+1)*w], pix[row*stride:row*stride+4*w])
		}
	}
	f.Pix, f.W, f.H, f.Stride = y, w, h, w
	return nil
}

// ErrUnsupportedFormat is returned by [Frame.SetPlane] for a pixel format
// it does not read.
var ErrUnsupportedFormat = errors.New("unsupported pixel format")

// lumaFirst lists the formats whose first plane is 8-bit luma.
var lumaFirst = map[string]bool{
	"I420": true, "I420A": true, "I422": true, "I422A": true,
	"I444": true, "I444A": true, "NV12": true, "NV12A": true,
}

// rgbLuma gives, for each 8-bit RGB format, its conversion to luma.
var rgbLuma = map[string]func(dst, src []byte){
	"RGBA": RGBAToLuma, "RGBX": RGBAToLuma,
	"BGRA": BGRAToLuma, "BGRX": BGRAToLuma,
}

// RGBAToLuma writes the luma of each 4-byte RGBA pixel of src into dst,
// for as many pixels as both hold, as [Frame.SetRGBA] does.
func RGBAToLuma(dst, src []byte) { lumaOf(dst, src, 0, 8, 16) }

// BGRAToLuma is [RGBAToLuma] for pixels in blue, green, red, alpha order
// (a video frame in BGRA or BGRX format).
func BGRAToLuma(dst, src []byte) { lumaOf(dst, src, 16, 8, 0) }

// lumaOf writes luma(r, g, b) of each 4-byte pixel of src into dst, red,
// green and blue being the bytes at the bit shifts sr, sg and sb of the
// pixel read as a little-endian word. It reads two pixels as one 64-bit
// word and weighs both at once, one in each 32-bit half: a weighted sum
// is below 2²⁴, so the halves never carry into each other. In Go's
// WebAssembly, where a frame of a camera is converted 10 times a second,
// that is several times faster than a byte at a time.
func lumaOf(dst, src []byte, sr, sg, sb uint) {
	n := min(len(dst), len(src)/4)
	src, dst = src[:4*n], dst[:n]
	const lanes = 0x000000ff_000000ff
	const round = 1<<15 | 1<<47
	j := 0
	for ; j+1 < n; j += 2 {
		v := binary.LittleEndian.Uint64(src[4*j:])
		s := 19595*(v>>sr&lanes) + 38470*(v>>sg&lanes) + 7471*(v>>sb&lanes) + round
		dst[j] = byte(s >> 16)
		dst[j+1] = byte(s >> 48)
	}
	if j < n {
		v := binary.LittleEndian.Uint32(src[4*j:])
		dst[j] = luma(uint8(v>>sr), uint8(v>>sg), uint8(v>>sb))
	}
}

// luma is the BT.601 luma of an 8-bit RGB color, rounded.
func luma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}

// SetImage fills f from img. Gray and YCbCr images (PNG grey, JPEG) are
// used in place without copying, so img must not change while f is in
// use; RGBA and NRGBA images are converted in one pass, others through
// img.At. Transparent pixels are composed over white, as a viewer shows
// them, so a dark code on a transparent background still reads.
func (f *Frame) SetImage(img image.Image) error {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: image size %dx%d", ErrInvalidFrame, w, h)
	}
	switch m := img.(type) {
	case *image.Gray:
		f.Pix, f.W, f.H, f.Stride = m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], w, h, m.Stride
		return nil
	case *image.YCbCr:
		f.Pix, f.W, f.H, f.Stride = m.Y[m.YOffset(b.Min.X, b.Min.Y):], w, h, m.YStride
		return nil
	}
	y := f.buffer(w * h)
	switch m := img.(type) {
	case *image.RGBA:
		for row := 0; row < h; row++ {
			src := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+row):][: 4*w : 4*w]
			dst := y[row*w : (row+1)*w : (row+1)*w]
			for i := range dst {
				p := src[4*i : 4*i+4 : 4*i+4]
				// Premultiplied: over white adds 255-a to each channel.
				wa := 255 - p[3]
				dst[i] = luma(p[0]+wa, p[1]+wa, p[2]+wa)
			}
		}
	case *image.NRGBA:
		for row := 0; row < h; row++ {
			src := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+row):][: 4*w : 4*w]
			dst := y[row*w : (row+1)*w : (row+1)*w]
			for i := range dst {
				p := src[4*i : 4*i+4 : 4*i+4]
				l := luma(p[0], p[1], p[2])
				if a := p[3]; a != 255 {
					l = uint8((uint32(l)*uint32(a) + 255*(255-uint32(a)) + 127) / 255)
				}
				dst[i] = l
			}
		}
	default:
		for row := 0; row < h; row++ {
			dst := y[row*w : (row+1)*w]
			for i := range dst {
				r, g, bb, a := img.At(b.Min.X+i, b.Min.Y+row).RGBA()
				wa := 0xffff - a // premultiplied, composed over white
				c := color.RGBA64{R: uint16(r + wa), G: uint16(g + wa), B: uint16(bb + wa)}
				dst[i] = luma(uint8(c.R>>8), uint8(c.G>>8), uint8(c.B>>8))
			}
		}
	}
	f.Pix, f.W, f.H, f.Stride = y, w, h, w
	return nil
}

// downscale writes into dst's buffer the k×k box-filtered average of src
// (k ≥ 2), dropping the last partial rows and columns.
func downscale(dst *Frame, src Frame, k int) {
	w, h := src.W/k, src.H/k
	out := dst.buffer(w * h)
	sums := make([]uint32, w) // small: one row
	area := uint32(k * k)
	for oy := 0; oy < h; oy++ {
		clear(sums)
		for dy := 0; dy < k; dy++ {
			row := src.Pix[(oy*k+dy)*src.Stride:][: w*k : w*k]
			for ox := range sums {
				var s uint32
				for _, p := range row[ox*k : ox*k+k] {
					s += uint32(p)
				}
				sums[ox] += s
			}
		}
		o := out[oy*w : (oy+1)*w]
		for i, s := range sums {
			o[i] = uint8((s + area/2) / area)
		}
	}
	dst.Pix, dst.W, dst.H, dst.Stride = out, w, h, w
}

// upscale2 writes into dst's buffer src enlarged 2× with bilinear
// interpolation, which helps the finder on codes of 1 to 2 pixels a module.
func upscale2(dst *Frame, src Frame) {
	w, h := 2*src.W, 2*src.H
	out := dst.buffer(w * h)
	at := func(x, y int) int {
		x = min(max(x, 0), src.W-1)
		y = min(max(y, 0), src.H-1)
		return int(src.Pix[y*src.Stride+x])
	}
	for y := 0; y < h; y++ {
		// The output pixel's centre is at y/2-0.25 in source pixels: a
		// quarter or three quarters of the way between two source rows.
		sy, fy := y/2-1, 3 // fy: weight of row sy+1, in quarters
		if y%2 == 1 {
			sy, fy = y/2, 1
		}
		for x := 0; x < w; x++ {
			sx, fx := x/2-1, 3
			if x%2 == 1 {
				sx, fx = x/2, 1
			}
			v := (4-fx)*(4-fy)*at(sx, sy) + fx*(4-fy)*at(sx+1, sy) +
				(4-fx)*fy*at(sx, sy+1) + fx*fy*at(sx+1, sy+1)
			out[y*w+x] = uint8((v + 8) / 16)
		}
	}
	dst.Pix, dst.W, dst.H, dst.Stride = out, w, h, w
}
