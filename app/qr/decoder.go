package qr

import (
	"errors"
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"
	mdetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// ErrNotFound is returned by [Decoder.Decode] when no QR code could be
// read in the frame.
var ErrNotFound = errors.New("no qr code found")

// Result is one QR code read from a frame.
type Result struct {
	// Text is the content as text. Byte-mode segments are decoded as
	// the code's ECI says, or else with a guessed character set
	// (UTF-8, ISO-8859-1 or Shift_JIS).
	Text string
	// Segments are the raw bytes of the byte-mode segments, in order,
	// for content that is binary rather than text.
	Segments [][]byte
	// Version is the symbol version, 1 to 40, and Level its error
	// correction level, "L", "M", "Q" or "H".
	Version int
	Level   string
	// Points are the centres of the bottom-left, top-left and top-right
	// finder patterns, and of the alignment pattern when one was used,
	// in frame pixels.
	Points []Point
}

// Point is a position in a frame, in pixels.
type Point struct{ X, Y float64 }

// Decoder reads QR codes from frames. It keeps its buffers from one call
// to the next, so one Decoder should be reused for the frames of a camera
// or screen capture. A Decoder must not be used by several goroutines at
// once. The zero Decoder is ready to use.
type Decoder struct {
	// Thorough makes Decode try every stage of the pipeline, for a still
	// image where a few tens of milliseconds do not matter. Without it
	// Decode binarizes the frame once, with a different stage on each
	// call, to stay within about 10 ms for a 1280×720 frame in a
	// browser; see doc.go.
	Thorough bool

	bin      binarizer
	crop     binarizer // for readCrop
	work, up Frame     // scaled copies of the frame
	r        reader
	f        finder
	turn     int
	cur      matrixKey
	harder   map[gozxing.DecodeHintType]interface{}
}

// matrixKey says what the binarizer's matrix holds now.
type matrixKey struct {
	pix                   *byte
	w, h                  int
	global, sharp, invert bool
}

// source says which image an attempt reads.
type source int

const (
	srcWork source = iota // the frame, or for large frames its box-filtered reduction
	srcFull               // the frame at full resolution, when srcWork is reduced
	srcTile               // one tile of the full-resolution frame
	srcUp                 // srcWork enlarged 2× for small images
)

type attempt struct {
	src    source
	tile   int
	global bool // global histogram instead of local threshold
	sharp  bool // local threshold of the sharpened image
	invert bool // light modules on a dark background
}

// workPixels is the size above which frames are box-filtered down by an
// integer factor first: about 1920×1080.
const workPixels = 2_100_000

// maxTriples bounds how many finder-pattern triples one attempt reads
// in live mode, twice as many when Thorough; each costs up to a few
// dozen grid samplings when it fails.
const maxTriples = 6

// Decode reads the QR codes in f and returns each once, or ErrNotFound.
// When f holds several codes the decoder tries to read them all; without
// Thorough it stops at the first stage that reads any.
func (d *Decoder) Decode(f Frame) ([]Result, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if d.harder == nil {
		d.harder = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	}
	d.cur = matrixKey{}
	d.r.thorough = d.Thorough

	k := 1
	if f.W*f.H > workPixels {
		k = int(math.Ceil(math.Sqrt(float64(f.W*f.H) / workPixels)))
	}
	work := f
	if k > 1 {
		downscale(&d.work, f, k)
		work = d.work
	}
	tiles := tileRects(f.W, f.H, k)

	var results []Result
	for i, a := range d.plan(k, len(tiles), max(work.W, work.H)) {
		if !d.Thorough && i > 0 && len(results) > 0 {
			break
		}
		src, scale, off := work, float64(k), image.Point{}
		switch a.src {
		case srcFull:
			src, scale = f, 1
		case srcTile:
			r := tiles[a.tile]
			src, scale, off = f.sub(r), 1, r.Min
		case srcUp:
			upscale2(&d.up, work)
			src, scale = d.up, float64(k)/2
		}
		found, unexplained := d.try(src, scale, off, a, &results)
		if d.Thorough && found > 0 && unexplained == 0 {
			break
		}
	}
	if len(results) == 0 {
		return nil, ErrNotFound
	}
	return results, nil
}

// plan lists the attempts of one call. Thorough runs them all; live
// mode binarizes once per call, in turn with the local threshold of the
// sharpened image, the global threshold, or for a large frame one of its
// tiles at full resolution, and reads the result as it is and inverted.
//
// The plain local threshold is left to thorough mode: in the camera
// simulation the sharpened one read as many frames of versions 10 and 15
// and more of versions 20 and up (100 frames of version 25: 62 against
// 49), and the screen captures as many or more. Two stages instead of
// three also bring each one back every other call. (Above 1920×1080 the
// tiles, and the reduction read between them, keep the plain one; that
// case was not measured again.)
func (d *Decoder) plan(k, tiles, workSide int) []attempt {
	if d.Thorough {
		as := []attempt{
			{src: srcWork},
			{src: srcWork, invert: true},
			{src: srcWork, global: true},
			{src: srcWork, global: true, invert: true},
			{src: srcWork, sharp: true},
		}
		if k > 1 {
			as = append(as,
				attempt{src: srcFull},
				attempt{src: srcFull, global: true},
				attempt{src: srcFull, invert: true})
		}
		if workSide <= 800 {
			as = append(as,
				attempt{src: srcUp},
				attempt{src: srcUp, global: true},
				attempt{src: srcUp, invert: true})
		}
		return as
	}
	turns := []attempt{{src: srcWork, sharp: true}, {src: srcWork, global: true}}
	for i := 0; i < tiles; i++ {
		turns = append(turns, attempt{src: srcTile, tile: i}, attempt{src: srcWork})
	}
	a := turns[d.turn%len(turns)]
	d.turn++
	inv := a
	inv.invert = true
	return []attempt{a, inv}
}

// tileRects splits a w×h frame reduced k times for the main stage into
// overlapping tiles of the reduced frame's size at full resolution, so
// that a code too small to read in the reduction is read in one of them.
func tileRects(w, h, k int) []image.Rectangle {
	if k < 2 {
		return nil
	}
	tw, th := w/k, h/k
	var rs []image.Rectangle
	n := 2*k - 1 // tiles per side, overlapping by half
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			x := (w - tw) * i / (n - 1)
			y := (h - th) * j / (n - 1)
			rs = append(rs, image.Rect(x, y, x+tw, y+th))
		}
	}
	return rs
}

