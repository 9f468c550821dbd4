package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"twofold.app/app/importers"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

// foreignExport returns the path of an interop file of
// ../shared/testdata/foreign, found next to the module root, or skips the
// test loudly.
func foreignExport(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = filepath.Dir(dir)
	}
	p := filepath.Join(dir, "..", "shared", "testdata", "foreign", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("INTEROP FILES NOT FOUND: %v; this interop check did NOT run", err)
	}
	return p
}

// runImportTest runs the import command with the given password answer
// (or a failing prompt when it is ""), and returns stdout, stderr, the
// prompts shown and the error.
func runImportTest(t *testing.T, answer string, args ...string) (string, string, []string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	var prompts []string
	env := importEnv{
		stdin:  strings.NewReader(""),
		stdout: &stdout, stderr: &stderr,
		askPassword: func(prompt string) ([]byte, error) {
			prompts = append(prompts, prompt)
			if answer == "" {
				return nil, importers.ErrPasswordNeeded
			}
			return []byte(answer), nil
		},
	}
	err := runImport(args, env)
	return stdout.String(), stderr.String(), prompts, err
}

// plainURIs returns the lines of plain.txt, the accounts of every
// aegis-testdata export, in Twofold's canonical form.
func plainURIs(t *testing.T) []string {
	data, err := os.ReadFile(foreignExport(t, "aegis-testdata-plain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	for line := range strings.Lines(string(data)) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		a, err := otpauth.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		uris = append(uris, otpauth.Format(a))
	}
	return uris
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if s == "" {
		lines = nil
	}
	slices.Sort(lines)
	return lines
}

func TestImportURIs(t *testing.T) {
	want := plainURIs(t)
	slices.Sort(want)
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("test\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args func(file string) []string
		file string
		app  string
	}{
		{"plain list", func(f string) []string { return []string{f} }, "aegis-testdata-plain.txt", "otpauth URI list"},
		{"Aegis", func(f string) []string { return []string{f} }, "aegis-testdata-aegis_plain.json", "Aegis"},
		{"Stratum", func(f string) []string { return []string{f} }, "aegis-testdata-stratum_plain.json", "Stratum"},
		{"Aegis encrypted, password file first", func(f string) []string { return []string{"--password-file", pwFile, f} }, "aegis-testdata-aegis_encrypted.json", "Aegis"},
		{"andOTP encrypted, password file last", func(f string) []string { return []string{f, "-password-file=" + pwFile} }, "aegis-testdata-andotp_encrypted.bin", "andOTP"},
		{"Stratum encrypted (Argon2id)", func(f string) []string { return []string{"--password-file", pwFile, f} }, "aegis-importers-stratum_encrypted.bin", "Stratum"},
		{"Stratum's SQLite database", func(f string) []string { return []string{f} }, "aegis-importers-stratum_internal.db", "Stratum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := foreignExport(t, tt.file)
			stdout, stderr, prompts, err := runImportTest(t, "", tt.args(file)...)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, stderr)
			}
			if len(prompts) != 0 {
				t.Errorf("asked for a password: %q", prompts)
			}
			if got := sortedLines(stdout); !slices.Equal(got, want) {
				t.Errorf("output:\n%s\nwant the 7 accounts of plain.txt", stdout)
			}
			if !strings.Contains(stderr, tt.app+" export, 7 accounts") {
				t.Errorf("stderr does not name the app and count: %q", stderr)
			}
		})
	}
}

// TestImportJSON checks every key of the JSON output against plain.txt's
// URIs, read here with net/url alone.
func TestImportJSON(t *testing.T) {
	stdout, stderr, _, err := runImportTest(t, "", "--json", foreignExport(t, "aegis-testdata-andotp_plain.json"))
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, stdout)
	}
	data, err := os.ReadFile(foreignExport(t, "aegis-testdata-plain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	for line := range strings.Lines(string(data)) {
		u, err := url.Parse(strings.TrimSpace(line))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		issuer, name, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), ":")
		num := func(k string) float64 { n, _ := strconv.Atoi(q.Get(k)); return float64(n) }
		w := map[string]any{
			"type": u.Host, "issuer": issuer, "name": name, "secret": q.Get("secret"),
			"algorithm": q.Get("algorithm"), "digits": num("digits"),
		}
		if u.Host == "hotp" {
			w["counter"] = num("counter")
		} else {
			w["period"] = num("period")
		}
		want = append(want, w)
	}
	if len(got) != len(want) {
		t.Fatalf("%d accounts, want %d:\n%s", len(got), len(want), stdout)
	}
	for i := range want {
		g, w := got[i], want[i]
		if len(g) != len(w) {
			t.Errorf("account %d has keys %v, want %v", i, keys(g), keys(w))
		}
		for k, v := range w {
			if g[k] != v {
				t.Errorf("account %d: %s = %v, want %v", i, k, g[k], v)
			}
		}
	}
}

