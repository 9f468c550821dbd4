package importers

import (
	"slices"
	"strings"

	"twofold.app/app/importers/aegis"
	"twofold.app/app/importers/andotp"
	"twofold.app/app/importers/authenticatorplus"
	"twofold.app/app/importers/authy"
	"twofold.app/app/importers/battlenet"
	"twofold.app/app/importers/bitwarden"
	"twofold.app/app/importers/duo"
	"twofold.app/app/importers/ente"
	"twofold.app/app/importers/freeotp"
	"twofold.app/app/importers/freeotpplus"
	"twofold.app/app/importers/googleauth"
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/importers/lastpass"
	"twofold.app/app/importers/microsoft"
	"twofold.app/app/importers/plaintext"
	"twofold.app/app/importers/proton"
	"twofold.app/app/importers/steam"
	"twofold.app/app/importers/stratum"
	"twofold.app/app/importers/totpauthenticator"
	"twofold.app/app/importers/twofas"
	"twofold.app/app/importers/winauth"
)

// registry lists every importer. Keep it sorted alphabetically by package.
var registry = []Importer{
	aegis.Importer,
	andotp.Importer,
	authenticatorplus.Importer,
	authy.Importer,
	battlenet.Importer,
	bitwarden.Importer,
	duo.Importer,
	ente.Importer,
	freeotp.Importer,
	freeotpplus.Importer,
	googleauth.Importer,
	lastpass.Importer,
	microsoft.Importer,
	plaintext.Importer,
	proton.Importer,
	steam.Importer,
	stratum.Importer,
	totpauthenticator.Importer,
	twofas.Importer,
	winauth.Importer,
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
	ErrKeyCost        = importer.ErrKeyCost
	// ErrDatabaseWAL is the note of an app's database in WAL mode, whose
	// latest changes may be in a file beside it.
	ErrDatabaseWAL = sqlite.ErrWAL
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

// Apps returns the names of the apps whose exports Twofold reads, sorted
// without regard to case, for telling users what they can bring. The list
// of otpauth URIs, which is no app's, is left out.
func Apps() []string {
	var names []string
	for _, imp := range registry {
		if imp.Name() != plaintext.Name {
			names = append(names, imp.Name())
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	return slices.Compact(names)
}

// AppList writes the names of [Apps] as an English list: "2FAS, Aegis,
// …, and Twofold".
func AppList() string {
	names := Apps()
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
