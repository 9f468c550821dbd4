// Package freeotpplus imports FreeOTP+'s JSON backup and its internal
// preferences file.
//
// The backup is {"tokenOrder": [...], "tokens": [...]}; the preferences
// file (shared_prefs/tokens.xml, read from a rooted phone) is an Android
// preferences file with one string per token, named "issuer:label", and a
// "tokenOrder" string. A token is the JSON of FreeOTP 1's Token class,
// which FreeOTP+ kept (package freeotptoken describes it): the secret as an
// array of signed bytes, and an HOTP counter one less than the counter of
// the next code (FreeOTP+ adds one before making a code, and when it writes
// an otpauth URI), which the importer corrects. A token whose issuer is
// "Steam" and has 5 digits is a Steam Guard key, as FreeOTP+ shows it.
//
// FreeOTP+ kept FreeOTP 1's preferences file as it was. The only thing that
// tells them apart is a token of 7 digits, which FreeOTP 1 refuses: a file
// with one is FreeOTP+'s, one without is read by package freeotp, with the
// same accounts. The description follows FreeOTP+'s source
// (helloworld1/FreeOTPPlus: token/Token.java, TokenPersistence) and the
// Aegis importer (FreeOtpPlusImporter.java).
package freeotpplus

import (
	"encoding/json"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/freeotptoken"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "FreeOTP+"

// Importer reads FreeOTP+ backups and preferences files.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	if isBackup(data) {
		return true
	}
	entries, ok := freeotptoken.Prefs(data)
	return ok && freeotptoken.PlusOnly(entries)
}

func isBackup(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, tokens := m["tokens"]
	_, order := m["tokenOrder"]
	return tokens && order
}

func (imp) Encrypted(data []byte) bool { return false }

type backup struct {
	Tokens []json.RawMessage `json:"tokens"`
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	if entries, ok := freeotptoken.Prefs(data); ok && !isBackup(data) {
		freeotptoken.ReadPrefs(&res, entries)
		return res, nil
	}
	var b backup
	if err := importer.Decode(data, &b); err != nil {
		return res, err
	}
	importer.Each(&res, b.Tokens, func(t *freeotptoken.Token) (vault.Account, string, error) {
		a, err := t.Account(nil, freeotptoken.CounterUsed)
		return a, importer.Label(a.Issuer, a.Name), err
	})
	return res, nil
}
