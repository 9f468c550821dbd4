package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	xdraw "golang.org/x/image/draw"

	"twofold.app/app/exportqr"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// transferPassword is the vault password of both sides of a transfer test.
const transferPassword = "transfer test password"

// transferTimeout bounds the wait for every code of a transfer to be read.
const transferTimeout = 120 * time.Second

// transferAccounts returns n accounts covering what a transfer must carry:
// TOTP with SHA-1, SHA-256 and SHA-512, 6, 7 and 8 digits, periods of 30
// and 60 seconds, HOTP with counters, Steam, groups, notes and names in
// several scripts.
func transferAccounts(t testing.TB, n int) []vault.Account {
	t.Helper()
	issuers := []string{"GitHub", "Example Co", "銀行", "Zoë's Forge", "Proton"}
	names := []string{"alice@example.com", "ユーザー名", "bob", "", "carol+2fa@example.org"}
	out := make([]vault.Account, n)
	for i := range out {
		key := otp.Key{Type: otp.TOTP, Algorithm: otp.Algorithm(1 + i%3), Digits: 6 + i%3, Period: []int{30, 60}[i%2]}
		switch i % 6 {
		case 3:
			key = otp.Key{Type: otp.HOTP, Algorithm: otp.Algorithm(1 + i%3), Digits: 6 + i%3, Counter: uint64(i * 37)}
		case 5:
			key = otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30}
		}
		a := newAccount(t, fmt.Sprintf("%s %d", issuers[i%len(issuers)], i+1), names[i%len(names)], key)
		if i%4 == 1 {
			a.Group = []string{"Work", "仕事"}[i%2]
		}
		if i%5 == 2 {
			a.Note = "recovery codes: in the drawer"
		}
		out[i] = a
	}
	return out
}

// openSender seeds a vault holding accounts on p, unlocks it and shows the
// transfer codes for situation (see openTransferSend).
func (p *page) openSender(accounts []vault.Account, situation string) {
	p.t.Helper()
	p.seedVault(transferPassword, accounts)
	p.navigate("/")
	p.unlock(transferPassword)
	p.openTransferSend(situation)
}

// openTransferSend shows the transfer codes for situation ("screen",
// "camera" or "old") on the unlocked vault of p.
func (p *page) openTransferSend(situation string) {
	p.t.Helper()
	p.click("#settings")
	p.click("#open-transfer-send")
	p.waitVisible("#tr-form", stepTimeout)
	p.click("#tr-for-" + situation)
	p.click("#tr-show")
	p.waitVisible("#tr-image", kdfTimeout)
}

// sentCount returns the number of codes the sender shows step by step, from
// "Code i of n.".
func (p *page) sentCount() (shown, count int) {
	p.t.Helper()
	s := p.text("#tr-count")
	if _, err := fmt.Sscanf(s, "Code %d of %d.", &shown, &count); err != nil {
		p.t.Fatalf("the sender's count %q: %v", s, err)
	}
	return shown, count
}

// receivedHave returns how many codes the receiver has, or -1 once it
// asks for the verification code.
func (p *page) receivedHave() int {
	return evalJS[int](p, `document.getElementById("tr-verify") ? -1 : document.querySelectorAll("#tr-squares span.in").length`)
}

// storedAccounts opens the vault stored in p's origin with password and
// returns its accounts.
func (p *page) storedAccounts(password string) []vault.Account {
	p.t.Helper()
	b64 := evalJS[string](p, `(async () => {
		const db = await new Promise((resolve, reject) => {
			const req = indexedDB.open("twofold");
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const rec = await new Promise((resolve, reject) => {
			const req = db.transaction("records").objectStore("records").get("vault");
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		db.close();
		let s = "";
		for (const x of rec.data) s += String.fromCharCode(x);
		return btoa(s);
	})()`)
	sealed, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		p.t.Fatal(err)
	}
	sess, c, err := vault.Open(sealed, []byte(password), vault.Argon2id)
	if err != nil {
		p.t.Fatalf("opening the stored vault: %v", err)
	}
	sess.Close()
	return c.Accounts
}

