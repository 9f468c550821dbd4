package qr

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestVersions reads a generated code of every version, clean, inverted,
// turned and scaled, with the live decoder (first call) and the thorough
// one.
func TestVersions(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 1))
	for v := 1; v <= 40; v++ {
		text := payload(rng, v)
		mods := modules(text, v)
		s := 3
		if v <= 10 {
			s = 5
		}
		side := (len(mods) + 8) * s
		clean := cleanFrame(mods, s, 4*s, 4*s, side, side)
		variants := []struct {
			name string
			img  *image.Gray
		}{
			{"clean", clean},
			{"inverted", invert(clean)},
			{"turned 30°", rotate(pad(clean, side/3), 30)},
			{"turned 90°", rotate(clean, 90)},
			{"scaled 0.8", scaleGray(clean, 0.8)},
		}
		for _, vr := range variants {
			t.Run(fmt.Sprintf("v%d/%s", v, vr.name), func(t *testing.T) {
				f := frameOf(vr.img)
				live := readsText(&Decoder{}, f, text) || readsText(&Decoder{turn: 1}, f, text)
				thorough := readsText(&Decoder{Thorough: true}, f, text)
				if !live || !thorough {
					t.Errorf("not read: live %v, thorough %v", live, thorough)
				}
			})
		}
	}
}

func invert(g *image.Gray) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, p := range g.Pix {
		out.Pix[i] = 255 - p
	}
	return out
}

// pad surrounds g with a white border of n pixels.
func pad(g *image.Gray, n int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w+2*n, h+2*n))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := 0; y < h; y++ {
		copy(out.Pix[(y+n)*out.Stride+n:], g.Pix[y*g.Stride:y*g.Stride+w])
	}
	return out
}

// TestDense checks the two goals of the dense-code work on a few
// generated frames (the benchmarks measure more): codes of versions 20
// and 25 are read in every screen capture scaled by 1, 0.8 and 0.667, and
// in most simulated phone-camera frames by the thorough decoder, where
// plain gozxing reads few.
func TestDense(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: generates camera frames")
	}
	for _, v := range []int{20, 25} {
		for _, sc := range [][2]int{{1, 1}, {4, 5}, {2, 3}} {
			rng := rand.New(rand.NewPCG(uint64(v), uint64(sc[1])+100))
			d := &Decoder{}
			for i := 0; i < 4; i++ {
				text := payload(rng, v)
				f := screenFrame(rng, modules(text, v), 4, sc[0], sc[1], 1280, 720)
				if !readsText(d, f, text) {
					t.Errorf("v%d screen capture scaled %d/%d, frame %d: not read", v, sc[0], sc[1], i)
				}
			}
		}
	}
	for _, v := range []int{20, 25} {
		rng := rand.New(rand.NewPCG(uint64(v), 200))
		d := &Decoder{Thorough: true}
		const n = 8
		read, before := 0, 0
		for i := 0; i < n; i++ {
			text := payload(rng, v)
			f, _ := cameraFrame(rng, modules(text, v))
			if readsText(d, f, text) {
				read++
			}
			if got, ok := plainGozxing(f); ok && got == text {
				before++
			}
		}
		t.Logf("v%d camera frames: read %d of %d (plain gozxing %d)", v, read, n, before)
		if read < n/2 || read <= before {
			t.Errorf("v%d camera frames: read %d of %d, plain gozxing %d", v, read, n, before)
		}
	}
}

func TestSeveralCodes(t *testing.T) {
	want := []string{"FIRST CODE", "https://example.com/second", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}
	g := image.NewGray(image.Rect(0, 0, 900, 400))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for i, text := range want {
		mods := modules(text, 3)
		for y, row := range mods {
			for x, dark := range row {
				if dark {
					for k := 0; k < 49; k++ {
						g.SetGray(40+i*290+x*7+k%7, 60+y*7+k/7, color.Gray{})
					}
				}
			}
		}
	}
	for _, thorough := range []bool{false, true} {
		res, err := (&Decoder{Thorough: thorough}).Decode(frameOf(g))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(texts(res), "|")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("thorough=%v: %q not read (got %q)", thorough, w, got)
			}
		}
		if len(res) != len(want) {
			t.Errorf("thorough=%v: %d results, want %d", thorough, len(res), len(want))
		}
		for _, r := range res {
			if r.Version != 3 || r.Level != "M" || len(r.Points) < 3 {
				t.Errorf("result %q: version %d level %q points %v", r.Text, r.Version, r.Level, r.Points)
			}
		}
	}
}

func TestNotFound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range []Frame{
		screenFrame(rng, [][]bool{{false}}, 4, 1, 1, 640, 480),
		{Pix: make([]byte, 100*100), W: 100, H: 100, Stride: 100},
		{Pix: []byte{0}, W: 1, H: 1, Stride: 1},
	} {
		for _, thorough := range []bool{false, true} {
			res, err := (&Decoder{Thorough: thorough}).Decode(f)
			if !errors.Is(err, ErrNotFound) || res != nil {
				t.Errorf("%dx%d thorough=%v: %v, %v; want ErrNotFound", f.W, f.H, thorough, res, err)
			}
		}
	}
}

func TestInvalidFrame(t *testing.T) {
	for _, f := range []Frame{
		{},
		{Pix: make([]byte, 10), W: 4, H: 4, Stride: 4},
		{Pix: make([]byte, 16), W: 4, H: 4, Stride: 3},
		{Pix: make([]byte, 16), W: -1, H: 4, Stride: 4},
	} {
		if _, err := (&Decoder{}).Decode(f); !errors.Is(err, ErrInvalidFrame) {
			t.Errorf("%+v: %v, want ErrInvalidFrame", f, err)
		}
	}
}

