package totpauthenticator

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// The accounts of the vectors, made by testdata/make_vectors.py.
const (
	deno   = "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30"
	spdx   = "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA1&digits=7&period=20"
	airbnb = "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA1&digits=6&period=30"
)

// prefsFile puts a JSON list, escaped for XML, in a preferences file.
func prefsFile(list string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;")
	return "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n" +
		`    <int name="RATE_US_COUNTER" value="13" />` + "\n" +
		`    <string name="STATIC_TOTP_CODES_LIST">` + r.Replace(list) + "</string>\n" +
		`    <string name="DEFAULT_ENCRYPTION_KEY">x</string>` + "\n</map>\n"
}

// encrypt makes a backup of plain, as the app does.
func encrypt(password, plain string) string {
	key := sha256.Sum256([]byte(password))
	block, _ := aes.NewCipher(key[:])
	n := aes.BlockSize - len(plain)%aes.BlockSize
	b := []byte(plain + strings.Repeat(string(rune(n)), n))
	cipher.NewCBCEncrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(b, b)
	return base64.StdEncoding.EncodeToString(b)
}

// plain is the plaintext of a backup of list.
func plain(list string) string {
	name, _ := json.Marshal(list)
	return "{" + string(name) + `:"1700000000"}`
}

const entries = `[
 {"base":16,"digits":"6","issuer":"Deno","key":"E49270F0D21F365C8408F8B475C5267C","name":"Mason","period":"30"},
 "{\"base\":32,\"digits\":7,\"issuer\":\"SPDX\",\"key\":\"5OM4WOOGPLQEF6UGN3CPEOOLWU\",\"name\":\"James\",\"period\":20}",
 {"base":10,"issuer":"Decimal","key":"123","name":"x"},
 {"base":16,"issuer":"Odd","key":"ABC","name":"x"},
 {"base":16,"digits":"six","issuer":"Words","key":"ABCD","name":"x"},
 {"base":16,"digits":"","issuer":"Empty","key":"E49270F0D21F365C8408F8B475C5267C","name":"digits","period":null},
 {"base":16,"digits":"9","issuer":"Nine","key":"ABCD","name":"x"},
 12,
 {"base":32,"digits":"5","issuer":"Steam","key":"JBSWY3DPEHPK3PXP","name":"Steam: gabe","period":"30"},
 {"base":32,"issuer":" GitHub ","key":"JBSWY3DPEHPK3PXP","name":"Work:alice"}
]`

var entriesAccounts = []string{deno, spdx,
	"otpauth://totp/Empty:digits?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Empty&algorithm=SHA1&digits=6&period=30",
	// 5 digits with the issuer Steam: Steam; the copy of the issuer in
	// front of the name is removed.
	"otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	// A name is a field of its own: a colon in it does not split it.
	"otpauth://totp/GitHub:Work%3Aalice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30"}

var entriesSkipped = []error{importer.ErrUnsupported, otpauth.ErrSecret, importer.ErrCorrupt, otpauth.ErrDigits, importer.ErrCorrupt}

func TestImport(t *testing.T) {
	withPassword := vector(t, "backup_password.txt")
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "preferences", Data: prefsFile(entries), Accounts: entriesAccounts, Skipped: entriesSkipped, Index: []int{2, 3, 4, 6, 7}},
		{Name: "preferences not a list", Data: prefsFile(`{}`), Err: importer.ErrCorrupt},
		{Name: "backup: no password", Data: withPassword, Err: importer.ErrPasswordNeeded},
		{Name: "backup: wrong password", Data: withPassword, Password: "correct horsE", Err: importer.ErrWrongPassword},
		{Name: "backup", Data: withPassword, Password: "correct horse", Accounts: []string{deno, spdx, airbnb}},
		{Name: "backup without a password", Data: vector(t, "backup_nopassword.txt"), Accounts: []string{deno}},
		{Name: "backup without a password, one given", Data: vector(t, "backup_nopassword.txt"), Password: "anything", Accounts: []string{deno}},
		{Name: "backup in Go", Data: encrypt("pw", plain(entries)), Password: "pw",
			Accounts: entriesAccounts, Skipped: entriesSkipped},
		{Name: "backup of something else", Data: encrypt("pw", `["a list, not an object with a list"]`), Password: "pw", Err: importer.ErrWrongPassword},
		{Name: "backup with a broken list", Data: encrypt("pw", `{"[{\"issuer\":\"broken":"1700000000"}`), Password: "pw", Err: importer.ErrCorrupt},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       bool
	}{
		{"preferences", prefsFile(`[]`), true},
		{"other preferences", `<map><string name="com.authy.storage.tokens.authenticator.key">STATIC_TOTP_CODES_LIST</string></map>`, false},
		{"backup", vector(t, "backup_password.txt"), true},
		{"one block", base64.StdEncoding.EncodeToString(make([]byte, 16)), false},
		{"not whole blocks", base64.StdEncoding.EncodeToString(make([]byte, 33)), false},
		{"URL-safe base64", strings.ReplaceAll(base64.StdEncoding.EncodeToString([]byte("\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff\xfb\xff")), "+", "-"), false},
		{"text", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", false},
		// 64 letters: without its spaces, base64 of three blocks.
		{"words", "Lorem ipsum dolor sit amet consetetur sadipscing elitr sed diam nonumy eirm", false},
		{"CRLF lines", strings.ReplaceAll(vector(t, "backup_password.txt"), "\n", "\r\n"), true},
		{"JSON", `{"a":"b"}`, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEncrypted(t *testing.T) {
	for name, want := range map[string]bool{"backup_password.txt": true, "backup_nopassword.txt": false} {
		if got := Importer.Encrypted([]byte(vector(t, name))); got != want {
			t.Errorf("Encrypted(%s) = %v", name, got)
		}
	}
	if Importer.Encrypted([]byte(prefsFile(`[]`))) {
		t.Error("the preferences file is encrypted")
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-totp_authenticator.bin", "aegis-importers-totp_authenticator_internal.xml")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(vector(f, "backup_password.txt")))
	f.Add([]byte(vector(f, "backup_nopassword.txt")))
	f.Add([]byte(prefsFile(entries)))
	f.Add([]byte(encrypt("test", plain(entries))))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
