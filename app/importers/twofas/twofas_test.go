package twofas

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const services = `[
 {"name":"GitHub","secret":"JBSWY3DPEHPK3PXP","groupId":"g1","otp":{"account":"alice","issuer":"GitHub","digits":8,"period":60,"algorithm":"SHA256","tokenType":"TOTP"}},
 {"name":"","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"bob","issuer":"Bank","digits":6,"algorithm":"SHA1","counter":7,"tokenType":"HOTP"}},
 {"name":"Steam","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"carol","tokenType":"STEAM","digits":5,"period":30}},
 {"name":"Y","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"y","tokenType":"YANDEX"}},
 {"name":"Bad","secret":"1!","otp":{"account":"z","tokenType":"TOTP"}},
 {"name":"Old","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"v1"}},
 {"name":"Wrong","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"w","digits":"six"}}
]`

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work",
	"otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&counter=7",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://totp/Old:v1?secret=JBSWY3DPEHPK3PXP&issuer=Old&algorithm=SHA1&digits=6&period=30",
}

var skipped = []error{importer.ErrUnsupported, otpauth.ErrSecret, importer.ErrCorrupt}

func plainBackup(schema string) string {
	return `{"schemaVersion":` + schema + `,"groups":[{"id":"g1","name":"Work"}],"services":` + services + `}`
}

// encrypt makes a v4 encrypted backup as 2FAS does; reference is the
// plaintext of the reference field ("" to leave it out), and tamper flips
// a bit of the services.
func encrypt(t testing.TB, password, reference string, tamper bool) string {
	salt := make([]byte, 256)
	rand.Read(salt)
	key, err := pbkdf2.Key(sha256.New, password, salt, iterations, 32)
	if err != nil {
		t.Fatal(err)
	}
	seal := func(plain string) string {
		block, _ := aes.NewCipher(key)
		gcm, _ := cipher.NewGCM(block)
		nonce := make([]byte, 12)
		rand.Read(nonce)
		ct := gcm.Seal(nil, nonce, []byte(plain), nil)
		if tamper && plain == services {
			ct[3] ^= 1
		}
		e := base64.StdEncoding.EncodeToString
		return e(ct) + ":" + e(salt) + ":" + e(nonce)
	}
	b := map[string]any{"services": []any{}, "groups": []map[string]string{{"id": "g1", "name": "Work"}},
		"schemaVersion": 4, "servicesEncrypted": seal(services)}
	if reference != "" {
		b["reference"] = seal(reference)
	}
	out, _ := json.Marshal(b)
	return string(out)
}

func TestImport(t *testing.T) {
	ref := strings.Repeat("reference text ", 10)
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "schema 4", Data: plainBackup("4"), Accounts: accounts, Skipped: skipped, Index: []int{3, 4, 6}},
		{Name: "schema 1", Data: plainBackup("1"), Accounts: accounts, Skipped: skipped},
		{Name: "encrypted", Data: encrypt(t, "pass", ref, false), Password: "pass", Accounts: accounts, Skipped: skipped},
		{Name: "encrypted without reference", Data: encrypt(t, "pass", "", false), Password: "pass", Accounts: accounts, Skipped: skipped},
		{Name: "wrong password", Data: encrypt(t, "pass", ref, false), Password: "Pass", Err: importer.ErrWrongPassword},
		{Name: "wrong password, no reference", Data: encrypt(t, "pass", "", false), Password: "Pass", Err: importer.ErrWrongPassword},
		{Name: "no password", Data: encrypt(t, "pass", ref, false), Err: importer.ErrPasswordNeeded},
		{Name: "services changed", Data: encrypt(t, "pass", ref, true), Password: "pass", Err: importer.ErrCorrupt},
		{Name: "two parts", Data: `{"schemaVersion":4,"servicesEncrypted":"AAAA:BBBB"}`, Password: "pass", Err: importer.ErrCorrupt},
		{Name: "schema 5", Data: plainBackup("5"), Err: importer.ErrUnsupported},
		{Name: "services not an array", Data: `{"schemaVersion":4,"services":{}}`, Err: importer.ErrCorrupt},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-2fas_authenticator.json", "aegis-testdata-2fas_authenticator_plain_v4.2fas", "aegis-testdata-2fas_authenticator_encrypted_v4.2fas")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(plainBackup("4")))
	f.Add([]byte(encrypt(f, "test", "ref", false)))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
