package vault

import (
	"strings"
	"testing"
	"time"
)

// abcde returns five accounts with the IDs a to e, in that order.
func abcde() *Contents {
	c := &Contents{}
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		c.Accounts = append(c.Accounts, account(id, strings.ToUpper(id), id, id))
	}
	return c
}

// order returns the IDs of c's accounts joined, as "abcde".
func order(c *Contents) string { return strings.Join(ids(c), "") }

func TestMove(t *testing.T) {
	for _, tc := range []struct {
		id   string
		to   int
		want string
		ok   bool
	}{
		{"a", 0, "abcde", true},
		{"a", 1, "bacde", true},
		{"a", 4, "bcdea", true},
		{"e", 0, "eabcd", true},
		{"d", 1, "adbce", true},
		{"b", 3, "acdbe", true},
		{"c", 2, "abcde", true},
		{"c", -1, "cabde", true}, // past the start: the start
		{"c", 99, "abdec", true}, // past the end: the end
		{"zz", 0, "abcde", false},
	} {
		c := abcde()
		ok := c.Move(tc.id, tc.to)
		if got := order(c); ok != tc.ok || got != tc.want {
			t.Errorf("Move(%q, %d) = %v, order %s; want %v, %s", tc.id, tc.to, ok, got, tc.ok, tc.want)
		}
	}
	if (&Contents{}).Move("a", 0) {
		t.Error("Move in an empty list reported an account")
	}
}

func TestOrganiseEdits(t *testing.T) {
	then := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	now := then.Add(time.Hour)
	for _, tc := range []struct {
		name     string
		edit     func(c *Contents) bool
		ok       bool
		check    func(a Account) bool // on account b
		modified bool                 // whether b's Modified becomes now
	}{
		{"favourite", func(c *Contents) bool { return c.SetFavourite("b", true, now) }, true,
			func(a Account) bool { return a.Favourite }, true},
		{"favourite already", func(c *Contents) bool { c.Accounts[1].Favourite = true; return c.SetFavourite("b", true, now) }, true,
			func(a Account) bool { return a.Favourite }, false},
		{"unfavourite", func(c *Contents) bool { c.Accounts[1].Favourite = true; return c.SetFavourite("b", false, now) }, true,
			func(a Account) bool { return !a.Favourite }, true},
		{"favourite missing", func(c *Contents) bool { return c.SetFavourite("zz", true, now) }, false,
			func(a Account) bool { return !a.Favourite }, false},
		{"group", func(c *Contents) bool { return c.SetGroup("b", "  Work ", now) }, true,
			func(a Account) bool { return a.Group == "Work" }, true},
		{"group same", func(c *Contents) bool { c.Accounts[1].Group = "Work"; return c.SetGroup("b", "Work", now) }, true,
			func(a Account) bool { return a.Group == "Work" }, false},
		{"no group", func(c *Contents) bool { c.Accounts[1].Group = "Work"; return c.SetGroup("b", "", now) }, true,
			func(a Account) bool { return a.Group == "" }, true},
		{"group missing", func(c *Contents) bool { return c.SetGroup("zz", "Work", now) }, false,
			func(a Account) bool { return a.Group == "" }, false},
		{"used", func(c *Contents) bool { return c.MarkUsed("b", now) }, true,
			func(a Account) bool { return a.LastUsed.Equal(now) }, false},
		{"used missing", func(c *Contents) bool { return c.MarkUsed("zz", now) }, false,
			func(a Account) bool { return a.LastUsed.IsZero() }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := abcde()
			for i := range c.Accounts {
				c.Accounts[i].Modified = then
			}
			if ok := tc.edit(c); ok != tc.ok {
				t.Errorf("reported %v, want %v", ok, tc.ok)
			}
			b := c.Accounts[1]
			if !tc.check(b) {
				t.Errorf("account b after the edit: %+v", b)
			}
			if want := map[bool]time.Time{false: then, true: now}[tc.modified]; !b.Modified.Equal(want) {
				t.Errorf("Modified %v, want %v", b.Modified, want)
			}
			if order(c) != "abcde" {
				t.Errorf("order changed to %s", order(c))
			}
		})
	}
}

