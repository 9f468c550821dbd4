package otpauth_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

var sentinels = map[string]error{
	"ErrScheme":         otpauth.ErrScheme,
	"ErrMigration":      otpauth.ErrMigration,
	"ErrType":           otpauth.ErrType,
	"ErrLabel":          otpauth.ErrLabel,
	"ErrIssuer":         otpauth.ErrIssuer,
	"ErrIssuerMismatch": otpauth.ErrIssuerMismatch,
	"ErrSecret":         otpauth.ErrSecret,
	"ErrEmptySecret":    otpauth.ErrEmptySecret,
	"ErrDigits":         otpauth.ErrDigits,
	"ErrPeriod":         otpauth.ErrPeriod,
	"ErrCounter":        otpauth.ErrCounter,
	"ErrAlgorithm":      otpauth.ErrAlgorithm,
}

type vector struct {
	line   int
	fields map[string]string
}

func (v vector) get(t *testing.T, key string) string {
	t.Helper()
	s, ok := v.fields[key]
	if !ok {
		t.Fatalf("vector at line %d has no %q", v.line, key)
	}
	return s
}

func (v vector) getInt(t *testing.T, key string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(v.get(t, key), 10, 64)
	if err != nil {
		t.Fatalf("vector at line %d: %s: %v", v.line, key, err)
	}
	return n
}

// readVectors reads testdata/vectors.txt (format described in its header).
func readVectors(tb testing.TB) []vector {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "vectors.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	var cur *vector
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case strings.TrimSpace(line) == "":
			cur = nil
			continue
		}
		if cur == nil {
			vs = append(vs, vector{line: n, fields: map[string]string{}})
			cur = &vs[len(vs)-1]
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			tb.Fatalf("vectors.txt:%d: no \": \"", n)
		}
		if strings.HasPrefix(v, `"`) {
			if v, err = strconv.Unquote(v); err != nil {
				tb.Fatalf("vectors.txt:%d: %v", n, err)
			}
		}
		if _, dup := cur.fields[k]; dup {
			tb.Fatalf("vectors.txt:%d: repeated %q", n, k)
		}
		cur.fields[k] = v
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(vs) < 10 {
		tb.Fatalf("only %d vectors in vectors.txt", len(vs))
	}
	return vs
}

func equalAccount(a, b otpauth.Account) bool {
	return a.Issuer == b.Issuer && a.Name == b.Name && a.Type == b.Type &&
		a.Algorithm == b.Algorithm && a.Digits == b.Digits && a.Period == b.Period &&
		a.Counter == b.Counter && bytes.Equal(a.Secret, b.Secret) &&
		(a.Secret == nil) == (b.Secret == nil)
}

// checkRoundTrip checks that a parsed account validates and survives
// Format then Parse unchanged.
func checkRoundTrip(t testing.TB, a otpauth.Account) {
	t.Helper()
	if err := a.Validate(); err != nil {
		t.Fatalf("Parse returned an account that does not validate: %v", err)
	}
	uri := otpauth.Format(a)
	b, err := otpauth.Parse(uri)
	if err != nil {
		t.Fatalf("Parse(Format(a)) failed: %v (account %v)", err, a)
	}
	if !equalAccount(a, b) {
		t.Fatalf("Parse(Format(a)) = %v, want %v", b, a)
	}
	if again := otpauth.Format(b); again != uri {
		t.Fatalf("Format is not stable: %q then %q", uri, again)
	}
}

// secretParam extracts the raw secret parameter, or "".
func secretParam(uri string) string {
	_, q, _ := strings.Cut(uri, "?")
	for p := range strings.SplitSeq(q, "&") {
		if k, v, _ := strings.Cut(p, "="); strings.EqualFold(k, "secret") {
			return v
		}
	}
	return ""
}

// checkNoSecret fails if msg contains the secret of uri or a 6-character
// piece of it.
func checkNoSecret(t *testing.T, msg, uri string) {
	t.Helper()
	secret := secretParam(uri)
	for i := 0; i+6 <= len(secret); i++ {
		if piece := secret[i : i+6]; strings.Contains(msg, piece) {
			t.Errorf("error message %q contains part of the secret (%q)", msg, piece)
			return
		}
	}
}

