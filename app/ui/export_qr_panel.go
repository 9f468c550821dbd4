package ui

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/exportqr"
	"twofold.app/app/i18n"
	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// ExportQRPanel shows the chosen accounts as Google Authenticator transfer
// QR codes, which other authenticator apps import by scanning. Accounts the
// format cannot carry faithfully are named and left out.
type ExportQRPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)

	excluded map[string]bool
	codes    []exportqr.Code
	skipped  []shown // why each account left out is left out
	shown    int
	err      shown
}

func (p *ExportQRPanel) close(ctx app.Context, e app.Event) {
	p.codes = nil // the codes hold the secrets: forget them
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

func (p *ExportQRPanel) onToggle(ctx app.Context, e app.Event) {
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	p.excluded[ctx.JSSrc().Get("dataset").Get("id").String()] = !ctx.JSSrc().Get("checked").Bool()
}

func (p *ExportQRPanel) show(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Env == nil {
		return
	}
	var chosen []otpauth.Account
	var names []string
	for _, a := range p.Env.keeper.Contents().Accounts {
		if !p.excluded[a.ID] {
			chosen = append(chosen, otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
			names = append(names, label(a))
		}
	}
	if len(chosen) == 0 {
		p.err = showMsg(i18n.ExportChooseOne)
		return
	}
	batch, err := exportqr.NewBatchID(p.Env.svc.rand())
	if err != nil {
		p.err = showErr(err)
		return
	}
	codes, skipped, err := exportqr.Make(chosen, batch)
	p.skipped = nil
	for _, s := range skipped {
		name, a, why := names[s.Index], chosen[s.Index], s.Err
		p.skipped = append(p.skipped, func(l i18n.Lang) string {
			return l.F(i18n.ExportQRSkip, name, carryProblem(l, a, why))
		})
	}
	switch {
	case errors.Is(err, exportqr.ErrNothing):
		p.err = showMsg(i18n.ExportQRNone)
		return
	case err != nil:
		p.err = showErr(err)
		return
	}
	p.codes, p.shown, p.err = codes, 0, nil
	p.Env.focus(ctx, map[bool]string{true: "qr-next", false: "qr-close"}[len(codes) > 1])
}

// carryProblem gives, in l, why the format cannot carry the account a,
// without the sentinel's own words that the panel already says.
func carryProblem(l i18n.Lang, a otpauth.Account, err error) string {
	switch {
	case errors.Is(err, migration.ErrSteam):
		return l.T(i18n.ExportQRWhySteam)
	case errors.Is(err, migration.ErrPeriod):
		return l.F(i18n.ExportQRWhyPeriod, a.Period)
	case errors.Is(err, migration.ErrDigits):
		return l.F(i18n.ExportQRWhyDigits, a.Digits)
	case errors.Is(err, migration.ErrCounter):
		return l.T(i18n.ExportQRWhyCounter)
	}
	return strings.TrimPrefix(err.Error(), migration.ErrUnsupported.Error()+": ")
}

func label(a vault.Account) string {
	switch {
	case a.Issuer == "":
		return a.Name
	case a.Name == "":
		return a.Issuer
	}
	return a.Issuer + " — " + a.Name
}

func (p *ExportQRPanel) step(ctx app.Context, e app.Event) {
	switch ctx.JSSrc().Get("id").String() {
	case "qr-next":
		if p.shown < len(p.codes)-1 {
			p.shown++
		}
		if p.shown == len(p.codes)-1 { // Next is disabled now, and would drop the focus
			p.Env.focus(ctx, "qr-close")
		}
	case "qr-prev":
		if p.shown > 0 {
			p.shown--
		}
		if p.shown == 0 {
			p.Env.focus(ctx, "qr-next")
		}
	}
}

// Render draws the choice, then the codes one at a time.
func (p *ExportQRPanel) Render() app.UI {
	body := p.choice()
	if len(p.codes) > 0 {
		body = p.codeView()
	}
	return app.Section().Class("card panel").Aria("labelledby", "qr-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("qr-title").Text(p.Lang.T(i18n.ExportQRTitle)),
		body,
		app.If(len(p.skipped) > 0, func() app.UI {
			items := make([]app.UI, len(p.skipped))
			for i, s := range p.skipped {
				items[i] = app.Li().Text(s.in(p.Lang))
			}
			return app.Div().ID("qr-skipped").Class("warning").Body(
				app.P().Text(p.Lang.T(i18n.ExportQRLeftOut)),
				app.Ul().Body(items...),
			)
		}),
		app.If(p.err != nil, func() app.UI { return app.P().ID("qr-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
	)
}

func (p *ExportQRPanel) choice() app.UI {
	var rows []app.UI
	if p.Env != nil {
		for _, a := range p.Env.keeper.Contents().Accounts {
			var note app.UI
			acc := otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}
			if err := migration.Carry(acc); err != nil {
				note = app.Span().Class("hint").Text(p.Lang.F(i18n.ExportQRCannotCarry, carryProblem(p.Lang, acc, err)))
			}
			rows = append(rows, app.Li().Body(app.Label().Class("check").Body(
				app.Input().Type("checkbox").ID("qr-acc-"+a.ID).DataSet("id", a.ID).
					Checked(!p.excluded[a.ID]).OnChange(p.onToggle),
				app.Span().Text(label(a)),
				note,
			)))
		}
	}
	return app.Form().ID("qr-form").OnSubmit(p.show).Body(
		app.P().Text(p.Lang.T(i18n.ExportQRIntro)),
		app.P().Class("warning").Text(p.Lang.T(i18n.ExportQRWarning)),
		app.FieldSet().Class("choice").Body(
			app.Legend().Text(p.Lang.T(i18n.ExportAccounts)),
			app.Ul().Class("checklist").Body(rows...),
		),
		app.Div().Class("actions").Body(
			app.Button().ID("qr-show").Type("submit").Class("primary").Text(p.Lang.T(i18n.ExportQRShow)),
			app.Button().ID("qr-close").Type("button").Class("ghost").Text(p.Lang.T(i18n.ExportQRCancel)).OnClick(p.close),
		),
	)
}

func (p *ExportQRPanel) codeView() app.UI {
	c := p.codes[p.shown]
	i, n := p.shown+1, len(p.codes)
	return app.Div().Class("qr-view").Body(
		app.P().ID("qr-count").Role("status").Text(p.Lang.F(i18n.ExportQRCount, i, n)),
		app.Img().ID("qr-image").Class("qr-image").Alt(p.Lang.F(i18n.ExportQRAlt, i, n)).
			Src("data:image/png;base64,"+base64.StdEncoding.EncodeToString(c.PNG)),
		app.Div().Class("actions").Body(
			app.Button().ID("qr-prev").Type("button").Class("ghost").Disabled(p.shown == 0).Text(p.Lang.T(i18n.ExportQRPrev)).OnClick(p.step),
			app.Button().ID("qr-next").Type("button").Class("primary").Disabled(p.shown == len(p.codes)-1).Text(p.Lang.T(i18n.ExportQRNext)).OnClick(p.step),
			app.Button().ID("qr-close").Type("button").Class("ghost").Text(p.Lang.T(i18n.ExportQRDone)).OnClick(p.close),
		),
	)
}
