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

// SettingsPanel sets the language and the idle lock, changes the
// password, opens the backup and moving panels, and shows whether the
// browser keeps the vault's storage.
type SettingsPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)
	OnOpen func(ctx app.Context, m mode) // opens another panel

	err   shown
	saved bool

	current, next, again string
	pwSets               int // the app's own changes of the three
	pwBusy               bool
	pwErr, pwDone        shown
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
	p.pwErr, p.pwDone = nil, nil
}

func (p *SettingsPanel) changePassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.pwBusy || p.Env == nil {
		return
	}
	switch {
	case strength.Of(p.next).Level == strength.TooShort:
		p.pwErr = showMsg(i18n.SettingsTooShort)
		return
	case p.next != p.again:
		p.pwErr = showMsg(i18n.SettingsDiffer)
		return
	}
	current, next := []byte(p.current), []byte(p.next)
	p.current, p.next, p.again = "", "", ""
	p.pwSets++
	p.pwBusy, p.pwErr, p.pwDone = true, nil, nil
	k, svc := p.Env.keeper, p.Env.svc
	ctx.Async(func() {
		// The new password keeps the vault's cost, which may be the
		// stronger one.
		params := k.Params()
		if params == (vault.Params{}) {
			params = svc.params()
		}
		err := k.ChangePassword(context.Background(), current, next, params, svc.kdf())
		ctx.Dispatch(func(ctx app.Context) {
			p.pwBusy = false
			if err != nil {
				p.pwErr = showErr(err)
				if errors.Is(err, vault.ErrWrongPassword) {
					p.pwErr = showMsg(i18n.SettingsWrongCurrent)
				}
				return
			}
			p.pwDone = showMsg(i18n.SettingsChanged)
		})
	})
}

func (p *SettingsPanel) passwordForm() app.UI {
	input := func(id, label, value, autocomplete string) app.UI {
		return app.Div().Class("field").Body(
			app.Label().For(id).Text(label),
			&textField{ID: id, Text: value, Set: p.pwSets, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", autocomplete).Required(true).
					Disabled(p.pwBusy).OnInput(p.onPassword)
			}},
		)
	}
	return app.Form().ID("password-form").OnSubmit(p.changePassword).Body(
		input("pw-current", p.Lang.T(i18n.SettingsCurrentPassword), p.current, "current-password"),
		input("pw-new", p.Lang.T(i18n.SettingsNewPassword), p.next, "new-password"),
		input("pw-again", p.Lang.T(i18n.SettingsNewAgain), p.again, "new-password"),
		app.If(p.pwErr != nil, func() app.UI { return app.P().ID("pw-error").Class("error").Role("alert").Text(p.pwErr.in(p.Lang)) }),
		app.If(p.pwDone != nil, func() app.UI { return app.P().ID("pw-done").Class("hint").Role("status").Text(p.pwDone.in(p.Lang)) }),
		busyButton("pw-submit", p.Lang.T(i18n.SettingsChange), p.Lang.T(i18n.SettingsChanging), p.pwBusy),
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
	p.save(ctx, func(st *vault.Settings) { st.LockAfter = d })
}

// setPref keeps a preference of this browser (the clipboard's clearing,
// the lock of a hidden page, codes hidden until tapped), named by the
// select's id.
func (p *SettingsPanel) setPref(ctx app.Context, e app.Event) {
	if p.Env == nil || p.Env.svc.SetPref == nil {
		return
	}
	src := ctx.JSSrc()
	key := map[string]string{"clear-after": prefClear, "hidden-lock": prefHidden, "hide-codes": prefHide}[src.Get("id").String()]
	if key == "" {
		return
	}
	p.Env.svc.SetPref(key, src.Get("value").String())
	p.saved, p.err = true, nil
}

// svc returns the services, or none before the vault is open.
func (p *SettingsPanel) svc() Services {
	if p.Env == nil {
		return Services{}
	}
	return p.Env.svc
}

