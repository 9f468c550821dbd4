package multipart_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"twofold.app/app/multipart"
)

type add struct {
	id           string
	index, total int
	part         string
	err          error // nil when the part is taken
}

var assemblerTests = []struct {
	name    string
	adds    []add
	have    int
	total   int
	missing []int
	parts   []string // nil while incomplete
}{
	{name: "empty"},
	{
		name:  "one part",
		adds:  []add{{"a", 0, 1, "x", nil}},
		have:  1,
		total: 1,
		parts: []string{"x"},
	},
	{
		name:  "in order",
		adds:  []add{{"a", 0, 3, "x", nil}, {"a", 1, 3, "y", nil}, {"a", 2, 3, "z", nil}},
		have:  3,
		total: 3,
		parts: []string{"x", "y", "z"},
	},
	{
		name:  "reversed",
		adds:  []add{{"a", 2, 3, "z", nil}, {"a", 1, 3, "y", nil}, {"a", 0, 3, "x", nil}},
		have:  3,
		total: 3,
		parts: []string{"x", "y", "z"},
	},
	{
		name:    "a part missing",
		adds:    []add{{"a", 2, 4, "z", nil}, {"a", 0, 4, "w", nil}},
		have:    2,
		total:   4,
		missing: []int{1, 3},
	},
	{
		name:  "repeats",
		adds:  []add{{"a", 1, 2, "y", nil}, {"a", 1, 2, "y", multipart.ErrRepeated}, {"a", 0, 2, "x", nil}, {"a", 0, 2, "x", multipart.ErrRepeated}},
		have:  2,
		total: 2,
		parts: []string{"x", "y"},
	},
	{
		name:    "another id",
		adds:    []add{{"a", 0, 3, "x", nil}, {"b", 1, 3, "y", multipart.ErrForeign}},
		have:    1,
		total:   3,
		missing: []int{1, 2},
	},
	{
		name:    "another total",
		adds:    []add{{"a", 0, 3, "x", nil}, {"a", 1, 4, "y", multipart.ErrForeign}},
		have:    1,
		total:   3,
		missing: []int{1, 2},
	},
	{
		name:    "other content at a filled index",
		adds:    []add{{"a", 0, 2, "x", nil}, {"a", 0, 2, "X", multipart.ErrConflict}},
		have:    1,
		total:   2,
		missing: []int{1},
	},
	{
		name:    "index out of range first",
		adds:    []add{{"a", 3, 3, "x", multipart.ErrIndex}, {"b", 0, 2, "y", nil}},
		have:    1,
		total:   2,
		missing: []int{1},
	},
	{
		name: "bad indexes",
		adds: []add{{"a", 0, 2, "x", nil}, {"a", -1, 2, "y", multipart.ErrIndex}, {"a", 2, 2, "y", multipart.ErrIndex},
			{"a", 0, 0, "y", multipart.ErrIndex}},
		have:    1,
		total:   2,
		missing: []int{1},
	},
	{
		name:  "empty id and empty parts",
		adds:  []add{{"", 1, 2, "", nil}, {"", 0, 2, "", nil}},
		have:  2,
		total: 2,
		parts: []string{"", ""},
	},
}

func TestAssembler(t *testing.T) {
	for _, tt := range assemblerTests {
		t.Run(tt.name, func(t *testing.T) {
			var a multipart.Assembler[string, string]
			for i, x := range tt.adds {
				before := a.Progress()
				got, err := a.Add(x.id, x.index, x.total, x.part)
				if !errors.Is(err, x.err) || (x.err == nil) != (err == nil) {
					t.Fatalf("add %d (%+v): error %v, want %v", i, x, err, x.err)
				}
				if err != nil && !equalProgress(got, before) {
					t.Errorf("add %d: a refused part changed the progress from %+v to %+v", i, before, got)
				}
			}
			p := a.Progress()
			if p.Have != tt.have || p.Total != tt.total || !slices.Equal(p.Missing, tt.missing) {
				t.Errorf("progress %+v, want %d of %d missing %v", p, tt.have, tt.total, tt.missing)
			}
			parts, err := a.Parts()
			switch {
			case tt.parts == nil && !errors.Is(err, multipart.ErrIncomplete):
				t.Errorf("Parts of an incomplete message: %v, %v; want ErrIncomplete", parts, err)
			case tt.parts != nil && (err != nil || !slices.Equal(parts, tt.parts)):
				t.Errorf("Parts = %q, %v; want %q", parts, err, tt.parts)
			}
			if p.Done() != (tt.parts != nil) {
				t.Errorf("Done = %v with parts %q", p.Done(), tt.parts)
			}
		})
	}
}

func equalProgress(x, y multipart.Progress) bool {
	return x.Have == y.Have && x.Total == y.Total && slices.Equal(x.Missing, y.Missing)
}

