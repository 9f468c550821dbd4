//go:build !js

package e2e

// The tests of the scanner's other sources and controls: an image dropped
// on the scanner or pasted into the page, plain text still pasted as text,
// the camera stopped when the page is hidden, the torch button, and the
// camera picker. Each drives the built site in headless Chromium and checks
// what the user sees; those that add an account end with its code checked
// against one computed here.

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// codePNG returns the PNG file of the QR code of text, 6 pixels a module,
// as a screenshot of a code would be.
func codePNG(t testing.TB, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, qrImage(t, text, 6)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dropHint is the scanner's "drop or paste an image" line, a place in the
// scanner where a person drops a file.
const dropHint = "#scan > p.hint:last-child"

// center scrolls the element sel into view and returns the middle of it
// in the viewport's CSS pixels.
func (p *page) center(sel string) (x, y float64) {
	p.t.Helper()
	c := evalJS[*[2]float64](p, `(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		if (!e) return null;
		e.scrollIntoView({ block: "center" });
		const r = e.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	if c == nil {
		p.t.Fatalf("no element %s%s", sel, p.describe())
	}
	return c[0], c[1]
}

// dragFile drags the file at path from outside the browser onto the
// element sel and drops it there, through Chromium's own drag and drop
// (DevTools' Input.dispatchDragEvent): the page gets trusted dragenter,
// dragover and drop events, and the browser drops the file only where a
// dragover was cancelled, as for a person's drag.
func (p *page) dragFile(sel, path string) {
	p.t.Helper()
	x, y := p.center(sel)
	data := &input.DragData{Files: []string{path}, DragOperationsMask: 1} // copy
	p.do("dragging "+filepath.Base(path)+" onto "+sel, stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, typ := range []input.DispatchDragEventType{
			input.DispatchDragEventTypeDragEnter,
			input.DispatchDragEventTypeDragOver,
			input.DispatchDragEventTypeDrop,
		} {
			if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: x, Y: y, Data: data}); err != nil {
				return fmt.Errorf("%s: %w", typ, err)
			}
		}
		return nil
	}))
}

// dispatched tells whether the page cancelled the events a test
// dispatched: a cancelled dragover lets the browser drop, a cancelled drop
// or paste keeps the browser's own action (opening the image, pasting it
// as text) from happening too.
type dispatched struct {
	OverCancelled, DropCancelled, PasteCancelled bool
	Target                                       string // the element the events went to
}

// fileJS is a JavaScript expression for a File named name, of type
// image/png, holding data.
func fileJS(name string, data []byte) string {
	return `new File([Uint8Array.from(atob(` + jsString(base64.StdEncoding.EncodeToString(data)) + `), (c) => c.charCodeAt(0))], ` +
		jsString(name) + `, { type: "image/png" })`
}

// dispatchDrop dispatches dragenter, dragover and drop DragEvents on the
// element sel, carrying a DataTransfer made in the page with the PNG file
// data named name.
func (p *page) dispatchDrop(sel, name string, data []byte) dispatched {
	p.t.Helper()
	return evalJS[dispatched](p, `(() => {
		const dt = new DataTransfer();
		dt.items.add(`+fileJS(name, data)+`);
		const e = document.querySelector(`+jsString(sel)+`);
		e.scrollIntoView({ block: "center" });
		const r = e.getBoundingClientRect();
		const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: dt,
			clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
		e.dispatchEvent(new DragEvent("dragenter", init));
		const over = e.dispatchEvent(new DragEvent("dragover", init));
		const drop = e.dispatchEvent(new DragEvent("drop", init));
		return { OverCancelled: !over, DropCancelled: !drop, Target: e.id || e.tagName };
	})()`)
}

// dispatchPaste dispatches a ClipboardEvent "paste" carrying the PNG file
// data named name on the focused element (the body when none is), as the
// browser does for a paste.
func (p *page) dispatchPaste(name string, data []byte) dispatched {
	p.t.Helper()
	return evalJS[dispatched](p, `(() => {
		const dt = new DataTransfer();
		dt.items.add(`+fileJS(name, data)+`);
		const e = document.activeElement || document.body;
		const ok = e.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, composed: true, clipboardData: dt }));
		return { PasteCancelled: !ok, Target: e.id || e.tagName };
	})()`)
}

// grantClipboard lets p's page read and write the clipboard, and makes its
// tab count as focused, which the clipboard requires and a headless tab
// never is.
func (p *page) grantClipboard() {
	p.t.Helper()
	bctx := chromedp.FromContext(p.ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: name == "clipboard-write"},
			Setting:          browser.PermissionSettingGranted,
			Origin:           p.srv.URL,
			BrowserContextID: bctx,
		})
		if err != nil {
			p.t.Fatalf("granting %s: %v", name, err)
		}
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		p.t.Fatalf("emulating focus: %v", err)
	}
}

// copyImage puts the PNG file data on the clipboard, as copying an image in
// another app does.
func (p *page) copyImage(data []byte) {
	p.t.Helper()
	if err := evalJS[string](p, `(async () => {
		try {
			const f = `+fileJS("code.png", data)+`;
			await navigator.clipboard.write([new ClipboardItem({ "image/png": f })]);
			return "";
		} catch (e) { return String(e); }
	})()`); err != "" {
		p.t.Fatalf("copying an image: %s", err)
	}
}

// copyText puts s on the clipboard.
func (p *page) copyText(s string) {
	p.t.Helper()
	if err := evalJS[string](p, `navigator.clipboard.writeText(`+jsString(s)+`).then(() => "", (e) => String(e))`); err != "" {
		p.t.Fatalf("copying text: %s", err)
	}
}

// pressPaste presses Ctrl+V, which pastes the clipboard into the focused
// element through the browser's own paste: a trusted paste event, and the
// text inserted unless the page cancels it.
func (p *page) pressPaste() {
	p.t.Helper()
	p.do("pressing Ctrl+V", stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		const ctrl = 2
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: ctrl,
			Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86, Commands: []string{"paste"}}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Modifiers: ctrl,
			Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86}
		for _, ev := range []input.DispatchKeyEventParams{down, up} {
			if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
		return nil
	}))
}

// expectScannedAndSave is expectFilledAndSave for a vault that lists
// accounts already: the list is not in the page while the add panel is
// open, so the caller says how many accounts there will be.
func (p *page) expectScannedAndSave(issuer, name string, secret []byte, want int) {
	p.t.Helper()
	p.expectFilled(issuer, name, secret)
	p.click("#account-save")
	p.waitFor("the scanned account listed", fmt.Sprintf("%s === %d", rowCount, want), stepTimeout)
}

// activeID returns the id of the focused element, or its tag name.
func (p *page) activeID() string {
	p.t.Helper()
	return evalJS[string](p, `(() => { const e = document.activeElement; return e ? (e.id || e.tagName) : "(none)"; })()`)
}

// TestScanSourceDrop drops a PNG of an account's code onto the scanner,
// twice: first a file dragged from outside the browser through Chromium's
// own drag and drop, then DragEvents dispatched in the page with a File
// made there. Each fills the form; the accounts are added and their codes
// checked.
func TestScanSourceDrop(t *testing.T) {
	s := testSite(t)
	const issuer1, name1 = "Dragged Ltd", "dora@example.com"
	const issuer2, name2 = "Dropped GmbH", "dirk@example.org"
	key1, key2 := totpKey(randomSecret(t)), totpKey(randomSecret(t))
	path := filepath.Join(t.TempDir(), "dragged.png")
	if err := os.WriteFile(path, codePNG(t, totpURI(issuer1, name1, key1.Secret)), 0o644); err != nil {
		t.Fatal(err)
	}

	p := openPage(t, newServer(t, s.Dir))
	p.openScanner(nil)

	// A file dragged from the desktop.
	p.dragFile(dropHint, path)
	p.expectFilledAndSave(issuer1, name1, key1.Secret)
	p.expectCode(issuer1, key1)

	// The same through events made in the page: the scanner must cancel
	// dragover (or the browser refuses the drop) and drop (or the browser
	// also opens the image in the tab).
	p.click("#add")
	p.waitVisible("#scan-camera", stepTimeout)
	d := p.dispatchDrop(dropHint, "dropped.png", codePNG(t, totpURI(issuer2, name2, key2.Secret)))
	if !d.OverCancelled {
		t.Error("the scanner did not cancel dragover: a browser would refuse to drop a file on it")
	}
	if !d.DropCancelled {
		t.Error("the scanner did not cancel the drop: a browser would also open the dropped image")
	}
	p.expectScannedAndSave(issuer2, name2, key2.Secret, 2)
	p.expectCode(issuer2, key2)
	p.expectCode(issuer1, key1)
}

// TestScanSourcePaste pastes images of account codes while the add panel
// is open: first an image copied to the clipboard and pasted with Ctrl+V
// (the browser's own paste), then a paste event dispatched in the page
// with a File made there. Each fills the form, and the paste is cancelled
// so that the image is not also pasted into the focused field.
func TestScanSourcePaste(t *testing.T) {
	s := testSite(t)
	const issuer1, name1 = "Clipboard Image Co", "petra@example.com"
	const issuer2, name2 = "Pasted Event Inc", "paul@example.net"
	key1, key2 := totpKey(randomSecret(t)), totpKey(randomSecret(t))

	p := openPage(t, newServer(t, s.Dir))
	p.grantClipboard()
	p.openScanner(nil)

	p.copyImage(codePNG(t, totpURI(issuer1, name1, key1.Secret)))
	t.Logf("pasting with the focus on %s", p.activeID())
	p.pressPaste()
	p.expectFilledAndSave(issuer1, name1, key1.Secret)
	p.expectCode(issuer1, key1)

	// The second time from a text field: the event goes to the focused
	// element and bubbles up to the document.
	p.click("#add")
	p.waitVisible("#scan-camera", stepTimeout)
	p.click("#f-issuer")
	d := p.dispatchPaste("pasted.png", codePNG(t, totpURI(issuer2, name2, key2.Secret)))
	if d.Target != "f-issuer" {
		t.Errorf("the paste event went to %s, want the focused field f-issuer", d.Target)
	}
	if !d.PasteCancelled {
		t.Error("the scanner did not cancel the paste of an image: the browser would also paste it into the focused field")
	}
	p.expectScannedAndSave(issuer2, name2, key2.Secret, 2)
	p.expectCode(issuer2, key2)

	// With the add panel closed, the scanner no longer takes pastes.
	if d := p.dispatchPaste("late.png", codePNG(t, totpURI("Late", "late@example.com", randomSecret(t)))); d.PasteCancelled {
		t.Error("with the add panel closed, a pasted image is still taken: the scanner's paste listener was left behind")
	}
}

// TestScanSourcePasteText pastes an otpauth:// link as text into the link
// field with Ctrl+V while the scanner listens for pasted images: the text
// must land in the field, and the scanner stay quiet.
func TestScanSourcePasteText(t *testing.T) {
	s := testSite(t)
	const issuer, name = "Plain Text Paste", "tom@example.com"
	key := totpKey(randomSecret(t))
	uri := totpURI(issuer, name, key.Secret)

	p := openPage(t, newServer(t, s.Dir))
	p.grantClipboard()
	p.openScanner(nil)

	p.copyText(uri)
	p.click("#uri")
	p.pressPaste()
	if got := p.inputValue("uri"); got != uri {
		// The link holds the secret: say only how long it is.
		t.Fatalf("after pasting a %d-character link into #uri, the field holds %d characters: the paste was swallowed%s",
			len(uri), len(got), p.describe())
	}
	if p.exists("#scan-error") || p.exists("#scan-status") {
		t.Errorf("pasting text set the scanner off: %q", p.text("#scan"))
	}
	p.click("#uri-use")
	p.waitFor("the form filled from the pasted link", `document.getElementById("f-issuer").value === `+jsString(issuer), stepTimeout)
	if got := p.inputValue("f-name"); got != name {
		t.Errorf("the pasted link's name is %q, want %q", got, name)
	}
	n := p.count("#accounts > li.account")
	p.click("#account-save")
	p.waitFor("the pasted account listed", fmt.Sprintf("%s === %d", rowCount, n+1), stepTimeout)
	p.expectCode(issuer, key)
}

// blankVideo writes a camera video of grey frames with no code (5 frames,
// 640×480) to a new file and returns its path.
func blankVideo(t testing.TB) string {
	t.Helper()
	g := image.NewGray(image.Rect(0, 0, 640, 480))
	for i := range g.Pix {
		g.Pix[i] = 0x80 + byte(i%7) // a faint texture, no code
	}
	path := filepath.Join(t.TempDir(), "blank.y4m")
	writeY4M(t, path, 5, []*image.Gray{g, g, g, g, g})
	return path
}

// previewPlaying is true while the camera preview shows a live picture.
const previewPlaying = `(() => {
	const v = document.getElementById("scan-video");
	return v !== null && v.srcObject !== null && v.videoWidth > 0 && v.offsetWidth > 0 && !v.paused;
})()`

// streamStates returns, for every stream the page was given (see
// keepStreams), in order, the readyState of each of its tracks.
func (p *page) streamStates() [][]string {
	p.t.Helper()
	return evalJS[[][]string](p, `(window.twofoldStreams || []).map((s) => s.getTracks().map((t) => t.readyState))`)
}

// allLive is a JavaScript expression that is true when the newest of n
// streams the page was given has only live tracks.
func allLive(n int) string {
	return fmt.Sprintf(`(() => {
		const s = window.twofoldStreams || [];
		return s.length === %d && s[%d].getTracks().length > 0 && s[%d].getTracks().every((t) => t.readyState === "live");
	})()`, n, n-1, n-1)
}

// TestScanSourceHidden starts the fake camera, then hides the page: the
// camera must stop (every track ended, the preview gone), and start again,
// live, when the person comes back and asks for it.
func TestScanSourceHidden(t *testing.T) {
	s := testSite(t)
	browser := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", blankVideo(t)),
	)
	p := openPageOn(t, browser, newServer(t, s.Dir))
	p.initScript(keepStreams)
	p.openScanner(nil)

	p.click("#scan-camera")
	p.waitFor("the camera preview playing", previewPlaying, stepTimeout)
	p.waitFor("the camera's tracks live", allLive(1), stepTimeout)

	// Headless Chromium cannot really hide its tab (switching tabs or
	// minimizing needs a window): the test can only make the document
	// say it is hidden and fire visibilitychange, as the browser does when
	// the person switches away.
	evalJS[bool](p, `(() => {
		Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
		Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
		document.dispatchEvent(new Event("visibilitychange"));
		return true;
	})()`)
	p.waitFor("the camera's tracks ended", `(window.twofoldStreams || []).flatMap((s) => s.getTracks()).every((t) => t.readyState === "ended")`, stepTimeout)
	p.expectReleased("after the page was hidden")
	p.waitFor("the preview gone", `(() => {
		const v = document.getElementById("scan-video");
		return v === null || (v.srcObject === null && v.offsetWidth === 0);
	})()`, stepTimeout)
	p.waitGone("#scan-stop", stepTimeout)
	if p.exists("#scan-error") {
		t.Errorf("hiding the page shows an error: %q", p.text("#scan-error"))
	}
	if got := p.text("#scan-status"); got != "The camera has stopped." {
		t.Errorf("after the page was hidden the scanner says %q, want \"The camera has stopped.\"", got)
	}

	// Back on the page, the person starts the camera again.
	evalJS[bool](p, `(() => {
		delete document.visibilityState;
		delete document.hidden;
		document.dispatchEvent(new Event("visibilitychange"));
		return document.visibilityState === "visible";
	})()`)
	p.click("#scan-camera")
	p.waitFor("a new live camera", allLive(2), stepTimeout)
	p.waitFor("the camera preview playing again", previewPlaying, stepTimeout)
	if st := p.streamStates(); len(st) != 2 || strings.Join(st[0], ",") != "ended" {
		t.Errorf("after starting again, the streams' tracks are %q, want the first ended and a second live", st)
	}
	if c := p.constraints("getUserMedia"); len(c) != 2 {
		t.Errorf("getUserMedia was called %d times, want 2 (once before hiding, once after): %q", len(c), c)
	}

	p.click("#account-cancel")
	p.waitVisible("#add", stepTimeout)
	p.expectReleased("after the add panel was closed")
}

// torchStub gives the camera's video tracks a torch, which Chromium's
// fake camera has not: getCapabilities reports torch: true, and
// applyConstraints takes a torch constraint, as a phone's rear camera
// does (the fake camera rejects it as unsupported). Every constraint the
// page applies is kept, as JSON, in window.twofoldApplied.
const torchStub = `(() => {
	const P = MediaStreamTrack.prototype;
	const caps = P.getCapabilities;
	P.getCapabilities = function () {
		const c = caps ? caps.call(this) : {};
		return this.kind === "video" ? Object.assign({}, c, { torch: true }) : c;
	};
	const apply = P.applyConstraints;
	window.twofoldApplied = [];
	P.applyConstraints = function (c) {
		const json = JSON.stringify(c);
		window.twofoldApplied.push(json);
		if (json.includes('"torch"')) return Promise.resolve();
		return apply.call(this, c);
	};
})();`

// applied returns the constraints the page applied to tracks (see
// torchStub).
func (p *page) applied() []string {
	p.t.Helper()
	return evalJS[[]string](p, `window.twofoldApplied || []`)
}

// pressed is a JavaScript expression that is true when the torch button's
// aria-pressed is v.
func pressed(v string) string {
	return `(() => { const b = document.getElementById("scan-torch"); return b !== null && b.getAttribute("aria-pressed") === ` + jsString(v) + `; })()`
}

// phone makes p's viewport a phone's: 375×740 CSS pixels.
func (p *page) phone() {
	p.t.Helper()
	p.do("emulating a phone", stepTimeout, chromedp.EmulateViewport(375, 740))
}

// expectFit fails the test if any of the elements sels that are present
// overlap each other or stick out of the viewport, or if the page is wider
// than the viewport.
func (p *page) expectFit(when string, sels ...string) {
	p.t.Helper()
	type box struct {
		Sel                      string
		Left, Top, Right, Bottom float64
	}
	var boxes []box
	for _, sel := range sels {
		b := evalJS[*box](p, `(() => {
			const e = document.querySelector(`+jsString(sel)+`);
			if (!e || e.offsetWidth === 0) return null;
			const r = e.getBoundingClientRect();
			return { Sel: `+jsString(sel)+`, Left: r.left, Top: r.top + scrollY, Right: r.right, Bottom: r.bottom + scrollY };
		})()`)
		if b != nil {
			boxes = append(boxes, *b)
		}
	}
	w := evalJS[[]float64](p, `[document.documentElement.clientWidth, document.documentElement.scrollWidth]`)
	if w[1] > w[0] {
		p.t.Errorf("%s: the page is %v px wide, wider than the screen's %v px", when, w[1], w[0])
	}
	for i, a := range boxes {
		if a.Left < 0 || a.Right > w[0] {
			p.t.Errorf("%s: %s spans x %.0f–%.0f, outside the screen's 0–%.0f", when, a.Sel, a.Left, a.Right, w[0])
		}
		for _, b := range boxes[i+1:] {
			if a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom {
				p.t.Errorf("%s: %s (%+v) and %s (%+v) overlap", when, a.Sel, a, b.Sel, b)
			}
		}
	}
}

// TestScanSourceTorch checks the torch button: shown, off, for a camera
// with a torch (stubbed), switching the torch on and off; and absent for
// Chromium's fake camera, which has none.
func TestScanSourceTorch(t *testing.T) {
	s := testSite(t)
	browser := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
	)
	srv := newServer(t, s.Dir)

	t.Run("with a torch", func(t *testing.T) {
		p := openPageOn(t, browser, srv)
		p.initScript(torchStub)
		p.initScript(keepStreams)
		p.phone()
		p.openScanner(nil)

		p.click("#scan-camera")
		p.waitFor("the camera preview playing", previewPlaying, stepTimeout)
		p.waitVisible("#scan-torch", stepTimeout)
		if !evalJS[bool](p, pressed("false")) {
			t.Errorf("the torch button starts with aria-pressed %q, want \"false\"",
				evalJS[string](p, `document.getElementById("scan-torch").getAttribute("aria-pressed")`))
		}
		if got := strings.TrimSpace(p.text("#scan-torch")); got != "Torch" {
			t.Errorf("the torch button says %q, want \"Torch\"", got)
		}
		before := len(p.applied())

		p.click("#scan-torch")
		p.waitFor("the torch button pressed", pressed("true"), stepTimeout)
		if got := p.applied()[before:]; len(got) != 1 || got[0] != `{"advanced":[{"torch":true}]}` {
			t.Errorf("pressing the torch button applied %q, want one {\"advanced\":[{\"torch\":true}]}", got)
		}
		p.shot("scan-source-torch-on-phone")
		p.expectFit("the torch on, at phone width", "#scan-video", "#scan-torch", "#scan-stop", "#scan-status")

		p.click("#scan-torch")
		p.waitFor("the torch button released", pressed("false"), stepTimeout)
		if got := p.applied()[before:]; len(got) != 2 || got[1] != `{"advanced":[{"torch":false}]}` {
			t.Errorf("pressing the torch button again applied %q, want {\"advanced\":[{\"torch\":false}]} after the first", got)
		}
		if st := p.trackStates(); len(st) == 0 || strings.Count(strings.Join(st, ","), "live") != len(st) {
			t.Errorf("after using the torch, the camera's tracks are %q, want all live", st)
		}
		p.click("#scan-stop")
		p.waitGone("#scan-torch", stepTimeout)
		p.expectReleased("after Stop")
	})

	t.Run("without a torch", func(t *testing.T) {
		p := openPageOn(t, browser, srv)
		p.initScript(keepStreams)
		p.openScanner(nil)
		p.click("#scan-camera")
		p.waitFor("the camera preview playing", previewPlaying, stepTimeout)
		// The torch is looked for before the aiming hint is shown.
		p.waitFor("the aiming hint", `(document.getElementById("scan-status") || {}).textContent === "Hold the QR code inside the frame."`, stepTimeout)
		p.waitVisible("#scan-stop", stepTimeout)
		if p.exists("#scan-torch") {
			t.Error("a torch button is shown for Chromium's fake camera, which has no torch")
		}
		if st := p.trackStates(); len(st) == 0 || st[0] != "live" {
			t.Errorf("the camera's tracks are %q, want it running while checking for the torch button", st)
		}
	})
}

// TestScanSourcePicker runs the scanner with two cameras (Chromium's fake
// device, device-count=2): a picker labelled Camera lists both, shows the
// one in use, and choosing the other restarts the capture on it, with the
// old camera released.
func TestScanSourcePicker(t *testing.T) {
	s := testSite(t)
	browser := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", "device-count=2"),
	)
	p := openPageOn(t, browser, newServer(t, s.Dir))
	p.initScript(torchStub) // to see every control at once
	p.initScript(keepStreams)
	p.phone()
	p.openScanner(nil)

	p.click("#scan-camera")
	p.waitFor("the camera preview playing", previewPlaying, stepTimeout)
	p.waitVisible("#scan-device", stepTimeout)
	type option struct{ Value, Label string }
	type picker struct {
		Label, Value, InUse string
		Options             []option
	}
	read := func() picker {
		t.Helper()
		return evalJS[picker](p, `(() => {
			const s = document.getElementById("scan-device");
			const streams = window.twofoldStreams || [];
			const track = streams.length ? streams[streams.length - 1].getVideoTracks()[0] : null;
			return {
				Label: s.getAttribute("aria-label") || (s.labels[0] || {}).textContent || "",
				Value: s.value,
				InUse: track ? track.getSettings().deviceId : "",
				Options: [...s.options].map((o) => ({ Value: o.value, Label: o.textContent })),
			};
		})()`)
	}
	pk := read()
	if pk.Label != "Camera" {
		t.Errorf("the camera picker is labelled %q, want \"Camera\"", pk.Label)
	}
	if len(pk.Options) != 2 || pk.Options[0].Value == pk.Options[1].Value || pk.Options[0].Label == "" || pk.Options[1].Label == "" {
		t.Fatalf("the camera picker offers %+v, want two cameras, each with its own id and a label", pk.Options)
	}
	if pk.Value != pk.InUse {
		t.Errorf("the camera picker shows %q while camera %q is in use", pk.Value, pk.InUse)
	}
	t.Logf("cameras offered: %q and %q", pk.Options[0].Label, pk.Options[1].Label)
	p.shot("scan-source-picker-phone")
	p.expectFit("two cameras, at phone width", "#scan-video", "#scan-device", "#scan-torch", "#scan-stop", "#scan-status")

	other := pk.Options[0]
	if other.Value == pk.InUse {
		other = pk.Options[1]
	}
	p.choose("#scan-device", other.Value)
	p.waitFor("a live capture of the other camera", allLive(2), stepTimeout)
	p.waitFor("the camera preview playing again", previewPlaying, stepTimeout)
	p.waitFor("the picker back", `(document.getElementById("scan-device") || {}).value === `+jsString(other.Value), stepTimeout)

	c := p.constraints("getUserMedia")
	if len(c) != 2 || !strings.Contains(c[1], `"deviceId":{"exact":`+jsString(other.Value)+`}`) {
		t.Errorf("getUserMedia was asked %q, want a second call for deviceId exact %q", c, other.Value)
	}
	if st := p.streamStates(); len(st) != 2 || strings.Count(strings.Join(st[0], ","), "ended") != len(st[0]) {
		t.Errorf("after switching cameras, the streams' tracks are %q, want the first camera's all ended", st)
	}
	if pk := read(); pk.InUse != other.Value || pk.Value != other.Value {
		t.Errorf("after choosing %q, camera %q is in use and the picker shows %q", other.Value, pk.InUse, pk.Value)
	}
	p.shot("scan-source-picker-switched-phone")

	p.click("#account-cancel")
	p.waitVisible("#add", stepTimeout)
	p.expectReleased("after the add panel was closed")
}

// rearListedSecond makes getUserMedia act as on a phone that lists its
// front camera first: a request for the rear camera (facingMode
// environment, no deviceId) gets the last camera listed. Chromium's fake
// cameras have no facing mode, so without it the first one is taken.
const rearListedSecond = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return;
	const orig = md.getUserMedia.bind(md);
	const cameras = async () => (await md.enumerateDevices()).filter((d) => d.kind === "videoinput");
	md.getUserMedia = async (c) => {
		const v = c && c.video;
		if (v && typeof v === "object" && v.facingMode && !v.deviceId) {
			let cams = await cameras();
			if (cams.some((d) => d.deviceId === "")) { // ids are hidden until a camera was allowed
				(await orig({ video: true })).getTracks().forEach((t) => t.stop());
				cams = await cameras();
			}
			const { facingMode, ...rest } = v;
			c = { ...c, video: { ...rest, deviceId: { exact: cams[cams.length - 1].deviceId } } };
		}
		return orig(c);
	};
})();`

