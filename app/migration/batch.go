package migration

import (
	"bytes"
	"errors"
	"fmt"

	"twofold.app/app/multipart"
	"twofold.app/app/otpauth"
)

// Errors of [Batch].
var (
	// ErrOtherBatch means a code belongs to another export than the codes
	// added before: another batch_id, another batch_size, or a code at an
	// index already filled whose accounts differ.
	ErrOtherBatch = errors.New("code from another export")
	// ErrIncomplete is returned by [Batch.Accounts] while codes are
	// missing.
	ErrIncomplete = errors.New("export incomplete")
)

// Batch puts the codes of one multi-code export back together. Codes may be
// added in any order; a code added twice is ignored. The zero Batch is
// empty and ready to use; the first code added fixes the batch_id and
// batch_size the others must have. It is a [multipart.Assembler] of
// payloads.
type Batch struct {
	parts multipart.Assembler[int, Payload]
}

// Progress says how far a [Batch] is: Have of Total codes, and the indexes
// (from 0, in order) of those still missing. A user-facing count is
// Have "of" Total; a missing index i is code i+1.
type Progress = multipart.Progress

// Add adds one code. It returns the progress after the code, or, if the code
// belongs to another export, the progress before it and an error wrapping
// [ErrOtherBatch] that says how it differs. A code at an index already
// filled is ignored when its accounts are the same, and refused otherwise.
func (b *Batch) Add(p Payload) (Progress, error) {
	size := max(p.BatchSize, 1)
	if b.parts.Equal == nil {
		b.parts.Equal = sameAccounts
	}
	p.Accounts = append([]otpauth.Account(nil), p.Accounts...)
	p.Skipped = append([]Skip(nil), p.Skipped...)
	prog, err := b.parts.Add(p.BatchID, p.BatchIndex, size, p)
	id, _ := b.parts.ID()
	switch {
	case err == nil, errors.Is(err, multipart.ErrRepeated):
		return prog, nil
	case errors.Is(err, multipart.ErrIndex):
		return prog, malformed("batch_index %d is not below batch_size %d", p.BatchIndex, size)
	case errors.Is(err, multipart.ErrForeign) && p.BatchID != id:
		return prog, fmt.Errorf("%w: batch id %d, not %d", ErrOtherBatch, p.BatchID, id)
	case errors.Is(err, multipart.ErrForeign):
		return prog, fmt.Errorf("%w: it has %d codes, not %d", ErrOtherBatch, size, prog.Total)
	case errors.Is(err, multipart.ErrConflict):
		return prog, fmt.Errorf("%w: code %d of %d was scanned before with other accounts", ErrOtherBatch, p.BatchIndex+1, size)
	}
	return prog, err // unreachable
}

// sameAccounts compares what two payloads hold, secrets included.
func sameAccounts(x, y Payload) bool {
	if len(x.Accounts) != len(y.Accounts) || len(x.Skipped) != len(y.Skipped) {
		return false
	}
	for i, a := range x.Accounts {
		c := y.Accounts[i]
		if a.Issuer != c.Issuer || a.Name != c.Name || a.Type != c.Type || a.Algorithm != c.Algorithm ||
			a.Digits != c.Digits || a.Period != c.Period || a.Counter != c.Counter || !bytes.Equal(a.Secret, c.Secret) {
			return false
		}
	}
	for i, s := range x.Skipped {
		if s.Index != y.Skipped[i].Index || s.Name != y.Skipped[i].Name {
			return false
		}
	}
	return true
}

// Progress returns how many codes are there and which are missing. Before
// the first code it is the zero Progress.
func (b *Batch) Progress() Progress { return b.parts.Progress() }

// Accounts returns the accounts of the whole export, in the order of its
// codes, and the accounts that were skipped, with Index counted across the
// whole export. While codes are missing it returns an error wrapping
// [ErrIncomplete].
func (b *Batch) Accounts() ([]otpauth.Account, []Skip, error) {
	parts, err := b.parts.Parts()
	if err != nil {
		p := b.Progress()
		return nil, nil, fmt.Errorf("%w: %d of %d codes", ErrIncomplete, p.Have, p.Total)
	}
	var accounts []otpauth.Account
	var skipped []Skip
	offset := 0
	for _, part := range parts {
		accounts = append(accounts, part.Accounts...)
		for _, s := range part.Skipped {
			s.Index += offset
			skipped = append(skipped, s)
		}
		offset += len(part.Accounts) + len(part.Skipped)
	}
	return accounts, skipped, nil
}
