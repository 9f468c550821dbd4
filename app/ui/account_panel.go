package ui

import (
	"context"
	"encoding/base32"
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/vault"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// errDuplicate stops an add that would repeat an account.
var errDuplicate = errors.New("this account is already in your vault")

// errNoAccount stops a change to an account that another tab deleted.
var errNoAccount = errors.New("this account was deleted, perhaps in another tab")

// accountProblem words an error of a change to an account in l.
func accountProblem(l i18n.Lang, err error) string {
	switch {
	case errors.Is(err, errDuplicate):
		return l.T(i18n.AddDuplicate)
	case errors.Is(err, errNoAccount):
		return l.T(i18n.EditGone)
	}
	return describe(l, err)
}

// AccountPanel adds an account (from a pasted otpauth URI or typed fields)
// or edits one, with a message next to each wrong field, and deletes one
// after a confirmation.
type AccountPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	EditID string // empty to add
	OnDone func(ctx app.Context)
	// OnAccounts receives the accounts of a scanned multi-account export,
	// for review.
	OnAccounts func(ctx app.Context, source shown, f found)
	// OnTransfer is called with the texts read when a Twofold transfer
	// code is scanned (see ScanPanel.OnTransfer), to switch to the screen
	// that receives transfers.
	OnTransfer func(ctx app.Context, texts []string)

	loaded     bool
	form       accountForm
	keep       []byte // the stored secret, when editing
	uri        string
	sets       int // the app's own changes of form and uri (filling them in)
	uriErr     shown
	errs       fieldErrors
	err        shown
	busy       bool
	confirming bool
	scanned    bool // the form was filled from a QR code
}

func (p *AccountPanel) load() {
	if p.loaded {
		return
	}
	p.loaded = true
	p.form = newForm()
	if p.EditID == "" || p.Env == nil {
		return
	}
	v := p.Env.keeper.Contents()
	if i, ok := v.Find(p.EditID); ok {
		p.form = formFor(v.Accounts[i])
		p.keep = v.Accounts[i].Secret
	}
}

func (p *AccountPanel) done(ctx app.Context) {
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

// fromScan fills the form from a scanned account link.
func (p *AccountPanel) fromScan(ctx app.Context, uri string) {
	f, err := formFromURI(uri)
	if err != nil {
		p.uriErr = showWith(uriProblem, err)
		return
	}
	p.form, p.errs, p.scanned, p.err = f, nil, true, nil
	p.sets++
	if a, errs := f.account(nil); len(errs) == 0 {
		have := p.Env.keeper.Contents()
		if _, dup := have.Duplicate(a); dup {
			p.err = showMsg(i18n.AddDuplicate)
		}
	}
	p.Env.focus(ctx, "account-save")
}

func (p *AccountPanel) useURI(ctx app.Context, e app.Event) {
	e.PreventDefault()
	f, err := formFromURI(p.uri)
	if err != nil {
		p.uriErr = showWith(uriProblem, err)
		return
	}
	p.form, p.uri, p.uriErr, p.errs = f, "", nil, nil
	p.sets++
	p.Env.focus(ctx, "f-issuer")
}

func (p *AccountPanel) save(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy || p.Env == nil {
		return
	}
	a, errs := p.form.account(p.keep)
	p.errs, p.err = errs, nil
	if len(errs) > 0 {
		return
	}
	now := p.Env.svc.now()
	id := p.EditID
	if id == "" {
		var err error
		if id, err = vault.NewID(p.Env.svc.rand()); err != nil {
			p.err = showErr(err)
			return
		}
	}
	a.ID, a.Modified = id, now
	editing := p.EditID != ""
	p.busy = true
	k := p.Env.keeper
	ctx.Async(func() {
		err := k.Update(context.Background(), func(v *vault.Contents) error {
			if !editing {
				if _, dup := v.Duplicate(a); dup {
					return errDuplicate
				}
				a.Created = now
				return v.Add(a)
			}
			// Edit keeps what the form does not show: the account's
			// place, its creation, favourite and last use.
			if !v.Edit(a, now) {
				return errNoAccount
			}
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showWith(accountProblem, err)
				return
			}
			p.done(ctx)
		})
	})
}

func (p *AccountPanel) confirm(ctx app.Context, e app.Event) {
	p.confirming = true
	p.Env.focus(ctx, "confirm-delete-no")
}

func (p *AccountPanel) remove(ctx app.Context, e app.Event) {
	if p.busy || p.Env == nil {
		return
	}
	p.busy = true
	id := p.EditID
	k := p.Env.keeper
	ctx.Async(func() {
		err := k.Update(context.Background(), func(v *vault.Contents) error {
			if !v.Remove(id) {
				return errNoAccount
			}
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showWith(accountProblem, err)
				return
			}
			p.done(ctx)
		})
	})
}

