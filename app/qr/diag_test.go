package qr

// Diagnostics of the camera simulation: why a live stage misses a frame.
// They are off by default (frames take long to generate); run them with
//
//	QRDIAG=100 go test -run TestDiag -v ./app/qr
//
// and QRTHOROUGH=1 to count thorough reads too.

import (
	"encoding/binary"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"twofold.app/app/internal/testenv"
)

// camTrial is one simulated camera frame with its ground truth.
type camTrial struct {
	f       Frame
	text    string
	mod     float64
	n       int
	corners [8]float64 // camera pixels of module corners (0,0) (n,0) (n,n) (0,n)
}

func (c camTrial) toCam(mx, my float64) (float64, float64) {
	d := float64(c.n)
	t := common.PerspectiveTransform_QuadrilateralToQuadrilateral(0, 0, d, 0, d, d, 0, d,
		c.corners[0], c.corners[1], c.corners[2], c.corners[3], c.corners[4], c.corners[5], c.corners[6], c.corners[7])
	p := []float64{mx, my}
	t.TransformPoints(p)
	return p[0], p[1]
}

// camTrials generates n frames of version v, from seeds independent of
// the benchmark's, or loads them from a cache in the temporary directory
// (a frame takes about half a second to generate).
func camTrials(t testing.TB, v, n int) []camTrial {
	out := make([]camTrial, n)
	dir := filepath.Join(os.TempDir(), "qr-camera-frames")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			path := filepath.Join(dir, fmt.Sprintf("v%d_%d.bin", v, i))
			if b, err := os.ReadFile(path); err == nil {
				var c camTrial
				c.n = int(binary.LittleEndian.Uint32(b))
				c.mod = math.Float64frombits(binary.LittleEndian.Uint64(b[4:]))
				for k := range c.corners {
					c.corners[k] = math.Float64frombits(binary.LittleEndian.Uint64(b[12+8*k:]))
				}
				tl := int(binary.LittleEndian.Uint32(b[76:]))
				c.text = string(b[80 : 80+tl])
				pix := b[80+tl:]
				c.f = Frame{Pix: pix, W: 1280, H: 720, Stride: 1280}
				out[i] = c
				return
			}
			rng := rand.New(rand.NewPCG(uint64(v), uint64(1000+i)))
			text := payload2(rng, v)
			mods := modules(text, v)
			f, mod, toCam := cameraFrameTruth(rng, mods)
			c := camTrial{f: f, text: text, mod: mod, n: len(mods)}
			d := float64(c.n)
			for k, p := range [][2]float64{{0, 0}, {d, 0}, {d, d}, {0, d}} {
				c.corners[2*k], c.corners[2*k+1] = toCam(p[0], p[1])
			}
			b := make([]byte, 80, 80+len(text)+len(f.Pix))
			binary.LittleEndian.PutUint32(b, uint32(c.n))
			binary.LittleEndian.PutUint64(b[4:], math.Float64bits(mod))
			for k := range c.corners {
				binary.LittleEndian.PutUint64(b[12+8*k:], math.Float64bits(c.corners[k]))
			}
			binary.LittleEndian.PutUint32(b[76:], uint32(len(text)))
			b = append(b, text...)
			b = append(b, f.Pix...)
			os.WriteFile(path, b, 0o644)
			out[i] = c
		}(i)
	}
	wg.Wait()
	return out
}

// payloadMu guards payload's capacity cache for the generating goroutines.
var payloadMu sync.Mutex

func payload2(rng *rand.Rand, v int) string {
	payloadMu.Lock()
	defer payloadMu.Unlock()
	return payload(rng, v)
}

// diagN is the number of frames a version the diagnostics use, 0 when
// they are off.
func diagN() int {
	n, _ := strconv.Atoi(os.Getenv("QRDIAG"))
	return n
}

