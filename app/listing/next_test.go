package listing

import (
	"testing"
	"time"

	"twofold.app/app/otp"
)

func TestNextCode(t *testing.T) {
	// RFC 6238's SHA-1 key; its second period ends at 60 s.
	totp := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}
	next, err := totp.Code(time.Unix(60, 0))
	if err != nil {
		t.Fatal(err)
	}
	steam := totp
	steam.Type, steam.Digits = otp.Steam, 5
	nextSteam, _ := steam.Code(time.Unix(60, 0))
	hotp := otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 1, Secret: []byte("12345678901234567890")}
	for _, tc := range []struct {
		name string
		k    otp.Key
		now  time.Time
		want string // "" for no hint
	}{
		{"start of the period", totp, time.Unix(30, 0), ""},
		{"six seconds left", totp, time.Unix(54, 0), ""},
		{"just over five seconds left", totp, time.Unix(54, 999_999_999), ""},
		{"five seconds left", totp, time.Unix(55, 0), next},
		{"one second left", totp, time.Unix(59, 0), next},
		{"a moment left", totp, time.Unix(59, 999_999_999), next},
		{"the next period", totp, time.Unix(60, 0), ""},
		{"steam", steam, time.Unix(57, 0), nextSteam},
		{"hotp", hotp, time.Unix(59, 0), ""},
		{"no secret", otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30}, time.Unix(59, 0), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := NextCode(tc.k, tc.now)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("NextCode = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}
