package sqlite

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/importers/internal/importtest"
)

// The databases of testdata were written by SQLite itself, through
// Python's sqlite3 module (testdata/make_vectors.py).

func open(t testing.TB, name string) (*DB, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(data)
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	return db, data
}

// text is make_vectors.py's text(i, n).
func text(i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d: ", i)
	for k := range n {
		b.WriteByte(byte('a' + (i*7+k)%26))
	}
	return b.String()[:n]
}

func TestTypes(t *testing.T) {
	db, _ := open(t, "types.db")
	if got, want := db.Tables(), []string{"values", "pk", "notalias", "wr"}; !slices.Equal(got, want) {
		t.Errorf("Tables = %q, want %q", got, want)
	}
	if db.WAL() {
		t.Error("WAL = true")
	}
	cols, err := db.Columns("VALUES")
	if want := []string{"id", "i", "f", `we"ird`, "b b", "n", "s", "added", "added2"}; err != nil || !slices.Equal(cols, want) {
		t.Errorf("Columns = %q, %v; want %q", cols, err, want)
	}
	rows, err := db.Rows("values")
	if err != nil {
		t.Fatal(err)
	}
	type r = Row
	row := func(id, i int64, f any, w, b, n any, s string) Row {
		return r{"id": id, "i": i, "f": f, `we"ird`: w, "b b": b, "n": n, "s": s, "added": int64(-7), "added2": "it's"}
	}
	want := []Row{
		row(1, 0, 0.5, "zero", []byte{}, nil, "a"),
		row(2, 1, -1.25, "one", []byte{0, 1, 0xff}, int64(7), "b"),
		row(3, -1, 1e300, "", []byte{0xde, 0xad}, "text in an untyped column", "c"),
		row(4, 127, 3.0, "héllo ✓", nil, 2.5, "d"),
		row(5, -128, nil, nil, bytes.Repeat([]byte("x"), 20), nil, "e"),
		row(6, 32767, 0.0, "s", []byte("y"), nil, "f"),
		row(7, -8388608, 0.0, "s", []byte("y"), nil, "g"),
		row(8, 2147483647, 0.0, "s", []byte("y"), nil, "h"),
		row(9, -140737488355328, 0.0, "s", []byte("y"), nil, "i"),
		row(10, math.MaxInt64, 0.0, "s", []byte("y"), nil, "j"),
		row(11, math.MinInt64, 0.0, "s", []byte("y"), nil, "k"),
		row(100, 42, 0.0, text(100, 10000), bytes.Repeat([]byte{1}, 5000), nil, "l"),
		{"id": int64(200), "i": int64(5), "f": nil, `we"ird`: nil, "b b": nil, "n": nil, "s": "m", "added": int64(8), "added2": nil},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(rows[i], want[i]) {
			t.Errorf("row %d:\n got %.200v\nwant %.200v", i, rows[i], want[i])
		}
	}
	if n, ok := rows[1].Int("N"); n != 7 || !ok {
		t.Errorf("Int(N) = %d, %v", n, ok)
	}
	if s := rows[1].Text("we\"IRD"); s != "one" {
		t.Errorf("Text = %q", s)
	}

	rows, err = db.Rows("pk")
	if want := []Row{{"code": int64(5), "name": "five"}, {"code": int64(9), "name": "nine"}}; err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("pk: %v, %v; want %v", rows, err, want)
	}
	rows, err = db.Rows("notalias")
	if want := []Row{{"code": int64(3), "name": "three"}}; err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("notalias: %v, %v; want %v", rows, err, want)
	}
	if _, err := db.Rows("wr"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("WITHOUT ROWID: %v, want ErrUnsupported", err)
	}
	if _, err := db.Rows("v"); !errors.Is(err, ErrNoTable) {
		t.Errorf("a view: %v, want ErrNoTable", err)
	}
	if _, err := db.Rows("nope"); !errors.Is(err, ErrNoTable) || strings.Contains(err.Error(), "WAL") {
		t.Errorf("no table: %v, want ErrNoTable", err)
	}
}