// clearSelect draws when to clear the clipboard, kept by this browser.
func (p *SettingsPanel) clearSelect() app.UI {
	l := p.Lang
	clear := p.svc().clearAfter()
	clears := make([]app.UI, len(clearChoices))
	for i, d := range clearChoices {
		label := l.F(i18n.SettingsLockAfter, l.Duration(d))
		if d == 0 {
			label = l.T(i18n.SettingsClearNever)
		}
		clears[i] = app.Option().Value(strconv.Itoa(int(d / time.Second))).Selected(d == clear).Text(label)
	}
	return app.Div().Class("field").Body(
		app.Label().For("clear-after").Text(l.T(i18n.SettingsClipboard)),
		app.Select().ID("clear-after").Aria("describedby", "clear-hint").OnChange(p.setPref).Body(clears...),
		app.P().ID("clear-hint").Class("hint").Text(l.T(i18n.SettingsClipboardHint)),
	)
}

// hideSelect draws whether the list hides its codes until tapped, kept by
// this browser.
func (p *SettingsPanel) hideSelect() app.UI {
	l := p.Lang
	hide := p.svc().hideCodes()
	return app.Div().Class("field").Body(
		app.Label().For("hide-codes").Text(l.T(i18n.SettingsCodes)),
		app.Select().ID("hide-codes").Aria("describedby", "hide-hint").OnChange(p.setPref).Body(
			app.Option().Value("show").Selected(!hide).Text(l.T(i18n.SettingsCodesShown)),
			app.Option().Value("tap").Selected(hide).Text(l.T(i18n.SettingsCodesTap)),
		),
		app.P().ID("hide-hint").Class("hint").Text(l.F(i18n.SettingsCodesHint, l.Duration(revealFor))),
	)
}

// hiddenSelect draws when to lock a hidden page, kept by this browser.
func (p *SettingsPanel) hiddenSelect() app.UI {
	l := p.Lang
	hidden, hides := p.svc().hiddenLock()
	hiddens := []app.UI{app.Option().Value("off").Selected(!hides).Text(l.T(i18n.SettingsHiddenOff))}
	for _, d := range hiddenChoices {
		label := l.F(i18n.SettingsLockAfter, l.Duration(d))
		if d == 0 {
			label = l.T(i18n.SettingsHiddenNow)
		}
		hiddens = append(hiddens, app.Option().Value(strconv.Itoa(int(d/time.Second))).Selected(hides && d == hidden).Text(label))
	}
	return app.Div().Class("field").Body(
		app.Label().For("hidden-lock").Text(l.T(i18n.SettingsHidden)),
		app.Select().ID("hidden-lock").OnChange(p.setPref).Body(hiddens...),
	)
}

// setDensity keeps the density the list is drawn in.
func (p *SettingsPanel) setDensity(ctx app.Context, e app.Event) {
	d, ok := vault.ParseDensity(ctx.JSSrc().Get("value").String())
	if !ok || p.Env == nil {
		return
	}
	p.save(ctx, func(st *vault.Settings) { st.Density = d })
}

// save changes the vault's settings in the background and says it is done.
func (p *SettingsPanel) save(ctx app.Context, change func(st *vault.Settings)) {
	k := p.Env.keeper
	p.saved, p.err = false, nil
	ctx.Async(func() {
		err := k.Update(context.Background(), func(v *vault.Contents) error {
			change(&v.Settings)
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.err = showErr(err)
				return
			}
			p.saved = true
		})
	})
}

