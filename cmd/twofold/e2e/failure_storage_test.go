package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/debugger"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// The tests in this file make the browser's storage fail under the app:
// full, cleared, damaged, or the tab killed in the middle of a save. Each
// checks that the page says plainly what happened and that no account is
// lost.

// storedRecord is the vault record as the app keeps it in IndexedDB.
type storedRecord struct {
	Rev  int
	Data []byte
}

// readRecordJS reads the vault record ({rev, data} under "vault" in the
// store "records" of the database "twofold"), or null where there is none.
// It does not create the database when it is missing, which a plain
// indexedDB.open would.
//
// Each step gives up before the evaluation's own timeout (stepTimeout), so
// that a hang names its step (TestEvictedWhileUnlocked once timed out here,
// right after clearing IndexedDB, and said no more).
const readRecordJS = `(async () => {
	const step = (what, p) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(what + " took over 20 s")), 20000))]);
	if (!(await step("listing the databases", indexedDB.databases())).some((d) => d.name === "twofold")) return null;
	const db = await step("opening the database", new Promise((resolve, reject) => {
		const req = indexedDB.open("twofold");
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	}));
	try {
		if (!db.objectStoreNames.contains("records")) return null;
		const v = await step("reading the record", new Promise((resolve, reject) => {
			const req = db.transaction("records", "readonly").objectStore("records").get("vault");
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		}));
		if (v === undefined) return null;
		let s = "";
		for (const x of v.data) s += String.fromCharCode(x);
		return { Rev: v.rev, Data: btoa(s) };
	} finally {
		db.close();
	}
})()`

// record returns the stored vault record, or nil.
func (p *page) record() *storedRecord {
	p.t.Helper()
	return evalJS[*storedRecord](p, readRecordJS)
}

// cdpDo runs a protocol command on p's tab, failing the test on error.
func cdpDo[P, R any](p *page, what string, cmd cdp.Command[P, R], params P) R {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	r, err := chromedp.Call(ctx, cmd, params)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return r
}

// fillAccount opens the add form and fills it from an otpauth link for a
// TOTP account of issuer with key, without saving it.
func (p *page) fillAccount(issuer string, key otp.Key) {
	p.t.Helper()
	p.click("#add")
	p.waitVisible("#uri", stepTimeout)
	p.paste("#uri", "otpauth://totp/"+strings.ReplaceAll(issuer, " ", "%20")+":dave?secret="+b32.EncodeToString(key.Secret))
	p.click("#uri-use")
	p.waitFor("the form filled in", `document.getElementById("f-issuer").value === `+jsString(issuer), stepTimeout)
}

// issuersShown returns the issuers of the listed accounts, sorted.
func (p *page) issuersShown() []string {
	p.t.Helper()
	var out []string
	for _, r := range p.list().Rows {
		out = append(out, r.Issuer)
	}
	sort.Strings(out)
	return out
}

// seedTwo stores a vault of two accounts under password and opens the app
// on it, unlocked.
func seedTwo(t *testing.T, p *page, password string) []vault.Account {
	t.Helper()
	accounts := []vault.Account{
		newAccount(t, "Alpha Bank", "ann", totpKey(randomSecret(t))),
		newAccount(t, "Beta Mail", "bob", totpKey(randomSecret(t))),
	}
	p.seedVault(password, accounts)
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the two accounts listed", rowCount+" === 2", stepTimeout)
	return accounts
}

// quotaJS makes every IndexedDB put of the page fail as Chromium fails a
// write over the origin's quota: the put succeeds, then the transaction
// aborts at its commit with a QuotaExceededError as its error. The real
// quota cannot be lowered from a test: Storage.overrideQuotaForOrigin is
// accepted on the tab but changes neither navigator.storage.estimate()
// nor what a write may store (a 5 KB put under a quota of 1 byte commits),
// and on the browser it fails with an internal error.
const quotaJS = `(() => {
	const put = IDBObjectStore.prototype.put;
	IDBObjectStore.prototype.put = function (...args) {
		const req = put.apply(this, args);
		const tx = this.transaction;
		req.addEventListener("success", () => {
			Object.defineProperty(tx, "error", { value: new DOMException("The quota has been exceeded.", "QuotaExceededError") });
			tx.abort();
		});
		return req;
	};
	return true;
})()`

