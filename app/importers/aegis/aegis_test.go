package aegis

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/crypto/scrypt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// testLimits let the small work factors of the tests' vaults through and
// stop the real ones (N=2^15, r=8), so that fuzzing stays fast.
var testLimits = limits{maxNR: 1 << 13, maxP: 1}

// testSlot describes a slot of a vault made by seal.
type testSlot struct {
	typ      int
	password string
	n        int
}

func gcmSeal(t testing.TB, key, plain []byte) (ct, nonce, tag []byte) {
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	nonce = make([]byte, 12)
	rand.Read(nonce)
	sealed := gcm.Seal(nil, nonce, plain, nil)
	return sealed[:len(sealed)-16], nonce, sealed[len(sealed)-16:]
}

// seal makes an encrypted Aegis vault of content, as Aegis does.
func seal(t testing.TB, content string, slots ...testSlot) string {
	master := make([]byte, 32)
	rand.Read(master)
	var ss []map[string]any
	for _, s := range slots {
		salt := make([]byte, 32)
		rand.Read(salt)
		key := make([]byte, 32)
		rand.Read(key)
		if s.typ == passwordSlot {
			var err error
			if key, err = scrypt.Key([]byte(s.password), salt, s.n, 8, 1, 32); err != nil {
				t.Fatal(err)
			}
		}
		ct, nonce, tag := gcmSeal(t, key, master)
		ss = append(ss, map[string]any{
			"type": s.typ, "uuid": "a8325752-c1be-458a-9b3e-5e0a8154d9ec", "key": hex.EncodeToString(ct),
			"key_params": map[string]string{"nonce": hex.EncodeToString(nonce), "tag": hex.EncodeToString(tag)},
			"n":          s.n, "r": 8, "p": 1, "salt": hex.EncodeToString(salt),
		})
	}
	ct, nonce, tag := gcmSeal(t, master, []byte(content))
	b, err := json.Marshal(map[string]any{
		"version": 1,
		"header": map[string]any{"slots": ss,
			"params": map[string]string{"nonce": hex.EncodeToString(nonce), "tag": hex.EncodeToString(tag)}},
		"db": base64.StdEncoding.EncodeToString(ct),
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func plain(content string) string {
	return `{"version":1,"header":{"slots":null,"params":null},"db":` + content + `}`
}

const v3 = `{"version":3,
 "groups":[{"uuid":"g1","name":"Work"},{"uuid":"g2","name":"Home"}],
 "entries":[
  {"type":"totp","uuid":"1","name":"alice","issuer":"GitHub","note":"main","groups":["gx","g2","g1"],
   "info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA256","digits":8,"period":60}},
  {"type":"motp","uuid":"2","name":"m","issuer":"M","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":10,"pin":"1234"}},
  {"type":"hotp","uuid":"3","name":"bob","issuer":"","info":{"secret":"not base32!","algo":"SHA1","digits":6,"counter":3}},
  {"type":"hotp","uuid":"4","name":"carol","issuer":"Bank","info":{"secret":"jbsw y3dp ehpk 3pxp","algo":"SHA1","digits":6,"counter":"3"}},
  {"type":"yandex","uuid":"5","name":"y","issuer":"Y","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA256","digits":8,"period":30}},
  {"type":"totp","uuid":"6","name":"dave","issuer":"X","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":30}},
  {"type":"totp","uuid":"7","name":"erin","issuer":"X","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":9,"period":30}},
  {"type":"steam","uuid":"8","name":"frank","issuer":"Steam","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":5,"period":30}},
  {"type":"hotp","uuid":"9","name":"gina","issuer":"Bank","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"sha512","digits":7,"counter":18446744073709551615}}
 ]}`

var v3Accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Home note=main",
	"otpauth://steam/Steam:frank?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://hotp/Bank:gina?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA512&digits=7&counter=18446744073709551615",
}

func TestImport(t *testing.T) {
	i := imp{limits: testLimits}
	skipped := []error{importer.ErrUnsupported, otpauth.ErrSecret, importer.ErrCorrupt, importer.ErrUnsupported, importer.ErrUnsupported, otpauth.ErrDigits}
	index := []int{1, 2, 3, 4, 5, 6}
	pw := testSlot{typ: passwordSlot, password: "correct horse", n: 1024}
	importtest.Run(t, i, []importtest.Case{
		{Name: "plain v3", Data: plain(v3), Accounts: v3Accounts, Skipped: skipped, Index: index},
		{Name: "encrypted v3", Data: seal(t, v3, pw), Password: "correct horse", Accounts: v3Accounts, Skipped: skipped, Index: index},
		{Name: "second password slot", Data: seal(t, v3, testSlot{typ: 2, n: 1024}, pw, testSlot{typ: passwordSlot, password: "other", n: 1024}),
			Password: "other", Accounts: v3Accounts, Skipped: skipped, Index: index},
		{Name: "wrong password", Data: seal(t, v3, pw), Password: "wrong", Err: importer.ErrWrongPassword},
		// Four slots of the most work allowed may be tried, not five.
		{Name: "four password slots", Data: seal(t, v3, pw, pw, pw, testSlot{typ: passwordSlot, password: "other", n: 1024}),
			Password: "other", Accounts: v3Accounts, Skipped: skipped, Index: index},
		{Name: "five password slots", Data: seal(t, v3, pw, pw, pw, pw, testSlot{typ: passwordSlot, password: "other", n: 1024}),
			Password: "other", Err: importer.ErrKeyCost},
		{Name: "no password", Data: seal(t, v3, pw), Err: importer.ErrPasswordNeeded},
		{Name: "biometric slot only", Data: seal(t, v3, testSlot{typ: 2, n: 1024}), Password: "x", Err: importer.ErrUnsupported},
		{Name: "work factor beyond the limit", Data: strings.Replace(seal(t, v3, pw), `"n":1024`, `"n":1048576`, 1), Password: "correct horse", Err: importer.ErrUnsupported},
		{Name: "work factor not a power of 2", Data: strings.Replace(seal(t, v3, pw), `"n":1024`, `"n":1000`, 1), Password: "correct horse", Err: importer.ErrCorrupt},
		{Name: "content changed", Data: tamperDB(t, seal(t, v3, pw)), Password: "correct horse", Err: importer.ErrCorrupt},
		{Name: "file version 2", Data: strings.Replace(plain(v3), `"version":1`, `"version":2`, 1), Err: importer.ErrUnsupported},
		{Name: "content version 4", Data: plain(`{"version":4,"entries":[]}`), Err: importer.ErrUnsupported},
		{Name: "content not an object", Data: plain(`[1,2]`), Err: importer.ErrCorrupt},
		{Name: "v1 content, v2 group", Data: plain(`{"version":2,"entries":[{"type":"totp","name":"n","issuer":"i","group":" Work ","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}]}`),
			Accounts: []string{"otpauth://totp/i:n?secret=JBSWY3DPEHPK3PXP&issuer=i&algorithm=SHA1&digits=6&period=30 group=Work"}},
	})
}

// tamperDB flips a bit of the encrypted content.
func tamperDB(t *testing.T, vault string) string {
	var f map[string]json.RawMessage
	if err := json.Unmarshal([]byte(vault), &f); err != nil {
		t.Fatal(err)
	}
	var db string
	json.Unmarshal(f["db"], &db)
	ct, _ := base64.StdEncoding.DecodeString(db)
	ct[0] ^= 1
	f["db"], _ = json.Marshal(base64.StdEncoding.EncodeToString(ct))
	b, _ := json.Marshal(f)
	return string(b)
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{plain(`{"version":1,"entries":[]}`), true},
		{`{"version":1,"header":{},"db":{}}`, false},
		{`{"header":{"slots":null},"db":{}}`, false},
		{`{"services":[]}`, false},
		{`[]`, false},
	} {
		if got := (imp{}).Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%s) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-aegis_plain.json", "aegis-testdata-aegis_encrypted.json", "aegis-testdata-aegis_plain_grouped_v2.json")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(plain(v3)))
	f.Add([]byte(seal(f, v3, testSlot{typ: passwordSlot, password: "test", n: 1024})))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
