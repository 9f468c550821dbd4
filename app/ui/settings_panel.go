package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/strength"
	"twofold.app/app/vault"
)

// lockChoices are the idle times offered for the automatic lock.
var lockChoices = []time.Duration{
	time.Minute, 2 * time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, vault.NeverLock,
}

// SettingsPanel sets the idle lock and shows whether the browser keeps the
// vault's storage.
type SettingsPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)
	OnOpen func(ctx app.Context, m mode) // opens another panel

	err   string
	saved bool

	current, next, again string
	pwBusy               bool
	pwErr, pwDone        string
}

func (p *SettingsPanel) onPassword(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	v := src.Get("value").String()
	switch src.Get("id").String() {
	case "pw-current":
		p.current = v
	case "pw-new":
		p.next = v
	case "pw-again":
		p.again = v
	}
	p.pwErr, p.pwDone = "", ""
}

func (p *SettingsPanel) changePassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.pwBusy || p.Env == nil {
		return
	}
	switch {
	case strength.Of(p.next).Level == strength.TooShort:
		p.pwErr = "The new password is too short: use at least 8 characters."
		return
	case p.next != p.again:
		p.pwErr = "The two new passwords differ."
		return
	}
	current, next := []byte(p.current), []byte(p.next)
	p.current, p.next, p.again = "", "", ""
	p.Env.clear(ctx, "pw-current", "pw-new", "pw-again")
	p.pwBusy, p.pwErr, p.pwDone = true, "", ""
	k, svc := p.Env.keeper, p.Env.svc
	ctx.Async(func() {
		err := k.ChangePassword(context.Background(), current, next, svc.params(), svc.kdf())
		ctx.Dispatch(func(ctx app.Context) {
			p.pwBusy = false
			if err != nil {
				p.pwErr = describe(p.Lang, err)
				if errors.Is(err, vault.ErrWrongPassword) {
					p.pwErr = "The current password is wrong; nothing was changed."
				}
				return
			}
			p.pwDone = "Password changed. Use the new one from now on."
		})
	})
}

func (p *SettingsPanel) passwordForm() app.UI {
	input := func(id, label, value, autocomplete string) app.UI {
		return app.Div().Class("field").Body(
			app.Label().For(id).Text(label),
			app.Input().ID(id).Type("password").Attr("autocomplete", autocomplete).Required(true).
				Value(value).Disabled(p.pwBusy).OnInput(p.onPassword),
		)
	}
	return app.Form().ID("password-form").OnSubmit(p.changePassword).Body(
		input("pw-current", "Current password", p.current, "current-password"),
		input("pw-new", "New password", p.next, "new-password"),
		input("pw-again", "New password again", p.again, "new-password"),
		app.If(p.pwErr != "", func() app.UI { return app.P().ID("pw-error").Class("error").Role("alert").Text(p.pwErr) }),
		app.If(p.pwDone != "", func() app.UI { return app.P().ID("pw-done").Class("hint").Role("status").Text(p.pwDone) }),
		busyButton("pw-submit", "Change password", "Changing…", p.pwBusy),
	)
}

func (p *SettingsPanel) setLock(ctx app.Context, e app.Event) {
	if p.Env == nil {
		return
	}
	secs, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	d := time.Duration(secs) * time.Second
	if secs < 0 {
		d = vault.NeverLock
	}
	k := p.Env.keeper
	p.saved, p.err = false, ""
	ctx.Async(func() {
		err := k.Update(context.Background(), func(v *vault.Contents) error {
			v.Settings.LockAfter = d
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.err = describe(p.Lang, err)
				return
			}
			p.saved = true
		})
	})
}

