// Package sqlite reads the tables of an SQLite database file held in
// memory: a small, read-only, bounded reader for the internal databases
// that authenticator apps keep (Google Authenticator, Microsoft
// Authenticator, Stratum), so that no SQLite library is needed.
//
// It follows the public description of the file format, "Database File
// Format" (https://www.sqlite.org/fileformat2.html): the 100-byte header
// (magic, page size with 1 meaning 65536, reserved bytes per page, the
// payload fractions, the database size, the text encoding), the schema
// table sqlite_schema rooted at page 1, table b-trees (interior pages of
// type 0x05, leaf pages of type 0x0D), payloads that spill onto chains of
// overflow pages, and the record format (serial types 0 to 9, blobs from
// 12, text from 13).
//
// What it reads: the names of the tables, and the rows of an ordinary
// rowid table, each a [Row] from column names, taken from the CREATE
// TABLE statement, to values: int64, float64, string, []byte or nil. A
// column declared INTEGER PRIMARY KEY is the rowid, as in SQLite; a
// column of REAL affinity gives float64 even where SQLite stored an
// integer; a row written before a column was added by ALTER TABLE gets
// the column's literal DEFAULT, or nil.
//
// What it does not read: indexes (rows are read from the tables
// themselves, in rowid order), the freelist, and the write-ahead log: a
// database in WAL mode may keep its latest changes in a separate -wal
// file, which is not given here; [DB.WAL] says when that may be so, and
// [ErrWAL] words it for the user. WITHOUT ROWID and virtual tables,
// tables with generated columns and UTF-16 databases are refused with
// [ErrUnsupported]. An encrypted database (SQLCipher) does not start with
// the magic; [LooksEncrypted] tells such a file from others, by a
// heuristic.
//
// Every walk is bounded: a page is visited at most once in a walk (a
// cyclic file is reported as damaged rather than looping), b-trees may be
// at most 20 levels deep, as in SQLite itself, and a payload is no longer
// than the file. A table declares at most [MaxColumns] columns, SQLite's
// own default limit, and is read into at most [MaxValues] values, rows
// times columns: a schema may declare more columns than its rows store,
// and every row gets all of them. Errors wrap [ErrNotSQLite],
// [ErrCorrupt], [ErrUnsupported] or [ErrNoTable].
package sqlite

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Errors of this package. Every error returned wraps one of them.
var (
	// ErrNotSQLite means the data is not an SQLite database: it does not
	// start with the magic string.
	ErrNotSQLite = errors.New("not an SQLite database")
	// ErrCorrupt means the database's structure is damaged or
	// inconsistent, or that it goes beyond the reader's bounds.
	ErrCorrupt = errors.New("damaged SQLite database")
	// ErrUnsupported means the database uses something this reader does
	// not read: UTF-16 text, a newer file format, a WITHOUT ROWID table.
	ErrUnsupported = errors.New("not supported by the SQLite reader")
	// ErrNoTable means the table asked for is not in the database.
	ErrNoTable = errors.New("no such table")
)

// ErrWAL says what a reader of a database in WAL mode may miss. It is not
// returned by this package: a caller that read a table of such a database
// can report it (see [DB.WAL]).
var ErrWAL = errors.New("the database is in WAL mode: changes still in the -wal file next to it, if there are any, were not read (closing the app before copying the database writes them into it)")

// magic starts every SQLite database file.
const magic = "SQLite format 3\x00"

// maxDepth bounds the depth of a b-tree, as SQLite's own cursors do.
const maxDepth = 20

// Bounds on a table that [DB.Rows] reads. A row stores a value for only
// the columns it was written with, so a small file whose schema declares
// many columns could otherwise make millions of rows of thousands of
// values each.
const (
	// MaxColumns is SQLite's own default SQLITE_MAX_COLUMN.
	MaxColumns = 2000
	// MaxValues bounds the values of all the rows of a table together,
	// rows times columns: an authenticator's database holds a few
	// thousand, and each costs a map entry (a million take a third of a
	// second natively, more in the browser).
	MaxValues = 1 << 18
)

// IsSQLite reports whether data starts like an SQLite database file. It
// does not check anything else; [Open] does.
func IsSQLite(data []byte) bool {
	return len(data) >= 100 && string(data[:len(magic)]) == magic
}

// DB is an SQLite database read from memory. Its methods are safe for
// concurrent use; they never change it.
type DB struct {
	data     []byte
	pageSize int
	usable   int // page size less the reserved bytes
	pages    int // number of pages
	wal      bool
	schema   []object
}

// object is an entry of sqlite_schema.
type object struct {
	typ, name string
	root      int64
	sql       string
}

