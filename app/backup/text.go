package backup

import (
	"bytes"
	"fmt"
	"strings"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// Text returns the text export of accounts: the otpauth:// URI of each, in
// order, one a line, each line ending in a line feed. The URIs are those of
// [otpauth.Format]: the issuer both in the label and as the issuer
// parameter, label and parameters percent-encoded (a space is %20), the
// secret in upper-case base32 without padding, then the algorithm, digits,
// and period, or counter for HOTP. SPEC.md explains the choices.
//
// Only the issuer, name and key are written: the ID, group, note and times
// of an account are not. An account for which [Exportable] fails is written
// all the same, as closely as the URI allows, but [ParseText] will skip it
// or read it back differently.
//
// The result holds every secret in clear.
func Text(accounts []vault.Account) []byte {
	var b bytes.Buffer
	for _, a := range accounts {
		b.WriteString(otpauth.Format(uriAccount(a)))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Exportable reports whether the text export carries a exactly: it returns
// nil if [ParseText] reads the line [Text] writes for a back to the same
// issuer, name and key, and otherwise the *[otpauth.ParseError] that says
// why not, for example an issuer and a name that are both empty, a name with
// a control character or surrounding spaces, or digits out of range. The
// period of an HOTP key and the counter of a time-based key are not
// written, and do not count.
func Exportable(a vault.Account) error {
	return uriAccount(a).Validate()
}

// uriAccount returns the otpauth view of a, dropping what its type does not
// use.
func uriAccount(a vault.Account) otpauth.Account {
	u := otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}
	if u.Type == otp.HOTP {
		u.Period = 0
	} else {
		u.Counter = 0
	}
	return u
}

// Skip is a line of a text export that [ParseText] could not read.
type Skip struct {
	Line int   // counted from 1
	Err  error // from [otpauth.Parse], a *otpauth.ParseError; it never holds the secret
}

// Error returns the line number and the reason, for example
// "line 3: otpauth: invalid secret: parameter missing".
func (s Skip) Error() string { return fmt.Sprintf("line %d: %v", s.Line, s.Err) }

// Unwrap returns Err, so that errors.Is(skip, otpauth.ErrMigration) and
// the like work on a Skip.
func (s Skip) Unwrap() error { return s.Err }

// ParseText reads a text export: one otpauth:// URI a line, as [Text]
// writes and other apps export. It ignores blank lines, lines whose first
// character other than a space or tab is '#' (comments), a leading byte
// order mark, and spaces and tabs around a line; lines may end in LF, CR LF
// or CR. It parses each other line with [otpauth.Parse] and returns, in
// file order, the accounts it read and the lines it skipped, with the
// reason. For every account a with Exportable(a) == nil, ParseText(Text(a))
// returns a's issuer, name and key unchanged.
//
// The accounts have only their issuer, name and key set: the caller gives
// each an ID (see [vault.NewID]) and times when it adds them to a vault.
func ParseText(data []byte) ([]vault.Account, []Skip) {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var accounts []vault.Account
	var skips []Skip
	for i, line := range strings.Split(s, "\n") {
		line = strings.Trim(line, " \t")
		if line == "" || line[0] == '#' {
			continue
		}
		u, err := otpauth.Parse(line)
		if err != nil {
			skips = append(skips, Skip{Line: i + 1, Err: err})
			continue
		}
		accounts = append(accounts, vault.Account{Issuer: u.Issuer, Name: u.Name, Key: u.Key})
	}
	return accounts, skips
}
