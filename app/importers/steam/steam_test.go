package steam

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// SGVsbG8h3q2+7w== is the base64 of the bytes JBSWY3DPEHPK3PXP encodes.
const single = `{"shared_secret":"SGVsbG8h3q2+7w==","account_name":"sophia","identity_secret":"eA==","revocation_code":"R1"}`

const several = `{"accounts":{
 "b":{"shared_secret":"SGVsbG8h3q2-7w","account_name":"second"},
 "a":{"shared_secret":"SGVsbG8h3q2+7w==","account_name":"first"},
 "c":{"shared_secret":"!!","account_name":"broken"},
 "d":{"account_name":"no secret","shared_secret":null}
}}`

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "one maFile", Data: single,
			Accounts: []string{"otpauth://steam/Steam:sophia?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30"}},
		{Name: "several, sorted by key", Data: several,
			Accounts: []string{
				"otpauth://steam/Steam:first?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
				"otpauth://steam/Steam:second?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrCorrupt}, Index: []int{2, 3}},
		{Name: "accounts not an object", Data: `{"accounts":{"a":{"shared_secret":"x"}},"x":1}`,
			Skipped: []error{otpauth.ErrSecret}},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-steam.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(single))
	f.Add([]byte(several))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
