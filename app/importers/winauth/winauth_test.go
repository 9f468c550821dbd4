package winauth

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"twofold.app/app/importers/authenticatorplus"
	"twofold.app/app/importers/ente"
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/importers/plaintext"
	"twofold.app/app/otpauth"
)

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// reference is what make_vectors.py's exports hold: A1-A7 of
// aegis-testdata-plain.txt, with the Steam account as WinAuth keeps it
// (issuer Steam), and A8, the Battle.net authenticator.
var reference = []string{
	"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
	"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20",
	"otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50",
	"otpauth://hotp/Issuu:James?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&algorithm=SHA1&digits=6&counter=1",
	"otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50",
	"otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&algorithm=SHA512&digits=8&counter=10300",
	"otpauth://steam/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://totp/BattleNet:Battle.net?secret=BMGRXPGFARQQF4GMT25JATL2VYLAHDBI&issuer=BattleNet&algorithm=SHA1&digits=8&period=30 note=Battle.net serial US-2211-2050-3346",
}

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "zip, wrong password", Data: vector(t, "winauth.zip"), Password: "tesT", Err: importer.ErrWrongPassword},
		{Name: "zip, no password", Data: vector(t, "winauth.zip"), Err: importer.ErrPasswordNeeded},
		{Name: "zip", Data: vector(t, "winauth.zip"), Password: "test", Accounts: reference},
		{Name: "zip without a password", Data: vector(t, "winauth_plain.zip"), Accounts: reference},
		{Name: "text", Data: vector(t, "winauth.txt"), Accounts: reference},
		{Name: "bad lines", Data: "# WinAuth\n" +
			"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PX1&digits=6&icon=Google\n" +
			"not a URI\n" +
			// A Steam-named account of 5 digits is Steam, as in every
			// importer (app/importers/README.md), even without WinAuth's
			// Steam data.
			"otpauth://totp/Steam:c?secret=JBSWY3DPEHPK3PXP&digits=5&issuer=Steam\n" +
			"otpauth:x?deviceid\n" +
			"otpauth://totp/BattleNet:d?secret=JBSWY3DPEHPK3PXP&digits=8&serial=odd%20serial\n" +
			// The label is read as everywhere: "Issuer : Name" is split,
			// and its issuer tells the extras.
			"otpauth://totp/BattleNet%20:%20e?secret=JBSWY3DPEHPK3PXP&digits=8&serial=us123412341234\n" +
			"otpauth://totp/steam%20:%20f?secret=JBSWY3DPEHPK3PXP&digits=5&deviceid=android%3A1\n",
			Accounts: []string{
				"otpauth://steam/Steam:c?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
				"otpauth://totp/BattleNet:d?secret=JBSWY3DPEHPK3PXP&issuer=BattleNet&algorithm=SHA1&digits=8&period=30 note=Battle.net serial ODD SERIAL",
				"otpauth://totp/BattleNet:e?secret=JBSWY3DPEHPK3PXP&issuer=BattleNet&algorithm=SHA1&digits=8&period=30 note=Battle.net serial US-1234-1234-1234",
				"otpauth://steam/steam:f?secret=JBSWY3DPEHPK3PXP&issuer=steam&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrNotURI, otpauth.ErrScheme},
			Index:   []int{0, -1, 2}},
	})
}

// archive writes an unencrypted zip of the named files.
func archive(t testing.TB, files ...string) []byte { return importtest.Zip(t, files...) }

// TestDetect checks which files WinAuth claims, and that no other reader
// of otpauth text or zips claims the same.
func TestDetect(t *testing.T) {
	others := []importer.Importer{plaintext.Importer, ente.Importer, authenticatorplus.Importer}
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"zip", []byte(vector(t, "winauth.zip")), true},
		{"text", []byte(vector(t, "winauth.txt")), true},
		{"two text files and a folder", archive(t, "a/", "", "a/b.TXT", "", "c.txt", ""), true},
		{"Authenticator Plus", archive(t, "Accounts.txt", ""), false},
		{"another zip", archive(t, "a.txt", "", "b.html", ""), false},
		{"an empty zip", archive(t), false},
		{"plain otpauth list", []byte("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=6\n"), false},
		{"Ente", []byte("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&icon=x\notpauth://totp/a?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%7D\n"), false},
	} {
		if got := Importer.Detect(tc.data); got != tc.want {
			t.Errorf("%s: Detect = %v, want %v", tc.name, got, tc.want)
		}
		if !tc.want {
			continue
		}
		for _, o := range others {
			if o.Detect(tc.data) {
				t.Errorf("%s: %s claims it too", tc.name, o.Name())
			}
		}
	}
	if !Importer.Encrypted([]byte(vector(t, "winauth.zip"))) || Importer.Encrypted([]byte(vector(t, "winauth_plain.zip"))) || Importer.Encrypted([]byte(vector(t, "winauth.txt"))) {
		t.Error("Encrypted is wrong")
	}
}

func TestNotText(t *testing.T) {
	_, err := Importer.Import(archive(t, "a.txt", "\x00\x01"), nil)
	if !errors.Is(err, importer.ErrCorrupt) {
		t.Errorf("binary entry: %v, want ErrCorrupt", err)
	}
}

func FuzzImport(f *testing.F) {
	importtest.SeedVariants(f, Name)
	for _, name := range []string{"winauth.zip", "winauth_plain.zip", "winauth.txt"} {
		f.Add([]byte(vector(f, name)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}

// TestBomb checks that the text files of an archive are bounded together,
// not only each one: two files of 9 MiB each are refused before either is
// decompressed, as 256 files of 16 MiB, 4 GiB from a 4 MB archive, are.
func TestBomb(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range []string{"a.txt", "b.txt"} {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(bytes.Repeat([]byte("\n"), 9<<20))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Importer.Import(buf.Bytes(), nil); !errors.Is(err, importer.ErrUnsupported) {
		t.Errorf("Import = %v, want ErrUnsupported", err)
	}
}
