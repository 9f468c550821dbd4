package migration_test

import (
	"encoding/base64"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"twofold.app/app/migration"

	"twofold.app/app/internal/testenv"
)

// seedURIs returns the URIs of the example export, or, when the interop
// files are absent, URIs made here.
func seedURIs(tb testing.TB) []string {
	if dir := testenv.SharedDir("foreign"); dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, "extract_otp_secrets-example_export.txt")); err == nil {
			return uriLines(b)
		}
	}
	tb.Log("INTEROP FILES NOT FOUND: fuzzing from generated URIs only")
	return []string{
		uriOf(payload(1, 0, 5, account(secret1, "Issuer:alice", "Issuer", 2, 2, 2, 0))),
		uriOf(payload(2, 1, -5, account(secret1, "h", "", 1, 1, 1, 77), account(secret1, "md5", "", 4, 1, 2, 0))),
	}
}

// checkPayload checks what Parse returned, and that it survives Format and
// Parse again unchanged: every account Parse returns is one the format can
// carry.
func checkPayload(t *testing.T, p migration.Payload) {
	if len(p.Accounts)+len(p.Skipped) == 0 {
		t.Fatal("payload without accounts accepted")
	}
	for _, a := range p.Accounts {
		if err := a.Validate(); err != nil {
			t.Fatalf("invalid account %v: %v", a, err)
		}
	}
	for _, s := range p.Skipped {
		if s.Err == nil {
			t.Fatalf("skip without a reason: %+v", s)
		}
	}
	if len(p.Accounts) == 0 {
		return
	}
	uri, err := migration.Format(p)
	if err != nil {
		t.Fatalf("Format of a parsed payload: %v", err)
	}
	q, err := migration.ParseURI(uri)
	if err != nil {
		t.Fatalf("ParseURI of a formatted payload: %v", err)
	}
	if !equalAccounts(p.Accounts, q.Accounts) || len(q.Skipped) != 0 || q.BatchIndex != p.BatchIndex ||
		q.BatchID != p.BatchID || q.BatchSize != max(p.BatchSize, 1) {
		t.Fatalf("round trip changed the payload:\n%+v\n%+v", p, q)
	}
}

func FuzzParseURI(f *testing.F) {
	for _, s := range seedURIs(f) {
		f.Add(s)
	}
	f.Add("otpauth-migration://offline?data=XXXX")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := migration.ParseURI(s)
		if err != nil {
			return
		}
		checkPayload(t, p)
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range seedURIs(f) {
		f.Add(rawData(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := migration.Parse(data)
		if err != nil {
			return
		}
		checkPayload(t, p)
	})
}

// rawData returns the payload bytes of a migration URI, decoded with the
// standard library alone.
func rawData(tb testing.TB, uri string) []byte {
	u, err := url.Parse(uri)
	if err != nil {
		tb.Fatal(err)
	}
	data := u.Query().Get("data")
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(data)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
