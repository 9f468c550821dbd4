//go:build !js

package e2e

// The tests of the QR scanner (issue 3): a fake camera fed from a generated
// video, a stubbed screen capture, image files (a photo of a Google
// Authenticator export, a code that holds no account, the codes of a
// multi-code export one at a time), each ending with the codes the app
// shows checked against codes computed here; and the camera released once
// the scanner closes.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/skip2/go-qrcode"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/qr"
	"twofold.app/app/vault"
)

// scanTimeout bounds the wait for a code to be read: a camera or screen
// frame every 100 ms, or a photo decoded thoroughly, in wasm on a slow,
// shared machine.
const scanTimeout = 60 * time.Second

const scanPassword = "scanner test password"

// scanBrowser starts a headless Chromium of the test's own with the flags of
// the shared one and extra, for a test that needs other flags (a fake
// camera), and returns its chromedp context. It stops at the end of t.
func scanBrowser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	ctx, _ := ownBrowser(t, extra...)
	return ctx
}

// ownBrowser starts a Chromium of its own with the extra options, closed by
// the function it returns, and at the end of t at the latest.
func ownBrowser(t testing.TB, extra ...chromedp.ExecAllocatorOption) (context.Context, func()) {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(chromiumPath(t), extra...)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() {
		cancelBrowser()
		cancelAlloc()
	}
	t.Cleanup(stop)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return bctx, stop
}

// initScript makes js run in every later document of p's tab before the
// page's own scripts. Such a script is not subject to the page's CSP.
func (p *page) initScript(js string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		p.t.Fatalf("adding an init script: %v", err)
	}
}

// chooseFile gives the file input sel the file at path, as picking it in
// the browser's file chooser does: the input fires its input and change
// events.
func (p *page) chooseFile(sel, path string) {
	p.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		p.t.Fatal(err)
	}
	p.do("choosing "+filepath.Base(path)+" in "+sel, stepTimeout, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{abs}))
}

// openScanner seeds a vault holding accounts, unlocks it, and opens the add
// panel with its scanner.
func (p *page) openScanner(accounts []vault.Account) {
	p.t.Helper()
	p.seedVault(scanPassword, accounts)
	p.navigate("/")
	p.unlock(scanPassword)
	p.click("#add")
	p.waitVisible("#scan-camera", stepTimeout)
}

// sharedFile returns the path of rel in the shared interop files
// (../shared/testdata/ from the module root). Without them it skips t
// loudly, or fails it under CI=true, which always has them.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	root, err := findModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "..", "shared", "testdata", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("interop file %s not found, and CI=true: %v", path, err)
		}
		t.Skipf("INTEROP FILE NOT FOUND: %s (%v); this interop check did NOT run", path, err)
	}
	return path
}

// qrImage returns the QR code of text (error correction level M) with its
// quiet zone of 4 modules, each module px pixels wide, black on white.
func qrImage(t testing.TB, text string, px int) *image.Gray {
	t.Helper()
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		t.Fatalf("making a QR code: %v", err)
	}
	bits := q.Bitmap() // with the quiet zone
	n := len(bits)
	g := image.NewGray(image.Rect(0, 0, n*px, n*px))
	for y := range n * px {
		for x := range n * px {
			if !bits[y/px][x/px] {
				g.Pix[y*g.Stride+x] = 0xff
			}
		}
	}
	return g
}

// qrModules returns how many modules wide the QR code of text is, with
// its quiet zone.
func qrModules(t testing.TB, text string) int {
	t.Helper()
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		t.Fatalf("making a QR code: %v", err)
	}
	return len(q.Bitmap())
}