// Open reads the header and the schema of the database in data, which it
// keeps (the caller must not change it).
func Open(data []byte) (*DB, error) {
	if !IsSQLite(data) {
		return nil, ErrNotSQLite
	}
	db := &DB{data: data}
	db.pageSize = int(binary.BigEndian.Uint16(data[16:]))
	if db.pageSize == 1 {
		db.pageSize = 65536
	}
	if db.pageSize < 512 || db.pageSize&(db.pageSize-1) != 0 {
		return nil, fmt.Errorf("%w: page size %d", ErrCorrupt, db.pageSize)
	}
	write, read := data[18], data[19]
	if read > 2 {
		return nil, fmt.Errorf("%w: file format version %d", ErrUnsupported, read)
	}
	db.wal = write == 2 || read == 2
	db.usable = db.pageSize - int(data[20])
	if db.usable < 480 {
		return nil, fmt.Errorf("%w: %d reserved bytes in a %d-byte page", ErrCorrupt, data[20], db.pageSize)
	}
	if data[21] != 64 || data[22] != 32 || data[23] != 32 {
		return nil, fmt.Errorf("%w: payload fractions %d, %d, %d", ErrCorrupt, data[21], data[22], data[23])
	}
	switch enc := binary.BigEndian.Uint32(data[56:]); enc {
	case 0, 1: // 0: no schema written yet
	case 2, 3:
		return nil, fmt.Errorf("%w: the database's text is UTF-16", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: text encoding %d", ErrCorrupt, enc)
	}
	if len(data) < db.pageSize {
		return nil, fmt.Errorf("%w: truncated: %d bytes, less than a page of %d", ErrCorrupt, len(data), db.pageSize)
	}
	db.pages = len(data) / db.pageSize
	// The size in the header is valid when its change counter matches
	// the one it was written with; a file shorter than it is truncated.
	if n := binary.BigEndian.Uint32(data[28:]); n > 0 && binary.BigEndian.Uint32(data[24:]) == binary.BigEndian.Uint32(data[92:]) {
		if int64(n) > int64(db.pages) {
			return nil, fmt.Errorf("%w: truncated: %d pages of %d", ErrCorrupt, db.pages, n)
		}
		db.pages = int(n)
	}
	w := db.walker()
	err := w.table(1, func(rowid int64, payload []byte) error {
		v, err := record(payload)
		if err != nil {
			return err
		}
		var o object
		var ok bool
		if len(v) >= 5 {
			o.typ, ok = v[0].(string)
			if ok {
				o.name, ok = v[1].(string)
			}
			if ok {
				o.root, ok = v[3].(int64)
				if v[3] == nil {
					o.root, ok = 0, true // views, triggers, virtual tables
				}
			}
			if ok {
				o.sql, _ = v[4].(string) // NULL for automatic indexes
			}
		}
		if !ok {
			return fmt.Errorf("%w: schema entry %d is malformed", ErrCorrupt, rowid)
		}
		db.schema = append(db.schema, o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	return db, nil
}

// WAL reports whether the database is in write-ahead-log mode. Its latest
// changes may then be in a -wal file next to it, which this reader does
// not see: a table missing, or rows missing, may be there.
func (db *DB) WAL() bool { return db.wal }

// Tables returns the names of the tables, in the order of the schema.
func (db *DB) Tables() []string {
	var names []string
	for _, o := range db.schema {
		if o.typ == "table" {
			names = append(names, o.name)
		}
	}
	return names
}

// table finds a table's schema entry, by name as SQLite does: without
// regard to ASCII case.
func (db *DB) table(name string) (object, error) {
	for _, o := range db.schema {
		if o.typ == "table" && strings.EqualFold(o.name, name) {
			return o, nil
		}
	}
	err := fmt.Errorf("%w: %q", ErrNoTable, name)
	if db.wal {
		err = fmt.Errorf("%w (the database is in WAL mode: its latest changes may be in the -wal file next to it, which was not read)", err)
	}
	return object{}, err
}

// Columns returns the names of the columns of table, in order.
func (db *DB) Columns(table string) ([]string, error) {
	o, err := db.table(table)
	if err != nil {
		return nil, err
	}
	t, err := parseTable(o.sql)
	if err != nil {
		return nil, fmt.Errorf("table %q: %w", o.name, err)
	}
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	return names, nil
}

// Row is a row of a table: its values by column name. A value is an
// int64, float64, string, []byte or nil (SQL NULL).
type Row map[string]any

// Value returns the value of column name, found without regard to ASCII
// case as SQLite finds columns, and whether the row has that column.
func (r Row) Value(name string) (any, bool) {
	if v, ok := r[name]; ok {
		return v, true
	}
	for k, v := range r {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// Text returns the value of column name as text: a string or blob as it
// is, a number in decimal, and "" for NULL or a missing column.
func (r Row) Text(name string) string {
	v, _ := r.Value(name)
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case int64:
		return fmt.Sprint(v)
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}

// Int returns the value of column name as an integer: an integer as it
// is, a float with no fraction, or text holding a decimal integer. ok is
// false for anything else, NULL and a missing column.
func (r Row) Int(name string) (n int64, ok bool) {
	v, _ := r.Value(name)
	switch v := v.(type) {
	case int64:
		return v, true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<63 {
			return int64(v), true
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

// Rows returns the rows of table, in rowid order.
func (db *DB) Rows(table string) ([]Row, error) {
	o, err := db.table(table)
	if err != nil {
		return nil, err
	}
	t, err := parseTable(o.sql)
	if err != nil {
		return nil, fmt.Errorf("table %q: %w", o.name, err)
	}
	if o.root < 1 || o.root > int64(db.pages) {
		return nil, fmt.Errorf("%w: table %q has root page %d of %d", ErrCorrupt, o.name, o.root, db.pages)
	}
	var rows []Row
	values := 0
	err = db.walker().table(o.root, func(rowid int64, payload []byte) error {
		v, err := record(payload)
		if err != nil {
			return fmt.Errorf("row %d: %w", rowid, err)
		}
		if values += len(t.cols); values > MaxValues {
			return fmt.Errorf("%w: more than %d values in %d rows of %d columns", ErrCorrupt, MaxValues, len(rows)+1, len(t.cols))
		}
		r := make(Row, len(t.cols))
		for i, c := range t.cols {
			var x any
			switch {
			case i < len(v):
				x = v[i]
			case c.hasDefault:
				x = c.def
			}
			if c.rowid && x == nil {
				x = rowid
			}
			if n, ok := x.(int64); ok && c.real {
				x = float64(n)
			}
			r[c.name] = x
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("table %q: %w", o.name, err)
	}
	return rows, nil
}

// walker walks the b-trees of a database, visiting each page at most
// once.
type walker struct {
	db   *DB
	seen []bool
}

func (db *DB) walker() *walker {
	return &walker{db: db, seen: make([]bool, db.pages+1)}
}

// page returns page n, marking it visited; a page visited twice means the
// file's pointers form a cycle or share pages.
func (w *walker) page(n int64) ([]byte, error) {
	if n < 1 || n > int64(w.db.pages) {
		return nil, fmt.Errorf("%w: page %d of %d", ErrCorrupt, n, w.db.pages)
	}
	if w.seen[n] {
		return nil, fmt.Errorf("%w: page %d is reached twice", ErrCorrupt, n)
	}
	w.seen[n] = true
	off := int(n-1) * w.db.pageSize
	return w.db.data[off : off+w.db.usable], nil
}

// table calls fn with the rowid and payload of each row of the table
// b-tree rooted at page root, in rowid order.
func (w *walker) table(root int64, fn func(rowid int64, payload []byte) error) error {
	return w.walk(root, 0, fn)
}

func (w *walker) walk(n int64, depth int, fn func(int64, []byte) error) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: b-tree deeper than %d", ErrCorrupt, maxDepth)
	}
	p, err := w.page(n)
	if err != nil {
		return err
	}
	h := 0
	if n == 1 {
		h = 100 // the file header
	}
	if len(p) < h+8 {
		return fmt.Errorf("%w: page %d too short", ErrCorrupt, n)
	}
	kind := p[h]
	hsize := 8
	switch kind {
	case 0x0D: // table leaf
	case 0x05: // table interior
		hsize = 12
	case 0x02, 0x0A:
		return fmt.Errorf("%w: page %d is an index page in a table", ErrCorrupt, n)
	default:
		return fmt.Errorf("%w: page %d has type %#x", ErrCorrupt, n, kind)
	}
	cells := int(binary.BigEndian.Uint16(p[h+3:]))
	ptrs := h + hsize
	if ptrs+2*cells > len(p) {
		return fmt.Errorf("%w: page %d has %d cells, more than fit", ErrCorrupt, n, cells)
	}
	for i := range cells {
		c := int(binary.BigEndian.Uint16(p[ptrs+2*i:]))
		if c < ptrs+2*cells || c >= len(p) {
			return fmt.Errorf("%w: page %d cell %d is at %d", ErrCorrupt, n, i, c)
		}
		if kind == 0x05 {
			if c+4 > len(p) {
				return fmt.Errorf("%w: page %d cell %d is cut", ErrCorrupt, n, i)
			}
			if err := w.walk(int64(binary.BigEndian.Uint32(p[c:])), depth+1, fn); err != nil {
				return err
			}
			continue
		}
		rowid, payload, err := w.leafCell(n, p[c:])
		if err != nil {
			return fmt.Errorf("page %d cell %d: %w", n, i, err)
		}
		if err := fn(rowid, payload); err != nil {
			return err
		}
	}
	if kind == 0x05 {
		return w.walk(int64(binary.BigEndian.Uint32(p[h+8:])), depth+1, fn)
	}
	return nil
}

// leafCell reads a cell of a table leaf page: its rowid and its payload,
// gathered from its overflow pages if it has any.
func (w *walker) leafCell(n int64, c []byte) (rowid int64, payload []byte, err error) {
	size, k := varint(c)
	if k == 0 {
		return 0, nil, fmt.Errorf("%w: cut cell", ErrCorrupt)
	}
	c = c[k:]
	id, k := varint(c)
	if k == 0 {
		return 0, nil, fmt.Errorf("%w: cut cell", ErrCorrupt)
	}
	c = c[k:]
	u := uint64(w.db.usable)
	if size > uint64(w.db.pages)*u {
		return 0, nil, fmt.Errorf("%w: a payload of %d bytes, larger than the file", ErrCorrupt, size)
	}
	// How much of the payload is on the leaf page itself, as the format
	// description gives it.
	local := size
	if x := u - 35; size > x {
		m := (u-12)*32/255 - 23
		local = m + (size-m)%(u-4)
		if local > x {
			local = m
		}
	}
	if local > uint64(len(c)) || (local < size && local+4 > uint64(len(c))) {
		return 0, nil, fmt.Errorf("%w: cell runs past its page", ErrCorrupt)
	}
	payload = append(make([]byte, 0, min(size, 1<<16)), c[:local]...)
	next := int64(0)
	if local < size {
		next = int64(binary.BigEndian.Uint32(c[local:]))
	}
	for uint64(len(payload)) < size {
		if next == 0 {
			return 0, nil, fmt.Errorf("%w: overflow chain ends early", ErrCorrupt)
		}
		p, err := w.page(next)
		if err != nil {
			return 0, nil, fmt.Errorf("overflow: %w", err)
		}
		next = int64(binary.BigEndian.Uint32(p))
		payload = append(payload, p[4:4+min(u-4, size-uint64(len(payload)))]...)
	}
	return int64(id), payload, nil
}

// varint decodes an SQLite variable-length integer: big-endian, 7 bits a
// byte with the high bit set on all but the last, and all 8 bits of a
// ninth byte. k is 0 when b ends first.
func varint(b []byte) (v uint64, k int) {
	for i := range 8 {
		if i >= len(b) {
			return 0, 0
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	if len(b) < 9 {
		return 0, 0
	}
	return v<<8 | uint64(b[8]), 9
}

// record decodes a record: a header of serial types, then the values.
func record(p []byte) ([]any, error) {
	hsize, k := varint(p)
	if k == 0 || hsize < uint64(k) || hsize > uint64(len(p)) {
		return nil, fmt.Errorf("%w: record header of %d bytes", ErrCorrupt, hsize)
	}
	head, body := p[k:hsize], p[hsize:]
	var vals []any
	for len(head) > 0 {
		t, k := varint(head)
		if k == 0 {
			return nil, fmt.Errorf("%w: record header is cut", ErrCorrupt)
		}
		head = head[k:]
		var n uint64
		switch {
		case t <= 4:
			n = t
		case t == 5:
			n = 6
		case t == 6, t == 7:
			n = 8
		case t == 10, t == 11:
			return nil, fmt.Errorf("%w: reserved serial type %d", ErrCorrupt, t)
		case t >= 12:
			n = (t - 12) / 2
		}
		if n > uint64(len(body)) {
			return nil, fmt.Errorf("%w: record value runs past its end", ErrCorrupt)
		}
		b := body[:n]
		body = body[n:]
		var v any
		switch {
		case t == 0:
			v = nil
		case t <= 6:
			// A big-endian two's-complement integer of n bytes.
			x := int64(int8(b[0]))
			for _, c := range b[1:] {
				x = x<<8 | int64(c)
			}
			v = x
		case t == 7:
			v = math.Float64frombits(binary.BigEndian.Uint64(b))
		case t == 8:
			v = int64(0)
		case t == 9:
			v = int64(1)
		case t%2 == 0:
			v = bytes.Clone(b)
		default:
			v = string(b)
		}
		vals = append(vals, v)
	}
	return vals, nil
}