func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.get(t, "name"), func(t *testing.T) {
			uri := v.get(t, "uri")
			a, err := otpauth.Parse(uri)
			switch v.get(t, "expect") {
			case "success":
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				typ, err := otp.ParseType(v.get(t, "type"))
				if err != nil {
					t.Fatal(err)
				}
				alg, err := otp.ParseAlgorithm(v.get(t, "algorithm"))
				if err != nil {
					t.Fatal(err)
				}
				secret, err := hex.DecodeString(v.get(t, "secret-hex"))
				if err != nil {
					t.Fatal(err)
				}
				want := otpauth.Account{
					Issuer: v.get(t, "issuer"),
					Name:   v.get(t, "account"),
					Key: otp.Key{
						Type: typ, Algorithm: alg, Secret: secret,
						Digits:  int(v.getInt(t, "digits")),
						Period:  int(v.getInt(t, "period")),
						Counter: v.getInt(t, "counter"),
					},
				}
				if !equalAccount(a, want) {
					t.Errorf("Parse = %v secret %x\n        want %v secret %x", a, a.Secret, want, want.Secret)
				}
				if got, want := otpauth.Format(a), v.get(t, "canonical"); got != want {
					t.Errorf("Format = %q\n        want %q", got, want)
				}
				checkRoundTrip(t, a)
			case "error":
				if err == nil {
					t.Fatalf("Parse succeeded: %v", a)
				}
				var pe *otpauth.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v (%T) is not a *ParseError", err, err)
				}
				if pe.Field != v.get(t, "field") {
					t.Errorf("Field = %q, want %q (%v)", pe.Field, v.get(t, "field"), err)
				}
				if s := sentinels[v.get(t, "error")]; s == nil || !errors.Is(err, s) {
					t.Errorf("error %v does not wrap %s", err, v.get(t, "error"))
				}
				checkNoSecret(t, err.Error(), uri)
			default:
				t.Fatalf("unknown expect %q", v.get(t, "expect"))
			}
		})
	}
}

