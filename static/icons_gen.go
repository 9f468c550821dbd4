//go:build ignore

// This program draws the PNG icons from the same shapes as icon.svg:
//
//	go run static/icons_gen.go -out static
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

var (
	accent = color.NRGBA{0x2f, 0x5b, 0xd3, 0xff}
	white  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// roundRect returns the signed distance from (x, y) to a rounded rectangle.
func roundRect(x, y, x0, y0, w, h, r float64) float64 {
	cx, cy := x0+w/2, y0+h/2
	qx := math.Abs(x-cx) - (w/2 - r)
	qy := math.Abs(y-cy) - (h/2 - r)
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - r
}

func blend(dst color.NRGBA, src color.NRGBA, a float64) color.NRGBA {
	a = math.Max(0, math.Min(1, a)) * float64(src.A) / 255
	mix := func(d, s uint8) uint8 { return uint8(float64(d)*(1-a) + float64(s)*a + 0.5) }
	da := float64(dst.A) / 255
	return color.NRGBA{mix(dst.R, src.R), mix(dst.G, src.G), mix(dst.B, src.B), uint8(255 * (a + da*(1-a)))}
}

// draw renders the icon at size px; maskable icons fill the square and keep
// the mark inside the 80% safe zone.
func draw(size int, maskable bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size) / 64
	inset, scale := 0.0, 1.0
	if maskable {
		inset, scale = 6.4, 0.8
	}
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			x, y := (float64(px)+0.5)/s, (float64(py)+0.5)/s
			c := color.NRGBA{}
			if maskable {
				c = accent
			} else {
				c = blend(c, accent, 0.5-roundRect(x, y, 0, 0, 64, 64, 14)*s)
			}
			mx, my := (x-inset)/scale, (y-inset)/scale
			ring := math.Abs(roundRect(mx, my, 13, 13, 26, 26, 6)) - 2
			c = blend(c, white, 0.5-ring*s*scale)
			front := white
			front.A = 230
			c = blend(c, front, 0.5-roundRect(mx, my, 25, 25, 26, 26, 6)*s*scale)
			img.SetNRGBA(px, py, c)
		}
	}
	return img
}

func main() {
	out := flag.String("out", "static", "output folder")
	flag.Parse()
	for _, icon := range []struct {
		name     string
		size     int
		maskable bool
	}{
		{"icon-192.png", 192, false},
		{"icon-512.png", 512, false},
		{"icon-maskable-512.png", 512, true},
	} {
		f, err := os.Create(filepath.Join(*out, icon.name))
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, draw(icon.size, icon.maskable)); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}
