package sqlite

import (
	"fmt"
	"strconv"
	"strings"
)

// column is a column of a table as its CREATE TABLE statement declares it.
type column struct {
	name string
	// rowid is set for a column declared INTEGER PRIMARY KEY, which is
	// the rowid itself and is stored as NULL in the record.
	rowid bool
	// def is the column's DEFAULT when it is a literal, which rows
	// written before an ALTER TABLE ADD COLUMN take.
	def        any
	hasDefault bool
	// real is set for a column of REAL affinity, whose values SQLite may
	// store as integers when they have no fraction.
	real bool
}

type tableDef struct {
	cols []column
}

// token is a token of SQL: a word (keyword or bare name), a quoted name,
// a string literal, a number, or one character of punctuation.
type token struct {
	kind byte // 'w' word, 'q' quoted name, 's' string, 'n' number, 'p' punctuation
	s    string
}

func (t token) is(word string) bool { return t.kind == 'w' && strings.EqualFold(t.s, word) }

// tokens splits SQL into tokens, leaving out white space and comments.
func tokens(sql string) ([]token, error) {
	var ts []token
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				j = len(sql) - i
			}
			i += j
		case strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("%w: unterminated comment in the schema", ErrCorrupt)
			}
			i += j + 4
		case c == '"' || c == '`' || c == '\'' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			var b strings.Builder
			j := i + 1
			for {
				if j >= len(sql) {
					return nil, fmt.Errorf("%w: unterminated quote in the schema", ErrCorrupt)
				}
				if sql[j] == end {
					if end != ']' && j+1 < len(sql) && sql[j+1] == end {
						b.WriteByte(end) // a doubled quote
						j += 2
						continue
					}
					break
				}
				b.WriteByte(sql[j])
				j++
			}
			kind := byte('q')
			if c == '\'' {
				kind = 's'
			}
			ts = append(ts, token{kind, b.String()})
			i = j + 1
		case isWord(c):
			j := i
			for j < len(sql) && isWord(sql[j]) {
				j++
			}
			kind := byte('w')
			if c >= '0' && c <= '9' || c == '.' {
				kind = 'n'
			}
			ts = append(ts, token{kind, sql[i:j]})
			i = j
		default:
			ts = append(ts, token{'p', sql[i : i+1]})
			i++
		}
	}
	return ts, nil
}

