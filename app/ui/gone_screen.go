package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// GoneScreen is shown when the browser's storage lost the vault while it
// was unlocked. The accounts are still in memory: it offers a backup of
// them first, then to put the vault back or to close it.
type GoneScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	// Accounts is the number of accounts still open.
	Accounts int
	Busy     bool
	Err      string
	// Saved is the name of the backup file saved, once there is one.
	Saved       string
	OnBackup    func(ctx app.Context, password string)
	OnReinstate func(ctx app.Context)
	OnClose     func(ctx app.Context)

	password string
	sets     int    // the app's own changes of password
	saved    string // Saved when the password was last dropped
	problem  shown
}

// OnUpdate drops the password once a backup made with it is saved.
func (c *GoneScreen) OnUpdate(ctx app.Context) {
	if c.Saved != "" && c.Saved != c.saved {
		c.saved, c.password = c.Saved, ""
		c.sets++
	}
}

func (c *GoneScreen) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Busy || c.OnBackup == nil {
		return
	}
	if c.problem = nil; c.password == "" {
		c.problem = showMsg(i18n.BackupTypePassword)
		return
	}
	c.OnBackup(ctx, c.password)
}

// Render draws the message, the backup form and the ways on.
func (c *GoneScreen) Render() app.UI {
	l := c.Lang
	msg := c.problem.in(l)
	if msg == "" {
		msg = c.Err
	}
	call := func(f func(app.Context)) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			if f != nil && !c.Busy {
				f(ctx)
			}
		}
	}
	return app.Section().ID("gone").Class("card narrow").Body(
		app.H1().Text(l.T(i18n.GoneTitle)),
		app.P().ID("gone-message").Role("alert").Text(l.N(i18n.GoneOpen, c.Accounts)),
		app.Form().ID("gone-backup").OnSubmit(c.submit).Body(
			app.Label().For("gone-password").Text(l.T(i18n.BackupVaultPass)),
			&textField{ID: "gone-password", Text: c.password, Set: c.sets, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "current-password").
					Required(true).Disabled(c.Busy).
					OnInput(func(ctx app.Context, e app.Event) {
						c.password = ctx.JSSrc().Get("value").String()
					})
			}},
			app.If(msg != "", func() app.UI {
				return app.P().ID("gone-error").Class("error").Role("alert").Text(msg)
			}),
			app.If(c.Saved != "", func() app.UI {
				return app.P().ID("gone-saved").Class("success").Role("status").Text(l.F(i18n.BackupSaved, c.Saved))
			}),
			busyButton("gone-submit", l.T(i18n.BackupDownload), l.T(i18n.BackupEncrypting), c.Busy),
		),
		app.P().Class("muted").Text(l.T(i18n.GoneThen)),
		app.Div().Class("actions").Body(
			app.Button().ID("gone-reinstate").Type("button").Class("ghost").Disabled(c.Busy).
				Text(l.T(i18n.GoneReinstate)).OnClick(call(c.OnReinstate)),
			app.Button().ID("gone-close").Type("button").Class("ghost").Disabled(c.Busy).
				Text(l.T(i18n.GoneClose)).OnClick(call(c.OnClose)),
		),
	)
}