// TestDiagCamera classifies why each live stage (one binarization, read
// as it is) fails on simulated camera frames: the true finders not found
// (and whether the true grid would have decoded from that matrix), no
// triple of them formed, the dimension wrong, the grid wrong with the
// right dimension, or the bits wrong even on the true grid.
func TestDiagCamera(t *testing.T) {
	n := diagN()
	if n == 0 {
		t.Skip("QRDIAG=<frames per version> not set: the camera diagnostics did not run")
	}
	for _, v := range []int{20, 25} {
		trials := camTrials(t, v, n)
		stages := []attempt{{src: srcWork}, {src: srcWork, sharp: true}, {src: srcWork, global: true}}
		names := []string{"local", "sharp", "global"}
		for si, a := range stages {
			counts := map[string]int{}
			var lowOK, lowN int
			for _, c := range trials {
				d := &Decoder{}
				var res []Result
				d.try(c.f, 1, image.Point{}, a, &res)
				ok := false
				for _, r := range res {
					ok = ok || r.Text == c.text
				}
				low := c.mod < 2.8
				if low {
					lowN++
				}
				if ok {
					counts["ok"]++
					if low {
						lowOK++
					}
					continue
				}
				counts[classify(d, c, a)]++
			}
			t.Logf("v%d %-6s %v  (<2.8px: %d/%d)", v, names[si], counts, lowOK, lowN)
		}
		// Frames read by any stage, by camera pixels a module.
		bins := map[string][2]int{}
		for _, c := range trials {
			ok := false
			for _, a := range stages {
				d := &Decoder{}
				var res []Result
				d.try(c.f, 1, image.Point{}, a, &res)
				for _, r := range res {
					ok = ok || r.Text == c.text
				}
			}
			k := fmt.Sprintf("%.1f", math.Floor(c.mod*2)/2)
			b := bins[k]
			b[1]++
			if ok {
				b[0]++
			}
			bins[k] = b
		}
		t.Logf("v%d any stage by px/module: %v", v, bins)
	}
}

// classify says why a stage failed on c: which of the finders were
// found, whether a triple of them was formed, and what went wrong after.
func classify(d *Decoder, c camTrial, a attempt) string {
	m := d.bin.m
	if a.global {
		m, _ = d.bin.global(c.f)
	} else {
		m, _ = d.bin.local(c.f, a.sharp)
	}
	n := float64(c.n)
	truth := [][2]float64{}
	for _, p := range [][2]float64{{3.5, 3.5}, {n - 3.5, 3.5}, {3.5, n - 3.5}} {
		x, y := c.toCam(p[0], p[1])
		truth = append(truth, [2]float64{x, y})
	}
	var fd finder
	infos := fd.findPatterns(m, 2, maxTriples)
	nf := 0
	for _, tp := range truth {
		for _, cd := range fd.cands {
			if math.Hypot(cd.x-tp[0], cd.y-tp[1]) < 1.5*c.mod {
				nf++
				break
			}
		}
	}
	if nf < 3 {
		// would step 1 find them?
		var f1 finder
		f1.findPatterns(m, 1, maxTriples)
		nf1 := 0
		for _, tp := range truth {
			for _, cd := range f1.cands {
				if math.Hypot(cd.x-tp[0], cd.y-tp[1]) < 1.5*c.mod {
					nf1++
					break
				}
			}
		}
		return fmt.Sprintf("finders%d(step1:%d,truegrid:%v)", nf, nf1, trueGrid(m, c))
	}
	var tri *detector.FinderPatternInfo
	for _, info := range infos {
		all := true
		for _, p := range []*detector.FinderPattern{info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()} {
			near := false
			for _, tp := range truth {
				near = near || math.Hypot(p.GetX()-tp[0], p.GetY()-tp[1]) < 1.5*c.mod
			}
			all = all && near
		}
		if all {
			tri = info
			break
		}
	}
	if tri == nil {
		return fmt.Sprintf("notriple(cands=%d,triples=%d)", len(fd.cands), len(infos))
	}
	var r reader
	r.dec = decoder.NewDecoder()
	tl, tr, bl := tri.GetTopLeft(), tri.GetTopRight(), tri.GetBottomLeft()
	dim := c.n
	ms := moduleSize(m, tl, tr, bl)
	est := (gozDist(tl, tr)+gozDist(tl, bl))/(2*ms) + 7
	ver, _ := r.readVersion(m, tl, tr, bl, nearestDimension(est))
	// with the true dimension
	dTop, dLeft := gozDist(tl, tr), gozDist(tl, bl)
	if _, err := r.readDimension(m, tl, tr, bl, dim, (dTop+dLeft)/2/float64(dim-7), true); err == nil {
		return fmt.Sprintf("dimwrong(ver=%v,est=%+.1f)", 17+4*ver == dim, est-float64(dim))
	}
	// true geometry
	d2 := float64(dim)
	tf := common.PerspectiveTransform_QuadrilateralToQuadrilateral(0, 0, d2, 0, d2, d2, 0, d2,
		c.corners[0], c.corners[1], c.corners[2], c.corners[3], c.corners[4], c.corners[5], c.corners[6], c.corners[7])
	grid, err := detector.Detector_sampleGrid(m, tf, dim)
	if err == nil {
		if _, err = r.dec.Decode(grid, nil); err == nil {
			return fmt.Sprintf("gridwrong(ver=%v)", 17+4*ver == dim)
		}
	}
	return "bitswrong"
}

