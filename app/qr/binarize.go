package qr

import (
	"github.com/makiuchi-d/gozxing"
)

// A binarizer turns a Frame into gozxing's black-and-white BitMatrix (a set
// bit is black), reusing its matrix and work buffers from one frame to the
// next. gozxing's own binarizers allocate a new matrix and set one bit at a
// time; these build each row as 32-bit words, which makes the local
// threshold about 4 times faster (see doc.go).
type binarizer struct {
	m      *gozxing.BitMatrix
	row    *gozxing.BitArray
	points []int32 // black point per block
	limits []int32 // threshold per block
	cols   []int32 // sums of 3 rows per column, for sharpening
}

const (
	blockShift = 3 // blocks of 8×8 pixels
	blockSize  = 1 << blockShift
	// minRange is the smallest spread of luma within a block that is
	// taken as an edge; flatter blocks are background or inside a
	// module, and borrow their neighbours' threshold.
	minRange = 24
)

// matrix returns the reused matrix, cleared of nothing: every row is
// overwritten by the caller.
func (b *binarizer) matrix(w, h int) *gozxing.BitMatrix {
	if b.m == nil || b.m.GetWidth() != w || b.m.GetHeight() != h {
		b.m, _ = gozxing.NewBitMatrix(w, h)
		b.row = gozxing.NewBitArray(w)
	}
	return b.m
}

// local thresholds each 8×8 block of f against the mean of the black
// points of the 5×5 blocks around it, the black point of a block being its
// mean luma, or for a flat block half its minimum unless its upper and
// left neighbours suggest otherwise. This is the method of ZXing's
// HybridBinarizer: it follows uneven light and shadows. Frames narrower
// than 5 blocks use the global threshold instead; ok is false when that
// finds no contrast.
//
// With sharp, each pixel is first pushed away from the mean of its 3×3
// neighbourhood by as much as it differs from it (an unsharp mask, folded
// into the comparison: 2p - mean <= t). It restores some of the contrast
// that blur takes from 1-module features at 2 to 3 pixels a module, at
// little cost.
func (b *binarizer) local(f Frame, sharp bool) (m *gozxing.BitMatrix, ok bool) {
	if f.W < 5*blockSize || f.H < 5*blockSize {
		return b.global(f)
	}
	sw := (f.W + blockSize - 1) >> blockShift
	sh := (f.H + blockSize - 1) >> blockShift
	n := sw * sh
	if cap(b.points) < n {
		b.points = make([]int32, n)
		b.limits = make([]int32, n)
	}
	points, limits := b.points[:n], b.limits[:n]

	// Black points. Blocks at the right and bottom edges are moved
	// inside the frame, overlapping their neighbours.
	for by := 0; by < sh; by++ {
		y0 := min(by<<blockShift, f.H-blockSize)
		for bx := 0; bx < sw; bx++ {
			x0 := min(bx<<blockShift, f.W-blockSize)
			lo, hi, sum := int32(255), int32(0), int32(0)
			for y := y0; y < y0+blockSize; y++ {
				row := f.Pix[y*f.Stride+x0:][:blockSize:blockSize]
				for _, p := range row {
					v := int32(p)
					sum += v
					lo = min(lo, v)
					hi = max(hi, v)
				}
			}
			bp := sum >> (2 * blockShift)
			if hi-lo <= minRange {
				bp = lo / 2
				if by > 0 && bx > 0 {
					nb := (points[(by-1)*sw+bx] + 2*points[by*sw+bx-1] + points[(by-1)*sw+bx-1]) / 4
					if lo < nb {
						bp = nb
					}
				}
			}
			points[by*sw+bx] = bp
		}
	}

	// Thresholds: the mean over 5×5 blocks, the window kept inside.
	for by := 0; by < sh; by++ {
		cy := min(max(by, 2), sh-3)
		for bx := 0; bx < sw; bx++ {
			cx := min(max(bx, 2), sw-3)
			var s int32
			for y := cy - 2; y <= cy+2; y++ {
				r := points[y*sw+cx-2 : y*sw+cx+3 : y*sw+cx+3]
				s += r[0] + r[1] + r[2] + r[3] + r[4]
			}
			limits[by*sw+bx] = s / 25
		}
	}

	m = b.matrix(f.W, f.H)
	words := (f.W + 31) / 32
	if cap(b.cols) < f.W+2 {
		b.cols = make([]int32, f.W+2)
	}
	cols := b.cols[:f.W+2]
	for y := 0; y < f.H; y++ {
		lim := limits[min(y>>blockShift, sh-1)*sw:][:sw:sw]
		row := f.Pix[y*f.Stride:][:f.W:f.W]
		if sharp {
			up := f.Pix[max(y-1, 0)*f.Stride:][:f.W:f.W]
			down := f.Pix[min(y+1, f.H-1)*f.Stride:][:f.W:f.W]
			c := cols[1 : f.W+1 : f.W+1]
			for x := range c {
				c[x] = int32(up[x]) + int32(row[x]) + int32(down[x])
			}
			cols[0], cols[f.W+1] = cols[1], cols[f.W]
		}
		for k := 0; k < words; k++ {
			var word uint32
			x0 := k * 32
			x1 := min(x0+32, f.W)
			// Four blocks of 8 pixels a word; the threshold is per block.
			for bx := x0; bx < x1; bx += blockSize {
				t := lim[bx>>blockShift]
				end := min(bx+blockSize, x1)
				px := row[bx:end:end]
				shift := uint(bx - x0)
				if sharp {
					t9 := 9*t + 1
					c := cols[bx : end+2 : end+2]
					for i, p := range px {
						// 2p - sum/9 <= t, times 9.
						v := 18*int32(p) - c[i] - c[i+1] - c[i+2]
						word |= uint32((v-t9)>>31&1) << (shift + uint(i))
					}
				} else {
					t1 := t + 1
					for i, p := range px {
						// Black when p <= t: the sign of p-t-1.
						word |= uint32((int32(p)-t1)>>31&1) << (shift + uint(i))
					}
				}
			}
			b.row.SetBulk(x0, word)
		}
		m.SetRow(y, b.row)
	}
	return m, true
}

