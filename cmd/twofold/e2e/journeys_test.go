//go:build !js

package e2e

// The core journeys of a person, written once and run in every engine of
// engines (Chromium, Firefox, WebKitGTK) through the driver interface of
// engine_test.go: create a vault and add an account; lock, reload and
// unlock; reload offline; back up and restore in a fresh profile; export as
// text; import another app's export; receive a transfer from a screen
// capture. The Chromium-only tests go deeper into each; these check that
// the same steps work, with the same words on screen, in each engine.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// jpage is a tab of a journey: the tab of a driver, with steps that fail
// the test, and the times of the marks a journey sets.
type jpage struct {
	t     testing.TB
	d     driver
	tab   tab
	srv   *server
	dl    string
	allow []string // substrings of problems the journey expects
	marks map[string]time.Duration
}

// openJourney opens a fresh profile of d's engine on srv's site, 1024×768,
// with its own downloads folder. At the end of t it fails t for every
// problem the engine reported and every request to another origin, leaves
// a screenshot when t failed, and closes the browser.
func openJourney(t testing.TB, d driver, srv *server) *jpage {
	t.Helper()
	dl := t.TempDir()
	tb, err := d.open(t, tabOptions{Width: 1024, Height: 768, Downloads: dl})
	if err != nil {
		t.Fatalf("starting %s: %v", d.name(), err)
	}
	p := &jpage{t: t, d: d, tab: tb, srv: srv, dl: dl, marks: map[string]time.Duration{}}
	failShot := failShotName(t)
	t.Cleanup(func() {
		if t.Failed() {
			p.saveShot(failShot)
		}
		p.checkReports()
		if err := tb.close(); err != nil {
			t.Logf("closing %s: %v", d.name(), err)
		}
	})
	return p
}

// checkReports fails the test for what the engine reported: problems not
// allowed, and requests to another origin.
func (p *jpage) checkReports() {
	p.t.Helper()
	requests, problems, _ := p.tab.reports()
	for _, u := range requests {
		if !(&recorder{origin: p.srv.URL}).sameOrigin(u) && !strings.HasPrefix(u, "about:") {
			p.t.Errorf("%s: the page sent a request to another origin: %s", p.d.name(), u)
		}
	}
	for _, pr := range problems {
		allowed := false
		for _, a := range p.allow {
			allowed = allowed || strings.Contains(pr, a)
		}
		if !allowed {
			p.t.Errorf("%s reported a problem: %s", p.d.name(), pr)
		}
	}
}

// must fails the test with what and err, and what the page shows.
func (p *jpage) must(what string, err error) {
	p.t.Helper()
	if err != nil {
		p.t.Fatalf("%s: %s: %v%s", p.d.name(), what, err, p.describe())
	}
}

func (p *jpage) describe() string {
	var s string
	if p.tab.eval(`document.body ? document.body.innerText : "(no body)"`, &s) != nil {
		return ""
	}
	return "\npage text:\n\t" + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n\t")
}

func (p *jpage) navigate(path string) {
	p.t.Helper()
	p.must("loading "+path, p.tab.navigate(p.srv.URL+path))
}
func (p *jpage) reload()          { p.t.Helper(); p.must("reloading", p.tab.reload()) }
func (p *jpage) click(sel string) { p.t.Helper(); p.must("clicking "+sel, p.tab.click(sel)) }

func (p *jpage) typeText(sel, s string) {
	p.t.Helper()
	p.must("typing into "+sel, p.tab.typeText(sel, s))
	if got := jeval[string](p, `document.querySelector(`+jsString(sel)+`).value`); got != s {
		p.t.Fatalf("%s: typing into %s left %d characters, want %d", p.d.name(), sel, len(got), len(s))
	}
}

func (p *jpage) upload(sel, path string) {
	p.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		p.t.Fatal(err)
	}
	p.must("choosing "+filepath.Base(path), p.tab.setFiles(sel, abs))
}

