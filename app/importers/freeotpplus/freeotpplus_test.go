package freeotpplus

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// The secret of every token is "Hello!\xde\xad\xbe\xef" (JBSWY3DPEHPK3PXP),
// written as Java's signed bytes.
const testBackup = `{"tokenOrder":["GitHub:alice"],"tokens":[
 {"algo":"SHA256","counter":0,"digits":8,"issuerExt":"GitHub","issuerInt":"GitHub","label":"alice","period":60,"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"},
 {"algo":"SHA1","counter":6,"digits":6,"issuerExt":"","issuerInt":"Bank","issuerAlt":"My bank","label":"bob","labelAlt":"Bob","period":30,"secret":[72,101,108,108,111,33,222,173,190,239],"type":"HOTP"},
 {"algo":"SHA1","counter":0,"digits":5,"issuerExt":"Steam","label":"carol","period":30,"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"},
 {"algo":"MD5","counter":0,"digits":6,"issuerExt":"X","label":"md5","period":30,"secret":[1,2,3],"type":"TOTP"},
 {"algo":"SHA1","counter":0,"digits":6,"issuerExt":"X","label":"range","period":30,"secret":[1,2,300],"type":"TOTP"},
 {"algo":"SHA1","counter":-1,"digits":6,"issuerExt":"X","label":"fresh","period":30,"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"HOTP"},
 {"algo":"SHA1","digits":6,"issuerExt":"X","label":"type","period":30,"secret":[1],"type":"MOTP"}
]}`

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60",
	"otpauth://hotp/My%20bank:Bob?secret=JBSWY3DPEHPK3PXP&issuer=My%20bank&algorithm=SHA1&digits=6&counter=7",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://hotp/X:fresh?secret=JBSWY3DPEHPK3PXP&issuer=X&algorithm=SHA1&digits=6&counter=0",
}

// testPrefs is FreeOTP+'s preferences file: a 7-digit token makes it
// FreeOTP+'s rather than FreeOTP 1's.
const testPrefs = `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="Bank:bob">{&quot;algo&quot;:&quot;SHA256&quot;,&quot;counter&quot;:49,&quot;digits&quot;:7,&quot;issuerExt&quot;:&quot;Bank&quot;,&quot;issuerInt&quot;:&quot;Bank&quot;,&quot;label&quot;:&quot;bob&quot;,&quot;period&quot;:30,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;HOTP&quot;}</string>
    <string name="X:odd">{&quot;algo&quot;:&quot;SHA1&quot;,&quot;digits&quot;:6,&quot;issuerExt&quot;:&quot;X&quot;,&quot;label&quot;:&quot;odd&quot;,&quot;period&quot;:30,&quot;secret&quot;:[1],&quot;type&quot;:&quot;MOTP&quot;}</string>
    <string name="GitHub:alice">{&quot;algo&quot;:&quot;SHA1&quot;,&quot;counter&quot;:0,&quot;digits&quot;:7,&quot;issuerExt&quot;:&quot;GitHub&quot;,&quot;issuerInt&quot;:&quot;GitHub&quot;,&quot;label&quot;:&quot;alice&quot;,&quot;period&quot;:20,&quot;secret&quot;:[72,101,108,108,111,33,-34,-83,-66,-17],&quot;type&quot;:&quot;TOTP&quot;}</string>
    <string name="tokenOrder">[&quot;GitHub:alice&quot;,&quot;Bank:bob&quot;,&quot;X:odd&quot;]</string>
</map>
`

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "backup", Data: testBackup, Accounts: accounts,
			Skipped: []error{importer.ErrUnsupported, otpauth.ErrSecret, importer.ErrUnsupported}, Index: []int{3, 4, 6}},
		// The order of tokenOrder; the HOTP counter corrected.
		{Name: "preferences", Data: testPrefs, Accounts: []string{
			"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=7&period=20",
			"otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA256&digits=7&counter=50",
		}, Skipped: []error{importer.ErrUnsupported}, Index: []int{2}},
		{Name: "tokens not a list", Data: `{"tokenOrder":[],"tokens":{}}`, Err: importer.ErrCorrupt},
	})
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-freeotp_plus.json", "aegis-importers-freeotp_plus_internal.xml")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(testBackup))
	f.Add([]byte(testPrefs))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
