package ui

import (
	"crypto/rand"
	"errors"
	"io"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// Services is everything the components need from the platform. The wasm
// build fills it with browser adapters; tests and the prerendering server
// use fakes or leave fields nil, and every component renders with the zero
// Services.
type Services struct {
	// Store keeps the sealed vault.
	Store store.Store
	// KDF derives keys from passwords; the browser runs it in a Web Worker.
	KDF vault.KDF
	// Params is the Argon2id cost of a new vault; zero means vault.DefaultParams.
	Params vault.Params
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand is the source of keys and nonces; nil means crypto/rand.
	Rand io.Reader
	// Clipboard writes text to the clipboard. It must be called from an
	// event handler (the browser requires a user gesture); done is called
	// later, from any goroutine.
	Clipboard func(text string, done func(error))
	// ClipboardHolds reports whether the clipboard holds text, comparing
	// in the page so that what the person copied never reaches the app.
	// known is false when the browser would have to ask the person before
	// the page reads the clipboard, or cannot read it. It blocks.
	ClipboardHolds func(text string) (holds, known bool)
	// Focused reports whether the page has the keyboard focus: browsers
	// let a page write the clipboard outside a click only then. Nil means
	// the clipboard is never cleared.
	Focused func() bool
	// OnFocus calls f with true when the page gains the focus and false
	// when it loses it (another app or tab), until stop is called.
	OnFocus func(f func(focused bool)) (stop func())
	// OnCopy calls f whenever the person copies or cuts in the page
	// (the copy and cut events; the app's own writes fire none), until
	// stop is called.
	OnCopy func(f func()) (stop func())
	// After calls f on a new goroutine once d has passed, unless stop is
	// called first; nil means time.AfterFunc.
	After func(d time.Duration, f func()) (stop func())
	// Persist asks the browser to keep the site's storage from eviction and
	// reports whether it will.
	Persist func() (bool, error)
	// Persisted reports whether storage is already persistent.
	Persisted func() (bool, error)
	// EvictsUnvisited reports whether the browser deletes the storage of a
	// site that has not been opened for some days, whatever Persist said,
	// unless the site runs as an installed app: Safari does.
	EvictsUnvisited func() bool
	// Watch calls changed whenever another tab saves the vault, until stop
	// is called.
	Watch func(changed func()) (stop func())
	// Focus moves the keyboard focus to the element with the given id, if
	// there is one, first bringing it into the page if it is in a row
	// that a long list holds out of it (see Rows). Screens call it after
	// they change what is shown.
	Focus func(id string)
	// Rows makes the element with the id list, which go-app draws empty,
	// show rows, in that order. It keeps the elements of the rows it
	// drew before, by their ids: it moves them, and changes in them only
	// the parts that changed (see Row), so that the element under the
	// person's pointer or with the focus stays the same. It may draw a
	// long list a part at a time, the first rows first, and a very long
	// one only in part, the rows near the screen, keeping the row with
	// the focus; it asks for a row only when it makes or changes its
	// element (see Rows). Rows nil
	// says the list is gone: the page forgets it and every row, and what
	// drew them, which holds the accounts. Nil means the screens draw the
	// rows themselves, with go-app.
	Rows func(list string, rows *Rows)
	// Files returns the files held by src: the element of an <input
	// type=file> (ctx.JSSrc()), or a drop or paste event.
	Files func(src app.Value) []File
	// OnPaste calls f with the files of every paste into the page that
	// holds files, until stop is called.
	OnPaste func(f func([]File)) (stop func())
	// Download offers data as a file called name, made in the page.
	Download func(name, mime string, data []byte) error
	// Capture starts the camera (screen false; deviceID "" prefers the
	// rear camera), shown in the <video> with id previewID, or a screen
	// capture. It must be called inside a click handler: browsers allow
	// screen capture only on a user gesture. Nil where there is neither.
	Capture func(screen bool, deviceID, previewID string) Capture
	// Cameras lists the cameras; labels are empty until one was allowed.
	Cameras func() ([]Camera, error)
	// Decoder opens the QR decoder for a scanner that opens; the scanner
	// closes it when it closes. The browser's decodes in a Web Worker, off
	// the page's main thread, which it starts with the first scanner
	// opened. Nil where no codes can be read.
	Decoder func() Decoder
	// Activity calls active on every user input anywhere in the page (keys,
	// pointer, touch), for the idle lock, until stop is called.
	Activity func(active func()) (stop func())
	// Display returns the size of the window in CSS pixels and the number
	// of device pixels per CSS pixel, so that QR codes are drawn with whole
	// device pixels per module. Nil means 1280×800 at a ratio of 1.
	Display func() (w, h int, ratio float64)
	// OnHidden calls f with true when the page is hidden (another tab, a
	// minimised window, a locked phone) and false when it is shown again,
	// until stop is called.
	OnHidden func(f func(hidden bool)) (stop func())
	// WakeLock asks the browser to keep the screen on until release is
	// called. It may do nothing where the browser has no wake lock.
	WakeLock func() (release func())
	// Languages returns the languages the person prefers, most preferred
	// first (navigator.languages). Nil means English.
	Languages func() []string
	// Pref returns a preference kept by this browser for this site, or ""
	// (localStorage). Only what is not secret goes there: the language,
	// when to clear the clipboard and when to lock a hidden page.
	Pref func(key string) string
	// SetPref keeps a preference; see Pref.
	SetPref func(key, value string)
	// SetLang tells the page which language it is written in (the
	// lang attribute of <html>).
	SetLang func(tag string)
	// Booted returns the first screen the page's boot script (static/boot.js)
	// drew before the app ran: "unlock" or "setup", or "" when it drew none.
	// The app then starts on that screen, so that mounting replaces the
	// form with the same form. Nil means "".
	Booted func() string
}

// prefLang is the preference that holds the language chosen in Settings.
const prefLang = "lang"

// lang returns the language chosen in Settings, or else the first of the
// browser's languages that Twofold has, or English.
func (s Services) lang() i18n.Lang {
	if s.Pref != nil {
		if l, ok := i18n.Parse(s.Pref(prefLang)); ok {
			return l
		}
	}
	if s.Languages != nil {
		return i18n.Match(s.Languages())
	}
	return i18n.English
}

func (s Services) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s Services) rand() io.Reader {
	if s.Rand != nil {
		return s.Rand
	}
	return rand.Reader
}

