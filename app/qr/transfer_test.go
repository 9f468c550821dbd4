package qr

// Read rates of the QR layouts for a multi-frame animated transfer: an
// encrypted message sent as a sequence of alphanumeric (Base45) codes,
// each shown for 1/F s and read by the live Decoder about ten times a
// second (scanInterval in app/ui/scan_panel.go). See "Transfer QR layouts"
// in BENCHMARKS.md; run them alone with
//
//	go test -run '^$' -bench Transfer -benchtime 1x ./app/qr
//
// Each cell generates its frames and decodes them once (the results are
// kept for the benchmark's later runs), so -benchtime does not change the
// cost; the rates are reported with b.ReportMetric. QRTRIALS=n measures
// n frames a cell instead, to settle a close choice:
//
//	QRTRIALS=160 go test -run '^$' -bench 'TransferCamera/640x480' -benchtime 1x ./app/qr

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	skip "github.com/skip2/go-qrcode"
)

// base45 is the alphanumeric alphabet of QR codes, the Base45 one.
const base45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// alnumCapacity is the alphanumeric capacity of versions 1 to 40 at
// levels L and M (ISO/IEC 18004:2015, table 7).
var alnumCapacity = map[skip.RecoveryLevel][41]int{
	skip.Low: {0, 25, 47, 77, 114, 154, 195, 224, 279, 335, 395,
		468, 535, 619, 667, 758, 854, 938, 1046, 1153, 1249,
		1352, 1460, 1588, 1704, 1853, 1990, 2132, 2223, 2369, 2520,
		2677, 2840, 3009, 3183, 3351, 3537, 3729, 3927, 4087, 4296},
	skip.Medium: {0, 20, 38, 61, 90, 122, 154, 178, 221, 262, 311,
		366, 419, 483, 528, 600, 656, 734, 816, 909, 970,
		1035, 1134, 1248, 1326, 1451, 1542, 1637, 1732, 1839, 1994,
		2113, 2238, 2369, 2506, 2632, 2780, 2894, 3054, 3220, 3391},
}

// The framing of each transfer code (app/transfer): a text prefix, then a
// binary header and the payload in Base45, about 31 characters in all.
const (
	transferPrefix = len("TWOFOLD:") // characters
	transferHeader = 15              // bytes
)

// transferBytes is the payload bytes a frame of version v at level lv
// carries: Base45 gives 2 bytes for 3 characters, and 1 for the last 2.
func transferBytes(v int, lv skip.RecoveryLevel) int {
	avail := alnumCapacity[lv][v] - transferPrefix
	n := avail / 3 * 2
	if avail%3 == 2 {
		n++
	}
	return n - transferHeader
}

// transferFull reports whether a frame of version v at level lv carries
// at least 90% of its alphanumeric capacity as payload, as the protocol
// asks of every frame but the last.
func transferFull(v int, lv skip.RecoveryLevel) bool {
	// payload·1.5 ≥ 0.9·capacity
	return 15*transferBytes(v, lv) >= 9*alnumCapacity[lv][v]
}

// transferCode returns a random Base45 text filling version v at level
// lv, and its modules without the quiet zone.
func transferCode(rng *rand.Rand, v int, lv skip.RecoveryLevel) (string, [][]bool) {
	b := make([]byte, alnumCapacity[lv][v])
	for i := range b {
		b[i] = base45[rng.IntN(len(base45))]
	}
	q, err := skip.NewWithForcedVersion(string(b), v, lv)
	if err != nil {
		panic(fmt.Sprintf("v%d: %v", v, err))
	}
	q.DisableBorder = true
	return string(b), q.Bitmap()
}

func levelName(lv skip.RecoveryLevel) string {
	return map[skip.RecoveryLevel]string{skip.Low: "L", skip.Medium: "M"}[lv]
}

// TestAlnumCapacity checks the capacity table against the encoder: the
// full capacity fits the forced version and one character more does not.
func TestAlnumCapacity(t *testing.T) {
	for _, lv := range []skip.RecoveryLevel{skip.Low, skip.Medium} {
		for v := 1; v <= 40; v++ {
			c := alnumCapacity[lv][v]
			if _, err := skip.NewWithForcedVersion(strings.Repeat("A", c), v, lv); err != nil {
				t.Errorf("v%d-%s: %d characters do not fit: %v", v, levelName(lv), c, err)
			}
			if _, err := skip.NewWithForcedVersion(strings.Repeat("A", c+1), v, lv); err == nil {
				t.Errorf("v%d-%s: %d characters fit", v, levelName(lv), c+1)
			}
		}
	}
}