// TestQuotaExceeded makes the origin's storage full (see quotaJS) and adds
// an account: the save is refused with the storage-full message, nothing
// says it was saved, the stored vault is unchanged, and after a reload the
// vault opens with both of its accounts.
func TestQuotaExceeded(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "a full disk loses nothing"
	accounts := seedTwo(t, p, password)
	before := p.record()
	if before == nil {
		t.Fatal("no vault stored before the test")
	}

	if !evalJS[bool](p, quotaJS) {
		t.Fatal("the put was not replaced")
	}
	p.fillAccount("Gamma Shop", totpKey(randomSecret(t)))
	p.click("#account-save")
	p.waitVisible("#account-error", stepTimeout)
	if got, want := p.text("#account-error"), i18n.English.T(i18n.ErrQuota); got != want {
		t.Errorf("the save failed with %q, want %q", got, want)
	}
	p.shot("storage-quota")
	// Nothing says it was saved: the form is still open, with its account,
	// and the list behind it holds the two accounts.
	if !p.exists("#account-save") || evalJS[string](p, `document.getElementById("f-issuer").value`) != "Gamma Shop" {
		t.Errorf("the form closed after a refused save%s", p.describe())
	}
	if body := evalJS[string](p, `document.body.innerText`); strings.Contains(strings.ToLower(body), "saved") {
		t.Errorf("the page says something was saved:%s", p.describe())
	}
	if after := p.record(); after == nil || after.Rev != before.Rev || !bytes.Equal(after.Data, before.Data) {
		t.Errorf("the stored vault changed after a refused save")
	}

	p.reload() // and the storage has room again
	p.unlock(password)
	p.waitFor("the two accounts listed", rowCount+" === 2", stepTimeout)
	for _, a := range accounts {
		p.expectCode(a.Issuer, a.Key)
	}
	if got := p.issuersShown(); len(got) != 2 {
		t.Errorf("after the reload the vault lists %q", got)
	}
}

// pauseInPutJS replaces IDBObjectStore.prototype.put with one that stops
// in the debugger just before (where "before") or just after (where
// "after") the browser's own put, when window.twofoldPause says so. A
// transaction cannot commit while its page is stopped, so "after" is a put
// requested and not committed.
const pauseInPutJS = `(() => {
	const put = IDBObjectStore.prototype.put;
	IDBObjectStore.prototype.put = function (...args) {
		if (window.twofoldPause === "before") { debugger; }
		const req = put.apply(this, args);
		if (window.twofoldPause === "after") { debugger; }
		return req;
	};
	return true;
})()`

// pauseNextPut makes the next save of p stop in the debugger at point
// ("before" or "after" the put), and returns a channel that is closed
// when it does.
func (p *page) pauseNextPut(point string) <-chan struct{} {
	p.t.Helper()
	paused := make(chan struct{})
	once := false
	chromedp.Listen(p.ctx, func(ev any) {
		if _, ok := ev.(*debugger.EventPaused); ok && !once {
			once = true
			close(paused)
		}
	})
	cdpDo(p, "enabling the debugger", debugger.Enable, debugger.EnableParams{})
	if !evalJS[bool](p, pauseInPutJS) {
		p.t.Fatal("the put was not replaced")
	}
	evalJS[string](p, `window.twofoldPause = `+jsString(point))
	return paused
}

// crash kills the renderer of p's tab (Page.crash, on the renderer's IO
// thread, so a page stopped in the debugger dies too).
func (p *page) crash() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	// The command gets no answer: the renderer is gone.
	_, _ = chromedp.Call(ctx, cdppage.Crash, cdp.Empty{})
}

// TestCrashMidSave kills the tab in the middle of saving a new account, at
// several points, then opens the app in a new tab: the vault opens with the
// right password, with the old accounts (the save never committed) or,
// once the save was shown as done, with the new one as well. Never neither.
func TestCrashMidSave(t *testing.T) {
	s := testSite(t)
	for _, point := range []string{"before", "after", "done"} {
		t.Run(point, func(t *testing.T) {
			p := openPage(t, newServer(t, s.Dir))
			p.rec.allow(`.`) // the crashed tab's last words are not the app's
			const password = "crash in the middle"
			seedTwo(t, p, password)
			before := p.record()
			var paused <-chan struct{}
			if point != "done" {
				paused = p.pauseNextPut(point)
			}
			p.fillAccount("Gamma Shop", totpKey(randomSecret(t)))
			p.click("#account-save")
			want := []string{"Alpha Bank", "Beta Mail"}
			if point == "done" {
				p.waitFor("the account saved", rowCount+" === 3", stepTimeout)
				want = []string{"Alpha Bank", "Beta Mail", "Gamma Shop"}
			} else {
				select {
				case <-paused:
				case <-time.After(stepTimeout):
					t.Fatalf("the save never reached the put%s", p.describe())
				}
			}
			p.crash()

			q := p.newTab()
			q.navigate("/")
			q.unlock(password)
			q.waitFor("the accounts listed", rowCount+" >= 2", stepTimeout)
			got := q.issuersShown()
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("after a crash %s the put, the vault holds %q, want %q", point, got, want)
			}
			after := q.record()
			if point != "done" && (after == nil || after.Rev != before.Rev || !bytes.Equal(after.Data, before.Data)) {
				t.Errorf("after a crash %s the put, the stored vault changed", point)
			}
			if point == "done" && (after == nil || after.Rev != before.Rev+1) {
				t.Errorf("after a crash once the save was done, the stored revision is not the next one")
			}
		})
	}
}