// global thresholds the whole of f at one level, the deepest valley
// between the two main peaks of its luma histogram (ZXing's
// GlobalHistogramBinarizer does the same on a few rows). It is better than
// the local threshold on big modules that span several blocks and on
// evenly lit, low-contrast images. ok is false when the histogram has no
// two distinct peaks.
func (b *binarizer) global(f Frame) (m *gozxing.BitMatrix, ok bool) {
	const buckets = 32
	var hist [buckets]int
	// Sample about 64k pixels spread over the frame.
	step := 1
	for (f.W/step)*(f.H/step) > 1<<16 {
		step++
	}
	for y := step / 2; y < f.H; y += step {
		row := f.Pix[y*f.Stride:][:f.W:f.W]
		for x := step / 2; x < f.W; x += step {
			hist[row[x]>>3]++
		}
	}
	// The highest peak, then the second one that is both high and far.
	first := 0
	for i, c := range hist {
		if c > hist[first] {
			first = i
		}
	}
	second, best := 0, 0
	for i, c := range hist {
		d := i - first
		if s := d * d * c; s > best {
			second, best = i, s
		}
	}
	if first > second {
		first, second = second, first
	}
	if second-first <= buckets/16 {
		return nil, false
	}
	// The valley: low, and nearer the bright peak, as dark modules are
	// usually fewer than light pixels.
	valley, best := second-1, -1
	for i := second - 1; i > first; i-- {
		d := i - first
		s := d * d * (second - i) * (hist[second] - hist[i])
		if s > best {
			valley, best = i, s
		}
	}
	t := int32(valley << 3)

	m = b.matrix(f.W, f.H)
	words := (f.W + 31) / 32
	for y := 0; y < f.H; y++ {
		row := f.Pix[y*f.Stride:][:f.W:f.W]
		for k := 0; k < words; k++ {
			var word uint32
			x0 := k * 32
			x1 := min(x0+32, f.W)
			for x := x0; x < x1; x++ {
				word |= uint32((int32(row[x])-t)>>31&1) << (x - x0)
			}
			b.row.SetBulk(x0, word)
		}
		m.SetRow(y, b.row)
	}
	return m, true
}
