//go:build !js

package e2e

// Every screen and state of the app, in English and Japanese, at a phone's
// and a laptop's width, in the light and the dark theme (issue 11): each is
// checked by axe-core and by a few rules of our own, and saved as a
// screenshot to be looked at, out/e2e/screenshots/<screen>-<lang>-<width>-
// <scheme>.png.

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"twofold.app/app/backup"
	"twofold.app/app/otp"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// lookParams is the Argon2id cost of the vaults, backups and transfers the
// test makes natively: the least there is, so that unlocking one in the
// page takes no time. The app reads any cost in bounds.
var lookParams = vault.Params{Time: 1, MemoryKiB: 8, Threads: 1}

// lookWidths are the widths every state is looked at: a phone's and a
// laptop's, each with a height of its kind (the screenshots take the whole
// page).
var lookWidths = []struct{ width, height int64 }{{375, 740}, {1280, 800}}

// lookSchemes are the colour schemes every state is looked at in.
var lookSchemes = []string{"light", "dark"}

// lookAccounts are the accounts of the vault in the screenshots: common
// services, a long issuer and name, a name only, HOTP, Steam, a group, an
// issuer in Japanese.
func lookAccounts(t testing.TB) []vault.Account {
	t.Helper()
	accounts := []vault.Account{
		newAccount(t, "GitHub", "alice@example.com", totpKey(nil)),
		newAccount(t, "Google", "alice.example@gmail.com", totpKey(nil)),
		newAccount(t, "Microsoft", "alice@outlook.com", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}),
		newAccount(t, "楽天銀行", "アリス", totpKey(nil)),
		newAccount(t, "A Very Long Issuer Name International Holdings", "someone.with.a.very.long.address@subdomain.example.com", totpKey(nil)),
		newAccount(t, "Steam", "gamer", otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: otp.SteamDigits, Period: 30}),
		newAccount(t, "Bank", "", otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 3}),
		newAccount(t, "", "plain-name-only", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512, Digits: 8, Period: 60}),
	}
	accounts[0].Group, accounts[2].Group, accounts[4].Group = "Work", "Work", "Work"
	accounts[3].Group = "家族"
	return accounts
}

// sealCheap is sealVault with lookParams.
func sealCheap(t testing.TB, password string, accounts []vault.Account) ([]byte, uint64) {
	t.Helper()
	return sealVaultAt(t, lookParams, password, accounts)
}

// lookFiles are the files the test gives the page to read.
type lookFiles struct {
	backup   string   // a backup, for the restore screen
	junk     string   // a file no importer reads
	foreign  string   // another app's export, "" when the interop files are missing
	transfer []string // the codes of a transfer, as images
}

