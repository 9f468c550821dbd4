// Package andotp imports andOTP backups: the plain JSON array, and the
// encrypted backups (.json.aes) in both of andOTP's layouts.
//
// The encrypted backup of andOTP 0.6.3 and later is binary: the PBKDF2
// iteration count (4 bytes, big-endian; andOTP picks 140,000 to 160,000), a
// 12-byte salt, a 12-byte nonce, then the AES-256-GCM ciphertext of the JSON
// with its 16-byte tag. The key is PBKDF2-HMAC-SHA1 of the password, 32
// bytes. The older layout is the 12-byte nonce and the ciphertext with its
// tag, keyed with the SHA-256 of the password. The layouts follow Aegis's
// AndOtpImporter (beemdevelopment/Aegis, app/src/main/java/.../importers/
// AndOtpImporter.java, v3.4.2), whose test files we read.
//
// Neither layout has a magic number or a version, and both look like random
// bytes, so the two cannot be told apart before decrypting: the first four
// bytes of an old backup are a random nonce, which falls in the range of a
// plausible iteration count about 0.2% of the time. So Detect accepts any
// binary data that looks encrypted (see looksEncrypted: not text, no known
// file signature, no text magic, few zero bytes), and Import tries the old
// layout first, which costs one hash, then the new one when its iteration
// count is between 1 and 10,000,000; a password that opens neither is
// [importer.ErrWrongPassword].
// A file of another app that is merely random-looking binary data is
// therefore offered to andOTP, and fails with a wrong password; when it is
// whole 512-byte pages of random bytes, the error adds that it may be a
// database protected by a password (SQLCipher), which it then likely is.
//
// Labels: backups without an issuer field (before andOTP 0.7) join issuer
// and name as "Issuer - Name". Some versions wrote "Issuer - Issuer:Name"
// (the name still held the otpauth label's issuer): that repeated issuer is
// removed, so "Deno - Deno:Mason" is issuer Deno, name Mason.
package andotp

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "andOTP"

// Importer reads andOTP backups.
var Importer importer.Importer = imp{limits: defaultLimits}

// limits bounds the PBKDF2 work a file can ask for; andOTP picks between
// 140,000 and 160,000 iterations.
type limits struct{ maxIterations int }

var defaultLimits = limits{maxIterations: 10_000_000}

type imp struct{ limits limits }

func (imp) Name() string { return Name }

const (
	saltSize  = 12
	nonceSize = 12
	tagSize   = 16
	header    = 4 + saltSize + nonceSize
	// minSize is the size of the smallest backup, an old one of an empty
	// list: nonce, "[]" and tag.
	minSize = nonceSize + 2 + tagSize
)

func (imp) Detect(data []byte) bool { return isPlain(data) || isEncrypted(data) }

func (imp) Encrypted(data []byte) bool { return isEncrypted(data) }

// isPlain reports whether data is a JSON array whose first element is an
// object with andOTP's keys.
func isPlain(data []byte) bool {
	data = bytes.TrimSpace(importer.TrimBOM(data))
	if len(data) == 0 || data[0] != '[' {
		return false
	}
	var entries []map[string]json.RawMessage
	if json.Unmarshal(data, &entries) != nil || len(entries) == 0 {
		return false
	}
	e := entries[0]
	for _, k := range []string{"secret", "label", "type"} {
		if _, ok := e[k]; !ok {
			return false
		}
	}
	return true
}

func isEncrypted(data []byte) bool {
	return len(data) >= minSize && looksEncrypted(data)
}

// signatures start binary files that are never andOTP backups.
var signatures = []string{
	"PK\x03\x04", "PK\x05\x06", "SQLite format 3\x00", "\xac\xed\x00\x05", // zip, SQLite, Java serialisation
	"\x89PNG", "\xff\xd8\xff", "GIF8", "%PDF", "\x1f\x8b", "7z\xbc\xaf", "Rar!", "BZh", "\xfd7zXZ",
}

// looksEncrypted reports whether data looks like a ciphertext: not text,
// no known signature, its first 16 bytes not all printable ASCII (the magic
// of another format, such as Stratum's "AUTHENTICATORPRO"), and among its
// first 64 bytes at most 4 zero bytes and at most 48 printable ones.
// Random bytes have one zero in 256, and 37% printable; structured binary
// formats have many zeros, and text is printable. A new backup's
// iteration count starts with one or two zeros.
func looksEncrypted(data []byte) bool {
	if importer.IsText(data) {
		return false
	}
	for _, sig := range signatures {
		if bytes.HasPrefix(data, []byte(sig)) {
			return false
		}
	}
	head := data[:min(64, len(data))]
	printable := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c >= 0x20 && c <= 0x7e {
				n++
			}
		}
		return n
	}
	magic := head[:min(16, len(head))]
	return printable(magic) < len(magic) && printable(head) <= len(head)*3/4 && bytes.Count(head, []byte{0}) <= 4
}

