package stratum

import (
	"bytes"
	"crypto/aes"
	"fmt"

	"twofold.app/app/importers/importer"
)

// The headers of Stratum's encrypted backups.
const (
	strongHeader = "AUTHENTICATORPRO" // Argon2id + AES-GCM
	legacyHeader = "AuthenticatorPro" // PBKDF2-SHA1 + AES-CBC
)

// Sizes of the encrypted backups' parts.
const (
	strongSalt, strongNonce = 16, 12
	legacySalt, legacyIV    = 20, 16
)

// costs are the key derivations' costs, which Stratum fixes rather than
// writes in the file. Tests and fuzzing use lower ones.
type costs struct {
	argonPasses, argonMemoryKiB, argonThreads int
	pbkdf2Iterations                          int
}

// stratumCosts are Stratum's: Argon2id with 3 passes over 64 MiB in 4
// lanes; PBKDF2 with 64,000 iterations.
var stratumCosts = costs{argonPasses: 3, argonMemoryKiB: 64 << 10, argonThreads: 4, pbkdf2Iterations: 64000}

// isEncrypted reports whether data starts with the header of an encrypted
// backup and is long enough to be one.
func isEncrypted(data []byte) bool {
	switch {
	case bytes.HasPrefix(data, []byte(strongHeader)):
		return len(data) >= len(strongHeader)+strongSalt+strongNonce+16
	case bytes.HasPrefix(data, []byte(legacyHeader)):
		n := len(data) - len(legacyHeader) - legacySalt - legacyIV
		return n >= aes.BlockSize && n%aes.BlockSize == 0
	}
	return false
}

// decrypt returns the JSON of an encrypted backup.
func (i imp) decrypt(data, password []byte) ([]byte, error) {
	if len(password) == 0 {
		return nil, importer.ErrPasswordNeeded
	}
	if bytes.HasPrefix(data, []byte(strongHeader)) {
		rest := data[len(strongHeader):]
		salt, nonce, sealed := rest[:strongSalt], rest[strongSalt:strongSalt+strongNonce], rest[strongSalt+strongNonce:]
		key, err := importer.DeriveKey(password, importer.KeySpec{
			KDF: importer.Argon2id, Salt: salt, KeyLen: 32,
			Iterations: i.costs.argonPasses, MemoryKiB: i.costs.argonMemoryKiB, Threads: i.costs.argonThreads,
		})
		if err != nil {
			return nil, err
		}
		plain, ok, err := importer.OpenGCM(key, nonce, sealed)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
		}
		if !ok {
			return nil, importer.ErrWrongPassword
		}
		return plain, nil
	}

	rest := data[len(legacyHeader):]
	salt, iv, ct := rest[:legacySalt], rest[legacySalt:legacySalt+legacyIV], rest[legacySalt+legacyIV:]
	key, err := importer.DeriveKey(password, importer.KeySpec{
		KDF: importer.PBKDF2SHA1, Salt: salt, KeyLen: 32, Iterations: i.costs.pbkdf2Iterations,
	})
	if err != nil {
		return nil, err
	}
	// CBC is not authenticated: a wrong key shows as bad padding, or,
	// rarely, as padding that happens to look right over bytes that are
	// not JSON. A changed file looks the same; it is told apart only when
	// the text still starts as JSON.
	plain, ok, err := importer.OpenCBC(key, iv, ct)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", importer.ErrCorrupt, err)
	}
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(importer.TrimBOM(plain)), []byte("{")) {
		return nil, importer.ErrWrongPassword
	}
	return plain, nil
}
