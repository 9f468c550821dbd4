//go:build !js

package e2e

import (
	"context"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
	"twofold.app/cmd/twofold/internal/site"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// rowSel returns the CSS selector of the list row of account id.
func rowSel(id string) string {
	return `#accounts > li.account[data-id="` + id + `"]`
}

// rowCount returns a JavaScript expression for the number of rows listed.
const rowCount = `document.querySelectorAll("#accounts > li.account").length`

// TestJourney walks through the app as a person does: create a vault, add
// accounts from a link and by hand, reload, unlock, search, edit, delete,
// change a setting, lock.
func TestJourney(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))

	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.shot("journey-01-setup")

	// A short password is refused, and so are two different ones.
	p.typeText("#setup-password", "short")
	p.typeText("#setup-confirm", "short")
	p.click("#setup-submit")
	p.waitVisible("#setup-error", stepTimeout)
	if msg := p.text("#setup-error"); !strings.Contains(msg, "too short") {
		t.Errorf("short password: error %q, want it to say the password is too short", msg)
	}
	p.shot("journey-02-setup-short")
	const password = "correct horse battery staple"
	p.typeText("#setup-password", password)
	p.typeText("#setup-confirm", password+"!")
	p.click("#setup-submit")
	p.waitVisible("#setup-error", stepTimeout)
	if msg := p.text("#setup-error"); !strings.Contains(msg, "differ") {
		t.Errorf("different passwords: error %q, want it to say they differ", msg)
	}
	if p.exists("section.vault") {
		t.Fatal("a vault was created from a refused password")
	}
	p.typeText("#setup-confirm", password)
	p.click("#setup-submit")
	p.waitVisible("#empty", kdfTimeout)

	// Add an account by pasting its otpauth:// link.
	bankKey := totpKey(randomSecret(t))
	link := "otpauth://totp/Example%20Bank:alice@example.com?secret=" + b32.EncodeToString(bankKey.Secret) + "&issuer=Example%20Bank"
	p.click("#add")
	p.waitVisible("#uri", stepTimeout)
	p.paste("#uri", link)
	p.click("#uri-use")
	p.waitFor("the form filled in from the link", `document.getElementById("f-issuer").value === "Example Bank" && document.getElementById("f-name").value === "alice@example.com"`, stepTimeout)
	// The link holds the secret: once used it must not stay on screen.
	p.waitFor("the link field emptied", `document.getElementById("uri").value === ""`, stepTimeout)
	p.click("#account-save")
	p.waitFor("one account listed", rowCount+" === 1", stepTimeout)
	if r, _ := p.list().find("Example Bank"); r.Name != "alice@example.com" {
		t.Errorf("the account's name shows as %q, want alice@example.com", r.Name)
	}
	p.expectCode("Example Bank", bankKey)

	// The countdown moves with the clock.
	first := p.list()
	time.Sleep(1200 * time.Millisecond)
	second := p.list()
	for _, v := range []listView{first, second} {
		r, _ := v.find("Example Bank")
		left, err := strconv.Atoi(r.Seconds)
		if err != nil || left < 1 || left > 30 {
			t.Fatalf("seconds left shows %q, want 1 to 30", r.Seconds)
		}
		want := int((bankKey.Remaining(time.UnixMilli(v.Now)) + time.Second - 1) / time.Second)
		if d := (left - want + 30) % 30; d > 1 {
			t.Errorf("seconds left shows %d at %d ms, want %d (or one more: it is redrawn on whole seconds)", left, v.Now, want)
		}
	}
	if a, b := first.Rows[0].Seconds, second.Rows[0].Seconds; a == b {
		t.Errorf("the countdown did not move in 1.2 s: %s then %s", a, b)
	}

	// Add an HOTP account by typing its details; a bad secret is refused
	// next to its field first.
	hotpKey := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 7, Secret: randomSecret(t)}
	p.click("#add")
	p.waitVisible("#f-issuer", stepTimeout)
	p.typeText("#f-issuer", "Counter Co")
	p.typeText("#f-name", "bob")
	p.typeText("#f-secret", "NOT BASE32 1!")
	p.click("details.advanced > summary")
	p.waitVisible("#f-type", stepTimeout)
	p.choose("#f-type", "hotp")
	p.waitVisible("#f-counter", stepTimeout)
	p.typeText("#f-counter", "7")
	p.click("#account-save")
	p.waitVisible("#f-secret-error", stepTimeout)
	if msg := p.text("#f-secret-error"); strings.Contains(msg, "NOT BASE32") {
		t.Errorf("the secret's error message repeats the secret: %q", msg)
	}
	p.shot("journey-03-add-field-error")
	p.typeText("#f-secret", b32.EncodeToString(hotpKey.Secret))
	p.click("#account-save")
	p.waitFor("two accounts listed", rowCount+" === 2", stepTimeout)
	hotpRow, _ := p.list().find("Counter Co")
	if !hotpRow.Next || hotpRow.Seconds != "" {
		t.Errorf("the HOTP account has next button %v and countdown %q, want a button and no countdown", hotpRow.Next, hotpRow.Seconds)
	}
	shown := p.expectCode("Counter Co", hotpKey)
	p.click(rowSel(hotpRow.ID) + " button.next")
	p.waitFor("the next HOTP code", `document.querySelector(`+jsString(rowSel(hotpRow.ID)+" .code")+`).textContent !== `+jsString(otp.Group(shown)), stepTimeout)
	hotpKey.Counter++
	p.expectCode("Counter Co", hotpKey)

	// A reload locks; a wrong password is refused, the right one opens the
	// same accounts, with the HOTP counter where it was.
	p.reload()
	p.waitVisible("#unlock-password", stepTimeout)
	p.shot("journey-04-unlock")
	p.typeText("#unlock-password", "correct horse battery stapler")
	p.click("#unlock-submit")
	p.waitVisible("#unlock-error", kdfTimeout)
	if msg := p.text("#unlock-error"); !strings.Contains(msg, "Wrong password") {
		t.Errorf("wrong password: error %q, want %q", msg, "Wrong password")
	}
	p.shot("journey-05-wrong-password")
	// What the field shows is what Unlock tries: pressing it again with the
	// wrong password still in the field must try again, not do nothing.
	if evalJS[string](p, `document.getElementById("unlock-password").value`) != "" {
		p.click("#unlock-submit")
		p.waitFor("a second attempt", `document.getElementById("unlock-submit").getAttribute("aria-busy") === "true" || document.getElementById("unlock-error") === null`, 5*time.Second)
		p.waitVisible("#unlock-error", kdfTimeout)
	}
	p.unlock(password)
	p.waitFor("two accounts listed", rowCount+" === 2", stepTimeout)
	p.expectCode("Example Bank", bankKey)
	p.expectCode("Counter Co", hotpKey)
	p.shot("journey-06-vault")
	bankRow, _ := p.list().find("Example Bank")

	// Search filters by issuer and name.
	p.typeText("#search", "counter")
	p.waitFor("one account matching", rowCount+` === 1 && document.querySelector("#accounts .issuer").textContent === "Counter Co"`, stepTimeout)
	p.typeText("#search", "ALICE")
	p.waitFor("one account matching", rowCount+` === 1 && document.querySelector("#accounts .issuer").textContent === "Example Bank"`, stepTimeout)
	p.typeText("#search", "nothing like this")
	p.waitVisible("#no-match", stepTimeout)
	p.typeText("#search", "")
	p.waitFor("both accounts back", rowCount+" === 2", stepTimeout)

	// Edit the issuer; the secret stays.
	p.click(rowSel(bankRow.ID) + " button.edit")
	p.waitVisible("#f-issuer", stepTimeout)
	if v := evalJS[string](p, `document.getElementById("f-issuer").value`); v != "Example Bank" {
		t.Errorf("the edit form shows issuer %q, want Example Bank", v)
	}
	p.typeText("#f-issuer", "Example Union")
	p.click("#account-save")
	p.waitVisible("#accounts", stepTimeout)
	v := p.list()
	if _, ok := v.find("Example Bank"); ok {
		t.Error("the old issuer is still listed after the edit")
	}
	if r, ok := v.find("Example Union"); !ok || r.ID != bankRow.ID {
		t.Errorf("after the edit the list is %+v, want Example Union with id %s", v.Rows, bankRow.ID)
	}
	p.expectCode("Example Union", bankKey)

	// Delete, after a confirmation that can be declined.
	p.click(rowSel(hotpRow.ID) + " button.edit")
	p.click("#account-delete")
	p.waitVisible("#confirm-delete", stepTimeout)
	p.shot("journey-07-confirm-delete")
	p.click("#confirm-delete-no")
	p.waitGone("#confirm-delete", stepTimeout)
	p.click("#account-cancel")
	p.waitFor("both accounts kept", rowCount+" === 2", stepTimeout)
	p.click(rowSel(hotpRow.ID) + " button.edit")
	p.click("#account-delete")
	p.click("#confirm-delete-yes")
	p.waitFor("one account left", rowCount+" === 1", stepTimeout)
	if v := p.list(); v.Rows[0].ID != bankRow.ID {
		t.Errorf("the wrong account was deleted: %+v left", v.Rows)
	}

	// Settings: the idle lock, saved in the vault.
	p.click("#settings")
	p.waitVisible("#lock-after", stepTimeout)
	p.shot("journey-08-settings")
	if about := evalJS[string](p, `document.querySelector("main").innerText`); !strings.Contains(about, s.Version) {
		t.Errorf("the settings do not name the version %s", s.Version)
	}
	p.choose("#lock-after", "900")
	p.waitVisible("#settings-saved", stepTimeout)
	p.click("#settings-done")
	p.waitVisible("#accounts", stepTimeout)
	p.click("#lock")
	p.unlock(password)
	p.click("#settings")
	p.waitVisible("#lock-after", stepTimeout)
	if v := evalJS[string](p, `document.getElementById("lock-after").value`); v != "900" {
		t.Errorf("after locking and unlocking, the idle lock is %q, want 900 (15 minutes)", v)
	}
}

