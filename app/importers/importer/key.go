package importer

import (
	"fmt"
	"strings"

	"twofold.app/app/otp"
)

// Fields are the parts of a key that most exports store one by one.
type Fields struct {
	// Type is "totp", "hotp" or "steam", in any case; "" is totp.
	Type string
	// Issuer is the entry's issuer, used only to tell a Steam key stored
	// as TOTP.
	Issuer    string
	Secret    []byte
	Algorithm otp.Algorithm
	// Digits and Period are 0 when the export leaves them out (or gives
	// null): the defaults, 6 digits (5 for Steam) and 30 s, are used.
	Digits, Period int
	// Counter is an HOTP key's counter; 0 when it is missing.
	Counter uint64
}

// Key makes the key of f. A TOTP key of 5 digits whose issuer is "Steam"
// is a Steam Guard key, as several apps store those (Steam codes have 5
// characters, and no other TOTP key does). Another type gives an error
// wrapping [ErrUnsupported]; the key is checked later, by [Result.Add].
func (f Fields) Key() (otp.Key, error) {
	k := otp.Key{Algorithm: f.Algorithm, Digits: f.Digits, Period: f.Period, Secret: f.Secret}
	if k.Algorithm == 0 {
		k.Algorithm = otp.SHA1
	}
	if k.Digits == 0 {
		k.Digits = otp.MinDigits
	}
	if k.Period == 0 {
		k.Period = 30
	}
	switch t := strings.ToLower(strings.TrimSpace(f.Type)); t {
	case "", "totp":
		k.Type = otp.TOTP
		if f.Digits == otp.SteamDigits && strings.EqualFold(strings.TrimSpace(f.Issuer), "Steam") {
			return Steam(f.Secret), nil
		}
	case "hotp":
		k.Type, k.Period, k.Counter = otp.HOTP, 0, f.Counter
	case "steam":
		return Steam(f.Secret), nil
	default:
		return otp.Key{}, fmt.Errorf("%w: type %s", ErrUnsupported, quote(f.Type))
	}
	return k, nil
}