// try runs one attempt on src, whose pixels map to the frame's by scale
// and offset, and appends the codes not read before to results. It
// returns how many codes it read, and how many finder triples it could
// not read that belong to none of them.
func (d *Decoder) try(src Frame, scale float64, off image.Point, a attempt, results *[]Result) (found, unexplained int) {
	key := matrixKey{&src.Pix[0], src.W, src.H, a.global, a.sharp, a.invert}
	var m *gozxing.BitMatrix
	switch {
	case d.cur.pix == key.pix && d.cur.w == key.w && d.cur.h == key.h && d.cur.global == key.global && d.cur.sharp == key.sharp:
		m = d.bin.m
		if d.cur.invert != a.invert {
			m.FlipAll()
		}
	default:
		var ok bool
		if a.global {
			m, ok = d.bin.global(src)
		} else {
			m, ok = d.bin.local(src, a.sharp)
		}
		if !ok {
			d.cur = matrixKey{}
			return 0, 0
		}
		if a.invert {
			m.FlipAll()
		}
	}
	d.cur = key

	// gozxing's finder reads some photos the tolerant one misses, but in
	// the live simulations it found nothing more, at twice the cost.
	var infos []*detector.FinderPatternInfo
	if d.Thorough {
		infos, _ = mdetector.NewMultiFinderPatternFinder(m, nil).FindMulti(d.harder)
	}
	var used []*detector.FinderPattern
	isUsed := func(p *detector.FinderPattern) bool {
		for _, u := range used {
			if u == p {
				return true
			}
		}
		return false
	}
	crops := 0
	read := func(infos []*detector.FinderPatternInfo) {
		for i, info := range infos {
			if (!d.Thorough && i >= maxTriples) || i >= 2*maxTriples {
				break
			}
			if isUsed(info.GetTopLeft()) || isUsed(info.GetTopRight()) || isUsed(info.GetBottomLeft()) {
				continue
			}
			c, err := d.r.readCode(m, info)
			if err != nil && a.global && d.r.versioned && crops < maxCrops {
				crops++
				c, err = d.readCrop(src, info, a.invert)
			}
			if err != nil {
				unexplained++
				continue
			}
			used = append(used, info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft())
			found++
			d.add(results, c, scale, off)
		}
	}
	read(infos)
	if found == 0 {
		// Nothing readable from gozxing's finder: the tolerant one.
		step := 2
		if d.Thorough {
			step = 1
		}
		unexplained = 0
		infos = d.f.findPatterns(m, step, maxTriples)
		read(infos)
		if found == 0 {
			// Two finders of a code and not the third: match it where
			// they put it.
			pairs := d.f.completePairs(m, maxTriples)
			read(pairs)
			infos = append(infos, pairs...)
		}
	}
	// Triples made of the finders of codes read later are not
	// unexplained; recount against the final set.
	if found > 0 && unexplained > 0 {
		unexplained = 0
		for _, info := range infos {
			if !isUsed(info.GetTopLeft()) && !isUsed(info.GetTopRight()) && !isUsed(info.GetBottomLeft()) {
				unexplained++
			}
		}
	}
	return found, unexplained
}

