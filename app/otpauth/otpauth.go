package otpauth

import (
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"twofold.app/app/otp"
)

// Account is one entry of an authenticator: who it is for and the key that
// makes its codes.
//
// Account embeds [otp.Key], so a.Code, a.Remaining and the key's fields are
// available directly. Account's String and GoString methods leave the secret
// out; use [Format] to get the URI, which holds the secret.
type Account struct {
	Issuer string // the service, e.g. "GitHub"; may be empty
	Name   string // the account at that service, e.g. "alice@example.com"; may be empty if Issuer is not
	otp.Key
}

// Errors wrapped by [ParseError]. Callers branch on them with [errors.Is]; the
// Field of the ParseError says which part of the URI was wrong.
var (
	// ErrScheme means the text is not an otpauth:// URI.
	ErrScheme = errors.New("not an otpauth:// URI")
	// ErrMigration means the text is an otpauth-migration:// URI, Google
	// Authenticator's export format, which this package does not decode.
	ErrMigration = errors.New("otpauth-migration URI (a Google Authenticator export), not a single account")
	// ErrType means the type (the URI's host) is not totp, hotp or steam,
	// or the encoder parameter is unknown or does not fit the type.
	ErrType = errors.New("invalid type")
	// ErrLabel means the label (the URI's path) is badly escaped, holds
	// control characters or invalid UTF-8, or names neither an issuer
	// nor an account.
	ErrLabel = errors.New("invalid label")
	// ErrIssuer means the issuer parameter is badly escaped, repeated,
	// or holds control characters or invalid UTF-8.
	ErrIssuer = errors.New("invalid issuer")
	// ErrIssuerMismatch means the label's issuer prefix and the issuer
	// parameter name different issuers.
	ErrIssuerMismatch = errors.New("label issuer and issuer parameter differ")
	// ErrSecret means the secret is missing, empty or not base32.
	ErrSecret = errors.New("invalid secret")
	// ErrDigits means the digits parameter is not a number or out of
	// range for the type.
	ErrDigits = errors.New("invalid digits")
	// ErrPeriod means the period parameter is not a number or out of range.
	ErrPeriod = errors.New("invalid period")
	// ErrCounter means the counter parameter is not a 64-bit unsigned number.
	ErrCounter = errors.New("invalid counter")
	// ErrAlgorithm means the algorithm parameter is not SHA1, SHA256 or
	// SHA512.
	ErrAlgorithm = errors.New("invalid algorithm")
)

// ErrEmptySecret is wrapped by the error of [ParseSecret] (and [Parse]) when
// the secret holds no base32 characters at all, as opposed to holding a
// character outside the alphabet. errors.Is(err, [ErrSecret]) is true for it
// too.
var ErrEmptySecret error = emptySecretError{}

// Errors wrapped, next to [ErrSecret], by the error of [ParseSecret] (and
// [Parse]) for a secret that is not empty, saying what is wrong with it.
var (
	// ErrSecretCharacter means a character is outside the base32 alphabet;
	// the [ParseError]'s Pos is its position.
	ErrSecretCharacter = errors.New("not base32 (A to Z, 2 to 7)")
	// ErrSecretPadding means a character follows '=' padding, which may
	// only end a secret; the [ParseError]'s Pos is its position.
	ErrSecretPadding = errors.New("'=' padding")
	// ErrSecretLength means the base32 characters cannot make whole bytes:
	// one is missing or extra.
	ErrSecretLength = errors.New("base32 length is wrong (a character is missing or extra)")
)

type emptySecretError struct{}

func (emptySecretError) Error() string        { return "invalid secret: empty" }
func (emptySecretError) Is(target error) bool { return target == ErrSecret }

// ParseError is the error of [Parse], [ParseSecret] and [Account.Validate].
// Field names the part of the URI that is wrong: "scheme", "type", "label",
// "issuer", "secret", "algorithm", "digits", "period", "counter" or "encoder".
// Err wraps one of this package's sentinel errors, and, for range errors
// found by [otp.Key.Validate], the otp package's sentinel too.
//
// The message names the field and may quote short non-secret values such as
// "digits=9"; it never contains the secret.
type ParseError struct {
	Field string
	Err   error
	// Pos is the position of the character of a secret that is wrong
	// (the first character is 1), for [ErrSecretCharacter] and
	// [ErrSecretPadding]; zero otherwise.
	Pos int
}

