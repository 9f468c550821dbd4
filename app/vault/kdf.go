package vault

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Params are the Argon2id parameters of a password slot. They are stored in
// the vault header, so they can be raised later without breaking old vaults.
type Params struct {
	Time      uint32 `json:"t"` // passes over memory
	MemoryKiB uint32 `json:"m"` // memory in KiB
	Threads   uint8  `json:"p"` // lanes
}

// DefaultParams is the cost of a new password slot: Argon2id with t=3,
// m=64 MiB, p=1. Measured in headless Chromium 156 on a 2-core server, Go
// compiled to wasm takes about 0.37 s warm and 0.6 to 0.7 s cold for it; see
// BENCHMARKS.md for the figure measured through our own worker.
var DefaultParams = Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 1}

// Limits on the parameters read from a header, so that a damaged or hostile
// vault cannot make the browser allocate gigabytes or spin for minutes.
const (
	MaxMemoryKiB = 1024 * 1024 // 1 GiB
	MaxTime      = 64
	MaxThreads   = 16
	keySize      = 32
	saltSize     = 16
)

// ErrParams is returned for Argon2id parameters outside the accepted bounds.
var ErrParams = errors.New("argon2id parameters out of bounds")

// Check reports whether p is within the accepted bounds.
func (p Params) Check() error {
	if p.Time < 1 || p.Time > MaxTime || p.MemoryKiB < 8*uint32(max(p.Threads, 1)) ||
		p.MemoryKiB > MaxMemoryKiB || p.Threads < 1 || p.Threads > MaxThreads {
		return fmt.Errorf("%w: t=%d m=%d p=%d", ErrParams, p.Time, p.MemoryKiB, p.Threads)
	}
	return nil
}

// KDF derives a 32-byte key from a password and a salt with Argon2id. The
// browser build injects one that runs in a Web Worker; [Argon2id] runs it in
// the calling goroutine.
type KDF func(password, salt []byte, p Params) ([]byte, error)

// Argon2id is the [KDF] computed in-process with golang.org/x/crypto/argon2.
func Argon2id(password, salt []byte, p Params) ([]byte, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	return argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, keySize), nil
}
