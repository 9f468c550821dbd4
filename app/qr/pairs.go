package qr

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file completes a pair of finder patterns with the third one. At 2
// to 3 camera pixels a module one of a code's three finders often
// binarizes with a light ring merged into its neighbours, and the finder
// does not see it (in the camera simulation, about a tenth of the
// version 25 frames: two finders found, and the true grid readable).
// Where the other two put it, the whole 7×7 pattern is matched against
// the matrix instead, which tolerates a ring side gone. Of 100 version 25
// frames, the sharpened stage read 64 without this and 72 with it.

// pairCands is how many of the best-confirmed candidates are paired, and
// minPairCount how many rows must have confirmed each.
const (
	pairCands    = 4
	minPairCount = 3
)

// minPairSide is the shortest side, in modules between finder centres,
// of the codes completePairs looks for: version 6 and up. Smaller codes
// have large modules whose finders blur does not hide, and their false
// triples are the costliest to reject in thorough mode (searchCorner).
const minPairSide = 34

// completePairs returns triples made of two candidates of the last
// findPatterns call and a third finder matched where they put it, at
// most max.
func (f *finder) completePairs(m *gozxing.BitMatrix, max int) []*detector.FinderPatternInfo {
	cands := f.cands // sorted by count by triples
	if len(cands) > pairCands {
		cands = cands[:pairCands]
	}
	var infos []*detector.FinderPatternInfo
	for i := 0; i < len(cands) && len(infos) < max; i++ {
		for j := i + 1; j < len(cands) && len(infos) < max; j++ {
			a, b := cands[i], cands[j]
			if a.count < minPairCount || b.count < minPairCount {
				continue
			}
			if math.Max(a.size, b.size) > 1.3*math.Min(a.size, b.size) {
				continue
			}
			s := (a.size + b.size) / 2
			dx, dy := b.x-a.x, b.y-a.y
			d := math.Hypot(dx, dy) / s
			if d < minPairSide || d > 260 {
				continue
			}
			// The third finder: at a right angle from either end when
			// the pair is a side, or from the middle when it is the
			// diagonal.
			px, py := -dy, dx
			hyps := [][2]float64{
				{a.x + px, a.y + py}, {a.x - px, a.y - py},
				{b.x + px, b.y + py}, {b.x - px, b.y - py},
				{(a.x+b.x)/2 + px/2, (a.y+b.y)/2 + py/2}, {(a.x+b.x)/2 - px/2, (a.y+b.y)/2 - py/2},
			}
			// Module axes: along the pair, and across it.
			l := math.Hypot(dx, dy)
			ex, ey := dx/l*s, dy/l*s
			// Perspective moves the third finder from where a square
			// puts it by up to a tenth of the side or so; the search is
			// bounded to 12 modules, which bounds its cost.
			rm := math.Min(0.15*d+2, 12)
			for h, c := range hyps {
				if h >= 4 && d < minPairSide*math.Sqrt2 {
					break // a diagonal of too small a code
				}
				ux, uy := ex, ey
				if h >= 4 {
					// Across a diagonal the code's axes are at 45°.
					ux, uy = (ex-ey)/math.Sqrt2, (ey+ex)/math.Sqrt2
				}
				// The candidates' module size is measured on runs that
				// blur thickens, up to a sixth too large.
				var bx, by float64
				bestScore := 0
				for _, k := range []float64{1, 0.9, 0.8} {
					if x, y, score := searchFinder(m, c[0], c[1], k*ux, k*uy, rm/k); score > bestScore {
						bx, by, bestScore = x, y, score
					}
				}
				if bestScore < minFinderMatch {
					continue
				}
				p := func(x, y float64) *detector.FinderPattern { return detector.NewFinderPattern(x, y, s, 1) }
				bl, tl, tr := gozxing.ResultPoint_OrderBestPatterns(p(a.x, a.y), p(b.x, b.y), p(bx, by))
				infos = append(infos, detector.NewFinderPatternInfo(bl.(*detector.FinderPattern), tl.(*detector.FinderPattern), tr.(*detector.FinderPattern)))
				break
			}
		}
	}
	return infos
}

// matchFinder looks for a finder pattern within 2 modules of (cx, cy),
// the module axes being (ux, uy) and (vx, vy) pixels, by matching its 7×7
// modules in steps of half a module, the 3×3 centre all dark. It returns
// the mean of the best positions and how many modules matched there.
func matchFinder(m *gozxing.BitMatrix, cx, cy, ux, uy, vx, vy float64) (x, y float64, score int) {
	w, h := m.GetWidth(), m.GetHeight()
	var top peak
	for b := -4; b <= 4; b++ {
		for a := -4; a <= 4; a++ {
			ox := cx + float64(a)/2*ux + float64(b)/2*vx
			oy := cy + float64(a)/2*uy + float64(b)/2*vy
			score := 0
		grid:
			for l := -3; l <= 3; l++ {
				for k := -3; k <= 3; k++ {
					px := int(ox + float64(k)*ux + float64(l)*vx)
					py := int(oy + float64(k)*uy + float64(l)*vy)
					if px < 0 || py < 0 || px >= w || py >= h {
						score = -1
						break grid
					}
					ring := max(abs(k), abs(l))
					want := ring != 2 // dark centre and outer ring
					got := m.Get(px, py)
					if got == want {
						score++
					} else if ring <= 1 {
						score = -1 // the centre must be dark
						break grid
					}
				}
			}
			top.add(score, ox, oy)
		}
	}
	x, y = top.mean()
	return x, y, top.best
}

// minFinderMatch is how many of the 49 modules of a finder pattern
// matchFinder must see right: all but one side of a ring.
const minFinderMatch = 44

// searchFinder looks for a finder pattern within rm modules of (cx, cy),
// the module axes being (ux, uy) and (-uy, ux): on a half-module lattice
// around that point, a quick test of 9 modules (the centre dark, and
// along the axes the light ring light and the outer ring dark, 7 of the
// 8 right), then matchFinder where it passes. It returns the best match.
func searchFinder(m *gozxing.BitMatrix, cx, cy, ux, uy, rm float64) (x, y float64, score int) {
	vx, vy := -uy, ux
	w, h := m.GetWidth(), m.GetHeight()
	get := func(x, y float64) (bool, bool) {
		px, py := int(x), int(y)
		if px < 0 || py < 0 || px >= w || py >= h {
			return false, false
		}
		return m.Get(px, py), true
	}
	n := int(2 * rm)
	for b := -n; b <= n; b++ {
		for a := -n; a <= n; a++ {
			ox := cx + float64(a)/2*ux + float64(b)/2*vx
			oy := cy + float64(a)/2*uy + float64(b)/2*vy
			if dark, in := get(ox, oy); !dark || !in {
				continue
			}
			right := 0
			for _, d := range [4][2]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				if dark, _ := get(ox+2*(d[0]*ux+d[1]*vx), oy+2*(d[0]*uy+d[1]*vy)); !dark {
					right++
				}
				if dark, _ := get(ox+3*(d[0]*ux+d[1]*vx), oy+3*(d[0]*uy+d[1]*vy)); dark {
					right++
				}
			}
			if right < 7 {
				continue
			}
			if mx, my, s := matchFinder(m, ox, oy, ux, uy, vx, vy); s > score {
				x, y, score = mx, my, s
			}
		}
	}
	return x, y, score
}
