//go:build !js

package e2e

// The first screen before the app runs: the page's boot script
// (static/boot.js) shows the prerendered unlock or create form, holds back
// what is pressed in it, and hands what was typed over to the app when it
// mounts.

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"twofold.app/app/i18n"
	"twofold.app/app/vault"
)

// appRunning is true once go-app has started: app.js removes its loading
// screen right after the wasm program's first run.
const appRunning = `document.getElementById("app-wasm-loader") === null`

// navigateHeld opens the app with its program, app.wasm, held back by srv,
// and waits for the field sel of the form the boot script draws: the page
// as it is before the app runs. release lets the program through.
func (p *page) navigateHeld(srv *server, sel string) (release func()) {
	p.t.Helper()
	release = srv.hold(p.t, "/web/app.wasm")
	p.navigate("/")
	p.waitVisible(sel, stepTimeout)
	return release
}

// TestUnlockBeforeApp types the password and presses Unlock while app.wasm
// is held back by the network: the form is there and usable, the press is
// held, and once the program arrives the vault opens with what was typed.
func TestUnlockBeforeApp(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const password = "typed before the app"
	key := totpKey(randomSecret(t))
	p.seedVault(password, []vault.Account{newAccount(t, "Early Bird", "eve", key)})
	release := p.navigateHeld(srv, "#unlock-password")
	if evalJS[bool](p, appRunning) {
		t.Fatal("the app runs although app.wasm is held back")
	}
	if got := evalJS[string](p, `document.activeElement.id`); got != "unlock-password" {
		t.Errorf("the focus is on %q, want the password", got)
	}
	// go-app prerenders a boolean attribute that is off as ="false" (on, to
	// HTML) and aria-hidden as a bare attribute (not set, to ARIA): the
	// boot script repairs both in what it shows.
	if !evalJS[bool](p, `document.getElementById("boot-unlock-en").content.querySelector("[disabled=false]") !== null && document.querySelector(".brand-icon[aria-hidden]") !== null`) {
		t.Error(`the prerender has no disabled="false" or no aria-hidden on the brand icon any more: the boot script's repair is not exercised (or no longer needed)`)
	}
	if got := evalJS[[]string](p, `[...document.querySelectorAll("[disabled=false], [required=false], [autofocus=false], [readonly=false], [aria-hidden=''], [aria-busy='']")].map((e) => e.outerHTML.slice(0, 100))`); len(got) > 0 {
		t.Errorf("before the app, attributes left as go-app prerenders them: %q", got)
	}
	// Drawn by the boot script: it must look as the app draws it.
	p.lookAt("boot-unlock")
	p.typeText("#unlock-password", password)
	p.click("#unlock-submit")
	if !evalJS[bool](p, `document.getElementById("unlock-submit").getAttribute("aria-busy") === "true"`) {
		t.Error("the held-back unlock is not shown as under way")
	}
	if got := evalJS[string](p, `location.href`); got != srv.URL+"/" {
		t.Errorf("pressing Unlock before the app led to %s", got)
	}
	if evalJS[bool](p, appRunning) {
		t.Fatal("the app runs although app.wasm is held back")
	}
	release()
	p.waitVisible("section.vault", kdfTimeout)
	p.expectCode("Early Bird", key)
	expectNoSecretInRequests(t, p, password)
}

