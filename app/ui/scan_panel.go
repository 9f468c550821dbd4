package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/importers"
	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/scan"
	"twofold.app/app/vault"
)

// ScanPanel is the scanner of the add-account panel: a [Scanner] whose
// codes it gathers in a [scan.Session]. A single account goes to
// OnAccount; a Google Authenticator export, once every code of it was
// read, goes to OnAccounts for review; a Twofold transfer code goes to
// OnTransfer.
type ScanPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env        *env
	OnAccount  func(ctx app.Context, uri string)
	OnAccounts func(ctx app.Context, source shown, f found)
	// OnTransfer is called with the texts read at once when one of them
	// is a Twofold transfer code, for the app to open the screen that
	// receives transfers and hand them on. When it is nil the panel says
	// where transfers are received.
	OnTransfer func(ctx app.Context, texts []string)

	session scan.Session
	// status is the progress of a half-read export, shown whenever the
	// scanner has nothing to say about its capture, so that a refused
	// code, an image without a code or a stopped camera does not hide
	// which codes are still missing.
	status  shown
	partial bool // an export is half-read: offer to start again
	problem shown
}

// onStart clears what was said about earlier codes when the scanner reads
// from a new source, and lets the same code count again there.
func (p *ScanPanel) onStart(ctx app.Context) {
	p.problem = nil
	p.session.ForgetLast()
}

// onReset forgets the codes read so far of a multi-code export.
func (p *ScanPanel) onReset(ctx app.Context) {
	p.session.Reset()
	p.status, p.partial, p.problem = nil, false, nil
}

// onTexts acts on the texts of the codes read at once, and tells the
// scanner to stop once it has an account, an export or a transfer.
func (p *ScanPanel) onTexts(ctx app.Context, texts []string) (stop bool) {
	for _, e := range p.session.Add(texts...) {
		switch e := e.(type) {
		case *scan.Account:
			if p.OnAccount != nil {
				p.OnAccount(ctx, otpauth.Format(e.Account))
			}
			return true
		case *scan.Progress:
			if e.Kind == scan.KindTransfer {
				return p.transfer(ctx, texts)
			}
			prog := *e
			p.status, p.partial, p.problem = func(l i18n.Lang) string { return exportProgress(l, &prog) }, true, nil
		case *scan.Export:
			p.status, p.partial, p.problem = nil, false, nil
			p.export(ctx, e)
			return true
		case *scan.Transfer:
			return p.transfer(ctx, texts)
		case *scan.Problem:
			p.problem = func(l i18n.Lang) string { return scanProblem(l, e) }
		}
	}
	return false
}

// export hands the accounts of a complete Google Authenticator export to
// OnAccounts.
func (p *ScanPanel) export(ctx app.Context, e *scan.Export) {
	var f found
	for _, a := range e.Accounts {
		f.Accounts = append(f.Accounts, vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	}
	for _, sk := range e.Skipped {
		f.Skipped = append(f.Skipped, skipFromMigration(sk))
	}
	if p.OnAccounts != nil {
		p.OnAccounts(ctx, showN(i18n.ScanExportSource, e.Codes), f)
	}
}

// transfer hands the texts holding a transfer code over to OnTransfer. The
// session forgets them: the receiving screen reads the transfer itself.
func (p *ScanPanel) transfer(ctx app.Context, texts []string) (stop bool) {
	p.session.Reset()
	p.status, p.partial, p.problem = nil, false, nil
	if p.OnTransfer != nil {
		p.OnTransfer(ctx, texts)
		return true
	}
	p.status = showMsg(i18n.ScanTransferHere)
	return true
}

// exportProgress words the progress of a half-read Google Authenticator
// export, counting codes from 1 as the phone does.
func exportProgress(l i18n.Lang, e *scan.Progress) string {
	missing := make([]string, len(e.Missing))
	for i, n := range e.Missing {
		missing[i] = strconv.Itoa(n + 1)
	}
	return l.F(i18n.ScanExportProgress, e.Index+1, e.Have, e.Total, strings.Join(missing, l.T(i18n.ScanListSep)))
}

// Render draws the scanner with what the codes read so far gave.
func (p *ScanPanel) Render() app.UI {
	var svc *Services
	if p.Env != nil {
		svc = &p.Env.svc
	}
	var reset func(ctx app.Context)
	if p.partial {
		reset = p.onReset
	}
	return &Scanner{Lang: p.Lang, Svc: svc, Status: p.status.in(p.Lang), Problem: p.problem.in(p.Lang),
		OnStart: p.onStart, OnTexts: p.onTexts, OnReset: reset}
}

// skipFromMigration words a skipped account of a Google export like an
// import's skipped entry.
func skipFromMigration(s migration.Skip) importers.Skip {
	label := s.Name
	if label == "" {
		label = "?"
	}
	return importers.Skip{Index: s.Index, Label: label, Err: s.Err}
}