// TestServiceWorkerCacheList checks that every file the service worker
// caches exists in the built site: the cache is filled all or nothing, so
// one missing file would leave the app without any offline copy.
func TestServiceWorkerCacheList(t *testing.T) {
	s := testSite(t)
	w, err := readWorker(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.Version != s.Version {
		t.Errorf("app-worker.js caches version %s, the site is %s", w.Version, s.Version)
	}
	for _, want := range []string{"/", "/web/app.wasm", "/web/kdf.wasm", "/web/import-kdf.wasm", "/web/kdf-worker.js", "/web/scan.wasm", "/web/scan-worker.js", "/wasm_exec.js", "/app.js"} {
		found := false
		for _, r := range w.Resources {
			found = found || r == want
		}
		if !found {
			t.Errorf("the service worker does not cache %s", want)
		}
	}
	for _, r := range w.Resources {
		path := r
		if path == "/" {
			path = "/index.html"
		}
		if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(path))); err != nil {
			t.Errorf("the service worker caches %s, which the site lacks: %v", r, err)
		}
	}
}

// waitCached waits until the page's service worker is activated and its
// cache app-<version> holds every resource of w.
func (p *page) waitCached(w worker) {
	p.t.Helper()
	p.waitFor("the service worker to cache the app", cachedCond(w), 60*time.Second)
}

