package ui

import (
	"errors"
	"fmt"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/importers"
	"twofold.app/app/importers/plaintext"
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
	// App names what the file is, for the user.
	App string
	// Encrypted reports whether open needs a password.
	Encrypted bool
	// Backup is true for a Twofold backup, whose settings are kept on a
	// restore.
	Backup bool
	open   func(password []byte) (found, error)
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
			App:       "a Twofold backup made on " + h.Created.Local().Format("2 January 2006 at 15:04"),
			Encrypted: true,
			Backup:    true,
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
	app := "an export of " + imp.Name()
	if imp.Name() == plaintext.Name {
		app = "a list of otpauth:// links"
	}
	return importFile{
		App:       app,
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
	switch {
	case errors.Is(err, errNotBackup):
		return "This file is not a Twofold backup. To bring in another app's export, create a vault first, then use Import in Settings."
	case errors.Is(err, errNotImportable):
		var u *importers.UnknownError
		if errors.As(err, &u) {
			return "This file is neither a Twofold backup nor an export of an app Twofold reads. It looks like " + u.Looks + "."
		}
		return "This file is neither a Twofold backup nor an export of an app Twofold reads."
	case errors.Is(err, backup.ErrWrongPassphrase), errors.Is(err, importers.ErrWrongPassword):
		return "Wrong passphrase for this file. Try again."
	case errors.Is(err, backup.ErrDamaged):
		return "This backup is damaged (changed or cut short) and cannot be read. Try another copy."
	case errors.Is(err, backup.ErrUnsupportedVersion):
		return "This backup was made by a newer version of Twofold. Update the app to read it."
	case errors.Is(err, importers.ErrCorrupt):
		return "This export is damaged and cannot be read."
	case errors.Is(err, importers.ErrKeyCost):
		return "This file asks for more memory or work to open than Twofold allows, so it cannot be opened here. " +
			"Export it again from its app, if the app lets you choose a lighter protection."
	case errors.Is(err, importers.ErrUnsupported):
		return "Twofold cannot read this kind of export: " + err.Error() + "."
	}
	return describe(l, err)
}

// describeNote words a note of an import for the user.
func describeNote(l i18n.Lang, err error) string {
	if errors.Is(err, importers.ErrDatabaseWAL) {
		return "the app was perhaps still writing to this database. If an account is missing, close the app, copy its database again, and import it again."
	}
	return err.Error()
}
