// Package multipart puts a message sent in several parts back together:
// the QR codes of a Google Authenticator export, the frames of a Twofold
// transfer. Every part names its message (an id), its place in it (an
// index from 0) and the number of parts (the total); parts may arrive in
// any order, more than once, and mixed with parts of other messages.
//
// An [Assembler] gathers the parts of one message. The first part added
// fixes the message's id and total; a part that disagrees with them is
// refused with [ErrForeign], a part read before is recognised with
// [ErrRepeated], and a part at an index already filled that differs from
// the one there is refused with [ErrConflict]. Refused and repeated parts
// leave the Assembler unchanged, so a caller may show the error and go on.
package multipart

import (
	"errors"
	"fmt"
	"reflect"
)

// Errors of [Assembler.Add] and [Assembler.Parts]. Add's errors wrap one of
// them with the details.
var (
	// ErrRepeated means the part was added before. It is harmless: the
	// Assembler is unchanged.
	ErrRepeated = errors.New("part read before")
	// ErrForeign means the part belongs to another message than the parts
	// added before: another id, or another total.
	ErrForeign = errors.New("part of another message")
	// ErrConflict means a part was added before at the same index with
	// other content: the message, or one of the two parts, is not what it
	// claims.
	ErrConflict = errors.New("part differs from the one read before at its index")
	// ErrIndex means the part's index is not below its total, or the
	// total is below one.
	ErrIndex = errors.New("part index out of range")
	// ErrIncomplete is returned by [Assembler.Parts] while parts are
	// missing.
	ErrIncomplete = errors.New("message incomplete")
)

// Progress says how far an [Assembler] is: Have of Total parts, and the
// indexes (from 0, in increasing order) of those still missing; Missing is
// nil when none is. A user-facing count is Have "of" Total; a missing index
// i is part i+1.
type Progress struct {
	Have, Total int
	Missing     []int
}

// Done reports whether every part is there.
func (p Progress) Done() bool { return p.Total > 0 && p.Have == p.Total }

// Assembler gathers the parts of one message, identified by an id of type
// ID, each part a value of type P. The zero Assembler is empty and ready to
// use; the first part added fixes the id and the total the others must
// have.
type Assembler[ID comparable, P any] struct {
	// Equal reports whether two parts at the same index are the same part;
	// nil means [reflect.DeepEqual]. A part that is not the same as the one
	// already at its index is refused with ErrConflict.
	Equal func(a, b P) bool

	started bool
	id      ID
	parts   []P
	filled  []bool
	have    int
}

// Add adds the part at index of a message of total parts identified by id.
// It returns the progress after the part. A part that is not added returns
// the progress before it and an error wrapping [ErrRepeated] (the same part
// again), [ErrForeign], [ErrConflict] or [ErrIndex].
//
// The Assembler keeps part as it is: a caller that will change what part
// refers to must add a copy.
func (a *Assembler[ID, P]) Add(id ID, index, total int, part P) (Progress, error) {
	if total < 1 || index < 0 || index >= total {
		return a.Progress(), fmt.Errorf("%w: part %d of %d", ErrIndex, index+1, total)
	}
	if !a.started {
		a.started, a.id = true, id
		a.parts, a.filled = make([]P, total), make([]bool, total)
	}
	switch {
	case id != a.id:
		return a.Progress(), fmt.Errorf("%w: id %v, not %v", ErrForeign, id, a.id)
	case total != len(a.parts):
		return a.Progress(), fmt.Errorf("%w: %d parts, not %d", ErrForeign, total, len(a.parts))
	}
	if a.filled[index] {
		if !a.equal(a.parts[index], part) {
			return a.Progress(), fmt.Errorf("%w: part %d of %d", ErrConflict, index+1, total)
		}
		return a.Progress(), fmt.Errorf("%w: part %d of %d", ErrRepeated, index+1, total)
	}
	a.parts[index], a.filled[index] = part, true
	a.have++
	return a.Progress(), nil
}

func (a *Assembler[ID, P]) equal(x, y P) bool {
	if a.Equal != nil {
		return a.Equal(x, y)
	}
	return reflect.DeepEqual(x, y)
}

// Progress returns how many parts are there and which are missing. Before
// the first part it is the zero Progress.
func (a *Assembler[ID, P]) Progress() Progress {
	p := Progress{Have: a.have, Total: len(a.parts)}
	for i, ok := range a.filled {
		if !ok {
			p.Missing = append(p.Missing, i)
		}
	}
	return p
}

// ID returns the id of the message, and false before the first part.
func (a *Assembler[ID, P]) ID() (ID, bool) { return a.id, a.started }

// Parts returns the parts in index order once every part is there, and
// before that an error wrapping [ErrIncomplete]. The slice is new; the
// parts are those added.
func (a *Assembler[ID, P]) Parts() ([]P, error) {
	if a.have == 0 || a.have < len(a.parts) {
		return nil, fmt.Errorf("%w: %d of %d parts", ErrIncomplete, a.have, len(a.parts))
	}
	return append([]P(nil), a.parts...), nil
}

// Reset empties the Assembler, which keeps its Equal.
func (a *Assembler[ID, P]) Reset() { *a = Assembler[ID, P]{Equal: a.Equal} }