// TestUnlockWhileAppStarts types the password's first half before app.wasm
// arrives, lets it arrive, and types the rest a key at a time, without
// touching the field again, while the app starts and replaces the form,
// then presses Enter: every key must reach the field, the caret must stay
// at its end, and the vault must open.
func TestUnlockWhileAppStarts(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const first, rest = "every key ", "counts, to the very last one"
	key := totpKey(randomSecret(t))
	p.seedVault(first+rest, []vault.Account{newAccount(t, "Keystrokes", "kim", key)})
	release := p.navigateHeld(srv, "#unlock-password")
	p.typeText("#unlock-password", first)
	release()
	typedAfter := -1
	for i, r := range rest {
		if typedAfter < 0 && evalJS[bool](p, appRunning) {
			typedAfter = i
		}
		p.do("typing", stepTimeout, chromedp.KeyEvent(string(r)))
		time.Sleep(15 * time.Millisecond)
	}
	t.Logf("the app started after %d of the %d keys typed after release", typedAfter, len(rest))
	if typedAfter == 0 {
		t.Log("the app started before the second half was typed: the hand-over was not under typing this time")
	}
	p.waitFor("the app", appRunning, stepTimeout)
	if got := evalJS[string](p, `document.getElementById("unlock-password").value`); got != first+rest {
		t.Fatalf("the field holds %q, want %q", got, first+rest)
	}
	if got := evalJS[string](p, `document.activeElement.id`); got != "unlock-password" {
		t.Errorf("the focus is on %q, want the password", got)
	}
	p.do("pressing Enter", stepTimeout, chromedp.KeyEvent("\r"))
	p.waitVisible("section.vault", kdfTimeout)
	p.expectCode("Keystrokes", key)
	expectNoSecretInRequests(t, p, first+rest)
}

// TestSetupBeforeApp presses Restore on the create form before app.wasm
// arrives: the press is held, and the app then opens the restore screen.
// It also creates a vault typed before the app runs, in a second profile.
func TestSetupBeforeApp(t *testing.T) {
	s := testSite(t)
	t.Run("restore", func(t *testing.T) {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		release := p.navigateHeld(srv, "#setup-password")
		p.click("#setup-restore")
		if evalJS[bool](p, appRunning) {
			t.Fatal("the app runs although app.wasm is held back")
		}
		release()
		p.waitVisible("label[for=rs-file]", stepTimeout)
	})
	t.Run("ja", func(t *testing.T) {
		// The boot script draws the form in the person's language, as
		// the app will.
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		p.preferLanguages("fr-FR,ja,en")
		release := p.navigateHeld(srv, "#setup-password")
		if got := evalJS[string](p, `document.documentElement.lang + " " + document.querySelector("main h1").textContent + " " + document.getElementById("top-lang").value + " " + document.getElementById("top-lang").getAttribute("aria-label")`); got != "ja "+i18n.Japanese.T(i18n.SetupTitle)+" ja "+i18n.Japanese.T(i18n.Language) {
			t.Errorf("before the app, the page shows %q", got)
		}
		p.lookAt("boot-setup-ja")
		// Chosen before the app runs: drawn again, what was typed kept,
		// and remembered as the app remembers it.
		p.typeText("#setup-password", "kept across languages")
		p.choose("#top-lang", "en")
		if got := evalJS[string](p, `document.documentElement.lang + " " + document.querySelector("main h1").textContent + " " + document.getElementById("setup-password").value + " " + localStorage.getItem("twofold.lang")`); got != "en "+i18n.English.T(i18n.SetupTitle)+" kept across languages en" {
			t.Errorf("after choosing English before the app, the page shows %q", got)
		}
		if evalJS[bool](p, appRunning) {
			t.Fatal("the app runs although app.wasm is held back")
		}
		release()
		p.waitFor("the app", appRunning, stepTimeout)
		if got := evalJS[string](p, `document.documentElement.lang + " " + document.querySelector("main h1").textContent + " " + document.getElementById("setup-password").value + " " + document.getElementById("top-lang").value`); got != "en "+i18n.English.T(i18n.SetupTitle)+" kept across languages en" {
			t.Errorf("once the app runs, the page shows %q", got)
		}
	})
	t.Run("create", func(t *testing.T) {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		const password = "created before the app ran"
		release := p.navigateHeld(srv, "#setup-password")
		p.lookAt("boot-setup")
		p.typeText("#setup-password", password)
		p.typeText("#setup-confirm", password)
		p.click("#setup-submit")
		release()
		p.waitVisible("section.vault", kdfTimeout)
		expectNoSecretInRequests(t, p, password)
	})
}