func (s Services) kdf() vault.KDF {
	if s.KDF != nil {
		return s.KDF
	}
	return vault.Argon2id
}

func (s Services) params() vault.Params {
	if s.Params != (vault.Params{}) {
		return s.Params
	}
	return vault.DefaultParams
}

// File is a file the user picked, dropped or pasted.
type File interface {
	Name() string
	Size() int
	// Read returns the file's bytes. It blocks: call it from ctx.Async.
	Read() ([]byte, error)
}

// Capture is a live camera or screen capture.
type Capture interface {
	// Wait blocks until frames arrive, or returns why they cannot: an
	// error wrapping ErrCaptureDenied, ErrNoCapture or ErrCaptureEnded,
	// or another one.
	Wait() error
	// Torch turns the camera's torch on or off and reports whether it
	// has one.
	Torch(on bool) (bool, error)
	// DeviceID returns the ID of the camera that gives the frames, which
	// the browser chose when none was asked for, or "" when it is not
	// known (a screen capture).
	DeviceID() string
	// Stop releases the camera or the screen.
	Stop()
}

// Errors of a [Capture], which the browser's adapter returns or wraps, so
// that screens branch on them with errors.Is.
var (
	// ErrCaptureDenied means the person or the browser refused access to
	// the camera or the screen.
	ErrCaptureDenied = errors.New("access was refused")
	// ErrNoCapture means there is no camera, or the browser cannot
	// capture the screen.
	ErrNoCapture = errors.New("no camera or screen capture is available")
	// ErrCaptureEnded means the capture stopped: the person ended the
	// screen share, the camera was unplugged, the page was hidden, or Stop
	// was called.
	ErrCaptureEnded = errors.New("the capture has ended")
)

// Decoder reads QR codes for one scanner. Its methods block: call them
// from ctx.Async. The texts are in the order the codes were read.
type Decoder interface {
	// Frame reads the codes in the current frame of c quickly, as a live
	// scan needs: it may try a different stage of decoding on each frame
	// of a capture, so it reads every frame of one capture in turn. It
	// returns no texts while c has no frame yet or the frame holds no code,
	// an error wrapping ErrCaptureEnded once c has stopped, and one
	// wrapping ErrDecoderStart or ErrDecoderFailed when the decoder
	// cannot read.
	Frame(c Capture) ([]string, error)
	// Image reads every code in an image file, thoroughly. It returns an
	// error wrapping ErrNoCode when the image holds none, ErrDecoderStart
	// or ErrDecoderFailed when the decoder cannot read, or why the file
	// could not be read as an image.
	Image(f File) ([]string, error)
	// Close releases the decoder; a call to Frame or Image in progress
	// may still return.
	Close()
}

// Errors of a [Decoder], which the browser's adapter returns or wraps, so
// that screens branch on them with errors.Is.
var (
	// ErrNoCode means an image holds no QR code that could be read.
	ErrNoCode = errors.New("no qr code found")
	// ErrDecoderStart means the decoder could not be loaded: the files of
	// the worker it runs in are missing (offline before they were ever
	// cached), or belong to another version of the app than the page.
	ErrDecoderStart = errors.New("the qr code reader could not be loaded")
	// ErrDecoderFailed means the decoder was loaded but stopped working,
	// or did not answer in time.
	ErrDecoderFailed = errors.New("the qr code reader failed")
)

// Camera is a camera the page may use.
type Camera struct {
	ID, Label string
}