// TestCrashMidSaveTwoTabs stops one tab in the middle of a save, has the
// other tab save an account meanwhile, then kills the first: the second
// tab's save goes through, and the vault holds its account and the old
// ones (the killed tab's change was never stored).
func TestCrashMidSaveTwoTabs(t *testing.T) {
	s := testSite(t)
	a := openPage(t, newServer(t, s.Dir))
	a.rec.allow(`.`) // the crashed tab's last words are not the app's
	const password = "two tabs one crash"
	seedTwo(t, a, password)
	b := a.newTab()
	b.navigate("/")
	b.unlock(password)
	b.waitFor("the two accounts in tab B", rowCount+" === 2", stepTimeout)

	paused := a.pauseNextPut("after")
	a.fillAccount("From A", totpKey(randomSecret(t)))
	a.click("#account-save")
	select {
	case <-paused:
	case <-time.After(stepTimeout):
		t.Fatalf("tab A's save never reached the put%s", a.describe())
	}
	keyB := totpKey(randomSecret(t))
	b.fillAccount("From B", keyB)
	b.click("#account-save")
	a.crash()
	b.waitFor("tab B's account saved", rowCount+" === 3", stepTimeout)
	if b.exists("#account-error") || b.exists("#vault-error") {
		t.Errorf("tab B shows an error:%s", b.describe())
	}

	c := b.newTab()
	c.navigate("/")
	c.unlock(password)
	c.waitFor("the accounts listed", rowCount+" === 3", stepTimeout)
	if got, want := strings.Join(c.issuersShown(), ","), "Alpha Bank,Beta Mail,From B"; got != want {
		t.Errorf("after the crash, the vault holds %s, want %s", got, want)
	}
	c.expectCode("From B", keyB)
}

// clearIndexedDB deletes the origin's IndexedDB from the browser's side,
// as clearing site data or an eviction does: open connections are closed
// under the page.
func (p *page) clearIndexedDB() {
	p.t.Helper()
	cdpDo(p, "clearing IndexedDB", storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: p.srv.URL, StorageTypes: "indexeddb"})
}

