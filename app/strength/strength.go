// Package strength gives a plain-word estimate of how hard a password is to
// guess, for the vault's password. It is a guide, not a gate: only
// [MinLength] is enforced.
package strength

import (
	"math"
	"strings"
	"unicode"
)

// MinLength is the shortest password a vault accepts, in characters.
const MinLength = 8

// Level is a coarse rating.
type Level int

// The levels, weakest first.
const (
	TooShort Level = iota
	Weak
	Fair
	Strong
)

// String returns the level's name in English, for logs and tests; the
// user reads the app's own words for it.
func (l Level) String() string {
	switch l {
	case TooShort:
		return "Too short"
	case Weak:
		return "Weak"
	case Fair:
		return "Fair"
	}
	return "Strong"
}

// Estimate is the rating of one password.
type Estimate struct {
	Level Level
	Bits  float64 // rough guessing entropy
	// Common reports that the password is one of the first that guessing
	// tools try, which makes it Weak whatever its length.
	Common bool
}

// common holds passwords and words that guessing tools try first; a
// password made of them (with digits or symbols around) is weak.
var common = []string{
	"password", "passwort", "motdepasse", "qwerty", "azerty", "letmein", "welcome",
	"admin", "dragon", "monkey", "iloveyou", "sunshine", "princess", "football",
	"baseball", "master", "shadow", "superman", "trustno1", "secret", "abc123",
	"123456", "12345678", "123456789", "1234567890", "111111", "000000", "654321",
	"qwertyuiop", "asdfgh", "zxcvbn", "twofold", "authenticator", "changeme",
}

// Of estimates password.
func Of(password string) Estimate {
	n := len([]rune(password))
	if n < MinLength {
		return Estimate{Level: TooShort}
	}
	lower := strings.ToLower(password)
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range common {
		if lower == w || core == w || strings.TrimFunc(lower, unicode.IsDigit) == w {
			return Estimate{Level: Weak, Common: true}
		}
	}
	var pool float64
	var hasLower, hasUpper, hasDigit, hasOther bool
	for _, r := range password {
		switch {
		case unicode.IsLower(r):
			hasLower = true
		case unicode.IsUpper(r):
			hasUpper = true
		case unicode.IsDigit(r):
			hasDigit = true
		default:
			hasOther = true
		}
	}
	for _, c := range []struct {
		has  bool
		size float64
	}{{hasLower, 26}, {hasUpper, 26}, {hasDigit, 10}, {hasOther, 33}} {
		if c.has {
			pool += c.size
		}
	}
	// Repeats and runs carry little information: count only the characters
	// that differ from the one before by more than one step.
	effective := 0
	prev := rune(-10)
	for _, r := range password {
		if d := r - prev; d < -1 || d > 1 {
			effective++
		}
		prev = r
	}
	bits := float64(effective) * math.Log2(pool)
	switch {
	case bits < 40:
		return Estimate{Level: Weak, Bits: bits}
	case bits < 60:
		return Estimate{Level: Fair, Bits: bits}
	}
	return Estimate{Level: Strong, Bits: bits}
}
