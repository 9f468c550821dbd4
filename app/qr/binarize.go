package qr

import (
	"encoding/binary"
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
			// Sum with 8 bytes at a time in four 16-bit lanes; minimum and
			// maximum a byte at a time.
			var lanes uint64
			lo, hi := uint64(255), uint64(0)
			for y := y0; y < y0+blockSize; y++ {
				v := binary.LittleEndian.Uint64(f.Pix[y*f.Stride+x0:])
				lanes += v&0x00ff00ff00ff00ff + v>>8&0x00ff00ff00ff00ff
				for i := 0; i < 64; i += 8 {
					c := v >> i & 0xff
					lo = min(lo, c)
					hi = max(hi, c)
				}
			}
			sum := int32(lanes&0xffff + lanes>>16&0xffff + lanes>>32&0xffff + lanes>>48)
			bp := sum >> (2 * blockShift)
			if int32(hi-lo) <= minRange {
				bp = int32(lo) / 2
				if by > 0 && bx > 0 {
					nb := (points[(by-1)*sw+bx] + 2*points[by*sw+bx-1] + points[(by-1)*sw+bx-1]) / 4
					if int32(lo) < nb {
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
		if sharp {
			b.sharpRow(row, lim, cols, words)
		} else {
			b.plainRow(row, lim, words)
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
	n := (f.W + blockSize - 1) / blockSize
	if cap(b.limits) < n {
		b.limits = make([]int32, n)
	}
	lim := b.limits[:n]
	for i := range lim {
		lim[i] = t - 1
	}
	for y := 0; y < f.H; y++ {
		// Black when p < t, that is p <= t-1, the local test with every
		// block's threshold at t-1.
		b.plainRow(f.Pix[y*f.Stride:][:f.W:f.W], lim, words)
		m.SetRow(y, b.row)
	}
	return m, true
}

// plainRow thresholds one row into b.row: black when p <= t.
func (b *binarizer) plainRow(row []byte, lim []int32, words int) {
	w := len(row)
	full := w / blockSize // whole blocks
	for k := 0; k < words; k++ {
		var word uint32
		for j := 0; j < 4; j++ {
			bx := 4*k + j
			if bx >= full {
				break
			}
			t := lim[bx] + 1
			p := row[bx*blockSize : bx*blockSize+8 : bx*blockSize+8]
			// The sign of p-t-1 for each pixel: 1 when black.
			bits := uint32(int32(p[0])-t)>>31 |
				uint32(int32(p[1])-t)>>31<<1 |
				uint32(int32(p[2])-t)>>31<<2 |
				uint32(int32(p[3])-t)>>31<<3 |
				uint32(int32(p[4])-t)>>31<<4 |
				uint32(int32(p[5])-t)>>31<<5 |
				uint32(int32(p[6])-t)>>31<<6 |
				uint32(int32(p[7])-t)>>31<<7
			word |= bits << (8 * j)
		}
		b.row.SetBulk(32*k, word)
	}
	if full*blockSize < w { // the last, partial block
		k := full * blockSize / 32
		word := b.row.GetBitArray()[k]
		for x := full * blockSize; x < w; x++ {
			word |= uint32((int32(row[x])-lim[x>>blockShift]-1)>>31&1) << (x - 32*k)
		}
		b.row.SetBulk(32*k, word)
	}
}

// sharpRow thresholds one row of the sharpened image into b.row: black
// when 2p - mean <= t, where mean is that of the 3×3 neighbourhood, whose
// column sums are in cols (shifted by one, the ends repeated). Times 9:
// 18p - sum <= 9t.
func (b *binarizer) sharpRow(row []byte, lim, cols []int32, words int) {
	w := len(row)
	full := w / blockSize
	for k := 0; k < words; k++ {
		var word uint32
		for j := 0; j < 4; j++ {
			bx := 4*k + j
			if bx >= full {
				break
			}
			t := 9*lim[bx] + 1
			x := bx * blockSize
			p := row[x : x+8 : x+8]
			c := cols[x : x+10 : x+10]
			// Unrolled, with the 3-column sums shared: the compiler
			// keeps it in registers without bounds checks.
			c12, c34, c56, c78 := c[1]+c[2], c[3]+c[4], c[5]+c[6], c[7]+c[8]
			bits := uint32(18*int32(p[0])-c[0]-c12-t)>>31 |
				uint32(18*int32(p[1])-c12-c[3]-t)>>31<<1 |
				uint32(18*int32(p[2])-c[2]-c34-t)>>31<<2 |
				uint32(18*int32(p[3])-c34-c[5]-t)>>31<<3 |
				uint32(18*int32(p[4])-c[4]-c56-t)>>31<<4 |
				uint32(18*int32(p[5])-c56-c[7]-t)>>31<<5 |
				uint32(18*int32(p[6])-c[6]-c78-t)>>31<<6 |
				uint32(18*int32(p[7])-c78-c[9]-t)>>31<<7
			word |= bits << (8 * j)
		}
		b.row.SetBulk(32*k, word)
	}
	if full*blockSize < w {
		k := full * blockSize / 32
		word := b.row.GetBitArray()[k]
		for x := full * blockSize; x < w; x++ {
			v := 18*int32(row[x]) - cols[x] - cols[x+1] - cols[x+2]
			word |= uint32((v-9*lim[x>>blockShift]-1)>>31&1) << (x - 32*k)
		}
		b.row.SetBulk(32*k, word)
	}
}
