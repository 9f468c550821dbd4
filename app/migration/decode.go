package migration

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"google.golang.org/protobuf/encoding/protowire"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// Errors of this package. Callers branch on them with [errors.Is]; the
// message of the wrapping error says which field or part is wrong.
var (
	// ErrNotMigration means the text is not an otpauth-migration://offline
	// URI.
	ErrNotMigration = errors.New("not an otpauth-migration://offline URI")
	// ErrMalformed means the URI, its data or the protobuf payload is
	// broken: bad base64, a truncated field, a field of the wrong wire
	// type, a value out of range.
	ErrMalformed = errors.New("malformed migration payload")
	// ErrUnsupported means an account uses something Twofold does not do
	// (MD5, an unknown algorithm, digits or type), or, when writing, that
	// the format cannot carry an account faithfully (a period other than
	// 30 seconds, 7 digits, Steam).
	ErrUnsupported = errors.New("not supported by the migration format")
)

// Payload is the content of one otpauth-migration code.
type Payload struct {
	// Accounts are the accounts that could be read, in the order of the
	// payload. Each satisfies [otpauth.Account.Validate].
	Accounts []otpauth.Account
	// Skipped lists the accounts of the payload that could not be read.
	// Len(Accounts)+len(Skipped) is the number of accounts in the payload.
	Skipped []Skip

	// Version is the payload format version; Google writes 1.
	Version int
	// BatchSize is the number of codes of the export this one belongs
	// to, BatchIndex its position among them (from 0), and BatchID a
	// number shared by all the codes of one export. A single code has
	// BatchSize 1 (or 0, when the writer left the field out) and
	// BatchIndex 0.
	BatchSize, BatchIndex, BatchID int
}

// Skip is an account left out, by [Parse] because it could not be read, or
// by [Split] because the format cannot carry it.
type Skip struct {
	// Index is the account's position: in the payload for Parse, in the
	// accounts given for Split. It counts from 0.
	Index int
	// Name is the account's label as "Issuer:Name", or just the name
	// when the issuer is empty; it may be empty when the label itself
	// could not be read. It never holds the secret.
	Name string
	// Err says why, and wraps [ErrMalformed], [ErrUnsupported], or an
	// otpauth error for a label or key that does not validate.
	Err error
}

func (s Skip) String() string {
	return fmt.Sprintf("account %d %q: %v", s.Index, s.Name, s.Err)
}

// MaxBatchSize bounds the batch_size a payload may declare: 1000 codes,
// 10,000 accounts at Google's 10 a code. A reader keeps room for every code
// of an export and lists those missing, so that a single code claiming
// 2^31 of them would otherwise take hundreds of gigabytes.
const MaxBatchSize = 1000

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsupported}, args...)...)
}

// ParseURI decodes an otpauth-migration://offline?data=… URI.
//
// The scheme and the host "offline" are matched ignoring case, surrounding
// white space is ignored, and the URI must have exactly one data parameter.
// Its value is percent-decoded (a '+' stays a '+') and then read as base64
// in the standard or the URL-safe alphabet, padded or not; white space
// inside it is ignored, since such URIs are often copied from wrapped
// text. Other parameters are ignored.
//
// Anything that is not an otpauth-migration URI gives an error wrapping
// [ErrNotMigration]; a broken one, [ErrMalformed]. See [Parse] for the
// payload.
func ParseURI(uri string) (Payload, error) {
	data, err := uriData(uri)
	if err != nil {
		return Payload{}, err
	}
	return Parse(data)
}

// uriData returns the decoded data parameter of a migration URI.
func uriData(uri string) ([]byte, error) {
	s := strings.TrimSpace(uri)
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !strings.EqualFold(scheme, "otpauth-migration") {
		return nil, ErrNotMigration
	}
	rest, ok = strings.CutPrefix(rest, "//")
	if !ok {
		return nil, fmt.Errorf("%w: missing // after otpauth-migration:", ErrNotMigration)
	}
	rest, _, _ = strings.Cut(rest, "#")
	hostPath, query, _ := strings.Cut(rest, "?")
	host, path, _ := strings.Cut(hostPath, "/")
	if !strings.EqualFold(host, "offline") || path != "" {
		return nil, fmt.Errorf("%w: the host is not offline", ErrNotMigration)
	}

	var value string
	found := false
	for part := range strings.SplitSeq(query, "&") {
		key, v, _ := strings.Cut(part, "=")
		if !strings.EqualFold(key, "data") {
			continue
		}
		if found {
			return nil, malformed("data parameter repeated")
		}
		found = true
		// PathUnescape, not QueryUnescape: '+' is a base64 character
		// here, not a space.
		u, err := url.PathUnescape(v)
		if err != nil {
			return nil, malformed("data parameter: bad percent-encoding")
		}
		value = u
	}
	if !found {
		return nil, malformed("no data parameter")
	}
	return decodeBase64(value)
}