// jeval evaluates js in p's tab and decodes its value as T.
func jeval[T any](p *jpage, js string) T {
	p.t.Helper()
	var v T
	p.must("evaluating "+abbreviate(js), p.tab.eval(js, &v))
	return v
}

// waitFor waits until the JavaScript condition cond holds.
func (p *jpage) waitFor(what, cond string, timeout time.Duration) {
	p.t.Helper()
	p.must("waiting for "+what, waitEval(p.tab, cond, timeout))
}

// waitVisible waits until the element sel is drawn with a size.
func (p *jpage) waitVisible(sel string, timeout time.Duration) {
	p.t.Helper()
	p.waitFor(sel, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e !== null && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`, timeout)
}

func (p *jpage) text(sel string) string {
	p.t.Helper()
	v := jeval[*string](p, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.textContent : null; })()`)
	if v == nil {
		p.t.Fatalf("%s: no element %s%s", p.d.name(), sel, p.describe())
	}
	return *v
}

func (p *jpage) exists(sel string) bool {
	p.t.Helper()
	return jeval[bool](p, `document.querySelector(`+jsString(sel)+`) !== null`)
}

// mark records how long since start, under name, for the benchmark.
func (p *jpage) mark(name string, start time.Time) { p.marks[name] = time.Since(start) }

// shot saves a screenshot of the viewport as
// out/e2e/screenshots/<engine>-<name>.png.
func (p *jpage) shot(name string) {
	p.t.Helper()
	if path, err := p.writeShot(p.d.name() + "-" + name); err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	} else {
		p.t.Logf("screenshot: %s", path)
	}
}

func (p *jpage) saveShot(name string) {
	if path, err := p.writeShot(name); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
	} else {
		p.t.Logf("screenshot: %s", path)
	}
}

func (p *jpage) writeShot(name string) (string, error) {
	root, err := findModuleRoot()
	if err != nil {
		return "", err
	}
	img, err := p.tab.screenshot()
	if err != nil {
		return "", err
	}
	if _, err := png.DecodeConfig(bytes.NewReader(img)); err != nil {
		return "", fmt.Errorf("not a PNG: %w", err)
	}
	dir := filepath.Join(root, "out", "e2e", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".png")
	return path, os.WriteFile(path, img, 0o644)
}

// download waits for the one file the page downloads next, and moves it out
// of the downloads folder, so that the next download is told apart.
func (p *jpage) download(what string) download {
	p.t.Helper()
	f, err := waitDownload(p.dl, stepTimeout)
	p.must("waiting for "+what, err)
	p.must("moving "+f.name, os.Rename(filepath.Join(p.dl, f.name), filepath.Join(p.t.TempDir(), f.name)))
	return f
}

// list reads the account list with the page's clock.
func (p *jpage) list() listView {
	p.t.Helper()
	return jeval[listView](p, listJS)
}

// expectCodes checks that the list shows each of accounts, and its code
// at the page's own clock, computed here with the core's otp package.
func (p *jpage) expectCodes(accounts []vault.Account) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%d accounts listed", len(accounts)), fmt.Sprintf("%s === %d", rowCount, len(accounts)), stepTimeout)
	for _, a := range accounts {
		for attempt := 0; ; attempt++ {
			v := p.list()
			r, ok := v.find(label(a))
			if !ok {
				p.t.Fatalf("%s: %q is not listed%s", p.d.name(), label(a), p.describe())
			}
			now := time.UnixMilli(v.Now)
			want, err := a.Key.Code(now)
			if err != nil {
				p.t.Fatal(err)
			}
			if r.Code == otp.Group(want) {
				break
			}
			if a.Key.Type != otp.HOTP && attempt < 3 && justTurned(a.Key, now) {
				time.Sleep(time.Second)
				continue
			}
			p.t.Fatalf("%s: %q shows %q at %v, want %q", p.d.name(), label(a), r.Code, now.Format(time.RFC3339Nano), otp.Group(want))
		}
	}
}

