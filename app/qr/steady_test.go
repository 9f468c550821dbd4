package qr

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// timeEach runs f b.N times, timing each call, and reports the fastest
// and the median call as "min-ms" and "med-ms". On a machine shared with
// other work the mean of a run swings by several times while the fastest
// calls, those that ran undisturbed, stay put; they are what to compare
// across commits, and the only steady figure in WebAssembly, where the
// CPU time is not measured.
func timeEach(b *testing.B, f func()) {
	ds := make([]time.Duration, 0, b.N)
	for range b.N {
		start := time.Now()
		f()
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[0].Microseconds())/1000, "min-ms")
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "med-ms")
}

// BenchmarkSteady times the stages of a live call on a 1280×720 frame
// call by call (see timeEach): the three binarizations and whole Decode
// calls, with a version 10 code and without a code. Each Decode call
// binarizes the way its turn says, so the min of Decode is its cheapest
// turn and the median a typical one. Run it natively and in WebAssembly:
//
//	go test -run NONE -bench Steady -benchtime 60x ./app/qr
//	GOOS=js GOARCH=wasm go test -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -run NONE -bench Steady -benchtime 60x ./app/qr
func BenchmarkSteady(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	withCode := screenFrame(rng, modules(payload(rng, 10), 10), 4, 1, 1, 1280, 720)
	without := screenFrame(rng, [][]bool{{false}}, 4, 1, 1, 1280, 720)
	var bin binarizer
	b.Run("binarize/local", func(b *testing.B) { timeEach(b, func() { bin.local(withCode, false) }) })
	b.Run("binarize/sharp", func(b *testing.B) { timeEach(b, func() { bin.local(withCode, true) }) })
	b.Run("binarize/global", func(b *testing.B) { timeEach(b, func() { bin.global(withCode) }) })
	for _, c := range []struct {
		name string
		f    Frame
	}{{"decode/code=true", withCode}, {"decode/code=false", without}} {
		b.Run(c.name, func(b *testing.B) {
			var d Decoder
			timeEach(b, func() { d.Decode(c.f) })
		})
	}
}