// decodeBase64 accepts the standard and the URL-safe alphabets, with or
// without padding, and ignores white space (a space may also be a '+' that
// a query decoder turned into a space).
func decodeBase64(s string) ([]byte, error) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n', '\r', '\t':
		case ' ':
			b = append(b, '+')
		case '-':
			b = append(b, '+')
		case '_':
			b = append(b, '/')
		default:
			b = append(b, c)
		}
	}
	trimmed := strings.TrimRight(string(b), "=")
	if len(trimmed) == 0 {
		return nil, malformed("data parameter is empty")
	}
	out, err := base64.RawStdEncoding.DecodeString(trimmed)
	if err != nil {
		// The base64 error quotes a position, never the data; still,
		// keep the message ours.
		return nil, malformed("data parameter is not base64")
	}
	return out, nil
}

// The field numbers of MigrationPayload and its OtpParameters.
const (
	fieldOTPParameters protowire.Number = 1
	fieldVersion       protowire.Number = 2
	fieldBatchSize     protowire.Number = 3
	fieldBatchIndex    protowire.Number = 4
	fieldBatchID       protowire.Number = 5

	fieldSecret    protowire.Number = 1
	fieldName      protowire.Number = 2
	fieldIssuer    protowire.Number = 3
	fieldAlgorithm protowire.Number = 4
	fieldDigits    protowire.Number = 5
	fieldType      protowire.Number = 6
	fieldCounter   protowire.Number = 7
)

// The enum values of OtpParameters.
const (
	algorithmUnspecified = 0
	algorithmSHA1        = 1
	algorithmSHA256      = 2
	algorithmSHA512      = 3
	algorithmMD5         = 4

	digitsUnspecified = 0
	digitsSix         = 1
	digitsEight       = 2

	typeUnspecified = 0
	typeHOTP        = 1
	typeTOTP        = 2
)

// Parse decodes a MigrationPayload, the bytes of the data parameter.
//
// Unknown fields are skipped, as protobuf requires; a known field with the
// wrong wire type, a truncated field or an out-of-range batch field fails the
// whole payload with [ErrMalformed], and so does a payload without any
// account. An account that cannot be read is listed in Skipped and the
// others are returned; see SPEC.md for how each field is read.
func Parse(data []byte) (Payload, error) {
	var p Payload
	var batchSize, batchIndex, batchID int64
	index := 0
	for len(data) > 0 {
		num, typ, n := protowire.ConsumeTag(data)
		if n < 0 {
			return Payload{}, malformed("field tag: %v", protowire.ParseError(n))
		}
		data = data[n:]
		switch num {
		case fieldOTPParameters:
			if typ != protowire.BytesType {
				return Payload{}, malformed("otp_parameters has wire type %d", typ)
			}
			msg, n := protowire.ConsumeBytes(data)
			if n < 0 {
				return Payload{}, malformed("otp_parameters[%d]: %v", index, protowire.ParseError(n))
			}
			data = data[n:]
			a, name, err := parseAccount(msg)
			if err != nil {
				p.Skipped = append(p.Skipped, Skip{Index: index, Name: name, Err: err})
			} else {
				p.Accounts = append(p.Accounts, a)
			}
			index++
		case fieldVersion, fieldBatchSize, fieldBatchIndex, fieldBatchID:
			v, n, err := consumeInt32(num, typ, data)
			if err != nil {
				return Payload{}, err
			}
			data = data[n:]
			switch num {
			case fieldVersion:
				p.Version = int(v)
			case fieldBatchSize:
				batchSize = v
			case fieldBatchIndex:
				batchIndex = v
			case fieldBatchID:
				batchID = v
			}
		default:
			n := protowire.ConsumeFieldValue(num, typ, data)
			if n < 0 {
				return Payload{}, malformed("field %d: %v", num, protowire.ParseError(n))
			}
			data = data[n:]
		}
	}
	if index == 0 {
		return Payload{}, malformed("no accounts")
	}
	switch {
	case batchSize < 0:
		return Payload{}, malformed("batch_size is negative")
	case batchIndex < 0:
		return Payload{}, malformed("batch_index is negative")
	case batchSize > MaxBatchSize:
		return Payload{}, malformed("batch_size %d is above %d", batchSize, MaxBatchSize)
	case batchIndex >= max(batchSize, 1):
		return Payload{}, malformed("batch_index %d is not below batch_size %d", batchIndex, batchSize)
	}
	p.BatchSize, p.BatchIndex, p.BatchID = int(batchSize), int(batchIndex), int(batchID)
	return p, nil
}

// consumeInt32 reads an int32 field: a varint whose value, as protobuf
// writes negative int32s, is sign-extended to 64 bits.
func consumeInt32(num protowire.Number, typ protowire.Type, data []byte) (int64, int, error) {
	name := map[protowire.Number]string{
		fieldVersion: "version", fieldBatchSize: "batch_size",
		fieldBatchIndex: "batch_index", fieldBatchID: "batch_id",
	}[num]
	if typ != protowire.VarintType {
		return 0, 0, malformed("%s has wire type %d", name, typ)
	}
	v, n := protowire.ConsumeVarint(data)
	if n < 0 {
		return 0, 0, malformed("%s: %v", name, protowire.ParseError(n))
	}
	// protobuf truncates an int32 read from a wider varint; do the same.
	return int64(int32(v)), n, nil
}

