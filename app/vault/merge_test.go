package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"regexp"
	"slices"
	"testing"
	"time"
)

func TestReview(t *testing.T) {
	gh := account("v1", "GitHub", "me", "s1")
	gl := account("v2", "GitLab", "me", "s2")
	tests := []struct {
		name  string
		have  []Account // nil for a nil *Contents
		offer []Account
		dup   []bool
	}{
		{"nothing offered", []Account{gh}, nil, []bool{}},
		{"nil vault", nil, []Account{gh, gl}, []bool{false, false}},
		{"new accounts", []Account{gh}, []Account{account("", "A", "x", "1"), account("", "B", "y", "2")}, []bool{false, false}},
		{"in the vault", []Account{gh, gl}, []Account{account("", "A", "x", "1"), account("", "GitLab", "me", "s2")}, []bool{false, true}},
		{"in the vault under the same id", []Account{gh}, []Account{gh}, []bool{true}},
		{"repeated in the list", []Account{gh}, []Account{account("f1", "A", "x", "1"), account("f2", "A", "x", "1"), account("f3", "A", "x", "1")}, []bool{false, true, true}},
		{"repeated and in the vault", []Account{gh}, []Account{account("", "GitHub", "me", "s1"), account("", "GitHub", "me", "s1")}, []bool{true, true}},
		{"same labels, other secret: keep both", []Account{gh}, []Account{account("", "GitHub", "me", "s3"), account("", "GitHub", "me", "s4")}, []bool{false, false}},
		{"other name", []Account{gh}, []Account{account("", "GitHub", "you", "s1")}, []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var have *Contents
			if tt.have != nil {
				have = &Contents{Accounts: tt.have}
			}
			var offerIDs []string
			for _, a := range tt.offer {
				offerIDs = append(offerIDs, a.ID)
			}
			cs := Review(tt.offer, have)
			if len(cs) != len(tt.offer) {
				t.Fatalf("Review returned %d candidates, want %d", len(cs), len(tt.offer))
			}
			for i, c := range cs {
				if c.Duplicate != tt.dup[i] || c.Keep != !tt.dup[i] {
					t.Errorf("candidate %d: Duplicate %v, Keep %v; want Duplicate %v, Keep %v", i, c.Duplicate, c.Keep, tt.dup[i], !tt.dup[i])
				}
				if c.Account.ID != "" {
					t.Errorf("candidate %d has ID %q, want none", i, c.Account.ID)
				}
				want := tt.offer[i]
				want.ID = ""
				if !sameAccount(c.Account, want) || c.Account.Key.Type != want.Key.Type {
					t.Errorf("candidate %d is %q/%q, want %q/%q (in order)", i, c.Account.Issuer, c.Account.Name, want.Issuer, want.Name)
				}
			}
			for i, a := range tt.offer {
				if a.ID != offerIDs[i] {
					t.Errorf("Review changed the ID of the caller's account %d", i)
				}
			}
		})
	}
}

// labels lists the issuer, name and secret of every account of c.
func labels(c *Contents) []string {
	var s []string
	for _, a := range c.Accounts {
		s = append(s, a.Issuer+"/"+a.Name+"/"+string(a.Secret))
	}
	return s
}

