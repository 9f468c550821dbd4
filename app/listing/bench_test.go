package listing

import (
	"fmt"
	"testing"
	"time"

	"twofold.app/app/vault"
)

// manyAccounts returns n accounts like a large vault's: mixed-case Latin
// and Japanese issuers, a few groups, some notes, favourites and last uses.
func manyAccounts(n int) []vault.Account {
	issuers := []string{"GitHub", "Google", "Amazon Web Services", "Microsoft", "Proton Mail", "Dropbox",
		"楽天", "ヤフー", "みずほ銀行", "ＬＩＮＥ", "Bank of America", "Cloudflare", "Discord", "Steam"}
	groups := []string{"", "Work", "Personal", "Banking", "Games", "仕事"}
	accounts := make([]vault.Account, n)
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range accounts {
		a := &accounts[i]
		a.ID = fmt.Sprintf("%032x", i)
		a.Issuer = issuers[i%len(issuers)]
		a.Name = fmt.Sprintf("user%d@example.com", i*7919%n)
		a.Group = groups[i%len(groups)]
		if i%5 == 0 {
			a.Note = "Recovery codes are in the safe, second drawer."
		}
		a.Favourite = i%50 == 0
		if i%3 != 0 {
			a.LastUsed = base.Add(time.Duration(i*104729%n) * time.Minute)
		}
	}
	return accounts
}

// BenchmarkRows measures what the list does on every redraw or keystroke:
// filtering and sorting the whole vault.
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		accounts := manyAccounts(n)
		for _, bc := range []struct {
			name string
			q    Query
		}{
			{"manual", Query{}},
			{"alphabetical", Query{Sort: vault.SortAlphabetical}},
			{"recent", Query{Sort: vault.SortRecent}},
			{"group", Query{FilterGroup: true, Group: "Work"}},
			{"search", Query{Search: "git"}},
			{"search kana", Query{Search: "やふー"}},
			{"search alphabetical", Query{Search: "example", Sort: vault.SortAlphabetical}},
		} {
			b.Run(fmt.Sprintf("%d/%s", n, bc.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Rows(accounts, bc.q)
				}
			})
		}
	}
}

func BenchmarkGroups(b *testing.B) {
	accounts := manyAccounts(10000)
	b.ReportAllocs()
	for b.Loop() {
		Groups(accounts)
	}
}

func BenchmarkNewMark(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewMark("Amazon Web Services", "alice")
		NewMark("ﾔﾌｰ", "太郎")
	}
}

// BenchmarkIndexRows measures the same with an index kept from one call to
// the next, as the app keeps one per revision of the vault: the texts are
// folded once, not on every keystroke.
func BenchmarkIndexRows(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		x := NewIndex(manyAccounts(n))
		for _, bc := range []struct {
			name string
			q    Query
		}{
			{"alphabetical", Query{Sort: vault.SortAlphabetical}},
			{"search", Query{Search: "git"}},
			{"search alphabetical", Query{Search: "example", Sort: vault.SortAlphabetical}},
		} {
			b.Run(fmt.Sprintf("%d/%s", n, bc.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					x.Rows(bc.q)
				}
			})
		}
	}
}
