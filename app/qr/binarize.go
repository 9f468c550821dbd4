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
			sum, lo, hi := blockStats(f.Pix[y0*f.Stride+x0:], f.Stride)
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
	for y := 0; y < f.H; y++ {
		lim := limits[min(y>>blockShift, sh-1)*sw:][:sw:sw]
		row := f.Pix[y*f.Stride:][:f.W:f.W]
		if sharp {
			up := f.Pix[max(y-1, 0)*f.Stride:][:f.W:f.W]
			down := f.Pix[min(y+1, f.H-1)*f.Stride:][:f.W:f.W]
			b.sharpRow(up, row, down, lim, words)
		} else {
			b.plainRow(row, lim, words)
		}
		m.SetRow(y, b.row)
	}
	return m, true
}

// blockStats returns the sum, the minimum and the maximum of the 8×8
// pixels whose first row starts pix, rows stride apart. Each row is one
// 64-bit word. The sum adds the even and odd bytes in 16-bit lanes. The
// extremes pair the rows, compare each pair's words a byte at a time in
// one go (geBytes), which gives the pair's larger and smaller bytes, and
// narrow those down to one byte the same way. In Go's WebAssembly, where
// this was the largest part of a live decode, that is about three times
// faster than comparing the 64 bytes one by one.
func blockStats(pix []byte, stride int) (sum int32, lo, hi uint64) {
	var r [blockSize]uint64
	var lanes uint64
	for y := range r {
		v := binary.LittleEndian.Uint64(pix[y*stride:])
		lanes += v&0x00ff00ff00ff00ff + v>>8&0x00ff00ff00ff00ff
		r[y] = v
	}
	sum = int32(lanes&0xffff + lanes>>16&0xffff + lanes>>32&0xffff + lanes>>48)
	// Larger and smaller bytes of each pair of rows.
	var his, los [blockSize / 2]uint64
	for i := range his {
		a, b := r[2*i], r[2*i+1]
		m := (a ^ b) & geBytes(a, b)
		his[i], los[i] = b^m, a^m
	}
	h := maxBytes(maxBytes(his[0], his[1]), maxBytes(his[2], his[3]))
	l := minBytes(minBytes(los[0], los[1]), minBytes(los[2], los[3]))
	// Across the word: halves, quarters, then bytes.
	for _, sh := range [...]uint{32, 16, 8} {
		h = maxBytes(h, h>>sh)
		l = minBytes(l, l>>sh)
	}
	return sum, l & 0xff, h & 0xff
}

// geBytes returns 0xff in each byte of a that is at least the byte of b
// in the same place, and 0 in the others. A byte's top bits decide where
// they differ; otherwise the lower seven bits do, compared by
// subtracting them with the top bit set, which cannot borrow from the
// next byte.
func geBytes(a, b uint64) uint64 {
	const top = 0x80808080_80808080
	d := (a | top) - (b &^ top)
	ge := (a&^b | ^(a^b)&d) & top
	return ge >> 7 * 0xff
}

// maxBytes and minBytes return the larger and the smaller of each pair
// of bytes of a and b.
func maxBytes(a, b uint64) uint64 { return b ^ (a^b)&geBytes(a, b) }
func minBytes(a, b uint64) uint64 { return a ^ (a^b)&geBytes(a, b) }

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
			v := binary.LittleEndian.Uint64(row[bx*blockSize:])
			word |= blackBits(v, lim[bx]) << (8 * j)
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

// blackBits returns which of the 8 pixels in v (byte i is pixel i) are
// black, p <= t, as bit i, for t from -1 to 255. The even and the odd
// bytes are compared four at a time in 16-bit lanes: p + 255 - t reaches
// 256, bit 8 of its lane, exactly when p > t. A multiplication then
// gathers the four bit 8s of a word (at 16i) into bits 56+2i: its four
// terms shift them by 56-14i, and no other pair of term and bit lands in
// bits 56 to 63 or carries into them. In Go's WebAssembly this is about
// three times faster than comparing the bytes one by one.
func blackBits(v uint64, t int32) uint32 {
	const (
		lanes  = 0x00ff00ff_00ff00ff
		ones   = 0x0001_0001_0001_0001
		gather = 1<<56 | 1<<42 | 1<<28 | 1<<14
	)
	k := uint64(255-t) * ones
	even := ((v & lanes) + k) >> 8 & ones * gather >> 56
	odd := ((v >> 8 & lanes) + k) >> 8 & ones * gather >> 56
	return uint32(^(even | odd<<1)) & 0xff
}

// sharpRow thresholds one row of the sharpened image into b.row: black
// when 2p - mean <= t, mean being that of the 3×3 neighbourhood (the rows
// up and down, the edges repeated). Times 9: 18p - sum <= 9t.
//
// A block of 8 pixels is one 64-bit word of each row, its even and odd
// bytes spread into 16-bit lanes. The column sums of the even pixels (Ce)
// and of the odd ones (Co) give each pixel's neighbourhood: an even
// pixel's is Ce + Co + Co one lane up (the odd pixel on its left), an odd
// pixel's Ce + Co + Ce one lane down. sum + 9t + 2¹⁵ - 18p stays within a
// lane (sum, 9t <= 2295, 18p <= 4590) and has bit 15 set exactly when the
// pixel is black; those bits are gathered as in blackBits. This is about
// three times faster in Go's WebAssembly than summing each pixel's
// neighbours.
func (b *binarizer) sharpRow(up, row, down []byte, lim []int32, words int) {
	const (
		lanes  = 0x00ff00ff_00ff00ff
		ones   = 0x0001_0001_0001_0001
		gather = 1<<56 | 1<<42 | 1<<28 | 1<<14
	)
	w := len(row)
	col := func(x int) uint64 {
		x = min(max(x, 0), w-1)
		return uint64(up[x]) + uint64(row[x]) + uint64(down[x])
	}
	full := w / blockSize
	left := col(0) // the column sum left of the block, the edge repeated
	for k := 0; k < words; k++ {
		var word uint32
		for j := 0; j < 4; j++ {
			bx := 4*k + j
			if bx >= full {
				break
			}
			x := bx * blockSize
			u := binary.LittleEndian.Uint64(up[x:])
			r := binary.LittleEndian.Uint64(row[x:])
			d := binary.LittleEndian.Uint64(down[x:])
			ce := u&lanes + r&lanes + d&lanes
			co := u>>8&lanes + r>>8&lanes + d>>8&lanes
			right := col(x + blockSize)
			both := ce + co
			se := both + (co<<16 | left)
			so := both + (ce>>16 | right<<48)
			left = co >> 48
			k9 := (uint64(9*lim[bx]) + 1<<15) * ones
			even := (se + k9 - 18*(r&lanes)) >> 15 & ones * gather >> 56
			odd := (so + k9 - 18*(r>>8&lanes)) >> 15 & ones * gather >> 56
			word |= uint32(even|odd<<1) << (8 * j)
		}
		b.row.SetBulk(32*k, word)
	}
	if full*blockSize < w {
		k := full * blockSize / 32
		word := b.row.GetBitArray()[k]
		for x := full * blockSize; x < w; x++ {
			v := 18*int32(row[x]) - int32(col(x-1)+col(x)+col(x+1))
			word |= uint32((v-9*lim[x>>blockShift]-1)>>31&1) << (x - 32*k)
		}
		b.row.SetBulk(32*k, word)
	}
}
