package stratum

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
)

const testBackup = `{"Authenticators":[
 {"Type":2,"Issuer":"GitHub","Username":"alice","Secret":"JBSWY3DPEHPK3PXP","Algorithm":1,"Digits":8,"Period":60,"Counter":0},
 {"Type":1,"Issuer":"Bank","Username":null,"Secret":"JBSWY3DPEHPK3PXP","Algorithm":2,"Digits":6,"Period":30,"Counter":7},
 {"Type":3,"Issuer":"M","Username":"m","Secret":"JBSWY3DPEHPK3PXP","Algorithm":0,"Digits":6,"Period":10,"Counter":0,"Pin":"1234"},
 {"Type":4,"Issuer":"Steam","Username":"carol","Secret":"JBSWY3DPEHPK3PXP","Algorithm":0,"Digits":5,"Period":30,"Counter":0},
 {"Type":2,"Issuer":"X","Username":"alg","Secret":"JBSWY3DPEHPK3PXP","Algorithm":7,"Digits":6,"Period":30,"Counter":0},
 {"Type":5,"Issuer":"Y","Username":"y","Secret":"JBSWY3DPEHPK3PXP","Algorithm":1,"Digits":8,"Period":30,"Counter":0}
],
"Categories":[{"Id":"c1","Name":"Work"},{"Id":"c2","Name":"Games"}],
"AuthenticatorCategories":[{"CategoryId":"c2","AuthenticatorSecret":"XXXX"},{"CategoryId":"c1","AuthenticatorSecret":"JBSWY3DPEHPK3PXP"},{"CategoryId":"c2","AuthenticatorSecret":"JBSWY3DPEHPK3PXP"}],
"CustomIcons":[]}`

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "backup", Data: testBackup,
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work",
				"otpauth://hotp/Bank:?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA512&digits=6&counter=7 group=Work",
				"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30 group=Work",
			},
			Skipped: []error{importer.ErrUnsupported, importer.ErrUnsupported, importer.ErrUnsupported}, Index: []int{2, 4, 5}},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-stratum_plain.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(testBackup))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