func TestTransferBytes(t *testing.T) {
	tests := []struct {
		v     int
		lv    skip.RecoveryLevel
		bytes int
		full  bool
	}{
		{8, skip.Low, 165, false},    // 279 characters, 271 after the prefix
		{9, skip.Low, 203, true},     // 335, 327
		{9, skip.Medium, 154, false}, // 262, 254: 169 bytes
		{10, skip.Medium, 187, true}, // 311, 303
		{10, skip.Low, 243, true},    // 395, 387
		{25, skip.Medium, 947, true}, // 1451, 1443
		{40, skip.Low, 2843, true},   // 4296, 4288: 2858 bytes
	}
	for _, tt := range tests {
		if got := transferBytes(tt.v, tt.lv); got != tt.bytes {
			t.Errorf("transferBytes(v%d-%s) = %d, want %d", tt.v, levelName(tt.lv), got, tt.bytes)
		}
		if got := transferFull(tt.v, tt.lv); got != tt.full {
			t.Errorf("transferFull(v%d-%s) = %v, want %v", tt.v, levelName(tt.lv), got, tt.full)
		}
	}
}

// transferCalls is the number of live Decode calls made on each shown
// frame: one scan is all a frame gets at 10 frames a second, two at 5,
// three at 3.
const transferCalls = 3

// transferTrials is the number of shown frames per cell, or QRTRIALS
// when set. A cell that reads none of its first transferProbe frames
// stops there.
func transferTrials() int {
	if n, err := strconv.Atoi(os.Getenv("QRTRIALS")); err == nil && n > transferProbe {
		return n
	}
	return 40
}

const transferProbe = 5

// scanPeriod is the time from one live scan to the next in the browser:
// scanInterval, then the readback and the call (5 to 15 ms, see "Per
// frame in Chromium" in BENCHMARKS.md).
const scanPeriod = 0.110

// shownShare is the share of shown frames read when the sender shows fps
// frames a second and p[k-1] is the share read within k scans: a frame
// shown for 1/fps s gets ⌊d⌋ or ⌊d⌋+1 scans, d = 1/(fps·scanPeriod),
// the second with probability d−⌊d⌋. Shares beyond the measured calls
// are taken as the last one (an underestimate).
func shownShare(p [transferCalls]float64, fps float64) float64 {
	d := 1 / (fps * scanPeriod)
	k := int(d)
	at := func(k int) float64 {
		if k == 0 {
			return 0
		}
		return p[min(k, transferCalls)-1]
	}
	frac := d - float64(k)
	return (1-frac)*at(k) + frac*at(k+1)
}

// transferCell is the outcome of one cell: the share of frames read
// within 1, 2 and 3 calls, the mean frame pixels a module, and the
// number of frames.
type transferCell struct {
	p      [transferCalls]float64
	mod    float64
	frames int
}

var (
	transferMu    sync.Mutex
	transferCache = map[string]transferCell{}
)

// shownFrame renders trial i of a cell: noise is added per call, so it
// returns the frame's noise-free pixels, its size, the noise σ and the
// frame pixels a module.
type shownFrame func(rng *rand.Rand, mods [][]bool) (img []float64, w, h int, noise, mod float64)

