package ui

import (
	"context"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// importStep is where an import stands.
type importStep int

const (
	stepPick     importStep = iota // choose or drop a file
	stepPassword                   // the file is encrypted
	stepReview                     // choose the accounts to keep
	stepDone
)

// ImportPanel brings accounts in from a file: a Twofold backup (merged
// into this vault) or another app's export. It names what it recognised,
// asks for a password when the file is encrypted, and lists the accounts,
// those already in the vault marked, before anything changes.
type ImportPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)
	// Preset, when set, are accounts read elsewhere (a scanned Google
	// Authenticator export) to review; PresetSource says what they are,
	// in Lang, as the end of a sentence: "a Google Authenticator export
	// (3 codes)".
	Preset       *found
	PresetSource string

	preset   bool
	step     importStep
	fileName string
	file     importFile
	password string
	found    found
	offer    []vault.Candidate
	busy     bool
	err      shown
	added    int
}

func (p *ImportPanel) close(ctx app.Context, e app.Event) {
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

func (p *ImportPanel) onFile(ctx app.Context, e app.Event) {
	if p.Env == nil || p.Env.svc.Files == nil {
		return
	}
	p.take(ctx, p.Env.svc.Files(ctx.JSSrc()))
}

func (p *ImportPanel) onDragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
}

func (p *ImportPanel) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Env == nil || p.Env.svc.Files == nil {
		return
	}
	p.take(ctx, p.Env.svc.Files(e.Value))
}

// take reads the first file and recognises it.
func (p *ImportPanel) take(ctx app.Context, files []File) {
	if len(files) == 0 || p.busy {
		return
	}
	f := files[0]
	kdf := p.Env.svc.kdf()
	p.busy, p.err, p.fileName = true, nil, f.Name()
	ctx.Async(func() {
		data, err := f.Read()
		var file importFile
		if err == nil {
			file, err = recognise(data, kdf)
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showWith(describeImport, err)
				return
			}
			p.file = file
			if file.Encrypted {
				p.step = stepPassword
				p.Env.focus(ctx, "im-password")
				return
			}
			p.open(ctx, nil)
		})
	})
}

func (p *ImportPanel) onPassword(ctx app.Context, e app.Event) {
	p.password = ctx.JSSrc().Get("value").String()
	p.err = nil
}

func (p *ImportPanel) submitPassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy || p.password == "" {
		return
	}
	p.open(ctx, []byte(p.password))
}

// open reads the file's accounts and goes to the review.
func (p *ImportPanel) open(ctx app.Context, password []byte) {
	file := p.file
	p.busy, p.err = true, nil
	ctx.Async(func() {
		f, err := file.open(password)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showWith(describeImport, err)
				p.Env.focus(ctx, "im-password")
				return
			}
			p.password = ""
			have := p.Env.keeper.Contents()
			p.found, p.offer, p.step = f, vault.Review(f.Accounts, &have), stepReview
			p.Env.focus(ctx, "im-title")
		})
	})
}

func (p *ImportPanel) onToggle(ctx app.Context, e app.Event) {
	i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("index").String())
	if err != nil || i < 0 || i >= len(p.offer) {
		return
	}
	p.offer[i].Keep = ctx.JSSrc().Get("checked").Bool()
}

func (p *ImportPanel) kept() int {
	n := 0
	for _, c := range p.offer {
		if c.Keep {
			n++
		}
	}
	return n
}

func (p *ImportPanel) confirm(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy || p.kept() == 0 {
		return
	}
	offer := append([]vault.Candidate(nil), p.offer...)
	k, svc := p.Env.keeper, p.Env.svc
	p.busy, p.err = true, nil
	ctx.Async(func() {
		var added int
		now := svc.now()
		err := k.Update(context.Background(), func(v *vault.Contents) error {
			n, err := v.Merge(offer, svc.rand(), now)
			added = n
			return err
		})
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showErr(err)
				return
			}
			p.added, p.step = added, stepDone
			p.Env.focus(ctx, "im-close")
		})
	})
}

