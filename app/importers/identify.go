package importers

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"

	"strconv"
	"strings"
	"unicode/utf8"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
)

// UnknownError is the error of a file that no importer claims, when what
// it is can be told: an image, a PDF, a zip, a database, JSON or XML of
// no known app. It wraps [ErrUnknownFormat].
type UnknownError struct {
	// Looks says what the file looks like, as a noun phrase ("a PNG
	// image", "JSON with the keys ..."), and may add what to do instead
	// after a colon. It never quotes a value of the file, only names:
	// keys, elements, tables, entries.
	Looks string
}

func (e *UnknownError) Error() string {
	return ErrUnknownFormat.Error() + "; it looks like " + e.Looks
}

func (e *UnknownError) Unwrap() error { return ErrUnknownFormat }

// Identify says what data is, for a file that no importer claims: an
// *[UnknownError] when it can tell, else [ErrUnknownFormat] itself. It
// reads only the start of the file's structure and costs no key
// derivation. [Detect] returns its error.
func Identify(data []byte) error {
	if looks := identify(data); looks != "" {
		return &UnknownError{Looks: looks}
	}
	return ErrUnknownFormat
}

// Magic numbers of the files people bring by mistake.
var magics = []struct {
	prefix, looks string
}{
	{"%PDF-", "a PDF document: if it shows QR codes, take a screenshot of each and scan that, with Add account → Open an image or with twofold scan"},
	{"\x89PNG\r\n\x1a\n", "a PNG image" + scanHint},
	{"\xff\xd8\xff", "a JPEG image" + scanHint},
	{"GIF87a", "a GIF image" + scanHint},
	{"GIF89a", "a GIF image" + scanHint},
	{"\x03\xd9\xa2\x9a\x67\xfb\x4b\xb5", "a KeePass database (KDBX): export the entries' otpauth:// links from KeePass instead"},
	{"\x03\xd9\xa2\x9a\x65\xfb\x4b\xb5", "a KeePass 1 database (KDB): export the entries' otpauth:// links from KeePass instead"},
	{"ANDROID BACKUP\n", "an Android backup (adb backup), which Twofold cannot open: export from the app itself"},
	{"\x1f\x8b", "a gzip-compressed file: decompress it first"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract the export from it first"},
	{"Rar!\x1a\x07", "a RAR archive: extract the export from it first"},
	{"\xac\xed\x00\x05", "Java-serialised data of no app Twofold knows"},
	{"\xff\xfe", "UTF-16 text: save it as UTF-8 and try again"},
	{"\xfe\xff", "UTF-16 text: save it as UTF-8 and try again"},
}

// scanHint says where images are read.
const scanHint = ": scan its QR codes instead, with Add account → Open an image or with twofold scan"

const sqliteMagic = "SQLite format 3\x00"

func identify(data []byte) string {
	if len(bytes.TrimSpace(importer.TrimBOM(data))) == 0 {
		return "an empty file"
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.looks
		}
	}
	switch {
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "a WebP image" + scanHint
	case bytes.HasPrefix(data, []byte(sqliteMagic)):
		return sqliteLooks(data)
	case len(data) >= 32 && (binary.BigEndian.Uint32(data) == 0x377f0682 || binary.BigEndian.Uint32(data) == 0x377f0683):
		return "an SQLite write-ahead log (a -wal file): import the database file itself"
	case len(data) >= 136 && binary.LittleEndian.Uint32(data) == 3007000 || len(data) >= 136 && binary.BigEndian.Uint32(data) == 3007000:
		return "an SQLite shared-memory index (a -shm file): import the database file itself"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return zipLooks(data)
	}
	text := bytes.TrimSpace(importer.TrimBOM(data))
	if utf8.Valid(text) && bytes.IndexByte(text, 0) < 0 {
		switch text[0] {
		case '{', '[':
			if looks := jsonLooks(text); looks != "" {
				return looks
			}
		case '<':
			if looks := xmlLooks(text); looks != "" {
				return looks
			}
		}
		return textLooks(string(text))
	}
	if len(data) >= 1024 && entropy(data[:min(len(data), 64<<10)]) > 7.5 {
		if len(data)%1024 == 0 {
			return "an encrypted database (SQLCipher or similar: the size is a whole number of pages and the content looks random), which Twofold cannot open: export from the app instead"
		}
		return "encrypted or compressed data of no app Twofold knows"
	}
	return ""
}