// cachedCond returns a condition for waitFor that is true once cachedJS
// has found the app cached. cachedJS gives a promise, which a poll would
// take as true at once: the condition starts a check when none is under
// way and gives the result of the last one.
func cachedCond(w worker) string {
	return `(() => {
		if (!window.twofoldCacheCheck) {
			window.twofoldCacheCheck = true;
			(` + cachedJS(w) + `).then((v) => { window.twofoldCached = v; }, () => {}).finally(() => { window.twofoldCacheCheck = false; });
		}
		return window.twofoldCached === true;
	})()`
}

// cachedJS returns a script that gives whether the page's service worker is
// activated and its cache app-<version> holds every resource of w.
func cachedJS(w worker) string {
	list, _ := json.Marshal(w.Resources)
	return `(async () => {
		const reg = await navigator.serviceWorker.ready;
		if (reg.active.state !== "activated") return false;
		if (!(await caches.has(` + jsString("app-"+w.Version) + `))) return false;
		const cache = await caches.open(` + jsString("app-"+w.Version) + `);
		const keys = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
		return ` + string(list) + `.every((u) => keys.has(u));
	})()`
}

// TestOffline loads the app once, then reloads it with the network gone:
// the service worker's copy must start, unlock (the key derivation worker
// included), show codes, and scan a QR code (the scan worker included).
func TestOffline(t *testing.T) {
	s := testSite(t)
	w, err := readWorker(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const password = "offline but fine"
	key := totpKey(randomSecret(t))
	p.seedVault(password, []vault.Account{newAccount(t, "Offline Inc", "carol", key)})
	p.navigate("/")
	p.waitVisible("#unlock-password", stepTimeout)
	p.waitCached(w)

	srv.setOffline(true)
	// Without a network the browser's own update check and any fetch
	// fail; those failures are expected here.
	p.rec.allow(`net::ERR_|Failed to fetch|Failed to update a ServiceWorker|fetching the script`)
	p.initScript(scanWorkerProbe)
	before := srv.requestCount()
	p.reload()
	p.waitVisible("#unlock-password", stepTimeout)
	if !evalJS[bool](p, `navigator.serviceWorker.controller !== null`) {
		t.Error("the reloaded page has no controlling service worker")
	}
	p.unlock(password)
	p.waitFor("the account listed", rowCount+" === 1", stepTimeout)
	p.expectCode("Offline Inc", key)
	p.shot("offline-vault")

	scanned := totpKey(randomSecret(t))
	uri := totpURI("Offline Scan", "dave", scanned.Secret)
	png := filepath.Join(t.TempDir(), "code.png")
	if err := os.WriteFile(png, codePNG(t, uri), 0o644); err != nil {
		t.Fatal(err)
	}
	p.click("#add")
	p.waitVisible("#scan-file", stepTimeout)
	p.chooseFile("#scan-file", png)
	p.expectFilled("Offline Scan", "dave", scanned.Secret)
	p.expectReadInWorker(uri, true)
	p.click("#account-save")
	p.waitFor("the scanned account listed", rowCount+" === 2", stepTimeout)
	p.expectCode("Offline Scan", scanned)
	if got := srv.requestsSince(before); len(got) > 0 {
		t.Logf("requests the offline server dropped: %v", got)
	}
}

// TestUpdate serves site A, then a site B whose static files differ: a
// reload must offer the update, and the update's reload must run B.
func TestUpdate(t *testing.T) {
	a := testSite(t)
	wa, err := readWorker(a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	b := buildChangedSite(t, a)
	if b.Version == a.Version {
		t.Fatalf("sites A and B have the same version %s", a.Version)
	}
	wb, err := readWorker(b.Dir)
	if err != nil {
		t.Fatal(err)
	}

	srv := newServer(t, a.Dir)
	p := openPage(t, srv)
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.waitCached(wa)
	if v := evalJS[string](p, `goappEnv.GOAPP_VERSION`); v != a.Version {
		t.Fatalf("the page runs version %s, want A %s", v, a.Version)
	}
	if p.exists("#update-bar") {
		t.Fatal("the first visit offers an update")
	}

	srv.serve(b.Dir)
	p.reload()
	p.waitVisible("#setup-password", stepTimeout)
	p.waitVisible("#update-bar", 60*time.Second)
	p.shot("update-bar")
	if v := evalJS[string](p, `goappEnv.GOAPP_VERSION`); v != a.Version {
		t.Errorf("before the update's reload the page runs %s, want A %s", v, a.Version)
	}
	p.click("#update-reload")
	p.waitFor("version B", `typeof goappEnv !== "undefined" && goappEnv.GOAPP_VERSION === `+jsString(b.Version), stepTimeout)
	p.waitVisible("#setup-password", stepTimeout)
	p.waitCached(wb)
	css := evalJS[string](p, `fetch("/web/twofold.css").then((r) => r.text())`)
	if !strings.Contains(css, changedMark) {
		t.Error("after the update the page still gets site A's stylesheet")
	}
	if p.exists("#update-bar") {
		t.Error("the update bar is still shown after updating")
	}
}

// changedMark is what buildChangedSite adds to site B's stylesheet.
const changedMark = "/* e2e: site B */"

// buildChangedSite builds a second site from a's wasm files and a copy of
// static/ whose stylesheet has one more line, so that its version differs.
// Its files are dated later than a's, as a deploy's are.
func buildChangedSite(t testing.TB, a builtSite) builtSite {
	t.Helper()
	root := moduleRoot(t)
	tmp := t.TempDir()
	static := filepath.Join(tmp, "static")
	entries, err := os.ReadDir(filepath.Join(root, "static"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			copyFile(t, filepath.Join(static, e.Name()), filepath.Join(root, "static", e.Name()))
		}
	}
	css := filepath.Join(static, "twofold.css")
	old, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, css, string(old)+"\n"+changedMark+"\n")
	dir := filepath.Join(tmp, "site")
	v, err := site.Build(dir, site.Inputs{
		AppWasm:       filepath.Join(a.Dir, "web", "app.wasm"),
		KDFWasm:       filepath.Join(a.Dir, "web", "kdf.wasm"),
		ImportKDFWasm: filepath.Join(a.Dir, "web", "import-kdf.wasm"),
		ScanWasm:      filepath.Join(a.Dir, "web", "scan.wasm"),
		Static:        static,
	})
	if err != nil {
		t.Fatalf("building site B: %v", err)
	}
	later := time.Now().Add(time.Minute)
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(path, later, later)
	})
	if err != nil {
		t.Fatal(err)
	}
	return builtSite{Dir: dir, Version: v}
}