// expectSameAccounts checks that got holds want, field by field, but for
// the ids and times that the receiver gives its own.
func expectSameAccounts(t testing.TB, got, want []vault.Account) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("the receiver holds %d accounts, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Issuer != w.Issuer || g.Name != w.Name || g.Group != w.Group || g.Note != w.Note ||
			g.Type != w.Type || g.Algorithm != w.Algorithm || g.Digits != w.Digits ||
			(w.Type != otp.HOTP && g.Period != w.Period) || g.Counter != w.Counter || !bytes.Equal(g.Secret, w.Secret) {
			t.Errorf("account %d arrived as %s %q/%q, want %s %q/%q (or another field differs)", i+1, g.Key, g.Issuer, g.Name, w.Key, w.Issuer, w.Name)
		}
		if g.ID == "" || g.ID == w.ID {
			t.Errorf("account %d has id %q: the receiver must give it a new one", i+1, g.ID)
		}
	}
}

// typeCode types a verification code into the receiver's form and submits
// it.
func (p *page) typeCode(code string) {
	p.t.Helper()
	p.typeText("#tr-verify", code)
	p.click("#tr-open")
}

// wrongCode returns a well-formed verification code other than code.
func wrongCode(t testing.TB, code string) string {
	t.Helper()
	for {
		c, err := transfer.NewCode(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if c.String() != code {
			return c.String()
		}
	}
}

// finishReceiving checks a wrong code, a mistyped one, then types the
// right one; on a fresh browser it then chooses the vault's password.
func (p *page) finishReceiving(code string, fresh bool) {
	p.t.Helper()
	p.typeCode(wrongCode(p.t, code))
	p.waitFor("the wrong code's message", `(document.getElementById("tr-verify-error") || {}).textContent.startsWith("Wrong verification code")`, kdfTimeout)
	typo := []byte(strings.ReplaceAll(code, "-", ""))
	typo[3], typo[4] = typo[4], typo[3]
	if typo[3] == typo[4] {
		typo[0] = map[bool]byte{true: '3', false: '2'}[typo[0] == '2']
	}
	p.typeCode(strings.ToLower(string(typo)))
	p.waitFor("the typo's message", `(document.getElementById("tr-verify-error") || {}).textContent.includes("not the verification code as shown")`, stepTimeout)
	p.typeCode(strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	if fresh {
		p.waitVisible("#setup-password", kdfTimeout)
		p.shot("transfer-04-password")
		p.typeText("#setup-password", transferPassword)
		p.typeText("#setup-confirm", transferPassword)
		p.click("#setup-submit")
		p.waitVisible("section.vault", kdfTimeout)
	}
}

// transferBrowser starts a Chromium whose screen capture picks the tab
// titled title, as a person would in the browser's picker.
func transferBrowser(t testing.TB, title string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	return scanBrowser(t, append([]chromedp.ExecAllocatorOption{
		chromedp.Flag("auto-select-tab-capture-source-by-title", title),
		chromedp.WindowSize(1280, 960), // a laptop's window
	}, extra...)...)
}

// TestTransferScreen moves 60 accounts from a vault in one browser context
// to a fresh one in another, the receiver capturing the sender's tab for
// real, in both display modes.
func TestTransferScreen(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 60)
	for _, mode := range []string{"step", "auto"} {
		t.Run(mode, func(t *testing.T) {
			title := "Twofold sender " + mode + " " + strconv.FormatInt(time.Now().UnixNano(), 36)
			bctx := transferBrowser(t, title)
			a := openPageOn(t, bctx, srv)
			a.openSender(accounts, "screen")
			evalJS[string](a, `document.title = `+jsString(title))
			a.shot("transfer-01-send-" + mode)

			b := openPageOn(t, bctx, srv)
			b.initScript(keepStreams)
			b.navigate("/")
			b.waitVisible("#setup-transfer", stepTimeout)
			b.click("#setup-transfer")
			b.waitVisible("#scan-screen", stepTimeout)
			b.front()
			b.click("#scan-screen")

			_, count := a.sentCount()
			start := time.Now()
			t.Cleanup(func() {
				if t.Failed() {
					// What the receiver's capture saw, how many frames it
					// delivered, and what the sender showed.
					b.captureShot("failed-transfer-capture-" + mode)
					t.Logf("the receiver's capture: %s", evalJS[string](b, `JSON.stringify((window.twofoldStreams || []).flatMap((s) => s.getVideoTracks()).map((t) => ({state: t.readyState, settings: t.getSettings(), stats: t.stats ? {delivered: t.stats.deliveredFrames, discarded: t.stats.discardedFrames, total: t.stats.totalFrames} : null})))`))
					a.shot("failed-transfer-sender-" + mode)
				}
			})
			if mode == "auto" {
				a.click("#tr-play")
				b.waitFor("every code", `document.getElementById("tr-verify") !== null`, transferTimeout)
			} else {
				for i := 1; ; i++ {
					b.waitFor(fmt.Sprintf("code %d of %d", i, count), fmt.Sprintf(`document.getElementById("tr-verify") !== null || document.querySelectorAll("#tr-squares span.in").length >= %d`, i), transferTimeout)
					if i == count {
						break
					}
					if i == count/2 {
						b.shot("transfer-02-receiving")
					}
					a.click("#tr-next")
					a.waitFor(fmt.Sprintf("the sender showing code %d", i+1), fmt.Sprintf(`(document.getElementById("tr-count") || {}).textContent === %s`, jsString(fmt.Sprintf("Code %d of %d.", i+1, count))), stepTimeout)
				}
				b.waitVisible("#tr-verify", stepTimeout)
			}
			t.Logf("%s: %d codes read in %v", mode, count, time.Since(start).Round(10*time.Millisecond))
			if mode == "step" && a.exists("#tr-next") && !a.exists("#tr-code") {
				t.Error("the verification code is not shown under the last code")
			}
			code := a.text("#tr-code")
			b.shot("transfer-03-code-" + mode)
			b.finishReceiving(code, true)
			expectSameAccounts(t, b.storedAccounts(transferPassword), accounts)
			b.expectCode(accounts[0].Issuer, accounts[0].Key)

			// Leaving the screen ends the transfer: nothing of it stays.
			a.click("#tr-done")
			a.waitGone("#tr-image", stepTimeout)
			if html := evalJS[string](a, `document.body.innerHTML`); strings.Contains(html, code) || strings.Contains(html, transfer.Prefix) {
				t.Error("the verification code or a transfer code stays in the page after the transfer")
			}
		})
	}
}

// TestTransferImages sends by screenshots of the sender's codes, uploaded
// in the receiver's vault: a missing code is named, codes of another app
// and of another transfer are told apart, duplicates are marked in the
// review, and the command line reads the browser's codes and the reverse.
func TestTransferImages(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 12)
	dir := t.TempDir()

	a := openPage(t, srv)
	a.openSender(accounts, "old")
	_, count := a.sentCount()
	if count < 3 {
		t.Fatalf("12 accounts make %d codes for an older camera, want at least 3 for this test", count)
	}
	files, code := a.savedCodes(dir)

	// The receiver already holds two of the accounts.
	b := openPage(t, srv)
	b.seedVault(transferPassword, accounts[:2])
	b.navigate("/")
	b.unlock(transferPassword)
	b.click("#settings")
	b.click("#open-transfer-receive")
	b.waitVisible("#scan-file", stepTimeout)

	// A single account's code is named as such.
	other := filepath.Join(dir, "account.png")
	writePNG(t, other, qrImage(t, totpURI("Lone", "me", randomSecret(t)), 6))
	b.chooseFiles("#scan-file", other)
	b.waitFor("the account code's message", `(document.getElementById("scan-error") || {}).textContent.includes("single account")`, scanTimeout)

	// Every code but the second: the second is named as missing.
	b.chooseFiles("#scan-file", append([]string{files[0]}, files[2:]...)...)
	b.waitFor("the missing code", `(document.getElementById("tr-received") || {}).textContent.includes("missing 2.")`, scanTimeout)
	b.shot("transfer-05-missing")
	b.chooseFiles("#scan-file", files[1])
	b.waitVisible("#tr-verify", scanTimeout)
	b.finishReceiving(code, false)
	b.waitVisible("#im-review", kdfTimeout)
	rows := b.scanReview()
	if len(rows) != len(accounts) {
		t.Fatalf("the review lists %d accounts, want %d", len(rows), len(accounts))
	}
	for i, r := range rows {
		if dup := i < 2; r.Marked != dup || r.Checked == dup {
			t.Errorf("review row %d (%s): marked %v, ticked %v; want marked %v, ticked %v", i+1, r.Label, r.Marked, r.Checked, dup, !dup)
		}
	}
	b.shot("transfer-06-review")
	b.click("#im-confirm")
	b.waitVisible("#im-done", stepTimeout)
	expectSameAccounts(t, b.storedAccounts(transferPassword)[2:], accounts[2:])

	// The command line reads the browser's codes.
	out := runTwofold(t, "", append([]string{"transfer", "receive", "--code", code}, files...)...)
	if n := strings.Count(out, "otpauth://"); n != len(accounts) {
		t.Errorf("twofold transfer receive printed %d accounts from the browser's codes, want %d:\n%s", n, len(accounts), out)
	}
}

