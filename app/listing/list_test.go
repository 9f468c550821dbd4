package listing

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"twofold.app/app/vault"
)

var day = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// sample is a vault's accounts in manual order. Their IDs are the letters
// a to h, which the tests use to write orders.
func sample() []vault.Account {
	return []vault.Account{
		{ID: "a", Issuer: "GitHub", Name: "alice@example.com", Group: "Work", LastUsed: day.Add(3 * time.Hour)},
		{ID: "b", Issuer: "bank", Name: "bob", Note: "card reader in the drawer"},
		{ID: "c", Issuer: "Ｓｔｅａｍ", Name: "gamer", Group: "Games", Favourite: true},
		{ID: "d", Issuer: "", Name: "Amazon", Group: "Shopping", LastUsed: day.Add(time.Hour)},
		{ID: "e", Issuer: "グーグル", Name: "太郎", Group: "Work", Favourite: true, LastUsed: day},
		{ID: "f", Issuer: "Amazon", Name: "work account", Group: "work"},
		{ID: "g", Issuer: "楽天", Name: "hanako", Group: "Shopping", LastUsed: day.Add(2 * time.Hour)},
		{ID: "h", Issuer: "github", Name: "bob", Group: "Work"},
	}
}

// ids writes the accounts at rows as their IDs, "ab…".
func ids(accounts []vault.Account, rows []int) string {
	var b strings.Builder
	for _, i := range rows {
		b.WriteString(accounts[i].ID)
	}
	return b.String()
}

func TestRows(t *testing.T) {
	shared := NewIndex(sample())
	for _, tc := range []struct {
		name string
		q    Query
		want string
	}{
		{"manual", Query{}, "ceabdfgh"},
		{"alphabetical", Query{Sort: vault.SortAlphabetical}, "ce" + "dfbahg"},
		{"recent", Query{Sort: vault.SortRecent}, "ec" + "agdbfh"},

		{"search issuer", Query{Search: "github"}, "ah"},
		{"search case and width", Query{Search: "ＧＩＴ"}, "ah"},
		{"search full-width issuer", Query{Search: "steam"}, "c"},
		{"search name", Query{Search: "bob"}, "bh"},
		{"search group", Query{Search: "shop"}, "dg"},
		{"search note", Query{Search: "drawer"}, "b"},
		{"search words in any field, any order", Query{Search: "bob github"}, "h"},
		{"search every word must match", Query{Search: "bob steam"}, ""},
		{"search katakana by hiragana", Query{Search: "ぐーぐる"}, "e"},
		{"search by half-width katakana", Query{Search: "ｸﾞｰ"}, "e"},
		{"search kanji", Query{Search: "楽"}, "g"},
		{"search ideographic space", Query{Search: "work\u3000bob"}, "h"},
		{"search white space only", Query{Search: "  "}, "ceabdfgh"},
		{"search no match", Query{Search: "nothing"}, ""},
		{"search then alphabetical", Query{Search: "work", Sort: vault.SortAlphabetical}, "e" + "fah"},

		{"group", Query{FilterGroup: true, Group: "Work"}, "eah"},
		{"group exact", Query{FilterGroup: true, Group: "work"}, "f"},
		{"no group", Query{FilterGroup: true, Group: ""}, "b"},
		{"unknown group", Query{FilterGroup: true, Group: "Gone"}, ""},
		{"group and search", Query{FilterGroup: true, Group: "Work", Search: "bob"}, "h"},
		{"group, recent", Query{FilterGroup: true, Group: "Shopping", Sort: vault.SortRecent}, "gd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			accounts := sample()
			if got := ids(accounts, Rows(accounts, tc.q)); got != tc.want {
				t.Errorf("Rows = %q, want %q", got, tc.want)
			}
			// An index kept for every query gives the same, concurrently.
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					if got := ids(shared.Accounts(), shared.Rows(tc.q)); got != tc.want {
						t.Errorf("Index.Rows = %q, want %q", got, tc.want)
					}
				})
			}
			wg.Wait()
		})
	}
}

// TestRowsTies checks that equal keys keep the vault's order, in every
// sort order, and that Rows leaves the accounts alone.
func TestRowsTies(t *testing.T) {
	accounts := []vault.Account{
		{ID: "x", Issuer: "Same", Name: "n"}, {ID: "y", Issuer: "same", Name: "n"},
		{ID: "z", Issuer: "ＳＡＭＥ", Name: "n"}, {ID: "w", Issuer: "Same", Name: "n", Favourite: true},
	}
	before := slices.Clone(accounts)
	for _, s := range []vault.Sort{vault.SortManual, vault.SortAlphabetical, vault.SortRecent} {
		if got := ids(accounts, Rows(accounts, Query{Sort: s})); got != "wxyz" {
			t.Errorf("%v: %q, want wxyz", s, got)
		}
	}
	if !slices.EqualFunc(accounts, before, func(a, b vault.Account) bool { return a.ID == b.ID }) {
		t.Error("Rows changed the accounts")
	}
	if rows := Rows(nil, Query{Search: "x"}); len(rows) != 0 {
		t.Errorf("Rows(nil) = %v", rows)
	}
}

