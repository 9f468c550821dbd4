// Package importtest helps the importers' tests: it finds the interop files
// of ../shared/testdata/foreign, which are read in place and never copied,
// and checks what every import must satisfy.
package importtest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"

	"twofold.app/app/internal/testenv"
)

// Dir returns the foreign/ folder of the shared interop files, found next
// to the module root, or "" if it is not there.
func Dir() string { return testenv.SharedDir("foreign") }

// missing is the message of a skipped interop test.
const missing = "INTEROP FILES NOT FOUND: ../shared/testdata/foreign is missing next to the module, so this interop check did NOT run"

// RequireDir returns [Dir], or skips the test loudly when it is absent.
func RequireDir(tb testing.TB) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skip(missing)
	}
	return d
}

// File reads an interop file, or skips the test loudly when it is absent.
func File(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(RequireDir(tb), name))
	if err != nil {
		tb.Skipf("INTEROP FILE NOT FOUND: %v; this interop check did NOT run", err)
	}
	return b
}

// Seed adds the named interop files to a fuzz target's corpus, and says so
// loudly when they are absent (the target then runs from its other seeds).
func Seed(f *testing.F, names ...string) {
	d := Dir()
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(d, name))
		if d == "" || err != nil {
			f.Logf("INTEROP FILE NOT FOUND: %s; fuzzing without this seed", name)
			continue
		}
		f.Add(b)
	}
}

var sentinels = []error{
	importer.ErrUnknownFormat, importer.ErrPasswordNeeded, importer.ErrWrongPassword,
	importer.ErrCorrupt, importer.ErrUnsupported,
}

// Check fails the test if an import broke a rule that holds for any input:
// an error wraps one of the sentinels; otherwise the result names its app,
// every account validates and has no ID, and every skip has a reason.
func Check(t testing.TB, app string, res importer.Result, err error) {
	t.Helper()
	if err != nil {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("import error wraps no sentinel: %v", err)
	}
	if res.App != app {
		t.Fatalf("Result.App = %q, want %q", res.App, app)
	}
	for _, a := range res.Accounts {
		if err := (otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}).Validate(); err != nil {
			t.Fatalf("imported an invalid account %v: %v", a.Key, err)
		}
		if a.ID != "" || !a.Created.IsZero() || !a.Modified.IsZero() {
			t.Fatalf("imported account has an ID or times")
		}
	}
	for _, s := range res.Skipped {
		if s.Err == nil || s.Label == "" || s.Index < -1 {
			t.Fatalf("bad skip %+v", s)
		}
	}
}

// Case is one input of an importer's own table test.
type Case struct {
	Name     string
	Data     string
	Password string
	// Err is the error of the import as a whole; nil for success.
	Err error
	// Accounts are the accounts expected, in order, as [Describe] writes
	// them.
	Accounts []string
	// Skipped are the errors of the skipped entries, in order; Index, when
	// set, their indexes.
	Skipped []error
	Index   []int
}

// Describe writes an account as its otpauth URI, followed by " group=G"
// and " note=N" when it has them: compact, and exact about every field.
func Describe(a vault.Account) string {
	s := otpauth.Format(otpauth.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	if a.Group != "" {
		s += " group=" + a.Group
	}
	if a.Note != "" {
		s += " note=" + a.Note
	}
	return s
}

// Run imports each case with imp and checks the outcome. Every case's data
// must be detected by imp.
func Run(t *testing.T, imp importer.Importer, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			data := []byte(c.Data)
			if !imp.Detect(data) {
				t.Fatalf("%s does not detect the data", imp.Name())
			}
			res, err := imp.Import(data, []byte(c.Password))
			Check(t, imp.Name(), res, err)
			if c.Err != nil || err != nil {
				if !errors.Is(err, c.Err) {
					t.Fatalf("Import error = %v, want %v", err, c.Err)
				}
				return
			}
			var got []string
			for _, a := range res.Accounts {
				got = append(got, Describe(a))
			}
			if !slices.Equal(got, c.Accounts) {
				t.Errorf("accounts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(c.Accounts, "\n  "))
			}
			if len(res.Skipped) != len(c.Skipped) {
				t.Fatalf("skipped %v, want %d", res.Skipped, len(c.Skipped))
			}
			for i, s := range res.Skipped {
				if !errors.Is(s.Err, c.Skipped[i]) {
					t.Errorf("skip %d = %v, want %v", i, s, c.Skipped[i])
				}
				if c.Index != nil && s.Index != c.Index[i] {
					t.Errorf("skip %d index = %d, want %d", i, s.Index, c.Index[i])
				}
			}
		})
	}
}

// Fuzz runs the checks that hold for any input: Detect and Encrypted do not
// panic, and Import, with no password and with "test", returns a result or
// an error that [Check] accepts.
func Fuzz(t *testing.T, imp importer.Importer, data []byte) {
	imp.Detect(data)
	imp.Encrypted(data)
	for _, pw := range []string{"", "test"} {
		res, err := imp.Import(data, []byte(pw))
		Check(t, imp.Name(), res, err)
	}
}

// Vector reads the file name of the package's testdata folder: a test
// vector the package's make_vectors.py wrote.
func Vector(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Zip writes an unencrypted zip archive of files, given as name, content,
// name, content….
func Zip(tb testing.TB, files ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		f, err := w.Create(files[i])
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := f.Write([]byte(files[i+1])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