func makeLookFiles(t testing.TB, accounts []vault.Account) lookFiles {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var f lookFiles
	b, err := backup.Seal(&vault.Contents{Accounts: accounts}, []byte("the backup's passphrase"), lookParams, vault.Argon2id, rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f.backup = write("twofold-backup-2026-01-01.txt", b)
	f.junk = write("notes.txt", []byte("Shopping: eggs, milk, 二十日大根.\n"))
	f.foreign = filepath.Join(moduleRoot(t), "..", "shared", "testdata", "foreign", "aegis-testdata-aegis_plain.json")
	if _, err := os.Stat(f.foreign); err != nil {
		f.foreign = ""
	}
	code, err := transfer.NewCode(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	m, err := transfer.Seal(accounts, code, lookParams, rand.Reader, vault.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	layout := transfer.LayoutFor(transfer.Camera)
	for i, frame := range m.Frames(layout) {
		png, _, err := transfer.Image(frame, layout, 4)
		if err != nil {
			t.Fatal(err)
		}
		f.transfer = append(f.transfer, write(fmt.Sprintf("transfer-%02d.png", i+1), png))
	}
	return f
}

// lookStep is a state of the app: reach brings the page there from the
// state of the step before it.
type lookStep struct {
	screen string
	reach  func(p *page)
}

// lookSteps are the states of the app, in the order the test reaches them
// on one page: those of a fresh browser, of an empty vault, then of a vault
// with accounts, then the update bar and the broken screen.
func lookSteps(f lookFiles, accounts []vault.Account, lang string) []lookStep {
	const password = "look at every screen"
	wrong := func(p *page, field, submit, errSel string) {
		p.t.Helper()
		p.typeText(field, "not the right one")
		p.click(submit)
		p.waitVisible(errSel, kdfTimeout)
	}
	seed := func(p *page, accounts []vault.Account) {
		p.t.Helper()
		p.storeVault(sealCheap(p.t, password, accounts))
		p.navigate("/")
		p.waitVisible("#unlock-password", stepTimeout)
	}
	toList := func(p *page) {
		p.t.Helper()
		for _, sel := range []string{"#im-cancel", "#account-cancel", "#settings-done", "#bk-close", "#ex-close", "#qr-close", "#tr-done", "#tr-close", "#tr-cancel"} {
			if p.exists(sel) {
				p.click(sel)
				break
			}
		}
		p.waitVisible("section.vault", stepTimeout)
	}
	settings := func(p *page, open, wait string) {
		p.t.Helper()
		toList(p)
		p.openSettings()
		p.click(open)
		p.waitVisible(wait, stepTimeout)
	}
	return []lookStep{
		{"setup", func(p *page) {
			p.navigate(blankPath)
			evalJS[any](p, `localStorage.setItem("twofold.lang", `+jsString(lang)+`), 0`)
			p.navigate("/")
			p.waitVisible("#setup-password", stepTimeout)
			p.waitFor("the page in "+lang, `document.documentElement.lang === `+jsString(lang), stepTimeout)
			// The form the boot script drew before the app ran is looked
			// at by TestSetupBeforeApp: this is the app's.
			p.waitFor("the app", appRunning, stepTimeout)
		}},
		{"setup-error", func(p *page) {
			p.typeText("#setup-password", "short")
			p.typeText("#setup-confirm", "short")
			p.click("#setup-submit")
			p.waitVisible("#setup-error", stepTimeout)
		}},
		{"receive", func(p *page) {
			p.click("#setup-transfer")
			p.waitVisible("#scan-camera", stepTimeout)
		}},
		{"restore", func(p *page) {
			p.click("#tr-cancel")
			p.click("#setup-restore")
			p.waitVisible("#rs-drop", stepTimeout)
			p.chooseFile("#rs-file", f.backup)
			p.waitVisible("#rs-passphrase", stepTimeout)
			wrong(p, "#rs-passphrase", "#rs-open", "#rs-error")
		}},
		{"unlock", func(p *page) {
			seed(p, nil)
			wrong(p, "#unlock-password", "#unlock-submit", "#unlock-error")
		}},
		{"vault-empty", func(p *page) {
			p.unlock(password)
			p.waitVisible("#empty", stepTimeout)
		}},
		{"import", func(p *page) { settings(p, "#open-import", "#im-drop") }},
		{"import-error", func(p *page) {
			p.chooseFile("#im-file", f.junk)
			p.waitVisible("#im-error", stepTimeout)
		}},
		{"import-review", func(p *page) {
			if f.foreign == "" {
				p.t.Skipf("INTEROP FILES NOT FOUND: no folder %s; the import review of another app's file was NOT looked at",
					filepath.Join(moduleRoot(p.t), "..", "shared", "testdata", "foreign"))
			}
			p.chooseFile("#im-file", f.foreign)
			p.waitVisible("#im-list", stepTimeout)
		}},
		{"vault-reminder", func(p *page) {
			// The app asks for persistent storage when it creates a
			// vault, which seeding skips: ask now, granted, so that the
			// screens from here on are those of a browser that keeps
			// the vault (vault-empty showed the warning of one that
			// does not).
			p.persist()
			seed(p, accounts)
			p.unlock(password)
			p.waitFor("the accounts", rowCount+fmt.Sprintf(" === %d", len(accounts)), stepTimeout)
			p.waitVisible("#backup-reminder", stepTimeout)
		}},
		{"vault-no-match", func(p *page) {
			p.typeText("#search", "nothing like this")
			p.waitVisible("#no-match", stepTimeout)
		}},
		{"add", func(p *page) {
			p.typeText("#search", "")
			p.click("#add")
			p.waitVisible("#scan-camera", stepTimeout)
		}},
		{"add-error", func(p *page) {
			p.typeText("#f-issuer", "Example")
			p.typeText("#f-secret", "JBSWY3DP1")
			p.click("#account-save")
			p.waitVisible("#f-secret-error", stepTimeout)
		}},
		{"add-camera-denied", func(p *page) {
			// Headless Chromium has no camera; the page is told the
			// person refused it, as a browser says it.
			evalJS[any](p, `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError")), 0`)
			p.click("#scan-camera")
			p.waitVisible("#scan-error", stepTimeout)
		}},
		{"edit-delete", func(p *page) {
			toList(p)
			p.click("#accounts > li.account button.edit")
			p.click("#account-delete")
			p.waitVisible("#confirm-delete", stepTimeout)
		}},
		{"settings", func(p *page) {
			p.click("#confirm-delete-no")
			p.waitGone("#confirm-delete", stepTimeout)
			toList(p)
			p.openSettings()
		}},
		{"backup-done", func(p *page) {
			p.click("#open-backup")
			p.waitVisible("#bk-pass", stepTimeout)
			p.typeText("#bk-pass", password)
			p.allowDownloads()
			p.click("#bk-submit")
			p.waitFor("the backup", `document.getElementById("bk-done") || document.getElementById("bk-error")`, backupTimeout)
			if p.exists("#bk-error") {
				p.t.Fatalf("the backup failed: %s", p.text("#bk-error"))
			}
		}},
		{"vault", func(p *page) {
			toList(p)
			p.waitGone("#backup-reminder", stepTimeout)
		}},
		{"export-text", func(p *page) { settings(p, "#open-export", "#ex-consent") }},
		{"export-text-done", func(p *page) {
			p.click("#ex-consent")
			p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
			p.allowDownloads()
			p.click("#ex-download")
			p.waitVisible("#ex-done", stepTimeout)
		}},
		{"export-qr-choose", func(p *page) { settings(p, "#open-export-qr", "#qr-show") }},
		{"export-qr", func(p *page) {
			p.click("#qr-show")
			p.waitVisible("#qr-image", stepTimeout)
		}},
		{"transfer-send", func(p *page) { settings(p, "#open-transfer-send", "#tr-form") }},
		{"transfer-send-code", func(p *page) {
			p.click("#tr-for-old")
			p.click("#tr-show")
			p.waitVisible("#tr-image", kdfTimeout)
		}},
		{"transfer-send-last", func(p *page) {
			// "Code 1 of 3." or "3 個中 1 個目": the count is the
			// larger number, whatever the order.
			numbers := `(document.getElementById("tr-count").textContent.match(/\d+/g) || []).map(Number)`
			count := slices.Max(evalJS[[]int](p, numbers))
			for i := 2; i <= count; i++ {
				p.click("#tr-next")
				p.waitFor(fmt.Sprintf("code %d", i), fmt.Sprintf(`%s.sort((a, b) => a - b).join() === "%d,%d"`, numbers, min(i, count), count), stepTimeout)
			}
			p.waitVisible("#tr-code", stepTimeout)
		}},
		{"transfer-receive", func(p *page) { settings(p, "#open-transfer-receive", "#scan-camera") }},
		{"transfer-receive-code", func(p *page) {
			p.chooseFiles("#scan-file", f.transfer...)
			p.waitVisible("#tr-verify", scanTimeout)
		}},
		{"update", func(p *page) {
			toList(p)
			// What go-app's service worker script calls once a new
			// version is cached (TestUpdate does it for real).
			evalJS[any](p, `goappOnUpdate(), 0`)
			p.waitVisible("#update-bar", stepTimeout)
		}},
		{"broken", func(p *page) {
			// A database of a later version than the app's: opening it
			// fails, as it would after a downgrade.
			p.navigate(blankPath)
			evalJS[any](p, `new Promise((resolve, reject) => {
				const req = indexedDB.open("twofold", 1000);
				req.onsuccess = () => { req.result.close(); resolve(0); };
				req.onerror = () => reject(req.error);
			})`)
			p.navigate("/")
			p.waitVisible("main h1", stepTimeout)
			p.waitFor("the broken screen", `document.querySelector("main [role=alert]") !== null`, stepTimeout)
		}},
	}
}

// TestEveryScreen visits every screen and state of the app, in English and
// Japanese, on one page per language, and looks at each at a phone's and a
// laptop's width, light and dark (see page.look). It runs axe-core on each:
// a critical or serious violation fails the test, the moderate and minor
// ones are listed at the end.
func TestEveryScreen(t *testing.T) {
	start := time.Now()
	s := testSite(t)
	axeSource(t)
	accounts := lookAccounts(t)
	files := makeLookFiles(t, accounts)
	var lesser axeTally
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			p := openPage(t, newServer(t, s.Dir))
			for i, step := range lookSteps(files, accounts, lang) {
				ok := t.Run(step.screen, func(t *testing.T) {
					q := p.as(t)
					step.reach(q)
					if i == 0 {
						q.axeSelfTest()
					}
					q.look(step.screen+"-"+lang, &lesser)
				})
				if !ok {
					t.Fatalf("%s failed: the states after it depend on it", step.screen)
				}
			}
		})
	}
	lesser.log(t)
	t.Logf("every screen looked at in %v", time.Since(start).Round(time.Second))
}