func TestAssemblerIDAndReset(t *testing.T) {
	a := multipart.Assembler[[8]byte, []byte]{Equal: bytes.Equal}
	if _, ok := a.ID(); ok {
		t.Error("an empty Assembler has an id")
	}
	id := [8]byte{1, 2, 3}
	if _, err := a.Add(id, 0, 2, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, ok := a.ID(); !ok || got != id {
		t.Errorf("ID = %v, %v; want %v", got, ok, id)
	}
	// bytes.Equal is used: a copy is the same part.
	if _, err := a.Add(id, 0, 2, []byte("x")); !errors.Is(err, multipart.ErrRepeated) {
		t.Errorf("the same bytes again: %v, want ErrRepeated", err)
	}
	a.Reset()
	if p := a.Progress(); p.Total != 0 || a.Equal == nil {
		t.Errorf("after Reset: progress %+v, Equal kept %v", p, a.Equal != nil)
	}
	other := [8]byte{9}
	if p, err := a.Add(other, 0, 1, []byte("y")); err != nil || !p.Done() {
		t.Errorf("after Reset, a part of another message: %+v, %v", p, err)
	}
}

func TestAssemblerErrorsSayWhich(t *testing.T) {
	var a multipart.Assembler[int, string]
	a.Add(7, 1, 3, "y")
	tests := []struct {
		id, index, total int
		part             string
		want             string
	}{
		{8, 0, 3, "x", "part of another message: id 8, not 7"},
		{7, 0, 4, "x", "part of another message: 4 parts, not 3"},
		{7, 1, 3, "z", "part differs from the one read before at its index: part 2 of 3"},
		{7, 1, 3, "y", "part read before: part 2 of 3"},
		{7, 3, 3, "y", "part index out of range: part 4 of 3"},
	}
	for _, tt := range tests {
		if _, err := a.Add(tt.id, tt.index, tt.total, tt.part); err == nil || err.Error() != tt.want {
			t.Errorf("Add(%d, %d, %d): %v, want %q", tt.id, tt.index, tt.total, err, tt.want)
		}
	}
}

// FuzzAssembler adds the parts of a message, and parts of others, in an
// order, with repeats and drops, all read from the input; the message must
// come back exactly when every part was added, and every refusal must be
// the typed error the step calls for.
func FuzzAssembler(f *testing.F) {
	f.Add(uint8(3), []byte{0, 1, 2})
	f.Add(uint8(3), []byte{2, 1, 0})
	f.Add(uint8(5), []byte{4, 4, 0, 3, 0x81, 1, 2, 0x42})
	f.Add(uint8(4), []byte{0, 0xc1, 1, 3})
	f.Add(uint8(1), []byte{0})
	f.Add(uint8(0), []byte{})
	f.Add(uint8(255), []byte{0x40, 0xff, 0x20, 0x9c, 0x11})
	f.Fuzz(func(t *testing.T, n uint8, steps []byte) {
		total := int(n%32) + 1
		id := [8]byte{'m', 's', 'g'}
		want := make([][]byte, total)
		for i := range want {
			want[i] = fmt.Appendf(nil, "part %d of %d", i, total)
		}
		a := multipart.Assembler[[8]byte, []byte]{Equal: bytes.Equal}
		added := make([]bool, total)
		started := false
		for k, s := range steps {
			i := int(s&0x3f) % total
			var (
				err     error
				wantErr error
			)
			switch s >> 6 {
			case 0: // a part of the message, possibly again
				_, err = a.Add(id, i, total, bytes.Clone(want[i]))
				if added[i] {
					wantErr = multipart.ErrRepeated
				}
				added[i], started = true, true
			case 1: // a part of another message
				other := id
				other[7] = s
				_, err = a.Add(other, i, total, want[i])
				if started {
					wantErr = multipart.ErrForeign
				} else {
					// It starts the Assembler: start again.
					a.Reset()
				}
			case 2: // a part with another total
				_, err = a.Add(id, i, total+1, want[i])
				if started {
					wantErr = multipart.ErrForeign
				} else {
					a.Reset()
				}
			case 3: // other content at the index
				_, err = a.Add(id, i, total, []byte("forged"))
				switch {
				case added[i]:
					wantErr = multipart.ErrConflict
				case started:
					// A forged part at a free index is taken; the message
					// would be wrong, so start again.
					a.Reset()
					clear(added)
					started = false
				default:
					a.Reset()
				}
			}
			if !errors.Is(err, wantErr) || (wantErr == nil) != (err == nil) {
				t.Fatalf("step %d (%#x): error %v, want %v", k, s, err, wantErr)
			}
		}
		p := a.Progress()
		have := 0
		var missing []int
		for i, ok := range added {
			if ok {
				have++
			} else if started {
				missing = append(missing, i)
			}
		}
		if p.Have != have || (started && p.Total != total) || !slices.Equal(p.Missing, missing) {
			t.Fatalf("progress %+v, want %d of %d missing %v", p, have, total, missing)
		}
		parts, err := a.Parts()
		if have < total || !started {
			if !errors.Is(err, multipart.ErrIncomplete) || parts != nil {
				t.Fatalf("Parts with %d of %d: %d parts, %v; want ErrIncomplete", have, total, len(parts), err)
			}
			return
		}
		if err != nil || !slices.EqualFunc(parts, want, bytes.Equal) {
			t.Fatalf("Parts = %q, %v; want %q", parts, err, want)
		}
	})
}
