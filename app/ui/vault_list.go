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
	c.err = ""
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
		c.err = accountProblem(c.Lang, err)
	case done != nil:
		done(ctx)
	}
}

// rowID returns the account id of the row whose button was used. Row
// handlers read it from the element at the time of the event, never from a
// closure: go-app keeps an element's first handler when the handler code is
// the same, so a captured id would go stale when the list is filtered.
func rowID(ctx app.Context) string {
	return ctx.JSSrc().Get("dataset").Get("id").String()
}

// rowAccount returns the account of the row whose button was used, as
// the list shows it, or false when it is gone.
func (c *VaultScreen) rowAccount(ctx app.Context) (*vault.Account, bool) {
	v := &c.view().v
	i, ok := v.Find(rowID(ctx))
	if !ok {
		return nil, false
	}
	return &v.Accounts[i], true
}

func (c *VaultScreen) onCopy(ctx app.Context, e app.Event) {
	a, ok := c.rowAccount(ctx)
	if !ok {
		return
	}
	id := a.ID
	now := c.clock()
	if c.Env != nil && c.Env.svc.hideCodes() {
		c.revealed = reveal{id: id, until: now.Add(revealFor)}
	}
	code, err := a.Key.Code(now)
	if err != nil {
		c.copyErr = c.Lang.F(i18n.VaultCodeFailed, strings.TrimSuffix(err.Error(), "."))
		return
	}
	c.copy(ctx, id, code)
}

func (c *VaultScreen) onNext(ctx app.Context, e app.Event) { c.nextHOTP(ctx, rowID(ctx)) }

func (c *VaultScreen) onEdit(ctx app.Context, e app.Event) { c.open(ctx, modeEdit, rowID(ctx)) }

func (c *VaultScreen) copy(ctx app.Context, id, code string) {
	if c.Env == nil || c.Env.svc.Clipboard == nil {
		c.copyErr = c.Lang.T(i18n.VaultNoClipboard)
		return
	}
	c.copied, c.copyErr = "", ""
	c.Env.svc.Clipboard(code, func(err error) {
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.copyErr = c.Lang.F(i18n.VaultCopyFailed, err.Error())
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
// stands in their place when there are none.
func (c *VaultScreen) list(ls *listState) app.UI {
	l := c.Lang
	c.keepFilter(ls)
	q := c.listQuery(ls)
	rows := ls.index.Rows(q)
	c.rows, c.rowsOf = rows, ls
	switch {
	case len(ls.v.Accounts) == 0:
		c.periods = nil
		return app.Div().ID("empty").Class("empty").Body(
			app.H2().Text(l.T(i18n.VaultEmptyTitle)),
			app.P().Class("muted").Text(l.T(i18n.VaultEmptyText)),
		)
	case len(rows) == 0:
		c.periods = nil
		return app.Div().Body(
			c.listBar(ls),
			app.P().ID("no-match").Class("muted empty").Text(l.F(i18n.VaultNoMatch, c.query)),
		)
	}
	// Accounts move by their handles only where a move shows: in the
	// manual order, with every account listed.
	reorder := q.Sort == vault.SortManual && strings.TrimSpace(q.Search) == "" && !q.FilterGroup
	now := c.clock()
	c.drawn = now
	if e := c.Env; c.followID != "" && e != nil && e.svc.Focus != nil {
		// After this draw (see follow), on the shell's context as
		// env.focus does.
		f, id := e.svc.Focus, c.followID
		e.shell.Defer(func(app.Context) { f(id) })
	}
	c.periods = map[int]bool{}
	hide := c.Env != nil && c.Env.svc.hideCodes()
	items := make([]app.UI, len(rows))
	accounts := ls.v.Accounts
	for k, i := range rows {
		a := &accounts[i]
		if a.Type != otp.HOTP && a.Period > 0 {
			c.periods[a.Period] = true
		}
		r := rowState{now: now, copied: c.copied == a.ID, dragged: c.dragID == a.ID,
			masked: hide && !c.revealed.shows(a.ID, now)}
		if reorder {
			_, up := listing.Target(accounts, rows, q.Sort, k, k-1)
			_, down := listing.Target(accounts, rows, q.Sort, k, k+1)
			r.handle = up || down
			if c.dropID == a.ID && c.dragID != "" {
				if from := c.position(c.dragID); from >= 0 && from < k {
					r.drop = "drop-after"
				} else {
					r.drop = "drop-before"
				}
			}
		}
		items[k] = c.row(a, r)
	}
	class := "accounts"
	if ls.v.Settings.Density == vault.DensityCompact {
		class += " compact"
	}
	if reorder {
		class += " reorder"
	}
	return app.Div().Body(
		c.listBar(ls),
		// The countdowns' spoken labels, which static/countdown.js
		// writes with the seconds left in place of %[1]s.
		app.Ul().ID("accounts").Class(class).Aria("label", l.T(i18n.VaultList)).
			DataSet("seconds-one", l.One(i18n.VaultSecondsLeft)).DataSet("seconds-other", l.Other(i18n.VaultSecondsLeft)).
			OnKeyDown(c.onListKey).OnDragStart(c.onDragStart).OnDragOver(c.onDragOver).OnDrop(c.onDrop).OnDragEnd(c.onDragEnd).
			Body(items...),
		app.P().ID("move-help").Class("visually-hidden").Text(l.T(i18n.ListMoveHelp)),
		app.P().Class("list-foot").Body(
			app.Button().ID("move-out").Class("link").Text(l.T(i18n.VaultMoveOut)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeTransferSend, "") }),
		),
	)
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
