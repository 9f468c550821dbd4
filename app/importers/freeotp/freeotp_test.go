package freeotp

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"twofold.app/app/importers/freeotpplus"
	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
)

// testLimits stop the shared files' 100,000 iterations, so that fuzzing
// stays fast, and let the 1,000 of testdata/ through.
var testLimits = limits{maxIterations: 1000}

func vector(t testing.TB, name string) []byte { return importtest.Vector(t, name) }

// The secret of every token is "Hello!\xde\xad\xbe\xef"
// (JBSWY3DPEHPK3PXP), as signed bytes.
const testPrefs = `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="Bank:bob">{&quot;algo&quot;:&quot;SHA1&quot;,&quot;counter&quot;:6,&quot;digits&quot;:6,&quot;issuerExt&quot;:&quot;Bank&quot;,&quot;issuerInt&quot;:&quot;Bank&quot;,&quot;issuerAlt&quot;:&quot;My bank&quot;,&quot;label&quot;:&quot;bob&quot;,&quot;labelAlt&quot;:&quot;Bob&quot;,&quot;period&quot;:30,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;HOTP&quot;}</string>
    <string name="GitHub:alice">{&quot;algo&quot;:&quot;SHA256&quot;,&quot;counter&quot;:0,&quot;digits&quot;:8,&quot;issuerExt&quot;:&quot;GitHub&quot;,&quot;issuerInt&quot;:&quot;GitHub&quot;,&quot;label&quot;:&quot;alice&quot;,&quot;period&quot;:60,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;TOTP&quot;}</string>
    <string name="Steam:carol">{&quot;algo&quot;:&quot;SHA1&quot;,&quot;counter&quot;:0,&quot;digits&quot;:5,&quot;issuerExt&quot;:&quot;Steam&quot;,&quot;issuerInt&quot;:&quot;Steam&quot;,&quot;label&quot;:&quot;carol&quot;,&quot;period&quot;:30,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;TOTP&quot;}</string>
    <string name="X:md5">{&quot;algo&quot;:&quot;MD5&quot;,&quot;counter&quot;:0,&quot;digits&quot;:6,&quot;issuerExt&quot;:&quot;X&quot;,&quot;label&quot;:&quot;md5&quot;,&quot;period&quot;:30,&quot;secret&quot;:[1,2,3],&quot;type&quot;:&quot;TOTP&quot;}</string>
    <string name="X:broken">not JSON</string>
    <string name="X:fresh">{&quot;algo&quot;:&quot;SHA1&quot;,&quot;counter&quot;:-1,&quot;digits&quot;:6,&quot;issuerExt&quot;:&quot;X&quot;,&quot;label&quot;:&quot;fresh&quot;,&quot;period&quot;:30,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;HOTP&quot;}</string>
    <string name="tokenOrder">[&quot;GitHub:alice&quot;,&quot;Gone:deleted&quot;,&quot;Bank:bob&quot;,&quot;Steam:carol&quot;,&quot;X:md5&quot;,&quot;X:broken&quot;]</string>
</map>
`

const (
	alice = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60"
	bob   = "otpauth://hotp/My%20bank:Bob?secret=JBSWY3DPEHPK3PXP&issuer=My%20bank&algorithm=SHA1&digits=6&counter=7"
	carol = "otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30"
	fresh = "otpauth://hotp/X:fresh?secret=JBSWY3DPEHPK3PXP&issuer=X&algorithm=SHA1&digits=6&counter=0"
)

func TestImport(t *testing.T) {
	importtest.Run(t, imp{limits: testLimits}, []importtest.Case{
		// The order of tokenOrder, then the token it leaves out; the
		// name it lists without a token is not an account.
		{Name: "FreeOTP 1", Data: testPrefs, Accounts: []string{alice, bob, carol, fresh},
			Skipped: []error{importer.ErrUnsupported, importer.ErrCorrupt}, Index: []int{3, 4}},
		{Name: "FreeOTP 1, no tokens", Data: `<map><string name="tokenOrder">[]</string></map>`},
		{Name: "backup", Data: string(vector(t, "backup.ser")), Password: "test",
			Accounts: []string{
				"otpauth://totp/GitHub:alice%20%F0%9F%98%80?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60",
				// No algorithm or digits: SHA1 and 6; the counter as
				// stored.
				bob,
				// No digits: Steam's 5.
				"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
			},
			// A changed key, an OTP type Twofold has not, a key without
			// its token, a token without its key, a null token.
			Skipped: []error{importer.ErrCorrupt, importer.ErrUnsupported, importer.ErrCorrupt, importer.ErrCorrupt, importer.ErrCorrupt},
			Index:   []int{3, 4, 5, 6, 7}},
		{Name: "backup, wrong password", Data: string(vector(t, "backup.ser")), Password: "tests", Err: importer.ErrWrongPassword},
		{Name: "backup, no password", Data: string(vector(t, "backup.ser")), Err: importer.ErrPasswordNeeded},
		{Name: "PBKDF2-SHA1, bare nonce", Data: string(vector(t, "sha1_bare.ser")), Password: "test",
			Accounts: []string{"otpauth://totp/Issuer:grace?secret=JBSWY3DPEHPK3PXP&issuer=Issuer&algorithm=SHA512&digits=6&period=30"}},
	})
}

