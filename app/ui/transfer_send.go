package ui

import (
	"sort"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// TransferSendPanel moves accounts to another device or browser: the user
// chooses the accounts and where the codes will be read, then it seals them
// under a new verification code and hands them to [TransferCodes].
type TransferSendPanel struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env    *env
	OnDone func(ctx app.Context)

	excluded  map[string]bool
	query     string
	group     string // "" for every group
	situation transfer.Situation
	busy      bool
	err       shown

	// msg, code and layout are the transfer once sealed, which
	// TransferCodes shows.
	msg    *transfer.Message
	code   string
	layout transfer.Layout
}

// OnDismount ends the transfer: leaving the screen forgets the message and
// the verification code.
func (p *TransferSendPanel) OnDismount() { p.end() }

func (p *TransferSendPanel) end() {
	p.msg, p.code = nil, ""
}

func (p *TransferSendPanel) close(ctx app.Context, e app.Event) { p.done(ctx) }

// done ends the transfer and closes the panel.
func (p *TransferSendPanel) done(ctx app.Context) {
	p.end()
	if p.OnDone != nil {
		p.OnDone(ctx)
	}
}

// chosen returns the accounts to send, in the vault's order.
func (p *TransferSendPanel) chosen() []vault.Account {
	if p.Env == nil {
		return nil
	}
	var out []vault.Account
	for _, a := range p.Env.keeper.Contents().Accounts {
		if !p.excluded[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// listed reports whether account a is shown by the search and the group.
func (p *TransferSendPanel) listed(a *vault.Account) bool {
	return matches(a, p.query) && (p.group == "" || a.Group == p.group)
}

func (p *TransferSendPanel) onToggle(ctx app.Context, e app.Event) {
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	p.excluded[ctx.JSSrc().Get("dataset").Get("id").String()] = !ctx.JSSrc().Get("checked").Bool()
	p.err = nil
}

// onShown chooses or leaves out every account that the search and group
// show.
func (p *TransferSendPanel) onShown(ctx app.Context, e app.Event) {
	if p.Env == nil {
		return
	}
	if p.excluded == nil {
		p.excluded = map[string]bool{}
	}
	out := ctx.JSSrc().Get("id").String() == "tr-none"
	for _, a := range p.Env.keeper.Contents().Accounts {
		if p.listed(&a) {
			p.excluded[a.ID] = out
		}
	}
	p.err = nil
}

func (p *TransferSendPanel) onSituation(ctx app.Context, e app.Event) {
	if s, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
		p.situation = transfer.Situation(s)
	}
}

func (p *TransferSendPanel) situationOr() transfer.Situation {
	if p.situation == 0 {
		return transfer.Screen
	}
	return p.situation
}

// start seals the chosen accounts under a new verification code.
func (p *TransferSendPanel) start(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Env == nil || p.busy {
		return
	}
	accounts := p.chosen()
	if len(accounts) == 0 {
		p.err = showMsg(i18n.TransferNoAccount)
		return
	}
	svc, situation := p.Env.svc, p.situationOr()
	p.busy, p.err = true, nil
	ctx.Async(func() {
		var msg *transfer.Message
		code, err := transfer.NewCode(svc.rand())
		if err == nil {
			msg, err = transfer.Seal(accounts, code, transfer.DefaultParams, svc.rand(), svc.kdf())
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = showErr(err)
				return
			}
			p.msg, p.code, p.layout = msg, code.String(), transfer.LayoutIn(situation, codeRoom(svc))
		})
	})
}

// Render draws the choice of accounts, or the codes once they are made.
func (p *TransferSendPanel) Render() app.UI {
	if p.msg != nil {
		return &TransferCodes{Lang: p.Lang, Env: p.Env, Msg: p.msg, Code: p.code, Layout: p.layout, OnDone: p.done}
	}
	return app.Section().ID("transfer-send").Class("card panel").Aria("labelledby", "tr-title").OnKeyDown(p.onKey).Body(
		app.H1().ID("tr-title").TabIndex(-1).Text(p.Lang.T(i18n.TransferSendTitle)),
		p.choice(),
		app.If(p.err != nil, func() app.UI { return app.P().ID("tr-error").Class("error").Role("alert").Text(p.err.in(p.Lang)) }),
	)
}

