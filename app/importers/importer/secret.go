package importer

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// Base32 decodes a secret in base32 as apps write it: upper or lower case,
// with or without '=' padding, spaces and dashes ignored (see
// [otpauth.ParseSecret]). A secret of a length base32 cannot have (1, 3 or
// 6 characters past a multiple of 8) is read as Google Authenticator and
// most apps read it, bit by bit, leaving out the bits of its last character
// that make no whole byte: those apps made their codes with it so.
// Invisible format characters that come with text copied from web pages
// (a zero-width space, a byte order mark) are ignored. The error names the
// problem, never the secret.
func Base32(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	b, err := otpauth.ParseSecret(s)
	if errors.Is(err, otpauth.ErrSecretLength) {
		if i := strings.LastIndexFunc(s, isBase32); i >= 0 {
			if b2, err2 := otpauth.ParseSecret(s[:i] + s[i+1:]); err2 == nil {
				b, err = b2, nil
			}
		}
	}
	if err != nil {
		var pe *otpauth.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Err // "invalid secret: …", without the otpauth: prefix
		}
		return nil, err
	}
	return b, nil
}

func isBase32(r rune) bool {
	return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '2' <= r && r <= '7'
}

// The errors of Base64, Hex and Bytes wrap otpauth.ErrSecret, as Base32's
// do; the standard decoders' own errors are not used, as they quote the
// offending byte, which is part of a secret.

// Base64 decodes a secret in base64, standard or URL-safe alphabet, padded
// or not, white space ignored.
func Base64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\r', '\t':
			return -1
		case '-':
			return '+'
		case '_':
			return '/'
		}
		return r
	}, s)
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("%w: not base64", otpauth.ErrSecret)
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty", otpauth.ErrSecret)
	}
	return b, nil
}

// Hex decodes a secret in hexadecimal, either case, white space ignored.
func Hex(s string) ([]byte, error) {
	s = strings.Join(strings.Fields(s), "")
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: not hexadecimal", otpauth.ErrSecret)
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty", otpauth.ErrSecret)
	}
	return b, nil
}

// Bytes converts a secret stored as a JSON array of numbers, signed (Java's
// bytes, -128 to 127) or not (0 to 255).
func Bytes(v []int) ([]byte, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: empty", otpauth.ErrSecret)
	}
	b := make([]byte, len(v))
	for i, n := range v {
		if n < -128 || n > 255 {
			return nil, fmt.Errorf("%w: byte %d out of range", otpauth.ErrSecret, i)
		}
		b[i] = byte(n)
	}
	return b, nil
}

// Algorithm reads an algorithm name: SHA1, SHA256 or SHA512 in any case,
// with or without a dash, and "" as SHA1. MD5 and other names give an error
// wrapping [ErrUnsupported].
func Algorithm(s string) (otp.Algorithm, error) {
	if strings.TrimSpace(s) == "" {
		return otp.SHA1, nil
	}
	a, err := otp.ParseAlgorithm(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%w: algorithm %s", ErrUnsupported, quote(s))
	}
	return a, nil
}

// quote quotes a short, non-secret value for a message, cut to 24 bytes.
func quote(s string) string {
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Steam fills in the fixed parameters of a Steam Guard key.
func Steam(secret []byte) otp.Key {
	return otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: otp.SteamDigits, Period: 30, Secret: secret}
}
