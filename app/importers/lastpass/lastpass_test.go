package lastpass

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

const (
	deno   = "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30"
	spdx   = "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20"
	airbnb = "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50"
)

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "android", Data: vector(t, "lastpass_android.json"), Accounts: []string{
			deno,
			spdx + " group=Work",
			"otpauth://totp/Airbnb%20%28travel%29:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb%20%28travel%29&algorithm=SHA512&digits=8&period=50",
		}},
		{Name: "ios", Data: vector(t, "lastpass_ios.json"), Accounts: []string{deno + " group=Favorites", spdx, airbnb}},
		{Name: "odd entries", Data: `{"accounts":[
  {"issuerName":"","originalIssuerName":"Orig","userName":"user%2Btag%40example.com","originalUserName":"x","secret":"jbswy3dpehpk3pxp","timeStep":null,"digits":null,"algorithm":null,"folderData":{"folderId":"7","position":0}},
  {"issuerName":"A+B","userName":"c+d","secret":"JBSWY3DPEHPK3PXP","timeStep":60,"digits":8,"algorithm":"SHA256","folderData":null},
  {"issuerName":"GitHub","userName":"GitHub: alice","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":6,"algorithm":"SHA1"},
  {"issuerName":"Steam","userName":"gabe","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":5,"algorithm":"SHA1"},
  {"issuerName":"Bad","userName":"secret","secret":"not base32!","timeStep":30,"digits":6,"algorithm":"SHA1"},
  {"issuerName":"Bad","userName":"algorithm","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":6,"algorithm":"MD5"},
  {"issuerName":"Bad","userName":"digits","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":12,"algorithm":"SHA1"},
  ["not an object"]
 ],
 "folders":[{"id":"7","name":"Home"},{"id":{},"name":"broken"}]}`,
			Accounts: []string{
				"otpauth://totp/Orig:user%2Btag@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Orig&algorithm=SHA1&digits=6&period=30 group=Home",
				"otpauth://totp/A%2BB:c%2Bd?secret=JBSWY3DPEHPK3PXP&issuer=A%2BB&algorithm=SHA256&digits=8&period=60",
				// A copy of the issuer in front of the name is removed.
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				// 5 digits with the issuer Steam: Steam.
				"otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrSecret, importer.ErrUnsupported, otpauth.ErrDigits, importer.ErrCorrupt},
			Index:   []int{4, 5, 6, 7}},
		{Name: "empty", Data: `{"version":3,"localDeviceId":"x","accounts":[]}`},
		{Name: "accounts not a list", Data: `{"localDeviceId":"x","accounts":{}}`, Err: importer.ErrCorrupt},
	})
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		data string
		want bool
	}{
		{vector(t, "lastpass_android.json"), true},
		{vector(t, "lastpass_ios.json"), true},
		{`{"accounts":[{"timeStep":30,"userName":"x"}]}`, true},
		{`{"accounts":[]}`, false},
		{`{"accounts":[{"userName":"x","secret":"y"}]}`, false},
		{`{"accounts":[{"timeStep":30,"name":"x"}]}`, false},
		{`[{"timeStep":30,"userName":"x"}]`, false},
		{`{"localDeviceId":"x"}`, false},
	} {
		if got := Importer.Detect([]byte(tc.data)); got != tc.want {
			t.Errorf("Detect(%.60q) = %v, want %v", tc.data, got, tc.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.SeedVariants(f, Name)
	f.Add([]byte(vector(f, "lastpass_android.json")))
	f.Add([]byte(vector(f, "lastpass_ios.json")))
	f.Add([]byte(`{"accounts":[{"issuerName":"a%40b","timeStep":30,"secret":"JBSWY3DPEHPK3PXP","folderData":{"folderId":"1"}}],"folders":[{"id":1,"name":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