// axeSelfTest adds an image without a text alternative to the page and
// checks that axe-core reports it, then takes it away: without it, an
// axe-core that found nothing anywhere would pass every screen.
func (p *page) axeSelfTest() {
	p.t.Helper()
	evalJS[any](p, `(() => { const i = document.createElement("img"); i.id = "e2e-no-alt"; i.src = "/web/icon.svg"; document.querySelector("main").append(i); return 0; })()`)
	defer evalJS[any](p, `document.getElementById("e2e-no-alt").remove(), 0`)
	for _, v := range p.axeRun() {
		if v.ID == "image-alt" && slices.Contains(v.Targets, "#e2e-no-alt") {
			return
		}
	}
	p.t.Fatal("axe-core does not report an image without a text alternative: its checks prove nothing")
}

// persist grants the page's origin persistent storage, and asks for it
// as the app does when it creates a vault.
func (p *page) persist() {
	p.t.Helper()
	_, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission:       &browser.PermissionDescriptor{Name: "persistent-storage"},
		Setting:          browser.PermissionSettingGranted,
		Origin:           p.srv.URL,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
	})
	if err != nil {
		p.t.Fatalf("granting persistent storage: %v", err)
	}
	if !evalJS[bool](p, `navigator.storage.persist()`) {
		p.t.Fatal("persistent storage was granted, yet navigator.storage.persist() says false")
	}
}

