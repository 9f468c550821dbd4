//go:build !js

package e2e

// This file injects failures of the page's runtime: a clock that jumps
// while the vault is open, a key derivation worker that cannot load, dies
// or never answers; and it searches the page for secrets that screens
// leave behind once closed.

import (
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// clockInit replaces the page's Date by one that runs shifted by an offset
// that the test sets with twofoldClock(ms). Go's js/wasm runtime reads the
// wall clock from Date (runtime.walltime in wasm_exec.js), and its timers
// and monotonic clock from performance.now, which the script leaves alone:
// the app sees the wall clock jump, as after a change of the system clock,
// while its timers keep their pace.
const clockInit = `(() => {
	const Real = Date, realNow = Date.now.bind(Date);
	let offset = 0;
	class Shifted extends Real {
		constructor(...args) {
			if (args.length === 0) super(realNow() + offset); else super(...args);
		}
		static now() { return realNow() + offset; }
	}
	globalThis.Date = Shifted;
	globalThis.twofoldClock = (ms) => { offset = ms; return realNow() + offset; };
})();`

// setClock shifts the page's clock (see clockInit) so that it reads the
// real time plus about offset, moved on to phase into a period of period:
// the jump lands far from the period's boundaries, where a code that
// changed only because its period ended would not count. It returns the
// offset set.
func (p *page) setClock(offset time.Duration, phase, period time.Duration) time.Duration {
	p.t.Helper()
	target := time.Now().Add(offset)
	shift := (phase - time.Duration(target.UnixNano())%period + period) % period
	offset += shift
	evalJS[float64](p, fmt.Sprintf("twofoldClock(%d)", offset.Milliseconds()))
	return offset
}

// countdownLeft is what static/countdown.js shows at now for a period.
func countdownLeft(now time.Time, period int) int {
	s := float64(now.UnixMilli()) / 1000
	left := int(math.Ceil(float64(period) - math.Mod(s, float64(period))))
	if left == 0 {
		left = period
	}
	return left
}

// follows waits until every TOTP account in keys shows its code at the
// page's clock, with its countdown, and returns how long that took. The
// countdown may lag its clock by a redraw (one second).
func (p *page) follows(what string, keys map[string]otp.Key, within time.Duration) time.Duration {
	p.t.Helper()
	start := time.Now()
	var last string
	for {
		v := p.list()
		now := time.UnixMilli(v.Now)
		ok := true
		last = ""
		for issuer, key := range keys {
			r, found := v.find(issuer)
			if !found {
				p.t.Fatalf("%s: no account %q%s", what, issuer, p.describe())
			}
			want, err := key.Code(now)
			if err != nil {
				p.t.Fatal(err)
			}
			if r.Code != otp.Group(want) {
				ok = false
				last += fmt.Sprintf(" %s shows %q, want %q;", issuer, r.Code, otp.Group(want))
				continue
			}
			if key.Type == otp.HOTP {
				continue
			}
			left := countdownLeft(now, key.Period)
			lag := left%key.Period + 1 // the second before
			if r.Seconds != fmt.Sprint(left) && r.Seconds != fmt.Sprint(lag) {
				ok = false
				last += fmt.Sprintf(" %s counts down %q, want %d;", issuer, r.Seconds, left)
			}
		}
		if ok {
			return time.Since(start)
		}
		if time.Since(start) > within {
			p.t.Fatalf("%s: the page did not follow its clock (%v) within %v:%s%s",
				what, now.UTC().Format(time.RFC3339), within, last, p.describe())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// mustCode returns key's code now.
func mustCode(t testing.TB, key otp.Key) string {
	t.Helper()
	c, err := key.Code(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClockJumps sets the page's clock forward an hour, back two, and then
// a few seconds across a period's boundary each way, while the vault is
// open: each time the codes must be those of the new time (computed
// natively with package otp) within a redraw or two, and the countdowns
// too, not only when the next period begins. A HOTP account's counter
// moves only when Next is pressed: the jumps leave its code alone, Next
// after the backward jump goes forward, and the stored vault holds the
// new counter after a reload.
func TestClockJumps(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "time is out of joint"
	t30 := totpKey(randomSecret(t))
	t60 := totpKey(randomSecret(t))
	t60.Period = 60
	hotp := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 5, Secret: randomSecret(t)}
	h := newAccount(t, "Counter Co", "ann", hotp)
	p.addInit(clockInit)
	p.storeVault(sealCheap(t, password, []vault.Account{
		newAccount(t, "Thirty", "bob", t30), newAccount(t, "Sixty", "cy", t60), h,
	}))
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the accounts", rowCount+" === 3", stepTimeout)
	keys := map[string]otp.Key{"Thirty": t30, "Sixty": t60, "Counter Co": hotp}
	p.follows("before any jump", keys, 3*time.Second)

	// The bound: a code follows at the next redraw, once a second; a
	// second and a half more for a loaded machine. An app that waited for
	// the period's end would take up to twenty seconds here, as every
	// jump lands ten seconds into a period.
	const within = 2500 * time.Millisecond
	period := 30 * time.Second
	before := p.list()
	var offset time.Duration
	for _, jump := range []struct {
		name  string
		to    time.Duration // the new offset, moved on to phase
		by    time.Duration // or else a jump from the current offset
		phase time.Duration
	}{
		{name: "an hour forward", to: time.Hour, phase: 10 * time.Second},
		{name: "two hours back", to: -time.Hour, phase: 10 * time.Second},
		{name: "to five seconds before a boundary", to: 0, phase: 25 * time.Second},
		{name: "forward across the boundary", by: 15 * time.Second},
		{name: "back across the boundary", by: -15 * time.Second},
	} {
		if jump.by < 0 {
			// Back to five seconds before the current period began,
			// however long the steps before took on a loaded machine.
			now := time.Now().Add(offset)
			jump.by = -(time.Duration(now.UnixNano())%period + 5*time.Second)
		}
		if jump.by != 0 {
			offset += jump.by
			evalJS[float64](p, fmt.Sprintf("twofoldClock(%d)", offset.Milliseconds()))
		} else {
			offset = p.setClock(jump.to, jump.phase, period)
		}
		took := p.follows(jump.name, keys, within)
		t.Logf("%s (clock offset %v): codes and countdowns followed after %v", jump.name, offset.Round(time.Second), took.Round(time.Millisecond))
		after := p.list()
		was, _ := before.find("Thirty")
		if now, _ := after.find("Thirty"); now.Code == was.Code {
			t.Errorf("%s: the code of Thirty did not change (%q): the jump proves nothing", jump.name, now.Code)
		}
		if now, _ := after.find("Counter Co"); now.Code != otp.Group(mustCode(t, hotp)) {
			t.Errorf("%s: the HOTP code changed to %q", jump.name, now.Code)
		}
		before = after
	}

	// After the clock went back, Next goes forward.
	p.setClock(-2*time.Hour, 10*time.Second, period)
	p.follows("two hours back again", keys, within)
	hh := h
	p.nextHOTP(&hh)
	if hh.Counter != hotp.Counter+1 {
		t.Fatalf("the HOTP counter is %d, want %d", hh.Counter, hotp.Counter+1)
	}
	keys["Counter Co"] = hh.Key
	p.follows("after Next", keys, within)

	// The stored vault holds the new counter, and a reload (at the real
	// time again: a jump forward) shows its code.
	for _, a := range p.storedAccounts(password) {
		if a.ID == h.ID && a.Counter != hh.Counter {
			t.Errorf("the stored HOTP counter is %d, want %d", a.Counter, hh.Counter)
		}
	}
	p.reload()
	p.unlock(password)
	p.waitFor("the accounts", rowCount+" === 3", stepTimeout)
	p.follows("after a reload", keys, 3*time.Second)
}

// intercept makes s answer the requests for path with h instead of the
// site, until the returned function is called.
func (s *server) intercept(path string, h http.HandlerFunc) (restore func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.handler
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			h(w, r)
			return
		}
		prev.ServeHTTP(w, r)
	})
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.handler = prev
	}
}

// trapWasm is a wasm module that looks enough like a Go program for
// wasm_exec.js to run it (it exports mem and run), and whose run traps at
// once: a worker program that crashes after it has loaded.
//
//	(module (memory (export "mem") 1) (func (export "run") (param i32 i32) unreachable))
var trapWasm = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
	0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00, // type: (i32, i32) -> ()
	0x03, 0x02, 0x01, 0x00, // function 0 of type 0
	0x05, 0x03, 0x01, 0x00, 0x01, // memory of one page
	0x07, 0x0d, 0x02, 0x03, 'm', 'e', 'm', 0x02, 0x00, 0x03, 'r', 'u', 'n', 0x00, 0x00, // exports
	0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // code: unreachable
}