// A secret for error cases, long enough to spot in a message.
const s = "GEZDGNBVGY3TQOJQ"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		uri   string
		field string
		err   error
	}{
		{"empty", "", "scheme", otpauth.ErrScheme},
		{"bare secret", s, "scheme", otpauth.ErrScheme},
		{"http", "http://totp/a?secret=" + s, "scheme", otpauth.ErrScheme},
		{"scheme prefix", "otpauthx://totp/a?secret=" + s, "scheme", otpauth.ErrScheme},
		{"no slashes", "otpauth:totp/a?secret=" + s, "scheme", otpauth.ErrScheme},
		{"one slash", "otpauth:/totp/a?secret=" + s, "scheme", otpauth.ErrScheme},
		{"migration", "otpauth-migration://offline?data=" + s, "scheme", otpauth.ErrMigration},
		{"migration upper case", "OTPAUTH-MIGRATION://offline?data=" + s, "scheme", otpauth.ErrMigration},

		{"no type", "otpauth:///a?secret=" + s, "type", otpauth.ErrType},
		{"no type no label", "otpauth://?secret=" + s, "type", otpauth.ErrType},
		{"motp", "otpauth://motp/a?secret=" + s, "type", otpauth.ErrType},
		{"type with port", "otpauth://totp:80/a?secret=" + s, "type", otpauth.ErrType},
		{"unknown encoder", "otpauth://totp/a?secret=" + s + "&encoder=yandex", "encoder", otpauth.ErrType},
		{"steam encoder on hotp", "otpauth://hotp/a?secret=" + s + "&encoder=steam", "encoder", otpauth.ErrType},
		{"encoder repeated", "otpauth://totp/a?secret=" + s + "&encoder=steam&encoder=steam", "encoder", otpauth.ErrType},

		{"empty label", "otpauth://totp/?secret=" + s, "label", otpauth.ErrLabel},
		{"missing label", "otpauth://totp?secret=" + s, "label", otpauth.ErrLabel},
		{"only colon", "otpauth://totp/:?secret=" + s, "label", otpauth.ErrLabel},
		{"only spaces", "otpauth://totp/%20:%20?secret=" + s, "label", otpauth.ErrLabel},
		{"bad escape", "otpauth://totp/a%zzb?secret=" + s, "label", otpauth.ErrLabel},
		{"truncated escape", "otpauth://totp/a%2?secret=" + s, "label", otpauth.ErrLabel},
		{"newline in name", "otpauth://totp/a%0Ab?secret=" + s, "label", otpauth.ErrLabel},
		{"NUL in issuer", "otpauth://totp/a%00:b?secret=" + s, "label", otpauth.ErrLabel},
		{"invalid UTF-8", "otpauth://totp/a%FFb?secret=" + s, "label", otpauth.ErrLabel},

		{"issuer bad escape", "otpauth://totp/a?secret=" + s + "&issuer=%G0", "issuer", otpauth.ErrIssuer},
		{"issuer control", "otpauth://totp/a?secret=" + s + "&issuer=x%07", "issuer", otpauth.ErrIssuer},
		{"issuer invalid UTF-8", "otpauth://totp/a?secret=" + s + "&issuer=%C3", "issuer", otpauth.ErrIssuer},
		{"issuer repeated", "otpauth://totp/a?secret=" + s + "&issuer=x&issuer=x", "issuer", otpauth.ErrIssuer},
		{"issuer mismatch", "otpauth://totp/Evil:alice?secret=" + s + "&issuer=Good", "issuer", otpauth.ErrIssuerMismatch},
		{"issuer mismatch prefix", "otpauth://totp/Goo:alice?secret=" + s + "&issuer=Good", "issuer", otpauth.ErrIssuerMismatch},
		{"issuer mismatch colon in name", "otpauth://totp/urn:alice?secret=" + s + "&issuer=Good", "issuer", otpauth.ErrIssuerMismatch},

		{"no secret", "otpauth://totp/a", "secret", otpauth.ErrSecret},
		{"no secret with params", "otpauth://totp/a?issuer=x&digits=6", "secret", otpauth.ErrSecret},
		{"secret in fragment", "otpauth://totp/a#secret=" + s, "secret", otpauth.ErrSecret},
		{"empty secret", "otpauth://totp/a?secret=", "secret", otpauth.ErrEmptySecret},
		{"secret without =", "otpauth://totp/a?secret", "secret", otpauth.ErrEmptySecret},
		{"blank secret", "otpauth://totp/a?secret=+-%20-====", "secret", otpauth.ErrEmptySecret},
		{"secret digit 1", "otpauth://totp/a?secret=" + s + "1", "secret", otpauth.ErrSecret},
		{"secret digit 8", "otpauth://totp/a?secret=8" + s, "secret", otpauth.ErrSecret},
		{"secret base64", "otpauth://totp/a?secret=" + s + "%2B%2F", "secret", otpauth.ErrSecret},
		{"secret bad length", "otpauth://totp/a?secret=" + s + "A", "secret", otpauth.ErrSecret},
		{"secret inner padding", "otpauth://totp/a?secret=GE======ZD", "secret", otpauth.ErrSecret},
		{"secret bad escape", "otpauth://totp/a?secret=" + s + "%Z1", "secret", otpauth.ErrSecret},
		{"secret repeated", "otpauth://totp/a?secret=" + s + "&SECRET=" + s, "secret", otpauth.ErrSecret},

		{"MD5", "otpauth://totp/a?secret=" + s + "&algorithm=MD5", "algorithm", otpauth.ErrAlgorithm},
		{"SHA384", "otpauth://totp/a?secret=" + s + "&algorithm=SHA384", "algorithm", otpauth.ErrAlgorithm},
		{"empty algorithm", "otpauth://totp/a?secret=" + s + "&algorithm=", "algorithm", otpauth.ErrAlgorithm},
		{"algorithm repeated", "otpauth://totp/a?secret=" + s + "&algorithm=SHA1&algorithm=SHA256", "algorithm", otpauth.ErrAlgorithm},

		{"digits 5 totp", "otpauth://totp/a?secret=" + s + "&digits=5", "digits", otpauth.ErrDigits},
		{"digits 9", "otpauth://totp/a?secret=" + s + "&digits=9", "digits", otpauth.ErrDigits},
		{"digits 0", "otpauth://totp/a?secret=" + s + "&digits=0", "digits", otpauth.ErrDigits},
		{"digits 6 steam", "otpauth://steam/a?secret=" + s + "&digits=6", "digits", otpauth.ErrDigits},
		{"digits 6 steam encoder", "otpauth://totp/a?secret=" + s + "&digits=6&encoder=steam", "digits", otpauth.ErrDigits},
		{"digits 9 hotp", "otpauth://hotp/a?secret=" + s + "&digits=9", "digits", otpauth.ErrDigits},
		{"digits word", "otpauth://totp/a?secret=" + s + "&digits=six", "digits", otpauth.ErrDigits},
		{"digits signed", "otpauth://totp/a?secret=" + s + "&digits=%2B6", "digits", otpauth.ErrDigits},
		{"digits negative", "otpauth://totp/a?secret=" + s + "&digits=-6", "digits", otpauth.ErrDigits},
		{"digits empty", "otpauth://totp/a?secret=" + s + "&digits=", "digits", otpauth.ErrDigits},
		{"digits space", "otpauth://totp/a?secret=" + s + "&digits=6%20", "digits", otpauth.ErrDigits},
		{"digits huge", "otpauth://totp/a?secret=" + s + "&digits=99999999999999999999999", "digits", otpauth.ErrDigits},
		{"digits repeated", "otpauth://totp/a?secret=" + s + "&digits=6&digits=6", "digits", otpauth.ErrDigits},

		{"period 0", "otpauth://totp/a?secret=" + s + "&period=0", "period", otpauth.ErrPeriod},
		{"period 301", "otpauth://totp/a?secret=" + s + "&period=301", "period", otpauth.ErrPeriod},
		{"period negative", "otpauth://totp/a?secret=" + s + "&period=-30", "period", otpauth.ErrPeriod},
		{"period unit", "otpauth://totp/a?secret=" + s + "&period=30s", "period", otpauth.ErrPeriod},
		{"period empty", "otpauth://totp/a?secret=" + s + "&period=", "period", otpauth.ErrPeriod},
		{"period huge", "otpauth://totp/a?secret=" + s + "&period=4294967326", "period", otpauth.ErrPeriod},
		{"period steam", "otpauth://steam/a?secret=" + s + "&period=0", "period", otpauth.ErrPeriod},
		{"period repeated", "otpauth://totp/a?secret=" + s + "&period=30&Period=30", "period", otpauth.ErrPeriod},

		{"counter negative", "otpauth://hotp/a?secret=" + s + "&counter=-1", "counter", otpauth.ErrCounter},
		{"counter overflow", "otpauth://hotp/a?secret=" + s + "&counter=18446744073709551616", "counter", otpauth.ErrCounter},
		{"counter float", "otpauth://hotp/a?secret=" + s + "&counter=1e3", "counter", otpauth.ErrCounter},
		{"counter empty", "otpauth://hotp/a?secret=" + s + "&counter=", "counter", otpauth.ErrCounter},
		{"counter hex", "otpauth://hotp/a?secret=" + s + "&counter=0x10", "counter", otpauth.ErrCounter},
		{"counter repeated", "otpauth://hotp/a?secret=" + s + "&counter=1&counter=2", "counter", otpauth.ErrCounter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := otpauth.Parse(tt.uri)
			if err == nil {
				t.Fatalf("Parse succeeded: %v", a)
			}
			var pe *otpauth.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", pe.Field, tt.field, err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %q does not wrap %q", err, tt.err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "otpauth: ") {
				t.Errorf("message %q lacks the package prefix", msg)
			}
			if strings.Contains(msg, s) || strings.Contains(msg, s[:6]) {
				t.Errorf("message %q contains the secret", msg)
			}
			if !equalAccount(a, otpauth.Account{}) {
				t.Errorf("failed Parse returned a non-zero account %v", a)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		name, uri, want string
	}{
		{"digits range", "otpauth://totp/a?secret=AE&digits=9", "otpauth: invalid digits: digits out of range: 9 (want 6 to 8)"},
		{"digits word", "otpauth://totp/a?secret=AE&digits=six", `otpauth: invalid digits: "six" is not a number`},
		{"secret char", "otpauth://totp/a?secret=AB%20C1", "otpauth: invalid secret: character 5 is not base32 (A to Z, 2 to 7)"},
		{"secret char after multibyte", "otpauth://totp/a?secret=%C3%A9", "otpauth: invalid secret: character 1 is not base32 (A to Z, 2 to 7)"},
		{"secret empty", "otpauth://totp/a?secret=", "otpauth: invalid secret: empty"},
		{"migration", "otpauth-migration://offline?data=x", "otpauth: otpauth-migration URI (a Google Authenticator export), not a single account"},
		{"mismatch", "otpauth://totp/Evil:a?secret=AE&issuer=Good", `otpauth: label issuer and issuer parameter differ: label has "Evil", parameter has "Good"`},
		{"long value cut", "otpauth://totp/a?secret=AE&algorithm=" + strings.Repeat("x", 100), `otpauth: invalid algorithm: "xxxxxxxxxxxxxxxxxxxxxxxx"… is not SHA1, SHA256 or SHA512`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := otpauth.Parse(tt.uri)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\n want %s", err, tt.want)
			}
		})
	}
	if got := (&otpauth.ParseError{Field: "digits"}).Error(); got != "otpauth: invalid digits" {
		t.Errorf("ParseError without Err: %q", got)
	}
	inner := errors.New("x")
	if errors.Unwrap(&otpauth.ParseError{Field: "f", Err: inner}) != inner {
		t.Error("Unwrap does not return Err")
	}
}