// elementShot returns a PNG of the element sel as the page shows it.
func (p *page) elementShot(sel string) []byte {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("screenshot of %s: %v", sel, err)
	}
	return png
}

// chooseFiles gives the file input sel the files at paths at once.
func (p *page) chooseFiles(sel string, paths ...string) {
	p.t.Helper()
	p.do("choosing files in "+sel, stepTimeout, chromedp.SetUploadFiles(chromedp.CSS(sel), paths))
}

// runTwofold runs the twofold command with args, stdin as its input, and
// returns its standard output; it fails t if the command fails.
func runTwofold(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	bin, err := twofoldBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("twofold %s: %v\n%s", strings.Join(args[:min(2, len(args))], " "), err, stderr.Bytes())
	}
	return stdout.String()
}

// captureShot writes what the page's last capture stream shows now, as a
// PNG, to out/e2e/screenshots/<name>.png: what a screen scan sees.
func (p *page) captureShot(name string) {
	p.t.Helper()
	data := evalJS[string](p, `(async () => {
		const s = (window.twofoldStreams || []).at(-1);
		if (!s || s.getVideoTracks()[0].readyState !== "live") return "";
		const track = s.getVideoTracks()[0].clone();
		const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
		const { value: frame } = await reader.read();
		const c = new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
		c.getContext("2d").drawImage(frame, 0, 0);
		frame.close();
		track.stop();
		const blob = await c.convertToBlob({ type: "image/png" });
		const b = new Uint8Array(await blob.arrayBuffer());
		let str = "";
		for (const x of b) str += String.fromCharCode(x);
		return btoa(str);
	})()`)
	png, err := base64.StdEncoding.DecodeString(data)
	if err != nil || len(png) == 0 {
		p.t.Logf("no capture to show (%v)", err)
		return
	}
	root, err := findModuleRoot()
	if err != nil {
		p.t.Log(err)
		return
	}
	path := filepath.Join(root, "out", "e2e", "screenshots", name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Log(err)
		return
	}
	p.t.Logf("capture: %s", path)
}

