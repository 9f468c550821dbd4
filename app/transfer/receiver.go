package transfer

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"

	"twofold.app/app/multipart"
)

// Errors of [Receiver.Add] and [Receiver.Sealed], besides [ErrNotFrame],
// [ErrDamaged] and [ErrVersion].
var (
	// ErrOtherTransfer means a code belongs to another transfer than the
	// codes read before it.
	ErrOtherTransfer = errors.New("code of another transfer")
	// ErrRepeated means a code was read before. It is harmless.
	ErrRepeated = errors.New("code read before")
	// ErrIncomplete is returned by [Receiver.Sealed] while codes are
	// missing.
	ErrIncomplete = errors.New("transfer incomplete")
)

// Receiver gathers the codes of one transfer, in any order, step-by-step
// codes and auto-play codes alike. The zero Receiver is ready; the first
// code fixes the transfer the others must belong to.
type Receiver struct {
	started bool
	id      [idSize]byte
	k, size int
	// steps gathers the step-by-step codes (sequence numbers below k),
	// which tells repeats and conflicts apart as for any multi-part
	// message; seen holds the sequence numbers of the auto-play sums.
	steps multipart.Assembler[[idSize]byte, []byte]
	seen  map[int]bool
	// rows[i] is the row whose leading block is i, or nil. The rows are
	// kept in reduced row echelon form over GF(2): no row has a bit in
	// another row's leading column.
	rows  []*row
	rank  int
	codes int
}

// row is a sum of blocks: which blocks (a bit set), and their XOR.
type row struct {
	coef []uint64
	data []byte
}

// Progress says how far a transfer is.
type Progress struct {
	// Have of Total blocks are known. A step-by-step code usually adds
	// one; an auto-play code may add none, or complete several at once
	// when it resolves the sums read before it.
	Have, Total int
	// Missing lists the blocks (from 0) not known yet; block i is what
	// code i+1 of the step-by-step codes carries.
	Missing []int
	// Codes is the number of distinct codes read.
	Codes int
}

// Done reports whether the whole message is known.
func (p Progress) Done() bool { return p.Total > 0 && p.Have == p.Total }

// Add reads one code. It returns the progress after it, or the progress
// before it and an error: [ErrNotFrame], [ErrDamaged], [ErrVersion],
// [ErrOtherTransfer] or [ErrRepeated].
func (r *Receiver) Add(text string) (Progress, error) {
	f, err := decodeFrame(text)
	if err != nil {
		return r.Progress(), err
	}
	if !r.started {
		r.started, r.id, r.k, r.size = true, f.id, f.k, len(f.block)
		r.seen, r.rows = map[int]bool{}, make([]*row, f.k)
		r.steps.Equal = bytes.Equal
	}
	switch {
	case f.id != r.id:
		return r.Progress(), fmt.Errorf("%w: transfer %x, not %x", ErrOtherTransfer, f.id[:2], r.id[:2])
	case f.k != r.k || len(f.block) != r.size:
		return r.Progress(), fmt.Errorf("%w: %d blocks of %d bytes, not %d of %d", ErrDamaged, f.k, len(f.block), r.k, r.size)
	case f.seq >= r.k && r.seen[f.seq]:
		return r.Progress(), fmt.Errorf("%w: code %d", ErrRepeated, f.seq+1)
	case f.seq < r.k:
		_, err := r.steps.Add(f.id, f.seq, f.k, bytes.Clone(f.block))
		switch {
		case errors.Is(err, multipart.ErrRepeated):
			return r.Progress(), fmt.Errorf("%w: code %d", ErrRepeated, f.seq+1)
		case err != nil:
			return r.Progress(), fmt.Errorf("%w: %v", ErrDamaged, err)
		}
	}
	r.seen[f.seq] = true
	r.codes++
	coef := make([]uint64, (r.k+63)/64)
	for i, on := range coefficients(f.id, f.k, f.seq) {
		if on {
			coef[i/64] |= 1 << (i % 64)
		}
	}
	r.reduce(&row{coef: coef, data: append([]byte(nil), f.block...)})
	return r.Progress(), nil
}

// reduce adds a row to the echelon form, if it is independent of it.
func (r *Receiver) reduce(n *row) {
	for i, p := range r.rows {
		if p != nil && n.coef[i/64]>>(i%64)&1 == 1 {
			n.xor(p)
		}
	}
	lead := -1
	for w, v := range n.coef {
		if v != 0 {
			lead = w*64 + bits.TrailingZeros64(v)
			break
		}
	}
	if lead < 0 {
		return // a sum of blocks known already
	}
	for _, p := range r.rows {
		if p != nil && p.coef[lead/64]>>(lead%64)&1 == 1 {
			p.xor(n)
		}
	}
	r.rows[lead] = n
	r.rank++
}

func (x *row) xor(y *row) {
	for i := range x.coef {
		x.coef[i] ^= y.coef[i]
	}
	for i := range x.data {
		x.data[i] ^= y.data[i]
	}
}

// known reports whether block i is known: its row holds it alone.
func (r *Receiver) known(i int) bool {
	p := r.rows[i]
	if p == nil {
		return false
	}
	n := 0
	for _, v := range p.coef {
		n += bits.OnesCount64(v)
	}
	return n == 1
}

// Progress returns how far the transfer is; before the first code it is
// the zero Progress.
func (r *Receiver) Progress() Progress {
	p := Progress{Total: r.k, Codes: r.codes}
	for i := range r.k {
		if r.known(i) {
			p.Have++
		} else {
			p.Missing = append(p.Missing, i)
		}
	}
	return p
}

// Sealed returns the message once every block is known, checked as far as
// it can be without the verification code: an error wrapping
// [ErrIncomplete] while blocks are missing, [ErrDamaged], [ErrVersion] or
// [ErrParams] otherwise.
func (r *Receiver) Sealed() (*Sealed, error) {
	if r.rank < r.k || r.k == 0 {
		return nil, fmt.Errorf("%w: %d of %d codes", ErrIncomplete, r.Progress().Have, r.k)
	}
	padded := make([]byte, 0, r.k*r.size)
	for _, p := range r.rows {
		padded = append(padded, p.data...)
	}
	return parseSealed(r.id, padded)
}
