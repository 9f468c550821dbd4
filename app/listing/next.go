package listing

import (
	"time"

	"twofold.app/app/otp"
)

// NextWindow is how long before the end of its period a code is shown
// with the code that follows it.
const NextWindow = 5 * time.Second

// NextCode returns the code that follows the one a TOTP or Steam key makes
// at now, and true, during the last [NextWindow] of the period, so that
// the person can wait for it rather than copy a code about to expire. It
// is false at other times, for HOTP keys, and for keys that make no code.
func NextCode(k otp.Key, now time.Time) (string, bool) {
	if k.Type == otp.HOTP {
		return "", false
	}
	left := k.Remaining(now)
	if left <= 0 || left > NextWindow {
		return "", false
	}
	code, err := k.Code(now.Add(left))
	if err != nil {
		return "", false
	}
	return code, true
}