// unlock types password, submits, and waits for the vault.
func (p *jpage) unlock(password string) {
	p.t.Helper()
	p.waitVisible("#unlock-password", stepTimeout)
	p.typeText("#unlock-password", password)
	p.click("#unlock-submit")
	p.waitVisible("section.vault", kdfTimeout)
}

// seed stores a vault sealed natively under password, holding accounts,
// in the tab's profile, as the app stores it, then loads the app and
// unlocks it.
func (p *jpage) seed(password string, accounts []vault.Account) {
	p.t.Helper()
	sealed, rev := sealVault(p.t, password, accounts)
	p.navigate(blankPath)
	n := jeval[int](p, storeVaultJS(sealed, rev))
	if n != len(sealed) {
		p.t.Fatalf("stored %d bytes of the vault, want %d", n, len(sealed))
	}
	p.navigate("/")
	p.unlock(password)
	p.expectCodes(accounts)
}

// storeVaultJS returns a script that stores a sealed vault where the app
// keeps it (see page.storeVault), with its sum as the app writes it, and
// gives its length.
func storeVaultJS(sealed []byte, rev uint64) string {
	return storeRecordJS(sealed, sealed, rev)
}

// storeRecordJS is storeVaultJS for a record whose data is not what its
// sum was made of (summed), as when a byte changed at rest.
func storeRecordJS(data, summed []byte, rev uint64) string {
	sum := sha256.Sum256(summed)
	return `(async () => {
		const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
		const data = bytes(` + jsString(base64.StdEncoding.EncodeToString(data)) + `);
		const sum = bytes(` + jsString(base64.StdEncoding.EncodeToString(sum[:])) + `);
		const db = await new Promise((resolve, reject) => {
			const req = indexedDB.open("twofold", 1);
			req.onupgradeneeded = () => req.result.createObjectStore("records");
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		await new Promise((resolve, reject) => {
			const tx = db.transaction("records", "readwrite");
			tx.objectStore("records").put({ rev: ` + fmt.Sprint(rev) + `, data, sum }, "vault");
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
		db.close();
		return data.length;
	})()`
}

// journeys are the journeys every engine runs, in order.
var journeys = []struct {
	name string
	run  func(t testing.TB, d driver, s builtSite) *jpage
}{
	{"Vault", journeyVault},
	{"BackupRestore", journeyBackupRestore},
	{"TextExport", journeyTextExport},
	{"Import", journeyImport},
	{"TransferReceive", journeyTransferReceive},
	{"LongList", journeyLongList},
}

// TestEngines runs every journey in every engine.
func TestEngines(t *testing.T) {
	s := testSite(t)
	for _, d := range engines {
		t.Run(d.name(), func(t *testing.T) {
			for _, j := range journeys {
				t.Run(j.name, func(t *testing.T) { j.run(t, d, s) })
			}
		})
	}
}

// BenchmarkEngines runs every journey in each engine and reports, from the
// Vault journey, the time from loading the page to the setup form (first
// render), from pressing Unlock to the first code shown (the key
// derivation included), and from a reload with the server gone to the
// unlock form (offline reload), and the time of all the journeys. The times
// are taken from outside the page, in steps of the driver's polling (0.1 s).
func BenchmarkEngines(b *testing.B) {
	s := testSite(b)
	for _, d := range engines {
		b.Run(d.name(), func(b *testing.B) {
			marks := map[string][]time.Duration{}
			var total time.Duration
			for range b.N {
				start := time.Now()
				for _, j := range journeys {
					p := j.run(b, d, s)
					for k, v := range p.marks {
						marks[k] = append(marks[k], v)
					}
				}
				total += time.Since(start)
			}
			for _, m := range []struct{ mark, unit string }{
				{"first render", "first-render-ms"},
				{"unlock to first code", "unlock-to-code-ms"},
				{"offline reload", "offline-reload-ms"},
			} {
				var ms []float64
				for _, d := range marks[m.mark] {
					ms = append(ms, float64(d.Milliseconds()))
				}
				b.ReportMetric(median(ms), m.unit)
			}
			b.ReportMetric(total.Seconds()/float64(b.N), "journeys-s")
		})
	}
}

