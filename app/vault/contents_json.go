package vault

import "fmt"

// MarshalContents returns c encoded as the plaintext payload that SPEC.md
// defines in "The payload": compact JSON, accounts in order, secrets in
// base32, times in RFC 3339 UTC. Other formats that carry a vault's contents,
// such as the encrypted backup of package backup, reuse it.
//
// It also returns the version of the format the payload belongs to: 1 if c
// uses nothing that version 2 added (no favourite, no LastUsed time, the
// default sort order and density), and then the payload is exactly as
// version 1 writes it; 2 otherwise. A format that carries the payload must
// say which version it is, as the vault's header does, so that an older
// Twofold refuses a version 2 payload as newer rather than as damaged.
//
// It fails, as [Session.Seal] does, for contents that [UnmarshalContents]
// would refuse: an empty or duplicate account ID (wrapping [ErrAccountID]),
// an empty secret, an unknown type or algorithm (wrapping the errors of
// package otp), or an unknown sort order or density. The result holds the
// secrets in clear.
func MarshalContents(c *Contents) (payload []byte, version int, err error) {
	p, v, err := encodeContents(c)
	if err != nil {
		return nil, 0, fmt.Errorf("encoding the payload: %w", err)
	}
	return p, v, nil
}

// UnmarshalContents decodes a payload of the given version made by
// [MarshalContents], with the checks of step 7 of SPEC.md's decoding rules:
// one JSON object and nothing after it, no unknown fields (in version 1,
// the fields of version 2 are unknown), known types and algorithms,
// canonical base32 secrets that are not empty, RFC 3339 times, IDs that are
// non-empty and unique, and known sort orders and densities.
//
// A version other than 1 or 2 gives an error wrapping
// [ErrUnsupportedVersion]. Any other error says what is wrong without
// quoting the data, which holds secrets. It does not wrap [ErrCorrupt]: the
// caller knows what the payload came from and what a bad one means there.
func UnmarshalContents(payload []byte, version int) (*Contents, error) {
	if version < version1 || version > maxVersion {
		return nil, fmt.Errorf("%w %d", ErrUnsupportedVersion, version)
	}
	c, err := decodePayload(payload, version)
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	return c, nil
}
