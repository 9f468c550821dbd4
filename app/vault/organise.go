package vault

import (
	"fmt"
	"strings"
	"time"
)

// Sort is the order in which the app lists the accounts. Favourites come
// first whatever the order; package listing draws the list.
type Sort uint8

const (
	// SortManual lists the accounts in the order of [Contents.Accounts],
	// which the person arranges with [Contents.Move].
	SortManual Sort = iota
	// SortAlphabetical lists them by issuer, then name.
	SortAlphabetical
	// SortRecent lists the most recently used first (see
	// [Account.LastUsed]), then those never used in manual order.
	SortRecent
)

var sortNames = [...]string{SortManual: "manual", SortAlphabetical: "alphabetical", SortRecent: "recent"}

// String returns the name of s as the payload stores it: "manual",
// "alphabetical" or "recent".
func (s Sort) String() string {
	if int(s) < len(sortNames) {
		return sortNames[s]
	}
	return fmt.Sprintf("Sort(%d)", s)
}

// ParseSort returns the Sort named name, as [Sort.String] writes it.
func ParseSort(name string) (Sort, bool) {
	for s, n := range sortNames {
		if n == name {
			return Sort(s), true
		}
	}
	return 0, false
}

// Density is how closely the app sets the rows of the list.
type Density uint8

const (
	// DensityComfortable is the default: large rows with room to tap.
	DensityComfortable Density = iota
	// DensityCompact fits at least twice as many rows.
	DensityCompact
)

var densityNames = [...]string{DensityComfortable: "comfortable", DensityCompact: "compact"}

// String returns the name of d as the payload stores it: "comfortable" or
// "compact".
func (d Density) String() string {
	if int(d) < len(densityNames) {
		return densityNames[d]
	}
	return fmt.Sprintf("Density(%d)", d)
}

// ParseDensity returns the Density named name, as [Density.String] writes
// it.
func ParseDensity(name string) (Density, bool) {
	for d, n := range densityNames {
		if n == name {
			return Density(d), true
		}
	}
	return 0, false
}

// Move puts the account with the given ID at index to of the accounts,
// shifting those in between by one, and reports whether there was such an
// account. An index past either end means that end. Moving an account onto
// the index of another one puts it before that one when moving up and after
// it when moving down, as dragging a row onto another does; package listing
// gives the index of the neighbour in the list as shown, for moving an
// account one row up or down.
//
// The order is the manual order of [SortManual]; it is saved with the
// vault and counts as a change for [Contents.Digest]. Modified times do not
// change.
func (c *Contents) Move(id string, to int) bool {
	from, ok := c.Find(id)
	if !ok {
		return false
	}
	to = max(0, min(to, len(c.Accounts)-1))
	a := c.Accounts[from]
	if from < to {
		copy(c.Accounts[from:to], c.Accounts[from+1:to+1])
	} else {
		copy(c.Accounts[to+1:from+1], c.Accounts[to:from])
	}
	c.Accounts[to] = a
	return true
}

// SetFavourite pins (on) or unpins the account with the given ID, setting
// its Modified time to now if that changes it, and reports whether there
// was such an account.
func (c *Contents) SetFavourite(id string, on bool, now time.Time) bool {
	i, ok := c.Find(id)
	if ok && c.Accounts[i].Favourite != on {
		c.Accounts[i].Favourite = on
		c.Accounts[i].Modified = now
	}
	return ok
}

// SetGroup files the account with the given ID under group, without the
// white space around it ("" for none), setting its Modified time to now if
// that changes it, and reports whether there was such an account. A group
// exists as long as an account is filed under it.
func (c *Contents) SetGroup(id, group string, now time.Time) bool {
	i, ok := c.Find(id)
	group = strings.TrimSpace(group)
	if ok && c.Accounts[i].Group != group {
		c.Accounts[i].Group = group
		c.Accounts[i].Modified = now
	}
	return ok
}

// Edit puts the issuer, name, key, group and note of a in place of those
// of the account with a's ID, sets its Modified time to now, and reports
// whether there was such an account. Unlike [Contents.Replace], it keeps
// what an edit form does not show: the account's place in the list, its
// Created time, whether it is a favourite and its last use.
func (c *Contents) Edit(a Account, now time.Time) bool {
	i, ok := c.Find(a.ID)
	if ok {
		old := &c.Accounts[i]
		old.Issuer, old.Name, old.Key, old.Group, old.Note = a.Issuer, a.Name, a.Key, a.Group, a.Note
		old.Modified = now
	}
	return ok
}

// MarkUsed records now as the time the code of the account with the given
// ID was last copied, and reports whether there was such an account. It
// leaves Modified alone, and [Contents.Digest] ignores it: copying a code
// does not make a backup out of date.
func (c *Contents) MarkUsed(id string, now time.Time) bool {
	i, ok := c.Find(id)
	if ok {
		c.Accounts[i].LastUsed = now
	}
	return ok
}
