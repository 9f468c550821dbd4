package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/scan"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// TransferReceivePanel receives accounts from another device or browser:
// it reads the transfer codes (camera, screen capture or images), shows
// which are in and which are missing, then asks for the verification code
// and hands the accounts over for review. It needs no unlocked vault, so
// that a fresh browser can start with it.
type TransferReceivePanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Svc Services
	// First holds the texts of codes already read elsewhere (the add
	// account scanner, which recognised a transfer code).
	First []string
	// OnAccounts receives the accounts once the code opened them.
	OnAccounts func(ctx app.Context, accounts []vault.Account)
	OnCancel   func(ctx app.Context)

	started  bool
	session  scan.Session
	progress scan.Progress
	sealed   *transfer.Sealed
	code     string
	busy     bool
	// last is the number of the code read last, from 1, or 0.
	last    int
	problem shown
	codeErr error
}

// OnMount reads the codes handed over by the add-account scanner.
func (p *TransferReceivePanel) OnMount(ctx app.Context) {
	if !p.started && len(p.First) > 0 {
		p.started = true
		p.onTexts(ctx, p.First)
	}
}

// OnDismount forgets the transfer: nothing of it outlives the screen.
func (p *TransferReceivePanel) OnDismount() { p.reset() }

func (p *TransferReceivePanel) reset() {
	p.session.Reset()
	p.progress, p.sealed = scan.Progress{}, nil
	p.code, p.last, p.problem, p.codeErr, p.busy = "", 0, nil, nil, false
}

func (p *TransferReceivePanel) onRestart(ctx app.Context, e app.Event) { p.reset() }

func (p *TransferReceivePanel) onCancel(ctx app.Context, e app.Event) {
	p.reset()
	if p.OnCancel != nil {
		p.OnCancel(ctx)
	}
}

// onStart lets a code read before count again from a new source.
func (p *TransferReceivePanel) onStart(ctx app.Context) {
	p.problem = nil
	p.session.ForgetLast()
}

// onTexts reads the texts of the codes decoded at once, and stops the
// scanner once every code is in.
func (p *TransferReceivePanel) onTexts(ctx app.Context, texts []string) (stop bool) {
	if p.sealed != nil {
		return true
	}
	for _, e := range p.session.Add(texts...) {
		switch e := e.(type) {
		case *scan.Progress:
			if e.Kind != scan.KindTransfer {
				// A Google Authenticator export is not gathered here.
				p.session.Reset()
				p.problem = notTransfer(scan.KindMigration)
				continue
			}
			if !e.Repeated {
				p.progress, p.last, p.problem = *e, e.Index+1, nil
			}
		case *scan.Transfer:
			p.sealed, p.problem = e.Sealed, nil
			p.progress.Have, p.progress.Missing = p.progress.Total, nil
			focus(ctx, p.Svc, "tr-verify")
			return true
		case *scan.Account:
			p.problem = notTransfer(scan.KindAccount)
		case *scan.Export:
			p.problem = notTransfer(scan.KindMigration)
		case *scan.Problem:
			p.problem = func(l i18n.Lang) string { return scanProblem(l, e) }
		}
	}
	return false
}

// statusLine says what the codes read so far give: the code read last and
// how many are in, or that all are.
func (p *TransferReceivePanel) statusLine(l i18n.Lang) string {
	switch {
	case p.sealed != nil:
		return l.N(i18n.TransferAllIn, max(p.progress.Total, 1))
	case p.last > 0:
		return l.F(i18n.TransferCodeRead, p.last, receivedLine(l, &p.progress))
	}
	return l.T(i18n.TransferNoneYet)
}

// receivedLine says how many codes are in and which are missing.
func receivedLine(l i18n.Lang, prog *scan.Progress) string {
	if len(prog.Missing) == 0 {
		return l.N(i18n.TransferHave, prog.Total, l.Number(prog.Have))
	}
	const shown = 12
	parts := make([]string, 0, shown)
	for i, m := range prog.Missing {
		if i == shown {
			break
		}
		parts = append(parts, strconv.Itoa(m+1))
	}
	missing := strings.Join(parts, l.T(i18n.TransferListSep))
	if n := len(prog.Missing) - shown; n > 0 {
		missing = l.F(i18n.TransferMissingMore, missing, l.Number(n))
	}
	return l.N(i18n.TransferHaveMissing, prog.Total, l.Number(prog.Have), missing)
}

// notTransfer says that a code of kind is not a transfer code.
func notTransfer(kind scan.Kind) shown {
	if kind == scan.KindAccount {
		return showMsg(i18n.TransferSingleAccount)
	}
	return showMsg(i18n.TransferNotExport)
}

// describeCode words the errors of opening a transfer with a typed code.
// The codes' own problems are scanProblem's.
func describeCode(l i18n.Lang, err error) string {
	if errors.Is(err, transfer.ErrWrongCode) {
		return l.T(i18n.TransferWrongCode)
	}
	var typo *transfer.TypoError
	if !errors.As(err, &typo) {
		return describe(l, err)
	}
	switch {
	case typo.Kind == transfer.TypoLength && typo.Len == 0:
		return l.T(i18n.TransferTypeCode)
	case typo.Kind == transfer.TypoLength:
		return l.N(i18n.TransferTypoLength, typo.Len)
	case typo.Kind == transfer.TypoCheck:
		return l.T(i18n.TransferTypoCheck)
	case typo.Kind == transfer.TypoChar && unicode.IsSpace(typo.Char):
		return l.T(i18n.TransferTypoSpace)
	case typo.Kind == transfer.TypoChar && isDash(typo.Char):
		return l.F(i18n.TransferTypoDash, string(typo.Char))
	case typo.Kind == transfer.TypoChar && unicode.IsPrint(typo.Char):
		return l.F(i18n.TransferTypoChar, string(typo.Char))
	case typo.Kind == transfer.TypoChar:
		return l.F(i18n.TransferTypoChar, fmt.Sprintf("U+%04X", typo.Char))
	}
	return l.F(i18n.TransferTypo, typo.Problem)
}

