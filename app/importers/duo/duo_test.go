package duo

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const accounts = `[
 {"version":1.0,"accountType":"OtpAccount","name":"GitHub alice","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP"},"pkey":"1"},
 {"version":1.0,"accountType":"OtpAccount","name":"bank","otpGenerator":{"otpSecret":"jbswy3dpehpk3pxp","counter":42},"pkey":"2"},
 {"version":1.0,"accountType":"OtpAccount","name":"zero","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP","counter":0},"pkey":"3"},
 {"version":1.0,"accountType":"DuoAccount","name":"Work push","pkey":"4"},
 {"accountType":"OtpAccount","name":"bad","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PX1"},"pkey":"5"},
 {"accountType":"OtpAccount","name":"negative","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP","counter":-1},"pkey":"6"},
 {"accountType":"OtpAccount","name":"","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP"},"pkey":"7"},
 {"accountType":"OtpAccount","name":" encoding: (demo) ","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP"},"pkey":"8"},
 "not an object"
]`

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "accounts", Data: accounts, Accounts: []string{
			"otpauth://totp/GitHub%20alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
			"otpauth://hotp/bank?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=42",
			"otpauth://hotp/zero?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=0",
			// An account with no name is kept, named by its place.
			"otpauth://totp/Unnamed%20account%207?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
			// The name is a field of its own: a colon in it does not split it.
			"otpauth://totp/:encoding%3A%20%28demo%29?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
		}, Skipped: []error{importer.ErrUnsupported, otpauth.ErrSecret, importer.ErrCorrupt, importer.ErrCorrupt},
			Index: []int{3, 4, 5, 8}},
		{Name: "only push accounts", Data: `[{"accountType":"DuoAccount","name":"Work","pkey":"1"}]`, Skipped: []error{importer.ErrUnsupported}},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       bool
	}{
		{"accounts", accounts, true},
		{"push only", `[{"accountType":"DuoAccount","pkey":"1"}]`, true},
		{"other list", `[{"name":"x","secret":"y"}]`, false},
		{"andOTP", `[{"secret":"JBSWY3DPEHPK3PXP","label":"x","type":"TOTP"}]`, false},
		{"empty", `[]`, false},
		{"object", `{"otpGenerator":{}}`, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-duo.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(accounts))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
