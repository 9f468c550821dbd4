package listing

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"twofold.app/app/vault"
)

// Query is what the person asked the list to show.
type Query struct {
	// Search keeps the accounts that have every word of it, in any order,
	// in their issuer, name, group or note, compared after [Fold]. Empty
	// keeps every account.
	Search string
	// FilterGroup keeps only the accounts filed under Group; Group "" is
	// then the accounts filed under no group.
	FilterGroup bool
	Group       string
	// Sort is the order after the favourites.
	Sort vault.Sort
}

// Index is a vault's accounts made ready for [Index.Rows]: their texts
// folded (see [Fold]) once for all searches, and each order worked out once
// for all queries, the first time it is asked for. Make one for each
// revision of the vault; it does not see later changes to the accounts. It
// is safe for concurrent use.
type Index struct {
	accounts []vault.Account
	textOnce sync.Once
	text     []string // issuer, name, group and note, folded, each after a line feed
	// order holds, for the alphabetical and the recent order, every
	// account's index in that order.
	orderOnce [3]sync.Once
	order     [3][]int
}

// NewIndex returns the index of accounts, which it keeps (without copying
// them): the rows of [Index.Rows] are indices into it.
func NewIndex(accounts []vault.Account) *Index {
	return &Index{accounts: accounts}
}

// Accounts returns the accounts of the index, which the rows index.
func (x *Index) Accounts() []vault.Account { return x.accounts }

// Rows returns the indices in accounts of the accounts that q keeps, in the
// order the list shows them. It is NewIndex(accounts).Rows(q): to search
// or sort the same accounts again, keep the index.
func Rows(accounts []vault.Account, q Query) []int { return NewIndex(accounts).Rows(q) }

// Rows returns the indices of the accounts that q keeps, in the order the
// list shows them: favourites first, then the others, each part in the
// order of q.Sort. Ties keep the vault's order, so the result is the same
// for the same input.
func (x *Index) Rows(q Query) []int {
	terms := strings.Fields(Fold(q.Search))
	var text []string
	if len(terms) > 0 {
		text = x.texts()
	}
	order := x.ordered(q.Sort)
	favourites, others := make([]int, 0, 16), make([]int, 0, len(x.accounts))
	for k := range x.accounts {
		i := k
		if order != nil {
			i = order[k]
		}
		a := &x.accounts[i]
		if q.FilterGroup && a.Group != q.Group {
			continue
		}
		if len(terms) > 0 && !containsAll(text[i], terms) {
			continue
		}
		if a.Favourite {
			favourites = append(favourites, i)
		} else {
			others = append(others, i)
		}
	}
	return append(favourites, others...)
}

// containsAll reports whether every term is in s.
func containsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// texts returns the folded texts that searches look in.
func (x *Index) texts() []string {
	x.textOnce.Do(func() {
		x.text = make([]string, len(x.accounts))
		for i := range x.accounts {
			a := &x.accounts[i]
			// The line feeds keep a search word from spanning two fields:
			// strings.Fields never leaves one in a word.
			x.text[i] = "\n" + Fold(a.Issuer) + "\n" + Fold(a.Name) + "\n" + Fold(a.Group) + "\n" + Fold(a.Note)
		}
	})
	return x.text
}

// ordered returns every account's index in the order s, or nil for the
// vault's own order.
func (x *Index) ordered(s vault.Sort) []int {
	if s != vault.SortAlphabetical && s != vault.SortRecent {
		return nil
	}
	x.orderOnce[s].Do(func() {
		order := make([]int, len(x.accounts))
		for i := range order {
			order[i] = i
		}
		switch s {
		case vault.SortAlphabetical:
			// By the title, which is the issuer or, without one, the
			// name, then by the name, folded.
			keys := make([][2]string, len(x.accounts))
			for i := range x.accounts {
				a := &x.accounts[i]
				if a.Issuer == "" {
					keys[i] = [2]string{Fold(a.Name), ""}
				} else {
					keys[i] = [2]string{Fold(a.Issuer), Fold(a.Name)}
				}
			}
			slices.SortStableFunc(order, func(i, j int) int {
				return cmp.Or(strings.Compare(keys[i][0], keys[j][0]), strings.Compare(keys[i][1], keys[j][1]))
			})
		case vault.SortRecent:
			// Later first; the zero time, never used, is the earliest.
			slices.SortStableFunc(order, func(i, j int) int {
				return x.accounts[j].LastUsed.Compare(x.accounts[i].LastUsed)
			})
		}
		x.order[s] = order
	})
	return x.order[s]
}

// Target returns the index in accounts to pass to [vault.Contents.Move] so
// that the account shown at position from of rows comes to be shown at
// position to: for a drag, the position it was dropped on; for the
// keyboard, from-1 or from+1. rows is what [Rows] returned for accounts.
//
// It is false if sort, the order of rows, is not [vault.SortManual] (moving
// would show no change), if from or to is outside rows or they are the
// same, or if the two rows are in different parts of the list: favourites
// stay above the others whatever the order (make an account a favourite
// instead).
func Target(accounts []vault.Account, rows []int, sort vault.Sort, from, to int) (int, bool) {
	if sort != vault.SortManual || from < 0 || from >= len(rows) || to < 0 || to >= len(rows) || from == to {
		return 0, false
	}
	i, j := rows[from], rows[to]
	if i < 0 || i >= len(accounts) || j < 0 || j >= len(accounts) {
		return 0, false
	}
	if accounts[i].Favourite != accounts[j].Favourite || (j < i) != (to < from) {
		return 0, false
	}
	return j, true
}

// Movable reports whether a favourite, and whether another account, can be
// moved in the manual order with every account listed: [Target] moves an
// account only within its part of the list, which must then hold another
// account. It holds for an account whatever the list shows, so that a
// row's reorder handle need not come and go with a search.
func Movable(accounts []vault.Account) (favourite, other bool) {
	var favourites, others int
	for i := range accounts {
		if accounts[i].Favourite {
			favourites++
		} else {
			others++
		}
	}
	return favourites > 1, others > 1
}

// Group is a group of accounts and how many accounts are filed under it.
type Group struct {
	// Name is the group's name; "" stands for the accounts filed under no
	// group.
	Name  string
	Count int
}

// Groups returns the groups that have accounts, in the alphabetical order
// of their names after [Fold] (then by the names themselves, so that two
// names that fold alike keep one order), and last, if some accounts have no
// group, a Group with the Name "" and their number. A group with no account
// does not exist: it vanishes when its last account leaves it.
func Groups(accounts []vault.Account) []Group {
	counts := map[string]int{}
	for i := range accounts {
		counts[accounts[i].Group]++
	}
	groups := make([]Group, 0, len(counts))
	for name, n := range counts {
		if name != "" {
			groups = append(groups, Group{name, n})
		}
	}
	slices.SortFunc(groups, func(x, y Group) int {
		return cmp.Or(strings.Compare(Fold(x.Name), Fold(y.Name)), strings.Compare(x.Name, y.Name))
	})
	if n := counts[""]; n > 0 {
		groups = append(groups, Group{"", n})
	}
	return groups
}