func TestBackupErrors(t *testing.T) {
	// Too many iterations for the limits.
	i := imp{limits: limits{maxIterations: 999}}
	if _, err := i.Import(vector(t, "backup.ser"), []byte("test")); !errors.Is(err, importer.ErrKeyCost) {
		t.Errorf("iterations over the limit: %v", err)
	}
	// A changed master key is a wrong password: AES-GCM cannot tell.
	data := vector(t, "sha1_bare.ser")
	n := bytes.Index(data, []byte(`"mCipherText":[`)) + len(`"mCipherText":[`)
	data[n] ^= 1 // a digit stays a digit
	if _, err := (imp{limits: testLimits}).Import(data, []byte("test")); !errors.Is(err, importer.ErrWrongPassword) {
		t.Errorf("changed master key: %v", err)
	}
	// 999 tokens that refer back to one 4 KiB token: refused, rather than
	// the same JSON decoded 1000 times (a 16 MiB file could make it a
	// million times 8 MiB).
	res, err := (imp{limits: testLimits}).Import(vector(t, "repeated.ser"), []byte("test"))
	if !errors.Is(err, importer.ErrCorrupt) || len(res.Skipped) > 0 {
		t.Errorf("repeated strings: %d skipped, %v; want ErrCorrupt", len(res.Skipped), err)
	}
}

// A FreeOTP+ preferences file is FreeOTP 1's with 7-digit tokens allowed:
// each importer claims the files the other does not.
func TestFreeOTPPlusPrefs(t *testing.T) {
	seven := `<map><string name="A:b">{"algo":"SHA1","counter":0,"digits":7,"issuerExt":"A","label":"b","period":30,"secret":[1,2,3,4,5,6,7,8,9,10],"type":"TOTP"}</string><string name="tokenOrder">["A:b"]</string></map>`
	for _, tc := range []struct {
		data string
		plus bool
	}{{testPrefs, false}, {seven, true}} {
		if got := Importer.Detect([]byte(tc.data)); got == tc.plus {
			t.Errorf("FreeOTP Detect = %v", got)
		}
		if got := freeotpplus.Importer.Detect([]byte(tc.data)); got != tc.plus {
			t.Errorf("FreeOTP+ Detect = %v", got)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, bad := range []string{
		"", "{}", "<map></map>", `<map><string name="tokenOrder">{}</string></map>`,
		`<map><int name="tokenOrder" value="1"/></map>`,
		"\xac\xed\x00\x05\x74\x00\x01a", // a string, not a map
	} {
		if Importer.Detect([]byte(bad)) {
			t.Errorf("Detect(%q) = true", bad)
		}
	}
	if !Importer.Encrypted(vector(t, "backup.ser")) || Importer.Encrypted([]byte(testPrefs)) {
		t.Error("Encrypted is wrong")
	}
}

func TestNoSecretInSkips(t *testing.T) {
	for _, data := range [][]byte{[]byte(testPrefs), vector(t, "backup.ser")} {
		res, err := (imp{limits: testLimits}).Import(data, []byte("test"))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Skipped {
			if msg := s.String(); strings.Contains(msg, "JBSWY3DP") || strings.Contains(msg, "72,101") {
				t.Errorf("skip shows the secret: %s", msg)
			}
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-freeotp.xml", "aegis-importers-freeotp_v2_api23.xml", "aegis-importers-freeotp_v2_null_algo.xml")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(testPrefs))
	f.Add(vector(f, "backup.ser"))
	f.Add(vector(f, "sha1_bare.ser"))
	f.Add(vector(f, "repeated.ser"))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, imp{limits: testLimits}, data)
	})
}
