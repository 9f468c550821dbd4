package authenticatorplus

import (
	"errors"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const shared = "aegis-importers-authenticator_plus.zip"

// archive writes an unencrypted zip of the named files.
func archive(t testing.TB, files ...string) string { return string(importtest.Zip(t, files...)) }

const list = "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\r\n" +
	"otpauth://totp/Bad:secret?secret=1&issuer=Bad\r\n" +
	"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing\r\n"

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "with the HTML page, in a folder", Data: archive(t, "export/Accounts.html", "<html></html>", "export/Accounts.txt", list),
			Accounts: []string{
				"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
				"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret}, Index: []int{1}},
		// The URIs are read as every otpauth URI is (importer.URI).
		{Name: "labels", Data: archive(t, "Accounts.txt", "\ufeffotpauth://totp/Work:alice?secret=jbswy3dpehpk3pxp&issuer=GitHub\r\n"+
			"otpauth://totp/Steam%20:%20gabe?secret=JBSWY3DPEHPK3PXP&digits=5\r\n"+
			"otpauth://hotp/?secret=JBSWY3DPEHPK3PXP&counter=\r\n"),
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				"otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
				"otpauth://hotp/Unnamed%20account%203?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=0",
			}},
		{Name: "not text", Data: archive(t, "Accounts.txt", "\x00\x01"), Err: importer.ErrCorrupt},
	})
}

func TestShared(t *testing.T) {
	data := importtest.File(t, shared)
	if !Importer.Detect(data) || !Importer.Encrypted(data) {
		t.Fatal("the shared export is not detected as encrypted")
	}
	for _, tc := range []struct {
		password string
		err      error
	}{
		{"", importer.ErrPasswordNeeded},
		{"testtesttesT", importer.ErrWrongPassword},
		{"testtesttest", nil},
	} {
		res, err := Importer.Import(data, []byte(tc.password))
		importtest.Check(t, Name, res, err)
		if !errors.Is(err, tc.err) {
			t.Fatalf("password %q: %v, want %v", tc.password, err, tc.err)
		}
		if err == nil && (len(res.Accounts) != 7 || len(res.Skipped) != 0) {
			t.Fatalf("%d accounts, skipped %v", len(res.Accounts), res.Skipped)
		}
	}
}

func TestOtherZip(t *testing.T) {
	data := []byte(archive(t, "notes.txt", list))
	if Importer.Detect(data) {
		t.Fatal("a zip without Accounts.txt is detected")
	}
	_, err := Importer.Import(data, nil)
	if !errors.Is(err, importer.ErrUnknownFormat) || !strings.Contains(err.Error(), "without Accounts.txt") {
		t.Fatalf("Import = %v, want an error naming Accounts.txt", err)
	}
	for _, s := range []string{"", "[]", "PK\x03\x04 broken"} {
		if Importer.Detect([]byte(s)) {
			t.Errorf("Detect(%q) = true", s)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, shared)
	f.Add([]byte(archive(f, "Accounts.txt", list)))
	f.Add([]byte(archive(f, "a/Accounts.txt", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1\n", "b.html", "")))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