func TestEdit(t *testing.T) {
	then := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	now := then.Add(time.Hour)
	c := abcde()
	c.Accounts[2].Favourite, c.Accounts[2].LastUsed, c.Accounts[2].Created = true, then, then
	edited := account("c", "New issuer", "new name", "new secret")
	edited.Group, edited.Note = "Work", "a note"
	if !c.Edit(edited, now) {
		t.Fatal("Edit found no account c")
	}
	got := c.Accounts[2]
	if got.Issuer != "New issuer" || got.Name != "new name" || string(got.Secret) != "new secret" ||
		got.Group != "Work" || got.Note != "a note" {
		t.Errorf("the edit was not applied: %+v", got)
	}
	if !got.Favourite || !got.LastUsed.Equal(then) || !got.Created.Equal(then) || !got.Modified.Equal(now) {
		t.Errorf("favourite %v, last used %v, created %v, modified %v; want true, %v, %v, %v",
			got.Favourite, got.LastUsed, got.Created, got.Modified, then, then, now)
	}
	if order(c) != "abcde" {
		t.Errorf("order changed to %s", order(c))
	}
	if c.Edit(account("zz", "", "", "1"), now) {
		t.Error("Edit of a missing ID reported an account")
	}
}

// TestDigestOrganise checks what counts as a change since the last backup:
// the order and the favourites do, the last use and the settings do not.
func TestDigestOrganise(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		edit    func(c *Contents)
		changed bool
	}{
		{"nothing", func(c *Contents) {}, false},
		{"moved", func(c *Contents) { c.Move("a", 2) }, true},
		{"favourite", func(c *Contents) { c.SetFavourite("c", true, now) }, true},
		{"favourite, same Modified", func(c *Contents) { c.Accounts[2].Favourite = true }, true},
		{"group", func(c *Contents) { c.SetGroup("c", "Work", now) }, true},
		{"used", func(c *Contents) { c.MarkUsed("c", now) }, false},
		{"sort", func(c *Contents) { c.Settings.Sort = SortRecent }, false},
		{"density", func(c *Contents) { c.Settings.Density = DensityCompact }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := abcde()
			before := c.Digest()
			tc.edit(c)
			if changed := c.Digest() != before; changed != tc.changed {
				t.Errorf("digest changed: %v, want %v", changed, tc.changed)
			}
		})
	}

	// Without favourites, the digest is the SHA-256 of the version 1
	// encoding, as an older Twofold stored it.
	c := abcde()
	c.MarkUsed("a", now)
	c.Settings.Sort = SortAlphabetical
	p, version, err := encodeContents(&Contents{Accounts: abcde().Accounts})
	if err != nil || version != version1 {
		t.Fatal(err, version)
	}
	if got, want := c.Digest(), hexSHA256(p); got != want {
		t.Errorf("Digest %s, want the version 1 %s", got, want)
	}
}

func TestSortDensityNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Sort
	}{{"manual", SortManual}, {"alphabetical", SortAlphabetical}, {"recent", SortRecent}} {
		if got := tc.s.String(); got != tc.name {
			t.Errorf("%d.String() = %q, want %q", tc.s, got, tc.name)
		}
		if s, ok := ParseSort(tc.name); !ok || s != tc.s {
			t.Errorf("ParseSort(%q) = %v, %v", tc.name, s, ok)
		}
	}
	for _, tc := range []struct {
		name string
		d    Density
	}{{"comfortable", DensityComfortable}, {"compact", DensityCompact}} {
		if got := tc.d.String(); got != tc.name {
			t.Errorf("%d.String() = %q, want %q", tc.d, got, tc.name)
		}
		if d, ok := ParseDensity(tc.name); !ok || d != tc.d {
			t.Errorf("ParseDensity(%q) = %v, %v", tc.name, d, ok)
		}
	}
	for _, bad := range []string{"", "Manual", "recently", "cosy"} {
		if _, ok := ParseSort(bad); ok {
			t.Errorf("ParseSort(%q) succeeded", bad)
		}
		if _, ok := ParseDensity(bad); ok {
			t.Errorf("ParseDensity(%q) succeeded", bad)
		}
	}
	if got := Sort(7).String(); got != "Sort(7)" {
		t.Errorf("Sort(7).String() = %q", got)
	}
	if got := Density(7).String(); got != "Density(7)" {
		t.Errorf("Density(7).String() = %q", got)
	}
}
