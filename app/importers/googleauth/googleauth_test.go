package googleauth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

var secret = []byte("Hello!\xde\xad\xbe\xef") // JBSWY3DPEHPK3PXP

func accounts(n int) []otpauth.Account {
	var as []otpauth.Account
	for i := range n {
		as = append(as, otpauth.Account{Issuer: "I", Name: fmt.Sprint(i), Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}})
	}
	return as
}

func want(names ...int) []string {
	var w []string
	for _, n := range names {
		w = append(w, fmt.Sprintf("otpauth://totp/I:%d?secret=JBSWY3DPEHPK3PXP&issuer=I&algorithm=SHA1&digits=6&period=30", n))
	}
	return w
}

// md5URI is a code of one MD5 account and one good one, written field by
// field, since migration.Format refuses MD5.
func md5URI() string {
	acct := func(name string, alg uint64) []byte {
		var b []byte
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, secret)
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendString(b, name)
		b = protowire.AppendTag(b, 4, protowire.VarintType)
		b = protowire.AppendVarint(b, alg)
		b = protowire.AppendTag(b, 6, protowire.VarintType)
		return protowire.AppendVarint(b, 2)
	}
	var b []byte
	for _, a := range [][]byte{acct("md5", 4), acct("good", 1)} {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, a)
	}
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(b))
}

func TestImport(t *testing.T) {
	uris, _ := migration.Split(accounts(5), 2, 77) // codes of 2, 2 and 1 accounts
	other, _ := migration.Split(accounts(4), 2, 77)
	file := strings.Join([]string{
		"# Google Authenticator export",
		uris[2],
		"",
		uris[0],
		uris[0], // the same code again
		other[1],
		"not a URI",
		md5URI(),
		"otpauth-migration://offline?data=XXXX",
	}, "\n")
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "export", Data: file,
			Accounts: append(want(4, 0, 1), "otpauth://totp/good?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"),
			Skipped: []error{
				migration.ErrOtherBatch,   // other[1]: same id, 2 codes, not 3
				migration.ErrNotMigration, // "not a URI"
				migration.ErrUnsupported,  // the MD5 account
				migration.ErrMalformed,    // data=XXXX
				ErrMissingCode,            // code 2 of 3
			},
			Index: []int{-1, -1, 3, -1, -1}},
	})
}

func TestDetect(t *testing.T) {
	uris, _ := migration.Split(accounts(1), 1, 1)
	for _, tt := range []struct {
		data string
		want bool
	}{
		{uris[0], true},
		{"# x\n" + uris[0] + "\n", true},
		{uris[0] + "\notpauth://totp/a?secret=JBSWY3DPEHPK3PXP", false},
		{"# otpauth-migration://offline?data=x", false},
		{"", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

// TestImportDB reads testdata/accounts.db, made by make_vectors.py with
// SQLite itself, shaped like the app's database.
func TestImportDB(t *testing.T) {
	db, err := os.ReadFile("testdata/accounts.db")
	if err != nil {
		t.Fatal(err)
	}
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "database", Data: string(db),
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				// No issuer: the name is kept whole, as the migration export has it.
				"otpauth://hotp/:Bank%3Abob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=7",
				"otpauth://hotp/carol@example.com?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=0",
				"otpauth://totp/Issuer:Other%3Adave?secret=JBSWY3DPEHPK3PXP&issuer=Issuer&algorithm=SHA1&digits=6&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrUnsupported, importer.ErrCorrupt}, Index: []int{3, 4, 5}},
		{Name: "damaged", Data: string(db[:2048]) + "\x02" + string(db[2049:]), Err: importer.ErrCorrupt},
	})
	if Importer.Detect(db[:99]) {
		t.Error("a cut header is detected")
	}
}

// TestBatchBounds checks the room kept for the codes of multi-code
// exports: a code claiming 2^31-1 codes is refused (it once made the
// importer keep room for, and list as missing, every one of them), and
// exports that together claim more than migration.MaxBatchSize codes are
// refused from the export that goes over.
func TestBatchBounds(t *testing.T) {
	huge, err := migration.Format(migration.Payload{Accounts: accounts(1), BatchSize: 1<<31 - 1, BatchID: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Importer.Import([]byte(huge), nil)
	if err != nil || len(res.Accounts) != 0 || len(res.Skipped) != 1 || !errors.Is(res.Skipped[0].Err, migration.ErrMalformed) {
		t.Errorf("a code of 2^31-1: %d accounts, %v, %v", len(res.Accounts), res.Skipped, err)
	}
	var lines []string
	for id := range 3 {
		uri, err := migration.Format(migration.Payload{Accounts: accounts(1), BatchSize: 400, BatchID: id})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, uri)
	}
	res, err = Importer.Import([]byte(strings.Join(lines, "\n")), nil)
	if err != nil || len(res.Accounts) != 2 {
		t.Fatalf("three exports of 400 codes: %d accounts, %v", len(res.Accounts), err)
	}
	// The third export is refused; the first two miss 399 codes each.
	if n := len(res.Skipped); n != 1+2*399 || !errors.Is(res.Skipped[0].Err, importer.ErrUnsupported) {
		t.Errorf("three exports of 400 codes: %d skipped, the first %v", n, res.Skipped[0])
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "extract_otp_secrets-example_export.txt", "extract_otp_secrets-wrong_data.txt", "aegis-importers-google_authenticator.sqlite")
	if db, err := os.ReadFile("testdata/accounts.db"); err == nil {
		f.Add(db)
	}
	importtest.SeedVariants(f, Name)
	uris, _ := migration.Split(accounts(3), 2, 5)
	f.Add([]byte(strings.Join(uris, "\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
