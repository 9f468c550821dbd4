//go:build !js

package e2e

// Keyboard-only journeys, reduced motion and focus ring contrast (issue 11,
// accessibility). The journeys press real keys (CDP Input.dispatchKeyEvent,
// through chromedp.KeyEvent): no clicks and no JavaScript .click(). The page
// is only read by JavaScript, to see where the focus is and what it looks
// like.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"twofold.app/app/backup"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// press presses keys, one after the other (see kb for the names of keys
// such as kb.Tab, kb.Enter, kb.Escape and kb.ArrowDown), on whatever has
// the focus.
func (p *page) press(keys string, opts ...chromedp.KeyOption) {
	p.t.Helper()
	p.do(fmt.Sprintf("pressing %q", keys), stepTimeout, chromedp.KeyEvent(keys, opts...))
}

// settle waits for two animation frames, for go-app to draw what the last
// key changed before the next key is pressed: go-app reads a check box
// when it handles the event, not when the event happened.
func (p *page) settle() {
	p.t.Helper()
	evalJS[chromedp.Void](p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))`)
}

// shiftTab presses Shift+Tab.
func (p *page) shiftTab() {
	p.t.Helper()
	p.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
}

// focused reports whether the focused element matches sel.
func (p *page) focused(sel string) bool {
	p.t.Helper()
	return evalJS[bool](p, `(() => { const e = document.activeElement; return e !== null && e.matches(`+jsString(sel)+`); })()`)
}

// tabTo presses Tab (or Shift+Tab, when back is true) until the focus is
// on an element matching sel, at most 40 times.
func (p *page) tabTo(sel string, back bool) {
	p.t.Helper()
	for range 40 {
		if p.focused(sel) {
			return
		}
		if back {
			p.shiftTab()
		} else {
			p.press(kb.Tab)
		}
	}
	p.t.Fatalf("40 presses of Tab never reached %s; the focus is on %s%s", sel, p.activeID(), p.describe())
}

// expectFocus waits until the focus is on an element matching sel, which
// the app puts there after its next render.
func (p *page) expectFocus(sel, when string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	cond := `document.activeElement !== null && document.activeElement.matches(` + jsString(sel) + `)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.t.Fatalf("%s, the focus is on %s, want %s (%v)%s", when, p.activeID(), sel, err, p.describe())
	}
}

// ring is how the focused element shows its focus.
type ring struct {
	ID      string  // the focused element's id or tag
	Shown   bool    // a visible outline or box-shadow
	Color   string  // the outline's colour
	Behind  string  // the colour behind the outline
	Ratio   float64 // their contrast ratio
	Outline string  // the computed outline, for failure messages
}

