package ui

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// TestRowsDrawnWhenAskedFor checks that the list draws no row in its
// render, only when the page asks for it (see Rows): a vault of a thousand
// accounts then draws, at first, only the rows the page makes in its
// first frame. A row asked for later is the row of the list as it was at
// the render, not as the screen is by then.
func TestRowsDrawnWhenAskedFor(t *testing.T) {
	f := newRowsScreen(t, 40)
	now, k, screen, accounts := f.now, f.k, f.screen, f.accounts
	asked := 0
	if f.shown == nil {
		t.Fatal("the list gave the page no rows")
	}
	if f.shown.Len() != len(accounts) {
		t.Fatalf("%d rows, want %d", f.shown.Len(), len(accounts))
	}
	for k := range f.shown.Len() {
		if f.shown.drawn[k] {
			asked++
		}
	}
	if asked != 0 {
		t.Errorf("%d rows drawn in the render, want none", asked)
	}
	c := k.Contents()
	for k, a := range c.Accounts {
		if got := f.shown.ID(k); got != a.ID {
			t.Fatalf("row %d is %q, want %q", k, got, a.ID)
		}
	}
	// The person copies a code after the render: a row drawn now is still
	// the row of the list as rendered.
	screen.copied = c.Accounts[7].ID
	got := f.shown.Row(7)
	want := drawRow(i18n.English, &c.Accounts[7], rowState{now: now, handle: true})
	if got != want {
		t.Errorf("row 7 drawn late:\n got %+v\nwant %+v", got, want)
	}
	asked = 0
	for k := range f.shown.Len() {
		if f.shown.drawn[k] {
			asked++
		}
	}
	if asked != 1 {
		t.Errorf("%d rows drawn after asking for one", asked)
	}
	if again := f.shown.Row(7); again != got {
		t.Error("a row asked for twice was drawn anew")
	}
}

// TestSearchRowsAsRendered checks that the rows a search shows at once,
// in its input event (Rows.Search), are the rows, the drawing and the
// list's class of the render that follows, whatever the search before:
// entering a search hides the reorder handles, leaving it shows them
// again, and a search that finds nothing shows no row. The screen
// gone, the page is told to forget the list.
func TestSearchRowsAsRendered(t *testing.T) {
	f := newRowsScreen(t, 30)
	screen, h, e := f.screen, f.h, f.e
	for _, q := range []string{"1", "service 1", "Service 12", "nothing like it", "2", "", "alice", ""} {
		before := f.shown
		if before == nil || before.Search == nil || before.SearchField != "search" {
			t.Fatalf("before %q: the list gave no search", q)
		}
		fast := before.Search(q)
		h.env.shell.Dispatch(func(app.Context) {
			screen.query = q
			screen.list(screen.view())
		})
		e.ConsumeAll()
		if f.shown == before {
			t.Fatalf("%q: the render gave the page no rows", q)
		}
		if fast.Class != f.shown.Class {
			t.Errorf("%q: the search's list is of class %q, the render's %q", q, fast.Class, f.shown.Class)
		}
		if fast.Len() != f.shown.Len() {
			t.Errorf("%q: the search shows %d rows, the render %d", q, fast.Len(), f.shown.Len())
			continue
		}
		for k := range fast.Len() {
			if got, want := fast.Row(k), f.shown.Row(k); got != want {
				t.Errorf("%q: row %d\n  search %+v\n  render %+v", q, k, got, want)
				break
			}
		}
	}
	if f.shown.Search("1").Len() == f.shown.Search("").Len() {
		t.Error(`the search "1" shows every row`)
	}

	// The screen gone (the vault locked), the page forgets the list, and
	// the screen its rows and its copy of the vault.
	h.env.shell.Dispatch(func(app.Context) { h.body = app.Div() })
	e.ConsumeAll()
	if f.shown != nil {
		t.Error("the screen went and the page still holds the list's rows")
	}
	if screen.shown != nil || screen.rowCache != nil {
		t.Error("the screen went and still holds the vault or its rows")
	}
}

