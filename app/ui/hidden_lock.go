package ui

import (
	"strconv"
	"time"
)

// hiddenChoices are the times a hidden page may stay unlocked, offered in
// Settings; zero means at once. Off, the default, is not among them.
var hiddenChoices = []time.Duration{0, time.Minute, 5 * time.Minute}

// prefHidden is the preference that holds how long a hidden page stays
// unlocked, in seconds; "" or anything not a number means the page is not
// locked for being hidden. It is a preference of the browser, not of the
// vault: a phone and a desktop want different ones.
const prefHidden = "hidden-lock"

// hiddenLock returns how long a hidden page may stay unlocked, and false
// when being hidden does not lock it.
func (s Services) hiddenLock() (time.Duration, bool) {
	if s.Pref == nil {
		return 0, false
	}
	v, err := strconv.Atoi(s.Pref(prefHidden))
	if err != nil || v < 0 {
		return 0, false
	}
	return time.Duration(v) * time.Second, true
}

// hiddenTooLong reports whether a page hidden since at must lock at now,
// when it may stay unlocked for d. The time hidden is the longer of the
// monotonic and the wall clock's: a phone asleep may stop the first, and
// the second may be set back.
func hiddenTooLong(d time.Duration, at, now time.Time) bool {
	if at.IsZero() {
		return false
	}
	hidden := max(now.Sub(at), now.Round(0).Sub(at.Round(0)))
	return hidden >= d
}
