package ui

import (
	"errors"
	"strconv"
	"strings"

	"twofold.app/app/i18n"
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

// uriProblem words an error of [formFromURI] for the form, in l. It never
// quotes the link, which holds the secret.
func uriProblem(l i18n.Lang, err error) string {
	switch {
	case errors.Is(err, otpauth.ErrScheme):
		return l.T(i18n.AddURIScheme)
	case errors.Is(err, otpauth.ErrMigration):
		return l.T(i18n.AddURIMigration)
	case errors.Is(err, otpauth.ErrEmptySecret):
		return l.T(i18n.AddURINoSecret)
	case errors.Is(err, otpauth.ErrSecret):
		return l.F(i18n.AddURISecret, secretProblem(l, err))
	case errors.Is(err, otpauth.ErrType):
		return l.T(i18n.AddURIType)
	case errors.Is(err, otpauth.ErrLabel):
		return l.T(i18n.AddURIName)
	case errors.Is(err, otpauth.ErrIssuerMismatch):
		return l.T(i18n.AddURIIssuerMismatch)
	case errors.Is(err, otpauth.ErrIssuer):
		return l.T(i18n.AddURIIssuer)
	case errors.Is(err, otpauth.ErrDigits):
		return l.T(i18n.AddURIDigits)
	case errors.Is(err, otpauth.ErrPeriod):
		return l.T(i18n.AddURIPeriod)
	case errors.Is(err, otpauth.ErrCounter):
		return l.T(i18n.AddURICounter)
	case errors.Is(err, otpauth.ErrAlgorithm):
		return l.T(i18n.AddURIAlgorithm)
	}
	return l.F(i18n.AddURIOther, strings.TrimSuffix(err.Error(), "."))
}

// fieldErrors maps a form field to what is wrong with it, worded in the
// language it is drawn in.
type fieldErrors map[string]shown

// account checks the form and returns the account it describes, with what
// is wrong with its fields. keep is the secret to use when the secret field
// is empty (editing); nil requires one.
func (f accountForm) account(keep []byte) (vault.Account, fieldErrors) {
	errs := fieldErrors{}
	var a vault.Account
	a.Issuer = strings.TrimSpace(f.Issuer)
	a.Name = strings.TrimSpace(f.Name)
	a.Group = strings.TrimSpace(f.Group)
	a.Note = strings.TrimSpace(f.Note)
	if a.Issuer == "" && a.Name == "" {
		errs["name"] = showMsg(i18n.AddNeedName)
	}
	if strings.TrimSpace(f.Secret) == "" && keep != nil {
		a.Secret = keep
	} else if s, err := otpauth.ParseSecret(f.Secret); err != nil {
		errs["secret"] = showWith(secretProblem, err)
	} else {
		a.Secret = s
	}
	t, err := otp.ParseType(f.Type)
	if err != nil {
		errs["type"] = showMsg(i18n.AddBadType)
	}
	a.Type = t
	if t == otp.Steam {
		a.Algorithm, a.Digits, a.Period = otp.SHA1, otp.SteamDigits, 30
		return a, errs
	}
	if a.Algorithm, err = otp.ParseAlgorithm(f.Algorithm); err != nil {
		errs["algorithm"] = showMsg(i18n.AddBadAlgorithm)
	}
	if d, err := strconv.Atoi(strings.TrimSpace(f.Digits)); err != nil || d < otp.MinDigits || d > otp.MaxDigits {
		errs["digits"] = showMsg(i18n.AddBadDigits)
	} else {
		a.Digits = d
	}
	switch t {
	case otp.TOTP:
		if p, err := strconv.Atoi(strings.TrimSpace(f.Period)); err != nil || p < otp.MinPeriod || p > otp.MaxPeriod {
			errs["period"] = showF(i18n.AddBadPeriod, otp.MinPeriod, otp.MaxPeriod)
		} else {
			a.Period = p
		}
	case otp.HOTP:
		if c, err := strconv.ParseUint(strings.TrimSpace(f.Counter), 10, 64); err != nil {
			errs["counter"] = showMsg(i18n.AddBadCounter)
		} else {
			a.Counter = c
		}
	}
	return a, errs
}

// secretProblem words an error of [otpauth.ParseSecret] for the form, in
// l. It names a position, never the secret.
func secretProblem(l i18n.Lang, err error) string {
	pos := 0
	var pe *otpauth.ParseError
	if errors.As(err, &pe) {
		pos = pe.Pos
	}
	switch {
	case errors.Is(err, otpauth.ErrEmptySecret):
		return l.T(i18n.AddSecretEmpty)
	case errors.Is(err, otpauth.ErrSecretCharacter):
		return l.F(i18n.AddSecretCharacter, pos)
	case errors.Is(err, otpauth.ErrSecretPadding):
		return l.F(i18n.AddSecretPadding, pos)
	case errors.Is(err, otpauth.ErrSecretLength):
		return l.T(i18n.AddSecretLength)
	}
	return l.T(i18n.AddSecretInvalid)
}
