package scan

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// testAccount makes a TOTP account whose secret depends on its name.
func testAccount(issuer, name string) otpauth.Account {
	return otpauth.Account{Issuer: issuer, Name: name, Key: otp.Key{
		Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("secret of " + name),
	}}
}

// exportOf splits accounts into the codes of a Google Authenticator
// export, one account a code.
func exportOf(t testing.TB, id int, accounts ...otpauth.Account) []string {
	t.Helper()
	uris, skipped := migration.Split(accounts, 1, id)
	if len(skipped) > 0 {
		t.Fatalf("Split skipped %v", skipped)
	}
	return uris
}

// describeEvent writes an event in a line a test can compare.
func describeEvent(e Event) string {
	switch e := e.(type) {
	case *Account:
		return "account " + e.Account.Issuer + ":" + e.Account.Name
	case *Progress:
		s := fmt.Sprintf("progress %v #%d code %d, %d of %d missing %v", e.Kind, e.Message, e.Index, e.Have, e.Total, e.Missing)
		if e.Repeated {
			s += " again"
		}
		return s
	case *Export:
		names := make([]string, len(e.Accounts))
		for i, a := range e.Accounts {
			names[i] = a.Name
		}
		return fmt.Sprintf("export #%d of %d codes: %s", e.Message, e.Codes, strings.Join(names, " "))
	case *Problem:
		for _, s := range []error{ErrNoAccount, ErrUnreadable, ErrOtherExport, ErrOtherTransfer, ErrMixed, ErrNewerTransfer} {
			if errors.Is(e.Err, s) {
				return fmt.Sprintf("problem %v: %v", e.Kind, s)
			}
		}
		return fmt.Sprintf("problem %v: %v", e.Kind, e.Err)
	}
	return fmt.Sprintf("%T", e)
}

