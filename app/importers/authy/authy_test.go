package authy

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// testLimits let the vectors' 2,000 iterations through and stop the 100,000
// of the captured token list, so that fuzzing stays fast.
var testLimits = limits{maxIterations: 5000, maxTotal: 20_000}

// The accounts of the vectors, made by testdata/make_vectors.py.
const (
	deno   = "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30"
	spdx   = "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA1&digits=7&period=30"
	airbnb = "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA1&digits=8&period=30"
	twilio = "otpauth://totp/Twilio:?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Twilio&algorithm=SHA1&digits=7&period=10"
)

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// prefsFile wraps a JSON list, escaped for XML, in a preferences file.
func prefsFile(key, list string) string {
	var esc []byte
	for _, c := range []byte(list) {
		switch c {
		case '"':
			esc = append(esc, "&quot;"...)
		case '&':
			esc = append(esc, "&amp;"...)
		case '<':
			esc = append(esc, "&lt;"...)
		default:
			esc = append(esc, c)
		}
	}
	return "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n" +
		`    <int name="key_version" value="121" />` + "\n" +
		`    <string name="` + key + `">` + string(esc) + "</string>\n</map>\n"
}

// labels are the ways Authy names an account, and entries it cannot read.
const labels = `[
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":6,"originalIssuer":"GitHub","originalName":"GitHub:alice","name":"My work account"},
 {"accountType":"authenticator","decryptedSecret":"jbswy3dpehpk3pxp","digits":6,"originalName":"Example:bob@example.com","name":"Example"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":6,"name":"Bank - carol"},
 {"accountType":"google","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":6,"name":"dave@gmail.com"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","name":"just a name"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":6,"originalIssuer":"GitHub","originalName":"erin","name":"GitHub"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":5,"originalName":"Steam : gabe","name":"steam: gabe"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PX1","digits":6,"name":"Bad secret"},
 {"accountType":"authenticator","digits":6,"name":"No secret"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":9,"name":"Nine digits"},
 ["not", "an", "object"]
]`

func TestImport(t *testing.T) {
	i := imp{limits: testLimits}
	newer := vector(t, "authenticator_newer.xml")
	api := vector(t, "authenticator_tokens.json")
	importtest.Run(t, i, []importtest.Case{
		{Name: "labels", Data: prefsFile(authenticatorKey, labels), Accounts: []string{
			"otpauth://totp/GitHub:My%20work%20account?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
			"otpauth://totp/Example:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30",
			"otpauth://totp/Bank:carol?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&period=30",
			"otpauth://totp/Google:dave@gmail.com?secret=JBSWY3DPEHPK3PXP&issuer=Google&algorithm=SHA1&digits=6&period=30",
			"otpauth://totp/just%20a%20name?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
			// A name that is the issuer: originalName's name, without a colon.
			"otpauth://totp/GitHub:erin?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
			// "Issuer : Name", and 5 digits with the issuer Steam: Steam.
			"otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
		}, Skipped: []error{otpauth.ErrSecret, importer.ErrCorrupt, otpauth.ErrDigits, importer.ErrCorrupt}, Index: []int{7, 8, 9, 10}},
		{Name: "Authy's own accounts", Data: vector(t, "authy_own.xml"), Accounts: []string{twilio}},
		{Name: "newer: no password", Data: newer, Err: importer.ErrPasswordNeeded},
		{Name: "newer: wrong password", Data: newer, Password: "correct horsE", Err: importer.ErrWrongPassword},
		// The fourth account was encrypted with another password.
		{Name: "newer", Data: newer, Password: "correct horse", Accounts: []string{deno, spdx, airbnb},
			Skipped: []error{importer.ErrCorrupt}, Index: []int{3}},
		// 100,000 iterations are beyond the test limits: nothing was
		// tried, so the password is not called wrong.
		{Name: "token list beyond the limits", Data: api, Password: "correct horse", Skipped: []error{importer.ErrKeyCost, importer.ErrKeyCost}},
		{Name: "not a JSON list", Data: prefsFile(authenticatorKey, `{"a":1}`), Err: importer.ErrCorrupt},
		{Name: "malformed encrypted entries", Data: prefsFile(authenticatorKey, `[
 {"name":"A","encryptedSecret":"AAAA","salt":"s"},
 {"name":"B","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":""},
 {"name":"C","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"s","unique_iv":"00"},
 {"name":"D","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"s","key_derivation_iterations":0}
]`), Password: "pw", Skipped: []error{importer.ErrCorrupt, importer.ErrCorrupt, importer.ErrCorrupt, importer.ErrCorrupt}},
		{Name: "the total budget", Data: prefsFile(authenticatorKey, `[
 {"name":"A","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"1","key_derivation_iterations":5000},
 {"name":"B","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"2","key_derivation_iterations":5000},
 {"name":"C","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"3","key_derivation_iterations":5000},
 {"name":"D","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"4","key_derivation_iterations":5000},
 {"name":"E","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"5","key_derivation_iterations":5000}
]`), Password: "pw", Err: importer.ErrWrongPassword},
	})
}