func TestParseSecret(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantHex string // "" for an error
		err     error
	}{
		{"canonical", "JBSWY3DPEHPK3PXP", "48656c6c6f21deadbeef", nil},
		{"lower", "jbswy3dpehpk3pxp", "48656c6c6f21deadbeef", nil},
		{"groups of four", "jbsw y3dp ehpk 3pxp", "48656c6c6f21deadbeef", nil},
		{"dashes", "JBSW-Y3DP-EHPK-3PXP", "48656c6c6f21deadbeef", nil},
		{"tabs and newlines", "\tJBSWY3DP\nEHPK3PXP\r\n", "48656c6c6f21deadbeef", nil},
		{"no-break space", "JBSWY3DP\u00a0EHPK3PXP", "48656c6c6f21deadbeef", nil},
		{"padded", "GEZDGNBVGY3TQOJQGE======", "3132333435363738393031", nil},
		{"unpadded", "GEZDGNBVGY3TQOJQGE", "3132333435363738393031", nil},
		{"wrong padding amount", "GEZDGNBVGY3TQOJQGE=", "3132333435363738393031", nil},
		{"padding then space", "GEZDGNBVGY3TQOJQGE== ", "3132333435363738393031", nil},
		{"2 chars", "AE", "01", nil},
		{"4 chars", "AEAQ", "0101", nil},
		{"5 chars", "AEAQC", "010101", nil},
		{"7 chars", "AEAQCAI", "01010101", nil},
		{"8 chars", "AEAQCAIB", "0101010101", nil},
		{"all letters", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "00443214c74254b635cf84653a56d7c675be77df", nil},
		{"empty", "", "", otpauth.ErrEmptySecret},
		{"blank", "  - \t", "", otpauth.ErrEmptySecret},
		{"only padding", "========", "", otpauth.ErrEmptySecret},
		{"1 char", "A", "", otpauth.ErrSecretLength},
		{"3 chars", "AEA", "", otpauth.ErrSecretLength},
		{"6 chars", "AEAQCA", "", otpauth.ErrSecretLength},
		{"9 chars", "AEAQCAIBA", "", otpauth.ErrSecretLength},
		{"digit 0", "AE0A", "", otpauth.ErrSecretCharacter},
		{"digit 1", "1EAQ", "", otpauth.ErrSecretCharacter},
		{"digit 8", "AE8Q", "", otpauth.ErrSecretCharacter},
		{"digit 9", "AE9Q", "", otpauth.ErrSecretCharacter},
		{"underscore", "AE_Q", "", otpauth.ErrSecretCharacter},
		{"plus", "AE+Q", "", otpauth.ErrSecretCharacter},
		{"non-ASCII letter", "AEÄQ", "", otpauth.ErrSecretCharacter},
		{"invalid UTF-8", "AE\xffQ", "", otpauth.ErrSecretCharacter},
		{"inner padding", "AE==AQ", "", otpauth.ErrSecretPadding},
		{"hex", "0xDEADBEEF", "", otpauth.ErrSecretCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := otpauth.ParseSecret(tt.in)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("got error %v", err)
				}
				if hex.EncodeToString(got) != tt.wantHex {
					t.Errorf("got %x, want %s", got, tt.wantHex)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %x, want error", got)
			}
			if got != nil {
				t.Errorf("got %x alongside the error", got)
			}
			var pe *otpauth.ParseError
			if !errors.As(err, &pe) || pe.Field != "secret" {
				t.Errorf("error %v is not a ParseError for field secret", err)
			}
			if !errors.Is(err, tt.err) || !errors.Is(err, otpauth.ErrSecret) {
				t.Errorf("error %v does not wrap %v and ErrSecret", err, tt.err)
			}
			for _, other := range []error{otpauth.ErrEmptySecret, otpauth.ErrSecretCharacter, otpauth.ErrSecretPadding, otpauth.ErrSecretLength} {
				if other != tt.err && errors.Is(err, other) {
					t.Errorf("error %v also wraps %v", err, other)
				}
			}
		})
	}
}