// cameraFrame draws the PNG of a code as a camera 1280×720 frame would see
// it: scaled to fill height pixels of the frame, smoothed, with a slight
// blur and sensor noise, dark grey on light grey.
func cameraFrame(t testing.TB, pngData []byte, height int, seed uint64) *image.Gray {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 1280, 720
	src := image.NewGray(img.Bounds())
	draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	scaled := image.NewGray(image.Rect(0, 0, height, height))
	xdraw.BiLinear.Scale(scaled, scaled.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	frame := frameWith(w, h, scaled, (w-height)/2+int(seed%40), (h-height)/2)
	// A 3×3 blur, then contrast of a screen filmed (ink 40, paper 215)
	// and noise.
	out := image.NewGray(frame.Bounds())
	rng := mrand.New(mrand.NewPCG(seed, 1))
	for y := range h {
		for x := range w {
			sum, n := 0, 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < w && yy < h {
						sum += int(frame.Pix[yy*w+xx])
						n++
					}
				}
			}
			v := 40 + float64(sum/n)*175/255 + rng.NormFloat64()*4
			out.Pix[y*w+x] = uint8(max(0, min(255, v)))
		}
	}
	return out
}

// TestTransferCamera receives by a fake camera that films the sender's
// codes, step by step, looping, each for a few frames.
func TestTransferCamera(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 20)

	a := openPage(t, srv)
	a.openSender(accounts, "camera")
	_, count := a.sentCount()
	shots, code := a.codeShots()
	var frames []*image.Gray
	for i, shot := range shots {
		for j := range 4 { // 0.4 s a code, a little shaky
			frames = append(frames, cameraFrame(t, shot, 560, uint64(i*10+j)))
		}
	}
	video := filepath.Join(t.TempDir(), "codes.y4m")
	writeY4M(t, video, 10, frames)

	bctx := scanBrowser(t,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video),
	)
	b := openPageOn(t, bctx, srv)
	b.navigate("/")
	b.waitVisible("#setup-transfer", stepTimeout)
	b.click("#setup-transfer")
	b.click("#scan-camera")
	start := time.Now()
	b.waitVisible("#tr-verify", transferTimeout)
	t.Logf("%d codes read by the camera in %v", count, time.Since(start).Round(10*time.Millisecond))
	b.finishReceiving(code, true)
	expectSameAccounts(t, b.storedAccounts(transferPassword), accounts)
}

