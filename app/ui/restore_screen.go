package ui

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/strength"
)

// RestoreScreen brings a vault back from a backup on a browser that has
// none: the backup file, its passphrase, then a password for the new vault.
type RestoreScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Svc       Services
	Busy      bool
	Err       string
	OnRestore func(ctx app.Context, password string, f found)
	OnCancel  func(ctx app.Context)

	fileName   string
	file       importFile
	passphrase string
	found      *found
	password   string
	confirm    string
	reading    bool
	problem    shown
}

func (c *RestoreScreen) onFile(ctx app.Context, e app.Event) {
	if c.Svc.Files != nil {
		c.take(ctx, c.Svc.Files(ctx.JSSrc()))
	}
}

func (c *RestoreScreen) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

func (c *RestoreScreen) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Svc.Files != nil {
		c.take(ctx, c.Svc.Files(e.Value))
	}
}

func (c *RestoreScreen) take(ctx app.Context, files []File) {
	if len(files) == 0 || c.reading {
		return
	}
	f, kdf := files[0], c.Svc.kdf()
	c.reading, c.problem, c.found, c.fileName = true, nil, nil, f.Name()
	ctx.Async(func() {
		data, err := f.Read()
		var file importFile
		if err == nil {
			file, err = recognise(data, kdf)
		}
		if errors.Is(err, errNotImportable) || err == nil && !file.Backup {
			err = errNotBackup
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.reading = false
			if err != nil {
				c.problem = showWith(describeImport, err)
				return
			}
			c.file = file
			focus(ctx, c.Svc, "rs-passphrase")
		})
	})
}

// onOther goes back to choosing the file.
func (c *RestoreScreen) onOther(ctx app.Context, e app.Event) {
	c.file, c.found, c.fileName, c.passphrase, c.problem = importFile{}, nil, "", "", nil
}

func (c *RestoreScreen) onInput(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	v := src.Get("value").String()
	switch src.Get("id").String() {
	case "rs-passphrase":
		c.passphrase = v
	case "rs-password":
		c.password = v
	case "rs-confirm":
		c.confirm = v
	}
	c.problem = nil
}

func (c *RestoreScreen) decrypt(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.reading || c.passphrase == "" || c.file.open == nil {
		return
	}
	file, pass := c.file, []byte(c.passphrase)
	c.reading, c.problem = true, nil
	ctx.Async(func() {
		f, err := file.open(pass)
		ctx.Dispatch(func(ctx app.Context) {
			c.reading = false
			if err != nil {
				c.problem = showWith(describeImport, err)
				focus(ctx, c.Svc, "rs-passphrase")
				return
			}
			c.found = &f
			focus(ctx, c.Svc, "rs-password")
		})
	})
}

func (c *RestoreScreen) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.Busy || c.found == nil || c.OnRestore == nil {
		return
	}
	if c.problem = passwordProblem(c.password, c.confirm); c.problem != nil {
		return
	}
	c.OnRestore(ctx, c.password, *c.found)
}

// Render draws the steps done so far and the next one.
func (c *RestoreScreen) Render() app.UI {
	l := c.Lang
	msg := c.problem.in(l)
	if msg == "" {
		msg = c.Err
	}
	var step app.UI
	switch {
	case c.file.open == nil:
		step = app.Div().ID("rs-drop").Class("dropzone").OnDragOver(c.onDragOver).OnDrop(c.onDrop).Body(
			app.Label().For("rs-file").Class("button ghost").Text(l.T(i18n.RestoreChoose)),
			app.Input().ID("rs-file").Type("file").Class("file").Accept(".txt,text/plain").Disabled(c.reading).OnChange(c.onFile),
			app.P().Class("hint").Text(l.T(i18n.RestoreDrop)),
		)
	case c.found == nil:
		step = app.Form().ID("rs-decrypt").OnSubmit(c.decrypt).Body(
			app.P().ID("rs-found").Text(l.F(i18n.RestoreFound, c.fileName, c.file.What(c.Lang))),
			app.Label().For("rs-passphrase").Text(l.T(i18n.RestorePassphrase)),
			&textField{ID: "rs-passphrase", Text: c.passphrase, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "off").Required(true).
					Disabled(c.reading).OnInput(c.onInput)
			}},
			app.Div().Class("actions").Body(
				busyButton("rs-open", l.T(i18n.RestoreOpen), l.T(i18n.RestoreDecrypting), c.reading),
				app.Button().ID("rs-other").Type("button").Class("ghost").Text(l.T(i18n.RestoreOther)).OnClick(c.onOther),
			),
		)
	default:
		est := strength.Of(c.password)
		step = app.Form().ID("rs-create").OnSubmit(c.submit).Body(
			app.P().ID("rs-count").Class("success").Text(l.N(i18n.RestoreCount, len(c.found.Accounts))),
			app.P().Class("muted").Text(l.T(i18n.RestoreIntro)),
			app.Label().For("rs-password").Text(l.T(i18n.RestorePassword)),
			&textField{ID: "rs-password", Text: c.password, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "new-password").Required(true).
					Disabled(c.Busy).Aria("describedby", "rs-strength").OnInput(c.onInput)
			}},
			app.P().ID("rs-strength").Class("hint", strengthClass(c.password, est.Level)).Aria("live", "polite").
				Text(strengthText(l, c.password, est)),
			app.Label().For("rs-confirm").Text(l.T(i18n.RestoreConfirm)),
			&textField{ID: "rs-confirm", Text: c.confirm, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "new-password").Required(true).
					Disabled(c.Busy).OnInput(c.onInput)
			}},
			busyButton("rs-submit", l.T(i18n.RestoreSubmit), l.T(i18n.RestoreBusy), c.Busy),
		)
	}
	return app.Section().Class("card narrow").Body(
		app.H1().Text(l.T(i18n.RestoreTitle)),
		step,
		app.If(c.reading && c.file.open == nil, func() app.UI {
			return app.P().Role("status").Body(app.Span().Class("spinner small").Aria("hidden", "true"), app.Text(" "+l.T(i18n.RestoreReading)))
		}),
		app.If(msg != "", func() app.UI { return app.P().ID("rs-error").Class("error").Role("alert").Text(msg) }),
		app.Div().Class("actions").Body(
			app.Button().ID("rs-cancel").Type("button").Class("ghost").Text(l.T(i18n.RestoreBack)).
				OnClick(func(ctx app.Context, e app.Event) {
					if c.OnCancel != nil {
						c.OnCancel(ctx)
					}
				}),
		),
	)
}

// focus moves the focus to id after the next render, with svc.Focus; an
// empty id leaves it where it is.
func focus(ctx app.Context, svc Services, id string) {
	if f := svc.Focus; f != nil && id != "" {
		ctx.Defer(func(app.Context) { f(id) })
	}
}