// TestLargeFrame puts a small dense code in a 3840×2160 capture: the
// reduced frame cannot read it, a tile at full resolution can.
func TestLargeFrame(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	text := payload(rng, 15)
	mods := modules(text, 15)
	g := cleanFrame(mods, 2, 3000, 1500, 3840, 2160)
	f := frameOf(g)
	d := &Decoder{}
	read := false
	for i := 0; i < 30 && !read; i++ { // one tile a call
		read = readsText(d, f, text)
	}
	if !read {
		t.Error("live decoder did not read the small code in 30 calls")
	}
	if !readsText(&Decoder{Thorough: true}, f, text) {
		t.Error("thorough decoder did not read the small code")
	}
}

func TestSetImage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const w, h = 37, 23
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range rgba.Pix {
		rgba.Pix[i] = uint8(rng.IntN(256))
	}
	for i := 3; i < len(rgba.Pix); i += 4 {
		rgba.Pix[i] = 255 // opaque, so that every form agrees exactly
	}
	nrgba := &image.NRGBA{Pix: rgba.Pix, Stride: rgba.Stride, Rect: rgba.Rect}
	gray := image.NewGray(rgba.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := rgba.Pix[y*rgba.Stride+4*x:]
			gray.Pix[y*gray.Stride+x] = luma(p[0], p[1], p[2])
		}
	}
	ycc := image.NewYCbCr(rgba.Rect, image.YCbCrSubsampleRatio420)
	copy(ycc.Y, gray.Pix)
	paletted := image.NewPaletted(rgba.Rect, nil)
	for i := 0; i < 256; i++ {
		paletted.Palette = append(paletted.Palette, color.RGBA{uint8(i), uint8(255 - i), uint8(i / 2), 255})
	}
	for i := range paletted.Pix {
		paletted.Pix[i] = uint8(rng.IntN(256))
	}
	var want Frame
	want.SetRGBA(rgba.Pix, w, h)
	tests := []struct {
		name string
		img  image.Image
		want []byte
	}{
		{"rgba", rgba, want.Pix},
		{"nrgba", nrgba, want.Pix},
		{"gray", gray, want.Pix},
		{"ycbcr", ycc, want.Pix},
		{"sub-image", rgba.SubImage(image.Rect(5, 3, 20, 11)), nil},
		{"paletted (generic)", paletted, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Frame
			if err := f.SetImage(tt.img); err != nil {
				t.Fatal(err)
			}
			b := tt.img.Bounds()
			if f.W != b.Dx() || f.H != b.Dy() {
				t.Fatalf("size %dx%d, want %dx%d", f.W, f.H, b.Dx(), b.Dy())
			}
			for y := 0; y < f.H; y++ {
				for x := 0; x < f.W; x++ {
					got := f.Pix[y*f.Stride+x]
					var exp uint8
					if tt.want != nil {
						exp = tt.want[y*w+x]
					} else {
						r, g, bb, _ := tt.img.At(b.Min.X+x, b.Min.Y+y).RGBA()
						exp = luma(uint8(r>>8), uint8(g>>8), uint8(bb>>8))
					}
					if got != exp {
						t.Fatalf("(%d,%d) = %d, want %d", x, y, got, exp)
					}
				}
			}
		})
	}
}

func TestSetImageTransparent(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	img.Pix = []byte{0, 0, 0, 0, 0, 0, 0, 255} // transparent, black
	var f Frame
	f.SetImage(img)
	if f.Pix[0] != 255 || f.Pix[1] != 0 {
		t.Errorf("got %v, want transparent as white and black as black", f.Pix[:2])
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 1, 1)) // transparent
	f.SetImage(rgba)
	if f.Pix[0] != 255 {
		t.Errorf("transparent RGBA gave %d, want 255", f.Pix[0])
	}
}

func TestSetRGBAReuses(t *testing.T) {
	var f Frame
	pix := make([]byte, 4*64*48)
	if err := f.SetRGBA(pix, 64, 48); err != nil {
		t.Fatal(err)
	}
	first := &f.Pix[0]
	if err := f.SetRGBA(pix[:4*32*24], 32, 24); err != nil {
		t.Fatal(err)
	}
	if &f.Pix[0] != first {
		t.Error("SetRGBA allocated a new buffer for a smaller frame")
	}
	if allocs := testing.AllocsPerRun(10, func() { f.SetRGBA(pix, 64, 48) }); allocs != 0 {
		t.Errorf("SetRGBA allocates %v times a call", allocs)
	}
	if err := f.SetRGBA(pix[:5], 1, 1); !errors.Is(err, ErrInvalidFrame) {
		t.Errorf("5 bytes for 1×1: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	rng := rand.New(rand.NewPCG(9, 9))
	seed := cleanFrame(modules("HELLO", 1), 2, 8, 8, 58, 58)
	f.Add(seed.Pix, 58, false)
	f.Add(invert(seed).Pix, 58, true)
	noise := make([]byte, 48*48)
	for i := range noise {
		noise[i] = uint8(rng.IntN(256))
	}
	f.Add(noise, 48, false)
	f.Fuzz(func(t *testing.T, pix []byte, w int, thorough bool) {
		if w <= 0 || w > 200 || len(pix) < w || len(pix) > 200*200 {
			return
		}
		h := len(pix) / w
		fr := Frame{Pix: pix, W: w, H: h, Stride: w}
		res, err := (&Decoder{Thorough: thorough}).Decode(fr)
		if err != nil && res != nil {
			t.Fatalf("results with an error: %v", err)
		}
		if err == nil && len(res) == 0 {
			t.Fatal("no result and no error")
		}
	})
}
