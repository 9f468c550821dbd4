package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/vault"
)

// ExportPanel writes the chosen accounts as a plain text file of
// otpauth:// URIs for another authenticator app, behind a plain warning
// and an explicit consent.
type ExportPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)

	loaded   bool
	excluded map[string]bool // account ids left out
	consent  bool
	err      shown
	done     shown
}

func exportName(c *ExportPanel) string {
	return "twofold-export-" + c.Env.svc.now().Format("2006-01-02") + ".txt"
}

func (p *ExportPanel) onToggle(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("dataset").Get("id").String()
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	p.excluded[id] = !ctx.JSSrc().Get("checked").Bool()
	p.done = nil
}

func (p *ExportPanel) onConsent(ctx app.Context, e app.Event) {
	p.consent = ctx.JSSrc().Get("checked").Bool()
	p.err = nil
}

func (p *ExportPanel) chosen() []vault.Account {
	var out []vault.Account
	for _, a := range p.Env.keeper.Contents().Accounts {
		if !p.excluded[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

func (p *ExportPanel) download(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Env == nil {
		return
	}
	if !p.consent {
		p.err = showMsg(i18n.ExportTickFirst)
		return
	}
	accounts := p.chosen()
	if len(accounts) == 0 {
		p.err = showMsg(i18n.ExportChooseOne)
		return
	}
	if p.Env.svc.Download == nil {
		p.err = showMsg(i18n.ExportNoSave)
		return
	}
	name := exportName(p)
	if err := p.Env.svc.Download(name, "text/plain", backup.Text(accounts)); err != nil {
		p.err = showErr(err)
		return
	}
	p.consent = false
	p.Env.focus(ctx, "ex-close") // the download button is disabled again
	p.done = showN(i18n.ExportSaved, len(accounts), name)
}

// Render draws the panel.
func (p *ExportPanel) Render() app.UI {
	var rows []app.UI
	if p.Env != nil {
		for _, a := range p.Env.keeper.Contents().Accounts {
			label := a.Issuer
			if a.Name != "" {
				if label != "" {
					label += " — "
				}
				label += a.Name
			}
			var note app.UI
			if err := backup.Exportable(a); err != nil {
				note = app.Span().Class("hint").Text(p.Lang.F(i18n.ExportNotPortable, err.Error()))
			}
			rows = append(rows, app.Li().Body(
				app.Label().Class("check").Body(
					app.Input().Type("checkbox").ID("ex-acc-"+a.ID).DataSet("id", a.ID).
						Checked(!p.excluded[a.ID]).OnChange(p.onToggle),
					app.Span().Text(label),
					note,
				),
			))
		}
	}
	return app.Section().Class("card panel").Aria("labelledby", "export-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("export-title").Text(p.Lang.T(i18n.ExportTitle)),
		app.P().Text(p.Lang.T(i18n.ExportIntro)),
		app.Div().ID("ex-warning").Class("warning").Role("note").Body(
			app.Strong().Text(p.Lang.T(i18n.ExportNotEncrypted)),
			app.Span().Text(p.Lang.T(i18n.ExportWarning)),
		),
		app.Form().ID("export-form").OnSubmit(p.download).Body(
			app.FieldSet().Class("choice").Body(
				app.Legend().Text(p.Lang.T(i18n.ExportAccounts)),
				app.Ul().Class("checklist").Body(rows...),
			),
			app.Label().Class("check consent").Body(
				app.Input().Type("checkbox").ID("ex-consent").Checked(p.consent).OnChange(p.onConsent),
				app.Span().Text(p.Lang.T(i18n.ExportConsent)),
			),
			app.If(p.err != nil, func() app.UI { return app.P().ID("ex-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
			app.If(p.done != nil, func() app.UI { return app.P().ID("ex-done").Class("success").Role("status").Text(p.done.in(p.Lang)) }),
			app.Div().Class("actions").Body(
				app.Button().ID("ex-download").Type("submit").Class("primary").Disabled(!p.consent).Text(p.Lang.T(i18n.ExportDownload)),
				app.Button().ID("ex-close").Type("button").Class("ghost").Text(p.Lang.T(i18n.ExportClose)).
					OnClick(func(ctx app.Context, e app.Event) {
						if p.OnDone != nil {
							p.OnDone(ctx)
						}
					}),
			),
		),
	)
}
