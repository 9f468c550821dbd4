package qr

// Generators of test frames: clean codes, screen captures and phone-camera
// frames of a code on a laptop screen, after the simulation of
// shared/notes/measured/qr-density-vs-gozxing.md.

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/makiuchi-d/gozxing"
	zqr "github.com/makiuchi-d/gozxing/qrcode"
	skip "github.com/skip2/go-qrcode"
	"golang.org/x/image/draw"
)

// alnum is the alphanumeric payload alphabet used for dense codes
// (base32, as a transfer code would use).
const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// payload returns a random base32 text that fills version v at level M
// to about 90%, or a short text when short is set.
func payload(rng *rand.Rand, v int) string {
	if _, ok := capacityCache[v]; !ok {
		// The alphanumeric capacity at M: 20 (v1) to 3391 (v40).
		lo, hi := 1, 3400
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if _, err := skip.NewWithForcedVersion(strings.Repeat("A", mid), v, skip.Medium); err == nil {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		capacityCache[v] = lo
	}
	n := max(capacityCache[v]*9/10, 1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[rng.IntN(len(alnum))]
	}
	return string(b)
}

var capacityCache = map[int]int{}

// modules returns the code's modules, true for dark, with no quiet zone.
func modules(text string, v int) [][]bool {
	q, err := skip.NewWithForcedVersion(text, v, skip.Medium)
	if err != nil {
		panic(err)
	}
	q.DisableBorder = true
	return q.Bitmap()
}

// cleanFrame draws the code at s pixels a module, at (x0, y0), on a white
// w×h frame, dark modules at 0.
func cleanFrame(mods [][]bool, s, x0, y0, w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for y, row := range mods {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := 0; dy < s; dy++ {
				for dx := 0; dx < s; dx++ {
					g.SetGray(x0+x*s+dx, y0+y*s+dy, color.Gray{})
				}
			}
		}
	}
	return g
}

// rotate returns g turned by deg degrees about its centre, bilinear, the
// corners filled white.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	s, c := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			sx, sy := c*dx+s*dy+cx-0.5, -s*dx+c*dy+cy-0.5
			out.Pix[y*w+x] = uint8(bilinear(g.Pix, w, h, sx, sy, 255))
		}
	}
	return out
}

func bilinear(pix []byte, w, h int, x, y float64, outside float64) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return outside
		}
		return float64(pix[y*w+x])
	}
	ix, iy := int(x0), int(y0)
	return (1-fx)*(1-fy)*at(ix, iy) + fx*(1-fy)*at(ix+1, iy) +
		(1-fx)*fy*at(ix, iy+1) + fx*fy*at(ix+1, iy+1)
}

// scaleGray scales g by f with bilinear filtering (its kernel widens when
// shrinking, like a browser or a video scaler).
func scaleGray(g *image.Gray, f float64) *image.Gray {
	w := int(math.Round(float64(g.Rect.Dx()) * f))
	h := int(math.Round(float64(g.Rect.Dy()) * f))
	out := image.NewGray(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(out, out.Rect, g, g.Rect, draw.Src, nil)
	return out
}

func frameOf(g *image.Gray) Frame {
	return Frame{Pix: g.Pix, W: g.Rect.Dx(), H: g.Rect.Dy(), Stride: g.Stride}
}

// page paints blocky grey "text" and boxes on a white w×h page, as around
// a code on a web page.
func page(rng *rand.Rand, w, h int) []float64 {
	p := make([]float64, w*h)
	for i := range p {
		p[i] = 255
	}
	fill := func(x0, y0, x1, y1 int, v float64) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				p[y*w+x] = v
			}
		}
	}
	for i := 0; i < 3+rng.IntN(5); i++ {
		x, y := rng.IntN(w), rng.IntN(h)
		fill(x, y, x+40+rng.IntN(300), y+20+rng.IntN(200), 200+float64(rng.IntN(40)))
	}
	for i := 0; i < 6+rng.IntN(8); i++ {
		x, y := rng.IntN(w), rng.IntN(h)
		ink := float64(40 + rng.IntN(100))
		for line := 0; line < 3+rng.IntN(6); line++ {
			for c := 0; c < 20+rng.IntN(40); c++ {
				for k := 0; k < 15; k++ { // a 3×5 glyph of 2 px cells
					if rng.IntN(2) == 0 {
						gx, gy := x+c*8+(k%3)*2, y+line*14+(k/3)*2
						fill(gx, gy, gx+2, gy+2, ink)
					}
				}
			}
		}
	}
	return p
}

