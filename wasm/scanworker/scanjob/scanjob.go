//go:build js && wasm

// Package scanjob is what the page's QR reader (twofold.app/wasm/scan) and
// the scan worker's program (twofold.app/wasm/scanworker) agree on, apart
// from static/scan-worker.js, which carries their messages. It imports
// only syscall/js, so that the worker's program stays small.
package scanjob

import (
	"errors"
	"math"
	"syscall/js"
)

// Protocol is the version of the messages between the page and the scan
// worker. The worker reports it when it is ready, and the page refuses a
// worker of another version: after an update, an open page of the old
// version would otherwise load the new worker from the new cache.
const Protocol = 1

// Pixels is the first plane of a frame or an image, as the worker script
// hands it to the program's decode function.
type Pixels struct {
	// Data holds the plane: rows Stride bytes apart, 1 byte a pixel for
	// the YUV formats and 4 for the RGB ones.
	Data js.Value
	// Format is the pixel format, named as WebCodecs names it ("I420",
	// "NV12", "RGBA", "BGRX"…).
	Format       string
	W, H, Stride int
	Thorough     bool    // a still image: every stage of the decoder
	Stream       float64 // the capture the frame is from; 0 for images
}

// Read reads a job of the worker script's decode call: {data: Uint8Array,
// format: string, width, height, stride: integers, thorough: boolean,
// stream: number}.
func Read(job js.Value) (Pixels, error) {
	if job.Type() != js.TypeObject {
		return Pixels{}, errors.New("the job is not an object")
	}
	var p Pixels
	p.Data = job.Get("data")
	if !p.Data.InstanceOf(js.Global().Get("Uint8Array")) && !p.Data.InstanceOf(js.Global().Get("Uint8ClampedArray")) {
		return Pixels{}, errors.New("data is not a Uint8Array")
	}
	if f := job.Get("format"); f.Type() == js.TypeString {
		p.Format = f.String()
	} else {
		return Pixels{}, errors.New("format is not a string")
	}
	for _, n := range []struct {
		name string
		dst  *int
	}{{"width", &p.W}, {"height", &p.H}, {"stride", &p.Stride}} {
		v := job.Get(n.name)
		if v.Type() != js.TypeNumber || v.Float() < 1 || v.Float() > 1<<16 || v.Float() != math.Trunc(v.Float()) {
			return Pixels{}, errors.New(n.name + " is not a positive integer")
		}
		*n.dst = v.Int()
	}
	p.Thorough = job.Get("thorough").Truthy()
	if s := job.Get("stream"); s.Type() == js.TypeNumber {
		p.Stream = s.Float()
	}
	return p, nil
}
