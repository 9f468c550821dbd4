package ui

import (
	"encoding/base64"
	"strconv"

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
	skipped  []string
	shown    int
	err      string
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
		p.err = "Choose at least one account."
		return
	}
	batch, err := exportqr.NewBatchID(p.Env.svc.rand())
	if err != nil {
		p.err = describe(p.Lang, err)
		return
	}
	codes, skipped, err := exportqr.Make(chosen, batch)
	p.skipped = nil
	for _, s := range skipped {
		p.skipped = append(p.skipped, names[s.Index]+": "+s.Err.Error())
	}
	if err != nil {
		p.err = "None of these accounts can be written as a Google Authenticator code."
		return
	}
	p.codes, p.shown, p.err = codes, 0, ""
	p.Env.focus(ctx, map[bool]string{true: "qr-next", false: "qr-close"}[len(codes) > 1])
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
		app.H1().ID("qr-title").Text("Export to another app"),
		body,
		app.If(len(p.skipped) > 0, func() app.UI {
			items := make([]app.UI, len(p.skipped))
			for i, s := range p.skipped {
				items[i] = app.Li().Text(s)
			}
			return app.Div().ID("qr-skipped").Class("warning").Body(
				app.P().Text("Left out, because this format would carry them wrong (move them by text export or by hand):"),
				app.Ul().Body(items...),
			)
		}),
		app.If(p.err != "", func() app.UI { return app.P().ID("qr-error").Class("error").Role("alert").Text(p.err) }),
	)
}

func (p *ExportQRPanel) choice() app.UI {
	var rows []app.UI
	if p.Env != nil {
		for _, a := range p.Env.keeper.Contents().Accounts {
			var note app.UI
			if err := migration.Carry(otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}); err != nil {
				note = app.Span().Class("hint").Text(" (cannot be carried: " + err.Error() + ")")
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
		app.P().Text("Shows QR codes in Google Authenticator's transfer format, which Google Authenticator, Aegis, 2FAS, "+
			"Ente Auth, Proton Authenticator and others import by scanning."),
		app.P().Class("warning").Text("Each code holds the secrets of its accounts. Show them only to the app you move to, "+
			"with nobody looking, and do not take screenshots."),
		app.FieldSet().Class("choice").Body(
			app.Legend().Text("Accounts to export"),
			app.Ul().Class("checklist").Body(rows...),
		),
		app.Div().Class("actions").Body(
			app.Button().ID("qr-show").Type("submit").Class("primary").Text("Show QR codes"),
			app.Button().ID("qr-close").Type("button").Class("ghost").Text("Cancel").OnClick(p.close),
		),
	)
}

func (p *ExportQRPanel) codeView() app.UI {
	c := p.codes[p.shown]
	n := strconv.Itoa(p.shown+1) + " of " + strconv.Itoa(len(p.codes))
	return app.Div().Class("qr-view").Body(
		app.P().ID("qr-count").Role("status").Text("Code "+n+". Scan each code with the other app."),
		app.Img().ID("qr-image").Class("qr-image").Alt("QR code "+n).
			Src("data:image/png;base64,"+base64.StdEncoding.EncodeToString(c.PNG)),
		app.Div().Class("actions").Body(
			app.Button().ID("qr-prev").Type("button").Class("ghost").Disabled(p.shown == 0).Text("Previous").OnClick(p.step),
			app.Button().ID("qr-next").Type("button").Class("primary").Disabled(p.shown == len(p.codes)-1).Text("Next").OnClick(p.step),
			app.Button().ID("qr-close").Type("button").Class("ghost").Text("Done").OnClick(p.close),
		),
	)
}