// TestTransferReload reloads the receiving page halfway through a
// transfer: nothing is imported, nothing of it is stored, and the
// transfer starts again from the first screen.
func TestTransferReload(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 12)
	dir := t.TempDir()

	a := openPage(t, srv)
	a.openSender(accounts, "old")
	files, code := a.savedCodes(dir)
	count := len(files)

	b := openPage(t, srv)
	b.navigate("/")
	b.click("#setup-transfer")
	b.waitVisible("#scan-file", stepTimeout)
	b.chooseFiles("#scan-file", files[:count-1]...)
	b.waitFor("the codes but the last", fmt.Sprintf(`(document.getElementById("tr-received") || {}).textContent.includes("missing %d.")`, count), scanTimeout)
	b.reload()
	b.waitVisible("#setup-transfer", stepTimeout)
	if n := evalJS[int](b, `(async () => (await indexedDB.databases()).length)()`); n != 0 {
		// The app opens its database on start; it must hold no vault.
		dump := evalJS[string](b, storageDump)
		if strings.Contains(dump, `"key":"vault"`) {
			t.Fatalf("a vault was stored by a half-finished transfer: %s", abbreviate(dump))
		}
	}
	b.click("#setup-transfer")
	b.waitVisible("#scan-file", stepTimeout)
	b.chooseFiles("#scan-file", files...)
	b.waitVisible("#tr-verify", scanTimeout)
	b.finishReceiving(code, true)
	expectSameAccounts(t, b.storedAccounts(transferPassword), accounts)
}

// codeShots steps through the codes the sender p shows, from the first,
// and returns a picture of each as the page draws it, with the
// verification code shown under the last.
func (p *page) codeShots() (shots [][]byte, code string) {
	p.t.Helper()
	_, count := p.sentCount()
	for i := 1; i <= count; i++ {
		shots = append(shots, p.elementShot("#tr-image"))
		if i < count {
			p.click("#tr-next")
			p.waitFor("the next code", fmt.Sprintf(`document.getElementById("tr-count").textContent.startsWith("Code %d of")`, i+1), stepTimeout)
		}
	}
	return shots, p.text("#tr-code")
}