// TestSearchKeepsRows checks that in the manual order a search or a group
// filter changes which rows the list holds and the list's class, never a
// row: the rows keep their reorder handles, which the list's class hides,
// so that entering or leaving a search in a long list changes no row in
// the page.
func TestSearchKeepsRows(t *testing.T) {
	f := newRowsScreen(t, 30)
	all := f.shown.Search("")
	if !strings.Contains(all.Class, "reorder") {
		t.Fatalf("the whole list in the manual order is of class %q, want reorder", all.Class)
	}
	byID := map[string]Row{}
	for k := range all.Len() {
		r := all.Row(k)
		if r.Handle == "" {
			t.Fatalf("row %d of the whole list has no handle", k)
		}
		byID[r.ID] = r
	}
	for _, q := range []string{"1", "service 2"} {
		got := f.shown.Search(q)
		if got.Len() == 0 || got.Len() == all.Len() {
			t.Fatalf("%q: %d rows of %d", q, got.Len(), all.Len())
		}
		if strings.Contains(got.Class, "reorder") {
			t.Errorf("%q: the list is of class %q: its handles show, and no move would", q, got.Class)
		}
		for k := range got.Len() {
			if r := got.Row(k); r != byID[r.ID] {
				t.Errorf("%q: row %d changed in the search\n  search %+v\n  whole  %+v", q, k, r, byID[r.ID])
				break
			}
		}
	}
}

// rowsScreen is a vault screen of accounts "Service 00", "Service 01"…,
// drawn in go-app's test engine, and the rows it last gave the page.
type rowsScreen struct {
	now      time.Time
	k        *keeper.Keeper
	accounts []vault.Account
	screen   *VaultScreen
	e        app.TestEngine
	h        *shellHost
	shown    *Rows
}

// newRowsScreen draws a vault screen of n accounts.
func newRowsScreen(t testing.TB, n int) *rowsScreen {
	t.Helper()
	f := &rowsScreen{now: time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)}
	for i := range n {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte(fmt.Sprintf("secret number %02d", i))}
		f.accounts = append(f.accounts, vault.Account{ID: id, Issuer: fmt.Sprintf("Service %02d", i), Name: "alice", Key: key})
	}
	k, err := keeper.CreateWith(context.Background(), store.NewMem(), []byte("vault password"), cheapParams,
		vault.Argon2id, rand.Reader, vault.Contents{Accounts: f.accounts})
	if err != nil {
		t.Fatal(err)
	}
	f.k = k
	svc := Services{Params: cheapParams, Now: func() time.Time { return f.now },
		Rows: func(list string, rows *Rows) { f.shown = rows }}
	en := &env{svc: svc, keeper: k}
	f.screen = &VaultScreen{Lang: i18n.English, Env: en, Revision: k.Revision()}
	f.e = app.NewTestEngine()
	f.h = &shellHost{env: en}
	if err := f.e.Load(f.h); err != nil {
		t.Fatal(err)
	}
	f.e.ConsumeAll()
	f.h.env.shell.Dispatch(func(app.Context) { f.h.body = f.screen })
	f.e.ConsumeAll()
	return f
}

// shellHost stands for the shell: the context the screens defer work to.
type shellHost struct {
	app.Compo
	env  *env
	body app.UI
}

func (h *shellHost) OnPreRender(ctx app.Context) { h.env.shell = ctx }

func (h *shellHost) Render() app.UI {
	if h.body == nil {
		return app.Div()
	}
	return app.Div().Body(h.body)
}

// BenchmarkSearchRows times the Go side of a keystroke in the search of
// 1,000 accounts, as the page runs it in the key's input event: the
// search's rows for "1", then for "" (all rows again), each row asked for
// once, as wasm/rows asks when it places the rows. The rows are kept from
// one keystroke to the next (the row cache), as in the page.
func BenchmarkSearchRows(b *testing.B) {
	f := newRowsScreen(b, 1000)
	search := f.shown.Search
	for _, q := range []string{"1", ""} {
		b.Run(fmt.Sprintf("%q", q), func(b *testing.B) {
			for b.Loop() {
				rows := search(q)
				for k := range rows.Len() {
					_ = rows.Row(k)
				}
			}
		})
	}
}
