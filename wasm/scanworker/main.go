//go:build js && wasm

// Command scanworker is the Go program that static/scan-worker.js runs in a
// dedicated Web Worker to read QR codes off the page's main thread, with
// the decoder of twofold.app/app/qr, the one the command line uses. It is
// built to /web/scan.wasm:
//
//	GOOS=js GOARCH=wasm go build -trimpath -o out/site/web/scan.wasm ./wasm/scanworker
//
// The program sets the global twofoldScan to {protocol, decode} and stays
// running: protocol is [scanjob.Protocol], and decode(job) reads the QR
// codes of one frame or image, synchronously, and returns {texts: [string…]}
// (empty when there is none) or {error: string}. A job is the first plane of
// the pixels, which the worker script has read from a VideoFrame, an image
// or the page's canvas (see [scanjob.Read]).
//
// The program keeps one live decoder, which carries its rotation of stages
// from one frame of a capture to the next and starts afresh for a frame of
// another capture, and one thorough decoder for still images; both keep
// their buffers, so a scan allocates little per frame.
//
// It must stay small: it imports neither go-app nor anything of the app but
// app/qr, because every opening of a scanner loads and compiles it.
package main

import (
	"errors"
	"fmt"
	"syscall/js"

	"twofold.app/app/qr"
	"twofold.app/wasm/scanworker/scanjob"
)

func main() {
	var s scanner
	decode := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return reply(nil, errors.New("decode needs a job"))
		}
		return reply(s.decode(args[0]))
	})
	js.Global().Set("twofoldScan", map[string]any{
		"protocol": scanjob.Protocol,
		"decode":   decode,
	})
	select {} // serve decode calls until the worker is terminated
}

// scanner holds the decoders and buffers that calls share.
type scanner struct {
	live     qr.Decoder
	stream   float64 // the capture whose frames live has read
	thorough qr.Decoder
	buf      []byte
	frame    qr.Frame
}

// decode reads the codes in one job. A frame without a code is no error:
// it gives no texts.
func (s *scanner) decode(job js.Value) (texts []string, err error) {
	defer func() {
		// A bug of the decoder on some frame must not end the program,
		// which the page would see as a dead worker.
		if x := recover(); x != nil {
			texts, err = nil, fmt.Errorf("the decoder failed: %v", x)
		}
	}()
	p, err := scanjob.Read(job)
	if err != nil {
		return nil, err
	}
	// The worker script cut the data to the plane.
	n := p.Data.Length()
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	buf := s.buf[:n]
	js.CopyBytesToGo(buf, p.Data)
	if err := s.frame.SetPlane(p.Format, buf, p.W, p.H, p.Stride); err != nil {
		return nil, err
	}
	dec := &s.thorough
	if !p.Thorough {
		if p.Stream != s.stream {
			s.live, s.stream = qr.Decoder{}, p.Stream
		}
		dec = &s.live
	}
	dec.Thorough = p.Thorough
	results, err := dec.Decode(s.frame)
	if errors.Is(err, qr.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	texts = make([]string, len(results))
	for i, r := range results {
		texts[i] = r.Text
	}
	return texts, nil
}

// reply is the value decode returns to the worker script.
func reply(texts []string, err error) any {
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	list := make([]any, len(texts))
	for i, t := range texts {
		list[i] = t
	}
	return map[string]any{"texts": list}
}
