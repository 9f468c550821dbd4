package bitwarden

import (
	"crypto/aes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
)

// limits bounds the key derivation a password-protected export may ask
// for, within importer's own bounds. Bitwarden allows PBKDF2 with up to 2
// million iterations, and Argon2id with up to 10 passes, 1024 MiB and 16
// lanes; the fuzz target's importer refuses anything but tiny costs.
type limits struct {
	maxIterations int // PBKDF2
	maxPasses     int // Argon2id
	maxMemoryMiB  int // Argon2id
}

var defaultLimits = limits{
	maxIterations: importer.MaxPBKDF2Iterations,
	maxPasses:     importer.MaxArgon2Passes,
	maxMemoryMiB:  importer.MaxArgon2MemoryKiB >> 10,
}

// protected is the envelope of a password-protected export.
type protected struct {
	Salt           string `json:"salt"`
	KdfType        *int   `json:"kdfType"`
	KdfIterations  int    `json:"kdfIterations"`
	KdfMemory      int    `json:"kdfMemory"`      // MiB
	KdfParallelism int    `json:"kdfParallelism"` // lanes
	Validation     string `json:"encKeyValidation_DO_NOT_EDIT"`
	Data           string `json:"data"`
}

// errMAC is the error of an EncString whose MAC does not match: the key is
// wrong, or the EncString was changed.
var errMAC = errors.New("the MAC does not match")

// decrypt returns the unencrypted JSON export inside a password-protected
// one.
func (i imp) decrypt(p protected, password []byte) ([]byte, error) {
	spec, err := i.keySpec(p)
	if err != nil {
		return nil, err
	}
	master, err := importer.DeriveKey(password, spec)
	if err != nil {
		return nil, err
	}
	encKey, err1 := hkdf.Expand(sha256.New, master, "enc", 32)
	macKey, err2 := hkdf.Expand(sha256.New, master, "mac", 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%w: stretching the key", importer.ErrCorrupt) // unreachable
	}
	// The validation EncString tells a wrong password from a damaged file:
	// it is short and nobody edits it.
	if _, err := openEncString(p.Validation, encKey, macKey); err != nil {
		if errors.Is(err, errMAC) {
			return nil, importer.ErrWrongPassword
		}
		return nil, fmt.Errorf("%w: encKeyValidation_DO_NOT_EDIT: %w", importer.ErrCorrupt, err)
	}
	plain, err := openEncString(p.Data, encKey, macKey)
	if err != nil {
		return nil, fmt.Errorf("%w: data: %w", importer.ErrCorrupt, err)
	}
	return plain, nil
}

// keySpec returns the derivation of the 32-byte master key. The salt is
// the text of the salt field, as UTF-8, not the bytes its base64 encodes;
// Argon2id takes the SHA-256 of that text.
func (i imp) keySpec(p protected) (importer.KeySpec, error) {
	if p.Salt == "" || p.KdfType == nil {
		return importer.KeySpec{}, fmt.Errorf("%w: no salt or kdfType", importer.ErrCorrupt)
	}
	switch *p.KdfType {
	case 0:
		if p.KdfIterations > i.limits.maxIterations {
			return importer.KeySpec{}, fmt.Errorf("%w: PBKDF2 with %d iterations, where Twofold allows at most %d",
				importer.ErrKeyCost, p.KdfIterations, i.limits.maxIterations)
		}
		return importer.KeySpec{KDF: importer.PBKDF2SHA256, Salt: []byte(p.Salt), Iterations: p.KdfIterations, KeyLen: 32}, nil
	case 1:
		if p.KdfIterations > i.limits.maxPasses || p.KdfMemory > i.limits.maxMemoryMiB {
			return importer.KeySpec{}, fmt.Errorf("%w: Argon2id with %d MiB of memory and %d passes, where Twofold allows at most %d MiB and %d passes",
				importer.ErrKeyCost, p.KdfMemory, p.KdfIterations, i.limits.maxMemoryMiB, i.limits.maxPasses)
		}
		if p.KdfMemory < 1 || p.KdfMemory > importer.MaxArgon2MemoryKiB>>10 {
			// Checked here, before the MiB are turned into KiB, which
			// could overflow.
			return importer.KeySpec{}, fmt.Errorf("%w: Argon2id with %d MiB", importer.ErrCorrupt, p.KdfMemory)
		}
		salt := sha256.Sum256([]byte(p.Salt))
		return importer.KeySpec{
			KDF: importer.Argon2id, Salt: salt[:], Iterations: p.KdfIterations,
			MemoryKiB: p.KdfMemory << 10, Threads: p.KdfParallelism, KeyLen: 32,
		}, nil
	}
	return importer.KeySpec{}, fmt.Errorf("%w: kdfType %d", importer.ErrUnsupported, *p.KdfType)
}

// openEncString decrypts an EncString of type 2, "2.iv|ciphertext|mac" in
// base64: AES-256-CBC with PKCS#7 padding, and HMAC-SHA256 over iv and
// ciphertext. Its error wraps errMAC when the MAC does not match; other
// errors say what is malformed.
func openEncString(s string, encKey, macKey []byte) ([]byte, error) {
	typ, rest, ok := strings.Cut(strings.TrimSpace(s), ".")
	if !ok {
		return nil, errors.New("not an EncString")
	}
	if typ != "2" {
		return nil, fmt.Errorf("EncString type %.8q is not AES-CBC with HMAC (2)", typ)
	}
	parts := strings.Split(rest, "|")
	if len(parts) != 3 {
		return nil, fmt.Errorf("EncString has %d parts, want 3", len(parts))
	}
	var b [3][]byte
	for n, part := range parts {
		var err error
		if b[n], err = base64.StdEncoding.DecodeString(part); err != nil {
			return nil, fmt.Errorf("EncString part %d is not base64", n+1)
		}
	}
	iv, ct, tag := b[0], b[1], b[2]
	if len(iv) != aes.BlockSize || len(tag) != sha256.Size || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("EncString sizes: iv %d, ciphertext %d, MAC %d bytes", len(iv), len(ct), len(tag))
	}
	m := hmac.New(sha256.New, macKey)
	m.Write(iv)
	m.Write(ct)
	if !hmac.Equal(m.Sum(nil), tag) {
		return nil, errMAC
	}
	plain, ok, err := importer.OpenCBC(encKey, iv, ct)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("EncString padding is wrong")
	}
	return plain, nil
}
