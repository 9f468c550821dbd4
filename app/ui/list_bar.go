package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/vault"
)

// listBar draws the bar above the list: a toggle button for each group
// (with All first and No group last), when some account has a group, and
// the order of the list.
func (c *VaultScreen) listBar(ls *listState) app.UI {
	l := c.Lang
	var chips app.UI
	if named(ls.groups) {
		items := make([]app.UI, 0, len(ls.groups)+1)
		items = append(items, c.chip("all", "", l.T(i18n.ListAll), len(ls.v.Accounts), !c.filter))
		for _, g := range ls.groups {
			kind, text := "group", g.Name
			if g.Name == "" {
				kind, text = "none", l.T(i18n.ListNoGroup)
			}
			items = append(items, c.chip(kind, g.Name, text, g.Count, c.filter && c.group == g.Name))
		}
		chips = app.Div().ID("group-chips").Class("chips").Role("group").Aria("label", l.T(i18n.ListGroups)).Body(items...)
	}
	sort := ls.v.Settings.Sort
	option := func(s vault.Sort, m i18n.Message) app.UI {
		return app.Option().Value(s.String()).Selected(s == sort).Text(l.T(m))
	}
	return app.Div().ID("list-bar").Class("list-bar").Body(
		chips,
		app.Div().Class("sort").Body(
			app.Label().For("list-sort").Text(l.T(i18n.ListSort)),
			app.Select().ID("list-sort").OnChange(c.onSort).Body(
				option(vault.SortManual, i18n.ListSortManual),
				option(vault.SortAlphabetical, i18n.ListSortAlphabetical),
				option(vault.SortRecent, i18n.ListSortRecent),
			),
		),
	)
}

// chip is a group's toggle button: kind is "all", "group" or "none" (the
// accounts with no group), name the group's name.
func (c *VaultScreen) chip(kind, name, text string, count int, pressed bool) app.UI {
	return app.Button().Class("chip").Aria("pressed", pressed).DataSet("kind", kind).DataSet("group", name).
		OnClick(c.onChip).Body(
		app.Span().Class("chip-name").Text(text),
		app.Span().Class("count").Text(c.Lang.Number(count)),
	)
}

// named reports whether some account has a group: only then are the
// groups offered as filters.
func named(groups []listing.Group) bool {
	return len(groups) > 0 && groups[0].Name != ""
}

// onChip filters the list by the chip's group, or lists every account
// again when the chip was already pressed or is All.
func (c *VaultScreen) onChip(ctx app.Context, e app.Event) {
	data := ctx.JSSrc().Get("dataset")
	kind := data.Get("kind").String()
	name := ""
	if kind == "group" {
		name = data.Get("group").String()
	}
	if kind == "all" || c.filter && c.group == name {
		c.filter, c.group = false, ""
		return
	}
	c.filter, c.group = true, name
}

// keepFilter drops the group filter when its group has vanished: its last
// account was moved to another group or deleted, here or in another tab.
func (c *VaultScreen) keepFilter(ls *listState) {
	if !c.filter {
		return
	}
	if named(ls.groups) {
		for _, g := range ls.groups {
			if g.Name == c.group {
				return
			}
		}
	}
	c.filter, c.group = false, ""
}

// onSort saves the order chosen in the bar's select with the vault.
func (c *VaultScreen) onSort(ctx app.Context, e app.Event) {
	s, ok := vault.ParseSort(ctx.JSSrc().Get("value").String())
	if !ok || c.Env == nil {
		return
	}
	c.update(ctx, func(v *vault.Contents) error {
		if v.Settings.Sort == s {
			return errUnchanged
		}
		v.Settings.Sort = s
		return nil
	}, nil)
}
