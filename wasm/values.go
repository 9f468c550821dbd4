//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/ui"
	"twofold.app/wasm/files"
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