// entropy is the Shannon entropy of b in bits per byte: near 8 for
// encrypted or compressed data.
func entropy(b []byte) float64 {
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	h := 0.0
	for _, n := range counts {
		if n > 0 {
			p := float64(n) / float64(len(b))
			h -= p * math.Log2(p)
		}
	}
	return h
}

// sqliteLooks names the tables of an SQLite database of no app Twofold
// reads, with the database reader the importers use.
func sqliteLooks(data []byte) string {
	db, err := sqlite.Open(data)
	if err != nil {
		return fmt.Sprintf("an SQLite database that cannot be read (%v)", err)
	}
	var tables []string
	android := false
	for _, name := range db.Tables() {
		switch {
		case name == "android_metadata":
			android = true
		case strings.HasPrefix(name, "sqlite_"):
		default:
			tables = append(tables, name)
		}
	}
	what := "an SQLite database of no app Twofold knows"
	if android {
		what = "an Android app's SQLite database of no app Twofold knows"
	}
	if len(tables) > 0 {
		what += ", with the tables " + list(tables, 8)
	}
	if db.WAL() {
		what += "; it is in WAL mode, so part of its data may be in the -wal file next to it"
	}
	return what
}

// zipLooks names the entries of a zip archive from its central directory,
// read by hand: archive/zip would add to the browser build for a message.
func zipLooks(data []byte) string {
	names, total, encrypted, ok := zipEntries(data, 5)
	switch {
	case !ok:
		return "a zip archive that cannot be read"
	case total == 0:
		return "an empty zip archive"
	}
	what := "a zip archive"
	if encrypted {
		what = "a password-protected zip archive"
	}
	looks := what + " of no app Twofold knows, holding " + list(names, len(names))
	if total > len(names) {
		looks += fmt.Sprintf(" and %d more", total-len(names))
	}
	return looks + " (an Authenticator Plus backup holds Accounts.txt; a WinAuth export, .txt files only)"
}

// zipEntries returns the names of the first n entries of a zip archive,
// the number of entries, and whether one is encrypted. ok is false when
// the end of central directory record is missing or points outside data.
func zipEntries(data []byte, n int) (names []string, total int, encrypted, ok bool) {
	const eocdLen, headerLen = 22, 46
	if len(data) < eocdLen {
		return nil, 0, false, false
	}
	// The record ends the file, followed by a comment of up to 64 KiB.
	from := max(0, len(data)-eocdLen-0xffff)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(data) {
		return nil, 0, false, false
	}
	eocd := data[from+i:]
	total = int(binary.LittleEndian.Uint16(eocd[10:]))
	off := int(binary.LittleEndian.Uint32(eocd[16:]))
	for k := 0; k < total; k++ {
		if off < 0 || off+headerLen > len(data) || string(data[off:off+4]) != "PK\x01\x02" {
			return names, total, encrypted, len(names) > 0
		}
		h := data[off:]
		encrypted = encrypted || binary.LittleEndian.Uint16(h[8:])&1 != 0
		nameLen := int(binary.LittleEndian.Uint16(h[28:]))
		extraLen := int(binary.LittleEndian.Uint16(h[30:]))
		commentLen := int(binary.LittleEndian.Uint16(h[32:]))
		if off+headerLen+nameLen > len(data) {
			return names, total, encrypted, len(names) > 0
		}
		if len(names) < n {
			names = append(names, strings.ToValidUTF8(string(h[headerLen:headerLen+nameLen]), "\uFFFD"))
		}
		off += headerLen + nameLen + extraLen + commentLen
	}
	return names, total, encrypted, true
}