// screenFrame simulates a capture of a screen showing the code at s screen
// pixels a module (with its 4-module quiet zone) on a web page, scaled by
// f = num/den into a w×h frame with bilinear filtering, plus noise σ=3.
func screenFrame(rng *rand.Rand, mods [][]bool, s int, num, den int, w, h int) Frame {
	f := float64(num) / float64(den)
	n := len(mods)
	// The patch: code, quiet zone and a white margin, at a random
	// sub-pixel phase after scaling.
	margin := 4*s + 4*den + rng.IntN(den)
	side := n*s + 2*margin
	patch := image.NewGray(image.Rect(0, 0, side, side))
	for i := range patch.Pix {
		patch.Pix[i] = 255
	}
	for y, row := range mods {
		for x, dark := range row {
			if dark {
				for dy := 0; dy < s; dy++ {
					o := (margin+y*s+dy)*side + margin + x*s
					for dx := 0; dx < s; dx++ {
						patch.Pix[o+dx] = 0
					}
				}
			}
		}
	}
	scaled := scaleGray(patch, f)
	bg := page(rng, w, h)
	pw, ph := scaled.Rect.Dx(), scaled.Rect.Dy()
	x0, y0 := rng.IntN(max(w-pw, 1)), rng.IntN(max(h-ph, 1))
	for y := 0; y < ph && y0+y < h; y++ {
		for x := 0; x < pw && x0+x < w; x++ {
			bg[(y0+y)*w+x0+x] = float64(scaled.Pix[y*pw+x])
		}
	}
	return quantise(rng, bg, w, h, 3)
}

func quantise(rng *rand.Rand, p []float64, w, h int, noise float64) Frame {
	pix := make([]byte, w*h)
	for i, v := range p {
		v += rng.NormFloat64() * noise
		pix[i] = uint8(min(max(math.Round(v), 0), 255))
	}
	return Frame{Pix: pix, W: w, H: h, Stride: w}
}

// cameraFrame simulates a 1280×720 phone camera frame (pinhole, focal
// length 1000 px) of a laptop screen showing the code at 4 screen pixels
// a module: the code 35–70% of the frame height, tilted 0–10° about a
// random axis in its plane and turned ±8°, each camera pixel the mean of
// 4×4 samples of the screen, white at 150–245, black at 10–60, a ±15%
// light gradient, Gaussian blur σ 0.8–1.6 and noise σ 6. It returns the
// frame and the camera pixels a module.
func cameraFrame(rng *rand.Rand, mods [][]bool) (Frame, float64) {
	f, mod, _ := cameraFrameTruth(rng, mods)
	return f, mod
}