// writePNG writes g to path as a PNG file.
func writePNG(t testing.TB, path string, g image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, g); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// frameWith returns a w×h grey frame (a mid-grey desk) with code drawn on
// it at (x, y), clipped by the frame's edges.
func frameWith(w, h int, code *image.Gray, x, y int) *image.Gray {
	f := image.NewGray(image.Rect(0, 0, w, h))
	for i := range f.Pix {
		f.Pix[i] = 0x80
	}
	draw.Draw(f, code.Bounds().Add(image.Pt(x, y)), code, image.Point{}, draw.Src)
	return f
}

// writeY4M writes frames (grey, all of one even size) as a YUV4MPEG2 video
// at fps frames a second, 4:2:0 with neutral chroma, which Chromium's fake
// camera plays in a loop.
func writeY4M(t testing.TB, path string, fps int, frames []*image.Gray) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := frames[0].Bounds()
	w, h := b.Dx(), b.Dy()
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", w, h, fps)
	chroma := bytes.Repeat([]byte{128}, (w/2)*(h/2))
	for _, g := range frames {
		bw.WriteString("FRAME\n")
		for y := range h {
			bw.Write(g.Pix[y*g.Stride : y*g.Stride+w])
		}
		bw.Write(chroma)
		bw.Write(chroma)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// keepStreams wraps getUserMedia and getDisplayMedia so that every stream
// they give the page, and the constraints asked for, stay on window for the
// test to inspect.
const keepStreams = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return;
	window.twofoldStreams = [];
	window.twofoldConstraints = [];
	for (const name of ["getUserMedia", "getDisplayMedia"]) {
		const orig = md[name];
		if (!orig) continue;
		md[name] = function (constraints) {
			window.twofoldConstraints.push({ method: name, constraints: JSON.stringify(constraints) });
			return orig.call(this, constraints).then((s) => { window.twofoldStreams.push(s); return s; });
		};
	}
})();`

// trackStates returns the readyState of every track of every stream the
// page was given.
func (p *page) trackStates() []string {
	p.t.Helper()
	return evalJS[[]string](p, `(window.twofoldStreams || []).flatMap((s) => s.getTracks().map((t) => t.readyState))`)
}

// expectReleased fails the test unless the page was given a stream and
// every track of it has ended.
func (p *page) expectReleased(when string) {
	p.t.Helper()
	states := p.trackStates()
	if len(states) == 0 {
		p.t.Fatalf("%s: the page was given no capture stream to check", when)
	}
	for _, s := range states {
		if s != "ended" {
			p.t.Errorf("%s: the capture is still on: track states %q, want all \"ended\"", when, states)
			return
		}
	}
}

// constraints returns the constraints the page passed to method, as JSON,
// one a call.
func (p *page) constraints(method string) []string {
	p.t.Helper()
	return evalJS[[]string](p, `(window.twofoldConstraints || []).filter((c) => c.method === `+jsString(method)+`).map((c) => c.constraints)`)
}

// inputValue returns the value of the input id.
func (p *page) inputValue(id string) string {
	p.t.Helper()
	return evalJS[string](p, `(() => { const e = document.getElementById(`+jsString(id)+`); return e ? e.value : "(no element)"; })()`)
}

// expectFilledAndSave checks that the add form was filled from a scanned code
// with issuer, name and the base32 of secret, then adds the account.
func (p *page) expectFilledAndSave(issuer, name string, secret []byte) {
	p.t.Helper()
	p.expectFilled(issuer, name, secret)
	n := p.count("#accounts > li.account")
	p.click("#account-save")
	p.waitFor("the scanned account listed", fmt.Sprintf("%s === %d", rowCount, n+1), stepTimeout)
}

// expectFilled waits for the add form to be filled from a scanned code and
// checks its issuer, name and secret (the base32 of secret).
func (p *page) expectFilled(issuer, name string, secret []byte) {
	p.t.Helper()
	p.waitVisible("#scan-filled", scanTimeout)
	if got := p.inputValue("f-issuer"); got != issuer {
		p.t.Errorf("the scanned issuer is %q, want %q", got, issuer)
	}
	if got := p.inputValue("f-name"); got != name {
		p.t.Errorf("the scanned name is %q, want %q", got, name)
	}
	if got := p.inputValue("f-secret"); got != b32.EncodeToString(secret) {
		// Never print a secret, even a test's.
		p.t.Errorf("the scanned secret differs from the code's (%d characters, want %d)", len(got), len(b32.EncodeToString(secret)))
	}
}

// totpURI returns the otpauth URI of a TOTP account with the default
// parameters.
func totpURI(issuer, name string, secret []byte) string {
	return otpauth.Format(otpauth.Account{Issuer: issuer, Name: name, Key: totpKey(secret)})
}

// TestScanCamera scans an account's code with a fake camera that plays a
// generated video: first the code half out of view (the scanner waits,
// with its preview on screen), then the whole code. Closing the panel while
// the camera runs, and reading a code, both release the camera.
func TestScanCamera(t *testing.T) {
	s := testSite(t)
	const issuer, name = "Camera Co", "carol@example.com"
	key := totpKey(randomSecret(t))
	uri := totpURI(issuer, name, key.Secret)

	// 640×480 frames at 5 a second: 4 s of the code cut off on the right
	// (its top-right finder pattern out of view), then 2 s of the whole
	// code, about 360 pixels wide, in the middle; the camera loops.
	const w, h, fps = 640, 480, 5
	px := 360 / qrModules(t, uri)
	code := qrImage(t, uri, px)
	side := code.Bounds().Dx()
	cut := frameWith(w, h, code, w-side*6/10, (h-side)/2)
	whole := frameWith(w, h, code, (w-side)/2, (h-side)/2)
	var frames []*image.Gray
	for range 4 * fps {
		frames = append(frames, cut)
	}
	for range 2 * fps {
		frames = append(frames, whole)
	}
	video := filepath.Join(t.TempDir(), "camera.y4m")
	writeY4M(t, video, fps, frames)

	browser := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video),
	)
	p := openPageOn(t, browser, newServer(t, s.Dir))
	p.initScript(keepStreams)
	p.initScript(scanWorkerProbe)
	p.openScanner(nil)

	// The camera starts, shows its picture, and finds nothing while the
	// code is cut off.
	p.click("#scan-camera")
	p.waitFor("the camera preview playing", `(() => {
		const v = document.getElementById("scan-video");
		return v !== null && v.videoWidth > 0 && v.offsetWidth > 0 && !v.paused;
	})()`, stepTimeout)
	p.waitFor("the aiming hint", `(document.getElementById("scan-status") || {}).textContent === "Hold the QR code inside the frame."`, stepTimeout)
	p.shot("scan-01-camera")
	if c := p.constraints("getUserMedia"); len(c) != 1 || !strings.Contains(c[0], `"facingMode":{"ideal":"environment"}`) {
		t.Errorf("getUserMedia was asked %q, want one call preferring the rear camera (facingMode ideal environment)", c)
	}
	states := p.trackStates()
	if len(states) == 0 || p.exists("#scan-filled") {
		t.Fatalf("the camera had stopped, or a code was read, before the panel was closed (tracks %q): "+
			"the first %d s of the video show no whole code", states, 4)
	}
	for _, s := range states {
		if s != "live" {
			t.Fatalf("while scanning, the camera's tracks are %q, want all \"live\"", states)
		}
	}

	// The frames went to the scan worker, which the open scanner started
	// and keeps.
	if seen := p.scanWorker(); seen.Started != 1 || seen.Ready != 1 || seen.Frames == 0 || seen.Terminated != 0 {
		t.Errorf("while the camera runs, the scan worker was started %d times, ready %d, handed %d frames and terminated %d times; want once, once, some and none",
			seen.Started, seen.Ready, seen.Frames, seen.Terminated)
	}

	// Closing the panel while the camera runs releases it, and ends the
	// scan worker.
	p.click("#account-cancel")
	p.waitVisible("#add", stepTimeout)
	p.expectReleased("after the add panel was closed while scanning")
	p.waitFor("the scan worker ended", `window.twofoldScanWorker.terminated === 1`, stepTimeout)

	// Scanning again, in a new scan worker, reads the code once it is
	// whole, and fills the form.
	p.click("#add")
	p.click("#scan-camera")
	p.expectFilledAndSave(issuer, name, key.Secret)
	p.expectReadInWorker(uri, false)
	if seen := p.scanWorker(); seen.Started != 2 {
		t.Errorf("the scan worker was started %d times, want twice: once for each opening of the scanner", seen.Started)
	}
	p.expectCode(issuer, key)
	p.expectReleased("after the scanned account was added")
	if p.exists("#scan-video") {
		t.Error("the camera preview is still in the page after the account was added")
	}
}

// screenStub replaces getDisplayMedia with a stream of a __W__×__H__
// canvas: a light grey "page" with a white card, and, once
// window.twofoldShowCode is true, the image at the data: URL __SRC__ (a
// JavaScript string) drawn at (__X__, __Y__), scaled to __SIDE__ pixels
// square with the canvas's smoothing, as a browser draws an image at a
// fractional device pixel ratio. Headless Chromium cannot capture real
// screen content.
const screenStub = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return;
	md.getDisplayMedia = async () => {
		const img = new Image();
		img.src = __SRC__;
		await img.decode();
		const c = document.createElement("canvas");
		c.width = __W__;
		c.height = __H__;
		const g = c.getContext("2d");
		const draw = () => {
			g.fillStyle = "#eef0f3";
			g.fillRect(0, 0, __W__, __H__);
			g.fillStyle = "#fff";
			g.fillRect(__X__ - 300, __Y__ - 200, __SIDE__ + 600, __SIDE__ + 400);
			g.fillStyle = "#333";
			for (let i = 0; i < 6; i++) g.fillRect(__X__ - 260, __Y__ - 160 + i * 24, 200 + (i * 97) % 400, 10);
			if (window.twofoldShowCode) g.drawImage(img, __X__, __Y__, __SIDE__, __SIDE__);
		};
		draw();
		setInterval(draw, 100);
		return c.captureStream(10);
	};
})();`

