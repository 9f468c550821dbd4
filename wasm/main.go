//go:build js && wasm

// Command wasm is Twofold in the browser: it builds the platform services
// from the browser adapters and runs the go-app UI.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/importers/importer"
	"twofold.app/app/ui"
	"twofold.app/wasm/browser"
	"twofold.app/wasm/files"
	"twofold.app/wasm/idb"
	"twofold.app/wasm/kdf"
	"twofold.app/wasm/rows"
)

// dbName is the IndexedDB database that holds the vault.
const dbName = "twofold"

func main() {
	st := idb.Open(dbName)
	// Other apps' exports derive their keys in a Web Worker too.
	importer.SetDeriver(kdf.DeriveImport)
	ui.Register(ui.Services{
		Store:           st,
		KDF:             kdf.Derive,
		Clipboard:       browser.WriteClipboard,
		ClipboardHolds:  browser.ClipboardHolds,
		Focused:         browser.Focused,
		OnFocus:         browser.OnFocus,
		OnCopy:          browser.OnCopy,
		Persist:         browser.Persist,
		Persisted:       browser.Persisted,
		EvictsUnvisited: browser.EvictsUnvisited,
		Watch:           st.Watch,
		Activity:        browser.Activity,
		Focus:           rows.Focus,
		Rows:            rows.Show,
		Files:           pickedFiles,
		Download:        files.Download,
		OnPaste:         pasted,
		Capture:         startCapture,
		Cameras:         cameras,
		Decoder:         openDecoder,
		Display:         browser.Display,
		OnHidden:        browser.OnHidden,
		WakeLock:        browser.WakeLock,
		Languages:       browser.Languages,
		Booted:          browser.Booted,
		Pref:            browser.Pref,
		SetPref:         browser.SetPref,
		SetLang:         browser.SetLang,
	})
	// The boot script may be drawing the first form: the app takes over
	// from it (see ui.Services.Booted).
	browser.AwaitBoot()
	app.RunWhenOnBrowser()
}
