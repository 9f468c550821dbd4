package migration_test

import (
	"encoding/base32"
	"encoding/json"
	"errors"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
)

// TestExampleExport decodes extract_otp_secrets' example export, real
// Google Authenticator URIs, and compares every account, field by field,
// with the tool's own expected output.
func TestExampleExport(t *testing.T) {
	lines := uriLines(foreignFile(t, "extract_otp_secrets-example_export.txt"))
	var want []struct {
		Name    string `json:"name"`
		Secret  string `json:"secret"`
		Issuer  string `json:"issuer"`
		Type    string `json:"type"`
		Counter *uint64
	}
	if err := json.Unmarshal(foreignFile(t, "extract_otp_secrets-example_output.json"), &want); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 5 || len(want) != 6 {
		t.Fatalf("the example files changed: %d URIs, %d accounts", len(lines), len(want))
	}

	i := 0
	for n, line := range lines {
		p, err := migration.ParseURI(line)
		if err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if len(p.Skipped) != 0 {
			t.Errorf("line %d: skipped %v", n+1, p.Skipped)
		}
		if p.Version != 1 || p.BatchSize != 1 || p.BatchIndex != 0 {
			t.Errorf("line %d: version %d, batch %d of %d", n+1, p.Version, p.BatchIndex, p.BatchSize)
		}
		for _, a := range p.Accounts {
			if i >= len(want) {
				t.Fatalf("more accounts than the %d expected", len(want))
			}
			w := want[i]
			i++
			secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(w.Secret)
			if err != nil {
				t.Fatal(err)
			}
			wantType, _ := otp.ParseType(w.Type)
			var wantCounter uint64
			if w.Counter != nil {
				wantCounter = *w.Counter
			}
			if a.Name != w.Name || a.Issuer != w.Issuer || string(a.Secret) != string(secret) ||
				a.Type != wantType || a.Counter != wantCounter {
				t.Errorf("account %d = %v, want %+v", i-1, a, w)
			}
			// The export has SHA1 and 6 digits; TOTP is 30 s.
			wantPeriod := 30
			if wantType == otp.HOTP {
				wantPeriod = 0
			}
			if a.Algorithm != otp.SHA1 || a.Digits != 6 || a.Period != wantPeriod {
				t.Errorf("account %d = %v, want SHA1, 6 digits, period %d", i-1, a, wantPeriod)
			}
		}

		// Google's encoder and ours agree byte for byte: same fields, same
		// order, same base64 and percent-encoding.
		again, err := migration.Format(p)
		if err != nil {
			t.Fatalf("line %d: Format: %v", n+1, err)
		}
		if again != line {
			t.Errorf("line %d: Format gives\n%s\nwant\n%s", n+1, again, line)
		}
	}
	if i != len(want) {
		t.Errorf("decoded %d accounts, want %d", i, len(want))
	}
}

// TestWrongFiles reads extract_otp_secrets' malformed inputs: each must
// give a clear error, never a panic.
func TestWrongFiles(t *testing.T) {
	tests := []struct {
		name string
		file string
		err  error
	}{
		{"bad data", "extract_otp_secrets-wrong_data.txt", migration.ErrMalformed},
		{"not a URI", "extract_otp_secrets-wrong_content.txt", migration.ErrNotMigration},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := uriLines(foreignFile(t, tt.file))
			if len(lines) == 0 {
				t.Fatal("no line to test")
			}
			for _, line := range lines {
				_, err := migration.ParseURI(line)
				if !errors.Is(err, tt.err) {
					t.Errorf("ParseURI error = %v, want %v", err, tt.err)
				}
			}
		})
	}
}