// onKey closes the panel with Escape.
func (p *TransferSendPanel) onKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Escape" {
		p.close(ctx, e)
	}
}

func (p *TransferSendPanel) choice() app.UI {
	l := p.Lang
	var rows []app.UI
	groups := map[string]bool{}
	chosen := 0
	if p.Env != nil {
		for _, a := range p.Env.keeper.Contents().Accounts {
			if a.Group != "" {
				groups[a.Group] = true
			}
			if !p.excluded[a.ID] {
				chosen++
			}
			if !p.listed(&a) {
				continue
			}
			rows = append(rows, app.Li().Body(app.Label().Class("check").Body(
				app.Input().Type("checkbox").ID("tr-acc-"+a.ID).DataSet("id", a.ID).
					Checked(!p.excluded[a.ID]).OnChange(p.onToggle),
				app.Span().Text(label(a)),
			)))
		}
	}
	var groupSelect app.UI
	if len(groups) > 0 {
		names := make([]string, 0, len(groups))
		for g := range groups {
			names = append(names, g)
		}
		sort.Strings(names)
		opts := []app.UI{app.Option().Value("").Selected(p.group == "").Text(l.T(i18n.TransferAllGroups))}
		for _, g := range names {
			opts = append(opts, app.Option().Value(g).Selected(p.group == g).Text(g))
		}
		groupSelect = app.Select().ID("tr-group").Aria("label", l.T(i18n.TransferGroup)).Body(opts...).
			OnChange(func(ctx app.Context, e app.Event) { p.group = ctx.JSSrc().Get("value").String() })
	}
	situations := []struct {
		s     transfer.Situation
		id    string
		label i18n.Message
		hint  i18n.Message
	}{
		{transfer.Screen, "tr-for-screen", i18n.TransferForScreen, i18n.TransferForScreenHint},
		{transfer.Camera, "tr-for-camera", i18n.TransferForCamera, i18n.TransferForCameraHint},
		{transfer.OldCamera, "tr-for-old", i18n.TransferForOld, i18n.TransferForOldHint},
	}
	radios := make([]app.UI, len(situations))
	for i, s := range situations {
		radios[i] = app.Label().Class("radio").Body(
			app.Input().Type("radio").ID(s.id).Name("tr-for").Value(strconv.Itoa(int(s.s))).
				Checked(p.situationOr() == s.s).OnChange(p.onSituation),
			app.Span().Body(app.Text(l.T(s.label)), app.Span().Class("hint block").Text(l.T(s.hint))),
		)
	}
	return app.Form().ID("tr-form").OnSubmit(p.start).Body(
		app.P().Text(l.T(i18n.TransferSendIntro)),
		app.FieldSet().Class("choice").Body(
			app.Legend().Text(l.F(i18n.TransferAccounts, l.Number(chosen))),
			app.Div().Class("toolbar tight").Body(
				&textField{ID: "tr-search", Text: p.query, Input: func() app.HTMLInput {
					return app.Input().Type("search").Class("search").Placeholder(l.T(i18n.TransferSearch)).
						Aria("label", l.T(i18n.TransferSearchLabel)).
						OnInput(func(ctx app.Context, e app.Event) { p.query = ctx.JSSrc().Get("value").String() })
				}},
				groupSelect,
				app.Button().ID("tr-all").Type("button").Class("ghost").Text(l.T(i18n.TransferChooseShown)).OnClick(p.onShown),
				app.Button().ID("tr-none").Type("button").Class("ghost").Text(l.T(i18n.TransferLeaveShown)).OnClick(p.onShown),
			),
			app.Ul().ID("tr-accounts").Class("checklist").Body(rows...),
		),
		app.FieldSet().Class("choice").Body(append([]app.UI{app.Legend().Text(l.T(i18n.TransferWhere))}, radios...)...),
		app.Div().Class("actions").Body(
			busyButton("tr-show", l.T(i18n.TransferShow), l.T(i18n.TransferEncrypting), p.busy),
			app.Button().ID("tr-close").Type("button").Class("ghost").Text(l.T(i18n.TransferCancel)).OnClick(p.close),
		),
	)
}
