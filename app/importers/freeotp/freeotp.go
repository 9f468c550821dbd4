// Package freeotp imports FreeOTP's internal preferences file (FreeOTP 1)
// and its encrypted backup (FreeOTP 2).
//
// # FreeOTP 1: tokens.xml
//
// FreeOTP 1 keeps its tokens in an Android preferences file,
// shared_prefs/tokens.xml, read from a rooted phone: one string per token,
// named "issuer:label", whose value is the token's JSON (package
// freeotptoken describes it; the secret is an array of signed bytes), and a
// "tokenOrder" string listing the names in the order the app shows them,
// which is the order of the import. An HOTP token's counter is stored one
// less than the counter of the next code (FreeOTP adds one before making a
// code, and when it writes an otpauth URI): the importer adds one. FreeOTP+
// kept this file as it was; a file with a 7-digit token, which FreeOTP 1
// refuses, is FreeOTP+'s and read by package freeotpplus.
//
// # FreeOTP 2: the backup
//
// FreeOTP 2's backup, whatever its file name (often .xml), is the
// SharedPreferences map "tokenBackup" written with Java's
// ObjectOutputStream: a java.util.HashMap of strings, read with package
// javaser. Its entries are:
//
//   - "masterKey": {"mAlgorithm": "PBKDF2withHmacSHA512" (or SHA1 on old
//     phones), "mIterations": 100000, "mSalt": [32 signed bytes],
//     "mEncryptedKey": {...}}. The password's key is PBKDF2 with that HMAC,
//     as long as the salt. It decrypts mEncryptedKey, the master key.
//   - "<uuid>": {"key": "<JSON of an encrypted key>"}: the token's secret,
//     encrypted with the master key.
//   - "<uuid>-token": the token's JSON without its secret; the counter is
//     that of the next code, and algorithm, digits and period are left out
//     when the otpauth URI did not give them (SHA1, 6, 30 s then).
//
// An encrypted key is {"mCipher": "AES/GCM/NoPadding", "mCipherText":
// [bytes, ending with the tag], "mParameters": [DER of the cipher's
// parameters: GCMParameters, a SEQUENCE of the nonce and the tag length in
// bytes, or on old Android the nonce alone as an OCTET STRING],
// "mToken": "AES" or "HmacSHA1"...}: AES-GCM whose additional data is
// mToken, the Java algorithm name of the key it holds.
//
// # Labels and keys
//
// In both, the issuer is the one FreeOTP shows: the user's edit
// (issuerAlt), else the label's prefix (issuerExt), else the issuer
// parameter (issuerInt); the name is labelAlt, else the label after its
// prefix, a field of its own that loses only a copy of the issuer in front
// of it (app/importers/README.md, "How labels are read"). The label prefix
// "Steam" makes a Steam key, as FreeOTP shows its codes in Steam's
// alphabet; a missing algorithm, digits or period, and a 5-digit TOTP
// token whose issuer is Steam, are read as everywhere ([importer.Fields]).
//
// A wrong password fails to open the master key. Entries that are not
// strings, tokens without an encrypted key or without their "-token"
// entry, and keys that do not decrypt are skipped with their reason. Token
// images, colours and the lock flag are not read.
//
// The description follows FreeOTP's source (freeotp/freeotp-android:
// mobile/.../TokenPersistence.java, encryptor/MasterKey.java,
// encryptor/EncryptedKey.java, Token.java, Code.java; app/.../Token.java
// and TokenPersistence.java for 1.x), checked against the Aegis importer
// (beemdevelopment/Aegis, importers/FreeOtpImporter.java) and its test
// files.
package freeotp

import (
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/freeotptoken"
)

// Name is the app's name.
const Name = "FreeOTP"

// Importer reads FreeOTP's preferences files and backups.
var Importer importer.Importer = imp{limits: defaultLimits}

// limits bounds the PBKDF2 work a backup can ask for; FreeOTP asks for
// 100,000 iterations.
type limits struct{ maxIterations int }

var defaultLimits = limits{maxIterations: importer.MaxPBKDF2Iterations}

type imp struct{ limits limits }

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	if _, err := readBackup(data); err == nil {
		return true
	}
	entries, ok := freeotptoken.Prefs(data)
	return ok && !freeotptoken.PlusOnly(entries)
}

func (imp) Encrypted(data []byte) bool {
	_, err := readBackup(data)
	return err == nil
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	if entries, ok := freeotptoken.Prefs(data); ok {
		res := importer.Result{App: Name}
		freeotptoken.ReadPrefs(&res, entries)
		return res, nil
	}
	return i.importBackup(data, password)
}