// TestScanScreen scans a small code (about 200 pixels) in a large screen
// capture (2560×1440, a high-density screen), through a stubbed
// getDisplayMedia.
func TestScanScreen(t *testing.T) {
	s := testSite(t)
	const issuer, name = "Screen Share Inc", "dave@example.org"
	key := totpKey(randomSecret(t))
	uri := totpURI(issuer, name, key.Secret)

	// The code is drawn 200 pixels wide with its quiet zone, about 3.5
	// pixels a module, smoothed: small in the capture (in the whole frame
	// scaled down to 1280×720 a module would be under 2 pixels).
	const w, h, side = 2560, 1440, 200
	modules := qrModules(t, uri)
	code := qrImage(t, uri, 4)
	t.Logf("code: %d modules with its quiet zone, drawn %d pixels wide (%.2f a module) in a %d×%d capture",
		modules, side, float64(side)/float64(modules), w, h)
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		t.Fatal(err)
	}
	stub := strings.NewReplacer(
		"__SRC__", jsString("data:image/png;base64,"+base64.StdEncoding.EncodeToString(buf.Bytes())),
		"__W__", fmt.Sprint(w), "__H__", fmt.Sprint(h),
		"__X__", fmt.Sprint(1700), "__Y__", fmt.Sprint(900), "__SIDE__", fmt.Sprint(side),
	).Replace(screenStub)

	p := openPage(t, newServer(t, s.Dir))
	p.initScript(stub)        // first: keepStreams wraps the stub
	p.initScript(keepStreams) // records the stream and the constraints
	p.initScript(scanWorkerProbe)
	p.openScanner(nil)

	p.click("#scan-screen")
	p.waitFor("the screen scan's hint", `(document.getElementById("scan-status") || {}).textContent.startsWith("Looking for a QR code")`, stepTimeout)
	p.shot("scan-02-screen")
	if p.exists("#scan-filled") || !p.exists("#scan-stop") {
		t.Fatal("the screen scan stopped before the code was shown")
	}
	if c := p.constraints("getDisplayMedia"); len(c) != 1 || !strings.Contains(c[0], `"width":{"ideal":`) {
		t.Errorf("getDisplayMedia was asked %q, want one call with an ideal width (the capture at full size)", c)
	}

	evalJS[bool](p, `window.twofoldShowCode = true`)
	shown := time.Now()
	p.waitVisible("#scan-filled", scanTimeout)
	t.Logf("the code was read %v after it was drawn", time.Since(shown).Round(10*time.Millisecond))
	p.expectReadInWorker(uri, false)
	p.expectFilledAndSave(issuer, name, key.Secret)
	p.expectCode(issuer, key)
	p.expectReleased("after the account read from the screen was added")
}

