package qr

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// TestRGBAToLuma checks the two-pixels-a-word conversions against luma, a
// pixel at a time, for every length up to a few words (odd ones leave a
// last pixel alone), random colors and the extremes.
func TestRGBAToLuma(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name    string
		convert func(dst, src []byte)
		r, g, b int // byte offsets in a pixel
	}{
		{"RGBA", RGBAToLuma, 0, 1, 2},
		{"BGRA", BGRAToLuma, 2, 1, 0},
	} {
		for n := 0; n <= 9; n++ {
			src := make([]byte, 4*n)
			for i := range src {
				src[i] = byte(rng.IntN(256))
			}
			if n > 1 {
				copy(src[0:4], []byte{255, 255, 255, 255})
				copy(src[4:8], []byte{0, 0, 0, 255})
			}
			dst := make([]byte, n+1) // one byte more than src holds
			dst[n] = 0xAA
			tc.convert(dst, src)
			for i := range n {
				p := src[4*i:]
				if want := luma(p[tc.r], p[tc.g], p[tc.b]); dst[i] != want {
					t.Errorf("%s, %d pixels: pixel %d % x gave %d, want %d", tc.name, n, i, p[:4], dst[i], want)
				}
			}
			if dst[n] != 0xAA {
				t.Errorf("%s, %d pixels: wrote past the pixels of src", tc.name, n)
			}
		}
	}
	// Every level of grey keeps its value.
	src, dst := make([]byte, 4*256), make([]byte, 256)
	for v := range 256 {
		copy(src[4*v:], []byte{byte(v), byte(v), byte(v), 0})
	}
	RGBAToLuma(dst, src)
	for v := range 256 {
		if dst[v] != byte(v) {
			t.Errorf("grey %d gave %d", v, dst[v])
		}
	}
}

func BenchmarkRGBAToLuma(b *testing.B) {
	src, dst := make([]byte, 4*1280*720), make([]byte, 1280*720)
	b.Run("words", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			RGBAToLuma(dst, src)
		}
	})
	b.Run("bytes", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			for j := range dst {
				dst[j] = luma(src[4*j], src[4*j+1], src[4*j+2])
			}
		}
	})
}

// TestSetPlane fills a Frame from the first plane of each pixel format a
// camera or a screen capture gives, with and without row padding, and
// checks every pixel: the luma plane as it is, the RGB ones converted with
// their own channel order. Formats it does not read, and buffers too short
// for the size, are errors.
func TestSetPlane(t *testing.T) {
	const w, h = 5, 3
	// Pixel i has red 10+i, green 3i and blue 255-i, so a channel taken
	// for another shows in the luma.
	want := make([]byte, w*h)
	for i := range want {
		want[i] = luma(byte(10+i), byte(3*i), byte(255-i))
	}
	plane := func(format string, stride int) []byte {
		bpp := 1
		if _, rgb := rgbLuma[format]; rgb {
			bpp = 4
		}
		pix := make([]byte, (h-1)*stride+bpp*w)
		for i := range pix {
			pix[i] = 0xEE // padding that must not be read
		}
		for y := range h {
			for x := range w {
				i, p := y*w+x, pix[y*stride+bpp*x:]
				r, g, b := byte(10+i), byte(3*i), byte(255-i)
				switch format {
				case "RGBA", "RGBX":
					copy(p, []byte{r, g, b, 0x7F})
				case "BGRA", "BGRX":
					copy(p, []byte{b, g, r, 0x7F})
				default:
					p[0] = want[i]
				}
			}
		}
		return pix
	}
	for _, format := range []string{"I420", "I420A", "I422", "I444", "NV12", "RGBA", "RGBX", "BGRA", "BGRX"} {
		bpp := 1
		if _, rgb := rgbLuma[format]; rgb {
			bpp = 4
		}
		for _, stride := range []int{bpp * w, bpp*w + 3} {
			var f Frame
			pix := plane(format, stride)
			if err := f.SetPlane(format, pix, w, h, stride); err != nil {
				t.Errorf("%s, stride %d: %v", format, stride, err)
				continue
			}
			if f.W != w || f.H != h {
				t.Errorf("%s, stride %d: frame %dx%d, want %dx%d", format, stride, f.W, f.H, w, h)
				continue
			}
			for y := range h {
				for x := range w {
					if got := f.Pix[y*f.Stride+x]; got != want[y*w+x] {
						t.Errorf("%s, stride %d: pixel (%d, %d) is %d, want %d", format, stride, x, y, got, want[y*w+x])
					}
				}
			}
			if bpp == 1 && &f.Pix[0] != &pix[0] {
				t.Errorf("%s: the luma plane was copied, not used in place", format)
			}
		}
	}

	for _, tt := range []struct {
		name, format    string
		n, w, h, stride int
		want            error
	}{
		{"unknown format", "I420P10", 100, 5, 3, 10, ErrUnsupportedFormat},
		{"no format", "", 100, 5, 3, 10, ErrUnsupportedFormat},
		{"luma one byte short", "I420", 2*6 + 5 - 1, 5, 3, 6, ErrInvalidFrame},
		{"rgb one byte short", "RGBA", 2*20 + 20 - 1, 5, 3, 20, ErrInvalidFrame},
		{"rgb stride below a row", "BGRA", 100, 5, 3, 19, ErrInvalidFrame},
		{"empty", "NV12", 0, 0, 0, 0, ErrInvalidFrame},
	} {
		var f Frame
		err := f.SetPlane(tt.format, make([]byte, tt.n), tt.w, tt.h, tt.stride)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: SetPlane gave %v, want %v", tt.name, err, tt.want)
		}
	}
}
