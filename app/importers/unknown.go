package importers

import (
	"fmt"
	"strings"

	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/importers/internal/zipcrypto"
)

// unknown is the error of data that no importer recognises: it wraps
// [ErrUnknownFormat] and, when the data is recognisable as something, says
// what it looks like, so that the user knows what they have.
func unknown(data []byte) error {
	if what := describe(data); what != "" {
		return fmt.Errorf("%w: %s", ErrUnknownFormat, what)
	}
	return ErrUnknownFormat
}

// describe says what data looks like, or "".
func describe(data []byte) string {
	switch {
	case sqlite.IsSQLite(data):
		db, err := sqlite.Open(data)
		if err != nil {
			return fmt.Sprintf("an SQLite database that cannot be read (%v)", err)
		}
		tables := db.Tables()
		s := "an SQLite database of no app Twofold reads"
		if len(tables) > 0 {
			if len(tables) > 8 {
				tables = append(tables[:8:8], "…")
			}
			s += fmt.Sprintf(" (its tables: %s)", strings.Join(tables, ", "))
		}
		if db.WAL() {
			s += "; it is in WAL mode, so part of its data may be in the -wal file next to it"
		}
		return s
	case zipcrypto.IsZip(data):
		return "a zip archive without the files of an export Twofold reads (Authenticator Plus: Accounts.txt; WinAuth: .txt files only)"
	case sqlite.LooksEncrypted(data):
		return "the file looks encrypted, like an app's database protected by a password (SQLCipher), which cannot be read outside the app: export from the app instead"
	}
	return ""
}
