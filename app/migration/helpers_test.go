package migration_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"

	"twofold.app/app/internal/testenv"
)

// foreignFile reads an interop file, or skips the test loudly.
func foreignFile(t testing.TB, name string) []byte {
	t.Helper()
	dir := testenv.SharedDir("foreign")
	if dir == "" {
		t.Skip("INTEROP FILES NOT FOUND: ../shared/testdata/foreign is missing next to the module, so this interop check did NOT run")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Skipf("INTEROP FILE NOT FOUND: %v; this interop check did NOT run", err)
	}
	return b
}

// uriLines returns the lines of a text file that are neither blank nor
// '#' comments.
func uriLines(data []byte) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines = append(lines, line)
	}
	return lines
}

// pb builds protobuf messages field by field for test vectors, with the
// wire-format library alone, independently of the package's encoder.
type pb []byte

func (b pb) bytes(num protowire.Number, v []byte) pb {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

func (b pb) str(num protowire.Number, v string) pb { return b.bytes(num, []byte(v)) }

func (b pb) varint(num protowire.Number, v uint64) pb {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func (b pb) fixed32(num protowire.Number, v uint32) pb {
	b = protowire.AppendTag(b, num, protowire.Fixed32Type)
	return protowire.AppendFixed32(b, v)
}

// account is one OtpParameters: secret, name, issuer, algorithm, digits,
// type, counter (fields 1 to 7), with 0 meaning "leave the field out" for
// the enums and counter.
func account(secret []byte, name, issuer string, alg, digits, typ, counter uint64) pb {
	var b pb
	b = b.bytes(1, secret).str(2, name)
	if issuer != "" {
		b = b.str(3, issuer)
	}
	for _, f := range []struct {
		num protowire.Number
		v   uint64
	}{{4, alg}, {5, digits}, {6, typ}, {7, counter}} {
		if f.v != 0 {
			b = b.varint(f.num, f.v)
		}
	}
	return b
}

// payload wraps accounts into a MigrationPayload with version 1 and the
// given batch fields.
func payload(size, index uint64, id int32, accounts ...pb) pb {
	var b pb
	for _, a := range accounts {
		b = b.bytes(1, a)
	}
	return b.varint(2, 1).varint(3, size).varint(4, index).varint(5, uint64(int64(id)))
}

func uriOf(b []byte) string {
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(b))
}

var secret1 = []byte("12345678901234567890")

func totp(issuer, name string, alg otp.Algorithm, digits int, secret []byte) otpauth.Account {
	return otpauth.Account{Issuer: issuer, Name: name, Key: otp.Key{Type: otp.TOTP, Algorithm: alg, Digits: digits, Period: 30, Secret: secret}}
}

func hotp(issuer, name string, alg otp.Algorithm, digits int, counter uint64, secret []byte) otpauth.Account {
	return otpauth.Account{Issuer: issuer, Name: name, Key: otp.Key{Type: otp.HOTP, Algorithm: alg, Digits: digits, Counter: counter, Secret: secret}}
}

// equalAccount compares every field, the secret included.
func equalAccount(a, b otpauth.Account) bool {
	return a.Issuer == b.Issuer && a.Name == b.Name && a.Type == b.Type && a.Algorithm == b.Algorithm &&
		a.Digits == b.Digits && a.Period == b.Period && a.Counter == b.Counter && bytes.Equal(a.Secret, b.Secret)
}

func equalAccounts(a, b []otpauth.Account) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalAccount(a[i], b[i]) {
			return false
		}
	}
	return true
}
