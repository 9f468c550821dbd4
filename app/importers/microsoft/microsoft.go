// Package microsoft imports Microsoft Authenticator's internal database,
// databases/PhoneFactor in the app's data folder (readable on a rooted
// phone): an SQLite file, read with package sqlite.
//
// Its table accounts has a row per account: name (the service, which
// becomes the issuer), username (the name), oath_secret_key, and
// account_type: 0 for an ordinary TOTP account (base32 secret, 6 digits),
// 1 for a personal Microsoft account (base64 secret, 8 digits), 2 for a
// work or school account, which signs in by approving notifications and
// is skipped as unsupported. The database stores no algorithm or period:
// every account is TOTP, SHA1, 30 s, as the app assumes. The issuer and
// name are kept apart and read as every importer reads such fields
// (app/importers/README.md, "How labels are read"): a copy of the issuer
// in front of the name is removed, other colons are kept. Newer versions
// of the app may keep the secret only in encrypted_oath_secret_key,
// encrypted with a key of the phone's keystore that never leaves it:
// such an account is skipped with that reason.
//
// The columns and their meaning are those Aegis's MicrosoftAuthImporter
// reads (beemdevelopment/Aegis), checked against a database the app
// wrote (Aegis's test resources).
package microsoft

import (
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Microsoft Authenticator"

// Importer reads Microsoft Authenticator's database.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts an SQLite database whose accounts table has the columns
// oath_secret_key and account_type.
func (imp) Detect(data []byte) bool {
	if !sqlite.IsSQLite(data) {
		return false
	}
	db, err := sqlite.Open(data)
	if err != nil {
		return false
	}
	cols, err := db.Columns("accounts")
	if err != nil {
		return false
	}
	n := 0
	for _, c := range cols {
		if strings.EqualFold(c, "oath_secret_key") || strings.EqualFold(c, "account_type") {
			n++
		}
	}
	return n == 2
}

func (imp) Encrypted(data []byte) bool { return false }

// ErrKeystore is the error of the Skip of an account whose secret the app
// encrypted with a key of the phone's keystore.
var ErrKeystore = fmt.Errorf("%w: the secret is encrypted with a key that stays in the phone's keystore", importer.ErrUnsupported)

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	rows, err := sqlite.Table(&res, data, "accounts")
	if err != nil {
		return res, err
	}
	for n, r := range rows {
		var a vault.Account
		a.Issuer, a.Name = importer.SplitName(r.Text("name"), r.Text("username"))
		label := importer.Label(a.Issuer, a.Name)
		raw := strings.TrimSpace(r.Text("oath_secret_key"))
		if raw == "" && r.Text("encrypted_oath_secret_key") != "" {
			res.Skip(n, label, ErrKeystore)
			continue
		}
		var secret []byte
		digits := 6
		switch typ, _ := r.Int("account_type"); typ {
		case 0:
			secret, err = importer.Base32(raw)
		case 1:
			secret, err = importer.Base64(raw)
			digits = 8
		case 2:
			err = fmt.Errorf("%w: a work or school account, which signs in with notifications", importer.ErrUnsupported)
		default:
			err = fmt.Errorf("%w: account type %s", importer.ErrUnsupported, r.Text("account_type"))
		}
		if err != nil {
			res.Skip(n, label, err)
			continue
		}
		if a.Key, err = (importer.Fields{Issuer: a.Issuer, Secret: secret, Digits: digits}).Key(); err != nil {
			res.Skip(n, label, err) // unreachable: the type is TOTP
			continue
		}
		res.Add(n, a)
	}
	return res, nil
}
