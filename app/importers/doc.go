// Package importers reads the exports of other authenticator apps, so that
// a user can bring their accounts into Twofold.
//
// [Detect] recognises an export from its content, never its file name, and
// returns the [Importer] of its app; [Importer.Encrypted] says whether a
// password is needed and [Importer.Import] returns the accounts, ready for
// review, with the entries it could not read and why. One bad entry never
// aborts an import. A file no importer claims gets an error from
// [Identify] that says what it looks like, when that can be told.
//
// Exports vary from one version of an app to the next and from one user to
// another; README.md, "How labels are read", says how issuers, names,
// secrets and missing fields are read, the same way for every app.
//
// Each app has a small package of its own under this directory; the
// registry, in registry.go, lists them in alphabetical order. README.md says
// how to add one.
//
// # Errors
//
// An import as a whole fails with an error wrapping [ErrUnknownFormat],
// [ErrPasswordNeeded], [ErrWrongPassword], [ErrCorrupt] or
// [ErrUnsupported]. Errors, and the reasons of skipped entries, name fields
// and entries, never secrets.
//
// # Security
//
// Encrypted exports are opened with the app's own scheme: scrypt and
// AES-GCM for Aegis, PBKDF2 and AES-GCM for 2FAS and andOTP. The key
// derivation parameters a file asks for are bounded, so a crafted file
// cannot make an import run for minutes. The decrypted export and the
// accounts stay in memory; nothing is written anywhere.
package importers