// Render draws the settings.
func (p *SettingsPanel) Render() app.UI {
	var current time.Duration
	persisted := persistUnknown
	if p.Env != nil {
		if d, ok := p.Env.keeper.Contents().Settings.IdleLock(); ok {
			current = d
		} else {
			current = vault.NeverLock
		}
		persisted = p.Env.persisted
	}
	opts := make([]app.UI, len(lockChoices))
	for i, d := range lockChoices {
		label := "After " + formatDuration(p.Lang, d)
		if d == vault.NeverLock {
			label = "Never (not recommended)"
		}
		value := strconv.Itoa(int(d / time.Second))
		if d == vault.NeverLock {
			value = "-1"
		}
		opts[i] = app.Option().Value(value).Selected(d == current).Text(label)
	}
	var storage string
	switch persisted {
	case persistGranted:
		storage = "Persistent: the browser will not delete the vault to free space."
	case persistDenied:
		storage = "Not persistent: the browser may delete the vault when space runs low. A backup is your only safeguard."
	default:
		storage = "Unknown: this browser does not say whether it keeps the vault. Keep a backup."
	}
	return app.Section().Class("card panel").Aria("labelledby", "settings-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("settings-title").Text("Settings"),
		app.Div().Class("field").Body(
			app.Label().For("lock-after").Text("Lock automatically when idle"),
			app.Select().ID("lock-after").OnChange(p.setLock).Body(opts...),
			app.If(p.saved, func() app.UI { return app.P().ID("settings-saved").Class("hint").Role("status").Text("Saved.") }),
			app.If(p.err != "", func() app.UI { return app.P().Class("error").Role("alert").Text(p.err) }),
		),
		app.H2().Text("Password"),
		app.P().Class("muted").Text("Changing it re-protects the vault's key; your accounts stay as they are."),
		p.passwordForm(),
		app.H2().Text("Backups and moving"),
		app.P().ID("last-backup").Class("muted").Text(lastBackup(p.Env)),
		app.Div().Class("actions tight").Body(
			app.Button().ID("open-backup").Class("ghost").Text("Back up now").OnClick(p.onOpen),
			app.Button().ID("open-import").Class("ghost").Text("Import from a file").OnClick(p.onOpen),
			app.Button().ID("open-export-qr").Class("ghost").Text("Export to another app (QR codes)").OnClick(p.onOpen),
			app.Button().ID("open-export").Class("ghost").Text("Export as text file").OnClick(p.onOpen),
		),
		app.P().Class("muted").Text("Move accounts between your devices or browsers with encrypted QR codes, no file and no network."),
		app.Div().Class("actions tight").Body(
			app.Button().ID("open-transfer-send").Class("ghost").Text("Move to another device").OnClick(p.onOpen),
			app.Button().ID("open-transfer-receive").Class("ghost").Text("Move accounts from another device").OnClick(p.onOpen),
		),
		app.H2().Text("Storage"),
		app.P().ID("storage-status").Class(map[persistState]string{persistDenied: "warning"}[persisted]).Text(storage),
		app.H2().Text("About"),
		app.P().Class("muted").Text("Twofold "+app.Getenv("GOAPP_VERSION")+". Everything stays in this browser; nothing is sent anywhere."),
		app.Div().Class("actions").Body(
			app.Button().ID("settings-done").Class("primary").Text("Done").
				OnClick(func(ctx app.Context, e app.Event) {
					if p.OnDone != nil {
						p.OnDone(ctx)
					}
				}),
		),
	)
}

func (p *SettingsPanel) onOpen(ctx app.Context, e app.Event) {
	m, ok := map[string]mode{"open-backup": modeBackup, "open-import": modeImport, "open-export": modeExport, "open-export-qr": modeExportQR,
		"open-transfer-send": modeTransferSend, "open-transfer-receive": modeTransferReceive}[ctx.JSSrc().Get("id").String()]
	if ok && p.OnOpen != nil {
		p.OnOpen(ctx, m)
	}
}

func lastBackup(e *env) string {
	if e == nil {
		return ""
	}
	c := e.keeper.Contents()
	switch {
	case c.Settings.LastBackup.IsZero():
		return "No backup yet."
	case c.BackedUp():
		return "Last backup: " + c.Settings.LastBackup.Local().Format("2 January 2006, 15:04") + ". Nothing has changed since."
	}
	return "Last backup: " + c.Settings.LastBackup.Local().Format("2 January 2006, 15:04") + ". Your accounts have changed since."
}