// cameraFrameTruth is cameraFrame that also returns the map from module
// coordinates of the code (0 to n across) to camera pixels, for the
// diagnostics.
func cameraFrameTruth(rng *rand.Rand, mods [][]bool) (Frame, float64, func(mx, my float64) (float64, float64)) {
	const (
		w, h  = 1280, 720
		focal = 1000.0
		s     = 4 // screen pixels a module
		sw    = 1920
		sh    = 1080
	)
	n := len(mods)
	codeSide := float64((n + 8) * s) // with the quiet zone
	// The code with its 8 px margin somewhere on the screen.
	cx0 := float64(8+4*s) + rng.Float64()*(sw-codeSide-16-8*s)
	cy0 := float64(8+4*s) + rng.Float64()*(sh-codeSide-16-8*s)
	cx0, cy0 = math.Floor(cx0), math.Floor(cy0)
	bg := page(rng, sw, sh)
	screen := func(u, v float64) float64 {
		if u < 0 || v < 0 || u >= sw || v >= sh {
			return -1 // the bezel
		}
		mx, my := int(math.Floor((u-cx0)/s)), int(math.Floor((v-cy0)/s))
		if mx >= -4 && my >= -4 && mx < n+4 && my < n+4 {
			if mx >= 0 && my >= 0 && mx < n && my < n && mods[my][mx] {
				return 0
			}
			return 255
		}
		// The margin around the quiet zone is white too.
		if u >= cx0-4*s-8 && v >= cy0-4*s-8 && u < cx0+float64((n+4)*s)+8 && v < cy0+float64((n+4)*s)+8 {
			return 255
		}
		return bg[int(v)*sw+int(u)]
	}

	frac := 0.35 + 0.35*rng.Float64()
	mod := frac * h / codeSide * s // camera px a module
	var hom, fwd [9]float64
	for try := 0; ; try++ {
		tilt := rng.Float64() * 10 * math.Pi / 180
		axis := rng.Float64() * math.Pi
		rot := (rng.Float64()*16 - 8) * math.Pi / 180
		// Distance so that the code spans frac of the frame height.
		z := focal * codeSide / (frac * h)
		// Rotation: tilt about the in-plane axis, then turn.
		ax, ay := math.Cos(axis), math.Sin(axis)
		R := mul3(rotZ(rot), rotAxis(ax, ay, tilt))
		// The code centre's image position, kept inside the frame.
		px := w/2 + (rng.Float64()-0.5)*(w-frac*h*1.2)
		py := h/2 + (rng.Float64()-0.5)*(h-frac*h*1.2)
		tx, ty := (px-w/2)*z/focal, (py-h/2)*z/focal
		ucode := cx0 + float64(n*s)/2
		vcode := cy0 + float64(n*s)/2
		// Screen point (u, v) → camera: K (R [u-uc, v-vc, 0] + t).
		// H maps (u, v, 1) to homogeneous camera pixels.
		r1 := [3]float64{R[0], R[3], R[6]}
		r2 := [3]float64{R[1], R[4], R[7]}
		t := [3]float64{tx - R[0]*ucode - R[1]*vcode, ty - R[3]*ucode - R[4]*vcode, z - R[6]*ucode - R[7]*vcode}
		var H [9]float64
		for i := 0; i < 3; i++ {
			H[i*3+0], H[i*3+1], H[i*3+2] = r1[i], r2[i], t[i]
		}
		// K = [f 0 w/2; 0 f h/2; 0 0 1]
		for j := 0; j < 3; j++ {
			H[0*3+j] = focal*H[0*3+j] + w/2*H[2*3+j]
			H[1*3+j] = focal*H[1*3+j] + h/2*H[2*3+j]
		}
		inside := true
		for _, c := range [][2]float64{{cx0, cy0}, {cx0 + float64(n*s), cy0}, {cx0, cy0 + float64(n*s)}, {cx0 + float64(n*s), cy0 + float64(n*s)}} {
			X := H[0]*c[0] + H[1]*c[1] + H[2]
			Y := H[3]*c[0] + H[4]*c[1] + H[5]
			Z := H[6]*c[0] + H[7]*c[1] + H[8]
			x, y := X/Z, Y/Z
			inside = inside && x > 4 && y > 4 && x < w-4 && y < h-4
		}
		if inside || try > 50 {
			fwd = H
			hom = inv3(H)
			break
		}
	}
	white := 150 + 95*rng.Float64()
	black := 10 + 50*rng.Float64()
	ga := rng.Float64() * 2 * math.Pi
	gx, gy := math.Cos(ga)*0.15, math.Sin(ga)*0.15
	img := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sum float64
			for j := 0; j < 4; j++ {
				for i := 0; i < 4; i++ {
					X, Y := float64(x)+(float64(i)+0.5)/4, float64(y)+(float64(j)+0.5)/4
					Z := hom[6]*X + hom[7]*Y + hom[8]
					u := (hom[0]*X + hom[1]*Y + hom[2]) / Z
					v := (hom[3]*X + hom[4]*Y + hom[5]) / Z
					l := screen(u, v)
					if l < 0 {
						sum += 20 // bezel
					} else {
						sum += black + (white-black)*l/255
					}
				}
			}
			light := 1 + gx*(float64(x)/w*2-1) + gy*(float64(y)/h*2-1)
			img[y*w+x] = sum / 16 * light
		}
	}
	blur(img, w, h, 0.8+0.8*rng.Float64())
	toCam := func(mx, my float64) (float64, float64) {
		u, v := cx0+mx*s, cy0+my*s
		Z := fwd[6]*u + fwd[7]*v + fwd[8]
		return (fwd[0]*u + fwd[1]*v + fwd[2]) / Z, (fwd[3]*u + fwd[4]*v + fwd[5]) / Z
	}
	return quantise(rng, img, w, h, 6), mod, toCam
}