// keyWorkerMessage and keyWorkerJapanese are the start of the message of
// a key derivation that could not run (i18n.ErrKeyWorker).
const (
	keyWorkerMessage  = "The password could not be processed: the part of Twofold that derives the vault's key did not load or stopped"
	keyWorkerJapanese = "パスワードを処理できませんでした。保管庫の鍵を導出する Twofold の部分が読み込めなかったか、停止しました"
)

// expectKeyWorkerError waits for the form's error (errSel) to say that the
// key derivation could not run, with detail, and checks that the form can
// be used again: its button (submit) is no longer busy.
func (p *page) expectKeyWorkerError(errSel, submit, detail string, timeout time.Duration) string {
	p.t.Helper()
	return p.expectKeyWorkerErrorIn(keyWorkerMessage, errSel, submit, detail, timeout)
}

// expectKeyWorkerErrorIn is expectKeyWorkerError for the message that
// starts with prefix, in a language of its own.
func (p *page) expectKeyWorkerErrorIn(prefix, errSel, submit, detail string, timeout time.Duration) string {
	p.t.Helper()
	p.waitVisible(errSel, timeout)
	msg := p.text(errSel)
	if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, detail) {
		p.t.Errorf("%s says %q, want %q… with %q", errSel, msg, prefix, detail)
	}
	if evalJS[bool](p, `(() => { const b = document.querySelector(`+jsString(submit)+`); return !b || b.disabled || b.getAttribute("aria-busy") === "true"; })()`) {
		p.t.Errorf("after the error, %s is missing, disabled or busy%s", submit, p.describe())
	}
	return msg
}

