package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"regexp"
	"slices"
	"testing"
	"time"

	"twofold.app/app/otp"
)

func TestNewID(t *testing.T) {
	id, err := NewID(bytes.NewReader(bytes.Repeat([]byte{0xab}, idSize)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "abababababababababababababababab"; id != want {
		t.Errorf("NewID = %q, want %q", id, want)
	}
	seen := map[string]bool{}
	for range 100 {
		id, err := NewID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
			t.Fatalf("NewID = %q, want 32 lower-case hex digits", id)
		}
		if seen[id] {
			t.Fatalf("NewID repeated %q", id)
		}
		seen[id] = true
	}
	if _, err := NewID(bytes.NewReader(make([]byte, idSize-1))); err == nil {
		t.Error("NewID succeeded with too little randomness")
	}
}

func account(id, issuer, name, secret string) Account {
	return Account{ID: id, Issuer: issuer, Name: name,
		Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte(secret)}}
}

func ids(c *Contents) []string {
	var s []string
	for _, a := range c.Accounts {
		s = append(s, a.ID)
	}
	return s
}

func TestContentsEdits(t *testing.T) {
	var c Contents
	for _, a := range []Account{account("a", "A", "x", "1"), account("b", "B", "y", "2"), account("c", "C", "z", "3")} {
		if err := c.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Add(account("b", "other", "other", "9")); !errors.Is(err, ErrAccountID) {
		t.Errorf("Add of a used ID: %v, want ErrAccountID", err)
	}
	if err := c.Add(account("", "E", "e", "9")); !errors.Is(err, ErrAccountID) {
		t.Errorf("Add of an empty ID: %v, want ErrAccountID", err)
	}
	if got := ids(&c); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("after Add: %v", got)
	}

	if i, ok := c.Find("c"); i != 2 || !ok {
		t.Errorf("Find(c) = %d, %v", i, ok)
	}
	if i, ok := c.Find("zz"); i != -1 || ok {
		t.Errorf("Find(zz) = %d, %v", i, ok)
	}

	if !c.Replace(account("b", "B2", "y2", "22")) {
		t.Error("Replace(b) found nothing")
	}
	if c.Accounts[1].Issuer != "B2" || !slices.Equal(ids(&c), []string{"a", "b", "c"}) {
		t.Errorf("after Replace: %+v", c.Accounts)
	}
	if c.Replace(account("zz", "", "", "1")) {
		t.Error("Replace(zz) reported success")
	}
	if len(c.Accounts) != 3 {
		t.Error("Replace of a missing ID added an account")
	}

	if !c.Remove("a") || !slices.Equal(ids(&c), []string{"b", "c"}) {
		t.Errorf("after Remove(a): %v", ids(&c))
	}
	if c.Remove("a") {
		t.Error("Remove(a) twice reported success")
	}
}

func TestDuplicate(t *testing.T) {
	c := &Contents{Accounts: []Account{account("a", "GitHub", "me", "secret1"), account("b", "GitHub", "me", "secret2")}}
	tests := []struct {
		name   string
		a      Account
		wantID string // "" for no duplicate
	}{
		{"same issuer, name and secret", account("new", "GitHub", "me", "secret2"), "b"},
		{"different secret", account("new", "GitHub", "me", "secret3"), ""},
		{"different name", account("new", "GitHub", "you", "secret1"), ""},
		{"different issuer", account("new", "GitLab", "me", "secret1"), ""},
		{"issuer case matters", account("new", "github", "me", "secret1"), ""},
		{"itself is not a duplicate", account("a", "GitHub", "me", "secret1"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := c.Duplicate(tt.a)
			if ok != (tt.wantID != "") || d.ID != tt.wantID {
				t.Errorf("Duplicate = %q, %v, want %q", d.ID, ok, tt.wantID)
			}
		})
	}
}

func TestDigestAndBackedUp(t *testing.T) {
	a := Account{ID: "a", Issuer: "GitHub", Name: "alice", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{1, 2, 3}}}
	b := a
	b.ID, b.Issuer = "b", "GitLab"
	c := &Contents{Accounts: []Account{a, b}}
	if c.BackedUp() {
		t.Fatal("a vault never backed up reports it is")
	}
	d := c.Digest()
	c.Settings.BackupDigest, c.Settings.LastBackup = d, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if !c.BackedUp() {
		t.Fatal("BackedUp is false right after recording the digest")
	}
	c.Settings.LockAfter = time.Hour
	if !c.BackedUp() || c.Digest() != d {
		t.Fatal("a settings change changed the accounts' digest")
	}
	for name, change := range map[string]func(*Contents){
		"edit":    func(c *Contents) { c.Accounts[0].Name = "bob" },
		"counter": func(c *Contents) { c.Accounts[1].Counter++ },
		"remove":  func(c *Contents) { c.Remove("a") },
		"reorder": func(c *Contents) { c.Accounts[0], c.Accounts[1] = c.Accounts[1], c.Accounts[0] },
	} {
		cc := *c
		cc.Accounts = append([]Account(nil), c.Accounts...)
		change(&cc)
		if cc.BackedUp() {
			t.Errorf("%s: still reported as backed up", name)
		}
	}
	// The backup record survives sealing and opening.
	s, err := Create([]byte("pw"), Params{Time: 1, MemoryKiB: 64, Threads: 1}, Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.Seal(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Decrypt(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Settings.LastBackup.Equal(c.Settings.LastBackup) || got.Settings.BackupDigest != d || !got.BackedUp() {
		t.Errorf("settings after a round trip = %+v", got.Settings)
	}
}
