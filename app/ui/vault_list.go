package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// listState is the vault as the list draws it, at one revision: the
// contents, their index and their groups. The screen keeps one until the
// revision changes, so that a redraw or a search neither copies the
// accounts nor folds their texts again.
type listState struct {
	keeper *keeper.Keeper
	rev    uint64
	v      vault.Contents
	index  *listing.Index
	groups []listing.Group
}

// view returns the vault as the list draws it, read again from the keeper
// when its revision changed.
func (c *VaultScreen) view() *listState {
	if c.Env == nil || c.Env.keeper == nil {
		if c.shown == nil || c.shown.keeper != nil {
			c.shown = &listState{index: listing.NewIndex(nil)}
		}
		return c.shown
	}
	k := c.Env.keeper
	// The revision is read first: if a save lands between the two reads,
	// the contents are newer than the revision, and the next draw reads
	// them again.
	rev := k.Revision()
	if c.shown == nil || c.shown.keeper != k || c.shown.rev != rev {
		v := k.Contents()
		c.shown = &listState{keeper: k, rev: rev, v: v, index: listing.NewIndex(v.Accounts), groups: listing.Groups(v.Accounts)}
	}
	return c.shown
}

// listQuery is what the list shows now: the search, the group filter and
// the vault's order.
func (c *VaultScreen) listQuery(ls *listState) listing.Query {
	return listing.Query{Search: c.query, FilterGroup: c.filter, Group: c.group, Sort: ls.v.Settings.Sort}
}

// errUnchanged is returned by a change that turns out to change nothing,
// so that nothing is saved; update ignores it.
var errUnchanged = errors.New("nothing to change")

// update saves a change to the vault in the background and shows the
// result; done runs on the UI goroutine after a successful save.
func (c *VaultScreen) update(ctx app.Context, change func(*vault.Contents) error, done func(ctx app.Context)) {
	c.save(ctx, change, func(ctx app.Context, err error) { c.saved(ctx, err, done) })
}

// follow is update for a change that moves the row of the element with
// the id focus: the focus stays with that element, not with the place it
// had. go-app redraws a list in place, so the element that had the focus
// shows another account after the move; and a draw may show the saved
// order before done runs. So every draw puts the focus back on focus
// until the changes under way are saved.
func (c *VaultScreen) follow(ctx app.Context, focus string, change func(*vault.Contents) error, done func(ctx app.Context)) {
	c.followID = focus
	c.following++
	c.save(ctx, change, func(ctx app.Context, err error) {
		if c.following--; c.following <= 0 {
			c.following, c.followID = 0, ""
		}
		c.Env.focus(ctx, focus)
		c.saved(ctx, err, done)
	})
}

// save saves a change to the vault in the background, then calls after
// on the UI goroutine with the result.
func (c *VaultScreen) save(ctx app.Context, change func(*vault.Contents) error, after func(ctx app.Context, err error)) {
	k := c.Env.keeper
	c.err = nil
	ctx.Async(func() {
		err := k.Update(context.Background(), change)
		ctx.Dispatch(func(ctx app.Context) { after(ctx, err) })
	})
}

// saved shows the result of a save, and runs done after a successful one.
func (c *VaultScreen) saved(ctx app.Context, err error, done func(ctx app.Context)) {
	switch {
	case errors.Is(err, errUnchanged):
	case err != nil:
		c.err = showWith(accountProblem, err)
	case done != nil:
		done(ctx)
	}
}

// onListClick acts on the list's buttons, whose clicks it handles all at
// once, by their data-action and data-id: a thousand rows would otherwise
// hold a few thousand listeners, and go-app does not draw the rows (see
// Services.Rows). The id is read from the element at the time of the
// event.
func (c *VaultScreen) onListClick(ctx app.Context, e app.Event) {
	el, id := target(e, "[data-action]")
	if id == "" {
		ctx.PreventUpdate()
		return
	}
	switch el.Get("dataset").Get("action").String() {
	case "copy":
		c.copyCode(ctx, id)
	case "next":
		c.nextHOTP(ctx, id)
	case "favourite":
		c.favourite(ctx, id)
	case "edit":
		c.open(ctx, modeEdit, id)
	default:
		ctx.PreventUpdate()
	}
}

// account returns account id as the list shows it, or false when it is
// gone.
func (c *VaultScreen) account(id string) (*vault.Account, bool) {
	v := &c.view().v
	i, ok := v.Find(id)
	if !ok {
		return nil, false
	}
	return &v.Accounts[i], true
}

