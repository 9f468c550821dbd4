package e2e

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"twofold.app/app/i18n"
	"twofold.app/app/vault"
)

// skipClockInit lets a test move the page's monotonic clock on, which is
// what Go's timers and time.Since read in the browser (performance.now()):
// window.skipClock(ms) makes the app see ms more pass, and its timers that
// are due then run at the next wake of Go's scheduler, within the second
// the app's own ticker takes. The wall clock (Date) is left alone, so the
// codes shown stay those of the real time.
const skipClockInit = `(() => {
	const now = performance.now.bind(performance);
	let skipped = 0;
	performance.now = () => now() + skipped;
	window.skipClock = (ms) => { skipped += ms; };
})()`

// skippableClock installs skipClockInit for the documents p loads next.
func (p *page) skippableClock() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: skipClockInit}); err != nil {
		p.t.Fatalf("adding the clock script: %v", err)
	}
}

// skipClock makes the page's monotonic clock d later (see skipClockInit).
func (p *page) skipClock(d time.Duration) {
	p.t.Helper()
	evalJS[bool](p, `(window.skipClock(`+strconv.FormatInt(d.Milliseconds(), 10)+`), true)`)
}

// clipboardText reads the clipboard in the page (the test granted the
// permission).
func (p *page) clipboardText() string {
	p.t.Helper()
	return evalJS[string](p, `navigator.clipboard.readText()`)
}

// TestClipboardCleared copies a code and checks that the app clears it
// from the clipboard once the default 30 seconds have passed, and that it
// leaves alone text copied since, here by another app. The browser lets
// the page read the clipboard without asking (the permission is granted),
// so the app clears only a clipboard that still holds its code.
func TestClipboardCleared(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "clear the clipboard"
	p.seedVault(password, []vault.Account{newAccount(t, "Clipboard Ltd", "erin", totpKey(randomSecret(t)))})
	p.grantClipboard()
	p.skippableClock()
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the account listed", rowCount+" === 1", stepTimeout)

	copyCode := func() string {
		p.click("li.account button.code-button")
		p.waitFor("the code copied", `navigator.clipboard.readText().then((s) => /^\d{6}$/.test(s))`, stepTimeout)
		return p.clipboardText()
	}

	// Before the time: the code stays.
	code := copyCode()
	p.skipClock(20 * time.Second)
	time.Sleep(2 * time.Second)
	if got := p.clipboardText(); got != code {
		t.Fatalf("20 s after the copy, the clipboard holds %q, want the code %q", got, code)
	}
	// After: it is cleared, within the few seconds the app's timers take
	// to run.
	p.skipClock(11 * time.Second)
	p.waitFor("the clipboard cleared", `navigator.clipboard.readText().then((s) => s === "")`, 3*time.Second)

	// Text copied since the code is not erased.
	copyCode()
	const mine = "my own text, copied in another app"
	evalJS[bool](p, `navigator.clipboard.writeText(`+jsString(mine)+`).then(() => true)`)
	p.skipClock(31 * time.Second)
	time.Sleep(3 * time.Second) // as long as the clearing above may take
	if got := p.clipboardText(); got != mine {
		t.Errorf("31 s after the copy, the clipboard holds %q, want the text copied since, %q", got, mine)
	}

	// Never: the code stays.
	if v := p.setting("clear-after", "0"); v != "30" {
		t.Errorf("the clipboard's clearing is %q by default, want 30 (seconds)", v)
	}
	code = copyCode()
	p.skipClock(5 * time.Minute / 2)
	time.Sleep(3 * time.Second)
	if got := p.clipboardText(); got != code {
		t.Errorf("with clearing off, the clipboard holds %q after a while, want the code %q", got, code)
	}
}

// setting chooses value in the select id of Settings, opened from the
// list of accounts, waits until it is saved, goes back to the list, and
// returns the value the select had before.
func (p *page) setting(id, value string) (was string) {
	p.t.Helper()
	p.click("#settings")
	p.waitVisible("#"+id, stepTimeout)
	was = evalJS[string](p, `document.getElementById(`+jsString(id)+`).value`)
	p.choose("#"+id, value)
	p.waitVisible("#settings-saved", stepTimeout)
	p.click("#settings-done")
	p.waitVisible("#accounts", stepTimeout)
	return was
}

// setHidden minimises the window of p's tab, or restores it. In headless
// Chromium that is what makes document.visibilityState "hidden" and fires
// visibilitychange: opening another tab does not, and neither focus
// emulation nor the page's lifecycle state touch the visibility.
func (p *page) setHidden(hidden bool) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	w, err := chromedp.Call(ctx, browser.GetWindowForTarget, browser.GetWindowForTargetParams{TargetID: chromedp.FromContext(p.ctx).Target.TargetID})
	if err != nil {
		p.t.Fatalf("finding the tab's window: %v", err)
	}
	state, want := browser.WindowStateNormal, "visible"
	if hidden {
		state, want = browser.WindowStateMinimized, "hidden"
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetWindowBounds, browser.SetWindowBoundsParams{WindowID: w.WindowID, Bounds: &browser.Bounds{WindowState: state}}); err != nil {
		p.t.Fatalf("setting the window %s: %v", state, err)
	}
	p.waitFor("the page "+want, `document.visibilityState === `+jsString(want), stepTimeout)
}