// Render draws the settings.
func (p *SettingsPanel) Render() app.UI {
	var current time.Duration
	var density vault.Density
	persisted := persistUnknown
	if p.Env != nil {
		density = p.Env.keeper.Contents().Settings.Density
		if d, ok := p.Env.keeper.Contents().Settings.IdleLock(); ok {
			current = d
		} else {
			current = vault.NeverLock
		}
		persisted = p.Env.persisted
	}
	opts := make([]app.UI, len(lockChoices))
	for i, d := range lockChoices {
		label := p.Lang.F(i18n.SettingsLockAfter, formatDuration(p.Lang, d))
		if d == vault.NeverLock {
			label = p.Lang.T(i18n.SettingsLockNever)
		}
		value := strconv.Itoa(int(d / time.Second))
		if d == vault.NeverLock {
			value = "-1"
		}
		opts[i] = app.Option().Value(value).Selected(d == current).Text(label)
	}
	storage := i18n.SettingsPersistUnknown
	switch {
	case p.Env != nil && p.Env.evicts:
		storage, persisted = i18n.VaultEvicts, persistDenied
	case persisted == persistGranted:
		storage = i18n.SettingsPersistent
	case persisted == persistDenied:
		storage = i18n.SettingsNotPersistent
	}
	l := p.Lang
	return app.Section().Class("card panel").Aria("labelledby", "settings-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("settings-title").Text(l.T(i18n.SettingsTitle)),
		app.Div().Class("field").Body(
			app.Label().For("settings-lang").Text(l.T(i18n.SettingsLanguage)),
			&LangSelect{Lang: l, ID: "settings-lang", Labelled: true, OnChange: p.setLang},
		),
		app.Div().Class("field").Body(
			app.Label().For("lock-after").Text(l.T(i18n.SettingsLock)),
			app.Select().ID("lock-after").OnChange(p.setLock).Body(opts...),
		),
		p.hiddenSelect(),
		p.clearSelect(),
		p.hideSelect(),
		app.Div().Class("field").Body(
			app.Label().For("density").Text(l.T(i18n.SettingsDensity)),
			app.Select().ID("density").OnChange(p.setDensity).Body(
				app.Option().Value(vault.DensityComfortable.String()).Selected(density == vault.DensityComfortable).
					Text(l.T(i18n.SettingsComfortable)),
				app.Option().Value(vault.DensityCompact.String()).Selected(density == vault.DensityCompact).
					Text(l.T(i18n.SettingsCompact)),
			),
			app.If(p.saved, func() app.UI {
				return app.P().ID("settings-saved").Class("hint").Role("status").Text(l.T(i18n.SettingsSaved))
			}),
			app.If(p.err != nil, func() app.UI { return app.P().ID("settings-error").Class("error").Role("alert").Text(p.err.in(l)) }),
		),
		app.H2().Text(l.T(i18n.SettingsPassword)),
		app.P().Class("muted").Text(l.T(i18n.SettingsPasswordIntro)),
		p.passwordForm(),
		&KDFChoice{Lang: l, Env: p.Env},
		app.H2().Text(l.T(i18n.SettingsBackups)),
		app.P().ID("last-backup").Class("muted").Text(lastBackup(l, p.Env)),
		app.Div().Class("actions tight").Body(
			app.Button().ID("open-backup").Class("ghost").Text(l.T(i18n.SettingsBackUp)).OnClick(p.onOpen),
			app.Button().ID("open-import").Class("ghost").Text(l.T(i18n.SettingsImport)).OnClick(p.onOpen),
			app.Button().ID("open-export-qr").Class("ghost").Text(l.T(i18n.SettingsExportQR)).OnClick(p.onOpen),
			app.Button().ID("open-export").Class("ghost").Text(l.T(i18n.SettingsExportText)).OnClick(p.onOpen),
		),
		app.P().Class("muted").Text(l.T(i18n.SettingsMove)),
		app.Div().Class("actions tight").Body(
			app.Button().ID("open-transfer-send").Class("ghost").Text(l.T(i18n.SettingsSend)).OnClick(p.onOpen),
			app.Button().ID("open-transfer-receive").Class("ghost").Text(l.T(i18n.SettingsReceive)).OnClick(p.onOpen),
		),
		app.H2().Text(l.T(i18n.SettingsStorage)),
		app.P().ID("storage-status").Class(map[persistState]string{persistDenied: "warning"}[persisted]).Text(l.T(storage)),
		app.H2().Text(l.T(i18n.SettingsAbout)),
		app.P().Class("muted").Text(l.F(i18n.SettingsVersion, app.Getenv("GOAPP_VERSION"))),
		app.Div().Class("actions").Body(
			app.Button().ID("settings-done").Class("primary").Text(l.T(i18n.SettingsDone)).
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

// setLang draws the app in l from now on.
func (p *SettingsPanel) setLang(ctx app.Context, l i18n.Lang) {
	if p.Env != nil && p.Env.setLang != nil {
		p.Env.setLang(ctx, l)
	}
}

// lastBackup says when the vault was last backed up, in l, and whether it
// changed since.
func lastBackup(l i18n.Lang, e *env) string {
	if e == nil {
		return ""
	}
	c := e.keeper.Contents()
	switch {
	case c.Settings.LastBackup.IsZero():
		return l.T(i18n.SettingsNoBackup)
	case c.BackedUp():
		return l.F(i18n.SettingsBackedUp, l.DateTime(c.Settings.LastBackup.Local()))
	}
	return l.F(i18n.SettingsChangedSince, l.DateTime(c.Settings.LastBackup.Local()))
}
