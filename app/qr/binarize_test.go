package qr

import (
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
