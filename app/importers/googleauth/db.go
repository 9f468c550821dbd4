package googleauth

import (
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/vault"
)

// Google Authenticator's internal database, databases/databases in the
// app's data folder (readable on a rooted phone), is an SQLite file with a
// table accounts: email (the account's label), secret (base32), counter,
// type (0 TOTP, 1 HOTP), issuer, original_name and others not read. It
// has no algorithm, digits or period: every account is SHA1, 6 digits,
// 30 s, as the app itself assumes. The columns are those Aegis's
// GoogleAuthImporter reads (beemdevelopment/Aegis), checked against a
// database the app wrote (Aegis's test resources).
//
// The name in email is what the migration export calls the name, and is
// read the same way (app/importers/README.md, "How labels are read"): it
// often repeats the issuer ("Issuer:name"), and that prefix is removed;
// any other colon is kept, as the app shows the name whole, so that an
// account comes in the same from the database and from an export.

// isDB reports whether data is an SQLite database with Google
// Authenticator's accounts table.
func isDB(data []byte) bool {
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
	has := func(name string) bool {
		for _, c := range cols {
			if strings.EqualFold(c, name) {
				return true
			}
		}
		return false
	}
	return has("email") && has("secret") && has("type") && !has("oath_secret_key")
}

func importDB(data []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	rows, err := sqlite.Table(&res, data, "accounts")
	if err != nil {
		return res, err
	}
	for n, r := range rows {
		issuer, name := importer.SplitName(r.Text("issuer"), r.Text("email"))
		a := vault.Account{Issuer: issuer, Name: name}
		secret, err := importer.Base32(r.Text("secret"))
		if err != nil {
			res.Skip(n, importer.Label(issuer, name), err)
			continue
		}
		f := importer.Fields{Type: "totp", Issuer: issuer, Secret: secret}
		switch typ, _ := r.Int("type"); typ {
		case 0:
		case 1:
			// A NULL counter is the column's default, 0.
			f.Type = "hotp"
			if v, _ := r.Value("counter"); v != nil {
				c, ok := r.Int("counter")
				if !ok || c < 0 {
					res.Skip(n, importer.Label(issuer, name), fmt.Errorf("%w: HOTP counter %q", importer.ErrCorrupt, r.Text("counter")))
					continue
				}
				f.Counter = uint64(c)
			}
		default:
			res.Skip(n, importer.Label(issuer, name), fmt.Errorf("%w: type %s", importer.ErrUnsupported, r.Text("type")))
			continue
		}
		if a.Key, err = f.Key(); err != nil {
			res.Skip(n, importer.Label(issuer, name), err) // unreachable: the type is known
			continue
		}
		res.Add(n, a)
	}
	return res, nil
}
