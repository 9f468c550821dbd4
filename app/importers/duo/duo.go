// Package duo imports the accounts of Duo Mobile, which has no export: what
// people have is its internal accounts file, files/duokit/accounts.json,
// copied from a rooted Android phone.
//
// The file is a JSON array of accounts, each with "name" (the label the
// app shows), "accountType", "pkey" (the account's id) and, for accounts
// that make passcodes, "otpGenerator": {"otpSecret": base32, "counter": n}.
// An account with a counter is HOTP and the counter is imported as stored;
// one without is TOTP. Duo stores no algorithm, digits or period: its
// passcodes are SHA1 and 6 digits, and its TOTP period is 30 s. The name is
// imported as the account name, with no issuer, as the file has none; it
// is the part of the otpauth label after the colon, kept in a field of its
// own, so a colon in it is not split (app/importers/README.md, "How labels
// are read"). An
// account without otpGenerator (push only) is skipped. Not read: the logo
// and the other fields of Duo's own accounts.
//
// The description follows Aegis's DuoImporter.java (beemdevelopment/Aegis,
// app/src/main/java/com/beemdevelopment/aegis/importers) and the file of its
// test suite.
package duo

import (
	"bytes"
	"encoding/json"
	"fmt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Duo Mobile"

// Importer reads Duo Mobile's accounts file.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts a JSON array of objects one of which has otpGenerator, or
// both pkey and accountType.
func (imp) Detect(data []byte) bool {
	data = bytes.TrimSpace(importer.TrimBOM(data))
	if len(data) == 0 || data[0] != '[' {
		return false
	}
	var entries []json.RawMessage
	if json.Unmarshal(data, &entries) != nil {
		return false
	}
	for _, raw := range entries {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		_, gen := m["otpGenerator"]
		_, pkey := m["pkey"]
		_, typ := m["accountType"]
		if gen || pkey && typ {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return false }

type entry struct {
	Name         string `json:"name"`
	OTPGenerator *struct {
		Secret  string  `json:"otpSecret"`
		Counter *uint64 `json:"counter"`
	} `json:"otpGenerator"`
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var entries []json.RawMessage
	if err := importer.Decode(data, &entries); err != nil {
		return res, err
	}
	importer.Each(&res, entries, func(e *entry) (vault.Account, string, error) {
		var a vault.Account
		a.Issuer, a.Name = importer.SplitName("", e.Name)
		label := importer.Label(a.Issuer, a.Name)
		g := e.OTPGenerator
		if g == nil {
			return a, label, fmt.Errorf("%w: a push-only account, with no passcode secret", importer.ErrUnsupported)
		}
		secret, err := importer.Base32(g.Secret)
		if err != nil {
			return a, label, err
		}
		f := importer.Fields{Type: "totp", Secret: secret}
		if g.Counter != nil {
			f.Type, f.Counter = "hotp", *g.Counter
		}
		a.Key, err = f.Key()
		return a, label, err
	})
	return res, nil
}
