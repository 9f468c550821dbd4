package qr

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestRateProbe is a temporary probe of read rates.
func TestRateProbe(t *testing.T) {
	for _, v := range []int{10, 15, 20, 25, 30} {
		rng := rand.New(rand.NewPCG(uint64(v), 1))
		before, after, th := 0, 0, 0
		n := 20
		d := &Decoder{}
		dt := &Decoder{Thorough: true}
		for i := 0; i < n; i++ {
			text := payload(rng, v)
			f, mod := cameraFrame(rng, modules(text, v))
			if got, ok := plainGozxing(f); ok && got == text {
				before++
			}
			res, _ := d.Decode(f)
			if len(res) == 1 && res[0].Text == text {
				after++
			}
			res, _ = dt.Decode(f)
			if len(res) == 1 && res[0].Text == text {
				th++
			} else {
				t.Logf("  fail v%d mod %.2f", v, mod)
			}
		}
		t.Logf("camera v%d: before %d/%d after %d/%d thorough %d", v, before, n, after, n, th)
	}
	for _, v := range []int{10, 20, 25, 30} {
		for _, sc := range [][2]int{{1, 1}, {4, 5}, {2, 3}, {1, 2}} {
			rng := rand.New(rand.NewPCG(uint64(v), 2))
			before, after := 0, 0
			n := 10
			d := &Decoder{}
			for i := 0; i < n; i++ {
				text := payload(rng, v)
				f := screenFrame(rng, modules(text, v), 4, sc[0], sc[1], 1280, 720)
				if got, ok := plainGozxing(f); ok && got == text {
					before++
				}
				res, _ := d.Decode(f)
				if len(res) == 1 && res[0].Text == text {
					after++
				}
			}
			t.Logf("screen v%d s=4 f=%s: before %d/%d after %d/%d", v, fmt.Sprint(sc), before, n, after, n)
		}
	}
}