func rotZ(a float64) [9]float64 {
	s, c := math.Sincos(a)
	return [9]float64{c, -s, 0, s, c, 0, 0, 0, 1}
}

// rotAxis is the rotation by a about the unit axis (x, y, 0).
func rotAxis(x, y, a float64) [9]float64 {
	s, c := math.Sincos(a)
	t := 1 - c
	return [9]float64{
		t*x*x + c, t * x * y, y * s,
		t * x * y, t*y*y + c, -x * s,
		-y * s, x * s, c,
	}
}

func mul3(a, b [9]float64) [9]float64 {
	var r [9]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				r[i*3+j] += a[i*3+k] * b[k*3+j]
			}
		}
	}
	return r
}

func inv3(m [9]float64) [9]float64 {
	a, b, c, d, e, f, g, h, i := m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]
	A, B, C := e*i-f*h, -(d*i - f*g), d*h-e*g
	det := a*A + b*B + c*C
	return [9]float64{
		A / det, -(b*i - c*h) / det, (b*f - c*e) / det,
		B / det, (a*i - c*g) / det, -(a*f - c*d) / det,
		C / det, -(a*h - b*g) / det, (a*e - b*d) / det,
	}
}

// blur applies a separable Gaussian blur of deviation sigma in place.
func blur(p []float64, w, h int, sigma float64) {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	var sum float64
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, len(p))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var s float64
			for i, kv := range k {
				xx := min(max(x+i-r, 0), w-1)
				s += kv * p[y*w+xx]
			}
			tmp[y*w+x] = s
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var s float64
			for i, kv := range k {
				yy := min(max(y+i-r, 0), h-1)
				s += kv * tmp[yy*w+x]
			}
			p[y*w+x] = s
		}
	}
}

// plainGozxing is the reader of the density measurement, the "before":
// gozxing's own luminance source, HybridBinarizer and QRCodeReader with
// TRY_HARDER, then GlobalHistogramBinarizer on failure, then both on the
// inverted image (as the browser measurement did).
func plainGozxing(f Frame) (string, bool) {
	pix := f.Pix
	if f.Stride != f.W {
		pix = make([]byte, f.W*f.H)
		for y := 0; y < f.H; y++ {
			copy(pix[y*f.W:], f.Pix[y*f.Stride:y*f.Stride+f.W])
		}
	}
	src, err := gozxing.NewPlanarYUVLuminanceSource(pix, f.W, f.H, 0, 0, f.W, f.H, false)
	if err != nil {
		return "", false
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	for _, s := range []gozxing.LuminanceSource{src, src.Invert()} {
		for _, bin := range []gozxing.Binarizer{gozxing.NewHybridBinarizer(s), gozxing.NewGlobalHistgramBinarizer(s)} {
			bmp, _ := gozxing.NewBinaryBitmap(bin)
			if r, err := zqr.NewQRCodeReader().Decode(bmp, hints); err == nil {
				return r.GetText(), true
			}
		}
	}
	return "", false
}
