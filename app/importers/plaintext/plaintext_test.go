package plaintext

import (
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

func TestImport(t *testing.T) {
	code, _ := migration.Split([]otpauth.Account{{Issuer: "G", Name: "m", Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 8, Counter: 5, Secret: []byte("Hello!\xde\xad\xbe\xef")}}}, 10, 3)
	list := strings.Join([]string{
		"\ufeff# my accounts",
		"  otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub  ",
		"",
		"OTPAUTH://TOTP/x?secret=not-base32!",
		"https://example.com/",
		code[0],
		"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP\r",
	}, "\n")
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "list", Data: list,
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				"otpauth://hotp/G:m?secret=JBSWY3DPEHPK3PXP&issuer=G&algorithm=SHA1&digits=8&counter=5",
				"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrNotURI}, Index: []int{1, -1}},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", true},
		{"# otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", false},
		{"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%7D", false},
		{"otpauth-migration://offline?data=AAAA", false},
		{"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=6&icon=Google", false},
		{"otpauth://totp/Steam:a?secret=JBSWY3DPEHPK3PXP&digits=5&issuer=Steam&deviceid=x&data=y", false},
		{"hello", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-plain.txt")
	importtest.SeedVariants(f, Name)
	f.Add([]byte("# x\notpauth://totp/a?secret=JBSWY3DPEHPK3PXP\nnot a uri\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
