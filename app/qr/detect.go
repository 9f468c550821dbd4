package qr

import (
	"math"
	"math/bits"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file reads one code from its three finder patterns, using
// gozxing's detector seams but choosing the symbol dimension itself.
//
// gozxing derives the dimension from a module size measured across the
// finder patterns; blur, tilt and rescaling put that measure off by a few
// percent, which on a dense code is 2 or more modules, and the grid is
// then sampled at the wrong size. Here the dimension comes first from the
// version information (versions 7 and up carry their version twice, next
// to the top-right and bottom-left finders, with error correction), which
// can be read even with a dimension a few modules off because it sits
// next to a finder; then from the estimate, and its valid neighbours ±4
// and ±8 modules (one and two versions away). For each, the alignment
// pattern is searched where that dimension puts it.

// maxShift is how many versions away from the estimate the candidates go.
const maxShift = 2

// code is one decoded symbol, in the coordinates of the matrix it was
// read from.
type code struct {
	res     *common.DecoderResult
	points  []gozxing.ResultPoint
	version int
}

// reader holds what readCode reuses.
type reader struct {
	// thorough adds a search for the bottom-right corner when the
	// alignment pattern is missing or misleading (strong perspective).
	thorough bool
	// versioned is set by readCode when the triple's version
	// information was read: the triple is very likely a code's even if
	// the code could not be read.
	versioned bool
	dec       *decoder.Decoder
	pts       []float64
	corrs     []corr
	ring      [][2]float64
	dims      []int
	hints     map[gozxing.DecodeHintType]interface{}
}

// readCode reads the code of info from m, trying the candidate dimensions
// in turn.
func (r *reader) readCode(m *gozxing.BitMatrix, info *detector.FinderPatternInfo) (code, error) {
	if r.dec == nil {
		r.dec = decoder.NewDecoder()
	}
	r.versioned = false
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	dTop := gozxing.ResultPoint_Distance(tl, tr)
	dLeft := gozxing.ResultPoint_Distance(tl, bl)

	ms := moduleSize(m, tl, tr, bl)
	if !(ms >= 1) { // NaN too
		ms = (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	}
	if ms < 1 {
		return code{}, gozxing.NewNotFoundException("module size %v", ms)
	}
	est := (dTop+dLeft)/(2*ms) + 7

	// Candidates: the version information, then the estimate and its
	// neighbours, nearest first.
	dims := r.dims[:0]
	base := nearestDimension(est)
	vdim := 0
	if v, _ := r.readVersion(m, tl, tr, bl, base); v != 0 && math.Abs(float64(17+4*v)-est) <= 4*maxShift+2 {
		vdim = 17 + 4*v
	} else {
		// Blur thickens the finders' dark rings, and the module size
		// measured on them is then too large: at 2 to 3 pixels a module
		// the estimate can be 3 versions low, too far to sample the
		// version information right. Read it again where a larger (or a
		// smaller) dimension puts it, and take it only if it is nearly
		// clean and agrees with the dimension it was read at.
		for _, s := range []int{8, -8, 16} {
			if dim := base + s; dim >= 45 && dim <= 177 {
				if v, e := r.readVersion(m, tl, tr, bl, dim); v != 0 && e <= 1 && abs(17+4*v-dim) <= 4 {
					vdim = 17 + 4*v
					break
				}
			}
		}
	}
	if vdim != 0 {
		r.versioned = true
		dims = append(dims, vdim)
	}
	dims = appendUnique(dims, base)
	// The second nearest valid dimension, then the others outwards.
	other := base + 4
	if est < float64(base) {
		other = base - 4
	}
	dims = appendUnique(dims, other)
	for s := 1; s <= maxShift; s++ {
		dims = appendUnique(dims, base+4*s)
		dims = appendUnique(dims, base-4*s)
	}
	r.dims = dims

	// A dimension is strong when the version information gave it or its
	// timing patterns are there, a cheap test that most wrong dimensions
	// and false triples fail. Blur can hide the timing patterns of a
	// right one, so weak ones are still tried, but in live mode only the
	// estimate, and only strong ones (and in thorough mode the estimate)
	// get the costly grid refinement.
	var err error = gozxing.NewNotFoundException("no dimension")
	for _, dim := range dims {
		if dim < 21 || dim > 177 {
			continue
		}
		strong := dim == vdim || r.timingScore(m, tl, tr, bl, dim) >= minTiming
		if !strong && !r.thorough && dim != base {
			continue
		}
		var c code
		c, err = r.readDimension(m, tl, tr, bl, dim, (dTop+dLeft)/2/float64(dim-7), strong || (r.thorough && dim == base))
		if err == nil {
			return c, nil
		}
	}
	if r.thorough && dims[0] <= 41 && dims[0] >= 21 {
		// Versions 1 to 6: the grid fitted to the corners of the
		// finders, then the first candidate with the corner searched.
		// (Higher versions have their alignment patterns refined instead.)
		if c, err2 := r.readCorners(m, tl, tr, bl, dims); err2 == nil {
			return c, nil
		}
		if r.timingScore(m, tl, tr, bl, dims[0]) >= minTiming {
			var c code
			c, err = r.searchCorner(m, tl, tr, bl, dims[0], (dTop+dLeft)/2/float64(dims[0]-7))
			if err == nil {
				return c, nil
			}
		}
	}
	return code{}, err
}

// searchCorner samples the code with the point 6.5 modules in from its
// bottom-right corner (where the alignment pattern is, for versions 2 and
// up) moved in steps of 3/4 module, up to 3 modules from where the
// finders put it, nearest first. Under strong perspective the finders
// alone place that corner wrong, and a version 1 code has no alignment
// pattern to correct it.
func (r *reader) searchCorner(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int, ms float64) (code, error) {
	c := 1 - 3/float64(dim-7)
	ex := tl.GetX() + c*(tr.GetX()-tl.GetX()+bl.GetX()-tl.GetX())
	ey := tl.GetY() + c*(tr.GetY()-tl.GetY()+bl.GetY()-tl.GetY())
	var err error = gozxing.NewNotFoundException()
	const n = 4 // steps each way
	for ring := 1; ring <= n; ring++ {
		for i := -ring; i <= ring; i++ {
			for j := -ring; j <= ring; j++ {
				if max(abs(i), abs(j)) != ring {
					continue
				}
				x := ex + float64(i)*0.75*ms
				y := ey + float64(j)*0.75*ms
				if x < 0 || y < 0 || x >= float64(m.GetWidth()) || y >= float64(m.GetHeight()) {
					continue
				}
				var cd code
				ap := detector.NewAlignmentPattern(x, y, ms)
				cd, err = r.sampleAndDecode(m, tl, tr, bl, ap, detector.Detector_createTransform(tl, tr, bl, ap, dim), dim)
				if err == nil {
					cd.points = cd.points[:3] // the point is not a pattern
					return cd, nil
				}
			}
		}
	}
	return code{}, err
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// minTiming is the share of timing-pattern modules that must be right
// for a dimension to be tried. Random data gives 0.5 ± 0.06 on a version
// 10 code; a blurred code at 2.5 pixels a module still gives 0.8 or more.
const minTiming = 0.65

// timingScore samples the two timing patterns of a code of dim modules,
// row 6 between the top finders and column 6 between the left ones, with
// the transform of the three finders alone (accurate there, next to
// them), and returns the share of modules that alternate as they should.
func (r *reader) timingScore(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int) float64 {
	return r.timing(m, detector.Detector_createTransform(tl, tr, bl, nil, dim), dim)
}

// timing is timingScore with the grid t.
func (r *reader) timing(m *gozxing.BitMatrix, t *common.PerspectiveTransform, dim int) float64 {
	n := dim - 16 // modules 8 .. dim-9
	if cap(r.pts) < 4*n {
		r.pts = make([]float64, 4*n)
	}
	pts := r.pts[:4*n]
	for i := 0; i < n; i++ {
		c := float64(8+i) + 0.5
		pts[2*i], pts[2*i+1] = c, 6.5
		pts[2*n+2*i], pts[2*n+2*i+1] = 6.5, c
	}
	t.TransformPoints(pts)
	good := 0
	for i := 0; i < 2*n; i++ {
		dark := (i%n)%2 == 0 // module 8 is dark
		if m.Get(int(pts[2*i]), int(pts[2*i+1])) == dark {
			good++
		}
	}
	return float64(good) / float64(2*n)
}

func appendUnique(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// nearestDimension rounds est to the nearest valid dimension, 4v+17.
func nearestDimension(est float64) int {
	v := int(math.Round((est - 17) / 4))
	return 17 + 4*min(max(v, 1), 40)
}

// readDimension samples and decodes the code as one of dim modules, with
// the alignment pattern found where that dimension puts it, and without it
// if that fails.
func (r *reader) readDimension(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int, ms float64, refine bool) (code, error) {
	version, err := decoder.Version_GetProvisionalVersionForDimension(dim)
	if err != nil {
		return code{}, err
	}
	var align *detector.AlignmentPattern
	if len(version.GetAlignmentPatternCenters()) > 0 {
		align = findAlignment(m, tl, tr, bl, dim, ms)
	}
	transform := detector.Detector_createTransform(tl, tr, bl, align, dim)
	c, err := r.sampleAndDecode(m, tl, tr, bl, align, transform, dim)
	if err == nil {
		return c, nil
	}
	// Grow from the finders with the affine transform they give.
	start := transform
	if align != nil {
		start = detector.Detector_createTransform(tl, tr, bl, nil, dim)
	}
	if !refine {
		// Nothing more.
	} else if refined, ok := r.refine(m, tl, tr, bl, version, dim, start, ms); ok {
		if c, err2 := r.sampleAndDecode(m, tl, tr, bl, align, refined, dim); err2 == nil {
			return c, nil
		}
	}
	if align != nil {
		transform = detector.Detector_createTransform(tl, tr, bl, nil, dim)
		c, err = r.sampleAndDecode(m, tl, tr, bl, nil, transform, dim)
	}
	return c, err
}

func (r *reader) sampleAndDecode(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, align *detector.AlignmentPattern, transform *common.PerspectiveTransform, dim int) (code, error) {
	grid, err := detector.Detector_sampleGrid(m, transform, dim)
	if err != nil {
		return code{}, err
	}
	res, err := r.dec.Decode(grid, r.hints)
	if err != nil {
		return code{}, err
	}
	points := []gozxing.ResultPoint{bl, tl, tr}
	if align != nil {
		points = append(points, align)
	}
	if meta, ok := res.GetOther().(*decoder.QRCodeDecoderMetaData); ok {
		meta.ApplyMirroredCorrection(points)
	}
	return code{res: res, points: points, version: (dim - 17) / 4}, nil
}

// findAlignment looks for the bottom-right alignment pattern of a code of
// dim modules of about ms pixels, in growing squares around where a
// parallelogram through the finders puts it. It returns nil if none is
// found.
func findAlignment(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int, ms float64) *detector.AlignmentPattern {
	brX := tr.GetX() - tl.GetX() + bl.GetX()
	brY := tr.GetY() - tl.GetY() + bl.GetY()
	// The alignment centre is 3 modules nearer the top left than the
	// bottom-right corner finder would be.
	c := 1 - 3/float64(dim-7)
	ex := tl.GetX() + c*(brX-tl.GetX())
	ey := tl.GetY() + c*(brY-tl.GetY())
	for _, f := range []float64{4, 8, 16} {
		a := int(f * ms)
		x0, x1 := max(int(ex)-a, 0), min(int(ex)+a, m.GetWidth()-1)
		y0, y1 := max(int(ey)-a, 0), min(int(ey)+a, m.GetHeight()-1)
		if float64(x1-x0) < 3*ms || float64(y1-y0) < 3*ms {
			return nil
		}
		p, err := detector.NewAlignmentPatternFinder(m, x0, y0, x1-x0, y1-y0, ms, nil).Find()
		if err == nil {
			return p
		}
	}
	return nil
}

// readVersion reads the two version information blocks of a code of
// version 7 or more, sampling the image with the transform of a code of
// dim modules. It returns the version and how many bits of the better
// block were wrong, or 0 when neither block is readable or the code is
// below version 7.
//
// Each block is 6×3 modules next to a finder: its position relative to
// that finder does not depend on the dimension, so a dimension a few
// modules off still samples it well. A block counts if it is within 3
// bits of a valid version word, as the standard allows; when the two
// blocks disagree the one with fewer errors wins.
func (r *reader) readVersion(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int) (version, errs int) {
	if dim < 45 { // version 7 is 45 modules; allow the estimate to be low
		dim = 45
	}
	transform := detector.Detector_createTransform(tl, tr, bl, nil, dim)
	if cap(r.pts) < 2*18 {
		r.pts = make([]float64, 2*18)
	}
	bestV, bestErr := 0, 4
	for block := 0; block < 2; block++ {
		// The top-right block, read from its most significant bit at
		// (dim-9, 5) leftwards and upwards; the bottom-left one is its
		// transpose.
		pts := r.pts[:0]
		for j := 5; j >= 0; j-- {
			for i := dim - 9; i >= dim-11; i-- {
				x, y := float64(i)+0.5, float64(j)+0.5
				if block == 1 {
					x, y = y, x
				}
				pts = append(pts, x, y)
			}
		}
		transform.TransformPoints(pts)
		word := 0
		for k := 0; k < len(pts); k += 2 {
			word <<= 1
			if m.Get(int(pts[k]), int(pts[k+1])) {
				word |= 1
			}
		}
		// A mirrored (transposed) code has the blocks swapped, and each
		// read in this order still gives its word.
		if v, e := nearestVersion(word); e < bestErr {
			bestV, bestErr = v, e
		}
	}
	return bestV, bestErr
}

// nearestVersion returns the version whose 18-bit information word is
// nearest w, and the number of bits that differ.
func nearestVersion(w int) (version, diff int) {
	diff = 19
	for i, t := range decoder.VERSION_DECODE_INFO {
		if d := bits.OnesCount32(uint32(w ^ t)); d < diff {
			version, diff = i+7, d
		}
	}
	return version, diff
}

// moduleSize estimates the module size from the black-white-black runs
// across the finder patterns along the lines that join them, as ZXing
// does: the run from a finder's centre to the far edge of its outer ring,
// both ways, spans 7 modules.
func moduleSize(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint) float64 {
	one := func(a, b gozxing.ResultPoint) float64 {
		e1 := runBothWays(m, a, b)
		e2 := runBothWays(m, b, a)
		switch {
		case math.IsNaN(e1):
			return e2 / 7
		case math.IsNaN(e2):
			return e1 / 7
		}
		return (e1 + e2) / 14
	}
	return (one(tl, tr) + one(tl, bl)) / 2
}

// runBothWays measures the finder at a along the line to b and its
// continuation the other way, in pixels.
func runBothWays(m *gozxing.BitMatrix, a, b gozxing.ResultPoint) float64 {
	ax, ay := a.GetX(), a.GetY()
	dx, dy := b.GetX()-ax, b.GetY()-ay
	l := math.Hypot(dx, dy)
	if l == 0 {
		return math.NaN()
	}
	dx, dy = dx/l, dy/l
	r1 := run(m, ax, ay, dx, dy, l)
	r2 := run(m, ax, ay, -dx, -dy, l)
	if math.IsNaN(r1) || math.IsNaN(r2) {
		return math.NaN()
	}
	return r1 + r2
}

// run steps from (x, y) in direction (dx, dy), at most limit pixels,
// through black, white, then black, and returns the distance to the
// white after that, or NaN if the image ends or the limit is reached
// first.
func run(m *gozxing.BitMatrix, x, y, dx, dy, limit float64) float64 {
	state := 0 // 0: in the centre (black), 1: white ring, 2: black ring
	for t := 0.0; t <= limit; t += 0.5 {
		px, py := int(x+t*dx), int(y+t*dy)
		if px < 0 || py < 0 || px >= m.GetWidth() || py >= m.GetHeight() {
			return math.NaN()
		}
		black := m.Get(px, py)
		if black != (state == 1) {
			continue
		}
		if state == 2 {
			return t
		}
		state++
	}
	return math.NaN()
}
