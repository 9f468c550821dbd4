package ui

import (
	"errors"
	"strconv"
	"strings"

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
	status   string
	problem  string
	codeErr  string
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
	p.code, p.status, p.problem, p.codeErr, p.busy = "", "", "", "", false
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
	p.problem = ""
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
				p.problem = notTransferProblem(scan.KindMigration)
				continue
			}
			if !e.Repeated {
				p.progress, p.problem = *e, ""
				p.status = "Code " + strconv.Itoa(e.Index+1) + " read. " + receivedLine(e)
			}
		case *scan.Transfer:
			p.sealed, p.problem = e.Sealed, ""
			p.progress.Have, p.progress.Missing = p.progress.Total, nil
			p.status = "All " + plural(max(p.progress.Total, 1), "code") + " are in."
			focus(ctx, p.Svc, "tr-verify")
			return true
		case *scan.Account:
			p.problem = notTransferProblem(scan.KindAccount)
		case *scan.Export:
			p.problem = notTransferProblem(scan.KindMigration)
		case *scan.Problem:
			p.problem = scanProblem(p.Lang, e)
		}
	}
	return false
}

// receivedLine says how many codes are in and which are missing.
func receivedLine(prog *scan.Progress) string {
	line := strconv.Itoa(prog.Have) + " of " + strconv.Itoa(prog.Total) + " codes in"
	if len(prog.Missing) == 0 {
		return line + "."
	}
	const shown = 12
	parts := make([]string, 0, shown)
	for i, m := range prog.Missing {
		if i == shown {
			break
		}
		parts = append(parts, strconv.Itoa(m+1))
	}
	line += "; missing " + strings.Join(parts, ", ")
	if n := len(prog.Missing) - shown; n > 0 {
		line += " and " + strconv.Itoa(n) + " more"
	}
	return line + "."
}

// notTransferProblem says that a code of kind is not a transfer code.
func notTransferProblem(kind scan.Kind) string {
	if kind == scan.KindAccount {
		return "This QR code is a single account, not a transfer code. Add it with Add account; here, scan the codes that the other Twofold shows."
	}
	return "This is a Google Authenticator export code, not a Twofold transfer code. Import it with Add account."
}

// describeCode words the errors of opening a transfer with a typed code.
// The codes' own problems are scanProblem's.
func describeCode(l i18n.Lang, err error) string {
	if errors.Is(err, transfer.ErrWrongCode) {
		return "Wrong verification code. Check the code under the last transfer code on the other device and type it again."
	}
	var typo *transfer.TypoError
	if errors.As(err, &typo) {
		return "This is not the verification code as shown: " + typo.Problem + ". Check it and type it again."
	}
	return describe(l, err)
}

func (p *TransferReceivePanel) onCode(ctx app.Context, e app.Event) {
	p.code = ctx.JSSrc().Get("value").String()
	p.codeErr = ""
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
		p.codeErr = describeCode(p.Lang, err)
		return
	}
	sealed, derive := p.sealed, p.Svc.kdf()
	p.busy, p.codeErr = true, ""
	ctx.Async(func() {
		accounts, err := sealed.Open(code, derive)
		ctx.Dispatch(func(ctx app.Context) {
			if p.sealed != sealed {
				return // started again meanwhile
			}
			p.busy = false
			if err != nil {
				p.codeErr = describeCode(p.Lang, err)
				focus(ctx, p.Svc, "tr-verify")
				return
			}
			p.reset()
			if p.Svc.Clear != nil {
				p.Svc.Clear("tr-verify")
			}
			if p.OnAccounts != nil {
				p.OnAccounts(ctx, accounts)
			}
		})
	})
}

// Render draws the scanner and the progress, then the code form.
func (p *TransferReceivePanel) Render() app.UI {
	return app.Section().ID("transfer-receive").Class("card panel").Aria("labelledby", "trr-title").Body(
		app.H1().ID("trr-title").Text("Move accounts from another device"),
		app.If(p.sealed == nil, func() app.UI {
			return app.Div().Body(
				app.P().Class("muted").Text("On the other device, open Twofold and choose Move to another device. "+
					"Then read its codes here: with the camera, by sharing its window if it is on this screen, or from pictures of the codes."),
				&Scanner{Lang: p.Lang, Svc: &p.Svc, Problem: p.problem, OnStart: p.onStart, OnTexts: p.onTexts},
			)
		}),
		p.progressView(),
		app.If(p.sealed != nil, p.codeForm),
		app.Div().Class("actions").Body(
			app.If(p.progress.Total > 0 || p.sealed != nil, func() app.UI {
				return app.Button().ID("tr-restart").Type("button").Class("ghost").Text("Start again").OnClick(p.onRestart)
			}),
			app.Button().ID("tr-cancel").Type("button").Class("ghost").Text("Cancel").OnClick(p.onCancel),
		),
	)
}

// progressView shows a square for each code, filled once it is in, and
// says the same in words for screen readers.
func (p *TransferReceivePanel) progressView() app.UI {
	prog := p.progress
	status := p.status
	switch {
	case status != "":
	case prog.Total > 0:
		status = receivedLine(&prog)
	default:
		status = "No transfer code read yet."
	}
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
		app.P().ID("tr-received").Role("status").Aria("live", "polite").Text(status),
	)
}

func (p *TransferReceivePanel) codeForm() app.UI {
	return app.Form().ID("tr-code-form").OnSubmit(p.onOpen).Body(
		app.Label().For("tr-verify").Text("Verification code"),
		app.Input().ID("tr-verify").Type("text").Class("code-input").Attr("autocomplete", "off").
			Attr("autocapitalize", "characters").Attr("spellcheck", "false").Placeholder("XXXX-XXXX-XXXX").
			Aria("describedby", "tr-verify-hint").OnInput(p.onCode),
		app.P().ID("tr-verify-hint").Class("hint").Text("It is shown under the last transfer code on the other device, never inside a code."),
		app.If(p.codeErr != "", func() app.UI {
			return app.P().ID("tr-verify-error").Class("error").Role("alert").Text(p.codeErr)
		}),
		busyButton("tr-open", "Continue", "Checking…", p.busy),
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