const journeyPassword = "a journey through three engines"

// journeyVault: a first visit creates a vault; an otpauth:// link adds an
// account whose code is the one computed here; the camera, missing here,
// is said to be missing; a reload locks, a wrong password is refused and
// the right one opens; with the server gone, a reload still starts, unlocks
// and shows the code; Lock locks.
func journeyVault(t testing.TB, d driver, s builtSite) *jpage {
	srv := newServer(t, s.Dir)
	p := openJourney(t, d, srv)
	start := time.Now()
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.mark("first render", start)
	p.typeText("#setup-password", journeyPassword)
	p.typeText("#setup-confirm", journeyPassword)
	p.click("#setup-submit")
	p.waitVisible("#empty", kdfTimeout)

	// Add by link.
	a := newAccount(t, "Example Bank", "alice@example.com", totpKey(randomSecret(t)))
	p.click("#add")
	p.waitVisible("#uri", stepTimeout)
	p.typeText("#uri", otpauth.Format(otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}))
	p.click("#uri-use")
	p.waitFor("the form filled in from the link", `document.getElementById("f-issuer").value === "Example Bank" && document.getElementById("uri").value === ""`, stepTimeout)
	p.click("#account-save")
	p.expectCodes([]vault.Account{a})

	// The camera: none here. Whatever the engine says, the page says it in
	// words of its own: there is no camera, or it was not allowed.
	p.click("#add")
	p.waitVisible("#scan-camera", stepTimeout)
	p.click("#scan-camera")
	p.waitFor("the camera's message", `document.getElementById("scan-error") !== null`, stepTimeout)
	en := i18n.English
	if msg := p.text("#scan-error"); msg != en.T(i18n.CaptureNoCamera) && msg != en.T(i18n.CaptureCameraDenied) {
		t.Errorf("%s: with no camera the scanner says %q, want %q or %q", d.name(), msg, en.T(i18n.CaptureNoCamera), en.T(i18n.CaptureCameraDenied))
	}
	p.shot("no-camera")
	p.press("Escape")

	// Lock by reloading; a wrong password first.
	p.waitCached(s)
	p.reload()
	p.waitVisible("#unlock-password", stepTimeout)
	p.typeText("#unlock-password", journeyPassword+"?")
	p.click("#unlock-submit")
	p.waitVisible("#unlock-error", kdfTimeout)
	if msg, want := p.text("#unlock-error"), en.T(i18n.ErrWrongPassword); !strings.Contains(msg, want) {
		t.Errorf("%s: a wrong password says %q, want %q", d.name(), msg, want)
	}
	p.typeText("#unlock-password", journeyPassword)
	start = time.Now()
	p.click("#unlock-submit")
	p.waitFor("the first code", `(() => { const c = document.querySelector("li.account .code"); return c !== null && c.textContent !== ""; })()`, kdfTimeout)
	p.mark("unlock to first code", start)
	p.expectCodes([]vault.Account{a})
	p.shot("vault")
	p.persistence()

	// Offline: the server drops every connection.
	srv.setOffline(true)
	p.allow = append(p.allow, offlineProblems...)
	start = time.Now()
	p.reload()
	p.waitVisible("#unlock-password", stepTimeout)
	p.mark("offline reload", start)
	if !jeval[bool](p, `navigator.serviceWorker.controller !== null`) {
		t.Errorf("%s: the page reloaded offline has no controlling service worker", d.name())
	}
	p.unlock(journeyPassword)
	p.expectCodes([]vault.Account{a})

	// Lock by hand: the codes leave the page.
	p.click("#lock")
	p.waitVisible("#unlock-password", stepTimeout)
	if p.exists("#accounts") {
		t.Errorf("%s: the list is still in the page after Lock", d.name())
	}
	return p
}

