package andotp

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"encoding/binary"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// testLimits let the tests' small iteration counts through and stop the
// real file's (145,776), so that fuzzing stays fast.
var testLimits = limits{maxIterations: 5000}

const entries = `[
 {"secret":"JBSWY3DPEHPK3PXP","issuer":"GitHub","label":"alice","digits":8,"type":"TOTP","algorithm":"SHA256","period":60,"tags":["Work","Code"]},
 {"secret":"JBSWY3DPEHPK3PXP====","label":"Bank - bob","digits":6,"type":"HOTP","algorithm":"SHA1","counter":7,"tags":[]},
 {"secret":"JBSWY3DPEHPK3PXP","issuer":"Steam","label":"carol","digits":5,"type":"STEAM","algorithm":"SHA1"},
 {"secret":"JBSWY3DPEHPK3PXP","issuer":"M","label":"m","digits":6,"type":"MOTP","algorithm":"MD5","period":10},
 {"secret":"JBSWY3DPEHPK3PXP","label":"just a name","digits":6,"type":"totp","algorithm":"SHA1","period":30},
 {"secret":"JBSWY3DPEHPK3P1","issuer":"X","label":"short","digits":6,"type":"TOTP","algorithm":"SHA1","period":30}
]`

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work",
	"otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&counter=7",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://totp/just%20a%20name?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
}

var skipped = []error{importer.ErrUnsupported, otpauth.ErrSecret}

// encrypt makes a backup in andOTP's new encrypted format.
func encrypt(t testing.TB, password string, iter uint32, plain string) string {
	salt := make([]byte, saltSize)
	nonce := make([]byte, nonceSize)
	rand.Read(salt)
	rand.Read(nonce)
	key, err := pbkdf2.Key(sha1.New, password, salt, int(iter), 32)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	out := binary.BigEndian.AppendUint32(nil, iter)
	out = append(append(out, salt...), nonce...)
	return string(gcm.Seal(out, nonce, []byte(plain), nil))
}

func TestImport(t *testing.T) {
	i := imp{limits: testLimits}
	importtest.Run(t, i, []importtest.Case{
		{Name: "plain", Data: entries, Accounts: accounts, Skipped: skipped, Index: []int{3, 5}},
		{Name: "encrypted", Data: encrypt(t, "pw", 1000, entries), Password: "pw", Accounts: accounts, Skipped: skipped},
		{Name: "wrong password", Data: encrypt(t, "pw", 1000, entries), Password: "pW", Err: importer.ErrWrongPassword},
		{Name: "no password", Data: encrypt(t, "pw", 1000, entries), Err: importer.ErrPasswordNeeded},
		{Name: "beyond the limit", Data: encrypt(t, "pw", 5001, entries), Password: "pw", Err: importer.ErrUnsupported},
		{Name: "decrypts to something else", Data: encrypt(t, "pw", 10, `{"not":"a list"}`), Password: "pw", Err: importer.ErrCorrupt},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		want bool
	}{
		{"plain", entries, true},
		{"other JSON array", `[{"name":"x","secret":"y","type":"totp"}]`, false},
		{"empty array", `[]`, false},
		{"encrypted", encrypt(t, "pw", 140000, "[]"), true},
		{"too short", "\x00\x00\x03\xe8" + string(make([]byte, 39)), false},
		{"too many iterations", "\x7f\x00\x00\x00" + string(make([]byte, 60)), false},
		{"zero iterations", "\x00\x00\x00\x00" + string(make([]byte, 60)), false},
		{"text", "\x00\x00\x03\xe8 this is text, not a backup at all", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-andotp_plain.json", "aegis-testdata-andotp_encrypted.bin")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(entries))
	f.Add([]byte(encrypt(f, "test", 100, entries)))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