// TestUnlockNothingInURL checks that what is typed in the first screen can
// never reach a URL: no input of the page or of its prerendered forms has a
// name (a form's submission to a URL carries only named fields), no form
// names an action, and a submission before and after the app runs, right
// or wrong, sends nothing and leaves the address as it was.
func TestUnlockNothingInURL(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const password = "never in a url?&#"
	p.seedVault(password, nil)
	release := p.navigateHeld(srv, "#unlock-password")
	const named = `(() => {
		const found = [];
		const look = (root) => {
			for (const el of root.querySelectorAll("input, select, textarea, button")) if (el.hasAttribute("name")) found.push(el.id || el.tagName);
			for (const f of root.querySelectorAll("form")) if (f.hasAttribute("action") || f.hasAttribute("formaction")) found.push("form " + f.id);
			for (const tpl of root.querySelectorAll("template")) look(tpl.content);
		};
		look(document);
		return found;
	})()`
	if got := evalJS[[]string](p, named); len(got) > 0 {
		t.Errorf("before the app, named fields or form actions: %q", got)
	}
	if n := evalJS[int](p, `document.querySelectorAll("template[id^=boot-]").length`); n == 0 {
		t.Error("the page has no prerendered forms")
	}
	// A wrong password first, by Enter, held back until the app runs.
	p.typeText("#unlock-password", "wrong "+password)
	p.do("pressing Enter", stepTimeout, chromedp.KeyEvent("\r"))
	if got := evalJS[string](p, `location.href`); got != srv.URL+"/" {
		t.Errorf("Enter before the app led to %s", got)
	}
	release()
	p.waitVisible("#unlock-error", kdfTimeout)
	if got := evalJS[[]string](p, named); len(got) > 0 {
		t.Errorf("with the app, named fields or form actions: %q", got)
	}
	p.typeText("#unlock-password", password)
	p.click("#unlock-submit")
	p.waitVisible("section.vault", kdfTimeout)
	if got := evalJS[string](p, `location.href`); got != srv.URL+"/" {
		t.Errorf("unlocking led to %s", got)
	}
	expectNoSecretInRequests(t, p, password)
	expectNoSecretInRequests(t, p, "wrong "+password)
}

// TestAppFailsToLoad makes app.wasm fail while the boot script's form is
// shown, after Unlock was pressed in it: the form must say so, in the
// page's language, and no longer show the held-back unlock as under way.
// The server either refuses the file or sends a damaged one, which fails
// to compile.
func TestAppFailsToLoad(t *testing.T) {
	s := testSite(t)
	wasm, err := os.ReadFile(filepath.Join(s.Dir, "web", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		prefer string
		lang   i18n.Lang
		answer http.HandlerFunc
	}{
		{"refused", "en", i18n.English, func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
		}},
		{"damaged", "ja,en", i18n.Japanese, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/wasm")
			w.Write(wasm[:len(wasm)/2])
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, s.Dir)
			p := openPage(t, srv)
			p.rec.allow(`loading wasm failed|status of 503|app\.wasm`)
			p.preferLanguages(tt.prefer)
			p.seedVault("never used", nil)
			release := p.navigateHeld(srv, "#unlock-password")
			p.typeText("#unlock-password", "typed before it failed")
			p.click("#unlock-submit")
			srv.answerInstead(t, "/web/app.wasm", tt.answer)
			release()
			p.waitVisible("#boot-error", stepTimeout)
			if got, want := p.text("#boot-error"), tt.lang.T(i18n.AppLoadFailed); got != want {
				t.Errorf("the form says %q, want %q", got, want)
			}
			if got := evalJS[string](p, `document.documentElement.lang + " " + document.getElementById("boot-error").getAttribute("role")`); got != tt.lang.Tag()+" alert" {
				t.Errorf("lang and role: %q", got)
			}
			if evalJS[bool](p, `document.getElementById("unlock-submit").hasAttribute("aria-busy") || document.querySelector("#unlock-submit .spinner") !== null`) {
				t.Error("the unlock held back is still shown as under way")
			}
			if evalJS[bool](p, appRunning) {
				t.Error("the app runs although app.wasm failed")
			}
			if tt.name == "refused" {
				p.lookAt("boot-failed")
			}
		})
	}
}

