package qr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// skewedFrame draws the code of mods (no quiet zone) on a white w×h frame
// with its outer corners at quad (top-left, top-right, bottom-right,
// bottom-left, in pixels), each pixel the mean of 4×4 samples, dark
// modules at 30 and light at 220. It returns the frame and the transform
// from modules to pixels.
func skewedFrame(mods [][]bool, quad [4][2]float64, w, h int) (Frame, *common.PerspectiveTransform) {
	d := float64(len(mods))
	toMod := common.PerspectiveTransform_QuadrilateralToQuadrilateral(
		quad[0][0], quad[0][1], quad[1][0], quad[1][1], quad[2][0], quad[2][1], quad[3][0], quad[3][1],
		0, 0, d, 0, d, d, 0, d)
	toPix := common.PerspectiveTransform_QuadrilateralToQuadrilateral(
		0, 0, d, 0, d, d, 0, d,
		quad[0][0], quad[0][1], quad[1][0], quad[1][1], quad[2][0], quad[2][1], quad[3][0], quad[3][1])
	pix := make([]byte, w*h)
	pts := make([]float64, 2*16*w)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			for j := 0; j < 4; j++ {
				for i := 0; i < 4; i++ {
					k := 2 * (16*x + 4*j + i)
					pts[k] = float64(x) + (float64(i)+0.5)/4
					pts[k+1] = float64(y) + (float64(j)+0.5)/4
				}
			}
		}
		toMod.TransformPoints(pts)
		for x := 0; x < w; x++ {
			sum := 0.0
			for s := 0; s < 16; s++ {
				u, v := pts[2*(16*x+s)], pts[2*(16*x+s)+1]
				l := 220.0
				if u >= 0 && v >= 0 && u < d && v < d && mods[int(v)][int(u)] {
					l = 30
				}
				sum += l
			}
			pix[y*w+x] = uint8(sum / 16)
		}
	}
	return Frame{Pix: pix, W: w, H: h, Stride: w}, toPix
}

// skewedCases are codes under strong perspective, each outer quadrilateral
// shaped like the version 1 code of the ZXing photo low-res-v1-a.webp
// (about 9 pixels a module, sheared, the right side leaning more than the
// left) or tilted the other ways.
var skewedCases = []struct {
	name    string
	version int
	quad    [4][2]float64
}{
	{"v1 like low-res-v1-a", 1, [4][2]float64{{23, 19}, {208, 25}, {250, 177}, {51, 174}}},
	{"v1 far side wide", 1, [4][2]float64{{30, 30}, {190, 40}, {255, 200}, {20, 185}}},
	{"v1 near top", 1, [4][2]float64{{20, 20}, {240, 20}, {200, 180}, {50, 180}}},
	{"v2 like low-res-v1-a", 2, [4][2]float64{{23, 19}, {208, 25}, {250, 177}, {51, 174}}},
	{"v3 far side wide", 3, [4][2]float64{{30, 30}, {220, 40}, {275, 230}, {20, 215}}},
}

// TestCornerTransform checks that the grid fitted to the finders'
// corners puts every module of a strongly skewed code within a fifth of a
// module of where it is, where the grid of the three finder centres puts
// the far corner more than half a module off.
func TestCornerTransform(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range skewedCases {
		t.Run(c.name, func(t *testing.T) {
			mods := modules(payload(rng, c.version), c.version)
			dim := len(mods)
			f, truth := skewedFrame(mods, c.quad, 300, 260)
			var b binarizer
			m, ok := b.local(f, false)
			if !ok {
				t.Fatal("no matrix")
			}
			// The finder centres where they are, as a finder would give.
			d := float64(dim)
			fp := []float64{3.5, 3.5, d - 3.5, 3.5, 3.5, d - 3.5}
			truth.TransformPoints(fp)
			tl := detector.NewFinderPattern1(fp[0], fp[1], 9)
			tr := detector.NewFinderPattern1(fp[2], fp[3], 9)
			bl := detector.NewFinderPattern1(fp[4], fp[5], 9)
			three := detector.Detector_createTransform(tl, tr, bl, nil, dim)
			r := &reader{thorough: true, dec: decoder.NewDecoder()}
			quads, ok := r.finderQuads(m, tl, tr, bl, dim)
			if !ok {
				t.Fatal("finder corners not found")
			}
			fitted, ok := r.cornerTransform(&quads, dim)
			if !ok {
				t.Fatal("no homography")
			}
			worst := func(g *common.PerspectiveTransform) float64 {
				var e float64
				for v := 0; v < dim; v++ {
					for u := 0; u < dim; u++ {
						p := []float64{float64(u) + 0.5, float64(v) + 0.5, float64(u) + 0.5, float64(v) + 0.5}
						g.TransformPoints(p[:2])
						truth.TransformPoints(p[2:])
						// In modules: pixels over the local module size.
						q := []float64{float64(u) + 1.5, float64(v) + 0.5}
						truth.TransformPoints(q)
						ms := math.Hypot(q[0]-p[2], q[1]-p[3])
						e = max(e, math.Hypot(p[0]-p[2], p[1]-p[3])/ms)
					}
				}
				return e
			}
			eThree, eFitted := worst(three), worst(fitted)
			t.Logf("worst module off by %.2f module (three finders), %.2f (finder corners)", eThree, eFitted)
			if eThree < 0.5 {
				t.Errorf("the three finders put every module within %.2f module: not a hard case", eThree)
			}
			if eFitted > 0.2 {
				t.Errorf("the finder corners put a module %.2f module off, want at most 0.2", eFitted)
			}
		})
	}
}

// TestSkewedCode checks that a thorough Decode reads strongly skewed
// codes, the version 1 ones having no alignment pattern to fix their far
// corner.
func TestSkewedCode(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range skewedCases {
		t.Run(c.name, func(t *testing.T) {
			text := payload(rng, c.version)
			f, _ := skewedFrame(modules(text, c.version), c.quad, 300, 260)
			res, err := (&Decoder{Thorough: true}).Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 1 || res[0].Text != text || res[0].Version != c.version {
				t.Errorf("got %q, want %q (version %d)", texts(res), text, c.version)
			}
		})
	}
}