// TestTwoTabs opens the vault in two tabs of one browser: an account added
// in one shows in the other without a reload, and writes from both tabs are
// all kept.
func TestTwoTabs(t *testing.T) {
	s := testSite(t)
	a := openPage(t, newServer(t, s.Dir))
	const password = "two tabs one vault"
	a.seedVault(password, nil)
	a.navigate("/")
	b := a.newTab()
	b.navigate("/")
	a.unlock(password)
	b.unlock(password)
	a.waitVisible("#empty", stepTimeout)
	b.waitVisible("#empty", stepTimeout)

	addByLink := func(p *page, issuer string, key otp.Key) {
		t.Helper()
		p.click("#add")
		p.waitVisible("#uri", stepTimeout)
		p.paste("#uri", "otpauth://totp/"+strings.ReplaceAll(issuer, " ", "%20")+":dave?secret="+b32.EncodeToString(key.Secret)+
			"&algorithm=SHA256&digits=8&period=60")
		p.click("#uri-use")
		p.waitFor("the form filled in", `document.getElementById("f-issuer").value === `+jsString(issuer), stepTimeout)
		p.click("#account-save")
		p.waitVisible("#accounts", stepTimeout)
	}
	keyA := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 60, Secret: randomSecret(t)}
	keyB := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 60, Secret: randomSecret(t)}

	addByLink(a, "Tab A Corp", keyA)
	b.waitFor("tab B to show tab A's account", rowCount+" === 1", stepTimeout)
	b.expectCode("Tab A Corp", keyA)

	addByLink(b, "Tab B Corp", keyB)
	b.waitFor("two accounts in tab B", rowCount+" === 2", stepTimeout)

	a.reload()
	a.unlock(password)
	a.waitFor("both accounts in tab A", rowCount+" === 2", stepTimeout)
	a.expectCode("Tab A Corp", keyA)
	a.expectCode("Tab B Corp", keyB)
}

