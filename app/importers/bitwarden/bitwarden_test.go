package bitwarden

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const jsonExport = `{"encrypted":false,"folders":[{"id":"f1","name":"Work"}],"items":[
 {"type":1,"name":"GitHub","folderId":"f1","notes":"main","login":{"username":"alice","totp":"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60"}},
 {"type":2,"name":"A secure note","notes":"no login"},
 {"type":1,"name":"Bank","login":{"username":"bob","totp":"jbsw y3dp ehpk 3pxp"}},
 {"type":1,"name":"Steam","login":{"username":"carol","totp":"steam://JBSWY3DPEHPK3PXP"}},
 {"type":1,"name":"No issuer in the URI","login":{"username":"dave","totp":"otpauth://totp/dave?secret=JBSWY3DPEHPK3PXP"}},
 {"type":1,"name":"Password only","login":{"username":"erin","password":"x","totp":null}},
 {"type":1,"name":"Broken","login":{"username":"frank","totp":"otpauth://totp/x?secret=1"}},
 {"type":1,"name":"Broken steam","login":{"username":"gina","totp":"steam://"}}
]}`

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work note=main",
	"otpauth://totp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&period=30",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://totp/No%20issuer%20in%20the%20URI:dave?secret=JBSWY3DPEHPK3PXP&issuer=No%20issuer%20in%20the%20URI&algorithm=SHA1&digits=6&period=30",
}

