package stratum

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"os"
	"testing"

	"golang.org/x/crypto/argon2"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// testCosts keep the tests and fuzzing fast.
var testCosts = costs{argonPasses: 1, argonMemoryKiB: 64, argonThreads: 1, pbkdf2Iterations: 10}

// strong encrypts plain as Stratum's current backups are, with c's cost.
func strong(c costs, password, plain string) string {
	salt, nonce := bytes.Repeat([]byte{1}, strongSalt), bytes.Repeat([]byte{2}, strongNonce)
	key := argon2.IDKey([]byte(password), salt, uint32(c.argonPasses), uint32(c.argonMemoryKiB), uint8(c.argonThreads), 32)
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	return strongHeader + string(salt) + string(nonce) + string(gcm.Seal(nil, nonce, []byte(plain), nil))
}

// legacy encrypts plain as Stratum's legacy backups are, with c's cost;
// pad is the PKCS#7 padding, which a test may break.
func legacy(c costs, password, plain string, pad func(n int) []byte) string {
	salt, iv := bytes.Repeat([]byte{3}, legacySalt), bytes.Repeat([]byte{4}, legacyIV)
	key, _ := pbkdf2.Key(sha1.New, password, salt, c.pbkdf2Iterations, 32)
	n := aes.BlockSize - len(plain)%aes.BlockSize
	p := append([]byte(plain), pad(n)...)
	block, _ := aes.NewCipher(key)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(p, p)
	return legacyHeader + string(salt) + string(iv) + string(p)
}

func pkcs7(n int) []byte { return bytes.Repeat([]byte{byte(n)}, n) }

func readFile(t testing.TB, name string) string {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

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

var backupAccounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work",
	"otpauth://hotp/Bank:?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA512&digits=6&counter=7 group=Work",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30 group=Work",
}

func TestEncrypted(t *testing.T) {
	i := imp{costs: testCosts}
	three := []error{importer.ErrUnsupported, importer.ErrUnsupported, importer.ErrUnsupported}
	tampered := []byte(strong(testCosts, "pw", testBackup))
	tampered[len(tampered)-20] ^= 1
	importtest.Run(t, i, []importtest.Case{
		{Name: "strong", Data: strong(testCosts, "pw", testBackup), Password: "pw", Accounts: backupAccounts, Skipped: three},
		{Name: "strong, wrong password", Data: strong(testCosts, "pw", testBackup), Password: "pW", Err: importer.ErrWrongPassword},
		{Name: "strong, no password", Data: strong(testCosts, "pw", testBackup), Err: importer.ErrPasswordNeeded},
		{Name: "strong, changed", Data: string(tampered), Password: "pw", Err: importer.ErrWrongPassword},
		{Name: "strong, not JSON inside", Data: strong(testCosts, "pw", "[1]"), Password: "pw", Err: importer.ErrCorrupt},
		{Name: "legacy", Data: legacy(testCosts, "pw", testBackup, pkcs7), Password: "pw", Accounts: backupAccounts, Skipped: three},
		{Name: "legacy, wrong password", Data: legacy(testCosts, "pw", testBackup, pkcs7), Password: "pW", Err: importer.ErrWrongPassword},
		{Name: "legacy, no password", Data: legacy(testCosts, "pw", testBackup, pkcs7), Err: importer.ErrPasswordNeeded},
		{Name: "legacy, bad padding", Data: legacy(testCosts, "pw", testBackup, func(n int) []byte { return make([]byte, n) }), Password: "pw", Err: importer.ErrWrongPassword},
		{Name: "legacy, not JSON inside", Data: legacy(testCosts, "pw", "{1]", pkcs7), Password: "pw", Err: importer.ErrCorrupt},
	})
	// Stratum's own costs, in a file made by make_vectors.py with
	// python3-cryptography: the legacy PBKDF2 is cheap enough to test.
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "legacy, Python", Data: readFile(t, "legacy.authpro"), Password: "test",
			Accounts: []string{"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30"}},
		{Name: "legacy, Python, wrong password", Data: readFile(t, "legacy.authpro"), Password: "Test", Err: importer.ErrWrongPassword},
	})
}

func TestDB(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "database", Data: readFile(t, "authenticator.db3"),
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work",
				"otpauth://hotp/Bank:?secret=JBSWY3DPEHPK3PXQ&issuer=Bank&algorithm=SHA512&digits=6&counter=7",
				"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXR&issuer=Steam&algorithm=SHA1&digits=5&period=30 group=Games",
				// The issuer repeated in front of the username is removed, as in a backup.
				"otpauth://totp/GitLab:dave?secret=JBSWY3DPEHPK3PXT&issuer=GitLab&algorithm=SHA1&digits=6&period=30",
			},
			Skipped: []error{importer.ErrUnsupported, importer.ErrUnsupported}, Index: []int{2, 4}},
	})
}

func TestHTML(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "HTML backup", Data: readFile(t, "backup.html"),
			Accounts: []string{
				"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30",
				"otpauth://hotp/Issuu:James?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&algorithm=SHA1&digits=6&counter=1",
				"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30",
				"otpauth://steam/Steam:?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam&algorithm=SHA1&digits=5&period=30",
			},
			Skipped: []error{otpauth.ErrType}, Index: []int{4}},
		// Labels are read as everywhere: the issuer parameter wins over a
		// differing prefix, white space around the colon goes, and the issuer
		// Steam is Steam in any case.
		{Name: "HTML labels", Data: "<html><title>Stratum Backup</title>" +
			"<code>otpauth://totp/Work%3A%20alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub</code>" +
			"<code>otpauth://totp/steam%3Agabe?secret=JBSWY3DPEHPK3PXP&issuer=steam</code>",
			Accounts: []string{
				"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30",
				"otpauth://steam/steam:gabe?secret=JBSWY3DPEHPK3PXP&issuer=steam&algorithm=SHA1&digits=5&period=30",
			}},
		{Name: "no URI", Data: "<html><title>Stratum Backup</title><code></code>", Err: importer.ErrCorrupt},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		want bool
	}{
		{"JSON", testBackup, true},
		{"strong", strong(testCosts, "pw", "{}"), true},
		{"strong, cut", strongHeader + string(make([]byte, 43)), false},
		{"legacy", legacy(testCosts, "pw", "{}", pkcs7), true},
		{"legacy, not whole blocks", legacy(testCosts, "pw", "{}", pkcs7) + "x", false},
		{"legacy, no blocks", legacyHeader + string(make([]byte, 36)), false},
		{"header in other case", "AuthenticatorPRO" + string(make([]byte, 64)), false},
		{"HTML", readFile(t, "backup.html"), true},
		{"other HTML", "<html><title>Backup</title><code>otpauth://totp/a?secret=JBSWY3DPEHPK3PXP</code>", false},
		{"database", readFile(t, "authenticator.db3"), true},
		{"another database", readFile(t, "../../googleauth/testdata/accounts.db"), false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-stratum_plain.json", "aegis-importers-stratum_internal.db")
	f.Add([]byte(testBackup))
	f.Add([]byte(strong(testCosts, "test", testBackup)))
	f.Add([]byte(legacy(testCosts, "test", testBackup, pkcs7)))
	f.Add([]byte(readFile(f, "authenticator.db3")))
	f.Add([]byte(readFile(f, "backup.html")))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{costs: testCosts}, data)
		importtest.SeedVariants(f, Name)
	})
}
