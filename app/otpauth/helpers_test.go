package otpauth_test

import (
	"encoding/base32"
	"strings"
	"time"
)

// base32Std decodes with the standard library alone, adding the padding.
func base32Std(s string) ([]byte, error) {
	if n := len(s) % 8; n != 0 {
		s += strings.Repeat("=", 8-n)
	}
	return base32.StdEncoding.DecodeString(s)
}

func timeUnix(sec int64) time.Time { return time.Unix(sec, 0) }