// runTransfer measures one cell once, caching it under the benchmark's
// name, and reports it. Trial i's first call is the live stage i%2 of the
// turn (sharp local threshold or global), as it would be for a frame
// arriving at any point of a scan.
func runTransfer(b *testing.B, seed uint64, v int, lv skip.RecoveryLevel, render shownFrame) {
	transferMu.Lock()
	cell, ok := transferCache[b.Name()]
	transferMu.Unlock()
	if !ok {
		var hits [transferCalls]int
		var modSum float64
		trials := func(from, to int) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			next := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range next {
						rng := rand.New(rand.NewPCG(seed, uint64(i)))
						text, mods := transferCode(rng, v, lv)
						img, w, h, noise, mod := render(rng, mods)
						d := &Decoder{turn: i % 2}
						first := -1
						for call := 0; call < transferCalls && first < 0; call++ {
							if readsText(d, quantise(rng, img, w, h, noise), text) {
								first = call
							}
						}
						mu.Lock()
						modSum += mod
						if first >= 0 {
							for k := first; k < transferCalls; k++ {
								hits[k]++
							}
						}
						mu.Unlock()
					}
				}()
			}
			for i := from; i < to; i++ {
				next <- i
			}
			close(next)
			wg.Wait()
		}
		trials(0, transferProbe)
		cell.frames = transferProbe
		if hits[transferCalls-1] > 0 {
			cell.frames = transferTrials()
			trials(transferProbe, cell.frames)
		}
		for k := range hits {
			cell.p[k] = float64(hits[k]) / float64(cell.frames)
		}
		cell.mod = modSum / float64(cell.frames)
		transferMu.Lock()
		transferCache[b.Name()] = cell
		transferMu.Unlock()
	}
	for range b.N {
	}
	bytes := float64(transferBytes(v, lv))
	b.ReportMetric(float64(cell.frames), "frames")
	b.ReportMetric(cell.mod, "px/module")
	for k, p := range cell.p {
		b.ReportMetric(100*p, fmt.Sprintf("%%read%d", k+1))
	}
	b.ReportMetric(bytes, "B/frame")
	for _, fps := range []float64{3, 5, 10} {
		b.ReportMetric(bytes*shownShare(cell.p, fps)*fps, fmt.Sprintf("B/s@%gfps", fps))
	}
}

// transferWindows are the sender's window sizes, in CSS pixels.
var transferWindows = [][2]int{{800, 600}, {1280, 800}}

// transferCaptures are the screen captures: the sender's device pixel
// ratio and the capture's scale from device pixels. "dpr2" is a 2× screen
// captured at its CSS size, "half" a 1× one captured at half its size.
var transferCaptures = []struct {
	name     string
	dpr, den int // scale 1/den
}{{"1:1", 1, 1}, {"dpr2", 2, 2}, {"half", 1, 2}}

// BenchmarkTransferScreen is situation (a): another tab or browser on the
// same screen captures the sender's window. The sender draws the code in
// whole device pixels a module, as large as the window less 40 CSS pixels
// allows, with its 4-module quiet zone, on a page; the capture is scaled
// bilinearly and has noise σ=3.
func BenchmarkTransferScreen(b *testing.B) {
	for _, win := range transferWindows {
		for ci, c := range transferCaptures {
			for _, v := range []int{10, 15, 20, 25, 30, 35, 40} {
				for _, lv := range []skip.RecoveryLevel{skip.Low, skip.Medium} {
					name := fmt.Sprintf("%dx%d/%s/v%d-%s", win[0], win[1], c.name, v, levelName(lv))
					b.Run(name, func(b *testing.B) {
						seed := uint64(win[0]*1000+ci*100+v)*4 + uint64(lv)
						runTransfer(b, seed, v, lv, func(rng *rand.Rand, mods [][]bool) ([]float64, int, int, float64, float64) {
							return transferScreen(rng, mods, win[0], win[1], c.dpr, c.den)
						})
					})
				}
			}
		}
	}
}

// transferScreen renders the sender's w×h CSS-pixel window at dpr device
// pixels a CSS pixel, captured at 1/den of its device pixels. As in
// screenFrame, only the code, its quiet zone and a white margin are scaled
// (at a random phase against the capture's pixels) and pasted on a page
// drawn at the capture's size.
func transferScreen(rng *rand.Rand, mods [][]bool, w, h, dpr, den int) ([]float64, int, int, float64, float64) {
	W, H := w*dpr/den, h*dpr/den // the capture
	n := len(mods)
	side := (min(w, h) - 40) * dpr
	s := side / (n + 8)
	margin := 4*s + 2*den + rng.IntN(den)
	ps := n*s + 2*margin
	patch := image.NewGray(image.Rect(0, 0, ps, ps))
	for i := range patch.Pix {
		patch.Pix[i] = 255
	}
	for y, row := range mods {
		for x, dark := range row {
			if dark {
				for dy := 0; dy < s; dy++ {
					o := (margin+y*s+dy)*ps + margin + x*s
					for dx := 0; dx < s; dx++ {
						patch.Pix[o+dx] = 0
					}
				}
			}
		}
	}
	if den > 1 {
		patch = scaleGray(patch, 1/float64(den))
	}
	img := page(rng, W, H)
	pw := patch.Rect.Dx()
	x0, y0 := rng.IntN(max(W-pw, 0)+1), rng.IntN(max(H-pw, 0)+1)
	for y := 0; y < pw && y0+y < H; y++ {
		for x := 0; x < pw && x0+x < W; x++ {
			img[(y0+y)*W+x0+x] = float64(patch.Pix[y*pw+x])
		}
	}
	return img, W, H, 3, float64(s) / float64(den)
}