// maxCrops bounds how many triples one attempt reads again with
// readCrop.
const maxCrops = 1

// readCrop reads the code of info from a local threshold of the
// sharpened image of the part of src around it, for a triple that the
// global threshold found, with its version information, but could not
// read. A global threshold keeps the finders of a code under uneven
// light, but then gets the modules of its darker or lighter side wrong
// (in the camera simulation, most of the version 25 frames it missed with
// the finders and the dimension right); the local one gets them right,
// and a crop of the code costs a small part of a frame.
func (d *Decoder) readCrop(src Frame, info *detector.FinderPatternInfo, invert bool) (code, error) {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	ms := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	brX, brY := tr.GetX()+bl.GetX()-tl.GetX(), tr.GetY()+bl.GetY()-tl.GetY()
	pad := 8 * ms // the finder's half, the quiet zone and some slack
	x0 := math.Min(math.Min(tl.GetX(), tr.GetX()), math.Min(bl.GetX(), brX)) - pad
	x1 := math.Max(math.Max(tl.GetX(), tr.GetX()), math.Max(bl.GetX(), brX)) + pad
	y0 := math.Min(math.Min(tl.GetY(), tr.GetY()), math.Min(bl.GetY(), brY)) - pad
	y1 := math.Max(math.Max(tl.GetY(), tr.GetY()), math.Max(bl.GetY(), brY)) + pad
	r := image.Rect(int(x0), int(y0), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(image.Rect(0, 0, src.W, src.H))
	if r.Empty() {
		return code{}, gozxing.NewNotFoundException("empty crop")
	}
	m, ok := d.crop.local(src.sub(r), true)
	if !ok {
		return code{}, gozxing.NewNotFoundException("flat crop")
	}
	if invert {
		m.FlipAll()
	}
	dx, dy := float64(r.Min.X), float64(r.Min.Y)
	shift := func(p *detector.FinderPattern) *detector.FinderPattern {
		return detector.NewFinderPattern(p.GetX()-dx, p.GetY()-dy, p.GetEstimatedModuleSize(), p.GetCount())
	}
	c, err := d.r.readCode(m, detector.NewFinderPatternInfo(shift(bl), shift(tl), shift(tr)))
	if err != nil {
		return code{}, err
	}
	for i, p := range c.points {
		c.points[i] = gozxing.NewResultPoint(p.GetX()+dx, p.GetY()+dy)
	}
	return c, nil
}

// add appends c to results, in frame coordinates, unless a code with the
// same text is there already.
func (d *Decoder) add(results *[]Result, c code, scale float64, off image.Point) {
	text := c.res.GetText()
	for _, r := range *results {
		if r.Text == text {
			return
		}
	}
	res := Result{
		Text:     text,
		Segments: c.res.GetByteSegments(),
		Version:  c.version,
		Level:    c.res.GetECLevel(),
	}
	for _, p := range c.points {
		res.Points = append(res.Points, Point{
			X: p.GetX()*scale + float64(off.X),
			Y: p.GetY()*scale + float64(off.Y),
		})
	}
	*results = append(*results, res)
}
