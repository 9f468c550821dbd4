package scan

import (
	"errors"
	"fmt"

	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
	"twofold.app/app/transfer"
)

// Problems a [Session] reports. The Err of a [Problem] wraps one of them,
// or [ErrNoAccount], and the error of package otpauth, migration or
// transfer behind it.
var (
	// ErrUnreadable means the text is an account link, a Google
	// Authenticator export code or a Twofold transfer code that cannot be
	// read: malformed, damaged, or missing a field. Classify's errors for
	// such texts wrap it too.
	ErrUnreadable = errors.New("code not readable")
	// ErrOtherExport means the code belongs to another Google
	// Authenticator export than the half-read one: another batch, or a
	// code at a position read before with other accounts.
	ErrOtherExport = errors.New("code of another export")
	// ErrOtherTransfer means the frame belongs to another Twofold transfer
	// than the half-read one.
	ErrOtherTransfer = errors.New("frame of another transfer")
	// ErrMixed means a transfer frame was read while a Google
	// Authenticator export was half-read, or an export code while a
	// transfer was: the session does not mix them.
	ErrMixed = errors.New("codes of an export and of a transfer mixed")
	// ErrNewerTransfer means the transfer frame was written by a newer
	// version of Twofold, in a format this one does not read.
	ErrNewerTransfer = errors.New("transfer from a newer version")
)

// An Event is what a [Session] made of a scanned text: an [*Account], a
// [*Progress], an [*Export], a [*Transfer] or a [*Problem].
type Event interface{ event() }

// Account is a scanned otpauth URI: one account.
type Account struct {
	Account otpauth.Account
}

// Progress is a code of a multi-code message read, or read again, while
// some of its codes are still missing: a Google Authenticator export
// (Kind KindMigration) or a Twofold transfer (KindTransfer).
type Progress struct {
	Kind Kind
	// Message numbers the multi-code messages of a session from 1, in the
	// order their first code was read, so that a caller can tell them
	// apart.
	Message int
	// Index is the position of the code read, from 0, or -1 when it is not
	// known (a repeated transfer frame).
	Index int
	// Repeated is true when the code was read before: nothing changed.
	Repeated bool
	// Have of Total codes are read; Missing lists the indexes of the
	// others, from 0, in increasing order. A user-facing count is Have
	// "of" Total; a missing index i is code i+1.
	Have, Total int
	Missing     []int
}

// Export is a complete Google Authenticator export.
type Export struct {
	Message int
	// Codes is how many QR codes the export was.
	Codes int
	// Accounts are the accounts of the export, in its order.
	Accounts []otpauth.Account
	// Skipped are the accounts the export holds that Twofold cannot use,
	// with Index counted across the whole export.
	Skipped []migration.Skip
}

// Transfer is a complete Twofold transfer, checked as far as it can be
// without its verification code: Sealed opens with the code the person
// types (see [transfer.Sealed.Open]).
type Transfer struct {
	Message int
	// Codes is how many distinct codes were read.
	Codes  int
	Sealed *transfer.Sealed
}

// Problem is a scanned text that gave nothing: not an account, a damaged
// code, a code of another export… Err says which (see the errors of this
// package).
type Problem struct {
	// Kind is what the text looked like.
	Kind Kind
	// Preview is the text shortened for a message, when Kind is KindOther
	// (the other kinds may hold secrets).
	Preview string
	Err     error
}

func (*Account) event()  {}
func (*Progress) event() {}
func (*Export) event()   {}
func (*Transfer) event() {}
func (*Problem) event()  {}

// Session turns the texts of the QR codes a person scans, one after
// another, into events: an account, the progress of a multi-code message
// (a Google Authenticator export, a Twofold transfer) and at last the whole
// of it, or a problem. It is what the app's scanner and the twofold scan
// command share; it knows nothing of cameras, images or wording.
//
// A multi-code message is gathered in any order, and its repeated codes are
// recognised; a transfer's codes go to a [transfer.Receiver]. Only one
// message is gathered at a time (Several allows more exports): a code of
// another export or transfer, or a transfer code while an export is
// half-read (or the reverse), is a Problem and changes nothing. Once
// complete, a message's codes read again are ignored.
//
// The zero Session is ready to use. A Session holds the secrets read until
// it is dropped or Reset.
type Session struct {
	// Several lets the codes of several Google Authenticator exports be
	// gathered side by side, each on its own: what a command given many
	// images wants. Without it a code of another export while one is
	// half-read is refused with ErrOtherExport.
	Several bool

	last     string // the last text read, if hasLast
	hasLast  bool
	exports  []*export // in the order their first code was read
	transfer *receiving
	messages int // the number of the last message begun
}

