package importers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"twofold.app/app/importers"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

// The lines of aegis-testdata-plain.txt, the accounts every aegis-testdata
// export was made from.
const (
	deno      = iota // TOTP SHA1 6 30
	spdx             // TOTP SHA256 7 20
	airbnb           // TOTP SHA512 8 50
	issuu            // HOTP SHA1 6 counter 1
	airCanada        // HOTP SHA256 7 counter 50
	wwe              // HOTP SHA512 8 counter 10300
	boeing           // Steam
)

var all7 = []int{deno, spdx, airbnb, issuu, airCanada, wwe, boeing}

type row struct {
	file     string
	app      string // "" with err ErrUnknownFormat
	password string // for encrypted exports
	// holds lists the lines of plain.txt the export holds; fix changes the
	// expected account i (a line number) for what the format loses.
	holds []int
	fix   func(i int, a *vault.Account)
	// want, when set, gives the expected accounts instead of holds.
	want func(t *testing.T) []vault.Account
	// skipped are the errors of the expected skips, in order; notes those
	// of the expected notes.
	skipped []error
	notes   []error
	err     error
}

// rows has one row for every file in ../shared/testdata/foreign.
var rows = []row{
	{file: "aegis-testdata-plain.txt", app: "otpauth URI list", holds: all7},
	{file: "aegis-testdata-aegis_plain.json", app: "Aegis", holds: all7},
	{file: "aegis-testdata-aegis_encrypted.json", app: "Aegis", password: "test", holds: all7},
	{file: "aegis-testdata-aegis_plain_grouped_v2.json", app: "Aegis", holds: all7,
		// Loses nothing, and carries groups.
		fix: func(i int, a *vault.Account) {
			a.Group = map[int]string{deno: "group1", airbnb: "group1", issuu: "group2"}[i]
		}},
	// 2FAS v4 exports hold the 5 accounts 2FAS could store; nothing lost.
	{file: "aegis-testdata-2fas_authenticator_plain_v4.2fas", app: "2FAS", holds: []int{deno, issuu, airCanada, wwe, boeing}},
	{file: "aegis-testdata-2fas_authenticator_encrypted_v4.2fas", app: "2FAS", password: "test", holds: []int{deno, issuu, airCanada, wwe, boeing}},
	{file: "aegis-testdata-2fas_authenticator.json", app: "2FAS", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe},
		// Schema 1 keeps the secret and label only: everything is TOTP,
		// SHA1, 6 digits, 30 s.
		fix: func(i int, a *vault.Account) {
			a.Key = otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: a.Secret}
		}},
	{file: "aegis-testdata-andotp_plain.json", app: "andOTP", holds: all7},
	{file: "aegis-testdata-andotp_encrypted.bin", app: "andOTP", password: "test", holds: all7},
	// Bitwarden holds the TOTP and Steam accounts. A steam:// URI has no
	// label: the item's name becomes the issuer, and there is no username.
	{file: "aegis-testdata-bitwarden.json", app: "Bitwarden", holds: []int{deno, spdx, airbnb, boeing},
		fix: func(i int, a *vault.Account) {
			if i == boeing {
				a.Issuer, a.Name = "Test Steam", ""
			}
		}},
	{file: "aegis-testdata-bitwarden.csv", app: "Bitwarden", holds: []int{deno, spdx, airbnb, boeing},
		fix: func(i int, a *vault.Account) {
			if i == boeing {
				a.Issuer, a.Name = "Test 4", ""
			}
		}},
	{file: "aegis-testdata-ente_auth.txt", app: "Ente Auth", holds: all7},
	// FreeOTP+ has no Steam; its off-by-one HOTP counter is corrected.
	{file: "aegis-testdata-freeotp_plus.json", app: "FreeOTP+", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-testdata-proton_authenticator.json", app: "Proton Authenticator", holds: []int{deno, spdx, airbnb}},
	// A maFile does not carry an issuer: it is always Steam.
	{file: "aegis-testdata-steam.json", app: "Steam Guard", holds: []int{boeing},
		fix: func(i int, a *vault.Account) { a.Issuer = "Steam" }},
	{file: "aegis-testdata-stratum_plain.json", app: "Stratum", holds: all7},
	{file: "extract_otp_secrets-example_export.txt", app: "Google Authenticator", want: exampleOutput},
	// The expected outputs of extract_otp_secrets are no app's export.
	{file: "extract_otp_secrets-example_output.json", err: importers.ErrUnknownFormat},
	{file: "extract_otp_secrets-example_output.csv", err: importers.ErrUnknownFormat},
	{file: "extract_otp_secrets-wrong_content.txt", err: importers.ErrUnknownFormat},
	// A migration URI with broken data: recognised, nothing imported, the
	// line reported.
	{file: "extract_otp_secrets-wrong_data.txt", app: "Google Authenticator", skipped: []error{migration.ErrMalformed}},

	// The aegis-importers files: these apps' exports are not read yet (a
	// later issue). The rows say what Twofold does with each today.
	//
	// 2FAS schemas 2 and 3, and the older Steam maFile, are already read
	// by the 2FAS and Steam Guard importers, and read right.
	//
	// Schema 2 has no token type: its HOTP accounts come in as TOTP, 30 s.
	{file: "aegis-importers-2fas_authenticator_plain.2fas", app: "2FAS", holds: []int{deno, airbnb, issuu, wwe}, fix: twofasSchema2},
	{file: "aegis-importers-2fas_authenticator_encrypted.2fas", app: "2FAS", password: "test", holds: []int{deno, airbnb, issuu, wwe}, fix: twofasSchema2},
	{file: "aegis-importers-2fas_authenticator_plain_v3.2fas", app: "2FAS", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-importers-2fas_authenticator_encrypted_v3.2fas", app: "2FAS", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-importers-steam_old.json", app: "Steam Guard", holds: []int{boeing},
		fix: func(i int, a *vault.Account) { a.Issuer = "Steam" }},
	// The rest is recognised by no importer. None of them is mistaken for
	// another app's export.
	// andOTP's old encryption holds no Steam account; its labels'
	// repeated issuer ("Deno - Deno:Mason") is removed.
	{file: "aegis-importers-andotp_encrypted_old.bin", app: "andOTP", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	// Authenticator Plus: otpauth URIs in a ZipCrypto zip; nothing lost.
	{file: "aegis-importers-authenticator_plus.zip", app: "Authenticator Plus", password: "testtesttest", holds: all7},
	// Authy stores neither algorithm nor period: it makes every code with
	// SHA1 and 30 s, so SPDX's SHA256 and 20 s and Airbnb's SHA512 and
	// 50 s are lost (the files say nothing else).
	{file: "aegis-importers-authy_encrypted.xml", app: "Authy", password: "testtest", holds: []int{deno, spdx, airbnb}, fix: authySHA1},
	{file: "aegis-importers-authy_plain.xml", app: "Authy", holds: []int{deno, spdx, airbnb}, fix: authySHA1},
	// Battle.net codes are always SHA1, 8 digits, 30 s: nothing is lost.
	{file: "aegis-importers-battle_net_authenticator.xml", app: "Battle.net Authenticator", want: battleNet},
	// Duo Mobile keeps a label and no issuer; its HOTP counter is what the
	// file stores (3, where plain.txt says 1). SHA1, 6 digits and 30 s are
	// what A1 and A4 have.
	{file: "aegis-importers-duo.json", app: "Duo Mobile", holds: []int{deno, issuu},
		fix: func(i int, a *vault.Account) {
			a.Issuer = ""
			if i == issuu {
				a.Counter = 3
			}
		}},
	// FreeOTP 1 takes 6 or 8 digits only, and has no Steam: it holds the
	// others, nothing lost; its off-by-one HOTP counter is corrected.
	{file: "aegis-importers-freeotp.xml", app: "FreeOTP", holds: []int{deno, airbnb, issuu, wwe}},
	// FreeOTP+'s preferences: everything but Steam, nothing lost.
	{file: "aegis-importers-freeotp_plus_internal.xml", app: "FreeOTP+", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	// FreeOTP 2's backups: everything but Steam, nothing lost.
	{file: "aegis-importers-freeotp_v2_api23.xml", app: "FreeOTP", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-importers-freeotp_v2_api25.xml", app: "FreeOTP", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-importers-freeotp_v2_api27.xml", app: "FreeOTP", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	{file: "aegis-importers-freeotp_v2_api34.xml", app: "FreeOTP", password: "test", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}},
	// A token whose URI gave no algorithm, digits or period: FreeOTP's
	// defaults, which are Deno's.
	{file: "aegis-importers-freeotp_v2_null_algo.xml", app: "FreeOTP", password: "test", holds: []int{deno}},
	// Google Authenticator's database stores no algorithm, digits or
	// period: every account is SHA1, 6 digits, 30 s.
	{file: "aegis-importers-google_authenticator.sqlite", app: "Google Authenticator", holds: []int{deno, spdx, airbnb, issuu, airCanada, wwe}, fix: sha1Six30},
	// Microsoft Authenticator's database stores the secret only: every
	// account comes in as TOTP, SHA1, 6 digits, 30 s.
	{file: "aegis-importers-microsoft_authenticator.sqlite", app: "Microsoft Authenticator", holds: all7,
		fix: func(i int, a *vault.Account) {
			a.Key = otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: a.Secret}
		}},
	// Stratum's encrypted backups and its database lose nothing.
	{file: "aegis-importers-stratum_encrypted.bin", app: "Stratum", password: "test", holds: all7},
	{file: "aegis-importers-stratum_encrypted_legacy.bin", app: "Stratum", password: "test", holds: all7},
	// The database is in WAL mode: the import says that changes still in
	// a -wal file would not have been read.
	{file: "aegis-importers-stratum_internal.db", app: "Stratum", holds: all7, notes: []error{sqlite.ErrWAL}},
	// TOTP Authenticator stores no algorithm (it makes every code with
	// SHA1: SPDX's SHA256 and Airbnb's SHA512 are lost), and these files
	// hold the account names in lower case ("mason" for Mason), which the
	// importer keeps as they are. Digits and periods are kept, and the
	// secrets, in hex, are A1–A3's.
	{file: "aegis-importers-totp_authenticator.bin", app: "TOTP Authenticator", password: "Testtest1", holds: []int{deno, spdx, airbnb}, fix: totpAuthenticator},
	{file: "aegis-importers-totp_authenticator_internal.xml", app: "TOTP Authenticator", holds: []int{deno, spdx, airbnb}, fix: totpAuthenticator},
}

// battleNet is A8, the Battle.net account, which plain.txt does not have.
func battleNet(t *testing.T) []vault.Account {
	secret, err := base32.StdEncoding.DecodeString("BMGRXPGFARQQF4GMT25JATL2VYLAHDBI")
	if err != nil {
		t.Fatal(err)
	}
	return []vault.Account{{Issuer: "Battle.net", Name: "US-2211-2050-3346",
		Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 8, Period: 30, Secret: secret}}}
}

