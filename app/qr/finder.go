package qr

import (
	"math"
	"math/bits"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file is a second finder-pattern finder, tolerant of blur. gozxing's
// finder wants each ring of the 1:1:3:1:1 pattern within half a module of
// its size; at 2 to 3 pixels a module and a blur of 1 to 1.5 pixels the
// light ring binarizes one pixel thin or the dark centre one pixel thick,
// and the pattern is not seen (in the camera simulation of the benchmark
// most frames of dense codes that gozxing could not read had no finder
// found at all). This one accepts light rings down to a fifth of a module
// and dark parts up to twice their size, checks the pattern across both
// axes, and lets the geometry of three patterns and the decoding weed out
// the false ones.

// candidate is a possible finder pattern centre.
type candidate struct {
	x, y, size float64 // centre, and module size
	count      int     // rows that confirmed it
}

// finder holds what findPatterns reuses.
type finder struct {
	row   *gozxing.BitArray
	runs  []int32
	cands []candidate
}

// minRing is the thinnest light ring tolerant accepts, in modules. Near
// the quiet zone the local threshold is high, and the blurred light ring
// of a code at 3 to 4 pixels a module often binarizes one pixel wide. In
// 100 simulated camera frames of a version 25 code, a fifth instead of a
// third read 9 more with the local threshold, 4 more with the sharpened
// one and 3 more with the global one; a tenth read no more than a fifth.
const minRing = 0.2

// tolerant reports whether five run lengths, dark first, look like a
// finder pattern, and returns the module size they imply.
func tolerant(r0, r1, r2, r3, r4 int32) (float64, bool) {
	total := r0 + r1 + r2 + r3 + r4
	if total < 7 {
		return 0, false
	}
	u := float64(total) / 7
	in := func(r int32, lo, hi float64) bool {
		f := float64(r) / u
		return f >= lo && f <= hi
	}
	// Blur and threshold make dark runs thicker and light ones thinner
	// (or the reverse) by the same amount on both sides.
	if !in(r0, 0.4, 2) || !in(r4, 0.4, 2) || !in(r1, minRing, 1.8) || !in(r3, minRing, 1.8) || !in(r2, 1.8, 4.6) {
		return 0, false
	}
	if float64(abs32(r0-r4)) > 0.9*u || float64(abs32(r1-r3)) > 0.9*u {
		return 0, false
	}
	return u, true
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// rowRuns returns the lengths of the runs of row y of m, starting with
// a light run (which may be empty).
func (f *finder) rowRuns(m *gozxing.BitMatrix, y int) []int32 {
	w := m.GetWidth()
	if f.row == nil || f.row.GetSize() < w {
		f.row = gozxing.NewBitArray(w)
	}
	f.row = m.GetRow(y, f.row)
	words := f.row.GetBitArray()
	runs := f.runs[:0]
	dark := false
	start := 0
	x := 0
	for x < w {
		word := words[x/32] >> (x % 32)
		if dark {
			word = ^word
		}
		// The next bit different from the current colour.
		var n int
		if word == 0 {
			n = 32 - x%32
		} else {
			n = bits.TrailingZeros32(word)
		}
		if n >= 32-x%32 { // the word ends in the same colour
			x += 32 - x%32
			continue
		}
		x += n
		if x >= w {
			break
		}
		runs = append(runs, int32(x-start))
		start = x
		dark = !dark
	}
	runs = append(runs, int32(w-start))
	f.runs = runs
	return runs
}

// crossVertical measures the pattern along column x through row y, which
// must be dark, and returns its centre row and module size.
func crossVertical(m *gozxing.BitMatrix, x, y int, maxRun int32) (float64, float64, bool) {
	var r [5]int32
	h := m.GetHeight()
	i := y
	for i >= 0 && m.Get(x, i) {
		r[2]++
		i--
	}
	for i >= 0 && !m.Get(x, i) && r[1] <= maxRun {
		r[1]++
		i--
	}
	for i >= 0 && m.Get(x, i) && r[0] <= maxRun {
		r[0]++
		i--
	}
	if i < 0 && r[0] == 0 {
		return 0, 0, false
	}
	i = y + 1
	for i < h && m.Get(x, i) {
		r[2]++
		i++
	}
	for i < h && !m.Get(x, i) && r[3] <= maxRun {
		r[3]++
		i++
	}
	for i < h && m.Get(x, i) && r[4] <= maxRun {
		r[4]++
		i++
	}
	u, ok := tolerant(r[0], r[1], r[2], r[3], r[4])
	if !ok {
		return 0, 0, false
	}
	end := i - int(r[4]) - int(r[3])
	return float64(end) - float64(r[2])/2, u, true
}

// crossHorizontal is crossVertical along row y through column x.
func crossHorizontal(m *gozxing.BitMatrix, x, y int, maxRun int32) (float64, float64, bool) {
	var r [5]int32
	w := m.GetWidth()
	j := x
	for j >= 0 && m.Get(j, y) {
		r[2]++
		j--
	}
	for j >= 0 && !m.Get(j, y) && r[1] <= maxRun {
		r[1]++
		j--
	}
	for j >= 0 && m.Get(j, y) && r[0] <= maxRun {
		r[0]++
		j--
	}
	j = x + 1
	for j < w && m.Get(j, y) {
		r[2]++
		j++
	}
	for j < w && !m.Get(j, y) && r[3] <= maxRun {
		r[3]++
		j++
	}
	for j < w && m.Get(j, y) && r[4] <= maxRun {
		r[4]++
		j++
	}
	u, ok := tolerant(r[0], r[1], r[2], r[3], r[4])
	if !ok {
		return 0, 0, false
	}
	end := j - int(r[4]) - int(r[3])
	return float64(end) - float64(r[2])/2, u, true
}

// findPatterns scans every step-th row of m for finder patterns and
// returns the triples of them that could be the three finders of a code,
// best first, at most max.
func (f *finder) findPatterns(m *gozxing.BitMatrix, step, maxTriples int) []*detector.FinderPatternInfo {
	cands := f.cands[:0]
	for y := step / 2; y < m.GetHeight(); y += step {
		runs := f.rowRuns(m, y)
		x := int(runs[0])
		// runs[1], runs[3], ... are dark.
		for i := 1; i+4 < len(runs); i += 2 {
			r0, r1, r2, r3, r4 := runs[i], runs[i+1], runs[i+2], runs[i+3], runs[i+4]
			u, ok := tolerant(r0, r1, r2, r3, r4)
			if ok {
				cx := x + int(r0+r1) + int(r2)/2
				maxRun := int32(4 * u)
				if cy, uv, ok := crossVertical(m, cx, y, maxRun); ok && uv < 1.5*u && u < 1.5*uv {
					if cx2, uh, ok := crossHorizontal(m, cx, int(cy), maxRun); ok {
						size := (uv + uh) / 2
						cands = addCandidate(cands, cx2, cy, size)
					}
				}
			}
			x += int(runs[i] + runs[i+1])
		}
	}
	f.cands = cands
	return triples(cands, maxTriples)
}

func addCandidate(cands []candidate, x, y, size float64) []candidate {
	for i := range cands {
		c := &cands[i]
		if math.Abs(c.x-x) <= 2*size && math.Abs(c.y-y) <= 2*size && math.Abs(c.size-size) <= 0.5*size {
			n := float64(c.count)
			c.x = (c.x*n + x) / (n + 1)
			c.y = (c.y*n + y) / (n + 1)
			c.size = (c.size*n + size) / (n + 1)
			c.count++
			return cands
		}
	}
	return append(cands, candidate{x, y, size, 1})
}

// triples returns the sets of three candidates that form a near
// isosceles right triangle of legs of 10 to 180 modules (14 at version 1), with similar
// module sizes, the least distorted first.
func triples(cands []candidate, maxTriples int) []*detector.FinderPatternInfo {
	// Keep the best-confirmed candidates.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].count > cands[j].count })
	if len(cands) > 16 {
		cands = cands[:16]
	}
	type scored struct {
		i, j, k int
		score   float64
	}
	var found []scored
	for i := 0; i < len(cands); i++ {
		for j := i + 1; j < len(cands); j++ {
			for k := j + 1; k < len(cands); k++ {
				a, b, c := cands[i], cands[j], cands[k]
				lo := min(a.size, b.size, c.size)
				hi := max(a.size, b.size, c.size)
				if hi > 1.5*lo {
					continue
				}
				// Sides, the longest is the hypotenuse.
				ab := math.Hypot(a.x-b.x, a.y-b.y)
				bc := math.Hypot(b.x-c.x, b.y-c.y)
				ca := math.Hypot(c.x-a.x, c.y-a.y)
				l1, l2, hyp := ab, bc, ca
				if ab > hyp {
					l1, l2, hyp = bc, ca, ab
				}
				if bc > hyp {
					l1, l2, hyp = ab, ca, bc
				}
				mean := (a.size + b.size + c.size) / 3
				legs := (l1 + l2) / 2 / mean
				if legs < 10 || legs > 180 {
					continue
				}
				d1 := math.Abs(l1-l2) / max(l1, l2)
				d2 := math.Abs(hyp*hyp-l1*l1-l2*l2) / (hyp * hyp)
				if d1 > 0.25 || d2 > 0.3 {
					continue
				}
				found = append(found, scored{i, j, k, d1 + d2})
			}
		}
	}
	sort.Slice(found, func(x, y int) bool { return found[x].score < found[y].score })
	var infos []*detector.FinderPatternInfo
	for _, s := range found {
		if len(infos) == maxTriples {
			break
		}
		p := func(c candidate) *detector.FinderPattern {
			return detector.NewFinderPattern(c.x, c.y, c.size, c.count)
		}
		bl, tl, tr := gozxing.ResultPoint_OrderBestPatterns(p(cands[s.i]), p(cands[s.j]), p(cands[s.k]))
		infos = append(infos, detector.NewFinderPatternInfo(bl.(*detector.FinderPattern), tl.(*detector.FinderPattern), tr.(*detector.FinderPattern)))
	}
	return infos
}
