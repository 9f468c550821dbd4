package importer

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"sync"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/scrypt"
)

// KDF names a password-based key derivation that an export uses.
type KDF int

// The key derivations exports use.
const (
	PBKDF2SHA1 KDF = iota + 1
	PBKDF2SHA256
	PBKDF2SHA512
	Argon2id
	Scrypt
)

func (k KDF) String() string {
	switch k {
	case PBKDF2SHA1:
		return "PBKDF2-SHA1"
	case PBKDF2SHA256:
		return "PBKDF2-SHA256"
	case PBKDF2SHA512:
		return "PBKDF2-SHA512"
	case Argon2id:
		return "Argon2id"
	case Scrypt:
		return "scrypt"
	}
	return fmt.Sprintf("KDF(%d)", int(k))
}

// KeySpec is a key derivation as an export asks for it: the function, its
// salt and cost, and the length of the key.
type KeySpec struct {
	KDF    KDF
	Salt   []byte
	KeyLen int
	// Iterations is PBKDF2's iteration count, or Argon2id's passes.
	Iterations int
	// MemoryKiB and Threads are Argon2id's memory and lanes.
	MemoryKiB int
	Threads   int
	// N, R and P are scrypt's cost, block size and parallelism.
	N, R, P int
}

// Bounds on the key derivation a file may ask for, so that a damaged or
// hostile file cannot make the browser allocate gigabytes or spin for
// minutes. They are above what every app we read writes.
const (
	MaxPBKDF2Iterations = 10_000_000
	MaxArgon2Passes     = 64
	MaxArgon2MemoryKiB  = 1 << 20 // 1 GiB
	MaxArgon2Threads    = 16
	MaxScryptMemory     = 256 << 20 // 128·N·r bytes
	MaxScryptP          = 16
	MaxKeyLen           = 128
	// MaxPBKDF2Total bounds the iterations of all the derivations of one
	// file together, for formats that derive a key for each entry.
	MaxPBKDF2Total = 50_000_000
)

// ErrKeyCost is the error, wrapped, of an export whose key derivation asks
// for more work or memory than Twofold allows. It wraps [ErrUnsupported].
var ErrKeyCost = fmt.Errorf("%w: the file asks for more key-derivation work than Twofold allows", ErrUnsupported)

// Check reports whether s is well formed and within the bounds. A cost
// beyond the bounds wraps [ErrKeyCost]; a malformed one (zero iterations,
// scrypt's N not a power of two) wraps [ErrCorrupt].
func (s KeySpec) Check() error {
	if s.KeyLen < 1 || s.KeyLen > MaxKeyLen {
		return fmt.Errorf("%w: key length %d", ErrCorrupt, s.KeyLen)
	}
	switch s.KDF {
	case PBKDF2SHA1, PBKDF2SHA256, PBKDF2SHA512:
		if s.Iterations < 1 {
			return fmt.Errorf("%w: %v with %d iterations", ErrCorrupt, s.KDF, s.Iterations)
		}
		if s.Iterations > MaxPBKDF2Iterations {
			return fmt.Errorf("%w: %v with %d iterations", ErrKeyCost, s.KDF, s.Iterations)
		}
	case Argon2id:
		if s.Iterations < 1 || s.Threads < 1 || s.MemoryKiB < 8*s.Threads {
			return fmt.Errorf("%w: Argon2id t=%d m=%d KiB p=%d", ErrCorrupt, s.Iterations, s.MemoryKiB, s.Threads)
		}
		if s.Iterations > MaxArgon2Passes || s.MemoryKiB > MaxArgon2MemoryKiB || s.Threads > MaxArgon2Threads {
			return fmt.Errorf("%w: Argon2id t=%d m=%d MiB p=%d", ErrKeyCost, s.Iterations, s.MemoryKiB>>10, s.Threads)
		}
	case Scrypt:
		if s.N < 2 || s.N&(s.N-1) != 0 || s.R < 1 || s.P < 1 {
			return fmt.Errorf("%w: scrypt N=%d r=%d p=%d", ErrCorrupt, s.N, s.R, s.P)
		}
		if s.N > MaxScryptMemory/128/s.R || s.P > MaxScryptP {
			return fmt.Errorf("%w: scrypt N=%d r=%d p=%d", ErrKeyCost, s.N, s.R, s.P)
		}
	default:
		return fmt.Errorf("%w: key derivation %v", ErrUnsupported, s.KDF)
	}
	return nil
}