// authySHA1 is what Authy loses: the algorithm and the period.
func authySHA1(i int, a *vault.Account) { a.Algorithm, a.Period = otp.SHA1, 30 }

// totpAuthenticator is what the TOTP Authenticator files lose.
func totpAuthenticator(i int, a *vault.Account) {
	a.Algorithm, a.Name = otp.SHA1, strings.ToLower(a.Name)
}

// sha1Six30 is what a format that keeps only the secret, the type and
// the counter loses: SHA1, 6 digits, and 30 s for TOTP.
func sha1Six30(i int, a *vault.Account) {
	a.Algorithm, a.Digits = otp.SHA1, 6
	if a.Type == otp.TOTP {
		a.Period = 30
	}
}

// twofasSchema2 is what a 2FAS schema 2 export loses: it has no token
// type, so an HOTP account comes in as TOTP with a period of 30 s.
func twofasSchema2(i int, a *vault.Account) {
	if a.Type == otp.HOTP {
		a.Type, a.Period, a.Counter = otp.TOTP, 30, 0
	}
}

func TestForeignExports(t *testing.T) {
	dir := importtest.RequireDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	byFile := make(map[string]row)
	for _, r := range rows {
		byFile[r.file] = r
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
		if _, ok := byFile[e.Name()]; !ok {
			t.Errorf("%s has no row in the table: add one", e.Name())
		}
	}
	for _, r := range rows {
		if !slices.Contains(files, r.file) {
			t.Errorf("%s is in the table but not in %s", r.file, dir)
		}
	}
	ref := reference(t)

	for _, r := range rows {
		if !slices.Contains(files, r.file) {
			continue
		}
		t.Run(r.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, r.file))
			if err != nil {
				t.Fatal(err)
			}
			imp, err := importers.Detect(data)
			if r.err != nil {
				if !errors.Is(err, r.err) {
					t.Fatalf("Detect = %v, %v; want %v", imp, err, r.err)
				}
				if _, err := importers.Import(data, nil); !errors.Is(err, r.err) {
					t.Fatalf("Import error = %v, want %v", err, r.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if imp.Name() != r.app {
				t.Fatalf("detected as %s, want %s", imp.Name(), r.app)
			}
			var claim []string
			for _, other := range importers.All() {
				if other.Detect(data) {
					claim = append(claim, other.Name())
				}
			}
			if len(claim) != 1 {
				t.Errorf("claimed by %v, want only %s", claim, r.app)
			}

			if got := imp.Encrypted(data); got != (r.password != "") {
				t.Fatalf("Encrypted = %v", got)
			}
			if r.password != "" {
				if _, err := imp.Import(data, nil); !errors.Is(err, importers.ErrPasswordNeeded) {
					t.Errorf("no password: %v, want ErrPasswordNeeded", err)
				}
				start := time.Now()
				if _, err := imp.Import(data, []byte("not "+r.password)); !errors.Is(err, importers.ErrWrongPassword) {
					t.Errorf("wrong password: %v, want ErrWrongPassword", err)
				}
				t.Logf("a wrong password took %v", time.Since(start).Round(time.Millisecond))
			}

			res, err := imp.Import(data, []byte(r.password))
			importtest.Check(t, r.app, res, err)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}

			if len(res.Skipped) != len(r.skipped) {
				t.Fatalf("skipped %v, want %d", res.Skipped, len(r.skipped))
			}
			for i, s := range res.Skipped {
				if !errors.Is(s.Err, r.skipped[i]) {
					t.Errorf("skip %d = %v, want %v", i, s, r.skipped[i])
				}
			}
			if len(res.Notes) != len(r.notes) {
				t.Fatalf("notes %v, want %d", res.Notes, len(r.notes))
			}
			for i, n := range res.Notes {
				if !errors.Is(n, r.notes[i]) {
					t.Errorf("note %d = %v, want %v", i, n, r.notes[i])
				}
			}

			var want []vault.Account
			switch {
			case r.want != nil:
				want = r.want(t)
			default:
				for _, i := range r.holds {
					a := ref[i]
					a.Secret = bytes.Clone(a.Secret)
					if r.fix != nil {
						r.fix(i, &a)
					}
					want = append(want, a)
				}
			}
			compare(t, res.Accounts, want)
		})
	}
}