// BenchmarkTransferCamera is situations (b) and (c): a camera pointed at
// another device's screen, as cameraFrame at the camera's frame size (the
// same field of view), each shown frame scanned with fresh noise only (a
// steady hand: the worst case for repeated scans).
func BenchmarkTransferCamera(b *testing.B) {
	type cam struct {
		w, h     int
		versions []int
	}
	cams := []cam{
		{1280, 720, []int{8, 9, 10, 12, 15, 20, 25, 30, 35, 40}},
		{1920, 1080, []int{8, 9, 10, 12, 15, 20, 25, 30, 35, 40}},
		// Versions above 20 are left out: version 20 already reads few
		// frames here, and theirs have fewer pixels a module.
		{640, 480, []int{6, 8, 9, 10, 12, 15, 20}},
	}
	for _, c := range cams {
		for _, v := range c.versions {
			for _, lv := range []skip.RecoveryLevel{skip.Low, skip.Medium} {
				b.Run(fmt.Sprintf("%dx%d/v%d-%s", c.w, c.h, v, levelName(lv)), func(b *testing.B) {
					seed := uint64(c.w*100+v)*4 + uint64(lv) + 1<<40
					runTransfer(b, seed, v, lv, func(rng *rand.Rand, mods [][]bool) ([]float64, int, int, float64, float64) {
						img, mod, _ := cameraImage(rng, mods, c.w, c.h)
						return img, c.w, c.h, 6, mod
					})
				})
			}
		}
	}
}