// focusRing reads how the focused element shows its focus. A file input is
// visually hidden and shows its focus on its label, styled as a button.
// The ring is drawn outside the element (outline-offset), so its contrast
// is measured against the background of the nearest ancestor that has one.
const focusRing = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return { ID: "(none)" };
	let el = e;
	if (e.matches("input[type=file]")) el = document.querySelector('label[for="' + e.id + '"]') || e;
	const cs = getComputedStyle(el);
	const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
	const shadow = cs.boxShadow !== "none";
	const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
	const lum = (c) => {
		const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	let behind = "rgb(255, 255, 255)";
	for (let a = parseFloat(cs.outlineOffset) < 0 ? el : el.parentElement; a; a = a.parentElement) {
		const bg = getComputedStyle(a).backgroundColor;
		const c = rgb(bg);
		if (c.length >= 3 && (c.length < 4 || c[3] > 0)) { behind = bg; break; }
	}
	const color = outline ? cs.outlineColor : "";
	let ratio = 0;
	if (color !== "") {
		const [l1, l2] = [lum(rgb(color)), lum(rgb(behind))].sort((a, b) => b - a);
		ratio = (l1 + 0.05) / (l2 + 0.05);
	}
	return { ID: e.id || e.tagName, Shown: outline || shadow, Color: color, Behind: behind, Ratio: ratio,
		Outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor + " / " + cs.boxShadow };
})()`

// expectFocusVisible checks that the focused element shows its focus, with
// an outline of at least 3:1 contrast against what is behind it (WCAG 2.2
// 1.4.11 and 2.4.7), or a box-shadow.
func (p *page) expectFocusVisible(when string) {
	p.t.Helper()
	r := evalJS[ring](p, focusRing)
	switch {
	case !r.Shown:
		p.t.Errorf("%s: the focused element %s shows no focus (%s)", when, r.ID, r.Outline)
	case r.Color != "" && r.Ratio < 3:
		p.t.Errorf("%s: the focus ring of %s, %s on %s, has contrast %.2f:1, want at least 3:1", when, r.ID, r.Color, r.Behind, r.Ratio)
	}
}

// closeWithEscape presses Escape in the open panel (whose element sel
// holds the focus or is inside it) and checks that the panel closed and
// the focus went to an element matching back.
func (p *page) closeWithEscape(panel, back, what string) {
	p.t.Helper()
	p.press(kb.Escape)
	p.waitGone(panel, stepTimeout)
	p.expectFocus(back, "after closing "+what+" with Escape")
}

// trCount reads the transfer's "Code i of n." as i and n, whatever the
// language.
func (p *page) trCount() (shown, count int) {
	p.t.Helper()
	s := p.text("#tr-count")
	m := regexp.MustCompile(`(\d+)\D+(\d+)`).FindStringSubmatch(s)
	if m == nil {
		p.t.Fatalf("the transfer's count %q has no two numbers", s)
	}
	shown, _ = strconv.Atoi(m[1])
	count, _ = strconv.Atoi(m[2])
	return shown, count
}

// TestKeyboard walks through every journey with the keyboard alone: create
// a vault, add an account from a pasted link, copy its code, search, change
// a setting, make a backup, export as text, import a file, and show a
// transfer's codes, closing each panel with Escape. After each close the
// focus must be back where the panel was opened from, and the focused
// element must show its focus.
func TestKeyboard(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.grantClipboard()
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)

	// Create the vault: the password field has the focus from the start.
	const password = "keys only, no mouse"
	p.expectFocus("#setup-password", "on the setup screen")
	p.press(password)
	p.expectFocusVisible("the setup password")
	p.tabTo("#top-lang", true)
	p.expectFocusVisible("the language select")
	p.tabTo("#setup-confirm", false)
	p.press(password)
	p.press(kb.Enter)
	p.waitVisible("#empty", kdfTimeout)
	p.expectFocus("#search", "once the vault is open")
	p.expectFocusVisible("the search field")

	// Add an account: paste its link with Ctrl+V, Enter fills the form in,
	// Enter adds it.
	key := totpKey(randomSecret(t))
	link := "otpauth://totp/Keyboard%20Bank:kim@example.com?secret=" + b32.EncodeToString(key.Secret) + "&issuer=Keyboard%20Bank"
	p.tabTo("#add", false)
	p.expectFocusVisible("the Add account button")
	p.press(kb.Enter)
	p.expectFocus("#uri", "in the add panel")
	p.copyText(link)
	p.pressPaste()
	if v := p.inputValue("uri"); v != link {
		t.Fatalf("Ctrl+V left %d characters in the link field, want %d", len(v), len(link))
	}
	p.press(kb.Enter)
	p.waitFor("the form filled in from the link", `document.getElementById("f-issuer").value === "Keyboard Bank"`, stepTimeout)
	p.expectFocus("#f-issuer", "after filling the form in")
	p.press(kb.Enter)
	p.waitFor("one account listed", rowCount+" === 1", stepTimeout)
	p.expectFocus("#add", "after adding an account")
	p.expectCode("Keyboard Bank", key)

	// The add panel closes with Escape, and gives the focus back.
	p.press(kb.Enter)
	p.expectFocus("#uri", "in the add panel")
	p.closeWithEscape("#uri", "#add", "the add panel")

	// Copy the code: Enter, then Space, on the account's button.
	copied := func(how string) {
		t.Helper()
		p.waitFor("the code copied with "+how, `navigator.clipboard.readText().then((s) => /^\d{6}$/.test(s))`, stepTimeout)
		got := evalJS[string](p, `navigator.clipboard.readText()`)
		if !codeNowOrJustBefore(key, got) {
			t.Errorf("%s copied %q, which is not the account's code", how, got)
		}
		p.waitFor("the row to say the code was copied", `document.querySelector("li.account .copied").textContent !== ""`, stepTimeout)
	}
	p.tabTo("li.account button.code-button", false)
	p.expectFocusVisible("the account's copy button")
	p.copyText("")
	p.press(kb.Enter)
	copied("Enter")
	p.copyText("")
	p.press(" ")
	copied("Space")
	if !p.focused("li.account button.code-button") {
		t.Errorf("copying moved the focus to %s", p.activeID())
	}

	// The edit panel: Escape closes it, without a change.
	p.tabTo("li.account button.edit", false)
	p.expectFocusVisible("the account's Edit button")
	p.press(kb.Enter)
	p.expectFocus("#f-issuer", "in the edit panel")
	p.closeWithEscape("#f-issuer", "#search", "the edit panel")

	// Search: type, see the list filtered, empty the field again.
	p.tabTo("#search", true)
	p.press("nothing like it")
	p.waitVisible("#no-match", stepTimeout)
	p.press(strings.Repeat(kb.Backspace, len("nothing like it")))
	p.waitFor("the account back", rowCount+" === 1", stepTimeout)
	p.press("KEYBOARD")
	p.waitFor("the account matching", rowCount+` === 1 && document.getElementById("search").value === "KEYBOARD"`, stepTimeout)
	// Escape empties a search field, and the list must follow.
	p.press(kb.Escape)
	p.waitFor("the search emptied by Escape", `document.getElementById("search").value === ""`, stepTimeout)
	p.press("zzz")
	p.waitVisible("#no-match", stepTimeout)
	p.press(kb.Escape)
	p.waitFor("the list back after Escape", rowCount+" === 1", stepTimeout)
	p.expectFocus("#search", "after emptying the search")

	// Settings: the idle lock is a select, changed with the arrow keys.
	openSettings := func() {
		t.Helper()
		p.tabTo("#settings", false)
		p.expectFocusVisible("the Settings button")
		p.press(kb.Enter)
		p.expectFocus("#lock-after", "in the settings")
	}
	openSettings()
	before := p.inputValue("lock-after")
	p.press(kb.ArrowDown)
	p.waitVisible("#settings-saved", stepTimeout)
	if after := p.inputValue("lock-after"); after == before {
		t.Errorf("ArrowDown left the idle lock at %s", before)
	}
	p.expectFocusVisible("the idle lock select")
	p.closeWithEscape("#lock-after", "#settings", "the settings")

	// Backup: the radio group moves with the arrows; Enter downloads.
	openSettings()
	p.tabTo("#open-backup", false)
	p.expectFocusVisible("the Back up now button")
	p.press(kb.Enter)
	p.expectFocus("#bk-pass", "in the backup panel")
	p.shiftTab()
	p.expectFocus("#bk-mode-vault", "on the checked radio button")
	p.expectFocusVisible("the backup's radio buttons")
	p.press(kb.ArrowDown)
	p.waitVisible("#bk-again", stepTimeout)
	p.expectFocus("#bk-mode-other", "after ArrowDown")
	p.press(kb.ArrowUp)
	p.waitGone("#bk-again", stepTimeout)
	p.tabTo("#bk-pass", false)
	p.press(password)
	d := p.allowDownloads()
	p.press(kb.Enter)
	p.waitFor("the backup", `document.getElementById("bk-done") || document.getElementById("bk-error")`, backupTimeout)
	if p.exists("#bk-error") {
		t.Fatalf("the backup failed: %s", p.text("#bk-error"))
	}
	name, data := d.wait("the backup file", stepTimeout)
	checkDatedName(t, name, "twofold-backup-")
	if _, err := backup.Inspect(data); err != nil {
		t.Errorf("the downloaded backup: %v", err)
	}
	p.expectFocus("#bk-close", "once the backup is downloaded")
	p.closeWithEscape("#backup-title", "#settings", "the backup panel")

	// Export as text: Space ticks the consent, Enter downloads.
	openSettings()
	p.tabTo("#open-export", false)
	p.press(kb.Enter)
	p.expectFocus("#ex-consent", "in the export panel")
	p.expectFocusVisible("the export's consent box")
	p.press(" ")
	p.waitFor("the download enabled", `!document.getElementById("ex-download").disabled`, stepTimeout)
	p.tabTo("#ex-download", false)
	d = p.allowDownloads()
	p.press(kb.Enter)
	name, data = d.wait("the text export", stepTimeout)
	checkDatedName(t, name, "twofold-export-")
	if !strings.Contains(string(data), "otpauth://totp/Keyboard%20Bank") {
		t.Errorf("the text export holds no link for Keyboard Bank: %d bytes", len(data))
	}
	p.waitVisible("#ex-done", stepTimeout)
	p.expectFocus("#ex-close", "once the text file is downloaded")
	p.closeWithEscape("#export-title", "#settings", "the export panel")

	// Import a file of links. The file input is reached with Tab and
	// opened with Space, as a person does; the browser's file chooser,
	// a window of the system, cannot be driven by keys here, so the test
	// intercepts it and gives the input its file with CDP
	// DOM.setFileInputFiles, as choosing the file there would.
	var links strings.Builder
	var imported []otp.Key
	for i := range 8 {
		k := totpKey(randomSecret(t))
		imported = append(imported, k)
		fmt.Fprintf(&links, "otpauth://totp/Imported%%20Service%%20%d:someone.%d@example.com?secret=%s&issuer=Imported%%20Service%%20%d\n",
			i+1, i+1, b32.EncodeToString(k.Secret), i+1)
	}
	file := filepath.Join(t.TempDir(), "links.txt")
	if err := os.WriteFile(file, []byte(links.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	openSettings()
	p.tabTo("#open-import", false)
	p.press(kb.Enter)
	p.expectFocus("#im-file", "in the import panel")
	p.expectFocusVisible("the file input")
	p.chooseWithSpace(file)
	p.waitVisible("#im-list", stepTimeout)
	p.expectFocus("#im-title", "at the import review")
	p.press(kb.Tab)
	p.expectFocus("#im-acc-0", "on the first account to import")
	p.expectFocusVisible("an import check box")
	p.press(" ")
	p.waitFor("the first account left out", `!document.getElementById("im-acc-0").checked`, stepTimeout)
	p.settle()
	p.press(" ")
	p.waitFor("the first account ticked again", `document.getElementById("im-acc-0").checked`, stepTimeout)
	p.tabTo("#im-confirm", false)
	p.press(kb.Enter)
	p.waitVisible("#im-done", stepTimeout)
	p.expectFocus("#im-close", "once the accounts are imported")
	p.closeWithEscape("#im-title", "#settings", "the import panel")
	p.waitFor("nine accounts listed", rowCount+" === 9", stepTimeout)
	p.expectCode("Imported Service 1", imported[0])

	// Export to another app's QR codes: Enter shows them, Enter on Next
	// steps; the focus is never dropped by a button that is disabled.
	openSettings()
	p.tabTo("#open-export-qr", false)
	p.press(kb.Enter)
	p.expectFocus("#qr-show", "in the QR export panel")
	p.press(kb.Enter)
	p.waitVisible("#qr-image", stepTimeout)
	p.expectFocus("#qr-next, #qr-close", "on the first QR code")
	for range 20 {
		if !p.focused("#qr-next") {
			break
		}
		p.press(kb.Enter)
		p.settle()
	}
	p.expectFocus("#qr-close", "at the last QR code")
	p.closeWithEscape("#qr-image", "#settings", "the QR export panel")

	// Transfer: choose the camera with the arrows, show the codes, step
	// through them with the arrow keys and with Enter on Next.
	openSettings()
	p.tabTo("#open-transfer-send", false)
	p.press(kb.Enter)
	p.expectFocus("#tr-show", "in the transfer panel")
	p.tabTo("#tr-for-screen", true)
	// A frame apart, as for the check boxes (see settle): two arrows
	// within one frame of a loaded page once left the focus on the third
	// radio and the second checked.
	p.press(kb.ArrowDown)
	p.settle()
	p.press(kb.ArrowDown)
	p.waitFor("an older camera chosen", `document.getElementById("tr-for-old").checked`, stepTimeout)
	p.expectFocus("#tr-for-old", "after the arrows")
	p.tabTo("#tr-show", false)
	p.press(kb.Enter)
	p.waitVisible("#tr-image", kdfTimeout)
	p.expectFocus("#tr-title", "on the transfer codes")
	shown, count := p.trCount()
	if shown != 1 || count < 3 {
		t.Fatalf("the transfer shows code %d of %d, want 1 of at least 3", shown, count)
	}
	p.press(kb.ArrowRight)
	p.waitFor("the second code", `/\b2\b/.test(document.getElementById("tr-count").textContent)`, stepTimeout)
	p.press(kb.ArrowLeft)
	p.waitFor("the first code again", `/\b1\b/.test(document.getElementById("tr-count").textContent)`, stepTimeout)
	p.tabTo("#tr-next", false)
	p.expectFocusVisible("the Next button")
	for i := 1; i < count; i++ {
		p.press(kb.Enter)
		p.waitFor(fmt.Sprintf("code %d", i+1), fmt.Sprintf(`/\b%d\b/.test(document.getElementById("tr-count").textContent)`, i+1), stepTimeout)
	}
	p.waitVisible("#tr-code", stepTimeout)
	// Next is disabled at the last code: the focus moves on to Done.
	p.expectFocus("#tr-done", "at the last code")
	p.closeWithEscape("#tr-image", "#settings", "the transfer codes")
}

// codeNowOrJustBefore reports whether code is key's code now, or a few
// seconds ago (the period may have turned since it was copied).
func codeNowOrJustBefore(key otp.Key, code string) bool {
	for _, d := range []time.Duration{0, -3 * time.Second} {
		want, _ := key.Code(time.Now().Add(d))
		if code == want {
			return true
		}
	}
	return false
}

// chooseWithSpace presses Space on the focused file input, which opens the
// browser's file chooser; the test intercepts the chooser and gives the
// input the file at path, as choosing it there does (see TestKeyboard).
func (p *page) chooseWithSpace(path string) {
	p.t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		p.t.Fatal(err)
	}
	p.do("choosing "+filepath.Base(path)+" with Space", stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, cdppage.SetInterceptFileChooserDialog, cdppage.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
			return err
		}
		ev, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.FileChooserOpened, nil, chromedp.KeyEvent(" ")))
		if err != nil {
			return fmt.Errorf("no file chooser opened: %w", err)
		}
		_, err = chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{abs}, BackendNodeID: ev.BackendNodeID})
		return err
	}))
}

// emulate sets the media features of p's tab, such as
// prefers-reduced-motion and prefers-color-scheme.
func (p *page) emulate(features ...*emulation.MediaFeature) {
	p.t.Helper()
	p.do("emulating media features", stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	}))
}

// motion is what moves on the page: the countdown's computed animation
// and transition, and every element that animates or transitions.
type motion struct {
	Countdown []string // per countdown element: selector, animation, transition
	Moving    []string // elements with an animation or transition
	Seconds   string
	Value     float64
}

const readMotion = `(() => {
	const moving = (cs) => (cs.animationName !== "none" && parseFloat(cs.animationDuration) > 0) ||
		(cs.transitionProperty !== "none" && cs.transitionProperty !== "" && cs.transitionDuration.split(",").some((d) => parseFloat(d) > 0));
	const timer = document.querySelector("li.account .timer");
	const out = { Countdown: [], Moving: [], Seconds: "", Value: 0 };
	if (!timer) return out;
	for (const [el, pseudo, name] of [[timer, null, ".timer"], [timer.querySelector("progress"), null, "progress"],
		[timer.querySelector("progress"), "::-webkit-progress-value", "progress::-webkit-progress-value"],
		[timer.querySelector("progress"), "::-webkit-progress-bar", "progress::-webkit-progress-bar"],
		[timer.querySelector(".seconds"), null, ".seconds"]]) {
		const cs = getComputedStyle(el, pseudo);
		out.Countdown.push(name + ": animation " + cs.animationName + " " + cs.animationDuration + ", transition " + cs.transitionProperty + " " + cs.transitionDuration + (moving(cs) ? " MOVING" : ""));
	}
	for (const el of document.querySelectorAll("*")) {
		for (const pseudo of [null, "::before", "::after"]) {
			const cs = getComputedStyle(el, pseudo);
			if (moving(cs)) out.Moving.push((el.id || el.className || el.tagName) + (pseudo || "") + ": " + cs.animationName + " " + cs.transitionProperty);
		}
	}
	out.Seconds = timer.querySelector(".seconds").textContent;
	out.Value = timer.querySelector("progress").value;
	return out;
})()`

// TestKeyboardReducedMotion checks that with prefers-reduced-motion:
// reduce nothing animates or transitions, the countdown included, while
// the countdown still says how long the code has left; and that axe-core
// runs its color-contrast rule, in both themes.
func TestKeyboardReducedMotion(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "still, please"
	key := totpKey(randomSecret(t))
	p.seedVault(password, []vault.Account{newAccount(t, "Calm Co", "sam", key)})
	p.emulate(&emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
	p.navigate("/")
	p.unlock(password)
	p.waitFor("the countdown drawn", `document.querySelector("li.account .seconds").textContent !== ""`, stepTimeout)
	if !evalJS[bool](p, `matchMedia("(prefers-reduced-motion: reduce)").matches`) {
		t.Fatal("the page does not see prefers-reduced-motion: reduce")
	}
	// A spinner, as a busy button shows one, must stand still too.
	evalJS[chromedp.Void](p, `(() => { const s = document.createElement("span"); s.className = "spinner small"; s.id = "e2e-spinner"; document.querySelector("main").append(s); })()`)
	m := evalJS[motion](p, readMotion)
	for _, c := range m.Countdown {
		if strings.HasSuffix(c, "MOVING") {
			t.Errorf("with reduced motion, the countdown moves: %s", c)
		}
	}
	if len(m.Moving) > 0 {
		t.Errorf("with reduced motion, these still animate or transition: %q", m.Moving)
	}
	left, err := strconv.Atoi(m.Seconds)
	if err != nil || left < 1 || left > 30 || m.Value != float64(left) {
		t.Errorf("with reduced motion, the countdown shows %q seconds and a bar at %v, want the same number from 1 to 30", m.Seconds, m.Value)
	}
	// The countdown still counts: its number changes with the seconds.
	p.waitFor("the countdown to count", `document.querySelector("li.account .seconds").textContent !== `+jsString(m.Seconds), stepTimeout)
	p.shot("keyboard-reduced-motion")

	// Without the preference the spinner turns: the check above can see
	// an animation.
	p.emulate(&emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "no-preference"})
	if name := evalJS[string](p, `getComputedStyle(document.getElementById("e2e-spinner")).animationName`); name == "none" {
		t.Error("without reduced motion the spinner does not turn either: the check proves nothing")
	}
	evalJS[chromedp.Void](p, `document.getElementById("e2e-spinner").remove()`)

	// axe-core's color-contrast rule is on, and runs on this screen, in
	// both themes (TestEveryScreen runs all of axe's rules on every screen).
	src := axeSource(t)
	evalJS[any](p, src+";0")
	for _, scheme := range []string{"light", "dark"} {
		p.emulate(&emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
		res := evalJS[map[string]int](p, `(() => {
			const on = axe.getRules().some((r) => r.ruleId === "color-contrast");
			return axe.run(document, { resultTypes: ["violations"] }).then((r) => ({
				on: on ? 1 : 0,
				ran: ["violations", "passes", "incomplete"].some((k) => r[k].some((v) => v.id === "color-contrast")) ? 1 : 0,
				violations: r.violations.filter((v) => v.id === "color-contrast").length,
			}));
		})()`)
		if res["on"] != 1 || res["ran"] != 1 {
			t.Errorf("%s: axe-core's color-contrast rule is not among the rules run (%v)", scheme, res)
		}
		if res["violations"] > 0 {
			t.Errorf("%s: axe-core finds text without enough contrast", scheme)
		}
		// The focus rings, on a few controls of each kind.
		p.press(kb.Tab)
		for _, sel := range []string{"#search", "#add", "#settings", "li.account button.code-button", "li.account button.edit", "#move-out"} {
			p.tabTo(sel, false)
			p.expectFocusVisible(scheme + " theme, " + sel)
		}
		p.tabTo("#lock", true)
		p.expectFocusVisible(scheme + " theme, #lock")
	}
}