// savedCodes is codeShots with the pictures saved as code-01.png… in dir.
func (p *page) savedCodes(dir string) (files []string, code string) {
	p.t.Helper()
	shots, code := p.codeShots()
	for i, shot := range shots {
		f := filepath.Join(dir, fmt.Sprintf("code-%02d.png", i+1))
		if err := os.WriteFile(f, shot, 0o644); err != nil {
			p.t.Fatal(err)
		}
		files = append(files, f)
	}
	return files, code
}

// front brings p's tab to the front of its window, as a person does who
// clicks into it: Chromium shows the screen-share picker, which the tests'
// flag answers, only over the tab in front.
func (p *page) front() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, cdppage.BringToFront, cdp.Empty{}); err != nil {
		p.t.Fatalf("bringing the tab to the front: %v", err)
	}
}

// uriList writes the otpauth:// URIs of accounts, a line each, to
// uris.txt in dir, and returns its path.
func uriList(t testing.TB, dir string, accounts []vault.Account) string {
	t.Helper()
	var uris strings.Builder
	for _, a := range accounts {
		uris.WriteString(otpauth.Format(otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}) + "\n")
	}
	list := filepath.Join(dir, "uris.txt")
	if err := os.WriteFile(list, []byte(uris.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return list
}

// sendCodes runs "twofold transfer send" on the URIs in list for
// situation, writing the codes to the folder out, and returns their files
// in order and the verification code. It fails t unless there are several.
func sendCodes(t testing.TB, list, situation, out string) (files []string, code string) {
	t.Helper()
	stdout := runTwofold(t, "", "transfer", "send", "--for", situation, "-o", out, list)
	code, _, _ = strings.Cut(stdout, "\n")
	files, err := filepath.Glob(filepath.Join(out, "transfer-*.png"))
	if err != nil || len(files) < 2 {
		t.Fatalf("twofold transfer send wrote %d codes (%v), want several", len(files), err)
	}
	return files, code
}

// TestTransferFromCommandLine receives, on a fresh browser, the codes that
// "twofold transfer send" wrote, with a Google Authenticator export code
// and a code of another transfer among them: each is named, and the
// transfer completes.
func TestTransferFromCommandLine(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 8)
	for i := range accounts {
		accounts[i].Group, accounts[i].Note = "", "" // otpauth URIs carry neither
	}
	dir := t.TempDir()
	list := uriList(t, dir, accounts)
	files, code := sendCodes(t, list, "old-camera", filepath.Join(dir, "codes"))
	others, _ := sendCodes(t, list, "old-camera", filepath.Join(dir, "other"))
	ga, _, err := exportqr.Make([]otpauth.Account{{Issuer: "Google", Name: "g", Key: totpKey(randomSecret(t))}}, 7)
	if err != nil {
		t.Fatal(err)
	}
	gaFile := filepath.Join(dir, "google.png")
	if err := os.WriteFile(gaFile, ga[0].PNG, 0o644); err != nil {
		t.Fatal(err)
	}

	b := openPage(t, srv)
	b.navigate("/")
	b.click("#setup-transfer")
	b.waitVisible("#scan-file", stepTimeout)
	b.chooseFiles("#scan-file", files[0])
	b.waitFor("the first code", `(document.getElementById("tr-received") || {}).textContent.startsWith("Code 1 read")`, scanTimeout)
	b.chooseFiles("#scan-file", gaFile)
	b.waitFor("the Google code's message", `(document.getElementById("scan-error") || {}).textContent.includes("Google Authenticator export code")`, scanTimeout)
	b.chooseFiles("#scan-file", others[1])
	b.waitFor("the other transfer's message", `(document.getElementById("scan-error") || {}).textContent.includes("another Twofold transfer")`, scanTimeout)
	b.shot("transfer-07-other-transfer")
	b.chooseFiles("#scan-file", files[1:]...)
	b.waitVisible("#tr-verify", scanTimeout)
	b.finishReceiving(code, true)
	got := b.storedAccounts(transferPassword)
	expectSameAccounts(t, got, accounts)
}