// TestPressAcrossHandOver presses Unlock with the mouse on the boot
// script's form and releases it on the app's, which replaced the form in
// between: the press must not be lost (a browser sends no click for a
// press and a release on two elements).
func TestPressAcrossHandOver(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	const password = "pressed across the hand-over"
	key := totpKey(randomSecret(t))
	p.seedVault(password, []vault.Account{newAccount(t, "Straddle", "sam", key)})
	release := p.navigateHeld(srv, "#unlock-password")
	p.typeText("#unlock-password", password)
	xy := evalJS[[]float64](p, `(() => {
		const b = document.getElementById("unlock-submit");
		window.twofoldPressed = b;
		const r = b.getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2];
	})()`)
	p.do("pressing the mouse on Unlock", stepTimeout, chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, xy[0], xy[1], chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)))
	release()
	p.waitFor("the app to replace the button", appRunning+` && !window.twofoldPressed.isConnected && document.getElementById("unlock-submit") !== null`, stepTimeout)
	if got := evalJS[[]float64](p, `(() => { const r = document.getElementById("unlock-submit").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`); got[0] != xy[0] || got[1] != xy[1] {
		t.Fatalf("the app's Unlock is at %v, the boot form's was at %v: the release would not be on it", got, xy)
	}
	p.do("releasing the mouse on Unlock", stepTimeout, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, xy[0], xy[1], chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)))
	p.waitVisible("section.vault", kdfTimeout)
	p.expectCode("Straddle", key)
}

// expectNoSecretInRequests fails t if any request the page's tabs sent
// has secret, as it is or URL-encoded, in its URL.
func expectNoSecretInRequests(t *testing.T, p *page, secret string) {
	t.Helper()
	p.rec.mu.Lock()
	defer p.rec.mu.Unlock()
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
	for _, u := range p.rec.requests {
		for _, f := range forms {
			if strings.Contains(u, f) {
				t.Errorf("a request carried what was typed: %s", u)
			}
		}
	}
	if len(p.rec.requests) == 0 {
		t.Error("no request was recorded: the check saw nothing")
	}
}

// TestHandOverFocusEngines types in the create form's second field before
// app.wasm arrives, in each engine, and lets the app mount: the focus must
// stay in that field, with what was typed in both. WebKit focuses the app's
// autofocus field (the first) as it mounts, and the keys typed next went
// there (TestEngines/webkit/Vault lost two keys of the confirmation).
func TestHandOverFocusEngines(t *testing.T) {
	s := testSite(t)
	for _, d := range engines {
		t.Run(d.name(), func(t *testing.T) {
			// The mount's timing varies: a few rounds, each in a fresh
			// profile.
			for round := range 3 {
				t.Run(fmt.Sprint(round), func(t *testing.T) {
					srv := newServer(t, s.Dir)
					p := openJourney(t, d, srv)
					release := srv.hold(t, "/web/app.wasm")
					p.navigate("/")
					p.waitVisible("#setup-password", stepTimeout)
					p.typeText("#setup-password", journeyPassword)
					p.typeText("#setup-confirm", "half of it")
					release()
					p.waitFor("the app", appRunning, stepTimeout)
					const state = `document.activeElement.id + " " + document.getElementById("setup-password").value.length + " " + document.getElementById("setup-confirm").value`
					if got, want := jeval[string](p, state), fmt.Sprintf("setup-confirm %d half of it", len(journeyPassword)); got != want {
						t.Errorf("once the app runs, focus, password length and confirmation are %q, want %q", got, want)
					}
				})
			}
			// A field focused and not yet typed in has sent no input
			// event, and in a window without the system's focus (Firefox
			// here) no focus event either: the focus must still come
			// back to it. It did not, and the keys typed next went to the
			// page (TestEngines/firefox/Vault lost the password so).
			t.Run("focused", func(t *testing.T) {
				srv := newServer(t, s.Dir)
				p := openJourney(t, d, srv)
				release := srv.hold(t, "/web/app.wasm")
				p.navigate("/")
				p.waitVisible("#setup-password", stepTimeout)
				if !jeval[bool](p, selectForTyping("#setup-confirm")) {
					t.Fatal("#setup-confirm could not be focused")
				}
				release()
				p.waitFor("the app", appRunning, stepTimeout)
				if got := jeval[string](p, `document.activeElement.id`); got != "setup-confirm" {
					t.Errorf("once the app runs, the focus is on %q, want setup-confirm", got)
				}
				p.typeText("#setup-confirm", "typed after")
			})
		})
	}
}

