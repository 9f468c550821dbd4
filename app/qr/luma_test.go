package qr

import (
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
