package qr

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file fits the grid of a code to the corners of its finder
// patterns. Three finder centres fix an affine grid; the fourth point of
// a perspective transform is the alignment pattern, which a version 1
// code does not have, so under strong perspective the far corner of its
// grid is guessed a module or more off and the code does not decode.
// The outer square of each finder is itself a quadrilateral in the image:
// its four corners, twelve points over the whole code, with the right
// edge of the top-right finder and the bottom edge of the bottom-left one
// pointing at the missing corner, fix the perspective.

// ringSteps is how many rays cross each side of a finder's outer ring,
// spread over the middle 4 of its 6 modules.
const ringSteps = 9

// finderQuad finds the square through the middle of the outer dark ring
// of the finder pattern centred at module (fu, fv) of the grid t: it
// casts rays outward across each side, from 1 to 5 modules out from the
// centre (so that a grid off by most of a module still starts them
// inside the dark ring), takes the middle of the dark ring's run on each
// (which blur or a threshold that thickens dark modules do not move),
// fits a line to each side's points and intersects them. The corners returned are at modules
// (fu∓3, fv∓3), in the order top-left, top-right, bottom-right,
// bottom-left; ok is false when a side has too few consistent points.
func (r *reader) finderQuad(m *gozxing.BitMatrix, t *common.PerspectiveTransform, fu, fv float64) (q [4][2]float64, ok bool) {
	var lines [4]line // right, bottom, left, top
	for side := 0; side < 4; side++ {
		// The outward normal and the tangent in module coordinates.
		nx, ny := [4]float64{1, 0, -1, 0}[side], [4]float64{0, 1, 0, -1}[side]
		tx, ty := -ny, nx
		p := r.pts[:0]
		for i := 0; i < ringSteps; i++ {
			s := -2 + 4*float64(i)/(ringSteps-1)
			p = append(p,
				fu+nx+s*tx, fv+ny+s*ty,
				fu+5*nx+s*tx, fv+5*ny+s*ty)
		}
		t.TransformPoints(p)
		r.pts = p
		pts := r.ring[:0]
		for i := 0; i < ringSteps; i++ {
			x0, y0, x1, y1 := p[4*i], p[4*i+1], p[4*i+2], p[4*i+3]
			if x, y, ok := ringMiddle(m, x0, y0, x1, y1); ok {
				pts = append(pts, [2]float64{x, y})
			}
		}
		r.ring = pts
		l, ok := fitLine(pts)
		if !ok {
			return q, false
		}
		lines[side] = l
	}
	// Corners: top-left is the left and top sides, and so on.
	for i, pair := range [4][2]int{{2, 3}, {0, 3}, {0, 1}, {2, 1}} {
		x, y, ok := lines[pair[0]].intersect(lines[pair[1]])
		if !ok {
			return q, false
		}
		q[i] = [2]float64{x, y}
	}
	return q, true
}

// ringMiddle walks the segment from (x0, y0) to (x1, y1), which spans
// 4 modules, in quarter pixels, and returns the middle of the first dark
// run of 0.5 to 1.6 modules that follows a light run of at least 0.4
// module (the light ring, not a sliver of it beside the centre), or ok
// false if there is none.
func ringMiddle(m *gozxing.BitMatrix, x0, y0, x1, y1 float64) (x, y float64, ok bool) {
	l := math.Hypot(x1-x0, y1-y0)
	n := int(4 * l)
	if n < 16 {
		return 0, 0, false
	}
	module := float64(n) / 4 // in steps
	dx, dy := (x1-x0)/float64(n), (y1-y0)/float64(n)
	w, h := m.GetWidth(), m.GetHeight()
	start, prev := 0, false // the current run and its colour
	light := false          // a long enough light run was seen
	for i := 0; i <= n; i++ {
		px, py := x0+float64(i)*dx, y0+float64(i)*dy
		if px < 0 || py < 0 || int(px) >= w || int(py) >= h {
			return 0, 0, false
		}
		dark := m.Get(int(px), int(py))
		if i == 0 {
			prev = dark
			continue
		}
		if dark == prev {
			continue
		}
		run := float64(i - start)
		switch {
		case !prev:
			light = run >= 0.4*module
		case light && run >= 0.5*module && run <= 1.6*module:
			mid := float64(start+i) / 2
			return x0 + mid*dx, y0 + mid*dy, true
		default:
			light = false
		}
		start, prev = i, dark
	}
	return 0, 0, false
}

