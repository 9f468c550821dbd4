//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/ui"
	"twofold.app/wasm/capture"
	"twofold.app/wasm/files"
	"twofold.app/wasm/scan"
)

// jsValue returns the syscall/js value behind a go-app value. go-app does
// not export it, but hands it over when it sets a property, so it is passed
// through a global property that is deleted at once.
func jsValue(v app.Value) js.Value {
	const key = "__twofoldHandOver"
	app.Window().Set(key, v)
	defer js.Global().Delete(key)
	return js.Global().Get(key)
}

// pickedFiles adapts files.From to ui.Services.Files.
func pickedFiles(src app.Value) []ui.File {
	fs := files.From(jsValue(src))
	out := make([]ui.File, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

// startCapture adapts package capture to ui.Services.Capture.
func startCapture(screen bool, deviceID, previewID string) ui.Capture {
	kind := capture.Camera
	if screen {
		kind = capture.Screen
	}
	preview := js.Undefined()
	if previewID != "" {
		if el := js.Global().Get("document").Call("getElementById", previewID); el.Truthy() {
			preview = el
		}
	}
	return capture.Start(kind, deviceID, preview)
}

func cameras() ([]ui.Camera, error) {
	list, err := capture.Cameras()
	out := make([]ui.Camera, len(list))
	for i, d := range list {
		out[i] = ui.Camera{ID: d.ID, Label: d.Label}
	}
	return out, err
}

// openDecoder adapts package scan to ui.Services.Decoder: the QR decoder
// runs in its own worker.
func openDecoder() ui.Decoder { return scan.Open("") }

// pasted adapts files.OnPaste to ui.Services.OnPaste.
func pasted(f func([]ui.File)) (stop func()) {
	return files.OnPaste(func(fs []files.File) {
		out := make([]ui.File, len(fs))
		for i, x := range fs {
			out[i] = x
		}
		f(out)
	})
}