// TestScanSourcePickerRearSecond starts the camera on a phone-like device
// whose rear camera, the one the scanner asks for, is listed second: the
// camera picker must show that camera, not the first one listed.
func TestScanSourcePickerRearSecond(t *testing.T) {
	s := testSite(t)
	browser := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", "device-count=2"),
	)
	p := openPageOn(t, browser, newServer(t, s.Dir))
	p.initScript(rearListedSecond)
	p.initScript(keepStreams) // records what the page asked for
	p.openScanner(nil)

	p.click("#scan-camera")
	p.waitFor("the camera preview playing", previewPlaying, stepTimeout)
	p.waitVisible("#scan-device", stepTimeout)
	got := evalJS[[]string](p, `(() => {
		const s = document.getElementById("scan-device");
		const track = window.twofoldStreams[0].getVideoTracks()[0];
		return [s.value, s.options[s.selectedIndex].textContent, track.getSettings().deviceId, track.label, s.options[s.options.length - 1].value];
	})()`)
	shown, shownLabel, inUse, inUseLabel, last := got[0], got[1], got[2], got[3], got[4]
	if inUse != last {
		t.Fatalf("the stub did not give the last camera listed (%q) but %q", last, inUse)
	}
	if shown != inUse {
		t.Errorf("the camera picker shows %q (%s) while the camera in use is %q (%s)", shownLabel, shown, inUseLabel, inUse)
	}
}