func TestMany(t *testing.T) {
	db, data := open(t, "many.db")
	if binary.BigEndian.Uint16(data[16:]) != 512 {
		t.Fatal("many.db does not have 512-byte pages")
	}
	rows, err := db.Rows("t")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3000 {
		t.Fatalf("%d rows, want 3000", len(rows))
	}
	for i, r := range rows {
		id := int64(i + 1)
		n := 12
		if id%100 == 0 {
			n = 2000
		}
		if want := (Row{"id": id, "n": id * id, "s": text(int(id), n)}); !reflect.DeepEqual(r, want) {
			t.Fatalf("row %d = %.100v, want %.100v", i, r, want)
		}
	}
}

func TestBigPages(t *testing.T) {
	db, data := open(t, "big.db")
	if binary.BigEndian.Uint16(data[16:]) != 1 {
		t.Fatal("big.db does not have 65536-byte pages")
	}
	rows, err := db.Rows("t")
	want := []Row{{"id": int64(1), "s": text(1, 70000)}, {"id": int64(2), "s": "short"}}
	if err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("Rows = %.100v, %v", rows, err)
	}
}

func TestWAL(t *testing.T) {
	db, _ := open(t, "wal.db")
	if !db.WAL() {
		t.Error("WAL = false")
	}
	rows, err := db.Rows("t")
	if want := []Row{{"id": int64(1), "s": "one"}}; err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("Rows = %v, %v", rows, err)
	}
	if _, err := db.Rows("accounts"); !errors.Is(err, ErrNoTable) || !strings.Contains(err.Error(), "-wal file") {
		t.Errorf("missing table of a WAL database: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	_, types := open(t, "types.db")
	utf16, err := os.ReadFile(filepath.Join("testdata", "utf16.db"))
	if err != nil {
		t.Fatal(err)
	}
	change := func(data []byte, off int, b ...byte) []byte {
		data = bytes.Clone(data)
		copy(data[off:], b)
		return data
	}
	for _, tt := range []struct {
		name string
		data []byte
		err  error
	}{
		{"empty", nil, ErrNotSQLite},
		{"text", []byte(strings.Repeat("hello ", 50)), ErrNotSQLite},
		{"header only", types[:100], ErrCorrupt},
		{"UTF-16", utf16, ErrUnsupported},
		{"page size 1000", change(types, 16, 0x03, 0xe8), ErrCorrupt},
		{"page size 256", change(types, 16, 0x01, 0x00), ErrCorrupt},
		{"read version 3", change(types, 19, 3), ErrUnsupported},
		{"reserved too many", change(types, 20, 200), ErrCorrupt},
		{"payload fraction", change(types, 21, 65), ErrCorrupt},
		{"encoding 9", change(types, 56, 0, 0, 0, 9), ErrCorrupt},
		{"truncated", types[:len(types)-4096], ErrCorrupt},
		{"page 1 not a table", change(types, 100, 0x0A), ErrCorrupt},
		{"page 1 cells past the page", change(types, 103, 0xff, 0xff), ErrCorrupt},
		{"page 1 cell pointer out", change(types, 108, 0xff, 0xff), ErrCorrupt},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Open(tt.data); !errors.Is(err, tt.err) {
				t.Errorf("Open = %v, want %v", err, tt.err)
			}
		})
	}
}

// TestCycles checks that pointers forming a cycle, or a page used twice,
// are reported rather than followed.
func TestCycles(t *testing.T) {
	db, data := open(t, "many.db")
	o, err := db.table("t")
	if err != nil {
		t.Fatal(err)
	}
	// The root of t is an interior page: point its right-most child back
	// at itself.
	off := int(o.root-1) * 512
	if data[off] != 0x05 {
		t.Fatalf("root page type %#x, want an interior page", data[off])
	}
	bad := bytes.Clone(data)
	binary.BigEndian.PutUint32(bad[off+8:], uint32(o.root))
	db2, err := Open(bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db2.Rows("t"); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "twice") {
		t.Errorf("cyclic tree: %v", err)
	}
}

