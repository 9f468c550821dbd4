package proton

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const testExport = `{"version":1,"entries":[
 {"id":"1","content":{"uri":"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60","entry_type":"Totp","name":"Alice (work)"},"note":"main"},
 {"id":"2","content":{"uri":"steam://JBSWY3DPEHPK3PXP","entry_type":"Steam","name":"carol"},"note":null},
 {"id":"3","content":{"uri":"otpauth://totp/x?secret=","entry_type":"Totp","name":"empty"},"note":null},
 {"id":"4","content":"not an object"}
]}`

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "export", Data: testExport,
			Accounts: []string{
				"otpauth://totp/GitHub:Alice%20%28work%29?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 note=main",
				// A steam:// URI has no issuer: the name alone.
				"otpauth://steam/carol?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrCorrupt}, Index: []int{2, 3}},
		{Name: "version 2", Data: `{"version":2,"entries":[]}`, Err: importer.ErrUnsupported},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-proton_authenticator.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(testExport))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
