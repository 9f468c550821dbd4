package importers

import (
	"twofold.app/app/importers/aegis"
	"twofold.app/app/importers/andotp"
	"twofold.app/app/importers/bitwarden"
	"twofold.app/app/importers/ente"
	"twofold.app/app/importers/freeotpplus"
	"twofold.app/app/importers/googleauth"
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/plaintext"
	"twofold.app/app/importers/proton"
	"twofold.app/app/importers/steam"
	"twofold.app/app/importers/stratum"
	"twofold.app/app/importers/twofas"
)

// registry lists every importer. Keep it sorted alphabetically by package.
var registry = []Importer{
	aegis.Importer,
	andotp.Importer,
	bitwarden.Importer,
	ente.Importer,
	freeotpplus.Importer,
	googleauth.Importer,
	plaintext.Importer,
	proton.Importer,
	steam.Importer,
	stratum.Importer,
	twofas.Importer,
}

// The names shared with the app packages, defined in package importer.
type (
	// Importer reads the exports of one app.
	Importer = importer.Importer
	// Result is what an import found: the app, the accounts and the
	// skipped entries.
	Result = importer.Result
	// Skip is an entry of an export that was not imported, and why.
	Skip = importer.Skip
)

// Errors of an import as a whole; see package importer for each.
var (
	ErrUnknownFormat  = importer.ErrUnknownFormat
	ErrPasswordNeeded = importer.ErrPasswordNeeded
	ErrWrongPassword  = importer.ErrWrongPassword
	ErrCorrupt        = importer.ErrCorrupt
	ErrUnsupported    = importer.ErrUnsupported
)

// All returns every importer, in alphabetical order of their packages.
func All() []Importer {
	return append([]Importer(nil), registry...)
}

// Detect returns the importer that recognises data. Importers are written
// so that at most one claims a file; should several, the first in the
// registry wins. When none does, the error, from [Identify], wraps
// [ErrUnknownFormat] and says what the file looks like when it can tell.
func Detect(data []byte) (Importer, error) {
	for _, imp := range registry {
		if imp.Detect(data) {
			return imp, nil
		}
	}
	return nil, Identify(data)
}

// Import detects the format of data and imports it with password, which is
// used only if the export is encrypted.
func Import(data, password []byte) (Result, error) {
	imp, err := Detect(data)
	if err != nil {
		return Result{}, err
	}
	return imp.Import(data, password)
}