const csvExport = "\ufefffolder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\n" +
	`Work,,login,GitHub,main,,,alice,,otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60` + "\n" +
	`,,note,A secure note,"no login, with a comma",,,,,` + "\n" +
	`,,login,Bank,,,,bob,,jbsw y3dp ehpk 3pxp` + "\r\n" +
	`,,login,Steam,,,,carol,,steam://JBSWY3DPEHPK3PXP` + "\n" +
	`,,login,"No issuer in the URI",,,,dave,,otpauth://totp/dave?secret=JBSWY3DPEHPK3PXP` + "\n" +
	`,,login,Password only,,,,erin,x,` + "\n" +
	`,,login,Broken,,,,frank,,otpauth://totp/x?secret=1` + "\n" +
	`,,login,Broken steam,,,,gina,,steam://` + "\n"

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "JSON", Data: jsonExport, Accounts: accounts, Skipped: []error{otpauth.ErrSecret, otpauth.ErrSecret}, Index: []int{6, 7}},
		{Name: "CSV", Data: csvExport, Accounts: accounts, Skipped: []error{otpauth.ErrSecret, otpauth.ErrSecret}, Index: []int{6, 7}},
		{Name: "account restricted", Data: accountRestricted, Err: importer.ErrUnsupported},
		{Name: "stray quote", Data: "name,login_totp\nGood,JBSWY3DPEHPK3PXP\n\"a,b\n",
			Accounts: []string{"otpauth://totp/Good:?secret=JBSWY3DPEHPK3PXP&issuer=Good&algorithm=SHA1&digits=6&period=30"}},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{`{"items":[]}`, false},
		{"name,secret,issuer\nx,y,z\n", false},
		{"name,login_totp\n", true},
		{"\x00name,login_totp\n", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

// accountRestricted is an export encrypted with the account's key, as
// bitwarden/clients writes it: every field an EncString.
const accountRestricted = `{"encrypted":true,"encKeyValidation_DO_NOT_EDIT":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
 "folders":[],"items":[{"type":1,"name":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
 "login":{"totp":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}]}`

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// vectorAccounts are the accounts of the testdata exports made by
// make_vectors.py.
var vectorAccounts = []string{
	"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30 group=Work note=a note",
	"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20",
	"otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50",
	"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30",
}

// edit changes a field of a password-protected export.
func edit(t testing.TB, data string, change func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// flipData changes one base64 character of the ciphertext of data.
func flipData(m map[string]any) {
	s := m["data"].(string)
	i := strings.Index(s, "|") + 5
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	m["data"] = s[:i] + string(c) + s[i+1:]
}

// testLimits let the cheap vectors through and refuse Bitwarden's real
// costs, so that fuzzing stays fast.
var testLimits = limits{maxIterations: 1000, maxPasses: 1, maxMemoryMiB: 1}

func TestPasswordProtected(t *testing.T) {
	cheap := imp{limits: testLimits}
	// Bitwarden's real costs, with the default importer: wrong password
	// first, then the right one.
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "PBKDF2, wrong password", Data: vector(t, "pbkdf2.json"), Password: "Test", Err: importer.ErrWrongPassword},
		{Name: "PBKDF2", Data: vector(t, "pbkdf2.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "Argon2id, wrong password", Data: vector(t, "argon2id.json"), Password: "Test", Err: importer.ErrWrongPassword},
		{Name: "Argon2id", Data: vector(t, "argon2id.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "no password", Data: vector(t, "argon2id.json"), Err: importer.ErrPasswordNeeded},
	})
	importtest.Run(t, cheap, []importtest.Case{
		{Name: "cheap PBKDF2", Data: vector(t, "cheap_pbkdf2.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "cheap Argon2id", Data: vector(t, "cheap_argon2id.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "data changed", Data: edit(t, vector(t, "cheap_pbkdf2.json"), flipData), Password: "test", Err: importer.ErrCorrupt},
		{Name: "data changed, wrong password", Data: edit(t, vector(t, "cheap_pbkdf2.json"), flipData), Password: "x", Err: importer.ErrWrongPassword},
		{Name: "not JSON inside", Data: vector(t, "cheap_not_json.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "salt changed", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { m["salt"] = "AAECAwQFBgcICQoLDA0ODg==" }),
			Password: "test", Err: importer.ErrWrongPassword},
		{Name: "beyond the limit", Data: vector(t, "pbkdf2.json"), Password: "test", Err: importer.ErrKeyCost},
		{Name: "Argon2id beyond the limit", Data: vector(t, "argon2id.json"), Password: "test", Err: importer.ErrKeyCost},
		{Name: "kdfType 2", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { m["kdfType"] = 2 }), Password: "test", Err: importer.ErrUnsupported},
		{Name: "no kdfType", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { delete(m, "kdfType") }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "no iterations", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { m["kdfIterations"] = 0 }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "no memory", Data: edit(t, vector(t, "cheap_argon2id.json"), func(m map[string]any) { m["kdfMemory"] = 0 }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "type 0 EncString", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { m["data"] = "0.AAAA|AAAA" }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "validation not an EncString", Data: edit(t, vector(t, "cheap_pbkdf2.json"), func(m map[string]any) { m["encKeyValidation_DO_NOT_EDIT"] = "x" }), Password: "test", Err: importer.ErrCorrupt},
	})
	// Bitwarden's largest Argon2id memory is 1024 MiB; a file asking for
	// more is refused before any work, with a message that says why.
	huge := edit(t, vector(t, "argon2id.json"), func(m map[string]any) { m["kdfMemory"] = 4096 })
	_, err := Importer.Import([]byte(huge), []byte("test"))
	if !errors.Is(err, importer.ErrKeyCost) || !strings.Contains(err.Error(), "4096 MiB") {
		t.Errorf("4096 MiB: %v", err)
	}
	_, err = Importer.Import([]byte(accountRestricted), []byte("test"))
	if !strings.Contains(err.Error(), "only Bitwarden") {
		t.Errorf("account-restricted error does not say why: %v", err)
	}
}

func TestEncrypted(t *testing.T) {
	for _, tt := range []struct {
		data              string
		detect, encrypted bool
	}{
		{vector(t, "pbkdf2.json"), true, true},
		{accountRestricted, true, false},
		{jsonExport, true, false},
		{`{"encrypted":true,"passwordProtected":true,"data":"2.x"}`, true, true},
		{`{"encrypted":"yes","passwordProtected":true,"data":"2.x"}`, true, false},
		{`{"passwordProtected":true,"data":"2.x"}`, false, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.detect {
			t.Errorf("Detect(%.50s) = %v", tt.data, got)
		}
		if got := Importer.Encrypted([]byte(tt.data)); got != tt.encrypted {
			t.Errorf("Encrypted(%.50s) = %v", tt.data, got)
		}
	}
}

// The exports of Bitwarden Authenticator, as its Android app writes them
// (AuthenticatorRepositoryImpl: encodeVaultDataToJson, encodeVaultDataToCsv).
const (
	authenticatorJSON = `{"encrypted":false,"items":[
 {"id":"a1","name":"Deno","folderId":null,"organizationId":null,"collectionIds":null,"notes":null,"type":1,
  "login":{"totp":"otpauth://totp/Deno%3AMason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&algorithm=SHA1&digits=6&period=30&issuer=Deno"},"favorite":false},
 {"id":"a2","name":"SPDX","folderId":null,"organizationId":null,"collectionIds":null,"notes":null,"type":1,
  "login":{"totp":"otpauth://totp/SPDX%3AJames?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&algorithm=SHA256&digits=7&period=20&issuer=SPDX"},"favorite":true},
 {"id":"a3","name":"Boeing","folderId":null,"organizationId":null,"collectionIds":null,"notes":null,"type":1,
  "login":{"totp":"steam://JRZCL47CMXVOQMNPZR2F7J4RGI"},"favorite":false}]}`
	authenticatorCSV = "folder,favorite,type,name,login_uri,login_totp\n" +
		",,1,Deno,,otpauth://totp/Deno%3AMason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&algorithm=SHA1&digits=6&period=30&issuer=Deno,Deno,30,6\n" +
		",,1,SPDX,,otpauth://totp/SPDX%3AJames?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&algorithm=SHA256&digits=7&period=20&issuer=SPDX,SPDX,20,7\n" +
		",,1,Boeing,,steam://JRZCL47CMXVOQMNPZR2F7J4RGI,Boeing,30,5"
)

func TestAuthenticator(t *testing.T) {
	want := []string{
		"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
		"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20",
		// A steam:// URI has no label: the item's name is the issuer.
		"otpauth://steam/Boeing:?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30",
	}
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "JSON", Data: authenticatorJSON, Accounts: want},
		{Name: "CSV, more cells than the header", Data: authenticatorCSV, Accounts: want},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-bitwarden.json", "aegis-testdata-bitwarden.csv")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(jsonExport))
	f.Add([]byte(csvExport))
	f.Add([]byte(authenticatorJSON))
	f.Add([]byte(authenticatorCSV))
	f.Add([]byte(accountRestricted))
	for _, name := range []string{"cheap_pbkdf2.json", "cheap_argon2id.json", "cheap_not_json.json", "pbkdf2.json"} {
		f.Add([]byte(vector(f, name)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