// copyCode copies the code of account id.
func (c *VaultScreen) copyCode(ctx app.Context, id string) {
	a, ok := c.account(id)
	if !ok {
		return
	}
	now := c.clock()
	if c.Env != nil && c.Env.svc.hideCodes() {
		c.revealed = reveal{id: id, until: now.Add(revealFor)}
	}
	code, err := a.Key.Code(now)
	if err != nil {
		c.copyErr = showF(i18n.VaultCodeFailed, strings.TrimSuffix(err.Error(), "."))
		return
	}
	c.copy(ctx, id, code)
}

func (c *VaultScreen) copy(ctx app.Context, id, code string) {
	if c.Env == nil || c.Env.svc.Clipboard == nil {
		c.copyErr = showMsg(i18n.VaultNoClipboard)
		return
	}
	c.copied, c.copyErr = "", nil
	c.Env.svc.Clipboard(code, func(err error) {
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.copyErr = showF(i18n.VaultCopyFailed, err.Error())
				return
			}
			c.copied = id
			c.Env.clip.copied(code, c.Env.svc.clearAfter())
			c.markUsed(ctx, id)
			ctx.After(2*time.Second, func(ctx app.Context) {
				if c.copied == id {
					c.copied = ""
				}
			})
		})
	})
}

// markUsed records that the code of account id was copied, for the recent
// order, in the background. In that order the account then comes first,
// and the focus goes with its copy button.
func (c *VaultScreen) markUsed(ctx app.Context, id string) {
	now := c.clock()
	change := func(v *vault.Contents) error {
		if !v.MarkUsed(id, now) {
			return errUnchanged // deleted meanwhile: nothing to record
		}
		return nil
	}
	if c.view().v.Settings.Sort == vault.SortRecent {
		c.follow(ctx, "copy-"+id, change, nil)
		return
	}
	c.update(ctx, change, nil)
}

func (c *VaultScreen) nextHOTP(ctx app.Context, id string) {
	now := c.clock()
	c.update(ctx, func(v *vault.Contents) error {
		i, ok := v.Find(id)
		if !ok {
			return errNoAccount
		}
		v.Accounts[i].Counter++
		v.Accounts[i].Modified = now
		return nil
	}, nil)
}

// list draws the filter and order bar and the listed accounts, or what
// stands in their place when there are none. go-app draws the list's
// <ul> empty, and Services.Rows its rows (see Row), after the render;
// the <ul> stays in the page, hidden, while the search finds nothing, so
// that the rows are found again without being drawn again.
func (c *VaultScreen) list(ls *listState) app.UI {
	l := c.Lang
	c.keepFilter(ls)
	q := c.listQuery(ls)
	rows := ls.index.Rows(q)
	c.rows, c.rowsOf = rows, ls
	if len(ls.v.Accounts) == 0 {
		c.periods, c.rowCache = nil, nil
		return app.Div().ID("empty").Class("empty").Body(
			app.H2().Text(l.T(i18n.VaultEmptyTitle)),
			app.P().Class("muted").Text(l.T(i18n.VaultEmptyText)),
		)
	}
	now := c.clock()
	c.drawn = now
	c.periods = map[int]bool{}
	accounts := ls.v.Accounts
	for _, i := range rows {
		if a := &accounts[i]; a.Type != otp.HOTP && a.Period > 0 {
			c.periods[a.Period] = true
		}
	}
	if len(c.rowCache) > 2*len(accounts) {
		c.rowCache = nil // rows of accounts deleted meanwhile
	}
	drawn := c.shownRows(ls, q, rows, now)
	// A keystroke in the search shows its rows before the next render
	// (see Rows.Search), from the list as it is now: that render draws the
	// same rows, and the page finds nothing left to change.
	drawn.SearchField = searchID
	drawn.Search = func(search string) *Rows {
		q := q
		q.Search = search
		return c.shownRows(ls, q, ls.index.Rows(q), c.clock())
	}
	var items []app.UI
	if e := c.Env; e != nil && e.svc.Rows != nil {
		// After this draw, on the shell's context as env.focus does;
		// before the focus follows a row (see follow), so that the row
		// is in its place.
		f := e.svc.Rows
		e.shell.Defer(func(app.Context) { f("accounts", drawn) })
	} else {
		items = make([]app.UI, drawn.Len())
		for k := range items {
			items[k] = app.Raw(drawn.Row(k).HTML)
		}
	}
	if e := c.Env; c.followID != "" && e != nil && e.svc.Focus != nil {
		f, id := e.svc.Focus, c.followID
		e.shell.Defer(func(app.Context) { f(id) })
	}
	// The countdowns' spoken labels, which static/countdown.js writes
	// with the seconds left in place of %[1]s.
	ul := app.Ul().ID("accounts").Aria("label", l.T(i18n.VaultList)).
		DataSet("seconds-one", l.One(i18n.VaultSecondsLeft)).DataSet("seconds-other", l.Other(i18n.VaultSecondsLeft)).
		OnClick(c.onListClick).OnKeyDown(c.onListKey).OnDragStart(c.onDragStart).OnDragOver(c.onDragOver).OnDrop(c.onDrop).OnDragEnd(c.onDragEnd).
		Body(items...)
	if items != nil {
		// Rows drawn here: so is the class. Services.Rows sets it
		// otherwise, a search's in the input event (see Rows.Search),
		// and go-app drawing it again a tick later would be a second
		// change to the list, for nothing.
		ul = ul.Class(drawn.Class)
	}
	if len(rows) == 0 {
		c.periods = nil
		return app.Div().Body(
			c.listBar(ls),
			ul.Hidden(true),
			app.P().ID("no-match").Class("muted empty").Text(l.F(i18n.VaultNoMatch, c.query)),
		)
	}
	return app.Div().Body(
		c.listBar(ls),
		ul,
		app.P().ID("move-help").Class("visually-hidden").Text(l.T(i18n.ListMoveHelp)),
		app.P().Class("list-foot").Body(
			app.Button().ID("move-out").Class("link").Text(l.T(i18n.VaultMoveOut)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeTransferSend, "") }),
		),
	)
}