func TestParseTable(t *testing.T) {
	for _, tt := range []struct {
		sql   string
		names []string
		rowid int // index of the rowid column, or -1
		err   error
	}{
		{"CREATE TABLE t (a, b)", []string{"a", "b"}, -1, nil},
		{"CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` TEXT NOT NULL)", []string{"_id", "name"}, 0, nil},
		{"create table if not exists x (\n\"id\" integer primary key, -- comment, with a comma\n /* (another */ [v] text check (v in ('a,b', 'c')))", []string{"id", "v"}, 0, nil},
		{"CREATE TABLE t (a INT PRIMARY KEY, b)", []string{"a", "b"}, -1, nil},
		{"CREATE TABLE t (a TEXT, b INTEGER, CONSTRAINT pk PRIMARY KEY (b ASC))", []string{"a", "b"}, 1, nil},
		{"CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b))", []string{"a", "b"}, -1, nil},
		{"CREATE TABLE t (a PRIMARY KEY, b) WITHOUT ROWID", nil, -1, ErrUnsupported},
		{"CREATE VIRTUAL TABLE t USING fts5(a)", nil, -1, ErrUnsupported},
		{"CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a*2) VIRTUAL)", nil, -1, ErrUnsupported},
		{"CREATE TABLE t (a, 'b')", []string{"a", "b"}, -1, nil},
		{"CREATE TABLE t (a", nil, -1, ErrCorrupt},
		{"CREATE TABLE t (a, \"b)", nil, -1, ErrCorrupt},
		{"CREATE TABLE t ()", nil, -1, ErrCorrupt},
		{"CREATE TABLE t", nil, -1, ErrCorrupt},
		{"", nil, -1, ErrCorrupt},
	} {
		d, err := parseTable(tt.sql)
		if !errors.Is(err, tt.err) {
			t.Errorf("%q: %v, want %v", tt.sql, err, tt.err)
			continue
		}
		var names []string
		rowid := -1
		for i, c := range d.cols {
			names = append(names, c.name)
			if c.rowid {
				rowid = i
			}
		}
		if !slices.Equal(names, tt.names) || rowid != tt.rowid {
			t.Errorf("%q: columns %q rowid %d, want %q %d", tt.sql, names, rowid, tt.names, tt.rowid)
		}
	}
}

func TestLiteral(t *testing.T) {
	for sql, want := range map[string]any{
		"0": int64(0), "-7": int64(-7), "+3": int64(3), "0x10": int64(16), "010": int64(10),
		"1.5": 1.5, "'a''b'": "a'b", "NULL": nil, "TRUE": int64(1), "(('x'))": "x",
	} {
		ts, err := tokens(sql)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := literal(ts); !ok || !reflect.DeepEqual(v, want) {
			t.Errorf("literal(%s) = %#v, %v; want %#v", sql, v, ok, want)
		}
	}
	ts, _ := tokens("CURRENT_TIMESTAMP")
	if _, ok := literal(ts); ok {
		t.Error("CURRENT_TIMESTAMP is taken as a literal")
	}
}

func TestVarint(t *testing.T) {
	for _, tt := range []struct {
		b []byte
		v uint64
		k int
	}{
		{[]byte{0x00}, 0, 1},
		{[]byte{0x7f}, 127, 1},
		{[]byte{0x81, 0x00}, 128, 2},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, math.MaxUint64, 9},
		{[]byte{0x81}, 0, 0},
		{nil, 0, 0},
	} {
		if v, k := varint(tt.b); v != tt.v || k != tt.k {
			t.Errorf("varint(% x) = %d, %d; want %d, %d", tt.b, v, k, tt.v, tt.k)
		}
	}
}

