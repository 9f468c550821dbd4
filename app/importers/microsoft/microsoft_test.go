package microsoft

import (
	"os"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// testdata/accounts.db is made by make_vectors.py with SQLite itself,
// shaped like the app's database.
func readDB(t testing.TB) []byte {
	db, err := os.ReadFile("testdata/accounts.db")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestImport(t *testing.T) {
	db := readDB(t)
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "database", Data: string(db),
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				"otpauth://totp/Microsoft:bob@outlook.com?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft&algorithm=SHA1&digits=8&period=30",
				"otpauth://totp/GitLab:grace?secret=JBSWY3DPEHPK3PXP&issuer=GitLab&algorithm=SHA1&digits=6&period=30",
				"otpauth://totp/Work:Team%3Aheidi?secret=JBSWY3DPEHPK3PXP&issuer=Work&algorithm=SHA1&digits=6&period=30",
			},
			Skipped: []error{importer.ErrUnsupported, ErrKeystore, otpauth.ErrSecret, importer.ErrUnsupported},
			Index:   []int{2, 3, 4, 5}},
		// Page 2 is the accounts table's root.
		{Name: "damaged", Data: string(db[:1024]) + "\x07" + string(db[1025:]), Err: importer.ErrCorrupt},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"database", readDB(t), true},
		{"Google Authenticator's", importtest.File(t, "aegis-importers-google_authenticator.sqlite"), false},
		{"Stratum's", importtest.File(t, "aegis-importers-stratum_internal.db"), false},
		{"text", []byte("SQLite format 3"), false},
	} {
		if got := Importer.Detect(tt.data); got != tt.want {
			t.Errorf("%s: Detect = %v", tt.name, got)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-microsoft_authenticator.sqlite")
	f.Add(readDB(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