func TestSession(t *testing.T) {
	a, b, c := testAccount("I", "a"), testAccount("I", "b"), testAccount("I", "c")
	x, y := testAccount("O", "x"), testAccount("O", "y")
	exp := exportOf(t, 7, a, b, c)
	other := exportOf(t, 8, x, y)
	single := exportOf(t, 9, x)
	// same batch id and size, other accounts
	forged := exportOf(t, 7, x, y, c)
	uri := otpauth.Format(a)

	tests := []struct {
		name    string
		several bool
		calls   [][]string
		want    [][]string // the events of each call
	}{
		{
			name:  "one account",
			calls: [][]string{{uri}},
			want:  [][]string{{"account I:a"}},
		},
		{
			name:  "not an account",
			calls: [][]string{{"https://example.com"}},
			want:  [][]string{{"problem other: this QR code holds no authenticator account"}},
		},
		{
			name:  "damaged account and export code",
			calls: [][]string{{"otpauth://totp/x?secret=!!"}, {"otpauth-migration://offline?data=XXXX"}},
			want:  [][]string{{"problem account: code not readable"}, {"problem migration: code not readable"}},
		},
		{
			name:  "export in any order, with repeats",
			calls: [][]string{{exp[2]}, {exp[0]}, {exp[2]}, {exp[1]}},
			want: [][]string{
				{"progress migration #1 code 2, 1 of 3 missing [0 1]"},
				{"progress migration #1 code 0, 2 of 3 missing [1]"},
				{"progress migration #1 code 2, 2 of 3 missing [1] again"},
				{"export #1 of 3 codes: a b c"},
			},
		},
		{
			name:  "the same text twice in a row is read once",
			calls: [][]string{{exp[0], exp[0]}, {exp[0]}, {uri, uri}},
			want:  [][]string{{"progress migration #1 code 0, 1 of 3 missing [1 2]"}, nil, {"account I:a"}},
		},
		{
			name:  "a whole export at once, and what follows is left",
			calls: [][]string{{exp[1], exp[0], exp[2], uri}},
			want: [][]string{{
				"progress migration #1 code 1, 1 of 3 missing [0 2]",
				"progress migration #1 code 0, 2 of 3 missing [2]",
				"export #1 of 3 codes: a b c",
			}},
		},
		{
			name:  "an account stops the call",
			calls: [][]string{{uri, exp[0]}},
			want:  [][]string{{"account I:a"}},
		},
		{
			name:  "another export while one is half-read",
			calls: [][]string{{exp[0]}, {other[1]}, {single[0]}, {forged[0]}, {exp[1], exp[2]}},
			want: [][]string{
				{"progress migration #1 code 0, 1 of 3 missing [1 2]"},
				{"problem migration: code of another export"},
				{"problem migration: code of another export"},
				{"problem migration: code of another export"},
				{"progress migration #1 code 1, 2 of 3 missing [2]", "export #1 of 3 codes: a b c"},
			},
		},
		{
			name:  "another export once one is complete",
			calls: [][]string{{exp[0], exp[1], exp[2]}, {exp[1]}, {other[1]}, {forged[0]}, {other[0]}},
			want: [][]string{
				{"progress migration #1 code 0, 1 of 3 missing [1 2]", "progress migration #1 code 1, 2 of 3 missing [2]", "export #1 of 3 codes: a b c"},
				nil, // a code of the export read: ignored
				{"progress migration #2 code 1, 1 of 2 missing [0]"},
				{"problem migration: code of another export"},
				{"export #2 of 2 codes: x y"},
			},
		},
		{
			name:    "several exports side by side",
			several: true,
			calls:   [][]string{{exp[0]}, {other[1]}, {single[0]}, {exp[2]}, {other[0]}, {exp[1]}},
			want: [][]string{
				{"progress migration #1 code 0, 1 of 3 missing [1 2]"},
				{"progress migration #2 code 1, 1 of 2 missing [0]"},
				{"export #3 of 1 codes: x"},
				{"progress migration #1 code 2, 2 of 3 missing [1]"},
				{"export #2 of 2 codes: x y"},
				{"export #1 of 3 codes: a b c"},
			},
		},
		{
			name:  "a transfer frame while an export is half-read",
			calls: [][]string{{exp[0]}, {"TWOFOLD:whatever"}},
			want: [][]string{
				{"progress migration #1 code 0, 1 of 3 missing [1 2]"},
				{"problem transfer: codes of an export and of a transfer mixed"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Session{Several: tt.several}
			for i, texts := range tt.calls {
				var got []string
				for _, e := range s.Add(texts...) {
					got = append(got, describeEvent(e))
				}
				if !slices.Equal(got, tt.want[i]) {
					t.Errorf("call %d: events\n%s\nwant\n%s", i, strings.Join(got, "\n"), strings.Join(tt.want[i], "\n"))
				}
			}
		})
	}
}

func TestSessionPendingAndReset(t *testing.T) {
	exp := exportOf(t, 1, testAccount("I", "a"), testAccount("I", "b"), testAccount("I", "c"))
	other := exportOf(t, 2, testAccount("O", "x"), testAccount("O", "y"))
	s := Session{Several: true}
	s.Add(other[0], exp[2], exp[1])
	got := s.Pending()
	if len(got) != 2 || got[0].Message != 1 || got[0].Have != 1 || got[0].Total != 2 ||
		got[1].Message != 2 || !slices.Equal(got[1].Missing, []int{0}) || got[1].Index != -1 {
		t.Errorf("Pending = %+v, want export 1 (1 of 2) then export 2 (2 of 3, missing [0])", got)
	}
	s.Add(other[1])
	if got := s.Pending(); len(got) != 1 || got[0].Message != 2 {
		t.Errorf("Pending after the first export is complete = %+v", got)
	}

	s.Reset()
	if !s.Several || len(s.Pending()) != 0 {
		t.Errorf("after Reset: Several %v, pending %+v", s.Several, s.Pending())
	}
	// After Reset, the same text is read again, and the export begins
	// anew.
	if ev := s.Add(exp[1]); len(ev) != 1 || describeEvent(ev[0]) != "progress migration #1 code 1, 1 of 3 missing [0 2]" {
		t.Errorf("after Reset: %v", ev)
	}
	// ForgetLast lets the same text through again.
	s.ForgetLast()
	if ev := s.Add(exp[1]); len(ev) != 1 || !ev[0].(*Progress).Repeated {
		t.Errorf("after ForgetLast: %v", ev)
	}
}

func TestSessionProblems(t *testing.T) {
	exp := exportOf(t, 1, testAccount("I", "a"), testAccount("I", "b"))
	other := exportOf(t, 2, testAccount("I", "a"), testAccount("I", "b"))
	var s Session
	s.Add(exp[0])
	ev := s.Add(other[1])
	p, ok := ev[0].(*Problem)
	if !ok {
		t.Fatalf("events %v", ev)
	}
	// The error reads as the export's, and matches both sentinels.
	if !errors.Is(p.Err, ErrOtherExport) || !errors.Is(p.Err, migration.ErrOtherBatch) ||
		p.Err.Error() != "code from another export: batch id 2, not 1" {
		t.Errorf("problem %q", p.Err)
	}
	ev = s.Add("  Hello,\n world  ")
	if p := ev[0].(*Problem); p.Kind != KindOther || p.Preview != "Hello, world" || !errors.Is(p.Err, ErrNoAccount) {
		t.Errorf("problem %+v", p)
	}
	ev = s.Add("otpauth://totp/x?secret=JBSWY3DPEHPK3PX!")
	if p := ev[0].(*Problem); p.Kind != KindAccount || p.Preview != "" || !errors.Is(p.Err, ErrUnreadable) ||
		strings.Contains(p.Err.Error(), "JBSWY3DPEHPK3PX") {
		t.Errorf("problem %+v", p)
	}
}

// FuzzSession reads codes of two exports, of a transfer, an account and
// texts of no use in an order from the input: every export or transfer that
// completes must hold exactly its accounts, each problem must be one of the
// package's, and one message at most is half-read at a time.
func FuzzSession(f *testing.F) {
	f.Add([]byte{0, 1, 2})
	f.Add([]byte{2, 0, 4, 1, 0, 2})
	f.Add([]byte{3, 0, 5, 6, 1, 7, 2, 5, 4})
	f.Add([]byte{8, 9, 10, 0, 0, 11, 1, 2})
	f.Add([]byte{5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 0})
	f.Fuzz(func(t *testing.T, order []byte) {
		one := []otpauth.Account{testAccount("I", "a"), testAccount("I", "b"), testAccount("I", "c")}
		two := []otpauth.Account{testAccount("O", "x"), testAccount("O", "y")}
		exp, other := exportOf(t, 1, one...), exportOf(t, 2, two...)
		tr := sendTransfer(t, 5, "t", "u")
		texts := append(append(append(slices.Clone(exp), other...), tr.frames...),
			otpauth.Format(one[0]), "https://example.com", "otpauth-migration://offline?data=AAAA", "TWOFOLD:x", "")
		var s Session
		for _, o := range order {
			text := texts[int(o)%len(texts)]
			if o >= 128 {
				s.ForgetLast()
			}
			for _, e := range s.Add(text) {
				switch e := e.(type) {
				case *Export:
					want := map[int][]otpauth.Account{3: one, 2: two}[e.Codes]
					if len(e.Accounts) != len(want) {
						t.Fatalf("export of %d codes with %d accounts", e.Codes, len(e.Accounts))
					}
					for i := range want {
						if otpauth.Format(e.Accounts[i]) != otpauth.Format(want[i]) {
							t.Fatalf("export account %d is %v, want %v", i, e.Accounts[i], want[i])
						}
					}
				case *Transfer:
					got, err := e.Sealed.Open(tr.code, fakeDerive)
					if err != nil || len(got) != 2 || got[0].Name != "t" || got[1].Name != "u" {
						t.Fatalf("the transfer opened to %v, %v", got, err)
					}
				case *Problem:
					known := false
					for _, s := range []error{ErrNoAccount, ErrUnreadable, ErrOtherExport, ErrMixed, ErrOtherTransfer, ErrNewerTransfer} {
						known = known || errors.Is(e.Err, s)
					}
					if !known {
						t.Fatalf("problem %v wraps none of the package's errors", e.Err)
					}
				case *Progress:
					if e.Have >= e.Total || len(e.Missing) != e.Total-e.Have {
						t.Fatalf("progress %+v", e)
					}
				}
			}
			if n := len(s.Pending()); n > 1 {
				t.Fatalf("%d messages half-read at once", n)
			}
		}
	})
}
