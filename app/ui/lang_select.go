package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
)

// LangSelect chooses the language the app is drawn in. Each language is
// offered under its own name, so a person who cannot read the current one
// still finds theirs.
type LangSelect struct {
	app.Compo

	// Lang is the language the app is drawn in now.
	Lang i18n.Lang
	// ID is the select's id, so that a label can point at it.
	ID string
	// Labelled says the select has a visible <label>; otherwise it is
	// named for screen readers only.
	Labelled bool
	// OnChange is called with the language chosen.
	OnChange func(ctx app.Context, l i18n.Lang)
}

// Render draws the select.
func (c *LangSelect) Render() app.UI {
	sel := app.Select().ID(c.ID).Class("lang-select").OnChange(c.change)
	if !c.Labelled {
		sel = sel.Aria("label", c.Lang.T(i18n.Language))
	}
	opts := make([]app.UI, 0, len(i18n.Langs))
	for _, l := range i18n.Langs {
		opts = append(opts, app.Option().Value(l.Tag()).Lang(l.Tag()).Selected(l == c.Lang).Text(l.Name()))
	}
	return sel.Body(opts...)
}

func (c *LangSelect) change(ctx app.Context, e app.Event) {
	l, ok := i18n.Parse(ctx.JSSrc().Get("value").String())
	if ok && c.OnChange != nil {
		c.OnChange(ctx, l)
	}
}