// jsonLooks names the top-level keys of a JSON object, or the keys of the
// first element of an array, in their order in the file.
func jsonLooks(text []byte) string {
	if !json.Valid(text) {
		return ""
	}
	if text[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(text, &items) != nil {
			return ""
		}
		if len(items) == 0 {
			return "an empty JSON array"
		}
		keys := objectKeys(items[0])
		if keys == nil {
			return fmt.Sprintf("a JSON array of %d items of no app Twofold knows", len(items))
		}
		return fmt.Sprintf("a JSON array of %d objects of no app Twofold knows, the first with the keys %s", len(items), list(keys, 8))
	}
	keys := objectKeys(text)
	if len(keys) == 0 {
		return "an empty JSON object"
	}
	return "JSON of no app Twofold knows, with the keys " + list(keys, 8)
}

// objectKeys returns the keys of a JSON object in their order, or nil if
// it is not an object.
func objectKeys(obj []byte) []string {
	d := json.NewDecoder(bytes.NewReader(obj))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	keys := []string{}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return keys
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if d.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

// xmlLooks names the root element, and for Android preferences (<map>)
// the names of the first entries.
func xmlLooks(text []byte) string {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	for {
		t, err := d.Token()
		if err != nil {
			return ""
		}
		start, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		root := start.Name.Local
		if strings.EqualFold(root, "svg") {
			return "an SVG image: take a screenshot of it and scan that, with Add account → Open an image or with twofold scan"
		}
		if root != "map" {
			return "XML of no app Twofold knows, with the root element " + quote(root)
		}
		var names []string
		for len(names) < 6 {
			t, err := d.Token()
			if err == io.EOF || err != nil {
				break
			}
			if s, ok := t.(xml.StartElement); ok {
				for _, a := range s.Attr {
					if a.Name.Local == "name" {
						names = append(names, a.Value)
					}
				}
			}
		}
		if len(names) == 0 {
			return "Android preferences (a <map> file) of no app Twofold knows"
		}
		return "Android preferences (a <map> file) of no app Twofold knows, with the entries " + list(names, 5)
	}
}

// csvColumn is what a column name looks like; a secret, in upper-case
// base32 or hex, does not.
var csvColumn = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _.()-]{0,31}$`)

var base64Text = regexp.MustCompile(`^[A-Za-z0-9+/=_\-\s]+$`)

// textLooks describes text of no known format: a CSV file by its columns,
// or text that has otpauth URIs elsewhere than at the start of a line.
func textLooks(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if cells := strings.Split(first, ","); len(cells) >= 2 {
		ok := true
		for i, c := range cells {
			c = strings.Trim(strings.TrimSpace(c), `"`)
			cells[i] = c
			ok = ok && csvColumn.MatchString(c) && strings.ToUpper(c) != c
		}
		if ok {
			return "a CSV file of no app Twofold knows, with the columns " + list(cells, 10)
		}
	}
	if strings.Contains(strings.ToLower(text), "otpauth://") {
		return "text with otpauth:// links, but not one to a line: put each link on a line of its own"
	}
	if len(text) >= 64 && base64Text.MatchString(text) {
		return "a block of base64 text, perhaps an encrypted backup, of no app Twofold knows"
	}
	return ""
}

// list quotes up to n names, cut to 60 bytes each, and says how many more
// there are.
func list(names []string, n int) string {
	var b strings.Builder
	for i, s := range names {
		if i == n {
			fmt.Fprintf(&b, " and %d more", len(names)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(s))
	}
	return b.String()
}

func quote(s string) string {
	if len(s) > 60 {
		s = strings.ToValidUTF8(s[:60], "") + "…"
	}
	return strconv.Quote(s)
}
