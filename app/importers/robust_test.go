package importers_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/importers"
	"twofold.app/app/importers/ente"
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// The secret of every variant: JBSWY3DPEHPK3PXP in base32,
// SGVsbG8h3q2+7w== in base64, 48656c6c6f21deadbeef in hex.
var hello = []byte("Hello!\xde\xad\xbe\xef")

func totp(issuer, name string) string {
	return importtest.Describe(vault.Account{Issuer: issuer, Name: name,
		Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: hello}})
}

func hotp(issuer, name string, counter uint64) string {
	return importtest.Describe(vault.Account{Issuer: issuer, Name: name,
		Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: counter, Secret: hello}})
}

func steam(issuer, name string) string {
	return importtest.Describe(vault.Account{Issuer: issuer, Name: name, Key: importer.Steam(hello)})
}

var migrationAccounts = []string{
	totp("GitHub", "alice"),
	"otpauth://hotp/bob?secret=7P77R7X7&algorithm=SHA1&digits=6&counter=0",
}

// robustWant says what each of importtest.Variants must give: every entry
// imported, or skipped with its reason, never dropped.
var robustWant = map[string]struct {
	accounts []string
	skipped  []error
}{
	"uri: secrets lower case, padded, %3D, spaced, odd length": {[]string{totp("A", "a"), totp("A", "b"), totp("A", "c"), totp("A", "d")}, []error{otpauth.ErrSecret}},
	"uri: labels": {
		[]string{totp("GitHub", "alice"), totp("GitHub", "alice"), totp("", "alice"), totp("GitHub", ""),
			totp("", "Unnamed account 5"), totp("Air Canada", "bob"), totp("50%off", "x")}, nil},
	"uri: steam and hotp": {[]string{steam("Steam", "a"), steam("Steam", "b"), steam("Steam", "c"), steam("Boeing", "d"), hotp("H", "e", 0)}, []error{otpauth.ErrDigits}},
	"uri: BOM, CRLF, blank lines, trailing spaces, comments, junk":                {[]string{totp("A", "a"), totp("A", "b")}, []error{importer.ErrNotURI}},
	"uri: copied from a web page, files joined":                                   {[]string{totp("A", "a"), totp("A", "b")}, nil},
	"uri: saved as Windows-1252, not UTF-8":                                       {[]string{totp("Caf\uFFFD", "b")}, nil},
	"uri: a migration URI among them":                                             {append([]string{totp("A", "a")}, migrationAccounts...), nil},
	"migration: standard, padded":                                                 {migrationAccounts, nil},
	"migration: standard, unpadded":                                               {migrationAccounts, nil},
	"migration: URL-safe, unpadded":                                               {migrationAccounts, nil},
	"migration: URL-safe, padded":                                                 {migrationAccounts, nil},
	"migration: percent-encoded":                                                  {migrationAccounts, nil},
	"migration: '+' read as a space, CRLF, BOM":                                   {migrationAccounts, nil},
	"migration: upper-case scheme and host, data in a query among others":         {migrationAccounts, nil},
	"migration: broken data is reported":                                          {nil, []error{migration.ErrMalformed}},
	"ente: lower-case secret, no or broken codeDisplay, trashed":                  {[]string{totp("A", "a") + " group=T", totp("A", "b"), hotp("A", "d", 0)}, []error{ente.ErrTrashed}},
	"aegis: fields missing or null":                                               {[]string{totp("A", "a"), totp("A", "b"), hotp("A", "", 0), totp("", "Unnamed account 4"), steam("Steam", "c"), steam("Steam", "d")}, []error{importer.ErrUnsupported, otpauth.ErrSecret, otpauth.ErrSecret}},
	"andotp: fields missing, old labels":                                          {[]string{totp("A", "a"), totp("A", "b"), totp("A", "c"), hotp("A", "d", 0), steam("Steam", "e"), totp("", "Unnamed account 6")}, nil},
	"bitwarden json: bare secrets, empty issuer, null and broken items":           {[]string{totp("A", "a"), totp("B", "b"), steam("C", ""), totp("", "Unnamed account 7")}, []error{importer.ErrCorrupt}},
	"bitwarden csv: BOM, CRLF, blank lines, more and fewer cells than the header": {[]string{totp("A", "a"), totp("C", "c") + " group=F note=multi\nline"}, nil},
	"freeotp+: edited names win, fields missing":                                  {[]string{totp("Edited", "mine"), hotp("A", "b", 1), steam("Steam", "c")}, nil},
	"proton: the edited name wins, no issuer":                                     {[]string{totp("A", "renamed"), totp("", "b"), steam("", "c")}, []error{otpauth.ErrScheme}},
	"steam: URL-safe unpadded secret, no account name":                            {[]string{steam("Steam", "")}, nil},
	"stratum: fields missing or null":                                             {[]string{totp("A", ""), hotp("A", "b", 0), steam("Steam", "c"), totp("", "Unnamed account 4")}, []error{importer.ErrUnsupported}},
	"2fas: label without account, fields missing, renamed service":                {[]string{totp("A", "a"), hotp("B", "b", 0), steam("Steam", "c"), totp("D", ""), totp("Renamed", "e"), totp("F", "f")}, nil},
	"authy: names as Authy keeps them, fields missing": {[]string{totp("A", "a"), totp("GitHub", "alice"), totp("Google", "bob@gmail.com"), steam("Steam", "gabe"),
		totp("", "Unnamed account 5")}, []error{importer.ErrCorrupt}},
	"duo: a name with a colon, counters missing or null, push only": {[]string{totp("", "GitHub: alice"), hotp("", "b", 0), totp("", "Unnamed account 3")},
		[]error{importer.ErrUnsupported}},
	"freeotp: fields missing, label with the issuer, Steam prefix": {[]string{totp("A", "a"), totp("B", "b"), hotp("C", "c", 0), steam("Steam", "d"),
		totp("", "Unnamed account 5")}, nil},
	"lastpass: originals, escapes, fields missing or null": {[]string{totp("A", "a"), totp("B", "b@example.com") + " group=Home", steam("Steam", "c"),
		totp("", "Unnamed account 4")}, nil},
	"stratum html: issuer alone, Steam issuer, escaped and empty parameters": {[]string{totp("A", "a"), totp("B", ""), steam("Steam", "c"), hotp("D", "d", 0)},
		[]error{otpauth.ErrType}},
	"totp authenticator: bases, numbers as strings, fields missing": {[]string{totp("A", "a"), totp("A", "b"), steam("Steam", "c"), totp("", "Unnamed account 4")},
		[]error{importer.ErrUnsupported}},
	"winauth: skins, Steam and Battle.net extras, CRLF": {[]string{totp("A", "a"), steam("Steam", "b"),
		"otpauth://totp/BattleNet:c?secret=JBSWY3DPEHPK3PXP&issuer=BattleNet&algorithm=SHA1&digits=8&period=30 note=Battle.net serial US-1234-5678-9012",
		hotp("D", "d", 0)}, nil},
}

