package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"
)

// TrimBOM removes a UTF-8 byte order mark, which Windows tools put in front
// of text and JSON files.
func TrimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// Lines yields the lines of a text export that hold something: with
// surrounding white space (and byte order marks, which concatenated files
// carry) removed, neither empty nor a '#' comment. The number is the
// line's, from 1. CRLF and LF line ends are both accepted.
func Lines(data []byte) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		n := 0
		for line := range strings.Lines(string(TrimBOM(data))) {
			n++
			line = strings.TrimSpace(strings.Trim(line, "\ufeff"))
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(n, line) {
				return
			}
		}
	}
}

// IsText reports whether data is text, as the text formats are: UTF-8
// without NUL bytes, or, for a file saved in a legacy encoding such as
// Windows-1252, bytes with no control character but tab, line feed,
// carriage return, form feed and vertical tab. Binary files are never text
// exports; the invalid UTF-8 of a legacy file becomes U+FFFD in labels.
func IsText(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	if utf8.Valid(data) {
		return true
	}
	for _, c := range data {
		if c < 0x20 && (c < '\t' || c > '\r') {
			return false
		}
	}
	return true
}

// HasScheme reports whether line starts with the URI scheme (in any case)
// followed by a colon.
func HasScheme(line, scheme string) bool {
	return len(line) > len(scheme) && line[len(scheme)] == ':' && strings.EqualFold(line[:len(scheme)], scheme)
}

// Object parses data as a JSON object and returns its members, undecoded.
// ok is false when data is not a JSON object.
func Object(data []byte) (members map[string]json.RawMessage, ok bool) {
	data = bytes.TrimSpace(TrimBOM(data))
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	if err := json.Unmarshal(data, &members); err != nil {
		return nil, false
	}
	return members, true
}

// IsNull reports whether a JSON value is absent or null.
func IsNull(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) == 0 || string(v) == "null"
}

// Decode unmarshals JSON into v. Its error wraps [ErrCorrupt] and says
// where the JSON is wrong without quoting it, since it may hold secrets.
func Decode(data []byte, v any) error {
	err := json.Unmarshal(TrimBOM(data), v)
	if err == nil {
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%w: not valid JSON (at byte %d)", ErrCorrupt, syntax.Offset)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		// Value is "number 12" for numbers: keep the kind only, the
		// number may be a byte of a secret.
		kind, _, _ := strings.Cut(typ.Value, " ")
		return fmt.Errorf("%w: %s is a JSON %s, not a Go %v", ErrCorrupt, field, kind, typ.Type)
	}
	return fmt.Errorf("%w: not valid JSON", ErrCorrupt)
}
