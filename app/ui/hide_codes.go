package ui

import (
	"strings"
	"time"
)

// prefHide is the preference that says whether the list hides its codes
// until one is tapped: "tap" hides them, anything else shows them. It is a
// preference of the browser, not of the vault: a phone used in public and
// a desktop at home want different ones.
const prefHide = "hide-codes"

// revealFor is how long a tapped code shows while codes are hidden.
const revealFor = 15 * time.Second

// hideCodes reports whether the list hides its codes until tapped.
func (s Services) hideCodes() bool {
	return s.Pref != nil && s.Pref(prefHide) == "tap"
}

// reveal is the one code shown while codes are hidden: the account's id,
// until a time.
type reveal struct {
	id    string
	until time.Time
}

// shows reports whether the row of account id shows its code at now.
func (r reveal) shows(id string, now time.Time) bool {
	return r.id != "" && r.id == id && now.Before(r.until)
}

// over reports whether a code was revealed and its time is up at now, so
// that the list must be drawn again to hide it.
func (r reveal) over(now time.Time) bool {
	return r.id != "" && !now.Before(r.until)
}

// masked returns the dots that stand on screen for a code as grouped (see
// otp.Group): a dot for each character, the spaces kept.
func masked(grouped string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' {
			return r
		}
		return '•'
	}, grouped)
}
