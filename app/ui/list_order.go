package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/vault"
)

// favourite pins account id at the top of the list, or unpins it. The row
// moves; the focus goes with its star (see follow).
func (c *VaultScreen) favourite(ctx app.Context, id string) {
	a, ok := c.account(id)
	if !ok {
		return
	}
	on, now := !a.Favourite, c.clock()
	c.follow(ctx, "fav-"+id, func(v *vault.Contents) error {
		if !v.SetFavourite(id, on, now) {
			return errNoAccount
		}
		return nil
	}, nil)
}

// The reorder handles' events are handled once, on the list, not on each
// row, as the buttons' clicks are (see onListClick).

// target returns the element of the list's event e matching sel, the
// element the event happened in or one of its ancestors, and its
// account's id.
func target(e app.Event, sel string) (app.Value, string) {
	t := e.Get("target")
	if !t.Truthy() || t.Get("closest").IsUndefined() {
		return nil, ""
	}
	el := t.Call("closest", sel)
	if !el.Truthy() {
		return nil, ""
	}
	return el, el.Get("dataset").Get("id").String()
}

// onListKey moves the account whose handle has the focus one place up or
// down with the arrow keys (with or without Alt).
func (c *VaultScreen) onListKey(ctx app.Context, e app.Event) {
	step := map[string]int{"ArrowUp": -1, "ArrowDown": 1}[e.Get("key").String()]
	_, id := target(e, ".handle")
	if step == 0 || id == "" {
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault() // the page does not scroll
	c.move(ctx, id, func(accounts []vault.Account, rows []int, from int) int { return from + step })
}

// onDragStart starts dragging a row by its handle.
func (c *VaultScreen) onDragStart(ctx app.Context, e app.Event) {
	handle, id := target(e, ".handle")
	if id == "" {
		ctx.PreventUpdate()
		return
	}
	c.dragID, c.dropID = id, ""
	if dt := e.Get("dataTransfer"); dt.Truthy() {
		dt.Set("effectAllowed", "move")
		// Firefox starts a drag only with some data.
		dt.Call("setData", "application/x-twofold-account", id)
		if li := handle.Call("closest", "li"); li.Truthy() {
			dt.Call("setDragImage", li, 16, 16)
		}
	}
}

// onDragOver lets the dragged row be dropped on the row under the pointer
// where listing.Target allows the move, and shows where it would land.
func (c *VaultScreen) onDragOver(ctx app.Context, e app.Event) {
	_, over := target(e, "li.account")
	if c.dragID == "" || over == "" || !c.canMove(c.dragID, over) {
		if c.dropID == "" {
			ctx.PreventUpdate()
		}
		c.dropID = ""
		return
	}
	e.PreventDefault() // allows the drop
	if dt := e.Get("dataTransfer"); dt.Truthy() {
		dt.Set("dropEffect", "move")
	}
	if over == c.dropID {
		ctx.PreventUpdate()
		return
	}
	c.dropID = over
}

// onDrop moves the dragged row to the row it was dropped on.
func (c *VaultScreen) onDrop(ctx app.Context, e app.Event) {
	_, over := target(e, "li.account")
	id := c.dragID
	c.dragID, c.dropID = "", ""
	if id == "" || over == "" {
		return
	}
	e.PreventDefault()
	c.move(ctx, id, func(accounts []vault.Account, rows []int, from int) int {
		return indexOf(accounts, rows, over)
	})
}

// onDragEnd forgets the drag, dropped or not.
func (c *VaultScreen) onDragEnd(ctx app.Context, e app.Event) {
	if c.dragID == "" && c.dropID == "" {
		ctx.PreventUpdate()
		return
	}
	c.dragID, c.dropID = "", ""
}

// canMove reports whether account id may be dropped on the row of account
// over, in the list as last drawn.
func (c *VaultScreen) canMove(id, over string) bool {
	if c.rowsOf == nil {
		return false
	}
	from, to := c.position(id), c.position(over)
	_, ok := listing.Target(c.rowsOf.v.Accounts, c.rows, c.rowsOf.v.Settings.Sort, from, to)
	return ok
}

// indexOf returns the place of account id in rows, or -1.
func indexOf(accounts []vault.Account, rows []int, id string) int {
	for k, i := range rows {
		if accounts[i].ID == id {
			return k
		}
	}
	return -1
}

// move moves account id to the place in the list that to returns for its
// place from, if listing.Target allows it. The change is worked out again
// on the vault as it is when saved, which another tab may have changed.
// The focus stays on the account's handle (see follow), and once saved
// the move is announced: "GitHub moved to position 3 of 10."
func (c *VaultScreen) move(ctx app.Context, id string, to func(accounts []vault.Account, rows []int, from int) int) {
	ls := c.view()
	q := c.listQuery(ls)
	apply := func(v *vault.Contents) (int, bool) {
		q.Sort = v.Settings.Sort
		rows := listing.Rows(v.Accounts, q)
		from := indexOf(v.Accounts, rows, id)
		if from < 0 {
			return 0, false
		}
		return listing.Target(v.Accounts, rows, q.Sort, from, to(v.Accounts, rows, from))
	}
	// A key pressed at either end of the list, or of the favourites,
	// saves nothing.
	if _, ok := apply(&ls.v); !ok {
		ctx.PreventUpdate()
		return
	}
	c.follow(ctx, "move-"+id, func(v *vault.Contents) error {
		j, ok := apply(v)
		if !ok {
			return errUnchanged
		}
		v.Move(id, j)
		return nil
	}, func(ctx app.Context) {
		ls := c.view()
		q := c.listQuery(ls)
		rows := ls.index.Rows(q)
		at := indexOf(ls.v.Accounts, rows, id)
		if at < 0 {
			return
		}
		a := &ls.v.Accounts[rows[at]]
		label := a.Issuer
		if label == "" {
			label = a.Name
		}
		at, n := at+1, len(rows)
		c.moved = func(l i18n.Lang) string { return l.F(i18n.ListMoved, label, l.Number(at), l.Number(n)) }
	})
}
