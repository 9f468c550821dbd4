package transfer

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// Image draws the text of a transfer code as a PNG, dark on light with its
// four-module quiet zone, each module px×px pixels, at the layout's level
// and the smallest version that holds it (the layout's own for every code
// of a transfer of more than one). It returns the PNG and the number of
// modules on a side, the quiet zone included, so that a page can show the
// image at a whole number of device pixels a module.
func Image(text string, l Layout, px int) (png []byte, modules int, err error) {
	level := qrcode.Medium
	if l.Level == LevelL {
		level = qrcode.Low
	}
	q, err := qrcode.New(text, level)
	if err != nil {
		return nil, 0, fmt.Errorf("making a transfer QR code: %w", err)
	}
	png, err = q.PNG(-max(px, 1))
	if err != nil {
		return nil, 0, fmt.Errorf("drawing a transfer QR code: %w", err)
	}
	// Not len(q.Bitmap()): skip2 encodes the whole symbol again, its
	// Reed–Solomon code and its eight masks, on every call that draws it.
	return png, Modules(q.VersionNumber), nil
}
