package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/strength"
)

// SetupScreen creates the vault: a password typed twice, with a plain word
// on how strong it is.
type SetupScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Busy      bool
	Err       string
	OnCreate  func(ctx app.Context, password string)
	OnRestore func(ctx app.Context)
	OnReceive func(ctx app.Context)
	// Received, when set, lists the accounts received from another
	// device that the new vault will hold; the screen then offers to
	// cancel instead of other ways to start.
	Received []string
	OnCancel func(ctx app.Context)

	password string
	confirm  string
	problem  string
}

// check returns what is wrong with the typed passwords, or "".
func (c *SetupScreen) check() string {
	if est := strength.Of(c.password); est.Level == strength.TooShort {
		return "The password is too short: use at least 8 characters."
	}
	if c.password != c.confirm {
		return "The two passwords differ."
	}
	return ""
}

func (c *SetupScreen) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Busy {
		return
	}
	c.problem = c.check()
	if c.problem != "" || c.OnCreate == nil {
		return
	}
	// The typed passwords stay until the screen goes away: go-app cannot
	// clear the fields, and a retry after an error must use what they show.
	c.OnCreate(ctx, c.password)
}

// Render draws the form.
func (c *SetupScreen) Render() app.UI {
	est := strength.Of(c.password)
	msg := c.problem
	if msg == "" {
		msg = c.Err
	}
	title := "Create your vault"
	if c.Received != nil {
		title = "Choose a password for your accounts"
	}
	return app.Section().Class("card narrow").Body(
		app.H1().Text(title),
		app.If(c.Received != nil, func() app.UI {
			items := make([]app.UI, len(c.Received))
			for i, l := range c.Received {
				items[i] = app.Li().Text(l)
			}
			return app.Div().ID("received").Body(
				app.P().Text(plural(len(c.Received), "account")+" arrived from your other device. They are saved once you choose the vault's password."),
				app.Ul().ID("received-list").Class("checklist").Aria("label", "Received accounts").Body(items...),
			)
		}),
		app.P().Class("muted").Text("Your accounts are encrypted with this password and stay on this device. "+
			"Nobody can reset it: if you forget it, only a backup brings your accounts back."),
		app.Form().ID("setup-form").OnSubmit(c.submit).Body(
			app.Label().For("setup-password").Text("Password"),
			app.Input().ID("setup-password").Type("password").Attr("autocomplete", "new-password").
				Required(true).AutoFocus(true).Value(c.password).Aria("describedby", "setup-strength").
				OnInput(func(ctx app.Context, e app.Event) {
					c.password = ctx.JSSrc().Get("value").String()
					c.problem = ""
				}),
			app.P().ID("setup-strength").Class("hint", strengthClass(c.password, est.Level)).Aria("live", "polite").
				Text(strengthText(c.password, est)),
			app.Label().For("setup-confirm").Text("Password again"),
			app.Input().ID("setup-confirm").Type("password").Attr("autocomplete", "new-password").
				Required(true).Value(c.confirm).
				OnInput(func(ctx app.Context, e app.Event) {
					c.confirm = ctx.JSSrc().Get("value").String()
					c.problem = ""
				}),
			app.If(msg != "", func() app.UI {
				return app.P().ID("setup-error").Class("error").Role("alert").Text(msg)
			}),
			busyButton("setup-submit", "Create vault", "Creating…", c.Busy),
		),
		app.If(c.Received == nil, func() app.UI {
			return app.Div().Body(
				app.P().Class("divider muted").Text("Moving from another device?"),
				app.Button().ID("setup-transfer").Class("ghost wide").Text("Move accounts from another device").
					OnClick(func(ctx app.Context, e app.Event) {
						if c.OnReceive != nil {
							c.OnReceive(ctx)
						}
					}),
				app.Button().ID("setup-restore").Class("ghost wide").Text("Restore from a backup").
					OnClick(func(ctx app.Context, e app.Event) {
						if c.OnRestore != nil {
							c.OnRestore(ctx)
						}
					}),
			)
		}),
		app.If(c.Received != nil, func() app.UI {
			return app.Button().ID("setup-cancel").Class("ghost wide").Text("Cancel and forget them").
				OnClick(func(ctx app.Context, e app.Event) {
					if c.OnCancel != nil {
						c.OnCancel(ctx)
					}
				})
		}),
	)
}

func strengthText(password string, est strength.Estimate) string {
	if password == "" {
		return "At least 8 characters. A few unrelated words make a strong, memorable password."
	}
	if est.Level == strength.Strong {
		return "Strong."
	}
	return est.Level.String() + ": " + est.Reason
}

func strengthClass(password string, l strength.Level) string {
	switch {
	case password == "":
		return "strength-none"
	case l <= strength.Weak:
		return "strength-weak"
	case l == strength.Fair:
		return "strength-fair"
	}
	return "strength-strong"
}

// busyButton is a submit button that turns into a moving spinner with a
// label while work is under way.
func busyButton(id, label, busyLabel string, busy bool) app.UI {
	if busy {
		return app.Button().ID(id).Type("submit").Class("primary").Disabled(true).Aria("busy", "true").Body(
			app.Span().Class("spinner small").Aria("hidden", "true"),
			app.Span().Text(busyLabel),
		)
	}
	return app.Button().ID(id).Type("submit").Class("primary").Text(label)
}
