package importer

import (
	"fmt"
	"strings"

	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// URI reads an account from an otpauth:// URI (see [otpauth.Parse]), or from
// a steam://SECRET URI, which Bitwarden and Proton Authenticator write for
// Steam Guard keys: the base32 secret alone, so the account it returns has
// no issuer or name and the caller must give it a label.
func URI(s string) (vault.Account, error) {
	s = strings.TrimSpace(s)
	if HasScheme(s, "steam") {
		rest := s[len("steam:"):]
		rest = strings.TrimPrefix(rest, "//")
		rest, _, _ = strings.Cut(rest, "?")
		secret, err := Base32(strings.TrimSuffix(rest, "/"))
		if err != nil {
			return vault.Account{}, fmt.Errorf("steam URI: %w", err)
		}
		return vault.Account{Key: Steam(secret)}, nil
	}
	a, err := otpauth.Parse(s)
	if err != nil {
		return vault.Account{}, err
	}
	return vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}, nil
}