// isWord reports whether c may be part of a bare name, keyword or number.
func isWord(c byte) bool {
	return c == '_' || c == '$' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// constraintWords start the constraints of a column definition, and
// with it end its type name.
var constraintWords = []string{"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"}

// tableConstraintWords start a table constraint rather than a column.
var tableConstraintWords = []string{"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}

func isOneOf(t token, words []string) bool {
	for _, w := range words {
		if t.is(w) {
			return true
		}
	}
	return false
}

// parseTable reads the columns of a CREATE TABLE statement: their names,
// which of them is the rowid, and their literal defaults.
func parseTable(sql string) (tableDef, error) {
	ts, err := tokens(sql)
	if err != nil {
		return tableDef{}, err
	}
	if len(ts) < 2 || !ts[0].is("CREATE") {
		return tableDef{}, fmt.Errorf("%w: the schema has no CREATE TABLE statement", ErrCorrupt)
	}
	if ts[1].is("VIRTUAL") {
		return tableDef{}, fmt.Errorf("%w: a virtual table", ErrUnsupported)
	}
	open := -1
	for i, t := range ts {
		if t.kind == 'p' && t.s == "(" {
			open = i
			break
		}
		if t.is("AS") {
			break // CREATE TABLE ... AS SELECT is stored with its columns
		}
	}
	if open < 0 {
		return tableDef{}, fmt.Errorf("%w: CREATE TABLE without columns", ErrCorrupt)
	}
	// Split the definitions at the commas outside parentheses.
	var items [][]token
	depth, start, end := 0, open+1, -1
	for i := open + 1; i < len(ts) && end < 0; i++ {
		if ts[i].kind != 'p' {
			continue
		}
		switch ts[i].s {
		case "(":
			depth++
		case ")":
			if depth == 0 {
				items = append(items, ts[start:i])
				end = i
			}
			depth--
		case ",":
			if depth == 0 {
				items = append(items, ts[start:i])
				start = i + 1
			}
		}
	}
	if end < 0 {
		return tableDef{}, fmt.Errorf("%w: unbalanced parentheses in CREATE TABLE", ErrCorrupt)
	}
	for i := end + 1; i+1 < len(ts); i++ {
		if ts[i].is("WITHOUT") && ts[i+1].is("ROWID") {
			return tableDef{}, fmt.Errorf("%w: a WITHOUT ROWID table", ErrUnsupported)
		}
	}

	var def tableDef
	var types []string
	pk := -1 // the column of a PRIMARY KEY table constraint on one column
	pkSeen := false
	for _, item := range items {
		if len(item) == 0 {
			return tableDef{}, fmt.Errorf("%w: empty column definition", ErrCorrupt)
		}
		if isOneOf(item[0], tableConstraintWords) {
			// Only the first PRIMARY KEY counts (SQLite refuses a table
			// with two), so that many of them cost one look-up.
			if names, ok := primaryKey(item); ok && !pkSeen {
				pkSeen = true
				if len(names) != 1 {
					continue
				}
				for i, c := range def.cols {
					if strings.EqualFold(c.name, names[0]) {
						pk = i
					}
				}
			}
			continue
		}
		if item[0].kind != 'w' && item[0].kind != 'q' && item[0].kind != 's' {
			return tableDef{}, fmt.Errorf("%w: column definition starts with %q", ErrCorrupt, item[0].s)
		}
		if len(def.cols) == MaxColumns {
			return tableDef{}, fmt.Errorf("%w: a table of more than %d columns", ErrUnsupported, MaxColumns)
		}
		c := column{name: item[0].s}
		rest := item[1:]
		// The type: the tokens up to the first constraint.
		var typ []string
		for len(rest) > 0 && !isOneOf(rest[0], constraintWords) {
			if rest[0].kind == 'w' {
				typ = append(typ, strings.ToUpper(rest[0].s))
			}
			rest = rest[1:]
		}
		for i := 0; i < len(rest); i++ {
			switch {
			case rest[i].is("GENERATED") || rest[i].is("AS"):
				return tableDef{}, fmt.Errorf("%w: generated column %q", ErrUnsupported, c.name)
			case rest[i].is("PRIMARY"):
				// INTEGER PRIMARY KEY DESC is not the rowid, a quirk
				// SQLite keeps.
				desc := i+2 < len(rest) && rest[i+2].is("DESC")
				c.rowid = strings.Join(typ, " ") == "INTEGER" && !desc
			case rest[i].is("DEFAULT") && i+1 < len(rest):
				c.def, c.hasDefault = literal(rest[i+1:])
			}
		}
		t := strings.Join(typ, " ")
		c.real = !strings.Contains(t, "INT") && !strings.Contains(t, "CHAR") && !strings.Contains(t, "CLOB") && !strings.Contains(t, "TEXT") && !strings.Contains(t, "BLOB") &&
			(strings.Contains(t, "REAL") || strings.Contains(t, "FLOA") || strings.Contains(t, "DOUB"))
		def.cols = append(def.cols, c)
		types = append(types, strings.Join(typ, " "))
	}
	if pk >= 0 && types[pk] == "INTEGER" {
		def.cols[pk].rowid = true
	}
	if len(def.cols) == 0 {
		return tableDef{}, fmt.Errorf("%w: a table without columns", ErrCorrupt)
	}
	return def, nil
}

// primaryKey returns the columns of a PRIMARY KEY table constraint.
func primaryKey(item []token) ([]string, bool) {
	for i := 0; i+2 < len(item); i++ {
		if item[i].is("PRIMARY") && item[i+1].is("KEY") && item[i+2].kind == 'p' && item[i+2].s == "(" {
			var names []string
			depth := 0
			expectName := true
			for _, t := range item[i+3:] {
				switch {
				case t.kind == 'p' && t.s == "(":
					depth++
				case t.kind == 'p' && t.s == ")":
					if depth == 0 {
						return names, true
					}
					depth--
				case t.kind == 'p' && t.s == "," && depth == 0:
					expectName = true
				case expectName && depth == 0:
					names = append(names, t.s)
					expectName = false
				}
			}
			return nil, false
		}
	}
	return nil, false
}

// literal reads a DEFAULT value that is a literal: a number, possibly
// signed, a string, NULL, TRUE or FALSE, possibly in parentheses. ok is
// false for an expression.
func literal(ts []token) (v any, ok bool) {
	for len(ts) > 1 && ts[0].kind == 'p' && ts[0].s == "(" {
		ts = ts[1:]
	}
	if len(ts) == 0 {
		return nil, false
	}
	neg := false
	if ts[0].kind == 'p' && (ts[0].s == "-" || ts[0].s == "+") && len(ts) > 1 {
		neg = ts[0].s == "-"
		ts = ts[1:]
	}
	t := ts[0]
	switch {
	case t.kind == 's' || t.kind == 'q':
		return t.s, !neg
	case t.is("NULL"):
		return nil, true
	case t.is("TRUE"):
		return int64(1), true
	case t.is("FALSE"):
		return int64(0), true
	case t.kind == 'n':
		n, err := strconv.ParseInt(t.s, 10, 64)
		if h, ok := strings.CutPrefix(strings.ToLower(t.s), "0x"); ok {
			var u uint64
			u, err = strconv.ParseUint(h, 16, 64)
			n = int64(u)
		}
		if err == nil {
			if neg {
				n = -n
			}
			return n, true
		}
		if f, err := strconv.ParseFloat(t.s, 64); err == nil {
			if neg {
				f = -f
			}
			return f, true
		}
	}
	return nil, false
}
