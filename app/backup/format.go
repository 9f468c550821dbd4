package backup

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"twofold.app/app/vault"
)

// The file format, versions 1 and 2. SPEC.md is the normative
// description; keep the two in step.
const (
	beginLine   = "-----BEGIN TWOFOLD BACKUP-----"
	endLine     = "-----END TWOFOLD BACKUP-----"
	kdfArgon2id = "argon2id"

	// A backup of version N holds a vault payload of version N: version 2
	// is the vault's version 2, with favourites, last uses, sort order and
	// density. The file is the same in both.
	version1   = 1
	maxVersion = 2

	saltSize  = 16
	checkSize = 16
	keySize   = 32
	nonceSize = chacha20poly1305.NonceSizeX // 24
	tagSize   = chacha20poly1305.Overhead   // 16

	// lineWidth is the number of base64 characters per body line that Seal
	// writes. Any width is read.
	lineWidth = 64

	createdLayout = "2006-01-02T15:04:05Z"

	// Labels of the two keys derived from the passphrase key with
	// HMAC-SHA256.
	encryptionKeyLabel = "twofold-backup encryption key"
	checkLabel         = "twofold-backup passphrase check"
)

// headerKeys are the header lines of versions 1 and 2 after the Version
// line, in their required order.
var headerKeys = []string{"Created", "KDF", "Salt", "Check", "Nonce", "Length"}

// b64 is standard base64 with padding; decoding refuses non-zero padding
// bits. Line breaks, which it would skip, never reach it.
var b64 = base64.StdEncoding.Strict()

// header is a parsed and checked header.
type header struct {
	version int // also the version of the vault payload
	created time.Time
	params  vault.Params
	salt    []byte
	check   []byte
	nonce   []byte
	length  int // of the encrypted body, tag included
}

// marshal returns the header as Seal writes it: the BEGIN line and every
// header line, each ending in a line feed. These bytes are also the
// additional data of the AEAD, so a decoder rebuilds them from the parsed
// values rather than using the input's bytes.
func (h *header) marshal() []byte {
	var b bytes.Buffer
	b.WriteString(beginLine + "\n")
	fmt.Fprintf(&b, "Version: %d\n", h.version)
	fmt.Fprintf(&b, "Created: %s\n", h.created.Format(createdLayout))
	fmt.Fprintf(&b, "KDF: %s t=%d m=%d p=%d\n", kdfArgon2id, h.params.Time, h.params.MemoryKiB, h.params.Threads)
	fmt.Fprintf(&b, "Salt: %s\n", b64.EncodeToString(h.salt))
	fmt.Fprintf(&b, "Check: %s\n", b64.EncodeToString(h.check))
	fmt.Fprintf(&b, "Nonce: %s\n", b64.EncodeToString(h.nonce))
	fmt.Fprintf(&b, "Length: %d\n", h.length)
	return b.Bytes()
}

// marshalFile returns the whole file: the header, an empty line, the body
// in base64 wrapped at lineWidth, and the END line.
func marshalFile(h *header, body []byte) []byte {
	b := bytes.NewBuffer(h.marshal())
	b.WriteString("\n")
	enc := b64.EncodeToString(body)
	for len(enc) > lineWidth {
		b.WriteString(enc[:lineWidth] + "\n")
		enc = enc[lineWidth:]
	}
	b.WriteString(enc + "\n")
	b.WriteString(endLine + "\n")
	return b.Bytes()
}

func damaged(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrDamaged}, args...)...)
}

