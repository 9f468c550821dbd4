package keeper

import "time"

// A browser can lose its storage (eviction, cleared site data), and a
// missing vault then looks like a browser that never had one. The page
// keeps a marker beside the store, in storage that is cleared separately
// (localStorage): the date on which this browser first held a vault. It
// is not secret, and it is only a hint: storage cleared all at once takes
// the marker too, and then nothing tells the two apart.

// Start is the first screen a page shows, from what its storage holds.
type Start int

const (
	// StartCreate: no vault and no marker; offer to create, restore or
	// receive one.
	StartCreate Start = iota
	// StartUnlock: the store holds a vault.
	StartUnlock
	// StartGone: a marker says this browser held a vault, but the store
	// holds none: it was cleared. Say so before offering anything else.
	StartGone
)

// StartOf returns the first screen for a store that holds a vault or not
// (exists) and the marker found beside it ("" for none).
func StartOf(exists bool, marker string) Start {
	switch {
	case exists:
		return StartUnlock
	case marker != "":
		return StartGone
	}
	return StartCreate
}

// Marker returns the marker for a vault first held at t: its date, in UTC.
func Marker(t time.Time) string {
	return t.UTC().Format(time.DateOnly)
}

// MarkerDate returns the date a marker holds, or false for a marker that
// is not one that [Marker] wrote.
func MarkerDate(marker string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, marker)
	return t, err == nil
}
