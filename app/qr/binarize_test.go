package qr

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
)

// TestLocalMatchesHybrid checks that the local threshold gives the same
// bits as gozxing's HybridBinarizer, of which it is a faster form, on
// generated frames of several sizes (including widths that are not a
// multiple of 8 or 32) and on the ZXing photos.
func TestLocalMatchesHybrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var frames []Frame
	for _, size := range [][2]int{{40, 40}, {77, 53}, {333, 181}, {640, 480}} {
		frames = append(frames, screenFrame(rng, modules(payload(rng, 2), 2), 2, 1, 1, size[0], size[1]))
	}
	if dir, cases := zxingCases(t); len(cases) > 0 {
		for _, c := range cases[:5] {
			frames = append(frames, readImageFrame(t, filepath.Join(dir, c.name)))
		}
	}
	var b binarizer
	for i, f := range frames {
		pix := make([]byte, f.W*f.H)
		for y := 0; y < f.H; y++ {
			copy(pix[y*f.W:], f.Pix[y*f.Stride:y*f.Stride+f.W])
		}
		src, err := gozxing.NewPlanarYUVLuminanceSource(pix, f.W, f.H, 0, 0, f.W, f.H, false)
		if err != nil {
			t.Fatal(err)
		}
		want, err := gozxing.NewHybridBinarizer(src).GetBlackMatrix()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := b.local(f, false)
		if !ok {
			t.Fatalf("frame %d: no matrix", i)
		}
		diff := 0
		for y := 0; y < f.H; y++ {
			for x := 0; x < f.W; x++ {
				if got.Get(x, y) != want.Get(x, y) {
					diff++
				}
			}
		}
		if diff != 0 {
			t.Errorf("frame %d (%dx%d): %d pixels differ from HybridBinarizer", i, f.W, f.H, diff)
		}
	}
}

// TestBlackBits checks the eight-pixels-a-word threshold against the
// comparison of each byte, for every threshold and random and extreme
// pixels.
func TestBlackBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := []uint64{0, ^uint64(0), 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00, 0x0102030405060708, 0x80807f7f80807f7f}
	for range 200 {
		words = append(words, rng.Uint64())
	}
	for th := int32(-1); th <= 255; th++ {
		for _, v := range words {
			var want uint32
			for i := range 8 {
				if int32(v>>(8*i)&0xff) <= th {
					want |= 1 << i
				}
			}
			if got := blackBits(v, th); got != want {
				t.Fatalf("blackBits(%#016x, %d) = %08b, want %08b", v, th, got, want)
			}
		}
	}
}

// BenchmarkBlackBits compares the threshold of a 1280×720 frame eight
// pixels a word with the same a byte at a time, in one run (the machine's
// load changes from run to run).
func BenchmarkBlackBits(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := screenFrame(rng, modules(payload(rng, 10), 10), 4, 1, 1, 1280, 720)
	var sink uint32
	for range 3 {
		b.Run("words", func(b *testing.B) {
			for b.Loop() {
				for i := 0; i+8 <= len(f.Pix); i += 8 {
					sink += blackBits(binary.LittleEndian.Uint64(f.Pix[i:]), 128)
				}
			}
		})
		b.Run("bytes", func(b *testing.B) {
			for b.Loop() {
				for i := 0; i+8 <= len(f.Pix); i += 8 {
					p := f.Pix[i : i+8 : i+8]
					var bits uint32
					for j := range 8 {
						bits |= uint32(int32(p[j])-129) >> 31 << j
					}
					sink += bits
				}
			}
		})
	}
	_ = sink
}

// TestSharpThreshold checks the sharpened local threshold pixel by pixel
// against its definition: black when 18p minus the sum of the 3×3
// neighbourhood (edges repeated) is at most 9 times the block's threshold,
// on frames whose widths are and are not multiples of 8 and 32.
func TestSharpThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var b binarizer
	for _, size := range [][2]int{{40, 40}, {77, 53}, {333, 181}, {640, 480}, {1283, 41}} {
		f := screenFrame(rng, modules(payload(rng, 4), 4), 2, 1, 1, size[0], size[1])
		for i := range f.Pix { // noise, so that every lane sees varied sums
			if rng.IntN(4) == 0 {
				f.Pix[i] = byte(rng.IntN(256))
			}
		}
		m, ok := b.local(f, true)
		if !ok {
			t.Fatalf("%dx%d: no matrix", f.W, f.H)
		}
		sw := (f.W + blockSize - 1) / blockSize
		sh := (f.H + blockSize - 1) / blockSize
		at := func(x, y int) int32 {
			x, y = min(max(x, 0), f.W-1), min(max(y, 0), f.H-1)
			return int32(f.Pix[y*f.Stride+x])
		}
		diff := 0
		for y := 0; y < f.H; y++ {
			for x := 0; x < f.W; x++ {
				var sum int32
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						sum += at(x+dx, y+dy)
					}
				}
				lim := b.limits[min(y/blockSize, sh-1)*sw+x/blockSize]
				if want := 18*at(x, y)-sum <= 9*lim; m.Get(x, y) != want {
					if diff < 5 {
						t.Errorf("%dx%d: pixel (%d,%d) black=%v, want %v", f.W, f.H, x, y, m.Get(x, y), want)
					}
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("%dx%d: %d pixels differ", f.W, f.H, diff)
		}
	}
}

// TestBlockStats checks the word-wise sum and extremes of a block against
// a byte-by-byte loop, on random blocks, flat ones and ones with a single
// extreme pixel in every place, and geBytes on every pair of bytes.
func TestBlockStats(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			// Each pair in the lowest byte, and shifted to the top one
			// with other bytes around it.
			x := uint64(a) | 0x11223344556600<<8&^0xff00000000000000 | uint64(a)<<56
			y := uint64(b) | 0x66554433221100<<8&^0xff00000000000000 | uint64(b)<<56
			got := geBytes(x, y)
			want := uint64(0)
			if a >= b {
				want = 0xff | 0xff<<56
			}
			if got&(0xff|0xff<<56) != want {
				t.Fatalf("geBytes: %d >= %d gave %#016x", a, b, got)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	const stride = 13
	check := func(name string, pix []byte) {
		t.Helper()
		var sum int32
		lo, hi := uint64(255), uint64(0)
		for y := range blockSize {
			for x := range blockSize {
				c := uint64(pix[y*stride+x])
				sum += int32(c)
				lo, hi = min(lo, c), max(hi, c)
			}
		}
		gs, gl, gh := blockStats(pix, stride)
		if gs != sum || gl != lo || gh != hi {
			t.Fatalf("%s: blockStats = %d, %d, %d; want %d, %d, %d", name, gs, gl, gh, sum, lo, hi)
		}
	}
	pix := make([]byte, stride*blockSize)
	for i := range 500 {
		for j := range pix {
			pix[j] = byte(rng.IntN(256))
			if i%2 == 1 { // a narrow range, as in flat blocks
				pix[j] = byte(100 + rng.IntN(20))
			}
		}
		check("random", pix)
	}
	for _, base := range []byte{0, 128, 255} {
		for _, odd := range []byte{0, 1, 127, 128, 254, 255} {
			for p := range blockSize * blockSize {
				for j := range pix {
					pix[j] = base
				}
				pix[p/blockSize*stride+p%blockSize] = odd
				check(fmt.Sprintf("flat %d with %d at %d", base, odd, p), pix)
			}
		}
	}
}
