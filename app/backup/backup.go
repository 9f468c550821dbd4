package backup

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"twofold.app/app/vault"
)

// ErrWrongPassphrase is returned by [Open] when the passphrase does not
// match the file's passphrase check. A file whose salt, KDF parameters or
// check was altered fails the same way: the two cannot be told apart.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// ErrDamaged is wrapped by the errors for a backup file that was altered or
// cut: a truncated file, bad base64, a bad or incomplete header, KDF
// parameters out of bounds (also wrapping [vault.ErrParams]), text around
// the armor, or, once the passphrase is known to be right, a body that fails
// authentication or does not decode.
var ErrDamaged = errors.New("the backup file is damaged")

// ErrNotBackup is returned for a file that is not a Twofold backup at all,
// such as an image, another app's export or a Twofold text export: its
// first line that is not blank is not the BEGIN line, and no line is.
var ErrNotBackup = errors.New("not a Twofold backup")

// ErrUnsupportedVersion is wrapped by the error for a backup of a version
// this package cannot read, normally one made by a newer Twofold.
var ErrUnsupportedVersion = errors.New("unsupported backup version")

// Backup is an opened backup.
type Backup struct {
	// Created is when the backup was made, to the second, in UTC.
	Created time.Time
	// Contents are the accounts, with their HOTP counters, and the
	// settings, as they were in the vault.
	Contents *vault.Contents
}

// Header is what can be learned from a backup without its passphrase. None
// of it is authenticated until [Open] succeeds.
type Header struct {
	Version int
	Created time.Time // to the second, in UTC
	KDF     string    // "argon2id"
	Params  vault.Params
}

// ReadBackError is the error of [Seal] for a file that it made and that did
// not read back to the contents it was given. Only a bug can cause it; no
// file is returned. Err says what failed.
type ReadBackError struct{ Err error }

func (e *ReadBackError) Error() string { return "the new backup did not read back: " + e.Err.Error() }

func (e *ReadBackError) Unwrap() error { return e.Err }

// Seal encrypts c under passphrase and returns the backup file. The key is
// derived with kdf and the Argon2id parameters p from a random salt; the
// salt and the nonce are read from rand. now is the creation time written
// in the header, truncated to the second. The backup has the version of
// the payload that [vault.MarshalContents] gives: 1 if c uses nothing of
// the vault's version 2 (favourites, last uses, a sort order or density
// other than the default), so that an older Twofold restores it; 2
// otherwise.
//
// Before returning the file, Seal reads it back as [Open] would, with the
// key it has just derived instead of a second derivation: the file must
// parse, carry the key's passphrase check, decrypt with the header as
// additional data (so the salt and KDF parameters it names are those the
// key came from), and decode by the vault's rules to exactly c. A file
// that does not is never returned; the error is a [*ReadBackError]. So a
// file Seal returns opens with passphrase, for a KDF that gives the same
// key for the same passphrase, salt and parameters, as Argon2id does. Seal
// costs one key derivation.
//
// It fails without writing anything if p is out of bounds (wrapping
// [vault.ErrParams]), if an account could not be read back (see
// [vault.MarshalContents]), or if now is outside the years 1 to 9999.
//
// The passphrase is used as given, not normalized.
func Seal(c *vault.Contents, passphrase []byte, p vault.Params, kdf vault.KDF, rand io.Reader, now time.Time) ([]byte, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	created := now.UTC().Truncate(time.Second)
	if y := created.Year(); y < 1 || y > 9999 {
		return nil, errors.New("creation time outside the years 1 to 9999")
	}
	plaintext, version, err := vault.MarshalContents(c)
	if err != nil {
		return nil, err
	}
	defer clear(plaintext)
	file, key, check, err := seal(plaintext, version, passphrase, p, kdf, rand, created)
	if err != nil {
		return nil, err
	}
	defer clear(key)
	if err := readBack(file, key, check, plaintext); err != nil {
		return nil, &ReadBackError{err}
	}
	return file, nil
}

// seal encrypts a payload, which Seal has checked, into a backup file of
// the payload's version, under a key derived from passphrase with a fresh
// salt. It returns the file with the encryption key, which the caller
// clears, and the passphrase check.
func seal(plaintext []byte, version int, passphrase []byte, p vault.Params, kdf vault.KDF, rand io.Reader, created time.Time) (file, key, check []byte, err error) {
	h := &header{
		version: version,
		created: created,
		params:  p,
		salt:    make([]byte, saltSize),
		nonce:   make([]byte, nonceSize),
		length:  len(plaintext) + tagSize,
	}
	if _, err := io.ReadFull(rand, h.salt); err != nil {
		return nil, nil, nil, fmt.Errorf("reading randomness for the salt: %w", err)
	}
	if _, err := io.ReadFull(rand, h.nonce); err != nil {
		return nil, nil, nil, fmt.Errorf("reading randomness for the nonce: %w", err)
	}
	// The KDF gets a copy of the salt, so that whatever it does with its
	// arguments, the file names the salt the key was derived from.
	key, h.check, err = deriveKeys(kdf, passphrase, bytes.Clone(h.salt), p)
	if err != nil {
		return nil, nil, nil, err
	}
	aead, _ := chacha20poly1305.NewX(key) // keySize bytes
	body := aead.Seal(nil, h.nonce, plaintext, h.marshal())
	return marshalFile(h, body), key, h.check, nil
}

