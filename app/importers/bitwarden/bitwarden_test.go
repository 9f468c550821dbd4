package bitwarden

import (
	"testing"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/importtest"
	"twofold.app/app/otpauth"
)

const jsonExport = `{"encrypted":false,"folders":[{"id":"f1","name":"Work"}],"items":[
 {"type":1,"name":"GitHub","folderId":"f1","notes":"main","login":{"username":"alice","totp":"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60"}},
 {"type":2,"name":"A secure note","notes":"no login"},
 {"type":1,"name":"Bank","login":{"username":"bob","totp":"jbsw y3dp ehpk 3pxp"}},
 {"type":1,"name":"Steam","login":{"username":"carol","totp":"steam://JBSWY3DPEHPK3PXP"}},
 {"type":1,"name":"No issuer in the URI","login":{"username":"dave","totp":"otpauth://totp/dave?secret=JBSWY3DPEHPK3PXP"}},
 {"type":1,"name":"Password only","login":{"username":"erin","password":"x","totp":null}},
 {"type":1,"name":"Broken","login":{"username":"frank","totp":"otpauth://totp/x?secret=1"}},
 {"type":1,"name":"Broken steam","login":{"username":"gina","totp":"steam://"}}
]}`

var accounts = []string{
	"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60 group=Work note=main",
	"otpauth://totp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&period=30",
	"otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30",
	"otpauth://totp/No%20issuer%20in%20the%20URI:dave?secret=JBSWY3DPEHPK3PXP&issuer=No%20issuer%20in%20the%20URI&algorithm=SHA1&digits=6&period=30",
}

const csvExport = "\ufefffolder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\n" +
	`Work,,login,GitHub,main,,,alice,,otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60` + "\n" +
	`,,note,A secure note,"no login, with a comma",,,,,` + "\n" +
	`,,login,Bank,,,,bob,,jbsw y3dp ehpk 3pxp` + "\r\n" +
	`,,login,Steam,,,,carol,,steam://JBSWY3DPEHPK3PXP` + "\n" +
	`,,login,"No issuer in the URI",,,,dave,,otpauth://totp/dave?secret=JBSWY3DPEHPK3PXP` + "\n" +
	`,,login,Password only,,,,erin,x,` + "\n" +
	`,,login,Broken,,,,frank,,otpauth://totp/x?secret=1` + "\n" +
	`,,login,Broken steam,,,,gina,,steam://` + "\n"

func TestImport(t *testing.T) {
	importtest.Run(t, Importer, []importtest.Case{
		{Name: "JSON", Data: jsonExport, Accounts: accounts, Skipped: []error{otpauth.ErrSecret, otpauth.ErrSecret}, Index: []int{6, 7}},
		{Name: "CSV", Data: csvExport, Accounts: accounts, Skipped: []error{otpauth.ErrSecret, otpauth.ErrSecret}, Index: []int{6, 7}},
		{Name: "password protected", Data: `{"encrypted":true,"passwordProtected":true,"items":[]}`, Err: importer.ErrUnsupported},
		{Name: "stray quote", Data: "name,login_totp\nGood,JBSWY3DPEHPK3PXP\n\"a,b\n",
			Accounts: []string{"otpauth://totp/Good:?secret=JBSWY3DPEHPK3PXP&issuer=Good&algorithm=SHA1&digits=6&period=30"}},
	})
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{`{"items":[]}`, false},
		{"name,secret,issuer\nx,y,z\n", false},
		{"name,login_totp\n", true},
		{"\x00name,login_totp\n", false},
	} {
		if got := Importer.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	importtest.Seed(f, "aegis-testdata-bitwarden.json", "aegis-testdata-bitwarden.csv")
	importtest.SeedVariants(f, Name)
	f.Add([]byte(jsonExport))
	f.Add([]byte(csvExport))
	f.Fuzz(func(t *testing.T, data []byte) {
		importtest.Fuzz(t, Importer, data)
	})
}
