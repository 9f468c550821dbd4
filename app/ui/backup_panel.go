package ui

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/strength"
	"twofold.app/app/vault"
)

// BackupPanel makes an encrypted backup and offers it as a download. The
// passphrase is the vault password (checked against the vault, so a typo
// cannot make the backup unreadable) or another one typed twice; the file
// is read back in memory before it is offered.
type BackupPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)

	other        bool // another passphrase instead of the vault password
	pass, again  string
	sets         int // the app's own changes of pass and again
	busy         bool
	err, done    shown
	downloadName string
}

func backupName(now time.Time) string {
	return "twofold-backup-" + now.Format("2006-01-02") + ".txt"
}

func (p *BackupPanel) onInput(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	v := src.Get("value").String()
	switch src.Get("id").String() {
	case "bk-pass":
		p.pass = v
	case "bk-again":
		p.again = v
	}
	p.err = nil
}

func (p *BackupPanel) onMode(ctx app.Context, e app.Event) {
	p.other = ctx.JSSrc().Get("value").String() == "other"
	p.err = nil
}

func (p *BackupPanel) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy || p.Env == nil {
		return
	}
	if p.other {
		switch {
		case strength.Of(p.pass).Level == strength.TooShort:
			p.err = showMsg(i18n.BackupTooShort)
			return
		case p.pass != p.again:
			p.err = showMsg(i18n.BackupDiffer)
			return
		}
	} else if p.pass == "" {
		p.err = showMsg(i18n.BackupTypePassword)
		return
	}
	if p.Env.svc.Download == nil {
		p.err = showMsg(i18n.BackupNoSave)
		return
	}
	pass, other := []byte(p.pass), p.other
	k, svc := p.Env.keeper, p.Env.svc
	p.busy, p.err, p.done = true, nil, nil
	ctx.Async(func() {
		name, err := makeBackup(k, svc, pass, other)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showWith(describeBackup, err)
				return
			}
			p.pass, p.again = "", ""
			p.sets++
			p.Env.focus(ctx, "bk-close") // the submit button is gone
			p.downloadName = name
			p.done = showF(i18n.BackupSaved, name)
		})
	})
}

// keeperLike is what makeBackup needs of a keeper.
type keeperLike interface {
	SealBackup(ctx context.Context, password []byte, p vault.Params, kdf vault.KDF, now time.Time) ([]byte, vault.Contents, error)
	Contents() vault.Contents
	Update(ctx context.Context, change func(*vault.Contents) error) error
}

// makeBackup seals the vault's contents under pass, offers the file as a
// download, and records the backup in the vault. With the vault password
// (other false), SealBackup first checks pass against the vault; another
// passphrase was typed twice. Either way backup.Seal has read the file back
// and found exactly those contents. It costs two key derivations with the
// vault password (one for a wrong one) and one with another passphrase.
func makeBackup(k keeperLike, svc Services, pass []byte, other bool) (string, error) {
	ctx := context.Background()
	now := svc.now()
	var (
		data []byte
		c    vault.Contents
		err  error
	)
	if other {
		c = k.Contents()
		data, err = backup.Seal(&c, pass, svc.params(), svc.kdf(), svc.rand(), now)
	} else {
		data, c, err = k.SealBackup(ctx, pass, svc.params(), svc.kdf(), now)
	}
	if err != nil {
		return "", err
	}
	name := backupName(now)
	if err := svc.Download(name, "text/plain", data); err != nil {
		return "", err
	}
	digest := c.Digest()
	err = k.Update(ctx, func(v *vault.Contents) error {
		v.Settings.LastBackup = now
		if v.Digest() == digest {
			v.Settings.BackupDigest = digest
		}
		return nil
	})
	if errors.Is(err, keeper.ErrGone) {
		// The file is saved; only the note of it in the vault is not,
		// as there is no stored vault to note it in.
		err = nil
	}
	return name, err
}

func describeBackup(l i18n.Lang, err error) string {
	var u *backup.ReadBackError
	switch {
	case errors.Is(err, vault.ErrWrongPassword):
		return l.T(i18n.BackupNotVaultPass)
	case errors.As(err, &u):
		return l.F(i18n.BackupUnverified, u.Err.Error())
	}
	return describe(l, err)
}

// Render draws the panel.
func (p *BackupPanel) Render() app.UI {
	return app.Section().Class("card panel").Aria("labelledby", "backup-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("backup-title").Text(p.Lang.T(i18n.BackupTitle)),
		app.P().Class("muted").Text(p.Lang.T(i18n.BackupIntro)),
		app.Form().ID("backup-form").OnSubmit(p.submit).Body(
			app.FieldSet().Class("choice").Body(
				app.Legend().Text(p.Lang.T(i18n.BackupEncryptWith)),
				app.Label().Class("radio").Body(
					app.Input().Type("radio").Name("bk-mode").ID("bk-mode-vault").Value("vault").
						Checked(!p.other).OnChange(p.onMode),
					app.Span().Text(p.Lang.T(i18n.BackupWithVault)),
				),
				app.Label().Class("radio").Body(
					app.Input().Type("radio").Name("bk-mode").ID("bk-mode-other").Value("other").
						Checked(p.other).OnChange(p.onMode),
					app.Span().Text(p.Lang.T(i18n.BackupWithOther)),
				),
			),
			app.Label().For("bk-pass").Text(p.Lang.T(map[bool]i18n.Message{false: i18n.BackupVaultPass, true: i18n.BackupPassphrase}[p.other])),
			&textField{ID: "bk-pass", Text: p.pass, Set: p.sets, Input: func() app.HTMLInput {
				return app.Input().Type("password").Required(true).Disabled(p.busy).
					Attr("autocomplete", map[bool]string{false: "current-password", true: "new-password"}[p.other]).
					OnInput(p.onInput)
			}},
			app.If(p.other, func() app.UI {
				return app.Div().Body(
					app.Label().For("bk-again").Text(p.Lang.T(i18n.BackupAgain)),
					&textField{ID: "bk-again", Text: p.again, Set: p.sets, Input: func() app.HTMLInput {
						return app.Input().Type("password").Required(true).Disabled(p.busy).
							Attr("autocomplete", "new-password").OnInput(p.onInput)
					}},
				)
			}),
			app.If(p.err != nil, func() app.UI { return app.P().ID("bk-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
			app.If(p.done != nil, func() app.UI { return app.P().ID("bk-done").Class("success").Role("status").Text(p.done.in(p.Lang)) }),
			app.Div().Class("actions").Body(
				app.If(p.done == nil, func() app.UI {
					return busyButton("bk-submit", p.Lang.T(i18n.BackupDownload), p.Lang.T(i18n.BackupEncrypting), p.busy)
				}),
				app.Button().ID("bk-close").Type("button").Class("ghost").Text(p.Lang.T(map[bool]i18n.Message{false: i18n.BackupCancel, true: i18n.BackupDone}[p.done != nil])).
					OnClick(func(ctx app.Context, e app.Event) {
						if p.OnDone != nil {
							p.OnDone(ctx)
						}
					}),
			),
		),
	)
}