func (e *ParseError) Error() string {
	if e.Err == nil {
		return "otpauth: invalid " + e.Field
	}
	return "otpauth: " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

func fieldError(field string, sentinel error, format string, args ...any) *ParseError {
	return &ParseError{Field: field, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// quote quotes a non-secret value for an error message, cut to a length that
// keeps messages readable whatever the input.
func quote(s string) string {
	const max = 24
	if len(s) > max {
		return strconv.Quote(s[:max]) + "…"
	}
	return strconv.Quote(s)
}

// The parameters Parse reads. Any other parameter is ignored.
var knownParams = map[string]error{
	"secret":    ErrSecret,
	"issuer":    ErrIssuer,
	"algorithm": ErrAlgorithm,
	"digits":    ErrDigits,
	"period":    ErrPeriod,
	"counter":   ErrCounter,
	"encoder":   ErrType,
}

// Parse decodes an otpauth:// Key URI. The accepted syntax, its defaults and
// the tolerance rules are described in the package documentation.
//
// On failure the error is a *[ParseError] naming the field that is wrong; it
// never contains the secret. The returned Account always satisfies
// [Account.Validate], and Parse(Format(a)) returns a again.
func Parse(uri string) (Account, error) {
	s := strings.TrimSpace(uri)

	scheme, rest, ok := strings.Cut(s, ":")
	switch {
	case !ok:
		return Account{}, &ParseError{Field: "scheme", Err: ErrScheme}
	case strings.EqualFold(scheme, "otpauth-migration"):
		return Account{}, &ParseError{Field: "scheme", Err: ErrMigration}
	case !strings.EqualFold(scheme, "otpauth"):
		return Account{}, &ParseError{Field: "scheme", Err: ErrScheme}
	}
	rest, ok = strings.CutPrefix(rest, "//")
	if !ok {
		return Account{}, fieldError("scheme", ErrScheme, "missing // after otpauth:")
	}
	rest, _, _ = strings.Cut(rest, "#") // a fragment carries nothing
	rest, rawQuery, _ := strings.Cut(rest, "?")
	host, rawLabel, _ := strings.Cut(rest, "/")

	var a Account
	if host == "" {
		return Account{}, fieldError("type", ErrType, "missing")
	}
	typ, err := otp.ParseType(host)
	if err != nil {
		return Account{}, fieldError("type", ErrType, "%s is not totp, hotp or steam", quote(host))
	}
	a.Type = typ

	params := make(map[string]string)
	for part := range strings.SplitSeq(rawQuery, "&") {
		rawKey, rawValue, _ := strings.Cut(part, "=")
		key := strings.ToLower(rawKey)
		sentinel, known := knownParams[key]
		if !known {
			continue
		}
		if _, dup := params[key]; dup {
			return Account{}, fieldError(key, sentinel, "parameter repeated")
		}
		v, err := url.QueryUnescape(rawValue)
		if err != nil {
			// url's error quotes the bad escape, which may be part
			// of the secret: say only which parameter it is.
			return Account{}, fieldError(key, sentinel, "bad percent-encoding")
		}
		params[key] = v
	}

	switch enc, ok := params["encoder"]; {
	case !ok || enc == "":
	case strings.EqualFold(enc, "steam"):
		if a.Type == otp.HOTP {
			return Account{}, fieldError("encoder", ErrType, "steam encoder on an hotp URI")
		}
		a.Type = otp.Steam
	default:
		return Account{}, fieldError("encoder", ErrType, "unknown encoder %s", quote(enc))
	}

	secret, ok := params["secret"]
	if !ok {
		return Account{}, fieldError("secret", ErrSecret, "parameter missing")
	}
	if a.Secret, err = ParseSecret(secret); err != nil {
		return Account{}, err
	}

	a.Algorithm = otp.SHA1
	if v, ok := params["algorithm"]; ok {
		if a.Algorithm, err = otp.ParseAlgorithm(v); err != nil {
			return Account{}, fieldError("algorithm", ErrAlgorithm, "%s is not SHA1, SHA256 or SHA512", quote(v))
		}
	}

	a.Digits = otp.MinDigits
	if a.Type == otp.Steam {
		a.Digits = otp.SteamDigits
	}
	if v, ok := params["digits"]; ok {
		if a.Digits, err = parseSmallInt(v); err != nil {
			return Account{}, fieldError("digits", ErrDigits, "%s %v", quote(v), err)
		}
	}

	switch a.Type {
	case otp.HOTP:
		if v, ok := params["counter"]; ok {
			if !isDigits(v) {
				return Account{}, fieldError("counter", ErrCounter, "%s is not a number", quote(v))
			}
			if a.Counter, err = strconv.ParseUint(v, 10, 64); err != nil {
				return Account{}, fieldError("counter", ErrCounter, "%s is too large", quote(v))
			}
		}
	default:
		a.Period = 30
		if v, ok := params["period"]; ok {
			if a.Period, err = parseSmallInt(v); err != nil {
				return Account{}, fieldError("period", ErrPeriod, "%s %v", quote(v), err)
			}
		}
	}

	if a.Issuer, a.Name, err = parseLabel(rawLabel, params); err != nil {
		return Account{}, err
	}

	if err := a.Validate(); err != nil {
		return Account{}, err
	}
	return a, nil
}

// parseLabel splits the label into issuer and account name, reconciling the
// label's issuer prefix with the issuer parameter.
func parseLabel(rawLabel string, params map[string]string) (issuer, name string, err error) {
	label, err := url.PathUnescape(rawLabel)
	if err != nil {
		return "", "", fieldError("label", ErrLabel, "bad percent-encoding")
	}
	param := strings.TrimSpace(params["issuer"])
	if err := checkText(param); err != nil {
		return "", "", fieldError("issuer", ErrIssuer, "%v", err)
	}

	switch before, after, colon := strings.Cut(label, ":"); {
	case param != "" && strings.HasPrefix(label, param+":"):
		// The issuer parameter may itself contain a colon.
		issuer, name = param, label[len(param)+1:]
	case colon:
		issuer, name = strings.TrimSpace(before), after
		if param != "" {
			if issuer != "" && !sameIssuer(issuer, param) {
				return "", "", fieldError("issuer", ErrIssuerMismatch, "label has %s, parameter has %s", quote(issuer), quote(param))
			}
			issuer = param
		}
	default:
		issuer, name = param, label
	}
	name = strings.TrimSpace(name)
	if err := checkText(issuer); err != nil {
		return "", "", fieldError("label", ErrLabel, "issuer %v", err)
	}
	if err := checkText(name); err != nil {
		return "", "", fieldError("label", ErrLabel, "account name %v", err)
	}
	if issuer == "" && name == "" {
		return "", "", fieldError("label", ErrLabel, "no issuer and no account name")
	}
	return issuer, name, nil
}

// sameIssuer reports whether a label issuer and an issuer parameter name the
// same issuer, ignoring case and a '+' in the label standing for a space.
func sameIssuer(label, param string) bool {
	return strings.EqualFold(label, param) ||
		strings.EqualFold(strings.ReplaceAll(label, "+", " "), param)
}

// checkText refuses text that cannot be shown safely: invalid UTF-8 and
// control characters.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return errors.New("contains a control character")
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseSmallInt parses a decimal number of at most 9 digits (after leading
// zeros), enough for any digits or period and safe from overflow.
func parseSmallInt(s string) (int, error) {
	if !isDigits(s) {
		return 0, errors.New("is not a number")
	}
	t := strings.TrimLeft(s, "0")
	if len(t) > 9 {
		return 0, errors.New("is too large")
	}
	n, _ := strconv.Atoi("0" + t) // cannot fail: at most 10 decimal digits
	return n, nil
}

// ParseSecret decodes a base32 secret as people and apps write it: spaces
// (any Unicode white space) and dashes anywhere are ignored, trailing '='
// padding is ignored, lower case is accepted. What remains must be non-empty,
// use only the RFC 4648 alphabet A–Z and 2–7, and have a length that whole
// bytes can give (not 1, 3 or 6 modulo 8).
//
// Non-zero bits left over after the last whole byte are ignored, as most
// decoders do.
//
// On failure the error is a *[ParseError] with Field "secret" wrapping
// [ErrSecret], and also [ErrEmptySecret] when nothing was left to decode,
// [ErrSecretCharacter] or [ErrSecretPadding] for a character that may not be
// there, or [ErrSecretLength]. A wrong character is reported by its position
// (the first character is 1, counted in characters, not bytes), in the
// message and in the ParseError's Pos, never by its value.
func ParseSecret(s string) ([]byte, error) {
	buf := make([]byte, 0, len(s))
	pos, padding := 0, false
	for _, r := range s {
		pos++
		switch {
		case r == '-' || unicode.IsSpace(r):
			continue
		case r == '=':
			padding = true
			continue
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		}
		if !('A' <= r && r <= 'Z' || '2' <= r && r <= '7') {
			return nil, &ParseError{Field: "secret", Pos: pos,
				Err: fmt.Errorf("%w: character %d is %w", ErrSecret, pos, ErrSecretCharacter)}
		}
		if padding {
			return nil, &ParseError{Field: "secret", Pos: pos,
				Err: fmt.Errorf("%w: character %d follows %w", ErrSecret, pos, ErrSecretPadding)}
		}
		buf = append(buf, byte(r))
	}
	if len(buf) == 0 {
		return nil, &ParseError{Field: "secret", Err: ErrEmptySecret}
	}
	switch len(buf) % 8 {
	case 1, 3, 6:
		return nil, &ParseError{Field: "secret", Err: fmt.Errorf("%w: %w", ErrSecret, ErrSecretLength)}
	}
	key := make([]byte, secretEncoding.DecodedLen(len(buf)))
	n, err := secretEncoding.Decode(key, buf)
	if err != nil {
		// unreachable: the alphabet and length were checked above.
		return nil, fieldError("secret", ErrSecret, "not base32")
	}
	return key[:n], nil
}

var secretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Validate reports whether a is an account [Parse] could return, which makes
// [Format] and Parse exact inverses for it. It checks the key with
// [otp.Key.Validate], that a time-based key has a zero Counter and an HOTP
// key a zero Period (Format writes neither), and that Issuer and Name are
// valid UTF-8 without control characters or surrounding white space and are
// not both empty.
//
// The error is a *[ParseError] naming the field, as Parse would return for
// the URI that Format(a) makes.
func (a Account) Validate() error {
	if err := a.Key.Validate(); err != nil {
		for _, f := range []struct {
			field          string
			otpErr, ourErr error
		}{
			{"type", otp.ErrType, ErrType},
			{"algorithm", otp.ErrAlgorithm, ErrAlgorithm},
			{"digits", otp.ErrDigits, ErrDigits},
			{"period", otp.ErrPeriod, ErrPeriod},
			{"secret", otp.ErrSecret, ErrSecret},
		} {
			if errors.Is(err, f.otpErr) {
				return &ParseError{Field: f.field, Err: fmt.Errorf("%w: %w", f.ourErr, err)}
			}
		}
		return &ParseError{Field: "key", Err: err} // unreachable: Validate wraps one of the above
	}
	if a.Type == otp.HOTP && a.Period != 0 {
		return fieldError("period", ErrPeriod, "set on an hotp key")
	}
	if a.Type != otp.HOTP && a.Counter != 0 {
		return fieldError("counter", ErrCounter, "set on a time-based key")
	}
	for _, f := range []struct{ what, s string }{{"issuer", a.Issuer}, {"account name", a.Name}} {
		if err := checkText(f.s); err != nil {
			return fieldError("label", ErrLabel, "%s %v", f.what, err)
		}
		if strings.TrimSpace(f.s) != f.s {
			return fieldError("label", ErrLabel, "%s has surrounding white space", f.what)
		}
	}
	if a.Issuer == "" && a.Name == "" {
		return fieldError("label", ErrLabel, "no issuer and no account name")
	}
	return nil
}

// Format returns the canonical otpauth URI of a:
//
//	otpauth://TYPE/ISSUER:NAME?secret=SECRET&issuer=ISSUER&algorithm=ALG&digits=N&period=P
//
// with counter=C instead of period for HOTP, the type as "totp", "hotp" or
// "steam", the secret in upper-case base32 without padding, and the label and
// issuer percent-encoded (everything but ASCII letters, digits, "-._~" and
// "@" is escaped, so a space is %20 and a colon inside the issuer %3A). The
// issuer prefix and parameter are left out when Issuer is empty; the label is
// then ":NAME" if the name contains a colon, so that it is not read as an
// issuer.
//
// The URI contains the secret: it must not be logged. Format does not check
// a; for an a that fails [Account.Validate] the URI may not parse back to a.
func Format(a Account) string {
	var b strings.Builder
	b.WriteString("otpauth://")
	b.WriteString(a.Type.String())
	b.WriteString("/")
	switch {
	case a.Issuer != "":
		b.WriteString(escape(a.Issuer))
		b.WriteString(":")
	case strings.Contains(a.Name, ":"):
		b.WriteString(":")
	}
	b.WriteString(escape(a.Name))
	b.WriteString("?secret=")
	b.WriteString(secretEncoding.EncodeToString(a.Secret))
	if a.Issuer != "" {
		b.WriteString("&issuer=")
		b.WriteString(escape(a.Issuer))
	}
	b.WriteString("&algorithm=")
	b.WriteString(a.Algorithm.String())
	b.WriteString("&digits=")
	b.WriteString(strconv.Itoa(a.Digits))
	if a.Type == otp.HOTP {
		b.WriteString("&counter=")
		b.WriteString(strconv.FormatUint(a.Counter, 10))
	} else {
		b.WriteString("&period=")
		b.WriteString(strconv.Itoa(a.Period))
	}
	return b.String()
}

// escape percent-encodes everything but RFC 3986 unreserved characters and
// '@', which is safe in a path and a query and common in account names.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '@' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// String describes a without its secret, for example
// `"GitHub":"alice" totp SHA1 6 digits 30s secret[20 bytes]`. It is safe to
// log; it is not a URI (see [Format]).
func (a Account) String() string {
	return fmt.Sprintf("%q:%q %v", a.Issuer, a.Name, a.Key)
}

// GoString is like [Account.String]: it keeps the secret out of %#v.
func (a Account) GoString() string {
	return fmt.Sprintf("otpauth.Account{Issuer:%q, Name:%q, Key:%#v}", a.Issuer, a.Name, a.Key)
}