// receiving is the Twofold transfer of a Session.
type receiving struct {
	message int
	r       transfer.Receiver
	done    bool
}

// export is a Google Authenticator export of a Session.
type export struct {
	message int
	id      int
	batch   migration.Batch
	done    bool
}

// Add reads the texts of QR codes scanned at once, in order, and returns
// what came of them. A text the same as the one before it (in this call
// or the last) is ignored, so that a camera that sees a code in frame
// after frame reports it once. Add stops at the first text that completes
// something (an [*Account], an [*Export] or a [*Transfer]): the texts after
// it are left unread, as the caller has moved on.
func (s *Session) Add(texts ...string) []Event {
	var events []Event
	for _, text := range texts {
		if s.hasLast && text == s.last {
			continue
		}
		s.last, s.hasLast = text, true
		e := s.add(text)
		if e == nil {
			continue
		}
		events = append(events, e)
		switch e.(type) {
		case *Account, *Export, *Transfer:
			return events
		}
	}
	return events
}

// ForgetLast makes the next text count even if it is the same as the last
// one: for a new camera start or a new image, where reading the same code
// again is the person's intent.
func (s *Session) ForgetLast() { s.last, s.hasLast = "", false }

// Reset forgets everything read.
func (s *Session) Reset() { *s = Session{Several: s.Several} }

// Pending returns the progress of the multi-code messages begun and not
// complete, in the order their first code was read, with Index -1.
func (s *Session) Pending() []Progress {
	var ps []Progress
	for _, x := range s.exports {
		if !x.done {
			ps = append(ps, x.progress(-1, false, x.batch.Progress()))
		}
	}
	if s.transferPending() {
		ps = append(ps, s.transfer.progress(-1, false, s.transfer.r.Progress()))
	}
	return ps
}

func (s *Session) add(text string) Event {
	it := Classify(text)
	switch {
	case it.Err != nil:
		return &Problem{Kind: it.Kind, Preview: it.Preview, Err: it.Err}
	case it.Kind == KindAccount:
		return &Account{Account: it.Account}
	case it.Kind == KindMigration:
		return s.exportCode(it.Migration)
	case it.Kind == KindTransfer:
		return s.transferFrame(it.Text)
	}
	return nil // unreachable: Classify gives an error for KindOther
}

// exportCode adds a code of a Google Authenticator export.
func (s *Session) exportCode(p migration.Payload) Event {
	if s.transferPending() {
		return &Problem{Kind: KindMigration, Err: fmt.Errorf("%w: a google authenticator export code while a transfer is half-read", ErrMixed)}
	}
	var x, pending *export
	for _, e := range s.exports {
		if e.id == p.BatchID {
			x = e
		}
		if !e.done && pending == nil {
			pending = e
		}
	}
	if x == nil && pending != nil && !s.Several {
		// Let the half-read export say how the code differs.
		x = pending
	}
	fresh := x == nil
	if fresh {
		x = &export{id: p.BatchID}
	}
	before := x.batch.Progress()
	prog, err := x.batch.Add(p)
	switch {
	case errors.Is(err, migration.ErrOtherBatch):
		return &Problem{Kind: KindMigration, Err: mark(ErrOtherExport, err)}
	case err != nil:
		return &Problem{Kind: KindMigration, Err: fmt.Errorf("google authenticator export %w: %w", ErrUnreadable, err)}
	case x.done:
		return nil
	}
	if fresh {
		s.messages++
		x.message = s.messages
		s.exports = append(s.exports, x)
	}
	if !prog.Done() {
		e := x.progress(p.BatchIndex, prog.Have == before.Have, prog)
		return &e
	}
	accounts, skipped, err := x.batch.Accounts()
	if err != nil {
		panic("scan: a complete export has no accounts: " + err.Error()) // unreachable
	}
	x.done = true
	return &Export{Message: x.message, Codes: prog.Total, Accounts: accounts, Skipped: skipped}
}