// A Deriver computes the keys of password with each of specs, which have
// passed [KeySpec.Check], in order. [DeriveAllHere] is the default; the
// browser build sets one that runs in a Web Worker with [SetDeriver]. It
// takes several derivations at once because some formats (Authy) give each
// entry a salt of its own, and a worker costs far more to start than one of
// their derivations.
type Deriver func(password []byte, specs []KeySpec) ([][]byte, error)

var (
	deriverMu sync.RWMutex
	deriver   Deriver = DeriveAllHere
)

// SetDeriver makes every later [DeriveKey] and [DeriveKeys] call d; nil
// restores [DeriveAllHere]. The program calls it once, before any import.
func SetDeriver(d Deriver) {
	if d == nil {
		d = DeriveAllHere
	}
	deriverMu.Lock()
	deriver = d
	deriverMu.Unlock()
}

// DeriveKey checks s and derives the key of password with it, with the
// [Deriver] set by [SetDeriver]. Every importer derives its keys here, so
// that the bounds are the same for all and the browser keeps the work off
// its main thread.
func DeriveKey(password []byte, s KeySpec) ([]byte, error) {
	keys, err := DeriveKeys(password, []KeySpec{s})
	if err != nil {
		return nil, err
	}
	return keys[0], nil
}

// DeriveKeys is [DeriveKey] for several derivations of one password, done
// at once: the keys are in the order of specs. The costs are checked one by
// one, and their sum is bounded: [MaxPBKDF2Total] iterations of PBKDF2,
// and for Argon2id and scrypt together the work of the costliest Argon2id
// one derivation may ask for.
func DeriveKeys(password []byte, specs []KeySpec) ([][]byte, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	var iterations, argon2Work int
	for _, s := range specs {
		if err := s.Check(); err != nil {
			return nil, err
		}
		switch s.KDF {
		case PBKDF2SHA1, PBKDF2SHA256, PBKDF2SHA512:
			iterations += s.Iterations
		case Argon2id:
			argon2Work += s.Iterations * s.MemoryKiB
		case Scrypt:
			argon2Work += s.N * s.R / 8 // 128·N·r bytes, in KiB
		}
	}
	if iterations > MaxPBKDF2Total || argon2Work > MaxArgon2Passes*MaxArgon2MemoryKiB {
		return nil, fmt.Errorf("%w: %d derivations in all", ErrKeyCost, len(specs))
	}
	deriverMu.RLock()
	d := deriver
	deriverMu.RUnlock()
	keys, err := d(password, specs)
	if err != nil {
		return nil, fmt.Errorf("deriving the key (%v): %w", specs[0].KDF, err)
	}
	if len(keys) != len(specs) {
		return nil, fmt.Errorf("deriving the keys: %d keys for %d derivations", len(keys), len(specs))
	}
	for i, k := range keys {
		if len(k) != specs[i].KeyLen {
			return nil, fmt.Errorf("deriving the key (%v): %d bytes, want %d", specs[i].KDF, len(k), specs[i].KeyLen)
		}
	}
	return keys, nil
}

// DeriveAllHere derives the keys of password with each of specs in this
// goroutine, with [DeriveHere].
func DeriveAllHere(password []byte, specs []KeySpec) ([][]byte, error) {
	keys := make([][]byte, len(specs))
	for i, s := range specs {
		k, err := DeriveHere(password, s)
		if err != nil {
			return nil, err
		}
		keys[i] = k
	}
	return keys, nil
}

// DeriveHere derives the key of password with s in this goroutine. It
// checks s itself, so it is safe to call directly.
func DeriveHere(password []byte, s KeySpec) ([]byte, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	switch s.KDF {
	case PBKDF2SHA1, PBKDF2SHA256, PBKDF2SHA512:
		h := map[KDF]func() hash.Hash{PBKDF2SHA1: sha1.New, PBKDF2SHA256: sha256.New, PBKDF2SHA512: sha512.New}[s.KDF]
		return pbkdf2.Key(h, string(password), s.Salt, s.Iterations, s.KeyLen)
	case Argon2id:
		return argon2.IDKey(password, s.Salt, uint32(s.Iterations), uint32(s.MemoryKiB), uint8(s.Threads), uint32(s.KeyLen)), nil
	case Scrypt:
		return scrypt.Key(password, s.Salt, s.N, s.R, s.P, s.KeyLen)
	}
	return nil, errors.New("unreachable: Check accepted an unknown KDF")
}