// cameraImage is cameraFrameTruth at a w×h frame with the focal length
// scaled to keep its field of view, before the noise: the same draws and
// sums, from a screen rendered once instead of a function of each sample.
func cameraImage(rng *rand.Rand, mods [][]bool, w, h int) ([]float64, float64, func(mx, my float64) (float64, float64)) {
	const (
		s  = 4 // screen pixels a module
		sw = 1920
		sh = 1080
	)
	W, Hf := float64(w), float64(h)
	focal := 1000.0 * W / 1280
	n := len(mods)
	codeSide := float64((n + 8) * s)
	cx0 := float64(8+4*s) + rng.Float64()*(sw-codeSide-16-8*s)
	cy0 := float64(8+4*s) + rng.Float64()*(sh-codeSide-16-8*s)
	cx0, cy0 = math.Floor(cx0), math.Floor(cy0)
	bg := page(rng, sw, sh)
	scr := make([]float64, sw*sh)
	ix0, iy0 := int(cx0), int(cy0)
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			mx, my := floorDiv(x-ix0, s), floorDiv(y-iy0, s)
			switch {
			case mx >= -4 && my >= -4 && mx < n+4 && my < n+4:
				if mx >= 0 && my >= 0 && mx < n && my < n && mods[my][mx] {
					scr[y*sw+x] = 0
				} else {
					scr[y*sw+x] = 255
				}
			case x >= ix0-4*s-8 && y >= iy0-4*s-8 && x < ix0+(n+4)*s+8 && y < iy0+(n+4)*s+8:
				scr[y*sw+x] = 255
			default:
				scr[y*sw+x] = bg[y*sw+x]
			}
		}
	}

	frac := 0.35 + 0.35*rng.Float64()
	mod := frac * Hf / codeSide * s
	var hom, fwd [9]float64
	for try := 0; ; try++ {
		tilt := rng.Float64() * 10 * math.Pi / 180
		axis := rng.Float64() * math.Pi
		rot := (rng.Float64()*16 - 8) * math.Pi / 180
		z := focal * codeSide / (frac * Hf)
		ax, ay := math.Cos(axis), math.Sin(axis)
		R := mul3(rotZ(rot), rotAxis(ax, ay, tilt))
		px := W/2 + (rng.Float64()-0.5)*(W-frac*Hf*1.2)
		py := Hf/2 + (rng.Float64()-0.5)*(Hf-frac*Hf*1.2)
		tx, ty := (px-W/2)*z/focal, (py-Hf/2)*z/focal
		ucode := cx0 + float64(n*s)/2
		vcode := cy0 + float64(n*s)/2
		r1 := [3]float64{R[0], R[3], R[6]}
		r2 := [3]float64{R[1], R[4], R[7]}
		t := [3]float64{tx - R[0]*ucode - R[1]*vcode, ty - R[3]*ucode - R[4]*vcode, z - R[6]*ucode - R[7]*vcode}
		var H [9]float64
		for i := 0; i < 3; i++ {
			H[i*3+0], H[i*3+1], H[i*3+2] = r1[i], r2[i], t[i]
		}
		for j := 0; j < 3; j++ {
			H[0*3+j] = focal*H[0*3+j] + W/2*H[2*3+j]
			H[1*3+j] = focal*H[1*3+j] + Hf/2*H[2*3+j]
		}
		inside := true
		for _, c := range [][2]float64{{cx0, cy0}, {cx0 + float64(n*s), cy0}, {cx0, cy0 + float64(n*s)}, {cx0 + float64(n*s), cy0 + float64(n*s)}} {
			X := H[0]*c[0] + H[1]*c[1] + H[2]
			Y := H[3]*c[0] + H[4]*c[1] + H[5]
			Z := H[6]*c[0] + H[7]*c[1] + H[8]
			x, y := X/Z, Y/Z
			inside = inside && x > 4 && y > 4 && x < W-4 && y < Hf-4
		}
		if inside || try > 50 {
			fwd = H
			hom = inv3(H)
			break
		}
	}
	white := 150 + 95*rng.Float64()
	black := 10 + 50*rng.Float64()
	ga := rng.Float64() * 2 * math.Pi
	gx, gy := math.Cos(ga)*0.15, math.Sin(ga)*0.15
	img := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sum float64
			for j := 0; j < 4; j++ {
				Y := float64(y) + (float64(j)+0.5)/4
				for i := 0; i < 4; i++ {
					X := float64(x) + (float64(i)+0.5)/4
					Z := hom[6]*X + hom[7]*Y + hom[8]
					u := (hom[0]*X + hom[1]*Y + hom[2]) / Z
					v := (hom[3]*X + hom[4]*Y + hom[5]) / Z
					if u < 0 || v < 0 || u >= sw || v >= sh {
						sum += 20 // bezel
					} else {
						sum += black + (white-black)*scr[int(v)*sw+int(u)]/255
					}
				}
			}
			light := 1 + gx*(float64(x)/W*2-1) + gy*(float64(y)/Hf*2-1)
			img[y*w+x] = sum / 16 * light
		}
	}
	blur(img, w, h, 0.8+0.8*rng.Float64())
	toCam := func(mx, my float64) (float64, float64) {
		u, v := cx0+mx*s, cy0+my*s
		Z := fwd[6]*u + fwd[7]*v + fwd[8]
		return (fwd[0]*u + fwd[1]*v + fwd[2]) / Z, (fwd[3]*u + fwd[4]*v + fwd[5]) / Z
	}
	return img, mod, toCam
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// TestCameraImage checks that cameraImage at 1280×720 is cameraFrame.
func TestCameraImage(t *testing.T) {
	if testing.Short() {
		t.Skip("a camera frame takes about a second")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	mods := modules(payload(rng, 10), 10)
	want, wantMod := cameraFrame(rand.New(rand.NewPCG(5, 6)), mods)
	rng = rand.New(rand.NewPCG(5, 6))
	img, mod, _ := cameraImage(rng, mods, 1280, 720)
	got := quantise(rng, img, 1280, 720, 6)
	if mod != wantMod {
		t.Errorf("module %v, want %v", mod, wantMod)
	}
	diff := 0
	for i := range want.Pix {
		if got.Pix[i] != want.Pix[i] {
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d pixels differ", diff, len(want.Pix))
	}
}