// scanReviewRow is an account as the import review lists it.
type scanReviewRow struct {
	Label, Detail   string
	Checked, Marked bool // ticked; marked as already in the vault
}

func (p *page) scanReview() []scanReviewRow {
	p.t.Helper()
	return evalJS[[]scanReviewRow](p, `[...document.querySelectorAll("#im-list > li")].map((li) => ({
		Label: (li.querySelector(".im-label") || {}).textContent || "",
		Detail: ((li.querySelector(".hint") || {}).textContent || "").trim(),
		Checked: (li.querySelector("input[type=checkbox]") || {}).checked === true,
		Marked: li.querySelector(".tag") !== null,
	}))`)
}

// TestScanGoogleExportPhoto reads a photo of a phone showing a Google
// Authenticator export (skewed and curved), reviews its 3 accounts and
// imports them.
func TestScanGoogleExportPhoto(t *testing.T) {
	photo := sharedFile(t, "frames/extract_otp_secrets-googleauth_export.png")
	want := []struct {
		issuer, name, secret string
	}{
		{"Test1", "test1@example1.com", "JBSWY3DPEHPK3PXP"},
		{"Test2", "test2@example2.com", "JBSWY3DPEHPK3PXQ"},
		{"Test3", "test3@example3.com", "JBSWY3DPEHPK3PXR"},
	}
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.initScript(scanWorkerProbe)
	p.openScanner(nil)

	p.chooseFile("#scan-file", photo)
	p.waitVisible("#im-review", scanTimeout)
	p.expectReadInWorker("otpauth-migration://offline?data=", true)
	p.shot("scan-03-google-export-review")
	if msg := p.text("#im-found"); !strings.Contains(msg, "Google Authenticator export") || !strings.Contains(msg, "3 accounts") {
		t.Errorf("the review says %q, want it to name a Google Authenticator export of 3 accounts", msg)
	}
	rows := p.scanReview()
	if len(rows) != len(want) {
		t.Fatalf("the review lists %d accounts (%+v), want %d", len(rows), rows, len(want))
	}
	for i, w := range want {
		if r := rows[i]; r.Label != w.issuer+" — "+w.name || r.Detail != "TOTP · SHA1 · 6 digits · 30 s" || !r.Checked || r.Marked {
			t.Errorf("review row %d is %+v, want %q, TOTP · SHA1 · 6 digits · 30 s, ticked, not marked", i, r, w.issuer+" — "+w.name)
		}
	}

	p.click("#im-confirm")
	p.waitVisible("#im-done", stepTimeout)
	if msg := p.text("#im-done"); msg != "3 accounts added to your vault." {
		t.Errorf("after the import: %q, want 3 accounts added", msg)
	}
	p.click("#im-close")
	p.waitFor("3 accounts listed", rowCount+" === 3", stepTimeout)
	for _, w := range want {
		secret, err := b32.DecodeString(w.secret)
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := p.list().find(w.issuer); r.Name != w.name {
			t.Errorf("%s is listed with the name %q, want %q", w.issuer, r.Name, w.name)
		}
		p.expectCode(w.issuer, totpKey(secret))
	}
}