func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

func TestImportPasswordPrompt(t *testing.T) {
	file := foreignExport(t, "aegis-testdata-2fas_authenticator_encrypted_v4.2fas")
	stdout, _, prompts, err := runImportTest(t, "test", file)
	if err != nil {
		t.Fatal(err)
	}
	if len(prompts) != 1 || !strings.Contains(prompts[0], "2FAS") || !strings.Contains(prompts[0], filepath.Base(file)) {
		t.Errorf("prompts = %q, want one naming 2FAS and the file", prompts)
	}
	if n := len(sortedLines(stdout)); n != 5 {
		t.Errorf("%d accounts, want 5:\n%s", n, stdout)
	}
}

func TestImportFails(t *testing.T) {
	dir := t.TempDir()
	wrongPw := filepath.Join(dir, "wrong")
	os.WriteFile(wrongPw, []byte("not test\n"), 0o600)
	emptyPw := filepath.Join(dir, "empty")
	os.WriteFile(emptyPw, []byte("\n"), 0o600)

	tests := []struct {
		name   string
		answer string
		args   []string
		err    error  // nil: any error
		stderr string // a part of standard error
	}{
		{"wrong password from a file", "", []string{"--password-file", wrongPw, foreignExport(t, "aegis-testdata-aegis_encrypted.json")}, importers.ErrWrongPassword, ""},
		{"wrong password typed", "nope", []string{foreignExport(t, "aegis-testdata-andotp_encrypted.bin")}, importers.ErrWrongPassword, ""},
		{"wrong password, Stratum", "nope", []string{foreignExport(t, "aegis-importers-stratum_encrypted.bin")}, importers.ErrWrongPassword, ""},
		{"empty password", "", []string{"--password-file", emptyPw, foreignExport(t, "aegis-testdata-2fas_authenticator_encrypted_v4.2fas")}, importers.ErrPasswordNeeded, ""},
		{"no terminal", "", []string{foreignExport(t, "aegis-testdata-2fas_authenticator_encrypted_v4.2fas")}, importers.ErrPasswordNeeded, ""},
		{"unknown file", "", []string{foreignExport(t, "extract_otp_secrets-wrong_content.txt")}, importers.ErrUnknownFormat, ""},
		{"nothing readable", "", []string{foreignExport(t, "extract_otp_secrets-wrong_data.txt")}, nil, "line 1: malformed migration payload"},
		{"missing file", "", []string{filepath.Join(dir, "absent.json")}, os.ErrNotExist, ""},
		{"no file", "", nil, nil, "usage:"},
		{"two files", "", []string{"a", "b"}, nil, "usage:"},
		{"unknown flag", "", []string{"--yaml", "a"}, nil, "usage:"},
		{"both from stdin", "", []string{"--password-file", "-", "-"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, _, err := runImportTest(t, tt.answer, tt.args...)
			if err == nil {
				t.Fatal("import succeeded")
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error = %v, want %v", err, tt.err)
			}
			if stdout != "" {
				t.Errorf("printed accounts after a failure:\n%s", stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderr)
			}
		})
	}
}

