package importer

import (
	"encoding/base32"
	"fmt"
	"net/url"
	"strings"

	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// URI reads an account from an otpauth:// URI, or from a steam://SECRET
// URI, which Bitwarden and Proton Authenticator write for Steam Guard keys:
// the base32 secret alone, so the account it returns has no issuer or name
// and the caller must give it a label.
//
// The key is read by [otpauth.Parse], strict about everything that changes
// the codes. The label is read more leniently than Parse reads it, as
// exports are what the app had and refusing them loses accounts:
//
//   - the issuer and name come from [SplitLabel]: the issuer parameter wins
//     over a label prefix that differs from it, where Parse refuses the URI;
//   - a label that is badly percent-encoded is taken as written, an empty
//     issuer parameter is no issuer, a repeated one counts once;
//   - an empty label is allowed ([Result.Add] names the account);
//   - an empty algorithm, digits, period or counter takes its default;
//   - the secret may have a length base32 cannot have (see [Base32]);
//   - a totp URI with digits=5 and the issuer Steam is a Steam key, as
//     some apps write Steam keys without encoder=steam.
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
	if !HasScheme(s, "otpauth") || !strings.HasPrefix(s[len("otpauth:"):], "//") {
		_, err := otpauth.Parse(s) // an error: not an otpauth:// URI
		return vault.Account{}, err
	}
	rest, _, _ := strings.Cut(s[len("otpauth://"):], "#")
	rest, query, _ := strings.Cut(rest, "?")
	host, rawLabel, _ := strings.Cut(rest, "/")

	// Take the label and issuer out, and parse the key alone.
	var issuer string
	var kept []string
	steamDigits, encoder := false, false
	for part := range strings.SplitSeq(query, "&") {
		key, value, _ := strings.Cut(part, "=")
		switch strings.ToLower(key) {
		case "issuer":
			if v, err := url.QueryUnescape(value); err == nil {
				value = v
			}
			if strings.TrimSpace(issuer) == "" {
				issuer = value
			}
			continue
		case "secret":
			if v, err := url.QueryUnescape(value); err == nil {
				if _, err := otpauth.ParseSecret(v); err != nil {
					if b, err := Base32(v); err == nil {
						part = "secret=" + base32.StdEncoding.EncodeToString(b)
					}
				}
			}
		case "algorithm", "period", "counter":
			if value == "" {
				continue // left empty by some generators: the default
			}
		case "digits":
			if value == "" {
				continue
			}
			steamDigits = value == "5"
		case "encoder":
			encoder = true
		}
		kept = append(kept, part)
	}
	label, err := url.PathUnescape(rawLabel)
	if err != nil {
		label = rawLabel
	}
	a := vault.Account{}
	a.Issuer, a.Name = SplitLabel(label, issuer)
	if steamDigits && !encoder && strings.EqualFold(host, "totp") && strings.EqualFold(a.Issuer, "Steam") {
		kept = append(kept, "encoder=steam")
	}
	k, err := otpauth.Parse("otpauth://" + host + "/-?" + strings.Join(kept, "&"))
	if err != nil {
		return vault.Account{}, err
	}
	a.Key = k.Key
	return a, nil
}