// isDash reports whether r looks like the dash between the groups of a
// verification code: a dash other than those a code may be typed with, a
// minus sign, or the long-vowel mark that a Japanese keyboard types for
// the dash key.
func isDash(r rune) bool {
	return unicode.Is(unicode.Pd, r) || r == '−' || r == 'ー' || r == 'ｰ' || r == '－'
}

func (p *TransferReceivePanel) onCode(ctx app.Context, e app.Event) {
	p.code = ctx.JSSrc().Get("value").String()
	p.codeErr = nil
}

// onOpen opens the transfer with the typed code. A mistyped code is
// reported at once, before any key derivation; a wrong one after it, and
// the code can be typed again without scanning again.
func (p *TransferReceivePanel) onOpen(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.sealed == nil || p.busy {
		return
	}
	code, err := transfer.ParseCode(p.code)
	if err != nil {
		p.codeErr = err
		return
	}
	sealed, derive := p.sealed, p.Svc.kdf()
	p.busy, p.codeErr = true, nil
	ctx.Async(func() {
		accounts, err := sealed.Open(code, derive)
		ctx.Dispatch(func(ctx app.Context) {
			if p.sealed != sealed {
				return // started again meanwhile
			}
			p.busy = false
			if err != nil {
				p.codeErr = err
				focus(ctx, p.Svc, "tr-verify")
				return
			}
			p.reset() // which removes the code's form
			if p.OnAccounts != nil {
				p.OnAccounts(ctx, accounts)
			}
		})
	})
}

// Render draws the scanner and the progress, then the code form.
func (p *TransferReceivePanel) Render() app.UI {
	l := p.Lang
	return app.Section().ID("transfer-receive").Class("card panel").Aria("labelledby", "trr-title").Body(
		app.H1().ID("trr-title").Text(l.T(i18n.TransferReceiveTitle)),
		app.If(p.sealed == nil, func() app.UI {
			return app.Div().Body(
				app.P().Class("muted").Text(l.T(i18n.TransferReceiveIntro)),
				&Scanner{Lang: l, Svc: &p.Svc, Problem: p.problem.in(l), OnStart: p.onStart, OnTexts: p.onTexts},
			)
		}),
		p.progressView(),
		app.If(p.sealed != nil, p.codeForm),
		app.Div().Class("actions").Body(
			app.If(p.progress.Total > 0 || p.sealed != nil, func() app.UI {
				return app.Button().ID("tr-restart").Type("button").Class("ghost").Text(l.T(i18n.TransferRestart)).OnClick(p.onRestart)
			}),
			app.Button().ID("tr-cancel").Type("button").Class("ghost").Text(l.T(i18n.TransferCancel)).OnClick(p.onCancel),
		),
	)
}

// progressView shows a square for each code, filled once it is in, and
// says the same in words for screen readers.
func (p *TransferReceivePanel) progressView() app.UI {
	prog := p.progress
	var squares []app.UI
	if prog.Total > 1 && prog.Total <= 400 {
		missing := map[int]bool{}
		for _, m := range prog.Missing {
			missing[m] = true
		}
		squares = make([]app.UI, prog.Total)
		for i := range squares {
			squares[i] = app.Span().Class(map[bool]string{true: "", false: "in"}[missing[i]])
		}
	}
	return app.Div().Body(
		app.If(len(squares) > 0, func() app.UI {
			return app.Div().ID("tr-squares").Class("tr-progress").Aria("hidden", "true").Body(squares...)
		}),
		app.P().ID("tr-received").Role("status").Aria("live", "polite").Text(p.statusLine(p.Lang)),
	)
}

func (p *TransferReceivePanel) codeForm() app.UI {
	l := p.Lang
	return app.Form().ID("tr-code-form").OnSubmit(p.onOpen).Body(
		app.Label().For("tr-verify").Text(l.T(i18n.TransferCodeLabel)),
		app.Input().ID("tr-verify").Type("text").Class("code-input").Attr("autocomplete", "off").
			Attr("autocapitalize", "characters").Attr("spellcheck", "false").Placeholder("XXXX-XXXX-XXXX").
			Aria("describedby", "tr-verify-hint").OnInput(p.onCode),
		app.P().ID("tr-verify-hint").Class("hint").Text(l.T(i18n.TransferCodeHint)),
		app.If(p.codeErr != nil, func() app.UI {
			return app.P().ID("tr-verify-error").Class("error").Role("alert").Text(describeCode(l, p.codeErr))
		}),
		busyButton("tr-open", l.T(i18n.TransferContinue), l.T(i18n.TransferChecking), p.busy),
	)
}

// receivedSummary labels received accounts for the list shown before the
// vault is created; nil for none.
func receivedSummary(accounts []vault.Account) []string {
	if len(accounts) == 0 {
		return nil
	}
	out := make([]string, len(accounts))
	for i, a := range accounts {
		out[i] = label(a)
	}
	return out
}