// parseAccount reads one OtpParameters message. On failure it still
// returns the label when it got that far, for the Skip.
func parseAccount(msg []byte) (otpauth.Account, string, error) {
	var (
		secret                 []byte
		name, issuer           string
		algorithm, digits, typ uint64
		counter                uint64
	)
	for len(msg) > 0 {
		num, wt, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return otpauth.Account{}, label(issuer, name), malformed("field tag: %v", protowire.ParseError(n))
		}
		msg = msg[n:]
		var field string
		var want protowire.Type
		switch num {
		case fieldSecret:
			field, want = "secret", protowire.BytesType
		case fieldName:
			field, want = "name", protowire.BytesType
		case fieldIssuer:
			field, want = "issuer", protowire.BytesType
		case fieldAlgorithm:
			field, want = "algorithm", protowire.VarintType
		case fieldDigits:
			field, want = "digits", protowire.VarintType
		case fieldType:
			field, want = "type", protowire.VarintType
		case fieldCounter:
			field, want = "counter", protowire.VarintType
		default:
			n := protowire.ConsumeFieldValue(num, wt, msg)
			if n < 0 {
				return otpauth.Account{}, label(issuer, name), malformed("field %d: %v", num, protowire.ParseError(n))
			}
			msg = msg[n:]
			continue
		}
		if wt != want {
			return otpauth.Account{}, label(issuer, name), malformed("%s has wire type %d", field, wt)
		}
		if want == protowire.BytesType {
			b, n := protowire.ConsumeBytes(msg)
			if n < 0 {
				return otpauth.Account{}, label(issuer, name), malformed("%s: %v", field, protowire.ParseError(n))
			}
			msg = msg[n:]
			switch num {
			case fieldSecret:
				secret = b
			case fieldName:
				name = string(b)
			case fieldIssuer:
				issuer = string(b)
			}
			continue
		}
		v, n := protowire.ConsumeVarint(msg)
		if n < 0 {
			return otpauth.Account{}, label(issuer, name), malformed("%s: %v", field, protowire.ParseError(n))
		}
		msg = msg[n:]
		switch num {
		case fieldAlgorithm:
			algorithm = v
		case fieldDigits:
			digits = v
		case fieldType:
			typ = v
		case fieldCounter:
			counter = v
		}
	}

	var a otpauth.Account
	a.Issuer, a.Name = splitName(issuer, name)
	lbl := label(a.Issuer, a.Name)

	switch algorithm {
	case algorithmUnspecified, algorithmSHA1:
		a.Algorithm = otp.SHA1
	case algorithmSHA256:
		a.Algorithm = otp.SHA256
	case algorithmSHA512:
		a.Algorithm = otp.SHA512
	case algorithmMD5:
		return otpauth.Account{}, lbl, unsupported("algorithm MD5")
	default:
		return otpauth.Account{}, lbl, unsupported("algorithm %d", algorithm)
	}

	switch digits {
	case digitsUnspecified, digitsSix:
		a.Digits = 6
	case digitsEight:
		a.Digits = 8
	default:
		return otpauth.Account{}, lbl, unsupported("digits %d", digits)
	}

	switch typ {
	case typeTOTP:
		a.Type = otp.TOTP
		a.Period = 30
	case typeHOTP:
		a.Type = otp.HOTP
		if int64(counter) < 0 {
			return otpauth.Account{}, lbl, malformed("counter is negative")
		}
		a.Counter = counter
	case typeUnspecified:
		return otpauth.Account{}, lbl, unsupported("type not given (neither TOTP nor HOTP)")
	default:
		return otpauth.Account{}, lbl, unsupported("type %d", typ)
	}

	a.Secret = secret
	if err := a.Validate(); err != nil {
		return otpauth.Account{}, lbl, err
	}
	return a, lbl, nil
}

// splitName turns the payload's name and issuer into the account's issuer
// and name. Google Authenticator often stores the whole otpauth label,
// "Issuer:Name", in name: when name starts with the issuer (ignoring case
// and white space around it) and a colon, that prefix is removed. When the
// issuer is empty the name is kept whole, colon included, as Google
// Authenticator shows it; guessing an issuer from it would split names such
// as "encoding: (demo)".
func splitName(issuer, name string) (string, string) {
	issuer = strings.TrimSpace(issuer)
	if rest, ok := cutIssuer(issuer, name); ok {
		name = rest
	}
	return issuer, strings.TrimSpace(name)
}

// cutIssuer reports whether name starts with issuer and a colon, and returns
// the rest.
func cutIssuer(issuer, name string) (string, bool) {
	if issuer == "" {
		return "", false
	}
	before, after, ok := strings.Cut(name, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(before), issuer) {
		return "", false
	}
	return after, true
}

// label is "Issuer:Name", or the name alone when the issuer is empty.
// Invalid UTF-8 and control characters are replaced with U+FFFD so that the
// label is safe to show.
func label(issuer, name string) string {
	s := name
	if issuer != "" {
		s = issuer + ":" + name
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