// TestTokenList reads the captured token list with its real 100,000
// iterations.
func TestTokenList(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "token list: wrong password", Data: vector(t, "authenticator_tokens.json"), Password: "correct horse ", Err: importer.ErrWrongPassword},
		{Name: "token list", Data: vector(t, "authenticator_tokens.json"), Password: "correct horse", Accounts: []string{deno, airbnb}},
	})
}

func TestBudget(t *testing.T) {
	// Four entries fit the test budget of 20,000 iterations; the fifth is
	// skipped as too costly, the four others do not decrypt.
	i := imp{limits: testLimits}
	data := prefsFile(authenticatorKey, `[
 {"name":"A","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"1","key_derivation_iterations":5000},
 {"name":"B","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"2","key_derivation_iterations":5000},
 {"name":"C","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"1","key_derivation_iterations":5000},
 {"name":"D","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"3","key_derivation_iterations":5000},
 {"name":"E","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"4","key_derivation_iterations":5000},
 {"name":"F","encryptedSecret":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"5","key_derivation_iterations":5000}
]`)
	items := make([]item, 6)
	raws, err := entries([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for n := range items {
		if err := importer.Decode(raws[n], &items[n].e); err != nil {
			t.Fatal(err)
		}
	}
	if err := i.decrypt(items, []byte("pw")); err != importer.ErrWrongPassword {
		t.Fatalf("decrypt = %v", err)
	}
	for n, it := range items {
		// C reuses A's key; F is beyond the budget.
		if want := n != 5; it.tried != want {
			t.Errorf("entry %d tried = %v, want %v (%v)", n, it.tried, want, it.err)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		want bool
	}{
		{"authenticator", prefsFile(authenticatorKey, `[]`), true},
		{"authy", prefsFile(authyKey, `[]`), true},
		{"broken list", prefsFile(authyKey, `[`), true},
		{"other preferences", prefsFile("com.authy.storage.tokens.other", `[]`), false},
		{"other app", prefsFile("STATIC_TOTP_CODES_LIST", `[]`), false},
		{"token list", `{"authenticator_tokens":[],"message":"success"}`, true},
		{"token list not a list", `{"authenticator_tokens":{}}`, false},
		{"JSON", `{"tokens":[]}`, false},
		{"text", "com.authy.storage.tokens.authenticator.key", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEncrypted(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{prefsFile(authenticatorKey, labels), false},
		{vector(t, "authy_own.xml"), false},
		{vector(t, "authenticator_newer.xml"), true},
		{vector(t, "authenticator_tokens.json"), true},
	} {
		if got := Importer.Encrypted([]byte(tt.data)); got != tt.want {
			t.Errorf("Encrypted(%.60q) = %v", tt.data, got)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-authy_plain.xml", "aegis-importers-authy_encrypted.xml")
	importtest.SeedVariants(f, Name)
	for _, name := range []string{"authenticator_newer.xml", "authy_own.xml", "authenticator_tokens.json"} {
		f.Add([]byte(vector(f, name)))
	}
	f.Add([]byte(prefsFile(authenticatorKey, labels)))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
