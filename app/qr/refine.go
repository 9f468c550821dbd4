package qr

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file refines the grid of a code of version 7 or more with all its
// alignment patterns. The transform from three finders and one alignment
// pattern is exact for a flat code only if those four points are; on a
// dense code at 2 to 4 pixels a module one of them off by a pixel shifts
// the far modules by half a module. Every alignment pattern found near
// where that first transform puts it adds a point, and a homography
// fitted to all of them by least squares, after dropping the points that
// disagree with the others, samples the grid more accurately.

// homography maps module coordinates to image pixels:
// x = (h0 u + h1 v + h2) / (h6 u + h7 v + 1), y likewise with h3..h5.
type homography [8]float64

func (h *homography) apply(u, v float64) (x, y float64) {
	d := h[6]*u + h[7]*v + 1
	return (h[0]*u + h[1]*v + h[2]) / d, (h[3]*u + h[4]*v + h[5]) / d
}

// corr is a point seen in the image, (x, y), and where it is in the
// code, (u, v), in modules.
type corr struct{ u, v, x, y float64 }

// fitHomography solves for the homography that best maps the u, v of
// the correspondences to their x, y in the least-squares sense (the
// linearised error of the direct linear transform). It needs at least 4
// points; ok is false if the system is singular.
func fitHomography(cs []corr, dim int) (h homography, ok bool) {
	// Normalise: modules to about [0, 1], pixels to about [-1, 1] around
	// their mean, so that the normal equations are well conditioned.
	var mx, my float64
	for _, c := range cs {
		mx += c.x
		my += c.y
	}
	mx /= float64(len(cs))
	my /= float64(len(cs))
	var spread float64
	for _, c := range cs {
		spread += math.Abs(c.x-mx) + math.Abs(c.y-my)
	}
	sp := spread / float64(2*len(cs))
	if sp == 0 {
		return h, false
	}
	su := 1 / float64(dim)
	var a [8][9]float64 // normal equations, augmented
	for _, c := range cs {
		u, v := c.u*su, c.v*su
		x, y := (c.x-mx)/sp, (c.y-my)/sp
		rows := [2][9]float64{
			{u, v, 1, 0, 0, 0, -u * x, -v * x, x},
			{0, 0, 0, u, v, 1, -u * y, -v * y, y},
		}
		for _, r := range rows {
			for i := 0; i < 8; i++ {
				for j := 0; j < 9; j++ {
					a[i][j] += r[i] * r[j]
				}
			}
		}
	}
	// Gaussian elimination with partial pivoting.
	for col := 0; col < 8; col++ {
		p := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) < 1e-12 {
			return h, false
		}
		a[col], a[p] = a[p], a[col]
		for r := 0; r < 8; r++ {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for j := col; j < 9; j++ {
				a[r][j] -= f * a[col][j]
			}
		}
	}
	var n homography
	for i := 0; i < 8; i++ {
		n[i] = a[i][8] / a[i][i]
	}
	// Undo the normalisation: x = sp*x' + mx with x' = n(u*su, v*su).
	// x' = (n0 su u + n1 su v + n2) / (n6 su u + n7 su v + 1).
	h = homography{
		sp*n[0]*su + mx*n[6]*su, sp*n[1]*su + mx*n[7]*su, sp*n[2] + mx,
		sp*n[3]*su + my*n[6]*su, sp*n[4]*su + my*n[7]*su, sp*n[5] + my,
		n[6] * su, n[7] * su,
	}
	return h, true
}

// transform returns the gozxing transform equal to h, built from the
// images of four corners of the code.
func (h *homography) transform(dim int) *common.PerspectiveTransform {
	d := float64(dim)
	x0, y0 := h.apply(0, 0)
	x1, y1 := h.apply(d, 0)
	x2, y2 := h.apply(d, d)
	x3, y3 := h.apply(0, d)
	return common.PerspectiveTransform_QuadrilateralToQuadrilateral(
		0, 0, d, 0, d, d, 0, d,
		x0, y0, x1, y1, x2, y2, x3, y3)
}

