package andotp

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
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
	testRand.Read(salt)
	testRand.Read(nonce)
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

// encryptOld makes a backup in andOTP's old encrypted format; nonce, when
// set, starts the nonce (and so the file).
func encryptOld(password, plain string, nonce ...byte) string {
	n := make([]byte, nonceSize)
	testRand.Read(n)
	copy(n, nonce)
	key := sha256.Sum256([]byte(password))
	block, _ := aes.NewCipher(key[:])
	gcm, _ := cipher.NewGCM(block)
	return string(gcm.Seal(n, n, []byte(plain), nil))
}

// testRand gives the tests' salts, nonces and random bytes: the same on
// every run, so that a test of detection, which looks at how random bytes
// look, cannot pass on one run and fail on the next.
var testRand = rand.NewChaCha8([32]byte{'a', 'n', 'd', 'O', 'T', 'P'})

// random returns n random bytes after prefix.
func random(prefix string, n int) string {
	b := make([]byte, n)
	testRand.Read(b)
	return prefix + string(b)
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
		{Name: "old", Data: encryptOld("pw", entries), Password: "pw", Accounts: accounts, Skipped: skipped},
		{Name: "old, wrong password", Data: encryptOld("pw", entries), Password: "pW", Err: importer.ErrWrongPassword},
		{Name: "old, no password", Data: encryptOld("pw", entries), Err: importer.ErrPasswordNeeded},
		// A nonce that reads as 1000 iterations: the old layout opens it
		// (and, with a wrong password, the new one is tried too).
		{Name: "old, nonce like an iteration count", Data: encryptOld("pw", entries, 0, 0, 3, 0xe8), Password: "pw", Accounts: accounts, Skipped: skipped},
		{Name: "old, nonce like an iteration count, wrong password", Data: encryptOld("pw", entries, 0, 0, 3, 0xe8), Password: "pW", Err: importer.ErrWrongPassword},
		// Old labels are "Issuer - Label", the label an otpauth label: as
		// everywhere (README, How labels are read), the issuer wins over
		// a label prefix that differs, which is dropped.
		{Name: "old labels", Data: `[
 {"secret":"JBSWY3DPEHPK3PXP","label":"Deno - Deno:Mason","digits":6,"type":"TOTP","algorithm":"SHA1","period":30},
 {"secret":"JBSWY3DPEHPK3PXP","label":"Deno - Other:Mason","digits":6,"type":"TOTP","algorithm":"SHA1","period":30}
]`, Accounts: []string{
			"otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP&issuer=Deno&algorithm=SHA1&digits=6&period=30",
			"otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP&issuer=Deno&algorithm=SHA1&digits=6&period=30",
		}},
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
		{"old", encryptOld("pw", entries), true},
		{"random, an implausible iteration count", random("\x7f\xff\xff\xff", 60), true},
		{"too short", random("\x81", 27), false},
		{"zeros", "\x00\x00\x03\xe8" + string(make([]byte, 60)), false},
		{"text", "\x00\x00\x03\xe8 this is text, not a backup at all", false},
		{"text magic", random("AUTHENTICATORPRO", 60), false},
		{"zip", random("PK\x03\x04", 60), false},
		{"SQLite", random("SQLite format 3\x00", 60), false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-andotp_plain.json", "aegis-testdata-andotp_encrypted.bin", "aegis-importers-andotp_encrypted_old.bin")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(entries))
	f.Add([]byte(encrypt(f, "test", 100, entries)))
	f.Add([]byte(encryptOld("test", entries)))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