func TestRobustness(t *testing.T) {
	for _, v := range importtest.Variants {
		t.Run(v.Name, func(t *testing.T) {
			want, ok := robustWant[v.Name]
			if !ok {
				t.Fatal("no expectation in robustWant")
			}
			data := []byte(v.Data)
			imp, err := importers.Detect(data)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if imp.Name() != v.App {
				t.Fatalf("detected as %s, want %s", imp.Name(), v.App)
			}
			res, err := imp.Import(data, nil)
			importtest.Check(t, v.App, res, err)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			var got []string
			for _, a := range res.Accounts {
				got = append(got, importtest.Describe(a))
			}
			if !slices.Equal(got, want.accounts) {
				t.Errorf("accounts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want.accounts, "\n  "))
			}
			if len(res.Skipped) != len(want.skipped) {
				t.Fatalf("skipped %v, want %d", res.Skipped, len(want.skipped))
			}
			for i, s := range res.Skipped {
				if !errors.Is(s.Err, want.skipped[i]) {
					t.Errorf("skip %d = %v, want %v", i, s, want.skipped[i])
				}
			}
		})
	}
	if len(robustWant) != len(importtest.Variants) {
		t.Errorf("robustWant has %d entries for %d variants", len(robustWant), len(importtest.Variants))
	}
}

// FuzzDetect runs any file through Detect, Identify and the importer that
// claims it: none may panic, Identify's error always wraps
// ErrUnknownFormat, and an import obeys importtest.Check. It starts from
// the variants and the shared files. No password is given, so no key is
// derived.
func FuzzDetect(f *testing.F) {
	for _, v := range importtest.Variants {
		f.Add([]byte(v.Data))
	}
	for _, r := range rows {
		importtest.Seed(f, r.file)
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	if db, err := os.ReadFile(filepath.Join("internal", "sqlite", "testdata", "types.db")); err == nil {
		f.Add(db)
	}
	f.Add([]byte(`<?xml version="1.0"?><map><string name="a">b</string></map>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := importers.Identify(data); !errors.Is(err, importers.ErrUnknownFormat) {
			t.Fatalf("Identify = %v", err)
		}
		imp, err := importers.Detect(data)
		if err != nil {
			if !errors.Is(err, importers.ErrUnknownFormat) {
				t.Fatalf("Detect error = %v", err)
			}
			return
		}
		res, err := imp.Import(data, nil)
		importtest.Check(t, imp.Name(), res, err)
	})
}
