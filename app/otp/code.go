package otp

import (
	"encoding/base32"
	"fmt"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// Validate reports whether k can produce codes. It checks that the type and
// algorithm are known, that Digits is between [MinDigits] and [MaxDigits]
// ([SteamDigits] exactly for Steam), that Period is between [MinPeriod] and
// [MaxPeriod] for TOTP and Steam keys, and that the secret is at least
// [MinSecretLen] bytes long.
//
// Period is not checked for HOTP keys and Counter is not checked for TOTP and
// Steam keys: those fields are unused for that type.
//
// The returned error wraps one of [ErrType], [ErrAlgorithm], [ErrDigits],
// [ErrPeriod] or [ErrSecret]. It never contains the secret.
func (k Key) Validate() error {
	switch k.Type {
	case TOTP, HOTP, Steam:
	default:
		return fmt.Errorf("%w %v", ErrType, k.Type)
	}
	switch k.Algorithm {
	case SHA1, SHA256, SHA512:
	default:
		return fmt.Errorf("%w %v", ErrAlgorithm, k.Algorithm)
	}
	if k.Type == Steam {
		if k.Digits != SteamDigits {
			return fmt.Errorf("%w: %d for a Steam key (want %d)", ErrDigits, k.Digits, SteamDigits)
		}
	} else if k.Digits < MinDigits || k.Digits > MaxDigits {
		return fmt.Errorf("%w: %d (want %d to %d)", ErrDigits, k.Digits, MinDigits, MaxDigits)
	}
	if k.Type != HOTP && (k.Period < MinPeriod || k.Period > MaxPeriod) {
		return fmt.Errorf("%w: %d s (want %d to %d)", ErrPeriod, k.Period, MinPeriod, MaxPeriod)
	}
	if len(k.Secret) < MinSecretLen {
		return fmt.Errorf("%w: %d bytes (want at least %d)", ErrSecret, len(k.Secret), MinSecretLen)
	}
	return nil
}

// secretEncoding is the base32 alphabet pquerna/otp decodes, without padding:
// it pads unpadded input itself.
var secretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Code returns the code of k at time t.
//
// For TOTP and Steam keys the moving factor is the number of whole periods
// since the Unix epoch, floor(t.Unix() / Period); times before 1970 are
// refused with [ErrTime]. For HOTP keys the moving factor is k.Counter and t
// is ignored; Code does not advance the counter, that is the caller's job.
//
// A TOTP or HOTP code is Digits decimal digits, zero-padded. A Steam code is
// five characters from Steam's 26-letter alphabet. The key is validated first
// (see [Key.Validate]) and its error returned if it is invalid.
func (k Key) Code(t time.Time) (string, error) {
	if err := k.Validate(); err != nil {
		return "", err
	}
	counter := k.Counter
	if k.Type != HOTP {
		unix := t.Unix()
		if unix < 0 {
			return "", fmt.Errorf("%w: %d s", ErrTime, unix)
		}
		counter = uint64(unix) / uint64(k.Period)
	}
	opts := hotp.ValidateOpts{
		Digits:    potp.Digits(k.Digits),
		Algorithm: pquernaAlgorithm[k.Algorithm],
		Encoder:   potp.EncoderDefault,
	}
	if k.Type == Steam {
		opts.Encoder = potp.EncoderSteam
	}
	code, err := hotp.GenerateCodeCustom(secretEncoding.EncodeToString(k.Secret), counter, opts)
	if err != nil {
		// unreachable: the secret is encoded above, so it always decodes.
		return "", fmt.Errorf("otp: generating code: %w", err)
	}
	return code, nil
}

var pquernaAlgorithm = map[Algorithm]potp.Algorithm{
	SHA1:   potp.AlgorithmSHA1,
	SHA256: potp.AlgorithmSHA256,
	SHA512: potp.AlgorithmSHA512,
}

// Group returns code split into two groups for reading aloud or typing: a
// 6-digit code as "123 456", a 7-digit code as "123 4567" (the shorter group
// first, as a phone number is read), an 8-digit code as "1234 5678". Anything
// else, including five-character Steam codes and strings that are not all
// ASCII digits, is returned unchanged.
//
// Group only inserts a space; remove it (or compare ignoring it) before
// sending the code anywhere.
func Group(code string) string {
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return code
		}
	}
	switch len(code) {
	case 6, 7:
		return code[:3] + " " + code[3:]
	case 8:
		return code[:4] + " " + code[4:]
	}
	return code
}