// persistence logs what the engine answers for persistent storage, and
// checks what the page shows for it: in WebKit, which deletes the data of
// sites not visited for 7 days whatever it answered, the advice to install
// the app and keep a backup; elsewhere, a warning when the engine refused.
func (p *jpage) persistence() {
	p.t.Helper()
	got := jeval[struct {
		Persist, Persisted, Vendor any
		Warning, Evict             string
	}](p, `(async () => ({
		// Firefox asks the person, and headless, never answers.
		Persist: navigator.storage && navigator.storage.persist ?
			await Promise.race([navigator.storage.persist(), new Promise((r) => setTimeout(() => r("no answer in 3 s"), 3000))]) : "no API",
		Persisted: navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : "no API",
		Vendor: navigator.vendor,
		Warning: (document.getElementById("persist-warning") || {}).textContent || "",
		Evict: (document.getElementById("evict-warning") || {}).textContent || "",
	}))()`)
	p.t.Logf("%s (navigator.vendor %q): navigator.storage.persist() → %v, persisted() → %v; the page warns: %q", p.d.name(), got.Vendor, got.Persist, got.Persisted, got.Warning+got.Evict)
	evicts := p.d.name() == "webkit"
	switch {
	case evicts && got.Evict != i18n.English.T(i18n.VaultEvicts):
		p.t.Errorf("%s: the page does not advise installing the app and keeping a backup: it says %q", p.d.name(), got.Warning+got.Evict)
	case !evicts && got.Evict != "":
		p.t.Errorf("%s: the page says the browser deletes unvisited sites' data: %q", p.d.name(), got.Evict)
	case !evicts && got.Persisted == false && got.Warning == "":
		p.t.Errorf("%s: storage is not persistent, and the page does not warn", p.d.name())
	}
}

// offlineProblems are the words of the errors an engine reports when the
// server is gone: its own checks for a new service worker fail.
var offlineProblems = []string{"net::ERR_", "Failed to fetch", "Failed to update a ServiceWorker", "fetching the script", "NetworkError", "Load failed"}

// press sends one key to the focused element.
func (p *jpage) press(key string) { p.t.Helper(); p.must("pressing "+key, p.tab.press(key)) }

// waitCached waits until the service worker is active and has cached every
// file of s, so that the site starts offline.
func (p *jpage) waitCached(s builtSite) {
	p.t.Helper()
	w, err := readWorker(s.Dir)
	if err != nil {
		p.t.Fatal(err)
	}
	p.waitFor("the service worker to cache the app", cachedCond(w), 60*time.Second)
}

