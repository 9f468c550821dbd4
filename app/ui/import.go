package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/importers"
	"twofold.app/app/importers/plaintext"
	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// errNotImportable is the error for a file of no known kind.
var errNotImportable = errors.New("this file is neither a Twofold backup nor an export Twofold can read")

// errNotBackup is the error for restoring from a file that is another
// app's export.
var errNotBackup = errors.New("this file is not a Twofold backup")

// importFile is a file recognised for import: a Twofold backup or another
// app's export.
type importFile struct {
	// Backup is true for a Twofold backup, whose settings are kept on a
	// restore.
	Backup bool
	// Made is when a backup was made.
	Made time.Time
	// Export names the app of another app's export; it is empty for a
	// backup and for a list of otpauth:// links.
	Export string
	// Encrypted reports whether open needs a password.
	Encrypted bool
	open      func(password []byte) (found, error)
}

// What names what the file is, in l, as the end of a sentence: "a Twofold
// backup made on …", "an export of Aegis".
func (f importFile) What(l i18n.Lang) string {
	switch {
	case f.Backup:
		return l.F(i18n.ImportWhatBackup, l.DateTime(f.Made.Local()))
	case f.Export != "":
		return l.F(i18n.ImportWhatExport, f.Export)
	}
	return l.T(i18n.ImportWhatLinks)
}

// found is what a file holds.
type found struct {
	Accounts []vault.Account
	Skipped  []importers.Skip
	Notes    []error
	Settings vault.Settings // a backup's settings
	Created  time.Time      // when a backup was made
}

// recognise tells what data is. It costs no key derivation.
func recognise(data []byte, kdf vault.KDF) (importFile, error) {
	h, err := backup.Inspect(data)
	switch {
	case err == nil:
		return importFile{
			Backup:    true,
			Made:      h.Created,
			Encrypted: true,
			open: func(pass []byte) (found, error) {
				b, err := backup.Open(data, pass, kdf)
				if err != nil {
					return found{}, err
				}
				return found{Accounts: b.Contents.Accounts, Settings: b.Contents.Settings, Created: b.Created}, nil
			},
		}, nil
	case !errors.Is(err, backup.ErrNotBackup):
		return importFile{}, err // a damaged or newer backup says so
	}
	imp, err := importers.Detect(data)
	if err != nil {
		return importFile{}, fmt.Errorf("%w: %w", errNotImportable, err)
	}
	app := imp.Name()
	if app == plaintext.Name {
		app = ""
	}
	return importFile{
		Export:    app,
		Encrypted: imp.Encrypted(data),
		open: func(pass []byte) (found, error) {
			r, err := imp.Import(data, pass)
			if err != nil {
				return found{}, err
			}
			return found{Accounts: r.Accounts, Skipped: r.Skipped, Notes: r.Notes}, nil
		},
	}, nil
}

// describeImport words the errors of reading a file for import.
func describeImport(l i18n.Lang, err error) string {
	var u *importers.UnknownError
	switch {
	case errors.Is(err, errNotBackup):
		return l.F(i18n.ImportNotBackupHint, l.T(i18n.ImportNotBackup))
	case errors.Is(err, errNotImportable) && errors.As(err, &u):
		return l.F(i18n.ImportNeitherLooks, u.Looks)
	case errors.Is(err, errNotImportable):
		return l.T(i18n.ImportNeither)
	case errors.Is(err, backup.ErrWrongPassphrase):
		return l.T(i18n.ImportBackupWrongPassphrase)
	case errors.Is(err, importers.ErrWrongPassword):
		return l.T(i18n.ImportWrongPassphrase)
	case errors.Is(err, backup.ErrDamaged):
		return l.T(i18n.ImportBackupDamaged)
	case errors.Is(err, backup.ErrUnsupportedVersion):
		return l.T(i18n.ImportBackupNewer)
	case errors.Is(err, importers.ErrCorrupt):
		return l.T(i18n.ImportDamaged)
	case errors.Is(err, importers.ErrKeyCost):
		return l.T(i18n.ImportKeyCost)
	case errors.Is(err, importers.ErrUnsupported):
		return l.F(i18n.ImportUnsupported, err.Error())
	}
	return describe(l, err)
}

// describeNote words a note of an import for the user.
func describeNote(l i18n.Lang, err error) string {
	if errors.Is(err, importers.ErrDatabaseWAL) {
		return l.F(i18n.ImportNote, l.T(i18n.ImportNoteWAL))
	}
	return l.F(i18n.ImportNote, l.F(i18n.ImportNoteOther, err.Error()))
}

// describeSkip words an entry of an export that was not imported, and why.
func describeSkip(l i18n.Lang, s importers.Skip) string {
	if s.Index < 0 {
		return l.F(i18n.ImportSkipPart, s.Label, skipReason(l, s.Err))
	}
	return l.F(i18n.ImportSkipEntry, s.Index+1, s.Label, skipReason(l, s.Err))
}

// skipReason words why an entry was skipped: the importer's own words,
// which in Japanese follow what kind of problem it is.
func skipReason(l i18n.Lang, err error) string {
	why := i18n.ImportWhyOther
	switch {
	case errors.Is(err, importers.ErrUnsupported), errors.Is(err, migration.ErrUnsupported):
		why = i18n.ImportWhyUnsupported
	case errors.Is(err, importers.ErrCorrupt), errors.Is(err, migration.ErrMalformed):
		why = i18n.ImportWhyDamaged
	case errors.Is(err, otpauth.ErrSecret):
		why = i18n.ImportWhySecret
	case errors.Is(err, otpauth.ErrLabel), errors.Is(err, otpauth.ErrIssuer), errors.Is(err, otpauth.ErrIssuerMismatch):
		why = i18n.ImportWhyLabel
	case errors.Is(err, otpauth.ErrType), errors.Is(err, otpauth.ErrAlgorithm), errors.Is(err, otpauth.ErrDigits),
		errors.Is(err, otpauth.ErrPeriod), errors.Is(err, otpauth.ErrCounter):
		why = i18n.ImportWhyParams
	}
	return l.F(why, err.Error())
}

// appList writes the names of the apps whose exports Twofold reads as a
// list in l: "2FAS, Aegis, … and Stratum".
func appList(l i18n.Lang) string {
	names := importers.Apps()
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	last := len(names) - 1
	return l.F(i18n.ImportAppsLast, strings.Join(names[:last], l.T(i18n.ImportAppsComma)), names[last])
}
