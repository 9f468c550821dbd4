// Package authenticatorplus imports the export of the Android app
// Authenticator Plus (Settings → Backup & Restore → Export as Text and
// HTML): a zip archive, encrypted with the traditional PKWARE encryption
// (ZipCrypto) and the export's password, that holds a file Accounts.txt of
// otpauth:// URIs, one a line. The URIs are read as package plaintext reads
// them.
//
// The format is Aegis's description of it (beemdevelopment/Aegis,
// AuthenticatorPlusImporter.java and its help text, v3.4.2, which looks for
// an entry named Accounts.txt in any folder of the archive), and its test
// file. Only Accounts.txt is read, not the HTML page the export may also
// hold; a zip without it is not this app's export. The archive is read by
// package zipcrypto, which also reads an unencrypted or AES-encrypted
// Accounts.txt.
package authenticatorplus

import (
	"archive/zip"
	"fmt"
	"path"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/zipcrypto"
	"twofold.app/app/importers/plaintext"
)

// Name is the app's name.
const Name = "Authenticator Plus"

// Importer reads Authenticator Plus exports.
var Importer importer.Importer = imp{}

// FileName is the entry of the archive that holds the accounts.
const FileName = "Accounts.txt"

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts a zip archive with an entry Accounts.txt. Reading the
// archive's directory needs no password.
func (imp) Detect(data []byte) bool {
	_, err := accounts(data)
	return err == nil
}

func (imp) Encrypted(data []byte) bool {
	f, err := accounts(data)
	return err == nil && zipcrypto.Encrypted(f)
}

// accounts returns the archive's Accounts.txt. Its error says what the
// data is when it is not an archive that holds one.
func accounts(data []byte) (*zip.File, error) {
	if !zipcrypto.IsZip(data) {
		return nil, importer.ErrUnknownFormat
	}
	r, err := zipcrypto.Open(data)
	if err != nil {
		return nil, err
	}
	for _, f := range r.File {
		if path.Base(f.Name) == FileName {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%w: a zip archive without %s, so not an %s export", importer.ErrUnknownFormat, FileName, Name)
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	f, err := accounts(data)
	if err != nil {
		return res, err
	}
	text, err := zipcrypto.ReadFile(f, password)
	if err != nil {
		return res, fmt.Errorf("%s: %w", FileName, err)
	}
	if !importer.IsText(text) {
		return res, fmt.Errorf("%w: %s is not text", importer.ErrCorrupt, FileName)
	}
	lines, err := plaintext.Importer.Import(text, nil)
	if err != nil {
		return res, err // unreachable: plaintext reads any text
	}
	res.Accounts, res.Skipped = lines.Accounts, lines.Skipped
	return res, nil
}
