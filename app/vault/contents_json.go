package vault

import "fmt"

// MarshalContents returns c encoded as the plaintext payload that SPEC.md
// defines in "The payload": compact JSON, accounts in order, secrets in
// base32, times in RFC 3339 UTC. Other formats that carry a vault's contents,
// such as the encrypted backup of package backup, reuse it.
//
// It fails, as [Session.Seal] does, for contents that [UnmarshalContents]
// would refuse: an empty or duplicate account ID (wrapping [ErrAccountID]),
// an empty secret, or an unknown type or algorithm (wrapping the errors of
// package otp). The result holds the secrets in clear.
func MarshalContents(c *Contents) ([]byte, error) {
	p, err := encodeContents(c)
	if err != nil {
		return nil, fmt.Errorf("encoding the payload: %w", err)
	}
	return p, nil
}

// UnmarshalContents decodes a payload made by [MarshalContents], with the
// checks of step 7 of SPEC.md's decoding rules: one JSON object and nothing
// after it, no unknown fields, known types and algorithms, canonical base32
// secrets that are not empty, RFC 3339 times, and IDs that are non-empty and
// unique.
//
// Its error says what is wrong without quoting the data, which holds
// secrets. It does not wrap [ErrCorrupt]: the caller knows what the payload
// came from and what a bad one means there.
func UnmarshalContents(payload []byte) (*Contents, error) {
	c, err := decodeContentsV1(payload)
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	return c, nil
}