// TestEvictedWhileUnlocked deletes the origin's IndexedDB while the vault
// is unlocked, then saves an account: the app writes nothing, says the
// vault is gone from the browser's storage, offers a backup of the two
// accounts still open (which opens with the vault password and holds
// them), and puts the vault back when asked.
func TestEvictedWhileUnlocked(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "storage cleared under me"
	accounts := seedTwo(t, p, password)
	p.clearIndexedDB()
	if r := p.record(); r != nil {
		t.Fatalf("the vault is still stored after clearing IndexedDB (revision %d)", r.Rev)
	}

	p.fillAccount("Gamma Shop", totpKey(randomSecret(t)))
	p.click("#account-save")
	p.waitVisible("#gone-message", stepTimeout)
	if got, want := p.text("#gone-message"), i18n.English.N(i18n.GoneOpen, 2); got != want {
		t.Errorf("the gone screen says %q, want %q", got, want)
	}
	if r := p.record(); r != nil {
		t.Errorf("the app wrote a vault (revision %d) after its storage was cleared", r.Rev)
	}
	p.lookAt("storage-evicted-unlocked")
	p.choose("#top-lang", "ja")
	p.waitFor("the page in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
	if got, want := p.text("#gone-message"), i18n.Japanese.N(i18n.GoneOpen, 2); got != want {
		t.Errorf("the gone screen says in Japanese %q, want %q", got, want)
	}
	p.lookAt("storage-evicted-unlocked-ja")
	p.choose("#top-lang", "en")
	p.waitFor("the page in English", `document.documentElement.lang === "en"`, stepTimeout)

	dl := p.allowDownloads()
	p.typeText("#gone-password", password+" wrong")
	p.click("#gone-submit")
	p.waitVisible("#gone-error", kdfTimeout)
	if got, want := p.text("#gone-error"), i18n.English.T(i18n.BackupNotVaultPass); got != want {
		t.Errorf("a backup with a wrong password says %q, want %q", got, want)
	}
	p.typeText("#gone-password", password)
	p.click("#gone-submit")
	name, file := dl.wait("the backup of the accounts still open", kdfTimeout)
	p.waitVisible("#gone-saved", stepTimeout)
	b, err := backup.Open(file, []byte(password), vault.Argon2id)
	if err != nil {
		t.Fatalf("opening the backup %s: %v", name, err)
	}
	if len(b.Contents.Accounts) != len(accounts) {
		t.Errorf("the backup holds %d accounts, want %d", len(b.Contents.Accounts), len(accounts))
	}
	for _, a := range accounts {
		found := false
		for _, got := range b.Contents.Accounts {
			found = found || (got.Issuer == a.Issuer && bytes.Equal(got.Key.Secret, a.Key.Secret))
		}
		if !found {
			t.Errorf("the backup lacks %s", a.Issuer)
		}
	}
	if r := p.record(); r != nil {
		t.Errorf("the backup wrote a vault (revision %d)", r.Rev)
	}

	p.click("#gone-reinstate")
	p.waitFor("the two accounts listed again", rowCount+" === 2", stepTimeout)
	if r := p.record(); r == nil {
		t.Fatal("the vault was not put back")
	}
	p.reload()
	p.unlock(password)
	p.waitFor("the two accounts listed after a reload", rowCount+" === 2", stepTimeout)
	for _, a := range accounts {
		p.expectCode(a.Issuer, a.Key)
	}
}

// TestEvictedBeforeVisit clears the origin's IndexedDB between two visits:
// the app says the vault this browser held is gone and offers to restore
// it or receive it, where a browser that never held one is simply offered
// to create one. The marker it goes by is a date and nothing else.
func TestEvictedBeforeVisit(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const password = "gone between visits"
	seedTwo(t, p, password)
	marker := evalJS[string](p, `localStorage.getItem("twofold.vault-since")`)
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(marker) {
		t.Fatalf("the marker of a vault is %q, want a date", marker)
	}
	since, err := time.Parse(time.DateOnly, marker)
	if err != nil {
		t.Fatal(err)
	}
	p.navigate(blankPath)
	p.clearIndexedDB()
	p.navigate("/")
	p.waitVisible("#setup-gone", stepTimeout)
	if got, want := p.text("#setup-gone"), i18n.English.F(i18n.GoneBefore, i18n.English.Date(since)); got != want {
		t.Errorf("the setup screen says %q, want %q", got, want)
	}
	if got, want := p.text("h1"), i18n.English.T(i18n.GoneBeforeTitle); got != want {
		t.Errorf("the title is %q, want %q", got, want)
	}
	if !p.exists("#setup-restore") || !p.exists("#setup-transfer") {
		t.Errorf("the restore and receive buttons are missing%s", p.describe())
	}
	if r := p.record(); r != nil {
		t.Errorf("opening the app stored a vault (revision %d)", r.Rev)
	}
	p.lookAt("storage-evicted-before-visit")
	p.choose("#top-lang", "ja")
	p.waitFor("the page in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
	// The page's lang changes in the same draw as the screen, but may
	// reach the DOM first: wait for the words.
	want := i18n.Japanese.F(i18n.GoneBefore, i18n.Japanese.Date(since))
	p.waitFor("the setup screen in Japanese", `document.querySelector("#setup-gone").textContent === `+jsString(want), stepTimeout)
	p.lookAt("storage-evicted-before-visit-ja")

	fresh := openPage(t, srv)
	fresh.navigate("/")
	fresh.waitVisible("#setup-password", stepTimeout)
	if fresh.exists("#setup-gone") {
		t.Errorf("a browser that never held a vault is told it is gone")
	}
}

// TestDamagedVault changes one byte of the stored vault, inside its
// encrypted payload: unlocking with the right password says the vault is
// damaged (not that the password is wrong), offers a restore, and leaves
// the damaged record byte for byte as it was, also after a reload; a
// backup restored over it then replaces it.
func TestDamagedVault(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "one byte changed"
	accounts := []vault.Account{newAccount(t, "Alpha Bank", "ann", totpKey(randomSecret(t)))}
	sealed, rev := sealVault(t, password, accounts)
	i := bytes.LastIndex(sealed, []byte(`"data": "`)) + len(`"data": "`) + 8
	damaged := bytes.Clone(sealed)
	if damaged[i] == 'A' {
		damaged[i] = 'B'
	} else {
		damaged[i] = 'A'
	}
	p.storeVault(damaged, rev)
	check := func(when string) {
		t.Helper()
		r := p.record()
		if r == nil || r.Rev != int(rev) || !bytes.Equal(r.Data, damaged) {
			t.Errorf("%s, the damaged vault is no longer stored as it was", when)
		}
	}

	p.navigate("/")
	for attempt := range 2 {
		p.waitVisible("#unlock-password", stepTimeout)
		p.typeText("#unlock-password", password)
		p.click("#unlock-submit")
		p.waitVisible("#unlock-error", kdfTimeout)
		if got, want := p.text("#unlock-error"), i18n.English.T(i18n.ErrDamagedVault); got != want {
			t.Errorf("unlocking a damaged vault says %q, want %q", got, want)
		}
		if !p.exists("#unlock-restore") {
			t.Errorf("no restore is offered for a damaged vault%s", p.describe())
		}
		if attempt == 0 {
			p.lookAt("storage-damaged")
			p.choose("#top-lang", "ja")
			p.waitFor("the page in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
			if got, want := p.text("#unlock-damaged p"), i18n.Japanese.T(i18n.DamagedKept); got != want {
				t.Errorf("the damaged vault's note says in Japanese %q, want %q", got, want)
			}
			// The error already shown follows the language too.
			if got, want := p.text("#unlock-error"), i18n.Japanese.T(i18n.ErrDamagedVault); got != want {
				t.Errorf("after switching to Japanese, the error says %q, want %q", got, want)
			}
			p.lookAt("storage-damaged-ja")
			p.choose("#top-lang", "en")
			p.waitFor("the page in English", `document.documentElement.lang === "en"`, stepTimeout)
			check("after unlocking")
			p.reload()
		} else {
			check("after a reload")
		}
	}

	// A backup restored over it replaces it.
	key := totpKey(randomSecret(t))
	c := vault.Contents{}
	if err := c.Add(newAccount(t, "Restored Co", "ann", key)); err != nil {
		t.Fatal(err)
	}
	file, err := backup.Seal(&c, []byte("backup passphrase"), vault.DefaultParams, vault.Argon2id, rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/twofold-backup.txt"
	writeFile(t, path, string(file))
	p.click("#unlock-restore")
	p.waitVisible("label[for=rs-file]", stepTimeout)
	p.upload("#rs-file", path)
	p.waitVisible("#rs-passphrase", stepTimeout)
	p.typeText("#rs-passphrase", "backup passphrase")
	p.click("#rs-open")
	p.waitVisible("#rs-password", kdfTimeout)
	p.typeText("#rs-password", password)
	p.typeText("#rs-confirm", password)
	p.click("#rs-submit")
	p.waitFor("the restored account listed", rowCount+" === 1", kdfTimeout)
	p.expectCode("Restored Co", key)
	if r := p.record(); r == nil || r.Rev != int(rev)+1 {
		t.Errorf("the restore did not replace the damaged vault at its revision")
	}
}

// TestDamagedSlot changes one byte of the stored vault's password slot at
// rest, its record's sum left as the app wrote it, as a failing disk
// would: the slot then fails as a wrong password does, and only the sum
// tells them apart. Unlocking with the right password, and with a wrong
// one, says the vault is damaged, never that the password is wrong, and
// the record stays as it was.
func TestDamagedSlot(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "a byte of the slot"
	sealed, rev := sealVault(t, password, []vault.Account{newAccount(t, "Alpha Bank", "ann", totpKey(randomSecret(t)))})
	i := bytes.Index(sealed, []byte(`"key": "`)) + len(`"key": "`) + 8
	damaged := bytes.Clone(sealed)
	damaged[i] = map[bool]byte{true: 'B', false: 'A'}[damaged[i] == 'A']
	p.navigate(blankPath)
	if n := evalJS[int](p, storeRecordJS(damaged, sealed, rev)); n != len(damaged) {
		t.Fatalf("stored %d bytes, want %d", n, len(damaged))
	}
	p.navigate("/")
	for _, pw := range []string{password, "not the password"} {
		p.waitVisible("#unlock-password", stepTimeout)
		p.typeText("#unlock-password", pw)
		p.click("#unlock-submit")
		p.waitVisible("#unlock-error", kdfTimeout)
		if got, want := p.text("#unlock-error"), i18n.English.T(i18n.ErrDamagedVault); got != want {
			t.Errorf("unlocking with %q says %q, want %q", pw, got, want)
		}
		if !p.exists("#unlock-restore") {
			t.Errorf("no restore is offered for a damaged slot%s", p.describe())
		}
		p.reload()
	}
	if r := p.record(); r == nil || r.Rev != int(rev) || !bytes.Equal(r.Data, damaged) {
		t.Error("the damaged vault is no longer stored as it was")
	}
}