// TestKeyWorkerFailures breaks the Web Worker that derives the vault's key
// in four ways, in the app: kdf.wasm missing (404) when a vault is created,
// the worker's program crashing after it loaded, a worker script that never
// answers, and a worker terminated once it has the job. Each
// time the form must say so in words (not a raw error, not a spinner
// forever), within the bound the kdf package sets, and stay usable: the
// same form submits again, and once the worker is back, works.
func TestKeyWorkerFailures(t *testing.T) {
	s := testSite(t)
	const password = "derive me if you can"
	// Chromium reports the failed fetch of kdf.wasm, and the service worker
	// that could not cache it, on the console.
	allowFailures := func(p *page) {
		p.rec.allow(`404 \(Not Found\)`)
		p.rec.allow(`(?i)service ?worker|app-worker\.js|addAll|Request failed`)
	}

	t.Run("kdf.wasm missing when creating", func(t *testing.T) {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		allowFailures(p)
		restore := srv.intercept("/web/kdf.wasm", http.NotFound)
		p.navigate("/")
		p.waitVisible("#setup-password", stepTimeout)
		p.typeText("#setup-password", password)
		p.typeText("#setup-confirm", password)
		p.click("#setup-submit")
		p.expectKeyWorkerError("#setup-error", "#setup-submit", "worker failed to start: loading /web/kdf.wasm: HTTP 404", kdfTimeout)
		p.shot("key-worker-missing")
		if n := evalJS[int](p, `indexedDB.databases().then((dbs) => dbs.length)`); n > 0 {
			// The store may exist; the vault must not.
			if p.exists("section.vault") {
				t.Fatal("the vault opened without a key")
			}
		}
		// The worker is back: the same form creates the vault.
		restore()
		for _, sel := range []string{"#setup-password", "#setup-confirm"} {
			if evalJS[string](p, `document.querySelector(`+jsString(sel)+`).value`) != password {
				p.typeText(sel, password)
			}
		}
		p.click("#setup-submit")
		p.waitVisible("#empty", kdfTimeout)
	})

	// seeded opens the unlock screen of a vault seeded at a cheap cost.
	seeded := func(t *testing.T, path string, h http.HandlerFunc) *page {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		allowFailures(p)
		if path != "" {
			srv.intercept(path, h)
		}
		p.storeVault(sealCheap(t, password, []vault.Account{newAccount(t, "Kept", "kim", totpKey(randomSecret(t)))}))
		return p
	}
	submitUnlock := func(p *page) time.Time {
		p.waitVisible("#unlock-password", stepTimeout)
		if evalJS[string](p, `document.getElementById("unlock-password").value`) != password {
			p.typeText("#unlock-password", password)
		}
		p.click("#unlock-submit")
		return time.Now()
	}

	t.Run("worker program crashes", func(t *testing.T) {
		p := seeded(t, "/web/kdf.wasm", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/wasm")
			w.Write(trapWasm)
		})
		// In Japanese, chosen before the app starts.
		evalJS[any](p, `localStorage.setItem("twofold.lang", "ja"), 0`)
		p.navigate("/")
		submitUnlock(p)
		p.expectKeyWorkerErrorIn(keyWorkerJapanese, "#unlock-error", "#unlock-submit", "（worker failed: RuntimeError: unreachable）", kdfTimeout)
		p.shot("key-worker-crashed-ja")
		// Submitting again gives the same answer, not a frozen form: the
		// error goes while the form is busy, then comes back.
		evalJS[any](p, `(() => {
			window.errorWent = false;
			new MutationObserver(() => {
				if (!document.getElementById("unlock-error")) window.errorWent = true;
			}).observe(document.body, { childList: true, subtree: true });
		})(), 0`)
		submitUnlock(p)
		p.waitFor("the error gone while busy", `window.errorWent`, stepTimeout)
		p.expectKeyWorkerErrorIn(keyWorkerJapanese, "#unlock-error", "#unlock-submit", "RuntimeError: unreachable", kdfTimeout)
	})

	t.Run("worker never answers", func(t *testing.T) {
		p := seeded(t, "/web/kdf-worker.js", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte("self.onmessage = () => {};\n"))
		})
		p.navigate("/")
		start := submitUnlock(p)
		p.waitFor("the unlock button busy", `document.getElementById("unlock-submit").getAttribute("aria-busy") === "true"`, stepTimeout)
		p.expectKeyWorkerError("#unlock-error", "#unlock-submit", "worker timed out: no sign of life after 10s", 30*time.Second)
		took := time.Since(start)
		t.Logf("the form gave up after %v", took.Round(100*time.Millisecond))
		if took < 9*time.Second {
			t.Errorf("the form gave up after %v, before the start timeout", took)
		}
		p.shot("key-worker-hung")
	})

	t.Run("worker terminated while it works", func(t *testing.T) {
		p := seeded(t, "", nil)
		// The page's own script ends the worker as soon as it says its
		// script runs, when it has the job and is loading kdf.wasm to
		// derive: no key, no error, no event ever comes.
		p.addInit(`(() => {
			const Native = window.Worker;
			window.Worker = class extends Native {
				constructor(url, options) {
					super(url, options);
					if (String(url).includes("kdf-worker")) {
						this.addEventListener("message", (e) => { if (e.data && e.data.alive) { this.terminate(); } });
					}
				}
			};
		})();`)
		p.navigate("/")
		start := submitUnlock(p)
		p.expectKeyWorkerError("#unlock-error", "#unlock-submit", "worker timed out after 1m0s", 90*time.Second)
		t.Logf("the form gave up after %v", time.Since(start).Round(100*time.Millisecond))
	})
}

