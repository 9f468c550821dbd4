package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// UnlockScreen asks for the vault's password.
type UnlockScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Busy     bool
	Err      string
	Notice   string
	OnUnlock func(ctx app.Context, password string)
	// OnRestore, when set, offers to restore a backup over the stored
	// vault: unlocking found it damaged.
	OnRestore func(ctx app.Context)

	password string
}

func (c *UnlockScreen) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Busy || c.password == "" || c.OnUnlock == nil {
		return
	}
	// The password is kept: after a wrong one the field still shows it
	// (go-app v10.1.11 cannot clear a typed input by rendering an empty
	// value), and submitting again must try what the field shows.
	c.OnUnlock(ctx, c.password)
}

// Render draws the form.
func (c *UnlockScreen) Render() app.UI {
	l := c.Lang
	return app.Section().Class("card narrow").Body(
		app.H1().Text(l.T(i18n.UnlockTitle)),
		app.If(c.Notice != "", func() app.UI {
			return app.P().ID("unlock-notice").Class("muted").Role("status").Text(c.Notice)
		}),
		app.Form().ID("unlock-form").OnSubmit(c.submit).Body(
			app.Label().For("unlock-password").Text(l.T(i18n.UnlockPassword)),
			&textField{ID: "unlock-password", Text: c.password, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "current-password").
					Required(true).Disabled(c.Busy).
					Aria("invalid", c.Err != "").Aria("describedby", "unlock-error").
					OnInput(func(ctx app.Context, e app.Event) {
						c.password = ctx.JSSrc().Get("value").String()
					})
			}},
			app.If(c.Err != "", func() app.UI {
				return app.P().ID("unlock-error").Class("error").Role("alert").Text(c.Err)
			}),
			busyButton("unlock-submit", l.T(i18n.UnlockSubmit), l.T(i18n.UnlockBusy), c.Busy),
		),
		app.If(c.OnRestore != nil, func() app.UI {
			return app.Div().ID("unlock-damaged").Body(
				app.P().Class("muted").Text(l.T(i18n.DamagedKept)),
				app.Button().ID("unlock-restore").Class("ghost wide").Disabled(c.Busy).Text(l.T(i18n.SetupRestore)).
					OnClick(func(ctx app.Context, e app.Event) { c.OnRestore(ctx) }),
			)
		}),
	)
}
