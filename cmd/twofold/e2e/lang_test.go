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
// reload, that <html lang> follows, and that a message already shown is
// read in the language chosen after it.
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

	// A message shown in English is read in Japanese after the switch,
	// and in English again after the switch back.
	p.typeText("#setup-password", "a long vault password")
	p.typeText("#setup-confirm", "a long vault passwort")
	p.click("#setup-submit")
	p.waitVisible("#setup-error", stepTimeout)
	for _, l := range []i18n.Lang{i18n.English, i18n.Japanese, i18n.English} {
		p.choose("#top-lang", l.Tag())
		p.waitFor("the page in "+l.Name(), `document.documentElement.lang === `+jsString(l.Tag()), stepTimeout)
		if got, want := p.text("#setup-error"), l.T(i18n.SetupDiffer); got != want {
			t.Errorf("in %s the setup screen's error reads %q, want %q", l.Tag(), got, want)
		}
		if l == i18n.Japanese {
			p.shot("lang-setup-error-ja")
		}
	}

	// The choice outlives the page, and wins over the browser's languages.
	p.reload()
	p.waitVisible("#setup-password", stepTimeout)
	p.waitFor("the page in English again", `document.documentElement.lang === "en" && document.getElementById("top-lang").value === "en"`, stepTimeout)
}
