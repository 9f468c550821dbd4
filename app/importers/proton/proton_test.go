package proton

import (
	"encoding/base64"
	"encoding/json"
	"errors"
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

// cheapCost is the cost of testdata/cheap.json, which the fuzz target's
// importer opens.
var cheapCost = cost{passes: 1, memoryKiB: 8}

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// vectorAccounts are the accounts of the testdata exports, made by
// make_vectors.py.
var vectorAccounts = []string{
	"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
	"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20 note=a note",
	"otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50",
	"otpauth://steam/Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&algorithm=SHA1&digits=5&period=30",
}

// flip changes one byte of the ciphertext of an encrypted export.
func flip(t testing.TB, data string) string {
	t.Helper()
	var e encrypted
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		t.Fatal(err)
	}
	c, err := base64.StdEncoding.DecodeString(e.Content)
	if err != nil {
		t.Fatal(err)
	}
	c[20] ^= 1
	e.Content = base64.StdEncoding.EncodeToString(c)
	b, _ := json.Marshal(e)
	return string(b)
}

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
		// The encrypted vectors, at Proton's real cost: wrong password
		// first, then the right one.
		{Name: "encrypted, wrong password", Data: vector(t, "encrypted.json"), Password: "Test", Err: importer.ErrWrongPassword},
		{Name: "encrypted", Data: vector(t, "encrypted.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "encrypted, no password", Data: vector(t, "encrypted.json"), Err: importer.ErrPasswordNeeded},
		{Name: "encrypted, changed", Data: flip(t, vector(t, "encrypted.json")), Password: "test", Err: importer.ErrCorrupt},
		{Name: "encrypted, not an export inside", Data: vector(t, "not_json.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "encrypted, version 2", Data: `{"version":2,"salt":"AAAA","content":"AAAA"}`, Password: "test", Err: importer.ErrUnsupported},
		{Name: "encrypted, bad salt", Data: `{"version":1,"salt":"*","content":"AAAA"}`, Password: "test", Err: importer.ErrCorrupt},
		{Name: "encrypted, short content", Data: `{"version":1,"salt":"AAAA","content":"AAAA"}`, Password: "test", Err: importer.ErrCorrupt},
	})
}

func TestEncrypted(t *testing.T) {
	for _, tt := range []struct {
		data      string
		detect    bool
		encrypted bool
	}{
		{vector(t, "encrypted.json"), true, true},
		{testExport, true, false},
		{`{"version":1,"salt":"AAAA"}`, false, false},
		{`{"salt":"AAAA","content":"AAAA"}`, false, false},
		{`{"version":1,"salt":"AAAA","content":"AAAA","entries":[]}`, true, false},
		{`{"version":1,"salt":1,"content":"AAAA"}`, false, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.detect {
			t.Errorf("Detect(%.40s) = %v", tt.data, got)
		}
		if got := Importer.Encrypted([]byte(tt.data)); got != tt.encrypted {
			t.Errorf("Encrypted(%.40s) = %v", tt.data, got)
		}
	}
}

func TestCheapVector(t *testing.T) {
	res, err := imp{cost: cheapCost}.Import([]byte(vector(t, "cheap.json")), []byte("test"))
	if err != nil || len(res.Accounts) != len(vectorAccounts) {
		t.Fatalf("cheap vector: %d accounts, %v", len(res.Accounts), err)
	}
	// Only the wrong-password-or-changed error wraps both sentinels.
	_, err = Importer.Import([]byte(vector(t, "encrypted.json")), []byte("wrong"))
	if !errors.Is(err, importer.ErrWrongPassword) || !errors.Is(err, importer.ErrCorrupt) {
		t.Errorf("wrong password error = %v", err)
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-proton_authenticator.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(testExport))
	f.Add([]byte(vector(f, "cheap.json")))
	f.Add([]byte(vector(f, "not_json.json")))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{cost: cheapCost}, data)
	})
}