// TestImportSkipped checks that entries that cannot be imported are listed
// on standard error, by line, and the others printed.
func TestImportSkipped(t *testing.T) {
	file := filepath.Join(t.TempDir(), "list.txt")
	list := "# accounts\n" +
		"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n" +
		"otpauth://totp/A:c?secret=JBSWY3DPEHPK3PX1\n" +
		"otpauth://hotp/A:d?secret=JBSWY3DPEHPK3PXP&counter=0\n" +
		"hello\n"
	if err := os.WriteFile(file, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, _, err := runImportTest(t, "", file, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var got []jsonAccount
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || len(got) != 2 {
		t.Fatalf("output: %v\n%s", err, stdout)
	}
	if got[1].Counter == nil || *got[1].Counter != 0 || got[1].Period != nil {
		t.Errorf("HOTP account with counter 0 = %+v, want counter 0 and no period", got[1])
	}
	for _, want := range []string{"entry 2 (line 3): otpauth: invalid secret", "skipped line 5: not an otpauth URI", "2 accounts"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "JBSWY3DPEHPK3PX1") {
		t.Error("stderr shows a secret")
	}
}

func TestPrintAccounts(t *testing.T) {
	secret := []byte("Hello!\xde\xad\xbe\xef")
	accounts := []otpauth.Account{
		{Issuer: "A&B", Name: "alice@example.com", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 8, Period: 60, Secret: secret}},
		{Issuer: "", Name: "bob", Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 0, Secret: secret}},
		{Issuer: "Steam", Name: "carol", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: []byte{1}}},
	}
	const wantJSON = `[
  {
    "type": "totp",
    "issuer": "A&B",
    "name": "alice@example.com",
    "secret": "JBSWY3DPEHPK3PXP",
    "algorithm": "SHA256",
    "digits": 8,
    "period": 60
  },
  {
    "type": "hotp",
    "issuer": "",
    "name": "bob",
    "secret": "JBSWY3DPEHPK3PXP",
    "algorithm": "SHA1",
    "digits": 6,
    "counter": 0
  },
  {
    "type": "steam",
    "issuer": "Steam",
    "name": "carol",
    "secret": "AE",
    "algorithm": "SHA1",
    "digits": 5,
    "period": 30
  }
]
`
	const wantURIs = "otpauth://totp/A%26B:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=A%26B&algorithm=SHA256&digits=8&period=60\n" +
		"otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=0\n" +
		"otpauth://steam/Steam:carol?secret=AE&issuer=Steam&algorithm=SHA1&digits=5&period=30\n"
	for _, tt := range []struct {
		name     string
		accounts []otpauth.Account
		asJSON   bool
		want     string
	}{
		{"JSON", accounts, true, wantJSON},
		{"URIs", accounts, false, wantURIs},
		{"empty JSON", nil, true, "[]\n"},
		{"empty URIs", nil, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := printAccounts(&b, tt.accounts, tt.asJSON); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestImportEveryShared runs twofold import --json on every file of
// ../shared/testdata/foreign and checks that it prints the accounts that
// the same import gives natively (whose accounts TestForeignExports in
// app/importers checks against the reference), or refuses a file no
// importer reads. An encrypted file is opened with whichever of the
// passwords that folder's README gives opens it.
func TestImportEveryShared(t *testing.T) {
	dir := filepath.Dir(foreignExport(t, "aegis-testdata-plain.txt"))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var res importers.Result
			password := ""
			for _, pw := range []string{"", "test", "testtest", "testtesttest", "Testtest1"} {
				if res, err = importers.Import(data, []byte(pw)); !errors.Is(err, importers.ErrPasswordNeeded) && !errors.Is(err, importers.ErrWrongPassword) {
					password = pw
					break
				}
			}
			stdout, stderr, _, cliErr := runImportTest(t, password, "--json", path)
			if err != nil {
				if !errors.Is(cliErr, importers.ErrUnknownFormat) || !errors.Is(err, importers.ErrUnknownFormat) {
					t.Fatalf("native import: %v; twofold import: %v", err, cliErr)
				}
				return
			}
			if cliErr != nil {
				if len(res.Accounts) == 0 {
					return // nothing to print, and the CLI says so
				}
				t.Fatalf("twofold import: %v\n%s", cliErr, stderr)
			}
			var got []struct{ Issuer, Name, Secret string }
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("output is not a JSON array: %v", err)
			}
			if len(got) != len(res.Accounts) {
				t.Fatalf("%d accounts printed, want %d", len(got), len(res.Accounts))
			}
			for i, a := range res.Accounts {
				if got[i].Issuer != a.Issuer || got[i].Name != a.Name || got[i].Secret == "" {
					t.Errorf("account %d printed as %q %q, want %q %q with its secret", i, got[i].Issuer, got[i].Name, a.Issuer, a.Name)
				}
			}
			if n := strings.Count(stderr, "twofold: skipped"); n != len(res.Skipped) {
				t.Errorf("%d skips on stderr, want %d", n, len(res.Skipped))
			}
		})
	}
}