// as returns p for the test t: a subtest on the parent's page.
func (p *page) as(t testing.TB) *page {
	q := *p
	q.t = t
	return &q
}

// look looks at the page as it is at every width and in every scheme, by
// emulation, without reloading: it saves a screenshot named
// name-<width>-<scheme>, runs axe-core, and checks that the page is no
// wider than the screen, that its images have a text alternative or are
// hidden, that every button's visible text is in its accessible name, and
// that it has one level-one heading.
func (p *page) look(name string, lesser *axeTally) {
	p.t.Helper()
	for _, w := range lookWidths {
		for _, scheme := range lookSchemes {
			variant := fmt.Sprintf("%s-%d-%s", name, w.width, scheme)
			p.do("emulating "+variant, stepTimeout, chromedp.EmulateViewport(w.width, w.height),
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
					})
					return err
				}))
			// The mouse rests off the page: a row it was left on
			// would show its hover colour.
			p.do("moving the mouse away", stepTimeout, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 0, 0))
			p.settle()
			// static/countdown.js draws only the countdowns on screen;
			// the screenshot takes the whole page, so the page is
			// scrolled through first, as a person reading it does.
			evalJS[any](p, `(async () => {
				if (document.querySelector("[data-period]") === null) return 0;
				const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
				for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frames(); }
				scrollTo(0, 0);
				await frames();
				return 0;
			})()`)
			if dark := evalJS[bool](p, `matchMedia("(prefers-color-scheme: dark)").matches`); dark != (scheme == "dark") {
				p.t.Fatalf("%s: the page sees dark=%v", variant, dark)
			}
			p.shot(variant)
			lesser.ran()
			for _, v := range p.axeRun() {
				msg := fmt.Sprintf("%s: axe %s (%s): %s, at %s", variant, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "; "))
				switch {
				case v.Impact == "critical" || v.Impact == "serious":
					p.t.Error(msg)
				case v.Impact == "moderate" && axeKept[v.ID] == "":
					p.t.Errorf("%s; a moderate violation is fixed, or kept in axeKept with the reason", msg)
				default:
					lesser.add(v, variant)
				}
			}
			if sw := evalJS[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); sw[0] > sw[1] {
				p.t.Errorf("%s: the page is %d px wide, wider than the screen's %d px", variant, sw[0], sw[1])
			}
		}
	}
	// What does not change with the width or the scheme, once.
	if bad := evalJS[[]string](p, `[...document.querySelectorAll("img")].filter((i) =>
		!i.getAttribute("alt") && i.getAttribute("role") !== "presentation" && i.getAttribute("aria-hidden") !== "true").map((i) => i.id || i.src.slice(0, 40))`); len(bad) > 0 {
		p.t.Errorf("%s: images without a text alternative and not marked decorative: %q", name, bad)
	}
	p.expectLabelsInNames(name)
	if n := p.count("h1"); n != 1 {
		p.t.Errorf("%s: %d level-one headings, want 1", name, n)
	}
}

