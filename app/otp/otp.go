// Package otp generates one-time codes: TOTP (RFC 6238), HOTP (RFC 4226) and
// Steam Guard codes.
//
// Code generation is pure: the time is passed in, nothing is read from the
// clock, and a [Key] holds the secret as bytes, never as base32 text.
package otp

import (
	"errors"
	"fmt"
	"time"
)

// Type is the kind of one-time password a key produces.
type Type uint8

// The types of key. The zero Type is invalid.
const (
	TOTP  Type = iota + 1 // time-based, RFC 6238
	HOTP                  // counter-based, RFC 4226
	Steam                 // Steam Guard: TOTP with SHA-1, 30 s and five characters
)

// String returns the type as it is written in an otpauth URI: "totp", "hotp"
// or "steam".
func (t Type) String() string {
	switch t {
	case TOTP:
		return "totp"
	case HOTP:
		return "hotp"
	case Steam:
		return "steam"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// ParseType is the inverse of [Type.String]. It ignores case.
func ParseType(s string) (Type, error) {
	for _, t := range []Type{TOTP, HOTP, Steam} {
		if equalFold(s, t.String()) {
			return t, nil
		}
	}
	return 0, fmt.Errorf("%w %q", ErrType, s)
}

// Algorithm is the HMAC hash function of a key.
type Algorithm uint8

// The algorithms. The zero Algorithm is invalid.
const (
	SHA1 Algorithm = iota + 1
	SHA256
	SHA512
)

// String returns the algorithm as it is written in an otpauth URI: "SHA1",
// "SHA256" or "SHA512".
func (a Algorithm) String() string {
	switch a {
	case SHA1:
		return "SHA1"
	case SHA256:
		return "SHA256"
	case SHA512:
		return "SHA512"
	}
	return fmt.Sprintf("Algorithm(%d)", uint8(a))
}

// ParseAlgorithm is the inverse of [Algorithm.String]. It ignores case and
// accepts a dash ("SHA-256").
func ParseAlgorithm(s string) (Algorithm, error) {
	for _, a := range []Algorithm{SHA1, SHA256, SHA512} {
		if equalFold(s, a.String()) || equalFold(s, a.String()[:3]+"-"+a.String()[3:]) {
			return a, nil
		}
	}
	return 0, fmt.Errorf("%w %q", ErrAlgorithm, s)
}

// Bounds that [Key.Validate] enforces.
const (
	MinDigits    = 6
	MaxDigits    = 8
	SteamDigits  = 5
	MinPeriod    = 1   // seconds
	MaxPeriod    = 300 // seconds
	MinSecretLen = 1   // bytes; shorter secrets are refused
)

// Errors returned by [Key.Validate], [ParseType] and [ParseAlgorithm],
// wrapped with detail.
var (
	ErrType      = errors.New("unknown type")
	ErrAlgorithm = errors.New("unknown algorithm")
	ErrDigits    = errors.New("digits out of range")
	ErrPeriod    = errors.New("period out of range")
	ErrSecret    = errors.New("secret too short")
)

// ErrTime is returned by [Key.Code] for a TOTP or Steam key and a time before
// the Unix epoch, which has no time step.
var ErrTime = errors.New("time before 1970")

// Key holds what is needed to generate codes for one account.
//
// Key's String and GoString methods leave the secret out, so printing a Key
// with the fmt package (%v, %+v, %#v, %s) shows its parameters and the
// secret's length only.
type Key struct {
	Type      Type
	Algorithm Algorithm
	Digits    int    // 6 to 8; 5 for Steam
	Period    int    // seconds, for TOTP and Steam
	Counter   uint64 // the next HOTP counter value
	Secret    []byte
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// Remaining returns how long the code shown at t stays valid, for a TOTP or
// Steam key. It is zero for HOTP.
func (k Key) Remaining(t time.Time) time.Duration {
	if k.Type == HOTP || k.Period <= 0 {
		return 0
	}
	p := int64(k.Period) * int64(time.Second)
	ns := t.UnixNano() % p
	if ns < 0 {
		ns += p
	}
	return time.Duration(p - ns)
}

// String describes k without its secret, for example
// "totp SHA1 6 digits 30s secret[20 bytes]".
func (k Key) String() string {
	moving := fmt.Sprintf("%ds", k.Period)
	if k.Type == HOTP {
		moving = fmt.Sprintf("counter %d", k.Counter)
	}
	return fmt.Sprintf("%v %v %d digits %s secret[%d bytes]", k.Type, k.Algorithm, k.Digits, moving, len(k.Secret))
}

// GoString is like [Key.String]: it keeps the secret out of %#v.
func (k Key) GoString() string {
	return fmt.Sprintf("otp.Key{Type:%v, Algorithm:%v, Digits:%d, Period:%d, Counter:%d, Secret:[%d bytes redacted]}",
		k.Type, k.Algorithm, k.Digits, k.Period, k.Counter, len(k.Secret))
}
