package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"twofold.app/app/i18n"
)

// preferLanguages makes the page's navigator.languages (and the
// Accept-Language header) those of acceptLanguage, as a browser set up
// in that language has them. It applies to the next navigation.
func (p *page) preferLanguages(acceptLanguage string) {
	p.t.Helper()
	p.do("preferring "+acceptLanguage, stepTimeout, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		v, err := chromedp.Call(ctx, browser.GetVersion, cdp.Empty{})
		if err != nil {
			return err
		}
		_, err = chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: v.UserAgent, AcceptLanguage: acceptLanguage,
		})
		return err
	}))
}

// TestLanguage checks that the app starts in the browser's language, that
// the language chosen in the page wins over it and is remembered across a
// reload, and that <html lang> follows.
func TestLanguage(t *testing.T) {
	s := testSite(t)
	p := openPage(t, newServer(t, s.Dir))
	p.preferLanguages("fr-FR,ja,en")
	p.navigate("/")
	p.waitVisible("#setup-password", stepTimeout)
	p.waitFor("the page in Japanese", `document.documentElement.lang === "ja"`, stepTimeout)
	if got := evalJS[[]string](p, `navigator.languages`); len(got) == 0 || got[0] != "fr-FR" {
		t.Fatalf("navigator.languages = %q: the browser's languages were not set", got)
	}
	if got, want := evalJS[string](p, `document.getElementById("top-lang").getAttribute("aria-label")`), i18n.Japanese.T(i18n.Language); got != want {
		t.Errorf("the language select is named %q, want %q", got, want)
	}
	if got := evalJS[string](p, `document.getElementById("top-lang").value`); got != "ja" {
		t.Errorf("the language select shows %q, want ja", got)
	}
	p.shot("lang-setup-ja")

	p.choose("#top-lang", "en")
	p.waitFor("the page in English", `document.documentElement.lang === "en"`, stepTimeout)
	if got, want := evalJS[string](p, `document.getElementById("top-lang").getAttribute("aria-label")`), i18n.English.T(i18n.Language); got != want {
		t.Errorf("after choosing English, the language select is named %q, want %q", got, want)
	}
	if got := evalJS[string](p, `localStorage.getItem("twofold.lang")`); got != "en" {
		t.Errorf("the choice is kept as %q, want en", got)
	}

	// The choice outlives the page, and wins over the browser's languages.
	p.reload()
	p.waitVisible("#setup-password", stepTimeout)
	p.waitFor("the page in English again", `document.documentElement.lang === "en" && document.getElementById("top-lang").value === "en"`, stepTimeout)
}
