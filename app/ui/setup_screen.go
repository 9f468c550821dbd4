package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
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
	// GoneSince, when set, is the date since which this browser held a
	// vault that is gone from its storage: the screen says so first.
	GoneSince string

	password string
	confirm  string
	problem  shown
}

// passwordProblem returns what is wrong with a new vault password and its
// confirmation, or nil.
func passwordProblem(password, confirm string) shown {
	if strength.Of(password).Level == strength.TooShort {
		return showF(i18n.SetupTooShort, strength.MinLength)
	}
	if password != confirm {
		return showMsg(i18n.SetupDiffer)
	}
	return nil
}

func (c *SetupScreen) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Busy {
		return
	}
	c.problem = passwordProblem(c.password, c.confirm)
	if c.problem != nil || c.OnCreate == nil {
		return
	}
	// The typed passwords stay until the screen goes away: go-app cannot
	// clear the fields, and a retry after an error must use what they show.
	c.OnCreate(ctx, c.password)
}

// Render draws the form.
func (c *SetupScreen) Render() app.UI {
	est := strength.Of(c.password)
	l := c.Lang
	msg := c.problem.in(l)
	if msg == "" {
		msg = c.Err
	}
	title := l.T(i18n.SetupTitle)
	switch {
	case c.Received != nil:
		title = l.T(i18n.SetupTitleReceived)
	case c.GoneSince != "":
		title = l.T(i18n.GoneBeforeTitle)
	}
	return app.Section().Class("card narrow").Body(
		app.H1().Text(title),
		app.If(c.GoneSince != "" && c.Received == nil, func() app.UI {
			return app.P().ID("setup-gone").Class("error").Role("alert").Text(l.F(i18n.GoneBefore, goneSince(l, c.GoneSince)))
		}),
		app.If(c.Received != nil, func() app.UI {
			items := make([]app.UI, len(c.Received))
			for i, l := range c.Received {
				items[i] = app.Li().Text(l)
			}
			return app.Div().ID("received").Body(
				app.P().Text(l.N(i18n.SetupReceived, len(c.Received))),
				app.Ul().ID("received-list").Class("checklist").Aria("label", l.T(i18n.SetupReceivedList)).Body(items...),
			)
		}),
		app.P().Class("muted").Text(l.T(i18n.SetupIntro)),
		app.Form().ID("setup-form").OnSubmit(c.submit).Body(
			app.Label().For("setup-password").Text(l.T(i18n.SetupPassword)),
			&textField{ID: "setup-password", Text: c.password, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "new-password").
					Required(true).Aria("describedby", "setup-strength").
					OnInput(func(ctx app.Context, e app.Event) {
						c.password = ctx.JSSrc().Get("value").String()
						c.problem = nil
					})
			}},
			app.P().ID("setup-strength").Class("hint", strengthClass(c.password, est.Level)).Aria("live", "polite").
				Text(strengthText(l, c.password, est)),
			app.Label().For("setup-confirm").Text(l.T(i18n.SetupConfirm)),
			&textField{ID: "setup-confirm", Text: c.confirm, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "new-password").
					Required(true).
					OnInput(func(ctx app.Context, e app.Event) {
						c.confirm = ctx.JSSrc().Get("value").String()
						c.problem = nil
					})
			}},
			app.If(msg != "", func() app.UI {
				return app.P().ID("setup-error").Class("error").Role("alert").Text(msg)
			}),
			busyButton("setup-submit", l.T(i18n.SetupSubmit), l.T(i18n.SetupBusy), c.Busy),
		),
		app.If(c.Received == nil, func() app.UI {
			return app.Div().Body(
				app.P().Class("divider muted").Text(l.T(i18n.SetupMoving)),
				app.Button().ID("setup-transfer").Class("ghost wide").Text(l.T(i18n.SetupTransfer)).
					OnClick(func(ctx app.Context, e app.Event) {
						if c.OnReceive != nil {
							c.OnReceive(ctx)
						}
					}),
				app.Button().ID("setup-restore").Class("ghost wide").Text(l.T(i18n.SetupRestore)).
					OnClick(func(ctx app.Context, e app.Event) {
						if c.OnRestore != nil {
							c.OnRestore(ctx)
						}
					}),
			)
		}),
		app.If(c.Received != nil, func() app.UI {
			return app.Button().ID("setup-cancel").Class("ghost wide").Text(l.T(i18n.SetupCancel)).
				OnClick(func(ctx app.Context, e app.Event) {
					if c.OnCancel != nil {
						c.OnCancel(ctx)
					}
				})
		}),
	)
}

// strengthText says in l how strong the password being typed is, or what
// makes a good one while the field is empty.
func strengthText(l i18n.Lang, password string, est strength.Estimate) string {
	switch {
	case password == "":
		return l.F(i18n.SetupStrengthHint, strength.MinLength)
	case est.Level == strength.TooShort:
		return l.F(i18n.SetupStrengthTooShort, strength.MinLength)
	case est.Level == strength.Weak && est.Common:
		return l.T(i18n.SetupStrengthCommon)
	case est.Level == strength.Weak:
		return l.T(i18n.SetupStrengthWeak)
	case est.Level == strength.Fair:
		return l.T(i18n.SetupStrengthFair)
	}
	return l.T(i18n.SetupStrengthStrong)
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

// goneSince words the date of a marker in l, or gives the marker as it is
// if it holds no date.
func goneSince(l i18n.Lang, marker string) string {
	if t, ok := keeper.MarkerDate(marker); ok {
		return l.Date(t)
	}
	return marker
}