// Render draws the current step.
func (p *ImportPanel) Render() app.UI {
	if p.Preset != nil && !p.preset && p.Env != nil {
		p.preset = true
		have := p.Env.keeper.Contents()
		p.file, p.fileName = importFile{}, ""
		p.found, p.offer, p.step = *p.Preset, vault.Review(p.Preset.Accounts, &have), stepReview
	}
	return app.Section().Class("card panel").Aria("labelledby", "im-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("im-title").TabIndex(-1).Text(p.Lang.T(i18n.ImportTitle)),
		p.body(),
		app.If(p.err != nil, func() app.UI { return app.P().ID("im-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
	)
}

func (p *ImportPanel) body() app.UI {
	switch p.step {
	case stepPassword:
		return app.Form().ID("im-password-form").OnSubmit(p.submitPassword).Body(
			app.P().ID("im-found").Text(p.Lang.F(i18n.ImportEncrypted, p.fileName, p.file.What(p.Lang))),
			app.Label().For("im-password").Text(p.Lang.T(i18n.ImportPassword)),
			&textField{ID: "im-password", Text: p.password, Input: func() app.HTMLInput {
				return app.Input().Type("password").Attr("autocomplete", "off").Required(true).
					Disabled(p.busy).OnInput(p.onPassword)
			}},
			app.Div().Class("actions").Body(
				busyButton("im-open", p.Lang.T(i18n.ImportOpen), p.Lang.T(i18n.ImportDecrypting), p.busy),
				app.Button().ID("im-cancel").Type("button").Class("ghost").Text(p.Lang.T(i18n.ImportCancel)).OnClick(p.close),
			),
		)
	case stepReview:
		return p.review()
	case stepDone:
		return app.Div().Body(
			app.P().ID("im-done").Class("success").Role("status").Text(p.Lang.N(i18n.ImportAdded, p.added)),
			app.Div().Class("actions").Body(
				app.Button().ID("im-close").Class("primary").Text(p.Lang.T(i18n.ImportDone)).OnClick(p.close),
			),
		)
	}
	return app.Div().Class("dropzone").ID("im-drop").OnDragOver(p.onDragOver).OnDrop(p.onDrop).Body(
		app.P().Text(p.Lang.F(i18n.ImportKinds, appList(p.Lang))),
		app.Label().For("im-file").Class("button ghost").Text(p.Lang.T(i18n.ImportChoose)),
		app.Input().ID("im-file").Type("file").Class("file").Disabled(p.busy).OnChange(p.onFile),
		app.P().Class("hint").Text(p.Lang.T(i18n.ImportDropHint)),
		app.If(p.busy, func() app.UI {
			return app.P().Role("status").Body(app.Span().Class("spinner small").Aria("hidden", "true"), app.Text(" "+p.Lang.T(i18n.ImportReading)))
		}),
		app.Div().Class("actions").Body(
			app.Button().ID("im-cancel").Type("button").Class("ghost").Text(p.Lang.T(i18n.ImportCancel)).OnClick(p.close),
		),
	)
}

func (p *ImportPanel) review() app.UI {
	rows := make([]app.UI, len(p.offer))
	dups := 0
	for i, c := range p.offer {
		a := c.Account
		label := a.Issuer
		if a.Name != "" {
			if label != "" {
				label += " — "
			}
			label += a.Name
		}
		detail := keyDetail(p.Lang, a.Key)
		var mark app.UI
		if c.Duplicate {
			dups++
			mark = app.Span().Class("tag").Text(p.Lang.T(i18n.ImportInVault))
		}
		rows[i] = app.Li().Body(
			app.Label().Class("check").Body(
				app.Input().Type("checkbox").ID("im-acc-"+strconv.Itoa(i)).DataSet("index", i).
					Checked(c.Keep).OnChange(p.onToggle),
				app.Span().Class("im-label").Text(label),
				app.Span().Class("hint").Text(" "+detail+" "),
				mark,
			),
		)
	}
	var skipped []app.UI
	for _, s := range p.found.Skipped {
		skipped = append(skipped, app.Li().Text(describeSkip(p.Lang, s)))
	}
	l, n := p.Lang, len(p.offer)
	var summary string
	switch {
	case p.Preset != nil && dups > 0:
		summary = l.N(i18n.ImportScannedKnown, n, p.PresetSource, l.Number(dups))
	case p.Preset != nil:
		summary = l.N(i18n.ImportScanned, n, p.PresetSource)
	case dups > 0:
		summary = l.N(i18n.ImportFoundKnown, n, p.fileName, p.file.What(l), l.Number(dups))
	default:
		summary = l.N(i18n.ImportFound, n, p.fileName, p.file.What(l))
	}
	return app.Form().ID("im-review").OnSubmit(p.confirm).Body(
		app.P().ID("im-found").Text(summary),
		app.Ul().ID("im-list").Class("checklist").Body(rows...),
		app.If(len(skipped) > 0, func() app.UI {
			return app.Div().ID("im-skipped").Class("warning").Body(
				app.P().Text(l.N(i18n.ImportSkipped, len(skipped))),
				app.Ul().Body(skipped...),
			)
		}),
		app.Range(p.found.Notes).Slice(func(i int) app.UI {
			return app.P().Class("hint im-note").Text(describeNote(l, p.found.Notes[i]))
		}),
		app.Div().Class("actions").Body(
			app.If(p.kept() > 0, func() app.UI {
				return busyButton("im-confirm", l.T(i18n.ImportConfirm), l.T(i18n.ImportWorking), p.busy)
			}).Else(func() app.UI {
				return app.Button().ID("im-confirm").Type("submit").Class("primary").Disabled(true).Text(l.T(i18n.ImportNone))
			}),
			app.Button().ID("im-cancel").Type("button").Class("ghost").Text(p.Lang.T(i18n.ImportCancel)).OnClick(p.close),
		),
	)
}

// keyDetail describes a key in a few words: "TOTP · SHA256 · 8 digits ·
// 30 s", "HOTP · SHA1 · 6 digits · counter 5", "Steam".
func keyDetail(l i18n.Lang, k otp.Key) string {
	switch k.Type {
	case otp.Steam:
		return "Steam"
	case otp.HOTP:
		return l.F(i18n.ImportDetailHOTP, k.Algorithm.String(), k.Digits, k.Counter)
	}
	return l.F(i18n.ImportDetailTOTP, k.Algorithm.String(), k.Digits, k.Period)
}