func (x *export) progress(index int, repeated bool, p migration.Progress) Progress {
	return Progress{Kind: KindMigration, Message: x.message, Index: index, Repeated: repeated,
		Have: p.Have, Total: p.Total, Missing: p.Missing}
}

// exportPending reports whether a Google Authenticator export is
// half-read.
func (s *Session) exportPending() bool {
	for _, x := range s.exports {
		if !x.done {
			return true
		}
	}
	return false
}

// transferPending reports whether a Twofold transfer is half-read.
func (s *Session) transferPending() bool {
	return s.transfer != nil && !s.transfer.done
}

// transferFrame adds a code of a Twofold transfer.
func (s *Session) transferFrame(text string) Event {
	if s.exportPending() {
		return &Problem{Kind: KindTransfer, Err: fmt.Errorf("%w: a transfer code while a google authenticator export is half-read", ErrMixed)}
	}
	x := s.transfer
	if x == nil {
		x = new(receiving)
	}
	before := x.r.Progress()
	prog, err := x.r.Add(text)
	if x.done {
		if !errors.Is(err, transfer.ErrOtherTransfer) {
			// A code of the transfer received: ignored, like its
			// problems.
			return nil
		}
		// A new transfer after a complete one.
		x = new(receiving)
		before = x.r.Progress()
		prog, err = x.r.Add(text)
	}
	switch {
	case errors.Is(err, transfer.ErrRepeated):
		return x.progressEvent(-1, true, prog)
	case errors.Is(err, transfer.ErrOtherTransfer):
		return &Problem{Kind: KindTransfer, Err: mark(ErrOtherTransfer, err)}
	case err != nil:
		return transferProblem(err)
	}
	if x != s.transfer {
		s.messages++
		x.message = s.messages
		s.transfer = x
	}
	if !prog.Done() {
		return x.progressEvent(newBlock(before, prog), false, prog)
	}
	x.done = true
	sealed, err := x.r.Sealed()
	if err != nil {
		// Every code was read, but the message is spoilt: start again
		// from the next code.
		s.transfer = nil
		return transferProblem(err)
	}
	return &Transfer{Message: x.message, Codes: prog.Codes, Sealed: sealed}
}

// transferProblem is the Problem of a transfer code or message that cannot
// be read.
func transferProblem(err error) *Problem {
	if errors.Is(err, transfer.ErrVersion) {
		return &Problem{Kind: KindTransfer, Err: mark(ErrNewerTransfer, err)}
	}
	return &Problem{Kind: KindTransfer, Err: fmt.Errorf("transfer %w: %w", ErrUnreadable, err)}
}

// newBlock returns the block a code made known, or -1 when it made none,
// or several, known. Missing lists are in increasing order.
func newBlock(before, after transfer.Progress) int {
	if after.Have != before.Have+1 {
		return -1
	}
	if before.Total == 0 {
		// The first code: every block was missing.
		before.Missing = make([]int, after.Total)
		for i := range before.Missing {
			before.Missing[i] = i
		}
	}
	for i, m := range before.Missing {
		if i >= len(after.Missing) || after.Missing[i] != m {
			return m
		}
	}
	return -1 // unreachable
}

func (x *receiving) progress(index int, repeated bool, p transfer.Progress) Progress {
	return Progress{Kind: KindTransfer, Message: x.message, Index: index, Repeated: repeated,
		Have: p.Have, Total: p.Total, Missing: p.Missing}
}

func (x *receiving) progressEvent(index int, repeated bool, p transfer.Progress) *Progress {
	e := x.progress(index, repeated, p)
	return &e
}

// marked is an error that reads as its cause, and matches both the cause
// and a sentinel of this package.
type marked struct{ sentinel, cause error }

func mark(sentinel, cause error) error { return &marked{sentinel, cause} }

func (e *marked) Error() string   { return e.cause.Error() }
func (e *marked) Unwrap() []error { return []error{e.sentinel, e.cause} }
