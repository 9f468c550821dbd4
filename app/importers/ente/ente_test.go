package ente

import (
	"net/url"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

func withDisplay(json string) string { return "&codeDisplay=" + url.QueryEscape(json) }

var export = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60" +
	withDisplay(`{"pinned":false,"trashed":false,"tags":["Work","Code"],"note":"main account"}`) + "\n" +
	"otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&counter=7&period=30" + withDisplay(`{"trashed":true}`) + "\n" +
	"\n" +
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam" + withDisplay(`not json`) + "\n" +
	"otpauth://totp/x?secret=1" + withDisplay(`{}`) + "\n" +
	"garbage\n" +
	"otpauth://hotp/Bank:dave?secret=JBSWY3DPEHPK3PXP&issuer=Bank&counter=3" + withDisplay(`{"tags":"not a list"}`) + "\n"

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work note=main account",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://hotp/Bank:dave?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&counter=3",
}

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "export", Data: export, Accounts: accounts, Skipped: []error{ErrTrashed, otpauth.ErrSecret, importer.ErrNotURI}, Index: []int{1, 3, -1}},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-ente_auth.txt")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(export))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