// refine finds the alignment patterns of a code of version v and dim
// modules, starting next to the finders and growing outwards one step of
// the alignment grid at a time: each pattern is searched where the
// transform fitted to the points found so far puts it, so the search
// stays close even under perspective that the finders alone do not show.
// It returns the transform fitted to every point found, after dropping
// those that disagree with the others; ok is false when too few were
// found to improve on the first transform.
func (r *reader) refine(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, v *decoder.Version, dim int, first *common.PerspectiveTransform, ms float64) (*common.PerspectiveTransform, bool) {
	centers := v.GetAlignmentPatternCenters()
	n := len(centers)
	if n < 2 {
		return nil, false
	}
	d := float64(dim)
	cs := r.corrs[:0]
	cs = append(cs,
		corr{3.5, 3.5, tl.GetX(), tl.GetY()},
		corr{d - 3.5, 3.5, tr.GetX(), tr.GetY()},
		corr{3.5, d - 3.5, bl.GetX(), bl.GetY()})
	// state per grid position: 0 unknown, 1 found (or a finder), 2 searched
	// and not found.
	state := make([]uint8, n*n)
	state[0], state[n-1], state[(n-1)*n] = 1, 1, 1
	if cap(r.pts) < 6 {
		r.pts = make([]float64, 6)
	}
	predict := first
	for round := 0; round < 2*n; round++ {
		var found []corr
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if state[i*n+j] != 0 || !nextToFound(state, n, i, j) {
					continue
				}
				u, v := float64(centers[j])+0.5, float64(centers[i])+0.5
				if x, y, ok := r.matchAlignment(m, predict, u, v); ok {
					found = append(found, corr{u, v, x, y})
					state[i*n+j] = 1
				} else {
					state[i*n+j] = 2
				}
			}
		}
		if len(found) == 0 {
			break
		}
		cs = append(cs, found...)
		if len(cs) >= 5 {
			if h, ok := fitHomography(cs, dim); ok {
				predict = h.transform(dim)
			}
		}
	}
	r.corrs = cs
	if len(cs) < 5 {
		return nil, false
	}
	// Fit, drop the points more than half a module off, fit again.
	h, ok := fitHomography(cs, dim)
	if !ok {
		return nil, false
	}
	kept := cs[:0]
	for i, c := range cs {
		x, y := h.apply(c.u, c.v)
		if i < 3 || math.Hypot(x-c.x, y-c.y) <= 0.5*ms {
			kept = append(kept, c)
		}
	}
	if len(kept) < 5 {
		return nil, false
	}
	if len(kept) < len(cs) {
		if h, ok = fitHomography(kept, dim); !ok {
			return nil, false
		}
	}
	return h.transform(dim), true
}

// nextToFound reports whether grid position (i, j) has a found neighbour,
// diagonals included.
func nextToFound(state []uint8, n, i, j int) bool {
	for di := -1; di <= 1; di++ {
		for dj := -1; dj <= 1; dj++ {
			y, x := i+di, j+dj
			if (di != 0 || dj != 0) && y >= 0 && x >= 0 && y < n && x < n && state[y*n+x] == 1 {
				return true
			}
		}
	}
	return false
}

// matchAlignment looks for the alignment pattern centred at module
// (u, v) within 2 modules of where t puts it, by matching its 5×5 modules
// (a dark ring, a light ring, a dark centre) against the image on the
// module grid of t around that point, in steps of a fifth of a module.
// It returns the centre of the positions that match all 25 modules, or
// all but one when none matches all; ok is false when none does.
func (r *reader) matchAlignment(m *gozxing.BitMatrix, t *common.PerspectiveTransform, u, v float64) (x, y float64, ok bool) {
	p := r.pts[:6]
	p[0], p[1], p[2], p[3], p[4], p[5] = u, v, u+1, v, u, v+1
	t.TransformPoints(p)
	cx, cy := p[0], p[1]
	exx, exy := p[2]-cx, p[3]-cy // one module along u
	eyx, eyy := p[4]-cx, p[5]-cy // one module along v
	const steps = 10             // ±2 modules in fifths
	var top peak
	for b := -steps; b <= steps; b++ {
		for a := -steps; a <= steps; a++ {
			ox := cx + float64(a)/5*exx + float64(b)/5*eyx
			oy := cy + float64(a)/5*exy + float64(b)/5*eyy
			score := 0
			for l := -2; l <= 2; l++ {
				for k := -2; k <= 2; k++ {
					ring := max(abs(k), abs(l))
					want := ring != 1 // dark centre and outer ring
					px := ox + float64(k)*exx + float64(l)*eyx
					py := oy + float64(k)*exy + float64(l)*eyy
					if m.Get(int(px), int(py)) == want {
						score++
					}
				}
			}
			top.add(score, ox, oy)
		}
	}
	if top.best < 24 {
		return 0, 0, false
	}
	x, y = top.mean()
	return x, y, true
}

// peak keeps the best score of a search over positions and the positions
// that have it.
type peak struct {
	best, n int
	sx, sy  float64
}

// add counts a position and its score; a negative score never counts.
func (p *peak) add(score int, x, y float64) {
	switch {
	case score > p.best:
		p.best, p.n, p.sx, p.sy = score, 1, x, y
	case score == p.best:
		p.n++
		p.sx += x
		p.sy += y
	}
}

// mean returns the mean of the positions with the best score, or 0, 0
// when none was counted (every score was negative).
func (p *peak) mean() (x, y float64) {
	if p.n == 0 {
		return 0, 0
	}
	return p.sx / float64(p.n), p.sy / float64(p.n)
}

// searchAlignment looks for an alignment pattern within 2.5 modules of
// (px, py) and accepts it within 2 modules.
func searchAlignment(m *gozxing.BitMatrix, px, py, ms float64) (*detector.AlignmentPattern, bool) {
	a := int(math.Ceil(2.5 * ms))
	x0, x1 := max(int(px)-a, 0), min(int(px)+a, m.GetWidth()-1)
	y0, y1 := max(int(py)-a, 0), min(int(py)+a, m.GetHeight()-1)
	if float64(x1-x0) < 3*ms || float64(y1-y0) < 3*ms {
		return nil, false
	}
	p, err := detector.NewAlignmentPatternFinder(m, x0, y0, x1-x0, y1-y0, ms, nil).Find()
	if err != nil || math.Hypot(p.GetX()-px, p.GetY()-py) > 2*ms {
		return nil, false
	}
	return p, true
}
