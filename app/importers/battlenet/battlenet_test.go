package battlenet

import (
	"encoding/hex"
	"strings"
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

// masked masks s as the app does.
func masked(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] ^= mask[i%len(mask)]
	}
	return hex.EncodeToString(b)
}

func file(secret, serial, encryption string) string {
	s := "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n"
	if encryption != "" {
		s += `    <string name="` + encryptionKey + `">` + encryption + "</string>\n"
	}
	s += `    <string name="` + secretKey + `">` + secret + "</string>\n"
	if serial != "" {
		s += `    <string name="` + serialKey + `">` + serial + "</string>\n"
	}
	s += `    <string name="com.blizzard.messenger.AUTHENTICATOR_BGS_REGION_CODE">EU</string>` + "\n</map>\n"
	return s
}

// The secret of JBSWY3DPEHPK3PXP, in hex, as the app stores it.
var hello = hex.EncodeToString([]byte("Hello!\xde\xad\xbe\xef"))

func TestImport(t *testing.T) {
	want := "otpauth://totp/Battle.net:EU-1234-5678-9012?secret=JBSWY3DPEHPK3PXP&issuer=Battle.net&algorithm=SHA1&digits=8&period=30"
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "masked", Data: file(masked(hello), masked("EU-1234-5678-9012"), "MASK"), Accounts: []string{want}},
		{Name: "no encryption type", Data: file(masked(hello), masked("EU-1234-5678-9012"), ""), Accounts: []string{want}},
		{Name: "no serial", Data: file(masked(hello), "", "MASK"),
			Accounts: []string{"otpauth://totp/Battle.net:?secret=JBSWY3DPEHPK3PXP&issuer=Battle.net&algorithm=SHA1&digits=8&period=30"}},
		{Name: "serial not text", Data: file(masked(hello), masked("\x00\x01"), "MASK"),
			Accounts: []string{"otpauth://totp/Battle.net:?secret=JBSWY3DPEHPK3PXP&issuer=Battle.net&algorithm=SHA1&digits=8&period=30"}},
		{Name: "another encryption", Data: file("00", "", "KEYSTORE"), Err: importer.ErrUnsupported},
		{Name: "secret not hex", Data: file("xyz", masked("EU-1"), "MASK"), Skipped: []error{importer.ErrCorrupt}},
		{Name: "secret too long", Data: file(masked(strings.Repeat("00", 30)), masked("EU-1"), "MASK"), Skipped: []error{importer.ErrCorrupt}},
		{Name: "secret unmasks to no hex", Data: file(masked("not hex at all"), masked("EU-1"), "MASK"), Skipped: []error{otpauth.ErrSecret}},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       bool
	}{
		{"file", file("00", "", "MASK"), true},
		{"no secret", "<map><string name=\"" + serialKey + "\">00</string></map>", false},
		{"text", secretKey, false},
		{"other preferences", `<map><string name="com.blizzard.messenger.OTHER">` + secretKey + `</string></map>`, false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-importers-battle_net_authenticator.xml")
	f.Add([]byte(file(masked(hello), masked("EU-1234-5678-9012"), "MASK")))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