// TestCopy copies a code with the keyboard only: Tab to the code, Enter.
func TestCopy(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "copy that code"
	key := totpKey(randomSecret(t))
	other := totpKey(randomSecret(t))
	p.seedVault(password, []vault.Account{newAccount(t, "Clipboard Ltd", "erin", key), newAccount(t, "Zeta Bank", "frank", other)})
	p.grantClipboard()
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the accounts listed", rowCount+" === 2", stepTimeout)

	focused := false
	for range 20 {
		if evalJS[bool](p, `document.activeElement !== null && document.activeElement.matches("li.account button.code-button")`) {
			focused = true
			break
		}
		p.do("pressing Tab", stepTimeout, chromedp.KeyEvent("\t"))
	}
	if !focused {
		t.Fatalf("20 presses of Tab never reached the code button%s", p.describe())
	}
	p.do("pressing Enter", stepTimeout, chromedp.KeyEvent("\r"))
	p.waitFor("the code marked as copied", `document.querySelector("li.account .copied").textContent === "Copied"`, stepTimeout)
	got := evalJS[string](p, `navigator.clipboard.readText()`)
	shown := p.list().Rows[0].Code
	if got != strings.ReplaceAll(shown, " ", "") {
		t.Errorf("the clipboard holds %q, the page shows %q", got, shown)
	}
	p.shot("copy-copied")
	// The copied code is the right one: now, or just before a period turned.
	ok := false
	for _, d := range []time.Duration{0, -3 * time.Second} {
		want, _ := key.Code(time.Now().Add(d))
		ok = ok || got == want
	}
	if !ok {
		t.Errorf("the clipboard holds %q, which is not the account's code", got)
	}

	// Filtering reuses the first row's elements for the second account;
	// its Copy must copy the second account's code, not the first's.
	p.typeText("#search", "zeta")
	p.waitFor("the list filtered", rowCount+" === 1", stepTimeout)
	p.click("li.account button.code-button")
	p.waitFor("the filtered code marked as copied", `document.querySelector("li.account .copied").textContent === "Copied"`, stepTimeout)
	got = evalJS[string](p, `navigator.clipboard.readText()`)
	ok = false
	for _, d := range []time.Duration{0, -3 * time.Second} {
		want, _ := other.Code(time.Now().Add(d))
		ok = ok || got == want
	}
	if !ok {
		t.Errorf("after filtering, the clipboard holds %q, which is not Zeta Bank's code", got)
	}
}

