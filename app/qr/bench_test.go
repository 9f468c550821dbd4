package qr

import (
	"fmt"
	"github.com/makiuchi-d/gozxing"
	mdetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"twofold.app/app/internal/testenv"
)

// Benchmarks. The read-rate ones generate their frames once, outside the
// timer, and report rates with b.ReportMetric; run them with
//
//	go test -run NONE -bench 'Rate' -benchtime 1x -cpu 1 ./app/qr
//
// The frame counts are small (trials below), so a rate is ±15 points.

// rateTrials is the number of generated frames per version and setting.
const rateTrials = 20

// BenchmarkCameraRate reports, per version, the share of simulated phone
// camera frames (see cameraFrame) read by plain gozxing as the density
// measurement used it (before), by the live Decoder (one call per frame,
// as the browser does), and by the Thorough one.
func BenchmarkCameraRate(b *testing.B) {
	for _, v := range []int{10, 15, 20, 25, 30} {
		b.Run(fmt.Sprintf("v%d", v), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(uint64(v), 7))
			type trial struct {
				f    Frame
				text string
			}
			var trials []trial
			for i := 0; i < rateTrials; i++ {
				text := payload(rng, v)
				f, _ := cameraFrame(rng, modules(text, v))
				trials = append(trials, trial{f, text})
			}
			b.ResetTimer()
			var before, live, thorough int
			for range b.N {
				before, live, thorough = 0, 0, 0
				d, dt := &Decoder{}, &Decoder{Thorough: true}
				for _, t := range trials {
					if got, ok := plainGozxing(t.f); ok && got == t.text {
						before++
					}
					if readsText(d, t.f, t.text) {
						live++
					}
					if readsText(dt, t.f, t.text) {
						thorough++
					}
				}
			}
			n := float64(len(trials))
			b.ReportMetric(100*float64(before)/n, "%before")
			b.ReportMetric(100*float64(live)/n, "%live")
			b.ReportMetric(100*float64(thorough)/n, "%thorough")
		})
	}
}

func readsText(d *Decoder, f Frame, text string) bool {
	res, _ := d.Decode(f)
	for _, r := range res {
		if r.Text == text {
			return true
		}
	}
	return false
}

// BenchmarkScreenRate is BenchmarkCameraRate for screen captures: the code
// at 4 screen pixels a module, the capture scaled by 1, 0.8, 0.667 or 0.5
// into a 1280×720 frame.
func BenchmarkScreenRate(b *testing.B) {
	for _, v := range []int{10, 15, 20, 25, 30} {
		for _, sc := range [][2]int{{1, 1}, {4, 5}, {2, 3}, {1, 2}} {
			b.Run(fmt.Sprintf("v%d/f=%d:%d", v, sc[0], sc[1]), func(b *testing.B) {
				rng := rand.New(rand.NewPCG(uint64(v), uint64(sc[1])))
				var frames []Frame
				var texts []string
				for i := 0; i < rateTrials; i++ {
					text := payload(rng, v)
					frames = append(frames, screenFrame(rng, modules(text, v), 4, sc[0], sc[1], 1280, 720))
					texts = append(texts, text)
				}
				b.ResetTimer()
				var before, live int
				for range b.N {
					before, live = 0, 0
					d := &Decoder{}
					for i, f := range frames {
						if got, ok := plainGozxing(f); ok && got == texts[i] {
							before++
						}
						if readsText(d, f, texts[i]) {
							live++
						}
					}
				}
				n := float64(len(frames))
				b.ReportMetric(100*float64(before)/n, "%before")
				b.ReportMetric(100*float64(live)/n, "%live")
			})
		}
	}
}

// BenchmarkDecode times one live Decode call at camera sizes, with a
// version 10 code on a page and without any code (a page only: the worst
// case, every stage of the call runs). Calls rotate through the extra
// stages, as in the browser.
func BenchmarkDecode(b *testing.B) {
	for _, size := range [][2]int{{640, 480}, {1280, 720}, {1920, 1080}} {
		for _, withCode := range []bool{true, false} {
			name := fmt.Sprintf("%dx%d/code=%v", size[0], size[1], withCode)
			b.Run(name, func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 2))
				text := payload(rng, 10)
				var mods [][]bool
				if withCode {
					mods = modules(text, 10)
				} else {
					mods = [][]bool{{false}}
				}
				f := screenFrame(rng, mods, 4, 1, 1, size[0], size[1])
				d := &Decoder{}
				if res, _ := d.Decode(f); withCode != (len(res) == 1) {
					b.Fatalf("code=%v but read %d", withCode, len(res))
				}
				b.ResetTimer()
				start := testenv.CPUTime()
				for range b.N {
					d.Decode(f)
				}
				reportCPU(b, start)
			})
		}
	}
}