// domDump is what the page holds where a script or a person can read it:
// the whole document, the values of its fields (which the markup does not
// show once typed), and its images made in the page.
type domDump struct {
	HTML, Text, URL, Title string
	Values                 []string
	DataImages             int // <img> whose source is a data: or blob: URL
	Canvases               int
}

const domDumpJS = `(() => ({
	HTML: document.documentElement.outerHTML,
	Text: document.body.innerText,
	URL: location.href,
	Title: document.title,
	Values: [...document.querySelectorAll("input, textarea, select")].map((e) => String(e.value)),
	DataImages: [...document.images].filter((i) => /^(data|blob):/.test(i.getAttribute("src") || "")).length,
	Canvases: document.querySelectorAll("canvas").length,
}))()`

func (p *page) dom() domDump {
	p.t.Helper()
	return evalJS[domDump](p, domDumpJS)
}

// holds returns which of needles (name → text) d holds anywhere, in any
// case.
func (d domDump) holds(needles map[string]string) []string {
	all := strings.ToLower(strings.Join(append([]string{d.HTML, d.Text, d.URL, d.Title}, d.Values...), "\n"))
	var found []string
	for name, n := range needles {
		if n != "" && strings.Contains(all, strings.ToLower(n)) {
			found = append(found, name)
		}
	}
	return found
}