// journeyBackupRestore backs up a vault with its password, and restores the
// downloaded file in a fresh profile.
func journeyBackupRestore(t testing.TB, d driver, s builtSite) *jpage {
	srv := newServer(t, s.Dir)
	p := openJourney(t, d, srv)
	accounts := mixedAccounts(t)[:3]
	p.seed(journeyPassword, accounts)
	p.waitVisible("#backup-reminder", stepTimeout)
	p.click("#backup-now")
	p.waitVisible("#bk-pass", stepTimeout)
	p.typeText("#bk-pass", journeyPassword)
	p.click("#bk-submit")
	p.waitFor("the backup", `document.getElementById("bk-done") || document.getElementById("bk-error")`, kdfTimeout)
	if p.exists("#bk-error") {
		t.Fatalf("%s: the backup failed: %s", d.name(), p.text("#bk-error"))
	}
	f := p.download("the backup file")
	checkDatedName(t, f.name, "twofold-backup-")
	b := openBackup(t, f.data, journeyPassword)
	for _, diff := range accountDiffs(b.Contents.Accounts, accounts, true) {
		t.Errorf("%s: the backup: %s", d.name(), diff)
	}
	path := filepath.Join(t.TempDir(), f.name)
	if err := os.WriteFile(path, f.data, 0o600); err != nil {
		t.Fatal(err)
	}

	q := openJourney(t, d, srv)
	q.navigate("/")
	q.waitVisible("#setup-restore", stepTimeout)
	q.click("#setup-restore")
	q.waitVisible("label[for=rs-file]", stepTimeout)
	q.upload("#rs-file", path)
	q.waitVisible("#rs-passphrase", stepTimeout)
	q.typeText("#rs-passphrase", journeyPassword)
	q.click("#rs-open")
	q.waitVisible("#rs-password", kdfTimeout)
	const restored = "the restored vault's password"
	q.typeText("#rs-password", restored)
	q.typeText("#rs-confirm", restored)
	q.click("#rs-submit")
	q.waitVisible("section.vault", kdfTimeout)
	q.expectCodes(accounts)
	q.reload()
	q.unlock(restored)
	q.expectCodes(accounts)
	return q
}

// journeyTextExport exports a vault as otpauth:// links, after the consent.
func journeyTextExport(t testing.TB, d driver, s builtSite) *jpage {
	p := openJourney(t, d, newServer(t, s.Dir))
	accounts := mixedAccounts(t)
	p.seed(journeyPassword, accounts)
	p.click("#settings")
	p.waitVisible("#open-export", stepTimeout)
	p.click("#open-export")
	p.waitVisible("#ex-consent", stepTimeout)
	if !jeval[bool](p, `document.getElementById("ex-download").disabled`) {
		t.Errorf("%s: the export's download is enabled before the consent", d.name())
	}
	p.click("#ex-consent")
	p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
	p.click("#ex-download")
	f := p.download("the text export")
	checkDatedName(t, f.name, "twofold-export-")
	if want := backup.Text(accounts); !bytes.Equal(f.data, want) {
		t.Errorf("%s: the text export is not backup.Text of the accounts: %d bytes, want %d", d.name(), len(f.data), len(want))
	}
	p.waitVisible("#ex-done", stepTimeout)
	return p
}

