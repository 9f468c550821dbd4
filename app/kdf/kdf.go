// Package kdf holds the Argon2id parameters and the key derivation that
// turn a password into a key. It is a package of its own, importing only
// golang.org/x/crypto/argon2, so that the Web Worker that runs the
// derivation in the browser stays small.
package kdf

import (
	"errors"
	"strconv"

	"golang.org/x/crypto/argon2"
)

// Params are Argon2id parameters. They are stored beside what they protect,
// so they can be raised later without breaking old files.
type Params struct {
	Time      uint32 `json:"t"` // passes over memory
	MemoryKiB uint32 `json:"m"` // memory in KiB
	Threads   uint8  `json:"p"` // lanes
}

// Default is the cost of a new password: Argon2id with t=3, m=64 MiB, p=1.
// Measured in headless Chromium 156 on a 2-core server, Go compiled to wasm
// takes about 0.37 s warm and 0.6 to 0.7 s cold for it, and 0.7 to 0.9 s in
// our Web Worker, which starts cold every time; see BENCHMARKS.md.
var Default = Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 1}

// Stronger is the cost offered in Settings to people who accept a slower
// unlock: Argon2id with t=3, m=256 MiB, p=1. It takes four times the time
// and four times the memory of [Default], for the attacker as for the
// person; four times the memory is what limits how many guesses a GPU runs
// at once. It stays well below what a phone's browser gives a Web Worker.
var Stronger = Params{Time: 3, MemoryKiB: 256 * 1024, Threads: 1}

// Limits on parameters read from a file, so that a damaged or hostile file
// cannot make the browser allocate gigabytes or spin for minutes.
const (
	MaxMemoryKiB = 1024 * 1024 // 1 GiB
	MaxTime      = 64
	MaxThreads   = 16
	// KeySize is the length of a derived key in bytes.
	KeySize = 32
)

// ErrParams is returned for parameters outside the accepted bounds.
var ErrParams = errors.New("argon2id parameters out of bounds")

// ErrUnavailable is matched, with errors.Is, by the errors of a [Func]
// that derived nothing because it could not run: in the browser, the Web
// Worker that derives could not be loaded, stopped, or did not answer in
// time. The password was not checked, so a caller must not count it as
// wrong; trying again may work.
var ErrUnavailable = errors.New("key derivation unavailable")

// Check reports whether p is within the accepted bounds.
func (p Params) Check() error {
	if p.Time < 1 || p.Time > MaxTime || p.MemoryKiB < 8*uint32(max(p.Threads, 1)) ||
		p.MemoryKiB > MaxMemoryKiB || p.Threads < 1 || p.Threads > MaxThreads {
		return paramsError(p)
	}
	return nil
}

// paramsError wraps [ErrParams] with the parameters. It is written without
// fmt, which would double the size of the worker's wasm.
type paramsError Params

func (e paramsError) Error() string {
	return ErrParams.Error() + ": t=" + strconv.FormatUint(uint64(e.Time), 10) +
		" m=" + strconv.FormatUint(uint64(e.MemoryKiB), 10) + " p=" + strconv.FormatUint(uint64(e.Threads), 10)
}

func (e paramsError) Unwrap() error { return ErrParams }

// Func derives a [KeySize]-byte key from a password and a salt with
// Argon2id. The browser build injects one that runs in a Web Worker;
// [Argon2id] runs it in the calling goroutine.
type Func func(password, salt []byte, p Params) ([]byte, error)

// Argon2id is the [Func] computed in-process with golang.org/x/crypto/argon2.
func Argon2id(password, salt []byte, p Params) ([]byte, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	return argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, KeySize), nil
}
