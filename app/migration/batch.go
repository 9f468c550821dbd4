package migration

import (
	"bytes"
	"errors"
	"fmt"

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
// batch_size the others must have.
type Batch struct {
	started bool
	id      int
	parts   []*Payload // by batch index; nil while missing
}

// Progress says how far a [Batch] is: Have of Total codes, and the indexes
// (from 0, in order) of those still missing. A user-facing count is
// Have "of" Total; a missing index i is code i+1.
type Progress struct {
	Have, Total int
	Missing     []int
}

// Done reports whether every code is there.
func (p Progress) Done() bool { return p.Total > 0 && p.Have == p.Total }

// Add adds one code. It returns the progress after the code, or, if the code
// belongs to another export, the progress before it and an error wrapping
// [ErrOtherBatch] that says how it differs. A code at an index already
// filled is ignored when its accounts are the same, and refused otherwise.
func (b *Batch) Add(p Payload) (Progress, error) {
	size := max(p.BatchSize, 1)
	if p.BatchIndex < 0 || p.BatchIndex >= size {
		return b.Progress(), malformed("batch_index %d is not below batch_size %d", p.BatchIndex, size)
	}
	if !b.started {
		b.started, b.id, b.parts = true, p.BatchID, make([]*Payload, size)
	}
	switch {
	case p.BatchID != b.id:
		return b.Progress(), fmt.Errorf("%w: batch id %d, not %d", ErrOtherBatch, p.BatchID, b.id)
	case size != len(b.parts):
		return b.Progress(), fmt.Errorf("%w: it has %d codes, not %d", ErrOtherBatch, size, len(b.parts))
	}
	if old := b.parts[p.BatchIndex]; old != nil {
		if !sameAccounts(old, &p) {
			return b.Progress(), fmt.Errorf("%w: code %d of %d was scanned before with other accounts", ErrOtherBatch, p.BatchIndex+1, size)
		}
		return b.Progress(), nil
	}
	p.Accounts = append([]otpauth.Account(nil), p.Accounts...)
	p.Skipped = append([]Skip(nil), p.Skipped...)
	b.parts[p.BatchIndex] = &p
	return b.Progress(), nil
}

// sameAccounts compares what two payloads hold, secrets included.
func sameAccounts(x, y *Payload) bool {
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
func (b *Batch) Progress() Progress {
	p := Progress{Total: len(b.parts)}
	for i, part := range b.parts {
		if part != nil {
			p.Have++
		} else {
			p.Missing = append(p.Missing, i)
		}
	}
	return p
}

// Accounts returns the accounts of the whole export, in the order of its
// codes, and the accounts that were skipped, with Index counted across the
// whole export. While codes are missing it returns an error wrapping
// [ErrIncomplete].
func (b *Batch) Accounts() ([]otpauth.Account, []Skip, error) {
	if p := b.Progress(); !p.Done() {
		return nil, nil, fmt.Errorf("%w: %d of %d codes", ErrIncomplete, p.Have, p.Total)
	}
	var accounts []otpauth.Account
	var skipped []Skip
	offset := 0
	for _, part := range b.parts {
		accounts = append(accounts, part.Accounts...)
		for _, s := range part.Skipped {
			s.Index += offset
			skipped = append(skipped, s)
		}
		offset += len(part.Accounts) + len(part.Skipped)
	}
	return accounts, skipped, nil
}