func TestTarget(t *testing.T) {
	accounts := sample()
	manual := Query{}                               // c e | a b d f g h
	work := Query{FilterGroup: true, Group: "Work"} // e | a h
	alpha := Query{Sort: vault.SortAlphabetical}    // c e | d f b a h g
	for _, tc := range []struct {
		name     string
		q        Query // the rows shown
		sort     vault.Sort
		from, to int
		want     string // the manual order after the move, "" if refused
	}{
		{"up one", manual, vault.SortManual, 3, 2, "bacdefgh"},
		{"down one", manual, vault.SortManual, 2, 3, "bacdefgh"},
		{"drag down", manual, vault.SortManual, 2, 5, "bcdefagh"},
		{"drag up to the top of its part", manual, vault.SortManual, 7, 2, "habcdefg"},
		{"favourites among themselves", manual, vault.SortManual, 1, 0, "abecdfgh"},
		{"up into the favourites", manual, vault.SortManual, 2, 1, ""},
		{"down out of the favourites", manual, vault.SortManual, 1, 2, ""},
		{"above the top", manual, vault.SortManual, 0, -1, ""},
		{"below the bottom", manual, vault.SortManual, 7, 8, ""},
		{"from outside", manual, vault.SortManual, 8, 7, ""},
		{"same row", manual, vault.SortManual, 4, 4, ""},
		{"filtered: up over hidden accounts", work, vault.SortManual, 2, 1, "habcdefg"},
		{"filtered: down over hidden accounts", work, vault.SortManual, 1, 2, "bcdefgha"},
		{"alphabetical", alpha, vault.SortAlphabetical, 3, 2, ""},
		{"recent", manual, vault.SortRecent, 3, 2, ""},
		{"rows not in manual order", alpha, vault.SortManual, 4, 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := Rows(accounts, tc.q)
			to, ok := Target(accounts, rows, tc.sort, tc.from, tc.to)
			if ok != (tc.want != "") {
				t.Fatalf("Target = %d, %v; want ok %v", to, ok, tc.want != "")
			}
			if !ok {
				return
			}
			id := accounts[rows[tc.from]].ID
			c := vault.Contents{Accounts: slices.Clone(accounts)}
			c.Move(id, to)
			if got := ids(c.Accounts, []int{0, 1, 2, 3, 4, 5, 6, 7}); got != tc.want {
				t.Errorf("after Move to %d: %s, want %s", to, got, tc.want)
			}
			// The account is now shown where it was dropped.
			if got := c.Accounts[Rows(c.Accounts, tc.q)[tc.to]].ID; got != id {
				t.Errorf("row %d shows %s after the move, want %s", tc.to, got, id)
			}
		})
	}
}

func TestGroups(t *testing.T) {
	for _, tc := range []struct {
		name     string
		accounts []vault.Account
		want     []Group
	}{
		{"none", nil, []Group{}},
		{"no groups", []vault.Account{{ID: "a"}, {ID: "b"}}, []Group{{"", 2}}},
		{"sample", sample(), []Group{{"Games", 1}, {"Shopping", 2}, {"Work", 3}, {"work", 1}, {"", 1}}},
		{"width and kana", []vault.Account{{Group: "ワーク"}, {Group: "Ｂ"}, {Group: "a"}, {Group: "わーく"}},
			[]Group{{"a", 1}, {"Ｂ", 1}, {"わーく", 1}, {"ワーク", 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Groups(tc.accounts); !slices.Equal(got, tc.want) {
				t.Errorf("Groups = %v, want %v", got, tc.want)
			}
		})
	}

	// Moving the last account out of a group makes it vanish.
	c := vault.Contents{Accounts: sample()}
	c.SetGroup("c", "Work", day)
	if got := Groups(c.Accounts); slices.ContainsFunc(got, func(g Group) bool { return g.Name == "Games" }) {
		t.Errorf("Games is still listed: %v", got)
	}
}

// TestMovable checks Movable against Target: in the manual order with
// every account listed, an account can move up or down exactly when
// Movable says its part of the list can.
func TestMovable(t *testing.T) {
	all := sample()
	for _, tc := range []struct {
		name     string
		accounts []vault.Account
		fav, oth bool
	}{
		{"none", nil, false, false},
		{"one", all[:1], false, false},
		{"the sample", all, true, true},
		{"one favourite", slices.DeleteFunc(slices.Clone(all), func(a vault.Account) bool { return a.ID == "c" }), false, true},
		{"favourites only", slices.DeleteFunc(slices.Clone(all), func(a vault.Account) bool { return !a.Favourite }), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fav, oth := Movable(tc.accounts)
			if fav != tc.fav || oth != tc.oth {
				t.Fatalf("Movable = %v, %v; want %v, %v", fav, oth, tc.fav, tc.oth)
			}
			rows := Rows(tc.accounts, Query{})
			for k, i := range rows {
				_, up := Target(tc.accounts, rows, vault.SortManual, k, k-1)
				_, down := Target(tc.accounts, rows, vault.SortManual, k, k+1)
				want := oth
				if tc.accounts[i].Favourite {
					want = fav
				}
				if (up || down) != want {
					t.Errorf("row %d (%s): Target moves it up %v, down %v; Movable says %v", k, tc.accounts[i].ID, up, down, want)
				}
			}
		})
	}
}