// BenchmarkPlainGozxing is the "before" of BenchmarkDecode: gozxing's own
// source and binarizer, the QRCodeReader with TRY_HARDER, then the global
// histogram, then both on the inverted image.
func BenchmarkPlainGozxing(b *testing.B) {
	for _, size := range [][2]int{{640, 480}, {1280, 720}, {1920, 1080}} {
		for _, withCode := range []bool{true, false} {
			b.Run(fmt.Sprintf("%dx%d/code=%v", size[0], size[1], withCode), func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 2))
				mods := [][]bool{{false}}
				if withCode {
					mods = modules(payload(rng, 10), 10)
				}
				f := screenFrame(rng, mods, 4, 1, 1, size[0], size[1])
				b.ResetTimer()
				start := testenv.CPUTime()
				for range b.N {
					plainGozxing(f)
				}
				reportCPU(b, start)
			})
		}
	}
}

// BenchmarkZxingPhotos decodes the photos of frames/zxing/ thoroughly and
// reports how many of each tier were read, and the mean time per photo.
func BenchmarkZxingPhotos(b *testing.B) {
	dir, cases := zxingCases(b)
	var frames []Frame
	for _, c := range cases {
		frames = append(frames, readImageFrame(b, filepath.Join(dir, c.name)))
	}
	b.ResetTimer()
	read := map[string]int{}
	var total time.Duration
	for range b.N {
		clear(read)
		total = 0
		d := &Decoder{Thorough: true}
		for i, c := range cases {
			start := time.Now()
			res, _ := d.Decode(frames[i])
			total += time.Since(start)
			n := 0
			for _, w := range c.want {
				for _, r := range res {
					if r.Text == w {
						n++
						break
					}
				}
			}
			if n == len(c.want) {
				read[c.tier]++
			}
		}
	}
	for _, tier := range []string{"must", "should", "stretch"} {
		b.ReportMetric(float64(read[tier]), tier)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(len(cases)), "ms/photo")
}

// BenchmarkBinarize compares the binarizers on a 1280×720 frame.
func BenchmarkBinarize(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := screenFrame(rng, modules(payload(rng, 10), 10), 4, 1, 1, 1280, 720)
	var bin binarizer
	b.Run("local", func(b *testing.B) {
		start := testenv.CPUTime()
		for range b.N {
			bin.local(f, false)
		}
		reportCPU(b, start)
	})
	b.Run("local-sharp", func(b *testing.B) {
		start := testenv.CPUTime()
		for range b.N {
			bin.local(f, true)
		}
		reportCPU(b, start)
	})
	b.Run("global", func(b *testing.B) {
		start := testenv.CPUTime()
		for range b.N {
			bin.global(f)
		}
		reportCPU(b, start)
	})
}

// BenchmarkBinarizeGozxing is gozxing's HybridBinarizer on the same frame.
func BenchmarkBinarizeGozxing(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := screenFrame(rng, modules(payload(rng, 10), 10), 4, 1, 1, 1280, 720)
	src, _ := gozxing.NewPlanarYUVLuminanceSource(f.Pix, f.W, f.H, 0, 0, f.W, f.H, false)
	start := testenv.CPUTime()
	for range b.N {
		gozxing.NewHybridBinarizer(src).GetBlackMatrix()
	}
	reportCPU(b, start)
}

// BenchmarkFinders compares gozxing's multi finder with the tolerant one
// at row steps 1 to 3.
func BenchmarkFinders(b *testing.B) {
	for _, code := range []bool{true, false} {
		rng := rand.New(rand.NewPCG(1, 2))
		mods := [][]bool{{false}}
		if code {
			mods = modules(payload(rng, 10), 10)
		}
		f := screenFrame(rng, mods, 4, 1, 1, 1280, 720)
		var bin binarizer
		m, _ := bin.local(f, false)
		b.Run(fmt.Sprintf("gozxing/code=%v", code), func(b *testing.B) {
			for range b.N {
				mdetector.NewMultiFinderPatternFinder(m, nil).FindMulti(nil)
			}
		})
		var fd finder
		for _, step := range []int{1, 2, 3} {
			b.Run(fmt.Sprintf("tolerant%d/code=%v", step, code), func(b *testing.B) {
				for range b.N {
					fd.findPatterns(m, step, 6)
				}
			})
		}
	}
}

// reportCPU reports the CPU time per operation since start (see
// testenv.CPUTime) as "cpu-ms/op".
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((testenv.CPUTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
