package ente

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

func withDisplay(json string) string { return "&codeDisplay=" + url.QueryEscape(json) }

var export = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60" +
	withDisplay(`{"pinned":false,"trashed":false,"tags":["Work","Code"],"note":"main account"}`) + "\n" +
	"otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&counter=7&period=30" + withDisplay(`{"trashed":true}`) + "\n" +
	"\n" +
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam" + withDisplay(`not json`) + "\n" +
	"otpauth://totp/x?secret=1" + withDisplay(`{}`) + "\n" +
	"garbage\n" +
	"otpauth://hotp/Bank:dave?secret=JBSWY3DPEHPK3PXP&issuer=Bank&counter=3" + withDisplay(`{"tags":"not a list"}`) + "\n"

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work note=main account",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://hotp/Bank:dave?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&counter=3",
}

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "export", Data: export, Accounts: accounts, Skipped: []error{ErrTrashed, otpauth.ErrSecret, importer.ErrNotURI}, Index: []int{1, 3, -1}},
	})
}

func vector(t testing.TB, name string) string { return string(importtest.Vector(t, name)) }

// vectorAccounts are the accounts of the testdata exports made by
// make_vectors.py: the seven of aegis-testdata-plain.txt.
var vectorAccounts = []string{
	"otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30 group=Work",
	"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20 note=a note",
	"otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50",
	"otpauth://hotp/Issuu:James?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&algorithm=SHA1&digits=6&counter=1",
	"otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50",
	"otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&algorithm=SHA512&digits=8&counter=10300",
	"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30",
}

// testImp reads the cheap vectors, whose streams are cut in chunks of 64
// bytes of text, and refuses costs beyond theirs, so that fuzzing stays
// fast.
var testImp = imp{limits: limits{maxMemoryKiB: 8, maxPasses: 1}, chunkSize: 64 + streamOverhead}

// edit changes an encrypted export.
func edit(t testing.TB, data string, change func(e *encrypted)) string {
	t.Helper()
	var e encrypted
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		t.Fatal(err)
	}
	change(&e)
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// flipAt returns a change of the ciphertext byte at i (from the end when
// negative).
func flipAt(t testing.TB, i int) func(e *encrypted) {
	return func(e *encrypted) {
		c, err := base64.StdEncoding.DecodeString(e.EncryptedData)
		if err != nil {
			t.Fatal(err)
		}
		if i < 0 {
			i += len(c)
		}
		c[i] ^= 1
		e.EncryptedData = base64.StdEncoding.EncodeToString(c)
	}
}