// setters maps a form element's id to the form field it edits. Handlers
// find their field by the element's id at the time of the event: go-app
// keeps the first handler of an element whose handler code is the same, so
// a closure over per-render data would go stale when an element is reused
// for another field.
var setters = map[string]func(f *accountForm, v string){
	"f-issuer":    func(f *accountForm, v string) { f.Issuer = v },
	"f-name":      func(f *accountForm, v string) { f.Name = v },
	"f-secret":    func(f *accountForm, v string) { f.Secret = v },
	"f-type":      func(f *accountForm, v string) { f.Type = v },
	"f-algorithm": func(f *accountForm, v string) { f.Algorithm = v },
	"f-digits":    func(f *accountForm, v string) { f.Digits = v },
	"f-period":    func(f *accountForm, v string) { f.Period = v },
	"f-counter":   func(f *accountForm, v string) { f.Counter = v },
	"f-group":     func(f *accountForm, v string) { f.Group = v },
	"f-note":      func(f *accountForm, v string) { f.Note = v },
}

func (p *AccountPanel) onInput(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	if set, ok := setters[src.Get("id").String()]; ok {
		set(&p.form, src.Get("value").String())
	}
}

// field draws a labelled input with its message.
func (p *AccountPanel) field(id, label, key, value, kind string) app.UI {
	msg := p.errs[key].in(p.Lang)
	in := func() app.HTMLInput {
		in := app.Input().Type(kind).Attr("autocomplete", "off").Spellcheck(false)
		if id == "f-group" && p.Env != nil {
			in = in.List("f-group-list") // groupChoices
		}
		return in.Aria("invalid", msg != "").Aria("describedby", id+"-error").OnInput(p.onInput)
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		&textField{ID: id, Text: value, Set: p.sets, Input: in},
		app.If(msg != "", func() app.UI {
			return app.P().ID(id + "-error").Class("error field-error").Text(msg)
		}),
	)
}

// groupChoices offers the vault's groups to the group field, so that
// moving an account to another group is a matter of picking it.
func (p *AccountPanel) groupChoices() app.UI {
	if p.Env == nil || p.Env.keeper == nil {
		return nil
	}
	var opts []app.UI
	for _, g := range listing.Groups(p.Env.keeper.Contents().Accounts) {
		if g.Name != "" {
			opts = append(opts, app.Option().Value(g.Name))
		}
	}
	return app.DataList().ID("f-group-list").Body(opts...)
}

func (p *AccountPanel) choice(id, label, key, value string, options []string) app.UI {
	opts := make([]app.UI, len(options))
	for i, o := range options {
		opts[i] = app.Option().Value(o).Selected(o == value).Text(optionLabel(p.Lang, o))
	}
	msg := p.errs[key].in(p.Lang)
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).Aria("invalid", msg != "").
			OnChange(p.onInput).
			Body(opts...),
		app.If(msg != "", func() app.UI {
			return app.P().ID(id + "-error").Class("error field-error").Text(msg)
		}),
	)
}

// optionLabel returns the text of a choice's option: the type's name in
// l, or the value itself.
func optionLabel(l i18n.Lang, o string) string {
	switch o {
	case "totp":
		return l.T(i18n.AddTOTP)
	case "hotp":
		return l.T(i18n.AddHOTP)
	case "steam":
		// A product's name, the same in every language.
		return "Steam Guard"
	}
	return o
}