// TestScanNoAccount reads an image whose QR code holds no account: the
// scanner says so and shows the start of the text.
func TestScanNoAccount(t *testing.T) {
	path := sharedFile(t, "frames/extract_otp_secrets-qr_but_without_otp.png")
	// The code's text, read natively, to find it in the message.
	text := decodeFile(t, path)
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.openScanner(nil)

	p.chooseFile("#scan-file", path)
	p.waitVisible("#scan-error", scanTimeout)
	p.shot("scan-04-no-account")
	msg := p.text("#scan-error")
	if !strings.Contains(msg, "This QR code holds no authenticator account") {
		t.Errorf("the scanner says %q, want it to say the code holds no authenticator account", msg)
	}
	start := []rune(strings.Join(strings.Fields(text), " "))
	start = start[:min(len(start), 20)]
	if !strings.Contains(msg, string(start)) {
		t.Errorf("the scanner says %q, want it to show the start of the code's text %q", msg, string(start))
	}
	if n := len([]rune(msg)); n > 160 {
		t.Errorf("the message is %d characters long, want the code's text shortened", n)
	}
	if p.exists("#scan-filled") || p.exists("#im-review") || p.inputValue("f-secret") != "" {
		t.Error("a code without an account filled the form or opened a review")
	}
}

// decodeFile returns the text of the one QR code in the image file at
// path, read with the app's decoder natively.
func decodeFile(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	dec := qr.Decoder{Thorough: true}
	res, err := dec.Decode(qr.Frame{Pix: g.Pix, W: b.Dx(), H: b.Dy(), Stride: g.Stride})
	if err != nil || len(res) != 1 {
		t.Fatalf("reading the QR code of %s natively: %d codes, %v", path, len(res), err)
	}
	return res[0].Text
}