// reference reads plain.txt, the accounts of every aegis-testdata export.
func reference(t *testing.T) []vault.Account {
	t.Helper()
	var ref []vault.Account
	for line := range strings.Lines(string(importtest.File(t, "aegis-testdata-plain.txt"))) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		a, err := otpauth.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		ref = append(ref, vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	}
	if len(ref) != 7 {
		t.Fatalf("plain.txt has %d accounts, want 7", len(ref))
	}
	return ref
}

// exampleOutput reads extract_otp_secrets' expected output for the example
// export: Google Authenticator's exports are SHA1, 6 digits, 30 s here.
func exampleOutput(t *testing.T) []vault.Account {
	var out []struct {
		Name, Secret, Issuer, Type string
		Counter                    uint64
	}
	if err := json.Unmarshal(importtest.File(t, "extract_otp_secrets-example_output.json"), &out); err != nil {
		t.Fatal(err)
	}
	var want []vault.Account
	for _, o := range out {
		secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(o.Secret)
		if err != nil {
			t.Fatal(err)
		}
		k := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}
		if o.Type == "hotp" {
			k.Type, k.Period, k.Counter = otp.HOTP, 0, o.Counter
		}
		want = append(want, vault.Account{Issuer: o.Issuer, Name: o.Name, Key: k})
	}
	return want
}