// TestNoSecretLingers opens every screen that shows or takes a secret
// (editing an account, adding one from an otpauth URI, the text export,
// the QR export, a backup, sending a transfer), uses it, closes it, and
// then searches the whole page (markup, field values, images made in the
// page, canvases) for what it showed or took: the secret in base32 and
// hex, any otpauth URI, the backup's passphrase, the vault's password,
// the transfer's code. While a screen is open the same search must find
// what it shows, or it would prove nothing.
func TestNoSecretLingers(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "shown and then gone"
	b32 := base32.StdEncoding.WithPadding(base32.NoPadding)
	key := totpKey(randomSecret(t))
	acct := newAccount(t, "Lingering", "lee", key)
	p.storeVault(sealCheap(t, password, []vault.Account{acct}))
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the account", rowCount+" === 1", stepTimeout)

	needles := map[string]string{
		"the vault password": password,
		"an otpauth URI":     "otpauth",
	}
	addSecret := func(name string, secret []byte) {
		needles[name+" (base32)"] = b32.EncodeToString(secret)
		needles[name+" (hex)"] = hex.EncodeToString(secret)
	}
	addSecret("the secret", key.Secret)
	clean := func(after string) {
		t.Helper()
		p.waitVisible("section.vault", stepTimeout)
		d := p.dom()
		for _, what := range d.holds(needles) {
			t.Errorf("after %s, the page still holds %s", after, what)
		}
		if d.DataImages != 0 || d.Canvases != 0 {
			t.Errorf("after %s, the page still holds %d images made in the page and %d canvases", after, d.DataImages, d.Canvases)
		}
	}
	clean("unlocking")

	// Editing: the stored secret is never shown; a secret typed and then
	// cancelled, or saved, is gone with the form, and does not come back
	// in the next form.
	p.click("#accounts > li.account button.edit")
	p.waitVisible("#f-secret", stepTimeout)
	if v := evalJS[string](p, `document.getElementById("f-secret").value`); v != "" {
		t.Errorf("the edit form shows the stored secret field as %q", v)
	}
	if found := p.dom().holds(needles); len(found) > 0 {
		t.Errorf("the edit form holds %v", found)
	}
	typed := randomSecret(t)
	addSecret("a secret typed and cancelled", typed)
	p.typeText("#f-secret", b32.EncodeToString(typed))
	if found := p.dom().holds(needles); !slices.Contains(found, "a secret typed and cancelled (base32)") {
		t.Errorf("the search finds %v in the form being typed in, want the typed secret", found)
	}
	p.click("#account-cancel")
	clean("cancelling an edit")
	p.click("#accounts > li.account button.edit")
	p.waitVisible("#f-secret", stepTimeout)
	if v := evalJS[string](p, `document.getElementById("f-secret").value`); v != "" {
		t.Errorf("the next edit form starts with the secret field %q", v)
	}
	saved := randomSecret(t)
	addSecret("a secret saved", saved)
	p.typeText("#f-secret", b32.EncodeToString(saved))
	p.click("#account-save")
	clean("saving an edit")
	key.Secret = saved
	p.expectCode("Lingering", key)

	// Adding from an otpauth URI.
	added := totpKey(randomSecret(t))
	addSecret("a secret added", added.Secret)
	p.click("#add")
	p.paste("#uri", "otpauth://totp/Added:mo?secret="+b32.EncodeToString(added.Secret)+"&issuer=Added")
	p.click("#uri-use")
	p.waitFor("the form filled in", `document.getElementById("f-issuer").value === "Added"`, stepTimeout)
	if found := p.dom().holds(needles); len(found) == 0 {
		t.Error("the search finds nothing in the add form filled from a URI")
	}
	p.click("#account-save")
	p.waitFor("the account added", rowCount+" === 2", stepTimeout)
	clean("adding an account from a URI")
	p.expectCode("Added", added)

	// The text export.
	p.openSettings()
	p.click("#open-export")
	p.waitVisible("#ex-consent", stepTimeout)
	p.click("#ex-consent")
	p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
	p.allowDownloads()
	p.click("#ex-download")
	p.waitVisible("#ex-done", stepTimeout)
	p.click("#ex-close")
	clean("the text export")

	// The QR export.
	p.openSettings()
	p.click("#open-export-qr")
	p.click("#qr-show")
	p.waitVisible("#qr-image", stepTimeout)
	if d := p.dom(); d.DataImages == 0 {
		t.Error("the search finds no image made in the page while the export's QR code is shown")
	}
	p.shot("lingers-export-qr")
	for p.exists("#qr-next") && !evalJS[bool](p, `document.getElementById("qr-next").disabled`) {
		p.click("#qr-next")
	}
	p.click("#qr-close")
	clean("the QR export")

	// A backup with a passphrase of its own.
	const passphrase = "a passphrase for the backup only"
	needles["the backup passphrase"] = passphrase
	p.openSettings()
	p.click("#open-backup")
	p.waitVisible("#bk-pass", stepTimeout)
	p.click("#bk-mode-other")
	p.waitVisible("#bk-again", stepTimeout)
	p.backUp(passphrase, true)
	if found := p.dom().holds(needles); len(found) > 0 {
		t.Logf("once the backup is made, its panel still holds %v", found)
	}
	p.click("#bk-close")
	clean("a backup")

	// Sending a transfer: its code and its QR codes.
	p.openSettings()
	p.click("#open-transfer-send")
	p.waitVisible("#tr-form", stepTimeout)
	p.click("#tr-for-old")
	p.click("#tr-show")
	p.waitVisible("#tr-image", kdfTimeout)
	for !p.exists("#tr-code") {
		p.click("#tr-next")
		time.Sleep(50 * time.Millisecond)
	}
	code := strings.TrimSpace(p.text("#tr-code"))
	needles["the transfer code"] = code
	needles["the transfer code without spaces"] = strings.ReplaceAll(code, " ", "")
	if d := p.dom(); d.DataImages == 0 || len(d.holds(map[string]string{"code": code})) == 0 {
		t.Errorf("while the transfer is shown, the search finds %d images made in the page and the code %v", d.DataImages, d.holds(map[string]string{"code": code}))
	}
	p.click("#tr-done")
	clean("sending a transfer")
}