// TestNoSecretAtRest adds an account and then reads everything the origin
// stores (local and session storage, every IndexedDB record) and the URL:
// neither the secret (base32 or raw) nor the password may be there.
func TestNoSecretAtRest(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "nothing in plain sight"
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.typeText("#setup-password", password)
	p.typeText("#setup-confirm", password)
	p.click("#setup-submit")
	p.waitVisible("#empty", kdfTimeout)
	key := totpKey(randomSecret(t))
	secret := b32.EncodeToString(key.Secret)
	p.click("#add")
	p.paste("#uri", "otpauth://totp/Private:frank?secret="+secret+"&issuer=Private")
	p.click("#uri-use")
	p.waitFor("the form filled in", `document.getElementById("f-issuer").value === "Private"`, stepTimeout)
	p.click("#account-save")
	p.waitFor("the account listed", rowCount+" === 1", stepTimeout)
	p.expectCode("Private", key)

	raw := evalJS[string](p, storageDump)
	var dump map[string]any
	if err := json.Unmarshal([]byte(raw), &dump); err != nil {
		t.Fatal(err)
	}
	blobs := dumpedBytes(dump)
	// The check must see the vault itself, or it proves nothing.
	records, _ := dump["idb"].([]any)
	sawVault := false
	for _, r := range records {
		r, _ := r.(map[string]any)
		sawVault = sawVault || (r["db"] == "twofold" && r["store"] == "records" && r["key"] == "vault")
	}
	if !sawVault || len(blobs) == 0 {
		t.Fatalf("the storage dump holds no vault record (%d records, %d byte arrays)", len(records), len(blobs))
	}
	text := strings.ToLower(raw)
	for what, needle := range map[string]string{
		"the base32 secret": strings.ToLower(secret),
		"the hex secret":    hex.EncodeToString(key.Secret),
		"the password":      strings.ToLower(password),
	} {
		if strings.Contains(text, needle) {
			t.Errorf("%s is stored in plain form", what)
		}
	}
	for what, needle := range map[string][]byte{
		"the raw secret":       key.Secret,
		"the base32 secret":    []byte(secret),
		"the password":         []byte(password),
		"the password (utf16)": utf16le(password),
	} {
		if containsBytes(blobs, needle) {
			t.Errorf("%s is stored in plain form in a byte array", what)
		}
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// buttonNames returns the accessible names of the page's buttons, as
// Chromium's accessibility tree has them, white space collapsed.
func buttonNames(p *page) []string {
	p.t.Helper()
	var names []string
	p.do("reading the accessibility tree", stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		res, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return err
		}
		for _, n := range res.Nodes {
			if n.Ignored || n.Role == nil || n.Name == nil {
				continue
			}
			var role, name string
			if json.Unmarshal(n.Role.Value, &role) != nil || role != "button" || json.Unmarshal(n.Name.Value, &name) != nil {
				continue
			}
			names = append(names, strings.Join(strings.Fields(name), " "))
		}
		return nil
	}))
	return names
}