func TestEncrypted(t *testing.T) {
	// The default importer, at libsodium's interactive cost: wrong
	// password first, then the right one.
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "wrong password", Data: vector(t, "encrypted.json"), Password: "Test", Err: importer.ErrWrongPassword},
		{Name: "right password", Data: vector(t, "encrypted.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "no password", Data: vector(t, "encrypted.json"), Err: importer.ErrPasswordNeeded},
	})
	cheap := vector(t, "cheap.json")
	importtest.Run(t, testImp, []importtest.Case{
		{Name: "cheap", Data: cheap, Password: "test", Accounts: vectorAccounts},
		{Name: "several chunks, a PUSH and a REKEY", Data: vector(t, "multichunk.json"), Password: "test", Accounts: vectorAccounts},
		{Name: "several chunks, wrong password", Data: vector(t, "multichunk.json"), Password: "Test", Err: importer.ErrWrongPassword},
		{Name: "truncated", Data: vector(t, "truncated.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "one chunk, not FINAL", Data: vector(t, "not_final.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "a chunk after FINAL", Data: vector(t, "after_final.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "not text inside", Data: vector(t, "not_text.json"), Password: "test", Err: importer.ErrCorrupt},
		{Name: "tag byte changed", Data: edit(t, cheap, flipAt(t, 0)), Password: "test", Err: importer.ErrCorrupt},
		{Name: "text changed", Data: edit(t, cheap, flipAt(t, 100)), Password: "test", Err: importer.ErrCorrupt},
		{Name: "MAC changed", Data: edit(t, cheap, flipAt(t, -1)), Password: "test", Err: importer.ErrCorrupt},
		{Name: "later chunk changed", Data: edit(t, vector(t, "multichunk.json"), flipAt(t, -30)), Password: "test", Err: importer.ErrCorrupt},
		{Name: "header changed", Data: edit(t, cheap, func(e *encrypted) { e.EncryptionNonce = base64.StdEncoding.EncodeToString(make([]byte, 24)) }),
			Password: "test", Err: importer.ErrCorrupt},
		{Name: "header too short", Data: edit(t, cheap, func(e *encrypted) { e.EncryptionNonce = "AAAA" }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "empty data", Data: edit(t, cheap, func(e *encrypted) { e.EncryptedData = "" }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "version 2", Data: edit(t, cheap, func(e *encrypted) { e.Version = 2 }), Password: "test", Err: importer.ErrUnsupported},
		{Name: "no kdfParams", Data: edit(t, cheap, func(e *encrypted) { e.KDFParams = nil }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "memLimit below libsodium's least", Data: edit(t, cheap, func(e *encrypted) { e.KDFParams.MemLimit = 4096 }), Password: "test", Err: importer.ErrCorrupt},
		{Name: "more memory than allowed", Data: edit(t, cheap, func(e *encrypted) { e.KDFParams.MemLimit = 16 << 10 }), Password: "test", Err: importer.ErrKeyCost},
		{Name: "more passes than allowed", Data: edit(t, cheap, func(e *encrypted) { e.KDFParams.OpsLimit = 2 }), Password: "test", Err: importer.ErrKeyCost},
	})
}

func TestKeyCost(t *testing.T) {
	// Ente's own costs pass the bounds (not derived here: gigabytes).
	for _, c := range [][2]int64{{256 << 20, 16}, {1 << 30, 4}, {512 << 20, 8}} {
		if c[0]/1024 > int64(defaultLimits.maxMemoryKiB) || c[1] > int64(defaultLimits.maxPasses) {
			t.Errorf("Ente's cost %d bytes, %d passes is beyond the default limits", c[0], c[1])
		}
	}
	// A file asking for more memory is refused before any work, and the
	// message says how much it asks and how much is allowed.
	huge := edit(t, vector(t, "cheap.json"), func(e *encrypted) { e.KDFParams.MemLimit = 4 << 30 })
	_, err := Importer.Import([]byte(huge), []byte("test"))
	if !errors.Is(err, importer.ErrKeyCost) || !strings.Contains(err.Error(), "4096 MiB") || !strings.Contains(err.Error(), "1024 MiB") {
		t.Errorf("4 GiB: %v", err)
	}
	// A wrong password, or a changed first chunk: the error wraps both.
	_, err = testImp.Import([]byte(vector(t, "cheap.json")), []byte("wrong"))
	if !errors.Is(err, importer.ErrWrongPassword) || !errors.Is(err, importer.ErrCorrupt) {
		t.Errorf("wrong password: %v", err)
	}
}

func TestDetectEncrypted(t *testing.T) {
	for _, tt := range []struct {
		data              string
		detect, encrypted bool
	}{
		{vector(t, "encrypted.json"), true, true},
		{export, true, false},
		{`{"kdfParams":{},"encryptedData":""}`, false, false},
		{`{"version":1,"salt":"AAAA","content":"AAAA"}`, false, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.detect {
			t.Errorf("Detect(%.40s) = %v", tt.data, got)
		}
		if got := Importer.Encrypted([]byte(tt.data)); got != tt.encrypted {
			t.Errorf("Encrypted(%.40s) = %v", tt.data, got)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-ente_auth.txt")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(export))
	for _, name := range []string{"cheap.json", "multichunk.json", "truncated.json", "after_final.json", "encrypted.json"} {
		f.Add([]byte(vector(f, name)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, testImp, data)
	})
}