// compare checks that got and want hold the same accounts, in any order,
// every field compared.
func compare(t *testing.T, got, want []vault.Account) {
	t.Helper()
	key := func(a vault.Account) string {
		// The secret is shown by a short hash: enough to tell accounts
		// apart in a failure message, without printing it.
		h := sha256.Sum256(a.Secret)
		return fmt.Sprintf("%q %q %v %v %d %d %d secret#%x %q %q", a.Issuer, a.Name, a.Type, a.Algorithm, a.Digits, a.Period, a.Counter, h[:6], a.Group, a.Note)
	}
	var g, w []string
	for _, a := range got {
		g = append(g, key(a))
	}
	for _, a := range want {
		w = append(w, key(a))
	}
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("accounts differ\ngot:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

func TestRegistrySorted(t *testing.T) {
	// Package names, in registry order, come from the importers' own
	// types: reflect would do, but the names are enough.
	var names []string
	for _, imp := range importers.All() {
		names = append(names, fmt.Sprintf("%T", imp))
	}
	if !slices.IsSorted(names) {
		t.Errorf("the registry is not sorted by package: %v", names)
	}
	apps := make(map[string]bool)
	for _, imp := range importers.All() {
		if apps[imp.Name()] {
			t.Errorf("two importers are named %s", imp.Name())
		}
		apps[imp.Name()] = true
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, data := range []string{"", "{}", "[]", "null", "hello", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", `{"version":1}`, `[{"a":1}]`} {
		if imp, err := importers.Detect([]byte(data)); !errors.Is(err, importers.ErrUnknownFormat) {
			t.Errorf("Detect(%q) = %v, %v; want ErrUnknownFormat", data, imp, err)
		}
	}
}

func TestApps(t *testing.T) {
	apps := importers.Apps()
	for _, imp := range importers.All() {
		if imp.Name() != "otpauth URI list" && !slices.Contains(apps, imp.Name()) {
			t.Errorf("Apps() lacks %s", imp.Name())
		}
	}
	if slices.Contains(apps, "otpauth URI list") {
		t.Error("Apps() names the otpauth URI list, which is no app")
	}
	if !slices.IsSortedFunc(apps, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("Apps() is not sorted: %v", apps)
	}
	list := importers.AppList()
	if !strings.HasPrefix(list, apps[0]+", ") || !strings.HasSuffix(list, " and "+apps[len(apps)-1]) {
		t.Errorf("AppList() = %q", list)
	}
}

func TestUnknownDescribed(t *testing.T) {
	other := importtest.File(t, "aegis-importers-stratum_internal.db")
	other = bytes.ReplaceAll(other, []byte("authenticator"), []byte("Authentikator"))
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"another database", other, `an SQLite database of no app Twofold knows, with the tables "Authentikator", "category", "Authentikatorcategory", "customicon"; it is in WAL mode`},
		{"a damaged database", append([]byte("SQLite format 3\x00"), make([]byte, 100)...), "cannot be read"},
	} {
		_, err := importers.Detect(tt.data)
		if !errors.Is(err, importers.ErrUnknownFormat) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want ErrUnknownFormat saying %q", tt.name, err, tt.want)
		}
	}
}

// TestRandomBinary checks what a file of random bytes, such as a database
// protected by a password, gives: andOTP's encrypted backups look the same,
// so andOTP is offered it, and a wrong password says what else it may be.
func TestRandomBinary(t *testing.T) {
	random := make([]byte, 4096)
	x := uint32(7)
	for i := range random {
		x = x*1664525 + 1013904223
		random[i] = byte(x >> 24)
	}
	_, err := importers.Import(random, []byte("password"))
	if !errors.Is(err, importers.ErrWrongPassword) || !strings.Contains(err.Error(), "SQLCipher") {
		t.Errorf("Import = %v, want ErrWrongPassword naming SQLCipher", err)
	}
	if _, err := importers.Import(random[:4000], []byte("password")); !errors.Is(err, importers.ErrWrongPassword) || strings.Contains(err.Error(), "SQLCipher") {
		t.Errorf("Import of 4000 bytes = %v, want a plain ErrWrongPassword", err)
	}
}

// TestREADMEListsApps checks that the project's README names every app whose
// exports are read.
func TestREADMEListsApps(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	for _, app := range importers.Apps() {
		if !strings.Contains(text, app) {
			t.Errorf("README.md does not name %s among the apps Twofold imports from", app)
		}
	}
}