func TestMerge(t *testing.T) {
	gh := account("v1", "GitHub", "me", "s1")
	a := account("", "A", "x", "1")
	b := account("", "B", "y", "2")
	tests := []struct {
		name  string
		have  []Account
		offer []Account
		// tick changes the reviewed candidates, as a user would.
		tick func(cs []Candidate)
		// meanwhile is added to the vault between review and merge, as
		// another tab would.
		meanwhile []Account
		added     int
		want      []string
	}{
		{name: "new accounts", have: []Account{gh}, offer: []Account{a, b},
			added: 2, want: []string{"GitHub/me/s1", "A/x/1", "B/y/2"}},
		{name: "nothing offered", have: []Account{gh},
			added: 0, want: []string{"GitHub/me/s1"}},
		{name: "unticked", have: []Account{gh}, offer: []Account{a, b},
			tick:  func(cs []Candidate) { cs[0].Keep = false },
			added: 1, want: []string{"GitHub/me/s1", "B/y/2"}},
		{name: "duplicate in the vault not ticked", have: []Account{gh}, offer: []Account{a, gh},
			added: 1, want: []string{"GitHub/me/s1", "A/x/1"}},
		{name: "duplicate in the vault ticked to keep both", have: []Account{gh}, offer: []Account{gh},
			tick:  func(cs []Candidate) { cs[0].Keep = true },
			added: 1, want: []string{"GitHub/me/s1", "GitHub/me/s1"}},
		{name: "repeat in the list", offer: []Account{a, a, b},
			added: 2, want: []string{"A/x/1", "B/y/2"}},
		{name: "repeat in the list ticked to keep both", offer: []Account{a, a},
			tick:  func(cs []Candidate) { cs[1].Keep = true },
			added: 2, want: []string{"A/x/1", "A/x/1"}},
		{name: "same labels, other secret", have: []Account{gh}, offer: []Account{account("", "GitHub", "me", "s2")},
			added: 1, want: []string{"GitHub/me/s1", "GitHub/me/s2"}},
		{name: "added by another tab meanwhile", have: []Account{gh}, offer: []Account{a, b},
			meanwhile: []Account{account("t1", "B", "y", "2")},
			added:     1, want: []string{"GitHub/me/s1", "B/y/2", "A/x/1"}},
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have := &Contents{Accounts: slices.Clone(tt.have)}
			cs := Review(tt.offer, have)
			if tt.tick != nil {
				tt.tick(cs)
			}
			have.Accounts = append(have.Accounts, tt.meanwhile...)
			before := slices.Clone(cs)
			added, err := have.Merge(cs, rand.Reader, now)
			if err != nil {
				t.Fatal(err)
			}
			if added != tt.added {
				t.Errorf("Merge added %d, want %d", added, tt.added)
			}
			if got := labels(have); !slices.Equal(got, tt.want) {
				t.Errorf("the vault holds %q, want %q", got, tt.want)
			}
			if !slices.EqualFunc(cs, before, func(x, y Candidate) bool {
				return x.Account.ID == y.Account.ID && x.Keep == y.Keep && x.Duplicate == y.Duplicate
			}) {
				t.Error("Merge changed the candidates")
			}
			// Every account Merge added has a fresh ID and the times of now.
			old := len(tt.have) + len(tt.meanwhile)
			seen := map[string]bool{}
			for i, a := range have.Accounts {
				if seen[a.ID] {
					t.Errorf("ID %q used twice", a.ID)
				}
				seen[a.ID] = true
				if i < old {
					continue
				}
				if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(a.ID) {
					t.Errorf("added account %d has ID %q, want one from NewID", i, a.ID)
				}
				if !a.Created.Equal(now) || !a.Modified.Equal(now) {
					t.Errorf("added account %d: Created %v, Modified %v, want %v", i, a.Created, a.Modified, now)
				}
			}
		})
	}
}

// TestMergeKeepsOrganise checks that a restore (Review and Merge of a
// backup's accounts) keeps their order, favourites and last uses.
func TestMergeKeepsOrganise(t *testing.T) {
	used := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	offer := []Account{account("x", "C", "c", "3"), account("y", "A", "a", "1"), account("z", "B", "b", "2")}
	offer[1].Favourite = true
	offer[2].LastUsed = used
	c := &Contents{}
	if _, err := c.Merge(Review(offer, c), rand.Reader, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := labels(c); !slices.Equal(got, []string{"C/c/3", "A/a/1", "B/b/2"}) {
		t.Errorf("merged in the order %q", got)
	}
	if !c.Accounts[1].Favourite || c.Accounts[0].Favourite || c.Accounts[2].Favourite {
		t.Error("the favourite was not kept")
	}
	if !c.Accounts[2].LastUsed.Equal(used) || !c.Accounts[0].LastUsed.IsZero() {
		t.Error("the last use was not kept")
	}
}

func TestMergeRandomness(t *testing.T) {
	offer := []Account{account("", "A", "x", "1"), account("", "B", "y", "2")}
	now := time.Now()

	// The same bytes give the same ID twice: Add refuses the second.
	c := &Contents{}
	added, err := c.Merge(Review(offer, c), bytes.NewReader(bytes.Repeat([]byte{7}, 2*idSize)), now)
	if added != 1 || !errors.Is(err, ErrAccountID) {
		t.Errorf("Merge with repeating randomness = %d, %v; want 1, ErrAccountID", added, err)
	}

	// Randomness that runs out stops the merge.
	c = &Contents{}
	added, err = c.Merge(Review(offer, c), bytes.NewReader(make([]byte, idSize+1)), now)
	if added != 1 || err == nil {
		t.Errorf("Merge with too little randomness = %d, %v; want 1 and an error", added, err)
	}
}