// journeyImport imports a plain 2FAS backup of the shared interop files.
func journeyImport(t testing.TB, d driver, s builtSite) *jpage {
	path := foreignFile(t, "aegis-testdata-2fas_authenticator_plain_v4.2fas")
	ref := foreignReference(t)
	var want []vault.Account
	for _, issuer := range twofasServices(t, path) {
		for _, a := range ref {
			if a.Issuer == issuer {
				want = append(want, vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
			}
		}
	}
	p := openJourney(t, d, newServer(t, s.Dir))
	p.seed(journeyPassword, nil)
	p.click("#settings")
	p.waitVisible("#open-import", stepTimeout)
	p.click("#open-import")
	p.waitVisible("#im-drop", stepTimeout)
	p.upload("#im-file", path)
	p.waitVisible("#im-list", kdfTimeout)
	if msg := p.text("#im-found"); !strings.Contains(msg, "2FAS") || !strings.Contains(msg, fmt.Sprintf("%d accounts", len(want))) {
		t.Errorf("%s: #im-found says %q, want it to name 2FAS and count %d accounts", d.name(), msg, len(want))
	}
	p.click("#im-confirm")
	p.waitVisible("#im-done", stepTimeout)
	p.click("#im-close")
	p.expectCodes(want)
	return p
}

// lateScreenStub replaces getDisplayMedia with a canvas stream that shows the
// picture window.twofoldFrames[window.twofoldShown] (data URLs of the
// sender's codes) at its own size on a page-like background: a capture
// of a 1600×1200 screen showing the codes as "twofold transfer send" draws
// them. It is set
// after the page has loaded, as WebKit's driver cannot run a script
// before; the app asks for the capture only when the button is pressed.
const lateScreenStub = `(() => {
	const md = navigator.mediaDevices;
	if (!md) return "no mediaDevices";
	if (!HTMLCanvasElement.prototype.captureStream) return "no captureStream";
	md.getDisplayMedia = async () => {
		const c = document.createElement("canvas");
		c.width = 1600;
		c.height = 1200;
		const g = c.getContext("2d");
		const imgs = {};
		const draw = () => {
			g.fillStyle = "#f6f6f6";
			g.fillRect(0, 0, 1600, 1200);
			const src = (window.twofoldFrames || [])[window.twofoldShown || 0];
			if (!src) return;
			let img = imgs[src];
			if (!img) {
				img = imgs[src] = new Image();
				img.src = src;
			}
			if (img.complete && img.naturalWidth > 0) g.drawImage(img, 200, 40);
		};
		draw();
		setInterval(draw, 100);
		return c.captureStream(10);
	};
	return "";
})()`

// journeyTransferReceive receives, on a fresh profile, the codes of
// "twofold transfer send" played one after the other into a stubbed screen
// capture, types the verification code and chooses the vault's password.
func journeyTransferReceive(t testing.TB, d driver, s builtSite) *jpage {
	accounts := transferAccounts(t, 100)
	for i := range accounts {
		accounts[i].Group, accounts[i].Note = "", "" // otpauth URIs carry neither
	}
	dir := t.TempDir()
	files, code := sendCodes(t, uriList(t, dir, accounts), "screen", filepath.Join(dir, "codes"))
	var frames []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		frames = append(frames, "data:image/png;base64,"+base64.StdEncoding.EncodeToString(b))
	}
	framesJSON, _ := json.Marshal(frames)

	p := openJourney(t, d, newServer(t, s.Dir))
	p.navigate("/")
	p.waitVisible("#setup-transfer", stepTimeout)
	jeval[any](p, strings.TrimSuffix(scanWorkerProbe, ";")) // before the scanner starts its worker
	p.click("#setup-transfer")
	p.waitVisible("#scan-screen", stepTimeout)
	if msg := jeval[string](p, lateScreenStub); msg != "" {
		t.Fatalf("%s: cannot stub the screen capture: %s", d.name(), msg)
	}
	jeval[any](p, `(window.twofoldFrames = `+string(framesJSON)+`, window.twofoldShown = 0, null)`)
	p.click("#scan-screen")
	for i := range frames {
		jeval[any](p, fmt.Sprintf(`(window.twofoldShown = %d, null)`, i))
		p.waitFor(fmt.Sprintf("code %d of %d", i+1, len(frames)), fmt.Sprintf(`document.getElementById("tr-verify") !== null || document.querySelectorAll("#tr-squares span.in").length >= %d`, i+1), transferTimeout)
	}
	p.waitVisible("#tr-verify", stepTimeout)
	// The codes were read in the scan worker, from VideoFrames where the
	// engine has them, or else from pixels the page read.
	seen := jeval[scanWorkerSeen](p, `window.twofoldScanWorker`)
	if seen.Started == 0 || seen.Ready == 0 || len(seen.Texts) < len(frames) {
		t.Errorf("%s: the scan worker was started %d times and ready %d times, and read %d texts; want the %d codes read there",
			d.name(), seen.Started, seen.Ready, len(seen.Texts), len(frames))
	}
	t.Logf("%s: frames handed to the scan worker: %v", d.name(), seen.Kinds)
	p.shot("transfer-verify")
	p.typeText("#tr-verify", strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	p.click("#tr-open")
	p.waitVisible("#setup-password", kdfTimeout)
	p.typeText("#setup-password", journeyPassword)
	p.typeText("#setup-confirm", journeyPassword)
	p.click("#setup-submit")
	p.waitVisible("section.vault", kdfTimeout)
	p.expectCodes(accounts)
	return p
}