// readBack checks that file, which seal has just made with the encryption
// key and the passphrase check, reads back to plaintext. It is [Open]
// without the key derivation: it parses file, compares check with the
// file's, opens the body with key, and requires the payload to decode, by
// the vault's rules for its version, to contents that encode to plaintext
// again. A second derivation is not needed to know that the file names the
// salt and KDF parameters key was derived from: the header is the AEAD's
// additional data, so a body that opens with key proves the header is the
// one seal wrote.
func readBack(file, key, check, plaintext []byte) error {
	h, body, err := parse(file)
	if err != nil {
		return err
	}
	b, err := decrypt(h, body, key, check)
	if err != nil {
		return err
	}
	got, _, err := vault.MarshalContents(b.Contents)
	if err != nil {
		return err // unreachable: decrypt decoded it
	}
	defer clear(got)
	if !bytes.Equal(got, plaintext) {
		return errors.New("the backup does not hold the accounts and settings it was made of")
	}
	return nil
}

// Open decrypts a backup file with its passphrase. All the checks that need
// no key come first, so that a damaged or hostile file never reaches kdf
// with parameters out of bounds. It costs one key derivation, or none for a
// file that fails those checks.
//
// Errors: one wrapping [ErrNotBackup], [ErrUnsupportedVersion] or
// [ErrDamaged] for the file; [ErrWrongPassphrase] when the passphrase check
// fails; one wrapping ErrDamaged when the passphrase is right but the body
// fails authentication or does not decode; or the error of kdf, wrapped.
func Open(data, passphrase []byte, kdf vault.KDF) (*Backup, error) {
	h, body, err := parse(data)
	if err != nil {
		return nil, err
	}
	key, check, err := deriveKeys(kdf, passphrase, h.salt, h.params)
	if err != nil {
		return nil, err
	}
	defer clear(key)
	return decrypt(h, body, key, check)
}

// decrypt is the part of Open after the key derivation: it compares check
// with the file's passphrase check, opens the body with key and decodes
// the payload.
func decrypt(h *header, body, key, check []byte) (*Backup, error) {
	if !hmac.Equal(check, h.check) {
		return nil, ErrWrongPassphrase
	}
	aead, _ := chacha20poly1305.NewX(key)
	plaintext, err := aead.Open(nil, h.nonce, body, h.marshal())
	if err != nil {
		// The passphrase was right: the header or the body was altered.
		return nil, damaged("authentication failed although the passphrase is right")
	}
	defer clear(plaintext)
	c, err := vault.UnmarshalContents(plaintext, h.version)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return &Backup{Created: h.created, Contents: c}, nil
}

// Inspect reads the header of a backup file without the passphrase, for
// display before asking for it. It checks the whole file as [Open] does
// before key derivation, so a truncated file already fails here, with the
// same errors. It costs no key derivation.
func Inspect(data []byte) (Header, error) {
	h, _, err := parse(data)
	if err != nil {
		return Header{}, err
	}
	return Header{Version: h.version, Created: h.created, KDF: kdfArgon2id, Params: h.params}, nil
}

// deriveKeys derives the passphrase key with kdf, and from it the
// encryption key and the passphrase check:
//
//	encryption key = HMAC-SHA256(passphrase key, "twofold-backup encryption key")
//	check          = HMAC-SHA256(passphrase key, "twofold-backup passphrase check")[:16]
func deriveKeys(kdf vault.KDF, passphrase, salt []byte, p vault.Params) (key, check []byte, err error) {
	k, err := kdf(passphrase, salt, p)
	if err != nil {
		return nil, nil, fmt.Errorf("deriving the passphrase key: %w", err)
	}
	defer clear(k)
	if len(k) != keySize {
		return nil, nil, fmt.Errorf("deriving the passphrase key: got %d bytes, want %d", len(k), keySize)
	}
	return hmacSHA256(k, encryptionKeyLabel), hmacSHA256(k, checkLabel)[:checkSize], nil
}

func hmacSHA256(key []byte, label string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	return m.Sum(nil)
}