// TestScanGoogleExportCodes reads a Google Authenticator export of three
// codes from three image files, chosen one at a time in a random order,
// with a repeat and a code of another export in between; then reviews and
// imports its accounts, one of which the vault already holds.
func TestScanGoogleExportCodes(t *testing.T) {
	acc := func(issuer, name string, key otp.Key) otpauth.Account {
		key.Secret = randomSecret(t)
		return otpauth.Account{Issuer: issuer, Name: name, Key: key}
	}
	accounts := []otpauth.Account{
		acc("Alpha", "a@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
		acc("Beta", "b@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 30}),
		acc("Gamma", "g@example.com", otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 5}),
		acc("Delta", "d@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512, Digits: 6, Period: 30}),
		acc("Epsilon", "e@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
	}
	// Epsilon is in the vault already.
	have := newAccount(t, accounts[4].Issuer, accounts[4].Name, accounts[4].Key)

	batchID := int(mrand.Int32())
	uris, skipped := migration.Split(accounts, 2, batchID)
	if len(uris) != 3 || len(skipped) != 0 {
		t.Fatalf("migration.Split gave %d codes and %d skipped, want 3 and 0", len(uris), len(skipped))
	}
	otherID := int(mrand.Int32())
	for otherID == batchID {
		otherID = int(mrand.Int32())
	}
	others := []otpauth.Account{
		acc("Other1", "x@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
		acc("Other2", "y@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
		acc("Other3", "z@example.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
	}
	otherURIs, _ := migration.Split(others, 1, otherID)

	dir := t.TempDir()
	files := make([]string, len(uris))
	for i, u := range uris {
		files[i] = filepath.Join(dir, fmt.Sprintf("export-%d.png", i+1))
		writePNG(t, files[i], qrImage(t, u, 4))
	}
	order := mrand.Perm(len(uris))
	t.Logf("codes chosen in the order %d", []int{order[0] + 1, order[1] + 1, order[2] + 1})
	// The other export's code is at an index still missing after two
	// codes, so only its batch tells it apart.
	foreign := filepath.Join(dir, "other-export.png")
	writePNG(t, foreign, qrImage(t, otherURIs[order[2]], 4))

	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.openScanner([]vault.Account{have})

	// status waits for the progress line after the codes in read.
	status := func(read []int) {
		t.Helper()
		var miss []string
		for i := range uris {
			if !containsInt(read, i) {
				miss = append(miss, fmt.Sprint(i+1))
			}
		}
		want := fmt.Sprintf("Google Authenticator export: code %d read; %d of 3 scanned, missing %s.",
			read[len(read)-1]+1, len(read), strings.Join(miss, ", "))
		p.waitFor("the status "+jsString(want), `(document.getElementById("scan-status") || {}).textContent === `+jsString(want), scanTimeout)
	}
	p.chooseFile("#scan-file", files[order[0]])
	status(order[:1])
	p.shot("scan-05-export-progress")

	// A code of another export is refused, and the progress stays.
	p.chooseFile("#scan-file", foreign)
	p.waitVisible("#scan-error", scanTimeout)
	if msg := p.text("#scan-error"); !strings.Contains(msg, "belongs to another Google Authenticator export") {
		t.Errorf("a code of another export: %q, want a refusal naming another export", msg)
	}
	status(order[:1])
	p.shot("scan-06-export-other-batch")

	p.chooseFile("#scan-file", files[order[1]])
	status(order[:2])
	if p.exists("#scan-error") {
		t.Errorf("after a code of the export, the refusal still shows: %q", p.text("#scan-error"))
	}
	// A repeat is ignored: no error, no change.
	p.chooseFile("#scan-file", files[order[0]])
	status([]int{order[1], order[0]})
	if p.exists("#scan-error") || p.exists("#im-review") {
		t.Error("a repeated code gave an error or completed the export")
	}

	p.chooseFile("#scan-file", files[order[2]])
	p.waitVisible("#im-review", scanTimeout)
	p.shot("scan-07-export-review")
	if msg := p.text("#im-found"); !strings.Contains(msg, "Google Authenticator export (3 codes)") ||
		!strings.Contains(msg, "5 accounts") || !strings.Contains(msg, "1 of them already in your vault") {
		t.Errorf("the review says %q, want a Google Authenticator export (3 codes) of 5 accounts, 1 of them already in the vault", msg)
	}
	rows := p.scanReview()
	if len(rows) != len(accounts) {
		t.Fatalf("the review lists %d accounts (%+v), want %d", len(rows), rows, len(accounts))
	}
	for i, a := range accounts {
		detail := fmt.Sprintf("TOTP · %v · %d digits · %d s", a.Algorithm, a.Digits, a.Period)
		if a.Type == otp.HOTP {
			detail = fmt.Sprintf("HOTP · %v · %d digits · counter %d", a.Algorithm, a.Digits, a.Counter)
		}
		dup := i == 4
		if r := rows[i]; r.Label != a.Issuer+" — "+a.Name || r.Detail != detail || r.Checked == dup || r.Marked != dup {
			t.Errorf("review row %d is %+v, want %q, %q, ticked %v, marked %v", i, r, a.Issuer+" — "+a.Name, detail, !dup, dup)
		}
	}
	p.click("#im-confirm")
	p.waitVisible("#im-done", stepTimeout)
	if msg := p.text("#im-done"); msg != "4 accounts added to your vault." {
		t.Errorf("after the import: %q, want 4 accounts added", msg)
	}
	p.click("#im-close")
	p.waitFor("5 accounts listed", rowCount+" === 5", stepTimeout)
	for _, a := range accounts {
		p.expectCode(a.Issuer, a.Key)
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