// line is a line a x + b y = c with a² + b² = 1.
type line struct{ a, b, c float64 }

// fitLine fits a line to pts by total least squares, dropping the point
// farthest from it while that is more than a pixel away. It needs 4
// points left. It reorders pts.
func fitLine(pts [][2]float64) (line, bool) {
	for {
		l, ok := fitLineOnce(pts)
		if !ok {
			return l, false
		}
		worst, wd := 0, 0.0
		for i, p := range pts {
			if d := math.Abs(l.a*p[0] + l.b*p[1] - l.c); d > wd {
				worst, wd = i, d
			}
		}
		if wd <= 1 {
			return l, true
		}
		pts[worst] = pts[len(pts)-1]
		pts = pts[:len(pts)-1]
	}
}

func fitLineOnce(pts [][2]float64) (line, bool) {
	if len(pts) < 4 {
		return line{}, false
	}
	var mx, my float64
	for _, p := range pts {
		mx += p[0]
		my += p[1]
	}
	mx /= float64(len(pts))
	my /= float64(len(pts))
	var sxx, sxy, syy float64
	for _, p := range pts {
		dx, dy := p[0]-mx, p[1]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	// The direction is the principal axis of the scatter; the normal is
	// perpendicular to it.
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	a, b := -math.Sin(theta), math.Cos(theta)
	return line{a, b, a*mx + b*my}, true
}

func (l line) intersect(o line) (x, y float64, ok bool) {
	det := l.a*o.b - l.b*o.a
	if math.Abs(det) < 1e-6 {
		return 0, 0, false
	}
	return (l.c*o.b - l.b*o.c) / det, (l.a*o.c - l.c*o.a) / det, true
}

// finderQuads finds the outer squares of the three finder patterns,
// aimed with the grid of their centres for a code of dim modules, and
// returns their corners relative to each finder's centre in modules and
// in the image. ok is false when one is not found.
func (r *reader) finderQuads(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int) (cs [12]corr, ok bool) {
	t := detector.Detector_createTransform(tl, tr, bl, nil, dim)
	d := float64(dim)
	for k, c := range [3][2]float64{{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}} {
		q, ok := r.finderQuad(m, t, c[0], c[1])
		if !ok {
			return cs, false
		}
		for i, p := range q {
			cs[4*k+i] = corr{[4]float64{-3, 3, 3, -3}[i], [4]float64{-3, -3, 3, 3}[i], p[0], p[1]}
		}
	}
	return cs, true
}

// cornerTransform fits a homography to the corners of the three finder
// patterns of a code of dim modules, as finderQuads returns them.
func (r *reader) cornerTransform(quads *[12]corr, dim int) (*common.PerspectiveTransform, bool) {
	d := float64(dim)
	cs := r.corrs[:0]
	for k, q := range quads {
		q.u += [3]float64{3.5, d - 3.5, 3.5}[k/4]
		q.v += [3]float64{3.5, 3.5, d - 3.5}[k/4]
		cs = append(cs, q)
	}
	r.corrs = cs
	h, ok := fitHomography(cs, dim)
	if !ok {
		return nil, false
	}
	return h.transform(dim), true
}

// readCorners samples and decodes the code with the grid fitted to the
// corners of its finder patterns, for each candidate dimension of
// versions 1 to 6 whose timing patterns that grid finds.
func (r *reader) readCorners(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dims []int) (code, error) {
	quads, ok := r.finderQuads(m, tl, tr, bl, dims[0])
	if !ok {
		return code{}, gozxing.NewNotFoundException("finder corners")
	}
	var err error = gozxing.NewNotFoundException("no timing patterns")
	for _, dim := range dims {
		if dim < 21 || dim > 41 {
			continue
		}
		t, ok := r.cornerTransform(&quads, dim)
		if !ok || r.timing(m, t, dim) < minTiming {
			continue
		}
		var c code
		if c, err = r.sampleAndDecode(m, tl, tr, bl, nil, t, dim); err == nil {
			return c, nil
		}
	}
	return code{}, err
}
