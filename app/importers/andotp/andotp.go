// Package andotp imports andOTP backups: the plain JSON array, and the
// encrypted backup (.json.aes) of andOTP 0.6.3 and later.
//
// An encrypted backup is binary: the PBKDF2 iteration count (4 bytes,
// big-endian), a 12-byte salt, a 12-byte nonce, then the AES-256-GCM
// ciphertext of the JSON with its 16-byte tag. The key is
// PBKDF2-HMAC-SHA1 of the password, 32 bytes. The file has no magic number,
// so it is recognised by its shape: not text, and an iteration count
// between 1 and 10,000,000. The older format, keyed with a plain SHA-256 of
// the password, is not read.
package andotp

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
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
	if len(data) < header+tagSize || importer.IsText(data) {
		return false
	}
	n := binary.BigEndian.Uint32(data)
	return n >= 1 && n <= uint32(defaultLimits.maxIterations)
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

func (i imp) decrypt(data, password []byte) ([]byte, error) {
	iter := int(binary.BigEndian.Uint32(data))
	if iter > i.limits.maxIterations {
		return nil, fmt.Errorf("%w: %d PBKDF2 iterations are beyond Twofold's limit", importer.ErrUnsupported, iter)
	}
	salt := data[4 : 4+saltSize]
	nonce := data[4+saltSize : header]
	key, err := pbkdf2.Key(sha1.New, string(password), salt, iter, 32)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err) // unreachable
	}
	plain, ok, err := importer.OpenGCM(key, nonce, data[header:])
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	case !ok:
		// One ciphertext, no check value: a wrong password and a
		// damaged file look the same.
		return nil, importer.ErrWrongPassword
	}
	return plain, nil
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