func TestParseSecretPosition(t *testing.T) {
	// The position counts characters, including ignored ones, from 1.
	for _, tt := range []struct {
		in  string
		pos int
	}{
		{"1AAA", 1},
		{"AAA1", 4},
		{"AA AA-1", 7},
		{"éA", 1},
		{"AA-é", 4},
		{"AA==A", 5},
	} {
		_, err := otpauth.ParseSecret(tt.in)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("character %d ", tt.pos)) {
			t.Errorf("ParseSecret(%q) = %v, want position %d", tt.in, err, tt.pos)
		}
		var pe *otpauth.ParseError
		if !errors.As(err, &pe) || pe.Pos != tt.pos {
			t.Errorf("ParseSecret(%q) = %#v, want a ParseError with Pos %d", tt.in, err, tt.pos)
		}
	}
}

// moduleRoot finds the directory holding go.mod above the working directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// aegisPlainPath is the shared Aegis reference file, outside the repository.
func aegisPlainPath(t testing.TB) string {
	return filepath.Join(moduleRoot(t), "..", "shared", "testdata", "foreign", "aegis-testdata-plain.txt")
}

// TestAegisPlain parses the 7 URIs that the Aegis project uses as the
// reference for all its importer tests.
func TestAegisPlain(t *testing.T) {
	path := aegisPlainPath(t)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("INTEROP FILES NOT FOUND: %s is missing, so the Aegis interop check did NOT run", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	// The values written in each line of the file.
	want := []struct {
		typ      otp.Type
		issuer   string
		name     string
		secret   string
		alg      otp.Algorithm
		digits   int
		period   int
		counter  uint64
		linePart string
	}{
		{otp.TOTP, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", otp.SHA1, 6, 30, 0, "totp/Deno:Mason"},
		{otp.TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", otp.SHA256, 7, 20, 0, "totp/SPDX:James"},
		{otp.TOTP, "Airbnb", "Elijah", "7ELGJSGXNCCTV3O6LKJWYFV2RA", otp.SHA512, 8, 50, 0, "totp/Airbnb:Elijah"},
		{otp.HOTP, "Issuu", "James", "YOOMIXWS5GN6RTBPUFFWKTW5M4", otp.SHA1, 6, 0, 1, "hotp/Issuu:James"},
		{otp.HOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", otp.SHA256, 7, 0, 50, "hotp/Air%20Canada:Benjamin"},
		{otp.HOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", otp.SHA512, 8, 0, 10300, "hotp/WWE:Mason"},
		{otp.Steam, "Boeing", "Sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", otp.SHA1, 5, 30, 0, "steam/Boeing:Sophia"},
	}
	var lines []string
	for l := range strings.Lines(string(data)) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) != len(want) {
		t.Fatalf("%s has %d URIs, want %d", path, len(lines), len(want))
	}
	for i, line := range lines {
		w := want[i]
		t.Run(w.linePart, func(t *testing.T) {
			if !strings.Contains(line, w.linePart) || !strings.Contains(line, "secret="+w.secret+"&") {
				t.Fatalf("line %d is not the expected account: the reference file changed", i+1)
			}
			a, err := otpauth.Parse(line)
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			// The secret is checked against net/url's reading of the
			// line and the standard base32 decoder, not our own.
			u, err := url.Parse(line)
			if err != nil {
				t.Fatal(err)
			}
			secret, err := base32Std(u.Query().Get("secret"))
			if err != nil {
				t.Fatal(err)
			}
			if a.Issuer != w.issuer || a.Name != w.name || a.Type != w.typ || a.Algorithm != w.alg ||
				a.Digits != w.digits || a.Period != w.period || a.Counter != w.counter || !bytes.Equal(a.Secret, secret) {
				t.Errorf("line %d parsed to %v secret %x\nwant %+v secret %x", i+1, a, a.Secret, w, secret)
			}
			checkRoundTrip(t, a)
		})
	}
}

// TestRoundTripGenerated formats and parses accounts made from awkward
// issuers and names and every key shape.
func TestRoundTripGenerated(t *testing.T) {
	texts := []string{
		"", "a", "ACME Co", "a:b", ":", "x::y", "Air+Canada", "50%", "%41", "R&D/Lab?#=",
		"ünïcødé", "日本語", "a b\u00a0c", "alice@example.com", "'\"<>\\", "+", "~._-",
		"emoji 🔐", "tab\u200bzero-width",
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 0
	for _, issuer := range texts {
		for _, name := range texts {
			if issuer == "" && name == "" {
				continue
			}
			a := otpauth.Account{Issuer: issuer, Name: name}
			switch r.IntN(3) {
			case 0:
				a.Type, a.Digits, a.Period = otp.TOTP, 6+r.IntN(3), 1+r.IntN(300)
			case 1:
				a.Type, a.Digits, a.Counter = otp.HOTP, 6+r.IntN(3), r.Uint64()>>r.IntN(64)
			case 2:
				a.Type, a.Digits, a.Period = otp.Steam, 5, 1+r.IntN(300)
			}
			a.Algorithm = otp.Algorithm(1 + r.IntN(3))
			a.Secret = make([]byte, 1+r.IntN(70))
			for i := range a.Secret {
				a.Secret[i] = byte(r.Uint32())
			}
			if err := a.Validate(); err != nil {
				t.Fatalf("generated account %v does not validate: %v", a, err)
			}
			checkRoundTrip(t, a)
			n++
		}
	}
	if n < 300 {
		t.Fatalf("only %d accounts checked", n)
	}
}

func TestValidateAccount(t *testing.T) {
	good := otpauth.Account{Issuer: "ACME", Name: "alice", Key: otp.Key{
		Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{1},
	}}
	tests := []struct {
		name  string
		edit  func(*otpauth.Account)
		field string
		err   error
	}{
		{"valid", func(a *otpauth.Account) {}, "", nil},
		{"valid no issuer", func(a *otpauth.Account) { a.Issuer = "" }, "", nil},
		{"valid no name", func(a *otpauth.Account) { a.Name = "" }, "", nil},
		{"valid hotp", func(a *otpauth.Account) { a.Type = otp.HOTP; a.Period = 0; a.Counter = 5 }, "", nil},
		{"no issuer no name", func(a *otpauth.Account) { a.Issuer, a.Name = "", "" }, "label", otpauth.ErrLabel},
		{"name space", func(a *otpauth.Account) { a.Name = "alice " }, "label", otpauth.ErrLabel},
		{"issuer space", func(a *otpauth.Account) { a.Issuer = " ACME" }, "label", otpauth.ErrLabel},
		{"name control", func(a *otpauth.Account) { a.Name = "al\x1bice" }, "label", otpauth.ErrLabel},
		{"issuer invalid UTF-8", func(a *otpauth.Account) { a.Issuer = "\xc3" }, "label", otpauth.ErrLabel},
		{"counter on totp", func(a *otpauth.Account) { a.Counter = 1 }, "counter", otpauth.ErrCounter},
		{"period on hotp", func(a *otpauth.Account) { a.Type = otp.HOTP }, "period", otpauth.ErrPeriod},
		{"type", func(a *otpauth.Account) { a.Type = 0 }, "type", otp.ErrType},
		{"algorithm", func(a *otpauth.Account) { a.Algorithm = 9 }, "algorithm", otpauth.ErrAlgorithm},
		{"digits", func(a *otpauth.Account) { a.Digits = 10 }, "digits", otp.ErrDigits},
		{"period", func(a *otpauth.Account) { a.Period = 0 }, "period", otpauth.ErrPeriod},
		{"secret", func(a *otpauth.Account) { a.Secret = nil }, "secret", otpauth.ErrSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			tt.edit(&a)
			err := a.Validate()
			if tt.err == nil {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				checkRoundTrip(t, a)
				return
			}
			var pe *otpauth.ParseError
			if !errors.As(err, &pe) || pe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Errorf("got %v, want field %q wrapping %v", err, tt.field, tt.err)
			}
		})
	}
}

func TestStringHidesSecret(t *testing.T) {
	a, err := otpauth.Parse("otpauth://totp/ACME:alice?secret=" + s + "&issuer=ACME")
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, a) + fmt.Sprintf(verb, &a) + fmt.Sprintf(verb, []otpauth.Account{a})
		for _, leak := range []string{s[:8], "1234567890", hex.EncodeToString(a.Secret)[:8], fmt.Sprint(a.Secret[:3])[1:8]} {
			if strings.Contains(out, leak) {
				t.Errorf("%s prints the secret: %s", verb, out)
			}
		}
		if !strings.Contains(out, "ACME") || !strings.Contains(out, "alice") {
			t.Errorf("%s hides the issuer or name: %s", verb, out)
		}
	}
}

// TestCodeThroughAccount checks that a parsed account makes the same codes
// as the RFC 6238 table (the promoted methods of otp.Key).
func TestCodeThroughAccount(t *testing.T) {
	// RFC 6238's SHA-1 secret "12345678901234567890" in base32.
	a, err := otpauth.Parse("otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8")
	if err != nil {
		t.Fatal(err)
	}
	code, err := a.Code(timeUnix(1111111109))
	if err != nil || code != "07081804" {
		t.Errorf("Code = %q, %v; want 07081804", code, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.fields["uri"])
	}
	if data, err := os.ReadFile(aegisPlainPath(f)); err == nil {
		for l := range strings.Lines(string(data)) {
			f.Add(strings.TrimSpace(l))
		}
	}
	f.Add("otpauth://totp/:a?secret=AE&issuer=%3A")
	f.Add("otpauth://hotp/a%3Ab%3Ac?secret=AE&issuer=a&counter=1")
	f.Fuzz(func(t *testing.T, uri string) {
		a, err := otpauth.Parse(uri)
		if err != nil {
			var pe *otpauth.ParseError
			if !errors.As(err, &pe) || pe.Field == "" {
				t.Fatalf("error %v (%T) is not a *ParseError with a field", err, err)
			}
			if !equalAccount(a, otpauth.Account{}) {
				t.Fatalf("failed Parse returned a non-zero account")
			}
			return
		}
		checkRoundTrip(t, a)
	})
}
