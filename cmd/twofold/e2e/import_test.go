//go:build !js

package e2e

// The test of imports from other authenticator apps through the page
// (issue 5), with the interop files of ../shared/testdata/foreign/.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/importers"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// foreignFile returns the path of the interop file name in
// ../shared/testdata/foreign/ (from the module root). Without it, the test
// is skipped, loudly, or fails under CI=true, where the folder must be.
func foreignFile(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join(moduleRoot(t), "..", "shared", "testdata", "foreign", name)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("interop file not found, and CI=true: %v", err)
		}
		t.Skipf("INTEROP FILES NOT FOUND (%v): the import of other apps' files through the page did NOT run", err)
	}
	return path
}

// foreignReference returns the accounts of aegis-testdata-plain.txt, which
// every aegis-testdata-* export was made from.
func foreignReference(t testing.TB) []otpauth.Account {
	t.Helper()
	data, err := os.ReadFile(foreignFile(t, "aegis-testdata-plain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []otpauth.Account
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		a, err := otpauth.Parse(line)
		if err != nil {
			t.Fatalf("aegis-testdata-plain.txt line %d: %v", i+1, err)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		t.Fatal("aegis-testdata-plain.txt holds no account")
	}
	return out
}

// twofasServices returns the issuers of the accounts in a plain 2FAS backup,
// read from its JSON.
func twofasServices(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Services []struct{ Name string }
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	var out []string
	for _, s := range f.Services {
		out = append(out, s.Name)
	}
	return out
}

// emptyVault opens the site s in a new page with an empty vault of
// password, unlocked.
func emptyVault(t testing.TB, s builtSite, password string) *page {
	t.Helper()
	p := openPage(t, newServer(t, s.Dir))
	p.seedVault(password, nil)
	p.navigate("/")
	p.unlock(password)
	p.waitVisible("#empty", stepTimeout)
	return p
}

// openImport opens Settings → Import, Settings first if it is not open.
func (p *page) openImport() {
	p.t.Helper()
	if !p.exists("#open-import") {
		p.openSettings()
	}
	p.click("#open-import")
	p.waitVisible("#im-drop", stepTimeout)
}

// TestImportForeign imports, through the import panel of a vault, the
// encrypted Aegis vault and Stratum backup (each after a wrong password),
// the plain 2FAS backup and Google Authenticator's SQLite database of the
// interop files: the review lists the accounts the file holds, and
// the list then shows each with the code of its line in
// aegis-testdata-plain.txt.
func TestImportForeign(t *testing.T) {
	s := testSite(t)
	ref := foreignReference(t)
	byIssuer := func(t *testing.T, issuers []string) []otpauth.Account {
		var out []otpauth.Account
		for _, is := range issuers {
			found := false
			for _, a := range ref {
				if a.Issuer == is {
					out, found = append(out, a), true
				}
			}
			if !found {
				t.Fatalf("%q is not in aegis-testdata-plain.txt", is)
			}
		}
		return out
	}
	for _, tt := range []struct {
		name, file string
		app        string
		password   string // "" for a plain file
		want       func(t *testing.T, path string) []otpauth.Account
	}{
		{
			name: "AegisEncrypted", file: "aegis-testdata-aegis_encrypted.json", app: "Aegis", password: "test",
			// The Aegis vaults hold all the reference's accounts (README).
			want: func(*testing.T, string) []otpauth.Account { return ref },
		},
		{
			name: "2FASPlain", file: "aegis-testdata-2fas_authenticator_plain_v4.2fas", app: "2FAS",
			want: func(t *testing.T, path string) []otpauth.Account { return byIssuer(t, twofasServices(t, path)) },
		},
		{
			// Argon2id (64 MiB, 3 passes, 4 lanes) in the import worker.
			name: "StratumEncrypted", file: "aegis-importers-stratum_encrypted.bin", app: "Stratum", password: "test",
			want: func(*testing.T, string) []otpauth.Account { return ref },
		},
		{
			// An SQLite database, read by our own reader: Google
			// Authenticator stores no algorithm, digits or period, so the
			// accounts come in as SHA1, 6 digits, 30 s; HOTP counters kept.
			name: "GoogleAuthenticatorDatabase", file: "aegis-importers-google_authenticator.sqlite", app: "Google Authenticator",
			want: func(*testing.T, string) []otpauth.Account {
				var out []otpauth.Account
				for _, a := range ref[:6] {
					a.Algorithm, a.Digits = otp.SHA1, 6
					if a.Type == otp.TOTP {
						a.Period = 30
					}
					out = append(out, a)
				}
				return out
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := foreignFile(t, tt.file)
			want := tt.want(t, path)
			p := emptyVault(t, s, "a vault for another app's accounts")
			p.openImport()
			p.upload("#im-file", path)

			if tt.password != "" {
				p.waitVisible("#im-password", stepTimeout)
				if msg := p.text("#im-found"); !strings.Contains(msg, tt.app) || !strings.Contains(msg, "encrypted") {
					t.Errorf("#im-found says %q, want it to name %s and say the file is encrypted", msg, tt.app)
				}
				p.typeText("#im-password", tt.password+"-wrong")
				p.click("#im-open")
				p.waitVisible("#im-error", kdfTimeout)
				if msg := p.text("#im-error"); !strings.Contains(msg, "Wrong passphrase") {
					t.Errorf("wrong password: #im-error says %q", msg)
				}
				p.shot("import-foreign-" + tt.name + "-wrong-password")
				if p.exists("#im-list") {
					t.Fatal("a wrong password went on to the review")
				}
				p.typeText("#im-password", tt.password)
				p.click("#im-open")
			}
			p.waitVisible("#im-list", kdfTimeout)
			if msg := p.text("#im-found"); !strings.Contains(msg, tt.app) || !strings.Contains(msg, fmt.Sprintf("%d accounts", len(want))) {
				t.Errorf("#im-found says %q, want it to name %s and count %d accounts", msg, tt.app, len(want))
			}
			rows := p.review()
			if len(rows) != len(want) {
				t.Errorf("the review lists %d accounts, want %d", len(rows), len(want))
			}
			labels := map[string]bool{}
			for _, r := range rows {
				labels[r.Label] = true
				if !r.Checked || r.Dup {
					t.Errorf("review row %+v: want it ticked and new", r)
				}
			}
			for _, a := range want {
				if l := reviewLabel(a.Issuer, a.Name); !labels[l] {
					t.Errorf("the review does not list %q", l)
				}
			}
			if p.exists("#im-skipped") {
				t.Errorf("the review skipped entries: %s", p.text("#im-skipped"))
			}
			p.shot("import-foreign-" + tt.name + "-review")

			p.click("#im-confirm")
			p.waitVisible("#im-done", stepTimeout)
			if msg := p.text("#im-done"); !strings.Contains(msg, fmt.Sprintf("%d accounts added", len(want))) {
				t.Errorf("#im-done says %q", msg)
			}
			p.click("#im-close")
			p.waitFor("the imported accounts listed", fmt.Sprintf("%s === %d", rowCount, len(want)), stepTimeout)
			accounts := make([]vault.Account, len(want))
			for i, a := range want {
				accounts[i] = vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key}
			}
			p.expectCodes(accounts)
			p.shot("import-foreign-" + tt.name + "-vault")
		})
	}
}

// TestImportRefused imports files that cannot be read, and checks that the
// page says why in words a person can act on, and stays usable: a database
// of no app Twofold reads (described by its tables), and an Ente export
// that asks for more key-derivation memory than Twofold allows (refused
// before any work).
func TestImportRefused(t *testing.T) {
	s := testSite(t)
	dir := t.TempDir()
	costly := filepath.Join(dir, "ente-costly.txt")
	// 4 GiB of Argon2id memory: beyond the 1 GiB bound.
	writeFile(t, costly, `{"version": 1, "kdfParams": {"memLimit": 4294967296, "opsLimit": 4, "salt": "AAECAwQFBgcICQoLDA0ODw=="}, `+
		`"encryptedData": "QknSdXfWU7c8NpOr4h9/zE7+beqjReAxr9Opa27JRM+Z3UlS7/ovm/fUFopmQ+73", "encryptionNonce": "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX"}`)
	p := emptyVault(t, s, "a vault that refuses files")
	p.openImport()

	p.upload("#im-file", filepath.Join(moduleRoot(t), "app", "importers", "internal", "sqlite", "testdata", "types.db"))
	p.waitVisible("#im-error", stepTimeout)
	if msg := p.text("#im-error"); !strings.Contains(msg, "It looks like an SQLite database") || !strings.Contains(msg, `"values"`) {
		t.Errorf("an unknown database: #im-error says %q, want what it looks like, with its tables", msg)
	}
	p.shot("import-refused-database")

	p.upload("#im-file", costly)
	p.waitVisible("#im-password", stepTimeout)
	p.typeText("#im-password", "anything")
	p.click("#im-open")
	p.waitFor("the cost refused", `(document.getElementById("im-error") || {}).textContent.includes("more memory or work")`, stepTimeout)
	p.shot("import-refused-key-cost")
	if p.exists("#im-list") {
		t.Fatal("a refused file went on to the review")
	}
}

// sharedPasswords are the passwords of the encrypted exports of
// ../shared/testdata/foreign, as its README gives them.
var sharedPasswords = map[string]string{
	"aegis-testdata-aegis_encrypted.json":                  "test",
	"aegis-testdata-2fas_authenticator_encrypted_v4.2fas":  "test",
	"aegis-testdata-andotp_encrypted.bin":                  "test",
	"aegis-importers-2fas_authenticator_encrypted.2fas":    "test",
	"aegis-importers-2fas_authenticator_encrypted_v3.2fas": "test",
	"aegis-importers-andotp_encrypted_old.bin":             "test",
	"aegis-importers-authenticator_plus.zip":               "testtesttest",
	"aegis-importers-authy_encrypted.xml":                  "testtest",
	"aegis-importers-freeotp_v2_api23.xml":                 "test",
	"aegis-importers-freeotp_v2_api25.xml":                 "test",
	"aegis-importers-freeotp_v2_api27.xml":                 "test",
	"aegis-importers-freeotp_v2_api34.xml":                 "test",
	"aegis-importers-freeotp_v2_null_algo.xml":             "test",
	"aegis-importers-stratum_encrypted.bin":                "test",
	"aegis-importers-stratum_encrypted_legacy.bin":         "test",
	"aegis-importers-totp_authenticator.bin":               "Testtest1",
}

// TestImportEveryShared chooses every file of ../shared/testdata/foreign in
// Settings → Import of one page, one after the other, and checks that the
// review lists exactly the accounts (by label) and the skipped entries that
// the same import gives natively, whose accounts TestForeignExports in
// app/importers checks against the reference. A file no importer reads must
// be refused with the words for it.
func TestImportEveryShared(t *testing.T) {
	s := testSite(t)
	dir := filepath.Dir(foreignFile(t, "aegis-testdata-plain.txt"))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := emptyVault(t, s, "a vault for every shared file")
	var files, accounts, refused int
	defer func() { t.Logf("%d files: %d accounts reviewed, %d files refused", files, accounts, refused) }()
	for _, e := range entries {
		name := e.Name()
		files++
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p.openImport()
		p.upload("#im-file", path)
		res, err := importers.Import(data, []byte(sharedPasswords[name]))
		if errors.Is(err, importers.ErrUnknownFormat) {
			p.waitVisible("#im-error", stepTimeout)
			if msg := p.text("#im-error"); !strings.Contains(msg, "neither a Twofold backup nor an export") {
				t.Errorf("%s: #im-error says %q", name, msg)
			}
			refused++
			p.click("#im-cancel")
			p.waitGone("#im-drop", stepTimeout)
			continue
		}
		if err != nil {
			t.Fatalf("%s: native import: %v", name, err)
		}
		if pw := sharedPasswords[name]; pw != "" {
			p.waitVisible("#im-password", stepTimeout)
			p.typeText("#im-password", pw)
			p.click("#im-open")
		}
		p.waitFor(name+" reviewed", `document.getElementById("im-review") || document.getElementById("im-error")`, kdfTimeout)
		if p.exists("#im-error") {
			t.Errorf("%s: %s", name, p.text("#im-error"))
			p.click("#im-cancel")
			p.waitGone("#im-drop", stepTimeout)
			continue
		}
		var got, want []string
		for _, r := range p.review() {
			got = append(got, r.Label)
		}
		accounts += len(got)
		for _, a := range res.Accounts {
			want = append(want, reviewLabel(a.Issuer, a.Name))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the review lists %q, want %q", name, got, want)
		}
		if n := p.count("#im-skipped li"); n != len(res.Skipped) {
			t.Errorf("%s: the review lists %d skipped entries, want %d", name, n, len(res.Skipped))
		}
		p.click("#im-cancel")
		p.waitGone("#im-review", stepTimeout)
	}
}