// lines splits data into lines the tolerant way: a leading byte order mark
// is dropped, CR LF, LF and a lone CR all end a line, spaces and tabs around
// each line are removed, and blank lines at the start and end are dropped.
func lines(data []byte) []string {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	ls := strings.Split(s, "\n")
	for i := range ls {
		ls[i] = strings.Trim(ls[i], " \t")
	}
	for len(ls) > 0 && ls[0] == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// parse reads a backup file and checks everything that can be checked
// without the passphrase. It returns the header and the encrypted body, or
// an error wrapping ErrNotBackup, ErrUnsupportedVersion or ErrDamaged. Error
// messages never quote the file.
func parse(data []byte) (*header, []byte, error) {
	ls := lines(data)
	if len(ls) == 0 || ls[0] != beginLine {
		if slices.Contains(ls, beginLine) {
			return nil, nil, damaged("text before the BEGIN line")
		}
		return nil, nil, ErrNotBackup
	}
	if len(ls) < 2 {
		return nil, nil, damaged("nothing after the BEGIN line (the file is truncated)")
	}
	v, ok := strings.CutPrefix(ls[1], "Version: ")
	n, isNum := decimal(v)
	if !ok || !isNum {
		return nil, nil, damaged("the line after BEGIN is not Version: and a number")
	}
	if n < version1 || n > maxVersion {
		return nil, nil, fmt.Errorf("%w %d", ErrUnsupportedVersion, n)
	}
	h, rest, err := parseHeader(ls[2:])
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	h.version = int(n)
	body, err := parseBody(rest, h.length)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return h, body, nil
}

// parseHeader reads the header lines after the Version line and returns
// the lines after them.
func parseHeader(ls []string) (*header, []string, error) {
	values := make(map[string]string, len(headerKeys))
	for i, k := range headerKeys {
		if i >= len(ls) {
			return nil, nil, fmt.Errorf("the header ends before %s (the file is truncated)", k)
		}
		v, ok := strings.CutPrefix(ls[i], k+": ")
		if !ok {
			return nil, nil, fmt.Errorf("header line %d is not %s", i+3, k)
		}
		values[k] = v
	}
	h := &header{}
	var err error
	c := values["Created"]
	if h.created, err = time.Parse(createdLayout, c); err != nil || h.created.Format(createdLayout) != c || h.created.Year() < 1 {
		return nil, nil, errors.New("created is not a UTC time in the form 2006-01-02T15:04:05Z")
	}
	if h.params, err = parseKDF(values["KDF"]); err != nil {
		return nil, nil, err
	}
	if h.salt, err = decodeB64("salt", values["Salt"], saltSize); err != nil {
		return nil, nil, err
	}
	if h.check, err = decodeB64("check", values["Check"], checkSize); err != nil {
		return nil, nil, err
	}
	if h.nonce, err = decodeB64("nonce", values["Nonce"], nonceSize); err != nil {
		return nil, nil, err
	}
	n, ok := decimal(values["Length"])
	if !ok || n > math.MaxInt32 {
		return nil, nil, errors.New("length is not a number")
	}
	if n < tagSize {
		return nil, nil, errors.New("length is shorter than a tag")
	}
	h.length = int(n)
	return h, ls[len(headerKeys):], nil
}

// parseKDF reads "argon2id t=T m=M p=P".
func parseKDF(v string) (vault.Params, error) {
	f := strings.Split(v, " ")
	if f[0] != kdfArgon2id {
		return vault.Params{}, errors.New("unknown kdf")
	}
	if len(f) != 4 {
		return vault.Params{}, errors.New("kdf line is not argon2id t=… m=… p=…")
	}
	var n [3]uint64
	for i, name := range []string{"t=", "m=", "p="} {
		s, ok := strings.CutPrefix(f[i+1], name)
		if ok {
			n[i], ok = decimal(s)
		}
		if !ok {
			return vault.Params{}, errors.New("kdf line is not argon2id t=… m=… p=…")
		}
	}
	if n[0] > math.MaxUint32 || n[1] > math.MaxUint32 || n[2] > math.MaxUint8 {
		return vault.Params{}, fmt.Errorf("%w: t=%d m=%d p=%d", vault.ErrParams, n[0], n[1], n[2])
	}
	p := vault.Params{Time: uint32(n[0]), MemoryKiB: uint32(n[1]), Threads: uint8(n[2])}
	if err := p.Check(); err != nil {
		return vault.Params{}, err
	}
	return p, nil
}

// parseBody joins the base64 lines up to the END line and decodes them.
// Blank lines are skipped; the END line must be the last line.
func parseBody(ls []string, length int) ([]byte, error) {
	end := slices.Index(ls, endLine)
	if end < 0 {
		return nil, errors.New("no END line (the file is truncated)")
	}
	if end != len(ls)-1 {
		return nil, errors.New("text after the END line")
	}
	var enc strings.Builder
	for _, l := range ls[:end] {
		if strings.ContainsAny(l, " \t") {
			return nil, errors.New("white space inside a body line")
		}
		enc.WriteString(l)
	}
	if enc.Len() == 0 {
		return nil, errors.New("no body (the file is truncated)")
	}
	body, err := b64.DecodeString(enc.String())
	if err != nil {
		return nil, errors.New("the body is not canonical base64")
	}
	switch {
	case len(body) < length:
		return nil, fmt.Errorf("the body is %d bytes, the header says %d (the file is truncated)", len(body), length)
	case len(body) > length:
		return nil, fmt.Errorf("the body is %d bytes, the header says %d", len(body), length)
	}
	return body, nil
}

// decodeB64 decodes a header value of exactly size bytes in canonical
// base64.
func decodeB64(field, s string, size int) ([]byte, error) {
	b, err := b64.DecodeString(s)
	if err != nil || strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("%s is not canonical base64", field)
	}
	if len(b) != size {
		return nil, fmt.Errorf("%s is %d bytes, want %d", field, len(b), size)
	}
	return b, nil
}

// decimal parses a canonical decimal number: "0", or a digit other than 0
// followed by digits, at most 19 of them in all.
func decimal(s string) (uint64, bool) {
	if s == "" || len(s) > 19 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}
