package migration

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net/url"

	"google.golang.org/protobuf/encoding/protowire"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// Why [Carry] refuses an account the format has no room for; each comes
// wrapped with [ErrUnsupported].
var (
	ErrSteam   = errors.New("a Steam key")
	ErrPeriod  = errors.New("a period other than 30 s")
	ErrDigits  = errors.New("digits other than 6 and 8")
	ErrCounter = errors.New("a counter above 2^63-1")
)

// Carry reports whether the migration format can carry a faithfully, and
// if not, why: the error wraps [ErrUnsupported] and one of [ErrSteam],
// [ErrPeriod], [ErrDigits] or [ErrCounter], or is the error of
// [otpauth.Account.Validate] for an account that does not validate.
func Carry(a otpauth.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	switch {
	case a.Type == otp.Steam:
		return fmt.Errorf("%w: %w", ErrUnsupported, ErrSteam)
	case a.Type == otp.TOTP && a.Period != 30:
		return fmt.Errorf("%w: %w (%d s)", ErrUnsupported, ErrPeriod, a.Period)
	case a.Digits != 6 && a.Digits != 8:
		return fmt.Errorf("%w: %w (%d)", ErrUnsupported, ErrDigits, a.Digits)
	case a.Type == otp.HOTP && a.Counter > math.MaxInt64:
		return fmt.Errorf("%w: %w", ErrUnsupported, ErrCounter)
	}
	return nil
}

// Format writes p as an otpauth-migration://offline?data=… URI, as Google
// Authenticator does: the payload in padded standard base64, percent-encoded.
//
// Every account must pass [Carry]; Format fails with the first one that does
// not, naming its index, rather than write a wrong account. p must hold at
// least one account, and its batch fields must fit the format: 0 ≤
// BatchIndex < BatchSize, all within int32. A zero Version is written as 1
// and a zero BatchSize as 1. p.Skipped is ignored.
//
// The URI contains the secrets: it must not be logged.
func Format(p Payload) (string, error) {
	data, err := marshal(p)
	if err != nil {
		return "", err
	}
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(data)), nil
}

// marshal encodes p as a MigrationPayload.
func marshal(p Payload) ([]byte, error) {
	if len(p.Accounts) == 0 {
		return nil, fmt.Errorf("migration: no accounts to write")
	}
	version, size := p.Version, p.BatchSize
	if version == 0 {
		version = 1
	}
	if size == 0 {
		size = 1
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"version", version}, {"batch_size", size}, {"batch_index", p.BatchIndex}, {"batch_id", p.BatchID}} {
		if f.v < math.MinInt32 || f.v > math.MaxInt32 {
			return nil, fmt.Errorf("migration: %s %d does not fit in 32 bits", f.name, f.v)
		}
	}
	if size < 0 || p.BatchIndex < 0 || p.BatchIndex >= size {
		return nil, fmt.Errorf("migration: batch_index %d and batch_size %d do not fit", p.BatchIndex, size)
	}

	var b []byte
	for i, a := range p.Accounts {
		if err := Carry(a); err != nil {
			return nil, fmt.Errorf("migration: account %d: %w", i, err)
		}
		b = protowire.AppendTag(b, fieldOTPParameters, protowire.BytesType)
		b = protowire.AppendBytes(b, marshalAccount(a))
	}
	for _, f := range []struct {
		num protowire.Number
		v   int
	}{{fieldVersion, version}, {fieldBatchSize, size}, {fieldBatchIndex, p.BatchIndex}, {fieldBatchID, p.BatchID}} {
		b = protowire.AppendTag(b, f.num, protowire.VarintType)
		// An int32 is written sign-extended, as protobuf does.
		b = protowire.AppendVarint(b, uint64(int64(f.v)))
	}
	return b, nil
}

// marshalAccount encodes one OtpParameters; a has passed Carry.
func marshalAccount(a otpauth.Account) []byte {
	name := a.Name
	if _, ok := cutIssuer(a.Issuer, a.Name); ok {
		// The name itself starts with "Issuer:", which a reader would
		// take for the issuer prefix Google Authenticator writes:
		// write that prefix, so that the name comes back whole.
		name = a.Issuer + ":" + a.Name
	}
	var b []byte
	b = protowire.AppendTag(b, fieldSecret, protowire.BytesType)
	b = protowire.AppendBytes(b, a.Secret)
	b = protowire.AppendTag(b, fieldName, protowire.BytesType)
	b = protowire.AppendString(b, name)
	if a.Issuer != "" {
		b = protowire.AppendTag(b, fieldIssuer, protowire.BytesType)
		b = protowire.AppendString(b, a.Issuer)
	}
	alg := map[otp.Algorithm]uint64{otp.SHA1: algorithmSHA1, otp.SHA256: algorithmSHA256, otp.SHA512: algorithmSHA512}[a.Algorithm]
	b = protowire.AppendTag(b, fieldAlgorithm, protowire.VarintType)
	b = protowire.AppendVarint(b, alg)
	digits := uint64(digitsSix)
	if a.Digits == 8 {
		digits = digitsEight
	}
	b = protowire.AppendTag(b, fieldDigits, protowire.VarintType)
	b = protowire.AppendVarint(b, digits)
	b = protowire.AppendTag(b, fieldType, protowire.VarintType)
	if a.Type == otp.HOTP {
		b = protowire.AppendVarint(b, typeHOTP)
		b = protowire.AppendTag(b, fieldCounter, protowire.VarintType)
		b = protowire.AppendVarint(b, a.Counter)
	} else {
		b = protowire.AppendVarint(b, typeTOTP)
	}
	return b
}

// Split writes accounts as the codes of one export: URIs of at most perCode
// accounts each, in order, numbered 0 to n-1 with batch_size n and the given
// batchID (which the caller picks at random, so that a reader can tell two
// exports apart).
//
// Accounts that the format cannot carry faithfully (see [Carry]) are left
// out and returned in skipped, with their index in accounts; they are never
// written wrong. If none is left, Split returns no URI.
//
// Split panics if perCode is less than 1 or batchID does not fit in an
// int32. Google Authenticator puts up to 10 accounts in a code; fewer make a
// less dense code that is easier to scan. Split never writes more than
// [MaxBatchSize] codes, which is all a reader accepts: for more accounts
// than that many codes of perCode hold, each code holds more.
func Split(accounts []otpauth.Account, perCode int, batchID int) (uris []string, skipped []Skip) {
	if perCode < 1 {
		panic("migration: Split called with perCode < 1")
	}
	if batchID < math.MinInt32 || batchID > math.MaxInt32 {
		panic("migration: Split called with a batch id outside int32")
	}
	var keep []otpauth.Account
	for i, a := range accounts {
		if err := Carry(a); err != nil {
			skipped = append(skipped, Skip{Index: i, Name: label(a.Issuer, a.Name), Err: err})
			continue
		}
		keep = append(keep, a)
	}
	// Never more codes than a reader accepts: above MaxBatchSize codes'
	// worth of accounts, each code holds more.
	perCode = max(perCode, (len(keep)+MaxBatchSize-1)/MaxBatchSize)
	n := (len(keep) + perCode - 1) / perCode
	for i := range n {
		chunk := keep[i*perCode : min((i+1)*perCode, len(keep))]
		uri, err := Format(Payload{Accounts: chunk, Version: 1, BatchSize: n, BatchIndex: i, BatchID: batchID})
		if err != nil {
			panic("migration: " + err.Error()) // unreachable: every account passed Carry
		}
		uris = append(uris, uri)
	}
	return uris, skipped
}
