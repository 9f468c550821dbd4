package main

import (
	"encoding/base32"
	"encoding/json"
	"fmt"
	"io"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// jsonAccount is one account as "twofold import --json" and "twofold scan
// --json" print it. The field order is the order of the keys in the output.
type jsonAccount struct {
	Type      string  `json:"type"` // totp, hotp or steam
	Issuer    string  `json:"issuer"`
	Name      string  `json:"name"`
	Secret    string  `json:"secret"`    // base32, upper case, no padding
	Algorithm string  `json:"algorithm"` // SHA1, SHA256 or SHA512
	Digits    int     `json:"digits"`
	Period    *int    `json:"period,omitempty"`  // TOTP and Steam only
	Counter   *uint64 `json:"counter,omitempty"` // HOTP only, 0 included
}

var secretBase32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// printAccounts writes accounts to w: their otpauth:// URIs (see
// [otpauth.Format]), one a line, or with asJSON a JSON array of objects with
// the keys type ("totp", "hotp" or "steam"), issuer, name, secret (base32,
// upper case, no padding), algorithm ("SHA1", "SHA256" or "SHA512"),
// digits, and period (TOTP and Steam) or counter (HOTP). An empty list is
// nothing, or "[]".
//
// The output holds the secrets: it is for the user's terminal or a file
// they chose, never a log.
func printAccounts(w io.Writer, accounts []otpauth.Account, asJSON bool) error {
	if !asJSON {
		for _, a := range accounts {
			if _, err := fmt.Fprintln(w, otpauth.Format(a)); err != nil {
				return err
			}
		}
		return nil
	}
	out := make([]jsonAccount, 0, len(accounts))
	for _, a := range accounts {
		j := jsonAccount{
			Type:      a.Type.String(),
			Issuer:    a.Issuer,
			Name:      a.Name,
			Secret:    secretBase32.EncodeToString(a.Secret),
			Algorithm: a.Algorithm.String(),
			Digits:    a.Digits,
		}
		if a.Type == otp.HOTP {
			j.Counter = &a.Counter
		} else {
			j.Period = &a.Period
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
