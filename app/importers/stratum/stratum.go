// Package stratum imports what Stratum (formerly Authenticator Pro) writes:
//
//   - the backup (a .stratum file, .authpro before), unencrypted: JSON
//     {"Authenticators": [...], "Categories": [...],
//     "AuthenticatorCategories": [...], "CustomIcons": [...]};
//   - the same backup encrypted (encrypted.go): "AUTHENTICATORPRO", a
//     16-byte salt, a 12-byte nonce, then the JSON sealed with AES-256-GCM
//     under a key from Argon2id (3 passes, 64 MiB, 4 lanes); or, from
//     older versions, "AuthenticatorPro", a 20-byte salt, a 16-byte IV,
//     then the JSON in AES-256-CBC with PKCS#7 padding under a key from
//     PBKDF2-HMAC-SHA1 (64,000 iterations);
//   - the HTML backup (html.go): a table whose <code> cells hold each
//     authenticator's otpauth URI;
//   - the app's internal SQLite database, authenticator.db3 (db.go), with
//     the tables authenticator, category and authenticatorcategory, when
//     it is not encrypted (a database with a password is SQLCipher, which
//     is not read). Stratum keeps it in WAL mode: the import says, in a
//     note, that changes still in the -wal file next to it were not read.
//
// The URI-list backup is a text file of otpauth URIs: package plaintext
// reads it.
//
// Types: 1 HOTP, 2 TOTP, 4 Steam; mOTP (3) and Yandex (5) are skipped as
// unsupported. Algorithms: 0 SHA1, 1 SHA256, 2 SHA512. An authenticator's
// first category becomes its group (the HTML backup has no categories).
// Every form is read the same way (app/importers/README.md, "How labels
// are read"): the backup and the database keep the issuer and the username
// apart, and lose only a copy of the issuer in front of the username; the
// HTML backup's URIs are read as every otpauth URI is, but that a label
// that is the issuer alone (what Stratum writes for an authenticator
// without a username) gives no name, and a totp URI with the parameter
// steam or the issuer Steam is a Steam key, whatever its digits.
//
// The formats come from Stratum's source (stratumauth/app:
// Stratum.Core/src/Backup/Backup.cs, HtmlBackup.cs,
// Encryption/StrongBackupEncryption.cs and LegacyBackupEncryption.cs,
// Entity/Authenticator.cs, Stratum.Droid/src/Database.cs), checked
// against Aegis's StratumImporter and files made by the app (Aegis's test
// resources).
package stratum

import (
	"encoding/json"
	"fmt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Stratum"

// Importer reads Stratum backups and databases.
var Importer importer.Importer = imp{costs: stratumCosts}

type imp struct{ costs costs }

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	switch {
	case isEncrypted(data):
		return true
	case sqlite.IsSQLite(data):
		return isDB(data)
	case isHTML(data):
		return true
	}
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, ok = m["Authenticators"]
	return ok
}

func (imp) Encrypted(data []byte) bool { return isEncrypted(data) }

type backup struct {
	Authenticators []json.RawMessage `json:"Authenticators"`
	Categories     []struct {
		ID   string `json:"Id"`
		Name string `json:"Name"`
	} `json:"Categories"`
	AuthenticatorCategories []struct {
		CategoryID string `json:"CategoryId"`
		Secret     string `json:"AuthenticatorSecret"`
	} `json:"AuthenticatorCategories"`
}

type authenticator struct {
	Type      int    `json:"Type"`
	Issuer    string `json:"Issuer"`
	Username  string `json:"Username"`
	Secret    string `json:"Secret"`
	Algorithm int    `json:"Algorithm"`
	Digits    int    `json:"Digits"`
	Period    int    `json:"Period"`
	Counter   uint64 `json:"Counter"`
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	switch {
	case isEncrypted(data):
		plain, err := i.decrypt(data, password)
		if err != nil {
			return importer.Result{App: Name}, err
		}
		return importJSON(plain)
	case sqlite.IsSQLite(data):
		return importDB(data)
	case isHTML(data):
		return importHTML(data)
	}
	return importJSON(data)
}

// importJSON reads the backup's JSON.
func importJSON(data []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var b backup
	if err := importer.Decode(data, &b); err != nil {
		return res, err
	}
	names := make(map[string]string)
	for _, c := range b.Categories {
		names[c.ID] = c.Name
	}
	group := make(map[string]string) // by secret, as Stratum links them
	for _, ac := range b.AuthenticatorCategories {
		if _, ok := group[ac.Secret]; !ok {
			group[ac.Secret] = names[ac.CategoryID]
		}
	}
	importer.Each(&res, b.Authenticators, func(au *authenticator) (vault.Account, string, error) {
		a, err := au.account()
		a.Issuer, a.Name = importer.SplitName(au.Issuer, au.Username)
		a.Group = group[au.Secret]
		return a, importer.Label(a.Issuer, a.Name), err
	})
	return res, nil
}

func (au authenticator) account() (vault.Account, error) {
	var a vault.Account
	switch au.Type {
	case 1, 2, 4:
	case 3:
		return a, fmt.Errorf("%w: mOTP", importer.ErrUnsupported)
	case 5:
		return a, fmt.Errorf("%w: Yandex", importer.ErrUnsupported)
	default:
		return a, fmt.Errorf("%w: type %d", importer.ErrUnsupported, au.Type)
	}
	secret, err := importer.Base32(au.Secret)
	if err != nil {
		return a, err
	}
	alg, ok := map[int]otp.Algorithm{0: otp.SHA1, 1: otp.SHA256, 2: otp.SHA512}[au.Algorithm]
	if !ok {
		return a, fmt.Errorf("%w: algorithm %d", importer.ErrUnsupported, au.Algorithm)
	}
	f := importer.Fields{Issuer: au.Issuer, Secret: secret, Algorithm: alg, Digits: au.Digits, Period: au.Period, Counter: au.Counter}
	f.Type = map[int]string{1: "hotp", 2: "totp", 4: "steam"}[au.Type]
	a.Key, err = f.Key()
	return a, err
}