func gozDist(a, b *detector.FinderPattern) float64 {
	return math.Hypot(a.GetX()-b.GetX(), a.GetY()-b.GetY())
}

// trueGrid reports whether m decodes with the true geometry.
func trueGrid(m *gozxing.BitMatrix, c camTrial) bool {
	d2 := float64(c.n)
	tf := common.PerspectiveTransform_QuadrilateralToQuadrilateral(0, 0, d2, 0, d2, d2, 0, d2,
		c.corners[0], c.corners[1], c.corners[2], c.corners[3], c.corners[4], c.corners[5], c.corners[6], c.corners[7])
	grid, err := detector.Detector_sampleGrid(m, tf, c.n)
	if err != nil {
		return false
	}
	_, err = decoder.NewDecoder().Decode(grid, nil)
	return err == nil
}

// TestDiagRate prints per-stage read rates of the camera trials, and the
// live rate of one Decoder over them.
func TestDiagRate(t *testing.T) {
	n := diagN()
	if n == 0 {
		t.Skip("QRDIAG=<frames per version> not set: the camera diagnostics did not run")
	}
	for _, v := range []int{10, 15, 20, 25} {
		trials := camTrials(t, v, n)
		stages := []attempt{{src: srcWork}, {src: srcWork, sharp: true}, {src: srcWork, global: true}}
		line := fmt.Sprintf("v%d", v)
		for si, a := range stages {
			ok := 0
			for _, c := range trials {
				d := &Decoder{}
				var res []Result
				d.try(c.f, 1, image.Point{}, a, &res)
				for _, r := range res {
					if r.Text == c.text {
						ok++
						break
					}
				}
			}
			line += fmt.Sprintf(" %s=%d", []string{"local", "sharp", "global"}[si], ok)
		}
		live, th := 0, 0
		d := &Decoder{}
		dt := &Decoder{Thorough: true}
		for _, c := range trials {
			if readsText(d, c.f, c.text) {
				live++
			}
			if os.Getenv("QRTHOROUGH") != "" && readsText(dt, c.f, c.text) {
				th++
			}
		}
		t.Logf("%s live=%d thorough=%d /%d", line, live, th, n)
	}
}

// BenchmarkDiagCameraLive is the CPU time of a live Decode call over the
// diagnostic camera frames of versions 20 and 25 (QRDIAG frames each),
// read or not: the cost of a call with a dense code in view.
func BenchmarkDiagCameraLive(b *testing.B) {
	n := diagN()
	if n == 0 {
		b.Skip("QRDIAG=<frames per version> not set: the camera diagnostics did not run")
	}
	var frames []Frame
	for _, v := range []int{20, 25} {
		for _, c := range camTrials(b, v, n) {
			frames = append(frames, c.f)
		}
	}
	d := &Decoder{}
	b.ResetTimer()
	start := testenv.CPUTime()
	for i := range b.N {
		d.Decode(frames[i%len(frames)])
	}
	reportCPU(b, start)
}