// axeKept are the moderate axe-core rules whose violations the app keeps,
// each with the reason. TestEveryScreen fails on any other moderate
// violation; minor ones are listed only. None is kept today: every
// screen and state passes every rule of axe-core in both languages and
// themes, at both widths.
var axeKept = map[string]string{}

// axeTally gathers the moderate and minor violations of many states, to be
// listed once at the end, by rule.
type axeTally struct {
	mu    sync.Mutex
	runs  int
	rules map[string]*axeFinding
}

func (a *axeTally) ran() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.runs++
}

type axeFinding struct {
	v      axeViolation
	where  []string
	target map[string]bool
}

func (a *axeTally) add(v axeViolation, where string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.rules == nil {
		a.rules = map[string]*axeFinding{}
	}
	f := a.rules[v.ID]
	if f == nil {
		f = &axeFinding{v: v, target: map[string]bool{}}
		a.rules[v.ID] = f
	}
	f.where = append(f.where, where)
	for _, t := range v.Targets {
		f.target[t] = true
	}
}

func (a *axeTally) log(t testing.TB) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	ids := make([]string, 0, len(a.rules))
	for id := range a.rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t.Logf("axe-core ran on %d views; %d rules found moderate or minor violations", a.runs, len(ids))
	for _, id := range ids {
		f := a.rules[id]
		targets := make([]string, 0, len(f.target))
		for t := range f.target {
			targets = append(targets, t)
		}
		sort.Strings(targets)
		t.Logf("axe %s (%s): %s, in %d views (first %s), at %s", id, f.v.Impact, f.v.Help, len(f.where), f.where[0], strings.Join(targets, "; "))
	}
}
