package scan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"twofold.app/app/internal/testenv"
	"twofold.app/app/migration"
	"twofold.app/app/otpauth"
)

var classifyTests = []struct {
	name string
	text string
	kind Kind
	err  error // wrapped by Item.Err; nil for none
}{
	{name: "totp", text: "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example", kind: KindAccount},
	{name: "totp upper case scheme and spaces", text: "  OTPAUTH://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n", kind: KindAccount},
	{name: "hotp", text: "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=7", kind: KindAccount},
	{name: "steam", text: "otpauth://steam/Steam:bob?secret=JBSWY3DPEHPK3PXP", kind: KindAccount},
	{name: "bad secret", text: "otpauth://totp/x?secret=JBSWY3DPEHPK3PX!", kind: KindAccount, err: otpauth.ErrSecret},
	{name: "no secret", text: "otpauth://totp/x", kind: KindAccount, err: otpauth.ErrSecret},
	{name: "bad digits", text: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12", kind: KindAccount, err: otpauth.ErrDigits},
	{name: "bad type", text: "otpauth://motp/x?secret=JBSWY3DPEHPK3PXP", kind: KindAccount, err: otpauth.ErrType},
	{name: "migration", text: "otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2Bv%2F%2F%2F%2F8B", kind: KindMigration},
	{name: "migration bad data", text: "otpauth-migration://offline?data=XXXX", kind: KindMigration, err: migration.ErrMalformed},
	{name: "migration no data", text: "otpauth-migration://offline", kind: KindMigration, err: migration.ErrMalformed},
	{name: "transfer", text: "TWOFOLD:1:ABCDEF", kind: KindTransfer},
	{name: "transfer lower case", text: "twofold:xyz", kind: KindTransfer},
	{name: "url", text: "https://example.com/", kind: KindOther, err: ErrNoAccount},
	{name: "empty", text: "", kind: KindOther, err: ErrNoAccount},
	{name: "otpauth without colon", text: "otpauthxyz", kind: KindOther, err: ErrNoAccount},
}

func TestClassify(t *testing.T) {
	for _, tt := range classifyTests {
		t.Run(tt.name, func(t *testing.T) {
			it := Classify(tt.text)
			if it.Kind != tt.kind {
				t.Fatalf("kind %v, want %v", it.Kind, tt.kind)
			}
			switch {
			case tt.err == nil && it.Err != nil:
				t.Fatalf("unexpected error: %v", it.Err)
			case tt.err != nil && !errors.Is(it.Err, tt.err):
				t.Fatalf("error %v, want one wrapping %v", it.Err, tt.err)
			}
			if it.Err != nil && strings.Contains(it.Err.Error(), "JBSWY3DPEHPK3P") {
				t.Errorf("error %q holds the secret", it.Err)
			}
			switch {
			case it.Kind == KindAccount && it.Err == nil:
				if err := it.Account.Validate(); err != nil {
					t.Errorf("account does not validate: %v", err)
				}
			case it.Kind == KindMigration && it.Err == nil:
				if len(it.Migration.Accounts) == 0 {
					t.Errorf("migration without accounts")
				}
			case it.Kind == KindTransfer:
				if it.Text != strings.TrimSpace(tt.text) {
					t.Errorf("transfer text %q", it.Text)
				}
			case it.Kind == KindOther:
				if it.Preview != Preview(tt.text) {
					t.Errorf("preview %q", it.Preview)
				}
			}
			if it.Kind != KindOther && it.Preview != "" {
				t.Errorf("preview %q set for a %v item, which may hold a secret", it.Preview, it.Kind)
			}
		})
	}
}

func TestClassifyAccountFields(t *testing.T) {
	it := Classify("otpauth://hotp/ACME:bob?secret=JBSWY3DPEHPK3PXP&counter=7&digits=8&algorithm=SHA256")
	a := it.Account
	if it.Err != nil || a.Issuer != "ACME" || a.Name != "bob" || a.Counter != 7 || a.Digits != 8 {
		t.Fatalf("got %v, %v", a, it.Err)
	}
}

func TestPreview(t *testing.T) {
	long := strings.Repeat("abcdefghij", 10)
	tests := []struct {
		name, in, want string
	}{
		{name: "short", in: "hello", want: "hello"},
		{name: "spaces", in: "  a \t\n b  ", want: "a b"},
		{name: "control", in: "a\x00b\x7fc", want: "a\uFFFDb\uFFFDc"},
		{name: "invalid utf-8", in: "a\xffb", want: "a\uFFFDb"},
		{name: "exactly the limit", in: long[:PreviewLen], want: long[:PreviewLen]},
		{name: "one over", in: long[:PreviewLen+1], want: long[:PreviewLen-1] + "…"},
		{name: "long", in: long, want: long[:PreviewLen-1] + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Preview(tt.in); got != tt.want {
				t.Errorf("Preview(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestForeignExport classifies the Google Authenticator export URIs of the
// interop folder.
func TestForeignExport(t *testing.T) {
	dir := sharedTestdata(t)
	for _, tt := range []struct {
		file    string
		wantErr bool
	}{
		{"extract_otp_secrets-example_export.txt", false},
		{"extract_otp_secrets-wrong_data.txt", true},
		{"extract_otp_secrets-wrong_content.txt", true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "foreign", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, line := range strings.Split(string(raw), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				n++
				it := Classify(line)
				if tt.wantErr {
					if it.Err == nil {
						t.Errorf("line %d: no error for malformed input", n)
					}
					continue
				}
				if it.Kind != KindMigration || it.Err != nil || len(it.Migration.Accounts) == 0 {
					t.Errorf("line %d: kind %v, err %v, %d accounts", n, it.Kind, it.Err, len(it.Migration.Accounts))
				}
			}
			if n == 0 {
				t.Fatal("no line read")
			}
		})
	}
}

// sharedTestdata returns the shared interop folder, or skips the test
// loudly when its files of other apps are missing.
func sharedTestdata(t testing.TB) string {
	t.Helper()
	return filepath.Dir(testenv.SharedFile(t, "foreign"))
}

func FuzzClassify(f *testing.F) {
	for _, tt := range classifyTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		it := Classify(text)
		if it.Kind < KindOther || it.Kind > KindTransfer {
			t.Fatalf("kind %d", it.Kind)
		}
		if utf8.RuneCountInString(it.Preview) > PreviewLen || !utf8.ValidString(it.Preview) {
			t.Fatalf("preview %q", it.Preview)
		}
		switch it.Kind {
		case KindOther:
			if !errors.Is(it.Err, ErrNoAccount) {
				t.Fatalf("other without ErrNoAccount: %v", it.Err)
			}
		case KindAccount:
			if it.Err == nil {
				if err := it.Account.Validate(); err != nil {
					t.Fatalf("account does not validate: %v", err)
				}
			}
		}
	})
}
