//go:build !js

package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// TestJapaneseVault opens a vault in Japanese and checks what changes with
// the language on the unlock screen, the list and the add and edit panels:
// the texts are Japanese, axe-core finds no critical or serious violation,
// and every button's visible text is in its name, also on a copied code,
// although the words only a screen reader speaks follow the account in
// Japanese instead of leading it; and the list fits a phone's width.
// Last, an error of the settings shown in English is read in Japanese
// after the language is switched there.
func TestJapaneseVault(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	const password = "日本語で開く"
	p.seedVault(password, []vault.Account{
		newAccount(t, "GitHub", "alice@example.com", totpKey(randomSecret(t))),
		newAccount(t, "Bank", "", otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 3, Secret: randomSecret(t)}),
	})
	evalJS[any](p, `localStorage.setItem("twofold.lang", "ja"), 0`)
	p.grantClipboard()
	p.navigate("/")
	p.waitVisible("#unlock-password", stepTimeout)
	if h := p.text("h1"); h != "保管庫のロックを解除" {
		t.Errorf("the unlock screen's heading is %q", h)
	}
	p.axeCheck("unlock in Japanese")
	p.unlock(password)
	p.waitFor("two accounts", rowCount+" === 2", stepTimeout)

	if h := p.text("#vault-title"); h != "アカウント一覧" {
		t.Errorf("the vault screen's hidden heading is %q", h)
	}
	names := buttonNames(p)
	if !slices.ContainsFunc(names, func(n string) bool {
		return strings.HasPrefix(n, "GitHub alice@example.com ") && strings.HasSuffix(n, " のコードをコピー")
	}) {
		t.Errorf("no copy button is named for GitHub in Japanese: %q", names)
	}
	p.expectLabelsInNames("vault")
	p.axeCheck("vault in Japanese")
	// The countdown, drawn by a script, speaks Japanese too.
	p.waitFor("a countdown labelled in Japanese",
		`/^コードが変わるまであと [0-9]+ 秒$/.test(document.querySelector("#accounts .timer").getAttribute("aria-label"))`, stepTimeout)
	p.shot("japanese-vault")
	p.do("emulating a phone", stepTimeout, chromedp.EmulateViewport(375, 740))
	if w := evalJS[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("the vault in Japanese on a phone is %d px wide, wider than the screen's %d px", w[0], w[1])
	}
	p.shot("japanese-vault-phone")

	p.click("li.account button.code-button")
	p.waitFor("the code marked as copied", `document.querySelector("li.account .copied").textContent === "コピーしました"`, stepTimeout)
	p.expectLabelsInNames("vault with a copied code")

	p.click("#add")
	p.waitVisible("#uri-use", stepTimeout)
	p.axeCheck("add in Japanese")
	p.typeText("#f-issuer", "Example")
	p.typeText("#f-secret", "JBSWY3DP1")
	p.click("#account-save")
	p.waitVisible("#f-secret-error", stepTimeout)
	if msg := p.text("#f-secret-error"); !strings.Contains(msg, "9 文字目") {
		t.Errorf("the secret's error in Japanese is %q", msg)
	}
	p.shot("japanese-add-error")
	p.click("#account-cancel")
	p.waitVisible("#accounts", stepTimeout)
	p.click("li.account button.edit")
	p.click("#account-delete")
	p.waitVisible("#confirm-delete", stepTimeout)
	if h := p.text("#confirm-title"); !strings.HasSuffix(h, "を削除しますか？") {
		t.Errorf("the confirmation asks %q", h)
	}
	p.axeCheck("delete confirmation in Japanese")
	p.shot("japanese-confirm-delete")
	p.click("#confirm-delete-no")
	// The question goes at the next frame, and the page, scrolled down to
	// it at phone width, scrolls back: a click meanwhile misses.
	p.waitGone("#confirm-delete", stepTimeout)
	p.click("#account-cancel")
	p.waitVisible("#accounts", stepTimeout)

	// A panel's error shown in English is read in Japanese once the
	// language is switched in the same panel.
	p.openSettings()
	p.choose("#settings-lang", "en")
	p.waitFor("the page in English", `document.documentElement.lang === "en"`, stepTimeout)
	p.typeText("#pw-current", password)
	p.typeText("#pw-new", "short")
	p.typeText("#pw-again", "short")
	p.click("#pw-submit")
	p.waitVisible("#pw-error", stepTimeout)
	if got, want := p.text("#pw-error"), i18n.English.T(i18n.SettingsTooShort); got != want {
		t.Errorf("the password's error in English is %q, want %q", got, want)
	}
	p.shot("japanese-settings-error-en")
	p.choose("#settings-lang", "ja")
	p.waitFor("the page in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
	if got, want := p.text("#pw-error"), i18n.Japanese.T(i18n.SettingsTooShort); got != want {
		t.Errorf("after the switch to Japanese, the password's error is %q, want %q", got, want)
	}
	p.shot("japanese-settings-error-ja")
}