// TestLanguageBeforeApp chooses the language on the boot script's create
// form, before app.wasm arrives, and lets the app mount: the focus stays on
// the language select, where the person left it, and the text typed next
// into the first field (focused from a script, as assistive technology or
// a password manager does) stays there. The app's first field carried an
// autofocus attribute, which the boot script answered by putting back any
// focus that went to it for two seconds after the mount: this focus too,
// and the keys went to the select (TestLanguage failed so under load).
func TestLanguageBeforeApp(t *testing.T) {
	s := testSite(t)
	srv := newServer(t, s.Dir)
	p := openPage(t, srv)
	p.preferLanguages("ja,en")
	release := p.navigateHeld(srv, "#setup-password")
	p.choose("#top-lang", "en")
	p.waitFor("the boot script's form in English", `document.documentElement.lang === "en" && document.getElementById("setup-password") !== null`, stepTimeout)
	release()
	p.waitFor("the app", appRunning, stepTimeout)
	p.expectFocus("#top-lang", "once the app runs after the language was chosen")
	if got := evalJS[int](p, `document.querySelectorAll("[autofocus]").length`); got != 0 {
		t.Errorf("%d elements of the app carry autofocus: Firefox and WebKit focus one at the frame after the mount, from wherever the person is", got)
	}
	p.typeText("#setup-password", "a long vault password")
	p.typeText("#setup-confirm", "a long vault password")
	p.click("#setup-submit")
	p.waitVisible("#empty", kdfTimeout)
}

// TestHeldVaultFormFirst checks the boot script's early form: where the
// browser's preference says it holds a vault, the unlock form is drawn
// before IndexedDB answers (which comes after the page's other work, the
// app's program starting among it), and taken away again when IndexedDB
// then says the vault is gone, for the app to say so.
func TestHeldVaultFormFirst(t *testing.T) {
	s := testSite(t)
	const when = `[window.twofoldBoot.drawn, window.twofoldBoot.answered, window.twofoldBoot.taken].map(Math.round)`
	t.Run("held", func(t *testing.T) {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		p.seedVault("held here", nil)
		p.markHeld()
		release := p.navigateHeld(srv, "#unlock-password")
		p.waitFor("IndexedDB's answer to the boot script", `window.twofoldBoot.answered > 0`, stepTimeout)
		if got := evalJS[[]int](p, when); got[0] < 0 || got[0] > got[1] || got[2] >= 0 {
			t.Errorf("form drawn at %d ms, IndexedDB answered at %d, form taken away at %d: want it drawn before the answer and kept", got[0], got[1], got[2])
		}
		p.waitVisible("#unlock-password", stepTimeout)
		release()
		p.waitFor("the app running", appRunning, stepTimeout)
		p.waitVisible("#unlock-password", stepTimeout)
	})
	t.Run("gone", func(t *testing.T) {
		srv := newServer(t, s.Dir)
		p := openPage(t, srv)
		p.markHeld() // and no vault: evicted
		release := srv.hold(t, "/web/app.wasm")
		p.navigate("/")
		p.waitFor("IndexedDB's answer to the boot script", `window.twofoldBoot.answered > 0`, stepTimeout)
		if got := evalJS[[]int](p, when); got[0] >= 0 || got[2] < 0 || got[2] < got[1] {
			t.Errorf("form drawn at %d ms (-1: none now), IndexedDB answered at %d, form taken away at %d: want it drawn early and taken away at the answer", got[0], got[1], got[2])
		}
		if evalJS[bool](p, `document.getElementById("unlock-password") !== null || document.documentElement.classList.contains("booted")`) {
			t.Error("the unlock form is still in the page, or the loading screen still hidden, after IndexedDB said the vault is gone")
		}
		release()
		p.waitVisible("#setup-gone", stepTimeout)
		// No form was left to hand the focus over: the app puts it in
		// its first field.
		p.expectFocus("#setup-password", "on the create form after the vault was found gone")
	})
}
