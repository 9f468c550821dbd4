package main

import (
	"encoding/base32"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"twofold.app/app/i18n"
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

// commandFlags returns the flag set of command name, which writes its
// errors and its usage, the text usage, to stderr.
func commandFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

// wordedError is an error that the command words as the app does, in the
// English of the app's message catalogue, where both say the same thing;
// errors.Is and errors.As still see the error it words.
type wordedError struct {
	text string
	err  error
}

func (e *wordedError) Error() string { return e.text }

func (e *wordedError) Unwrap() error { return e.err }

// word returns err worded as the message m with args.
func word(err error, m i18n.Message, args ...any) error {
	return &wordedError{i18n.English.F(m, args...), err}
}

// wordDetail returns err worded as the message m, with err's own text,
// which says more to a developer, in brackets after it.
func wordDetail(err error, m i18n.Message) error {
	return &wordedError{i18n.English.T(m) + " (" + err.Error() + ")", err}
}

// ProblemsError is the error of a command that went on past problems with
// what it was given (twofold scan: an image without a QR code, a code that
// holds no account, an export with codes missing; twofold transfer
// receive: a code that is not of the transfer that was opened). Each
// problem has been written to standard error, one a line; Problems holds
// the same lines.
type ProblemsError struct {
	Command  string
	Problems []string
}

func (e *ProblemsError) Error() string {
	if len(e.Problems) == 1 {
		return e.Command + ": 1 problem (see above)"
	}
	return e.Command + ": " + strconv.Itoa(len(e.Problems)) + " problems (see above)"
}
