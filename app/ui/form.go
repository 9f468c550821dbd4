package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// accountForm is the add and edit form's text, as typed. It is plain data
// so that its checks run natively in tests.
type accountForm struct {
	Issuer, Name, Secret string
	Type, Algorithm      string // "totp", "hotp", "steam"; "SHA1", …
	Digits, Period       string
	Counter              string
	Group, Note          string
}

// newForm returns an empty form with the usual defaults.
func newForm() accountForm {
	return accountForm{Type: "totp", Algorithm: "SHA1", Digits: "6", Period: "30", Counter: "0"}
}

// formFor fills a form from an account; the secret is left empty, which
// keeps the stored one.
func formFor(a vault.Account) accountForm {
	f := newForm()
	f.Issuer, f.Name, f.Group, f.Note = a.Issuer, a.Name, a.Group, a.Note
	f.Type, f.Algorithm = a.Type.String(), a.Algorithm.String()
	f.Digits, f.Period = strconv.Itoa(a.Digits), strconv.Itoa(a.Period)
	f.Counter = strconv.FormatUint(a.Counter, 10)
	return f
}

// formFromURI fills a form from an otpauth URI, with its secret.
func formFromURI(uri string) (accountForm, error) {
	a, err := otpauth.Parse(strings.TrimSpace(uri))
	if err != nil {
		return accountForm{}, err
	}
	f := formFor(vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	f.Secret = strings.TrimRight(b32.EncodeToString(a.Secret), "=")
	return f, nil
}

// fieldErrors maps a form field to what is wrong with it.
type fieldErrors map[string]string

// account checks the form and returns the account it describes. keep is the
// secret to use when the secret field is empty (editing); nil requires one.
func (f accountForm) account(keep []byte) (vault.Account, fieldErrors) {
	errs := fieldErrors{}
	var a vault.Account
	a.Issuer = strings.TrimSpace(f.Issuer)
	a.Name = strings.TrimSpace(f.Name)
	a.Group = strings.TrimSpace(f.Group)
	a.Note = strings.TrimSpace(f.Note)
	if a.Issuer == "" && a.Name == "" {
		errs["name"] = "Give the account a name or an issuer, so you can find it."
	}
	if strings.TrimSpace(f.Secret) == "" && keep != nil {
		a.Secret = keep
	} else if s, err := otpauth.ParseSecret(f.Secret); err != nil {
		errs["secret"] = secretProblem(err)
	} else {
		a.Secret = s
	}
	t, err := otp.ParseType(f.Type)
	if err != nil {
		errs["type"] = "Choose TOTP, HOTP or Steam."
	}
	a.Type = t
	if t == otp.Steam {
		a.Algorithm, a.Digits, a.Period = otp.SHA1, otp.SteamDigits, 30
		return a, errs
	}
	if a.Algorithm, err = otp.ParseAlgorithm(f.Algorithm); err != nil {
		errs["algorithm"] = "Choose SHA1, SHA256 or SHA512."
	}
	if d, err := strconv.Atoi(strings.TrimSpace(f.Digits)); err != nil || d < otp.MinDigits || d > otp.MaxDigits {
		errs["digits"] = "Digits must be 6, 7 or 8."
	} else {
		a.Digits = d
	}
	switch t {
	case otp.TOTP:
		if p, err := strconv.Atoi(strings.TrimSpace(f.Period)); err != nil || p < otp.MinPeriod || p > otp.MaxPeriod {
			errs["period"] = "The period is a number of seconds from 1 to 300 (usually 30)."
		} else {
			a.Period = p
		}
	case otp.HOTP:
		if c, err := strconv.ParseUint(strings.TrimSpace(f.Counter), 10, 64); err != nil {
			errs["counter"] = "The counter is a whole number, 0 or more."
		} else {
			a.Counter = c
		}
	}
	return a, errs
}

// secretProblem words an error of [otpauth.ParseSecret] for the form. It
// names a position, never the secret.
func secretProblem(err error) string {
	pos := 0
	var pe *otpauth.ParseError
	if errors.As(err, &pe) {
		pos = pe.Pos
	}
	const invalid = "The secret key is not valid base32"
	switch {
	case errors.Is(err, otpauth.ErrEmptySecret):
		return "Enter the secret key the site showed you."
	case errors.Is(err, otpauth.ErrSecretCharacter):
		return fmt.Sprintf("%s: character %d is not base32 (A to Z, 2 to 7).", invalid, pos)
	case errors.Is(err, otpauth.ErrSecretPadding):
		return fmt.Sprintf("%s: character %d follows '=' padding.", invalid, pos)
	case errors.Is(err, otpauth.ErrSecretLength):
		return invalid + ": base32 length is wrong (a character is missing or extra)."
	}
	return invalid + "."
}