func (i imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	if isEncrypted(data) {
		if len(password) == 0 {
			return res, importer.ErrPasswordNeeded
		}
		plain, err := i.decrypt(data, password)
		if err != nil {
			return res, err
		}
		data = plain
	}
	var entries []json.RawMessage
	if err := importer.Decode(data, &entries); err != nil {
		return res, err
	}
	importer.Each(&res, entries, func(e *entry) (vault.Account, string, error) {
		issuer, name := e.labels()
		a, err := e.account()
		a.Issuer, a.Name = issuer, name
		return a, importer.Label(issuer, name), err
	})
	return res, nil
}

// decrypt opens data in the old layout, which costs one hash, else in the
// new layout when its iteration count is plausible. A file neither opens
// is a wrong password: with one ciphertext and no check value, a wrong
// password and a damaged file look the same.
func (i imp) decrypt(data, password []byte) ([]byte, error) {
	// The old layout: a plain hash of the password as the key. It is weak,
	// and it is what andOTP wrote. Trying it first spares an old backup
	// whose random nonce reads as a plausible iteration count (one in 430)
	// a derivation of up to ten million iterations.
	old := sha256.Sum256(password)
	if plain, ok, _ := importer.OpenGCM(old[:], data[:nonceSize], data[nonceSize:]); ok {
		return plain, nil
	}
	iter := int(binary.BigEndian.Uint32(data))
	if iter >= 1 && iter <= defaultLimits.maxIterations && len(data) >= header+tagSize {
		if iter > i.limits.maxIterations {
			// Only below the default limits: the fuzz target's.
			return nil, fmt.Errorf("%w: %d PBKDF2 iterations", importer.ErrKeyCost, iter)
		}
		key, err := importer.DeriveKey(password, importer.KeySpec{
			KDF: importer.PBKDF2SHA1, Salt: data[4 : 4+saltSize], Iterations: iter, KeyLen: 32,
		})
		if err != nil {
			return nil, err // unreachable with DeriveHere: valid length and iterations
		}
		if plain, ok, _ := importer.OpenGCM(key, data[4+saltSize:header], data[header:]); ok {
			return plain, nil
		}
	}
	if sqlite.LooksEncrypted(data) {
		// Whole pages of random bytes: as likely an app's database
		// protected by a password as an andOTP backup.
		return nil, fmt.Errorf("%w, or the file is not an andOTP backup: it has the shape of an app's database protected by a password (SQLCipher), which only that app can open", importer.ErrWrongPassword)
	}
	return nil, importer.ErrWrongPassword
}

type entry struct {
	Secret    string   `json:"secret"`
	Issuer    *string  `json:"issuer"`
	Label     string   `json:"label"`
	Digits    int      `json:"digits"`
	Type      string   `json:"type"`
	Algorithm string   `json:"algorithm"`
	Period    int      `json:"period"`
	Counter   uint64   `json:"counter"`
	Tags      []string `json:"tags"`
}

// labels returns the issuer and name. Backups of andOTP before 0.7 have no
// issuer field: the label is the otpauth label of the code scanned, with
// the issuer parameter, when there was one, in front: "Issuer - Label"
// (so "Deno - Deno:Mason").
func (e entry) labels() (string, string) {
	if e.Issuer != nil {
		return importer.SplitName(*e.Issuer, e.Label)
	}
	if issuer, label, ok := strings.Cut(e.Label, " - "); ok {
		return importer.SplitLabel(label, issuer)
	}
	return importer.SplitLabel(e.Label, "")
}

func (e entry) account() (vault.Account, error) {
	var a vault.Account
	if len(e.Tags) > 0 {
		a.Group = e.Tags[0] // a vault account has one group: the first tag
	}
	secret, err := importer.Base32(e.Secret)
	if err != nil {
		return a, err
	}
	alg, algErr := importer.Algorithm(e.Algorithm)
	issuer, _ := e.labels()
	a.Key, err = importer.Fields{Type: e.Type, Issuer: issuer, Secret: secret, Algorithm: alg,
		Digits: e.Digits, Period: e.Period, Counter: e.Counter}.Key()
	if err == nil && a.Key.Type != otp.Steam {
		err = algErr
	}
	return a, err
}