// TestHiddenLock sets the lock of a hidden page to one minute in Settings
// and checks that a page hidden for less stays open, and one hidden for
// longer is locked, with a notice that says why.
func TestHiddenLock(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "hide and lock"
	p.seedVault(password, []vault.Account{newAccount(t, "Hidden Ltd", "ivy", totpKey(randomSecret(t)))})
	p.skippableClock()
	p.navigate("/")
	p.unlock(password)
	if v := p.setting("hidden-lock", "60"); v != "off" {
		t.Errorf("the lock of a hidden page is %q by default, want off", v)
	}

	// Hidden for 30 s: still open.
	p.setHidden(true)
	p.skipClock(30 * time.Second)
	time.Sleep(2 * time.Second)
	p.setHidden(false)
	time.Sleep(time.Second)
	if !p.exists("#accounts") {
		t.Fatalf("the vault locked after 30 s hidden, with the setting at 1 minute%s", p.describe())
	}

	// Hidden for 61 s: locked, at the latest when shown again.
	p.setHidden(true)
	p.skipClock(61 * time.Second)
	p.setHidden(false)
	p.waitVisible("#unlock-password", 3*time.Second)
	if got := evalJS[string](p, `document.querySelector("main").innerText`); !regexp.MustCompile(`Locked while the page was hidden`).MatchString(got) {
		t.Errorf("the unlock screen does not say why it locked: %q", got)
	}
}

// TestStrongerKDF changes the vault's key derivation to the stronger one
// in Settings: a wrong password changes nothing, the right one re-seals
// the vault, and the next unlock reads the stronger cost from it.
func TestStrongerKDF(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "a slower unlock"
	p.seedVault(password, []vault.Account{newAccount(t, "Costly Ltd", "kim", totpKey(randomSecret(t)))})
	p.navigate("/")
	p.unlock(password)
	p.openSettings()
	if v := evalJS[string](p, `document.getElementById("kdf-choice").value`); v != "standard" {
		t.Fatalf("the key derivation of a default vault shows as %q, want standard", v)
	}
	if took := p.text("#kdf-took"); !regexp.MustCompile(`Unlocking took about \d+\.\d seconds`).MatchString(took) {
		t.Errorf("the settings say %q, want how long the unlock took", took)
	}
	if p.exists("#kdf-password") {
		t.Errorf("the password is asked for before another choice is made")
	}
	p.choose("#kdf-choice", "stronger")
	p.waitVisible("#kdf-password", stepTimeout)
	if would := p.text("#kdf-took"); !regexp.MustCompile(`With this choice, about \d+\.\d seconds`).MatchString(would) {
		t.Errorf("the settings say %q, want the estimate for the stronger choice", would)
	}
	p.typeText("#kdf-password", "not the password")
	p.click("#kdf-apply")
	p.waitVisible("#kdf-error", kdfTimeout)

	p.typeText("#kdf-password", password)
	p.click("#kdf-apply")
	p.waitVisible("#kdf-done", 4*kdfTimeout)
	p.shot("settings-kdf-stronger")
	p.click("#settings-done")
	p.click("#lock")
	p.unlock(password)
	p.openSettings()
	if v := evalJS[string](p, `document.getElementById("kdf-choice").value`); v != "stronger" {
		t.Errorf("after unlocking again, the key derivation shows as %q, want stronger", v)
	}
}

// TestHiddenCodes hides the codes until tapped, in Settings: the list then
// shows dots where each code was, which screen readers skip for words
// saying the code is hidden, and no digit of it; a tap copies the code and
// shows it, for 15 seconds, then hides it again. The choice is kept by the
// browser across a reload.
func TestHiddenCodes(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "codes out of sight"
	key := totpKey(randomSecret(t))
	account := newAccount(t, "Hidden Bank", "kim", key)
	p.seedVault(password, []vault.Account{account})
	p.grantClipboard()
	p.skippableClock()
	p.navigate("/")
	p.unlock(password)
	p.expectCode("Hidden Bank", key)
	if v := p.setting("hide-codes", "tap"); v != "show" {
		t.Errorf("codes are %q by default, want show", v)
	}
	codeSel := "#copy-" + account.ID + " .code"
	hidden := `(() => { const e = document.querySelector(` + jsString(codeSel) + `); return e !== null && !/[0-9]/.test(e.textContent); })()`
	p.waitFor("the code hidden", hidden, stepTimeout)
	want := "••• ••• " + i18n.English.T(i18n.VaultCodeHidden)
	if got := p.text(codeSel); got != want {
		t.Errorf("a hidden code reads %q, want %q", got, want)
	}
	if got := evalJS[string](p, `document.querySelector(`+jsString(codeSel+` [aria-hidden="true"]`)+`).textContent`); got != "••• •••" {
		t.Errorf("a hidden code shows %q, want dots", got)
	}
	p.shot("codes-hidden")

	p.click("#copy-" + account.ID)
	p.waitFor("the tapped code shown", `/[0-9]/.test(document.querySelector(`+jsString(codeSel)+`).textContent)`, stepTimeout)
	code := p.expectCode("Hidden Bank", key)
	if got := p.clipboardText(); got != code {
		t.Errorf("the tap copied %q, want the code %q", got, code)
	}
	p.skipClock(10 * time.Second)
	time.Sleep(2 * time.Second) // two ticks of the list's clock
	if !evalJS[bool](p, `/[0-9]/.test(document.querySelector(`+jsString(codeSel)+`).textContent)`) {
		t.Error("the tapped code was hidden again before 15 seconds")
	}
	p.skipClock(6 * time.Second)
	p.waitFor("the code hidden again after 15 s", hidden, stepTimeout)

	p.reload()
	p.unlock(password)
	p.waitFor("the code hidden after a reload", hidden, stepTimeout)
}
