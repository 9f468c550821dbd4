package vault

import "twofold.app/app/kdf"

// Params are the Argon2id parameters of a password slot; see [kdf.Params].
type Params = kdf.Params

// KDF derives a key from a password; see [kdf.Func].
type KDF = kdf.Func

// DefaultParams is the cost of a new password slot, [kdf.Default].
var DefaultParams = kdf.Default

// ErrParams is returned for Argon2id parameters outside the accepted bounds.
var ErrParams = kdf.ErrParams

// ErrKDFUnavailable is matched by the error of a KDF that could not run;
// see [kdf.ErrUnavailable].
var ErrKDFUnavailable = kdf.ErrUnavailable

// Argon2id is the in-process KDF, [kdf.Argon2id].
var Argon2id KDF = kdf.Argon2id

// Limits on the parameters read from a header, as in package kdf.
const (
	MaxMemoryKiB = kdf.MaxMemoryKiB
	MaxTime      = kdf.MaxTime
	MaxThreads   = kdf.MaxThreads
	keySize      = kdf.KeySize
	saltSize     = 16
)