// scaledScreenStub replaces getDisplayMedia with a 1280×800 canvas stream
// that shows, on a page, the picture window.twofoldFrames[window.twofoldShown]
// (data URLs of the sender's codes) scaled by __SCALE__ with the browser's
// smoothing, at a position off the pixel grid: what a screen capture of a
// 2× screen at its CSS size, or a capture scaled down, gives.
const scaledScreenStub = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return;
	md.getDisplayMedia = async () => {
		const c = document.createElement("canvas");
		c.width = 1280;
		c.height = 800;
		const g = c.getContext("2d");
		g.imageSmoothingEnabled = true;
		g.imageSmoothingQuality = "high";
		const imgs = {};
		const draw = () => {
			g.fillStyle = "#f6f6f6";
			g.fillRect(0, 0, 1280, 800);
			g.fillStyle = "#333";
			for (let i = 0; i < 6; i++) g.fillRect(40, 60 + i * 24, 200 + (i * 97) % 300, 10);
			const src = (window.twofoldFrames || [])[window.twofoldShown || 0];
			if (!src) return;
			let img = imgs[src];
			if (!img) {
				img = imgs[src] = new Image();
				img.src = src;
			}
			if (img.complete && img.naturalWidth > 0) {
				g.drawImage(img, 300.5, 40.5, img.naturalWidth * __SCALE__, img.naturalHeight * __SCALE__);
			}
		};
		draw();
		setInterval(draw, 100);
		return c.captureStream(10);
	};
})();`

// TestTransferScaledCapture sends from a screen of device pixel ratio 2
// received through a capture at the screen's CSS size (half its pixels),
// and from a 1× screen captured at two thirds of its size, through a
// stubbed getDisplayMedia: real tab capture in headless Chromium gives
// neither.
func TestTransferScaledCapture(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	accounts := transferAccounts(t, 100)
	for _, tt := range []struct {
		name         string
		ratio, scale float64
	}{
		{"2x screen at CSS size", 2, 0.5},
		{"1x screen at two thirds", 1, 2.0 / 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := openPage(t, srv)
			a.do("emulating the screen", stepTimeout, chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(tt.ratio)))
			a.openSender(accounts, "screen")
			shots, code := a.codeShots()
			side := evalJS[float64](a, `document.getElementById("tr-image").getBoundingClientRect().width`)
			img, err := png.Decode(bytes.NewReader(shots[0]))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d codes, drawn %.0f CSS pixels wide, %d device pixels in the shot, %.0f in the capture", len(shots), side, img.Bounds().Dx(), float64(img.Bounds().Dx())*tt.scale)
			if img.Bounds().Dx() < int((tt.ratio-0.1)*side) {
				t.Fatalf("the shot is %d pixels wide for a code of %.0f CSS pixels: not at the device pixel ratio", img.Bounds().Dx(), side)
			}
			var urls []string
			for _, s := range shots {
				urls = append(urls, "data:image/png;base64,"+base64.StdEncoding.EncodeToString(s))
			}

			b := openPage(t, srv)
			b.initScript(strings.ReplaceAll(scaledScreenStub, "__SCALE__", strconv.FormatFloat(tt.scale, 'f', 4, 64)))
			b.navigate("/")
			b.click("#setup-transfer")
			b.waitVisible("#scan-screen", stepTimeout)
			urlsJSON, _ := json.Marshal(urls)
			evalJS[any](b, `window.twofoldFrames = `+string(urlsJSON)+`; window.twofoldShown = 0; null`)
			b.click("#scan-screen")
			for i := range shots {
				evalJS[any](b, fmt.Sprintf(`window.twofoldShown = %d; null`, i))
				b.waitFor(fmt.Sprintf("code %d of %d", i+1, len(shots)), fmt.Sprintf(`document.getElementById("tr-verify") !== null || document.querySelectorAll("#tr-squares span.in").length >= %d`, i+1), transferTimeout)
			}
			b.waitVisible("#tr-verify", stepTimeout)
			b.finishReceiving(code, true)
			expectSameAccounts(t, b.storedAccounts(transferPassword), accounts)
		})
	}
}
