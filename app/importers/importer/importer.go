// Package importer holds what every importer of package importers shares:
// the [Importer] interface, the [Result] of an import with its [Skip]s, the
// sentinel errors callers branch on, and helpers that read secrets, labels,
// text lines and encrypted blobs the way most apps write them.
//
// It is a separate package so that each app's package can use it while
// package importers, the registry, imports them all; package importers
// re-exports these names, and callers should use those.
package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// Errors of an import as a whole. An error returned by an importer wraps
// one of them, or [ErrUnsupported]; problems with single entries go into
// [Result.Skipped] instead.
var (
	// ErrUnknownFormat means no importer recognises the data.
	ErrUnknownFormat = errors.New("not an export of a known app")
	// ErrPasswordNeeded means the export is encrypted and no password
	// was given.
	ErrPasswordNeeded = errors.New("the export is encrypted: a password is needed")
	// ErrWrongPassword means the password does not decrypt the export.
	ErrWrongPassword = errors.New("wrong password")
	// ErrCorrupt means the export is damaged: its structure cannot be
	// read, or it does not decrypt although the password was right.
	ErrCorrupt = errors.New("the export is damaged")
	// ErrUnsupported means the export, or one entry, uses something Twofold
	// cannot import: an OTP type such as mOTP or Yandex, an MD5 key, a
	// kind of encryption it does not read.
	ErrUnsupported = errors.New("not supported")
)

// ErrNotURI is the error of the Skip of a line of a text export that is not
// an otpauth URI at all.
var ErrNotURI = errors.New("not an otpauth URI")

// Importer reads the exports of one app.
type Importer interface {
	// Name is the app's name as users know it, such as "Aegis" or "2FAS".
	Name() string
	// Detect reports whether data looks like an export of this app. It
	// looks at the content only, is cheap (no key derivation), and is
	// specific enough that no two importers claim the same file.
	Detect(data []byte) bool
	// Encrypted reports whether data, which Detect accepted, needs a
	// password.
	Encrypted(data []byte) bool
	// Import reads the accounts of data. password is used only when the
	// export is encrypted; a nil or empty one then gives
	// [ErrPasswordNeeded]. The error wraps one of this package's
	// sentinels; entries that cannot be read go into Result.Skipped and
	// never fail the import.
	Import(data, password []byte) (Result, error)
}

// Result is what an import found.
type Result struct {
	// App is the name of the app whose export it was.
	App string
	// Accounts are the accounts read, in the order of the export, ready
	// for review: no ID and zero times (the vault sets them when they are
	// added). Each one's label and key satisfy [otpauth.Account.Validate].
	Accounts []vault.Account
	// Skipped lists the entries that could not be imported, and why.
	Skipped []Skip
	// Notes are what the user should know about the import as a whole
	// although nothing was skipped, such as a database whose latest
	// changes may be in a file beside it. They never hold a secret.
	Notes []error
}

// Skip is an entry of an export that was not imported.
type Skip struct {
	// Index is the entry's position among the export's entries, from 0,
	// or -1 when the problem is not one entry (a missing part of a
	// multi-code export, say).
	Index int
	// Label names the entry for the user, usually "Issuer:Name"; it may
	// say "line 3" for text formats. It never holds a secret.
	Label string
	// Err says why. It may wrap [ErrUnsupported], [ErrCorrupt] or the
	// error of a lower package (otpauth, migration).
	Err error
}

func (s Skip) String() string {
	if s.Index < 0 {
		return fmt.Sprintf("%s: %v", s.Label, s.Err)
	}
	return fmt.Sprintf("entry %d (%s): %v", s.Index+1, s.Label, s.Err)
}

// Add checks a and appends it to the accounts, or, if it is not valid,
// appends a Skip for it instead. The label is made showable first, as apps
// are lax about it: white space around the issuer, name and group is
// removed, tabs and line breaks in the issuer and name become spaces, and
// other control characters and invalid UTF-8 become U+FFFD (in the note,
// line breaks and tabs are kept). An account with neither issuer nor name
// is named "Unnamed account N", N its entry's position from 1, rather than
// dropped. The key must then pass [otpauth.Account.Validate]. a.ID and its
// times are cleared.
func (r *Result) Add(index int, a vault.Account) {
	a.ID, a.Created, a.Modified = "", time.Time{}, time.Time{}
	a.Issuer = cleanName(a.Issuer)
	a.Name = cleanName(a.Name)
	if a.Issuer == "" && a.Name == "" {
		a.Name = Unnamed(index)
	}
	a.Group = cleanText(strings.TrimSpace(a.Group), false)
	a.Note = cleanText(a.Note, true)
	if err := (otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}).Validate(); err != nil {
		r.Skip(index, Label(a.Issuer, a.Name), err)
		return
	}
	r.Accounts = append(r.Accounts, a)
}

// Unnamed is the name [Result.Add] gives the entry at index when it has
// neither issuer nor name.
func Unnamed(index int) string {
	if index < 0 {
		return "Unnamed account"
	}
	return fmt.Sprintf("Unnamed account %d", index+1)
}

// Skip records that the entry at index was not imported. An empty label
// becomes "?".
func (r *Result) Skip(index int, label string, err error) {
	if label == "" {
		label = "?"
	}
	r.Skipped = append(r.Skipped, Skip{Index: index, Label: label, Err: err})
}

// Label names an entry for a Skip: "Issuer:Name", or whichever is not
// empty, with invalid UTF-8 and control characters replaced so that it is
// safe to print. It is "?" when both are empty.
func Label(issuer, name string) string {
	issuer, name = strings.TrimSpace(issuer), strings.TrimSpace(name)
	s := issuer + ":" + name
	switch {
	case issuer == "" && name == "":
		return "?"
	case issuer == "":
		s = name
	case name == "":
		s = issuer
	}
	return cleanText(s, false)
}

// cleanText replaces invalid UTF-8 and control characters (but line breaks
// and tabs when multiline) with U+FFFD.
func cleanText(s string, multiline bool) string {
	return strings.Map(func(r rune) rune {
		if multiline && (r == '\n' || r == '\t') {
			return r
		}
		if unicode.IsControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// Each reads the JSON entries of an export one by one: each is decoded into
// a T and given to read, which returns the account and, for a Skip, the
// entry's label ([Label]). An entry that does not decode is skipped as "?";
// one that read refuses is skipped with its label and error; the others are
// added with [Result.Add]. No entry stops the others.
func Each[T any](r *Result, entries []json.RawMessage, read func(e *T) (a vault.Account, label string, err error)) {
	for n, raw := range entries {
		var e T
		if err := Decode(raw, &e); err != nil {
			r.Skip(n, "?", err)
			continue
		}
		a, label, err := read(&e)
		if err != nil {
			r.Skip(n, label, err)
			continue
		}
		r.Add(n, a)
	}
}
