package ui

import (
	"context"
	"crypto/rand"
	"fmt"
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
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	var accounts []vault.Account
	for i := range 40 {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte(fmt.Sprintf("secret number %02d", i))}
		accounts = append(accounts, vault.Account{ID: id, Issuer: fmt.Sprintf("Service %02d", i), Name: "alice", Key: key})
	}
	k, err := keeper.CreateWith(context.Background(), store.NewMem(), []byte("vault password"), cheapParams,
		vault.Argon2id, rand.Reader, vault.Contents{Accounts: accounts})
	if err != nil {
		t.Fatal(err)
	}
	var shown *Rows
	asked := 0
	svc := Services{Params: cheapParams, Now: func() time.Time { return now },
		Rows: func(list string, rows *Rows) { shown = rows }}
	en := &env{svc: svc, keeper: k}
	screen := &VaultScreen{Lang: i18n.English, Env: en, Revision: k.Revision()}
	e := app.NewTestEngine()
	h := &shellHost{env: en}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	h.env.shell.Dispatch(func(app.Context) { h.body = screen })
	e.ConsumeAll()
	if shown == nil {
		t.Fatal("the list gave the page no rows")
	}
	if shown.Len() != len(accounts) {
		t.Fatalf("%d rows, want %d", shown.Len(), len(accounts))
	}
	for k := range shown.Len() {
		if shown.drawn[k] {
			asked++
		}
	}
	if asked != 0 {
		t.Errorf("%d rows drawn in the render, want none", asked)
	}
	c := k.Contents()
	for k, a := range c.Accounts {
		if got := shown.ID(k); got != a.ID {
			t.Fatalf("row %d is %q, want %q", k, got, a.ID)
		}
	}
	// The person copies a code after the render: a row drawn now is still
	// the row of the list as rendered.
	screen.copied = c.Accounts[7].ID
	got := shown.Row(7)
	want := drawRow(i18n.English, &c.Accounts[7], rowState{now: now, handle: true})
	if got != want {
		t.Errorf("row 7 drawn late:\n got %+v\nwant %+v", got, want)
	}
	asked = 0
	for k := range shown.Len() {
		if shown.drawn[k] {
			asked++
		}
	}
	if asked != 1 {
		t.Errorf("%d rows drawn after asking for one", asked)
	}
	if again := shown.Row(7); again != got {
		t.Error("a row asked for twice was drawn anew")
	}
}

// shellHost stands for the shell: the context the screens defer work to.
// TestSearchRowsAsRendered checks that the rows a search shows at once,
// in its input event (Rows.Search), are the rows, the drawing and the
// list's class of the render that follows, whatever the search before:
// entering a search takes the reorder handles away, leaving it brings
// them back, and a search that finds nothing shows no row. The screen
// gone, the page is told to forget the list.
func TestSearchRowsAsRendered(t *testing.T) {
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	var accounts []vault.Account
	for i := range 30 {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte(fmt.Sprintf("secret number %02d", i))}
		accounts = append(accounts, vault.Account{ID: id, Issuer: fmt.Sprintf("Service %02d", i), Name: "alice", Key: key})
	}
	k, err := keeper.CreateWith(context.Background(), store.NewMem(), []byte("vault password"), cheapParams,
		vault.Argon2id, rand.Reader, vault.Contents{Accounts: accounts})
	if err != nil {
		t.Fatal(err)
	}
	var shown *Rows
	svc := Services{Params: cheapParams, Now: func() time.Time { return now },
		Rows: func(list string, rows *Rows) { shown = rows }}
	en := &env{svc: svc, keeper: k}
	screen := &VaultScreen{Lang: i18n.English, Env: en, Revision: k.Revision()}
	e := app.NewTestEngine()
	h := &shellHost{env: en}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	h.env.shell.Dispatch(func(app.Context) { h.body = screen })
	e.ConsumeAll()
	for _, q := range []string{"1", "service 1", "Service 12", "nothing like it", "2", "", "alice", ""} {
		before := shown
		if before == nil || before.Search == nil || before.SearchField != "search" {
			t.Fatalf("before %q: the list gave no search", q)
		}
		fast := before.Search(q)
		h.env.shell.Dispatch(func(app.Context) {
			screen.query = q
			screen.list(screen.view())
		})
		e.ConsumeAll()
		if shown == before {
			t.Fatalf("%q: the render gave the page no rows", q)
		}
		if fast.Class != shown.Class {
			t.Errorf("%q: the search's list is of class %q, the render's %q", q, fast.Class, shown.Class)
		}
		if fast.Len() != shown.Len() {
			t.Errorf("%q: the search shows %d rows, the render %d", q, fast.Len(), shown.Len())
			continue
		}
		for k := range fast.Len() {
			if got, want := fast.Row(k), shown.Row(k); got != want {
				t.Errorf("%q: row %d\n  search %+v\n  render %+v", q, k, got, want)
				break
			}
		}
	}
	if shown.Search("1").Len() == shown.Search("").Len() {
		t.Error(`the search "1" shows every row`)
	}

	// The screen gone (the vault locked), the page forgets the list, and
	// the screen its rows and its copy of the vault.
	h.env.shell.Dispatch(func(app.Context) { h.body = app.Div() })
	e.ConsumeAll()
	if shown != nil {
		t.Error("the screen went and the page still holds the list's rows")
	}
	if screen.shown != nil || screen.rowCache != nil {
		t.Error("the screen went and still holds the vault or its rows")
	}
}

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