func TestLooksEncrypted(t *testing.T) {
	_, types := open(t, "types.db")
	random := make([]byte, 4096)
	x := uint64(1)
	for i := range random { // xorshift: deterministic, random-looking
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		random[i] = byte(x)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"random, 4096 bytes", random, true},
		{"random, 4000 bytes", random[:4000], false},
		{"an SQLite database", types, false},
		{"zeros", make([]byte, 4096), false},
		{"text", []byte(strings.Repeat("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n", 100)[:4096]), false},
	} {
		if got := LooksEncrypted(tt.data); got != tt.want {
			t.Errorf("%s: LooksEncrypted = %v", tt.name, got)
		}
	}
}

// TestBounds checks that a table whose schema declares many more
// columns than its rows store is refused rather than expanded: wide.db
// has 600 rows written before 1999 columns were added, and a schema of
// more columns than SQLite allows is refused, and many PRIMARY KEY
// constraints cost one look-up.
func TestBounds(t *testing.T) {
	db, _ := open(t, "wide.db")
	if rows, err := db.Rows("t"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("wide.db: %d rows, %v; want ErrCorrupt", len(rows), err)
	}
	cols := make([]string, MaxColumns+1)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
	}
	if _, err := parseTable("CREATE TABLE t (" + strings.Join(cols, ", ") + ")"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("%d columns: %v, want ErrUnsupported", len(cols), err)
	}
	if _, err := parseTable(manyPrimaryKeys(cols[:MaxColumns], 50000)); err != nil {
		t.Errorf("many PRIMARY KEYs: %v", err)
	}
}

// manyPrimaryKeys is a schema of the columns cols and n PRIMARY KEY
// constraints.
func manyPrimaryKeys(cols []string, n int) string {
	return "CREATE TABLE t (" + strings.Join(cols, ", ") + strings.Repeat(", PRIMARY KEY (c1)", n) + ")"
}

// BenchmarkManyPrimaryKeys measures a schema of the most columns allowed
// and 50,000 PRIMARY KEY constraints, against one with a single one: only
// the first is looked up, so the two should cost about the same per byte
// of schema (before the bound, the first took minutes).
//
//	go test ./app/importers/internal/sqlite -run '^$' -bench ManyPrimaryKeys
func BenchmarkManyPrimaryKeys(b *testing.B) {
	cols := make([]string, MaxColumns)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
	}
	for _, n := range []int{1, 50000} {
		sql := manyPrimaryKeys(cols, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(sql)))
			for b.Loop() {
				if _, err := parseTable(sql); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestForeign reads the databases of the shared interop files.
func TestForeign(t *testing.T) {
	for name, table := range map[string]string{
		"aegis-importers-google_authenticator.sqlite":    "accounts",
		"aegis-importers-microsoft_authenticator.sqlite": "accounts",
		"aegis-importers-stratum_internal.db":            "authenticator",
	} {
		db, err := Open(importtest.File(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, err := db.Rows(table)
		if err != nil || len(rows) < 6 {
			t.Errorf("%s: %d rows, %v", name, len(rows), err)
		}
	}
}

func FuzzOpen(f *testing.F) {
	for _, name := range []string{"types.db", "wal.db", "utf16.db"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// A small database of 512-byte pages with overflow and interior pages:
	// the first 40 pages of many.db, its size in the header made to fit.
	many, err := os.ReadFile(filepath.Join("testdata", "many.db"))
	if err != nil {
		f.Fatal(err)
	}
	many = bytes.Clone(many[:40*512])
	binary.BigEndian.PutUint32(many[28:], 40)
	f.Add(many)
	importtest.Seed(f, "aegis-importers-google_authenticator.sqlite", "aegis-importers-stratum_internal.db")
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksEncrypted(data)
		db, err := Open(data)
		if err != nil {
			if !errors.Is(err, ErrNotSQLite) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("Open error wraps no sentinel: %v", err)
			}
			return
		}
		for _, name := range db.Tables() {
			db.Columns(name)
			rows, err := db.Rows(name)
			if err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrNoTable) {
				t.Fatalf("Rows error wraps no sentinel: %v", err)
			}
			for _, r := range rows {
				for k := range r {
					r.Int(k)
					r.Text(k)
				}
			}
		}
	})
}