// shownRows returns the rows of the accounts at rows, the list for query q,
// each drawn when the page first asks for it from what the list shows now,
// and the class of the list that holds them.
func (c *VaultScreen) shownRows(ls *listState, q listing.Query, rows []int, now time.Time) *Rows {
	// Accounts move by their handles only where a move shows: in the
	// manual order, with every account listed. In the manual order a row
	// keeps its handle while a search or a group filter hides it (the
	// list's class, see twofold.css): entering and leaving a search then
	// changes the list's class and which rows it holds, not every row.
	manual := q.Sort == vault.SortManual
	reorder := manual && strings.TrimSpace(q.Search) == "" && !q.FilterGroup
	accounts := ls.v.Accounts
	var favMoves, otherMoves bool
	if manual {
		favMoves, otherMoves = listing.Movable(accounts)
	}
	ids := make([]string, len(rows))
	for k, i := range rows {
		ids[k] = accounts[i].ID
	}
	l := c.Lang
	hide := c.Env != nil && c.Env.svc.hideCodes()
	copied, dragged, dropped, revealed, rev := c.copied, c.dragID, c.dropID, c.revealed, ls.rev
	dropAt := -1 // where the dragged row is
	if reorder && dragged != "" {
		dropAt = c.position(dragged)
	}
	drawn := NewRows(ids, func(k int) Row {
		a := &accounts[rows[k]]
		r := rowState{now: now, copied: copied == a.ID, dragged: dragged == a.ID,
			masked: hide && !revealed.shows(a.ID, now)}
		r.handle = a.Favourite && favMoves || !a.Favourite && otherMoves
		if reorder {
			if dropped == a.ID && dragged != "" {
				if dropAt >= 0 && dropAt < k {
					r.drop = "drop-after"
				} else {
					r.drop = "drop-before"
				}
			}
		}
		return c.cachedRow(rev, l, a, r)
	})
	drawn.Class = "accounts"
	if ls.v.Settings.Density == vault.DensityCompact {
		drawn.Class += " compact"
	}
	if reorder {
		drawn.Class += " reorder"
	}
	return drawn
}

// position returns the place of account id in the list as last drawn, or
// -1.
func (c *VaultScreen) position(id string) int {
	if c.rowsOf == nil {
		return -1
	}
	accounts := c.rowsOf.v.Accounts
	return slices.IndexFunc(c.rows, func(i int) bool { return accounts[i].ID == id })
}

// matches reports whether account a fits the search q as the list's search
// finds it (every word in its issuer, name, group or note, see
// listing.Rows), for the panels that search a few accounts without an
// index.
func matches(a *vault.Account, q string) bool {
	return len(listing.Rows([]vault.Account{*a}, listing.Query{Search: q})) == 1
}
