// Package backup writes and reads Twofold's encrypted backup file, and the
// plain text export that other authenticator apps import.
//
// # The encrypted backup
//
// A backup is a text file that survives e-mail and copy-paste:
//
//	-----BEGIN TWOFOLD BACKUP-----
//	Version: 1
//	Created: 2026-11-25T10:04:48Z
//	KDF: argon2id t=3 m=65536 p=1
//	Salt: 1b5DG3HBgkDVWGxX88GxeQ==
//	Check: 8Qm0CmcCyDjOqbyq5nZbGw==
//	Nonce: J0ltoGJTqkokR2hkqfz4KXeD5L3eCTSO
//	Length: 1234
//
//	sy5bsTgu6bFR9aDvQFdTsL6wtPKoOv1KGioaw8B7zJR40UMUNGfPqa4HC03viKrm
//	…
//	-----END TWOFOLD BACKUP-----
//
// [Seal] encrypts a vault's [vault.Contents] (accounts with their HOTP
// counters, and settings) under a passphrase with Argon2id and
// XChaCha20-Poly1305, and reads the file back with the key it derived
// before returning it, so that a backup that cannot be restored is never
// offered; [Open] decrypts it; [Inspect] reads the public header without
// the passphrase. Seal and Open each cost one key derivation, Inspect none.
// The header lines are authenticated as the AEAD's additional data.
// SPEC.md, next to this file, is the normative description, with a Python
// program that decrypts a backup without Twofold.
//
// # Errors
//
// Open tells apart, with sentinel errors for [errors.Is]: a wrong passphrase
// ([ErrWrongPassphrase]); a damaged file, such as a flipped byte, a
// truncated file, bad base64 or a bad header ([ErrDamaged]); a file that is
// not a backup at all ([ErrNotBackup]); and a backup of a version this
// package cannot read ([ErrUnsupportedVersion]). A changed salt, KDF
// parameter or passphrase check cannot be told apart from a wrong
// passphrase, since each makes the derived key different; a truncated file
// is always reported as damaged, before any key derivation.
//
// # The text export
//
// [Text] writes accounts as otpauth:// URIs, one a line, the way other apps
// import them; [ParseText] reads such a file back. The text export is not
// encrypted: anyone who reads it can make the codes.
package backup
