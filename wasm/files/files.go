//go:build js && wasm

// Package files reads the files a user picks, drops or pastes, and offers
// data as a download, all inside the page: nothing is uploaded.
package files

import (
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"twofold.app/wasm/jsx"
)

// MaxSize is the largest file read, so that a wrong pick (a video, say)
// cannot exhaust the page's memory.
const MaxSize = 64 << 20

// ErrTooLarge is returned by [File.Read] for a file over [MaxSize].
var ErrTooLarge = errors.New("the file is too large to be an export or a backup (over 64 MB)")

// File is a file the user chose.
type File struct {
	v js.Value
}

// Name returns the file's name.
func (f File) Name() string { return f.v.Get("name").String() }

// Size returns the file's size in bytes.
func (f File) Size() int { return f.v.Get("size").Int() }

// Type returns the file's media type as the browser guessed it.
func (f File) Type() string { return f.v.Get("type").String() }

// Value returns the browser's File object.
func (f File) Value() js.Value { return f.v }

// Read returns the file's bytes. It blocks: call it from a goroutine.
func (f File) Read() ([]byte, error) {
	if f.Size() > MaxSize {
		return nil, ErrTooLarge
	}
	buf, err := jsx.Await(f.v.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return b, nil
}

// From returns the files held by v: an <input type=file> element, a
// DataTransfer (drop), a ClipboardEvent's clipboardData (paste), or an
// event carrying either.
func From(v js.Value) []File {
	if v.IsUndefined() || v.IsNull() {
		return nil
	}
	for _, k := range []string{"dataTransfer", "clipboardData"} {
		if d := v.Get(k); !d.IsUndefined() && !d.IsNull() {
			v = d
		}
	}
	list := v.Get("files")
	if list.IsUndefined() || list.IsNull() {
		return nil
	}
	out := make([]File, list.Length())
	for i := range out {
		out[i] = File{list.Index(i)}
	}
	return out
}

// Download offers data as a file named name, made as a blob in the page.
func Download(name, mime string, data []byte) error {
	u8 := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	blob := js.Global().Get("Blob").New([]any{u8}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("rel", "noopener")
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The browser has read the blob by the time the click's default action
	// ran; revoke it soon so the data does not linger.
	go func() {
		time.Sleep(10 * time.Second)
		js.Global().Get("URL").Call("revokeObjectURL", url)
	}()
	return nil
}

// MaxImageSide is the longest side an image is decoded at; larger photos
// are scaled down by the browser first.
const MaxImageSide = 3000

// ImageRGBA decodes the image in f with the browser's decoders (so every
// format the browser shows works), draws it over white in a canvas at most
// MaxImageSide pixels on its longer side, and returns the canvas's pixels:
// 4 bytes a pixel in rows of w with no padding, in a new Uint8ClampedArray.
// The QR decoder's worker does this itself where it can draw; this is for
// one that cannot. It blocks: call it from a goroutine.
func ImageRGBA(f File) (rgba js.Value, w, h int, err error) {
	bitmap, err := jsx.Await(js.Global().Call("createImageBitmap", f.v))
	if err != nil {
		return js.Undefined(), 0, 0, fmt.Errorf("this file is not an image the browser can read: %w", err)
	}
	defer bitmap.Call("close")
	w, h = bitmap.Get("width").Int(), bitmap.Get("height").Int()
	if w == 0 || h == 0 {
		return js.Undefined(), 0, 0, errors.New("the image is empty")
	}
	if m := max(w, h); m > MaxImageSide {
		w, h = w*MaxImageSide/m, h*MaxImageSide/m
	}
	canvas := js.Global().Get("document").Call("createElement", "canvas")
	canvas.Set("width", w)
	canvas.Set("height", h)
	c2d := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	c2d.Set("fillStyle", "#fff") // transparent pixels read as white
	c2d.Call("fillRect", 0, 0, w, h)
	c2d.Call("drawImage", bitmap, 0, 0, w, h)
	return c2d.Call("getImageData", 0, 0, w, h).Get("data"), w, h, nil
}

// OnPaste calls f with the files of every paste into the page that holds
// files (an image copied from another app, say), until stop is called.
// Such a paste is not also pasted as text.
func OnPaste(f func([]File)) (stop func()) {
	doc := js.Global().Get("document")
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		if fs := From(args[0]); len(fs) > 0 {
			args[0].Call("preventDefault")
			go f(fs)
		}
		return nil
	})
	doc.Call("addEventListener", "paste", fn)
	return func() {
		doc.Call("removeEventListener", "paste", fn)
		fn.Release()
	}
}