// Render draws the panel.
func (p *AccountPanel) Render() app.UI {
	p.load()
	f := &p.form
	editing := p.EditID != ""
	l := p.Lang
	title, secretLabel, submit := l.T(i18n.AddTitle), l.T(i18n.AddSecret), l.T(i18n.AddSubmit)
	if editing {
		title, secretLabel, submit = l.T(i18n.EditTitle), l.T(i18n.EditSecret), l.T(i18n.EditSave)
	}
	return app.Section().Class("card panel").Aria("labelledby", "panel-title").OnKeyDown(escape(p.OnDone)).Body(
		app.H1().ID("panel-title").Text(title),
		app.If(!editing, func() app.UI {
			return &ScanPanel{Lang: p.Lang, Env: p.Env, OnAccount: p.fromScan, OnAccounts: p.OnAccounts, OnTransfer: p.OnTransfer}
		}),
		app.If(p.scanned, func() app.UI {
			return app.P().ID("scan-filled").Class("success").Role("status").
				Text(l.T(i18n.AddScanned))
		}),
		app.If(!editing, func() app.UI {
			return app.Form().ID("uri-form").Class("uri-form").OnSubmit(p.useURI).Body(
				app.Label().For("uri").Text(l.T(i18n.AddURILabel)),
				app.Div().Class("inline").Body(
					&textField{ID: "uri", Text: p.uri, Set: p.sets, Input: func() app.HTMLInput {
						return app.Input().Type("text").Attr("autocomplete", "off").Spellcheck(false).
							Placeholder(l.T(i18n.AddURIPlaceholder)).Aria("invalid", p.uriErr != nil).Aria("describedby", "uri-error").
							OnInput(func(ctx app.Context, e app.Event) { p.uri = ctx.JSSrc().Get("value").String(); p.uriErr = nil })
					}},
					app.Button().ID("uri-use").Type("submit").Class("ghost").Text(l.T(i18n.AddFillIn)),
				),
				app.If(p.uriErr != nil, func() app.UI {
					return app.P().ID("uri-error").Class("error field-error").Role("alert").Text(p.uriErr.in(l))
				}),
				app.P().Class("muted divider").Text(l.T(i18n.AddOrType)),
			)
		}),
		app.Form().ID("account-form").OnSubmit(p.save).Body(
			p.field("f-issuer", l.T(i18n.AddIssuer), "issuer", f.Issuer, "text"),
			p.field("f-name", l.T(i18n.AddName), "name", f.Name, "text"),
			p.field("f-secret", secretLabel, "secret", f.Secret, "password"),
			app.Details().Class("advanced").Open(f.Type != "totp" || f.Algorithm != "SHA1" || f.Digits != "6" || f.Period != "30" || len(p.errs) > 0).Body(
				app.Summary().Text(l.T(i18n.AddAdvanced)),
				app.Div().Class("grid").Body(
					p.choice("f-type", l.T(i18n.AddType), "type", f.Type, []string{"totp", "hotp", "steam"}),
					app.If(f.Type != "steam", func() app.UI {
						return app.Div().Class("grid-inner").Body(
							p.choice("f-algorithm", l.T(i18n.AddAlgorithm), "algorithm", f.Algorithm, []string{"SHA1", "SHA256", "SHA512"}),
							p.choice("f-digits", l.T(i18n.AddDigits), "digits", f.Digits, []string{"6", "7", "8"}),
						)
					}),
					app.If(f.Type == "totp", func() app.UI {
						return p.field("f-period", l.T(i18n.AddPeriod), "period", f.Period, "number")
					}),
					app.If(f.Type == "hotp", func() app.UI {
						return p.field("f-counter", l.T(i18n.AddCounter), "counter", f.Counter, "number")
					}),
				),
			),
			p.field("f-group", l.T(i18n.AddGroup), "group", f.Group, "text"),
			p.groupChoices(),
			p.field("f-note", l.T(i18n.AddNote), "note", f.Note, "text"),
			app.If(p.err != nil, func() app.UI {
				return app.P().ID("account-error").Class("error").Role("alert").Text(p.err.in(l))
			}),
			app.Div().Class("actions").Body(
				busyButton("account-save", submit, l.T(i18n.AddSaving), p.busy),
				app.Button().ID("account-cancel").Type("button").Class("ghost").Text(l.T(i18n.AddCancel)).
					OnClick(func(ctx app.Context, e app.Event) { p.done(ctx) }),
				app.If(editing && !p.confirming, func() app.UI {
					return app.Button().ID("account-delete").Type("button").Class("danger ghost").Text(l.T(i18n.EditDelete)).
						OnClick(p.confirm)
				}),
			),
		),
		app.If(p.confirming, func() app.UI {
			name := f.Issuer
			switch {
			case name == "":
				name = f.Name
			case f.Name != "":
				name = l.F(i18n.EditConfirmName, f.Issuer, f.Name)
			}
			return app.Div().ID("confirm-delete").Class("confirm").Role("alertdialog").
				Aria("labelledby", "confirm-title").Aria("describedby", "confirm-text").Body(
				app.H2().ID("confirm-title").Text(l.F(i18n.EditConfirmTitle, name)),
				app.P().ID("confirm-text").Text(l.T(i18n.EditConfirmText)),
				app.Div().Class("actions").Body(
					app.Button().ID("confirm-delete-yes").Class("danger").Text(l.T(i18n.EditDeleteYes)).OnClick(p.remove),
					app.Button().ID("confirm-delete-no").Class("ghost").Text(l.T(i18n.EditKeep)).
						OnClick(func(ctx app.Context, e app.Event) { p.confirming = false }),
				),
			)
		}),
	)
}

// focus moves the focus to id after the next render, deferred on the
// shell's context: the element of ctx may be gone by then.
func (e *env) focus(ctx app.Context, id string) {
	if e == nil || e.svc.Focus == nil || id == "" {
		return
	}
	f := e.svc.Focus
	e.shell.Defer(func(app.Context) { f(id) })
}

// escape calls done when Escape is pressed inside a panel.
func escape(done func(ctx app.Context)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if e.Get("key").String() == "Escape" && done != nil {
			done(ctx)
		}
	}
}
