package importtest

import (
	"strings"
	"testing"
)

// Variant is a small hand-written export that shows ways real exports
// vary: fields missing or null, secrets in lower case, padded or of an odd
// length, labels split or edited, Steam keys written as TOTP, text with a
// BOM and CRLF, migration data in every base64 spelling. The table test in
// package importers says what each must give, and the fuzz targets start
// from them.
type Variant struct {
	Name string
	App  string // the name of the importer that must claim it
	Data string
}

// SeedVariants adds the variants of app to a fuzz target's corpus.
func SeedVariants(f *testing.F, app string) {
	n := 0
	for _, v := range Variants {
		if v.App == app {
			f.Add([]byte(v.Data))
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no variants of %s", app)
	}
}

// The migration payload of the variants: GitHub:alice (TOTP, the name
// holding a copy of the issuer, as Google Authenticator stores it) and bob
// (HOTP without a counter, secret 7P77R7X7, no issuer), batch of 1.
const (
	migrationStd    = "CigKCkhlbGxvId6tvu8SDEdpdEh1YjphbGljZRoGR2l0SHViIAEoATACChQKBfv/+P7/EgNib2IaACABKAEwARABGAEgACisAg=="
	migrationURLRaw = "CigKCkhlbGxvId6tvu8SDEdpdEh1YjphbGljZRoGR2l0SHViIAEoATACChQKBfv_-P7_EgNib2IaACABKAEwARABGAEgACisAg"
	migrationPct    = "CigKCkhlbGxvId6tvu8SDEdpdEh1YjphbGljZRoGR2l0SHViIAEoATACChQKBfv%2F%2BP7%2FEgNib2IaACABKAEwARABGAEgACisAg%3D%3D"
)

// Variants are the variants of every importer, grouped by app.
var Variants = []Variant{
	// otpauth URI lists.
	{"uri: secrets lower case, padded, %3D, spaced, odd length", "otpauth URI list",
		"otpauth://totp/A:a?secret=jbswy3dpehpk3pxp&issuer=A\n" +
			"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP%3D%3D%3D%3D&issuer=A\n" +
			"otpauth://totp/A:c?secret=JBSW+Y3DP%20EHPK-3PXP&issuer=A\n" +
			"otpauth://totp/A:d?secret=JBSWY3DPEHPK3PXPA&issuer=A\n" +
			"otpauth://totp/A:e?secret=JBSWY3DPEHPK3PX1&issuer=A\n"},
	{"uri: labels", "otpauth URI list",
		"otpauth://totp/Work:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n" + // they differ: the parameter wins
			"otpauth://totp/GitHub:%20alice?secret=JBSWY3DPEHPK3PXP\n" + // "Issuer: Name"
			"otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=\n" + // empty issuer
			"otpauth://totp/GitHub:?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n" + // no name
			"otpauth://totp/?secret=JBSWY3DPEHPK3PXP\n" + // nothing: a placeholder
			"otpauth://totp/Air+Canada:bob?secret=JBSWY3DPEHPK3PXP&issuer=Air+Canada\n" +
			"otpauth://totp/50%off:x?secret=JBSWY3DPEHPK3PXP\n"}, // bad escape, taken as written
	{"uri: steam and hotp", "otpauth URI list",
		"otpauth://steam/Steam:a?secret=JBSWY3DPEHPK3PXP\n" +
			"otpauth://totp/Steam:b?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam\n" +
			"otpauth://totp/Steam:c?secret=JBSWY3DPEHPK3PXP&issuer=Steam&digits=5\n" +
			"otpauth://steam/Boeing:d?secret=JBSWY3DPEHPK3PXP&issuer=Boeing&algorithm=SHA1&digits=5&period=30\n" +
			"otpauth://hotp/H:e?secret=JBSWY3DPEHPK3PXP&issuer=H\n" +
			"otpauth://totp/X:f?secret=JBSWY3DPEHPK3PXP&issuer=X&digits=5\n"},
	{"uri: BOM, CRLF, blank lines, trailing spaces, comments, junk", "otpauth URI list",
		"\ufeff# my codes\r\n\r\n  otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A   \r\n\t\r\nnot a uri\r\n" +
			"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A \t"},
	{"uri: copied from a web page, files joined", "otpauth URI list",
		"otpauth://totp/A:a?secret=JBSW%E2%80%8BY3DP%C2%A0EHPK3PXP&issuer=A\n" +
			"\ufeffotpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\u200b&issuer=A\n"},
	{"uri: saved as Windows-1252, not UTF-8", "otpauth URI list",
		"otpauth://totp/Caf\xe9:b?secret=JBSWY3DPEHPK3PXP&issuer=Caf\xe9\r\n"},
	{"uri: a migration URI among them", "otpauth URI list",
		"otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A\notpauth-migration://offline?data=" + migrationPct + "\n"},
	// Google Authenticator migration URIs.
	{"migration: standard, padded", "Google Authenticator",
		"otpauth-migration://offline?data=" + migrationStd},
	{"migration: standard, unpadded", "Google Authenticator",
		"otpauth-migration://offline?data=" + strings.TrimRight(migrationStd, "=")},
	{"migration: URL-safe, unpadded", "Google Authenticator",
		"otpauth-migration://offline?data=" + migrationURLRaw},
	{"migration: URL-safe, padded", "Google Authenticator",
		"otpauth-migration://offline?data=" + migrationURLRaw + "=="},
	{"migration: percent-encoded", "Google Authenticator",
		"otpauth-migration://offline?data=" + migrationPct},
	{"migration: '+' read as a space, CRLF, BOM", "Google Authenticator",
		"\ufeffotpauth-migration://offline?data=" + strings.ReplaceAll(migrationStd, "+", " ") + "\r\n"},
	{"migration: upper-case scheme and host, data in a query among others", "Google Authenticator",
		"OTPAUTH-MIGRATION://OFFLINE?x=1&data=" + migrationPct + "&y=2"},
	{"migration: broken data is reported", "Google Authenticator",
		"otpauth-migration://offline?data=" + migrationStd[:20]},
	// Ente Auth.
	{"ente: lower-case secret, no or broken codeDisplay, trashed", "Ente Auth",
		"otpauth://totp/A:a?secret=jbswy3dpehpk3pxp&issuer=A&codeDisplay=%7B%22tags%22%3A%5B%22T%22%5D%2C%22note%22%3Anull%7D\r\n" +
			"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A&codeDisplay=broken\r\n" +
			"otpauth://totp/A:c?secret=JBSWY3DPEHPK3PXP&issuer=A&codeDisplay=%7B%22trashed%22%3Atrue%7D\r\n" +
			"otpauth://hotp/A:d?secret=JBSWY3DPEHPK3PXP&issuer=A&codeDisplay=null\r\n"},
	// Aegis.
	{"aegis: fields missing or null", "Aegis",
		`{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[
 {"type":"totp","name":"a","issuer":"A","info":{"secret":"jbsw y3dp ehpk 3pxp"}},
 {"type":"TOTP","name":"A:b","issuer":"A","note":null,"group":null,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":null,"digits":null,"period":null}},
 {"type":"hotp","name":null,"issuer":"A","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6}},
 {"type":"totp","name":"","issuer":"","info":{"secret":"JBSWY3DPEHPK3PXP"}},
 {"type":"steam","name":"c","issuer":"Steam","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":5,"period":30}},
 {"type":"totp","name":"d","issuer":"Steam","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":5,"period":30}},
 {"type":"motp","name":"e","issuer":"M","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5","digits":6,"period":10}},
 {"type":"totp","name":"f","issuer":"A","info":null},
 null
]}}`},
	// andOTP.
	{"andotp: fields missing, old labels", "andOTP",
		`[{"secret":"jbswy3dpehpk3pxp","label":"a","issuer":"A","type":"totp"},
 {"secret":"JBSWY3DPEHPK3PXP","label":"A - A:b","type":"TOTP","digits":null,"period":null,"algorithm":null,"tags":null},
 {"secret":"JBSWY3DPEHPK3PXP","label":"A: c","type":"TOTP"},
 {"secret":"JBSWY3DPEHPK3PXP","label":"d","issuer":"A","type":"HOTP"},
 {"secret":"JBSWY3DPEHPK3PXP","label":"e","issuer":"Steam","type":"TOTP","digits":5},
 {"secret":"JBSWY3DPEHPK3PXP","label":"","issuer":null,"type":"TOTP"}]`},
	// Bitwarden.
	{"bitwarden json: bare secrets, empty issuer, null and broken items", "Bitwarden",
		`{"encrypted":false,"folders":null,"items":[
 {"type":1,"name":"A","login":{"username":"a","totp":" jbsw y3dp ehpk 3pxp "}},
 {"type":1,"name":"B","login":{"username":"b","totp":"otpauth://totp/b?secret=JBSWY3DPEHPK3PXP&issuer="}},
 {"type":1,"name":"C","login":{"username":null,"totp":"steam://JBSWY3DPEHPK3PXP"}},
 {"type":1,"name":"D","login":{"username":"d","totp":null}},
 {"type":2,"name":"a note"},
 {"type":1,"name":"E","login":{"username":"e","totp":12345678}},
 {"type":1,"name":"","login":{"username":"","totp":"JBSWY3DPEHPK3PXP"}}
]}`},
	{"bitwarden csv: BOM, CRLF, blank lines, more and fewer cells than the header", "Bitwarden",
		"\ufefffolder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\r\n" +
			",,login,A,,,,a,,JBSWY3DPEHPK3PXP,extra,cells\r\n" +
			"\r\n" +
			",,login,B,,,,b\r\n" +
			"F,,login,C,\"multi\r\nline\",,,c,,otpauth://totp/C:c?secret=jbswy3dpehpk3pxp&issuer=C\r\n"},
	// FreeOTP+.
	{"freeotp+: edited names win, fields missing", "FreeOTP+",
		`{"tokenOrder":[],"tokens":[
 {"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"issuerExt":"A","issuerAlt":"Edited","label":"a","labelAlt":"mine","type":"TOTP"},
 {"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"issuerExt":"A","label":"b","type":"HOTP","algo":null,"digits":null,"period":null},
 {"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"issuerInt":"Steam","label":"c","type":"TOTP","digits":5,"period":30}
]}`},
	// Proton Authenticator.
	{"proton: the edited name wins, no issuer", "Proton Authenticator",
		`{"version":1,"entries":[
 {"content":{"uri":"otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A","name":"renamed","entry_type":"Totp"},"note":null},
 {"content":{"uri":"otpauth://totp/b?secret=jbswy3dpehpk3pxp","name":null,"entry_type":"Totp"}},
 {"content":{"uri":"steam://JBSWY3DPEHPK3PXP","name":"c","entry_type":"Steam"}},
 {"content":{"uri":null,"name":"d"}}
]}`},
	// Steam maFiles.
	{"steam: URL-safe unpadded secret, no account name", "Steam Guard",
		`{"shared_secret":" SGVsbG8h3q2-7w ","account_name":null}`},
	// Stratum.
	{"stratum: fields missing or null", "Stratum",
		`{"Authenticators":[
 {"Type":2,"Issuer":"A","Username":null,"Secret":"jbswy3dpehpk3pxp"},
 {"Type":1,"Issuer":"A","Username":"b","Secret":"JBSWY3DPEHPK3PXP","Digits":null,"Period":null,"Counter":null},
 {"Type":4,"Issuer":"Steam","Username":"c","Secret":"JBSWY3DPEHPK3PXP","Digits":5},
 {"Type":2,"Issuer":"","Username":"","Secret":"JBSWY3DPEHPK3PXP"},
 {"Type":3,"Issuer":"M","Username":"m","Secret":"JBSWY3DPEHPK3PXP"}
],"Categories":null,"AuthenticatorCategories":null}`},
	// 2FAS.
	{"2fas: label without account, fields missing, renamed service", "2FAS",
		`{"schemaVersion":4,"services":[
 {"name":"A","secret":"jbswy3dpehpk3pxp","otp":{"label":"A:a"}},
 {"name":"","secret":"JBSWY3DPEHPK3PXP","otp":{"issuer":"B","account":"b","tokenType":"hotp","digits":null}},
 {"name":"Steam","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"c","tokenType":"STEAM"}},
 {"name":"D","secret":"JBSWY3DPEHPK3PXPA","otp":null},
 {"name":"Renamed","secret":"JBSWY3DPEHPK3PXP","otp":{"issuer":"Original","account":"e","label":"Original:e"}},
 {"name":"","secret":"JBSWY3DPEHPK3PXP","otp":{"label":"F:f"}}
],"groups":null}`},
	// Authy's preferences.
	{"authy: names as Authy keeps them, fields missing", "Authy",
		`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="com.authy.storage.tokens.authenticator.key">[
 {"accountType":"authenticator","decryptedSecret":"jbsw y3dp ehpk 3pxp","digits":null,"originalName":"A: a","name":"A"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","originalIssuer":"GitHub","originalName":"Work:alice","name":"GitHub: alice"},
 {"accountType":"google","decryptedSecret":"JBSWY3DPEHPK3PXP","name":"bob@gmail.com"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":5,"originalIssuer":"Steam","name":"Steam - gabe"},
 {"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","name":""},
 {"accountType":"authenticator","name":"no secret"}
]</string>
</map>
`},
	// Duo Mobile.
	{"duo: a name with a colon, counters missing or null, push only", "Duo Mobile",
		`[{"accountType":"OtpAccount","name":" GitHub: alice ","otpGenerator":{"otpSecret":"jbswy3dpehpk3pxp","counter":null},"pkey":"1"},
 {"accountType":"OtpAccount","name":"b","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP","counter":0},"pkey":"2"},
 {"accountType":"OtpAccount","name":"","otpGenerator":{"otpSecret":"JBSW Y3DP EHPK 3PXP"},"pkey":"3"},
 {"accountType":"DuoAccount","name":"push","pkey":"4"}]`},
	// FreeOTP 1's preferences.
	{"freeotp: fields missing, label with the issuer, Steam prefix", "FreeOTP",
		`<map>
 <string name="A:a">{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"A","label":" a","period":30,"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"}</string>
 <string name="B:b">{"issuerInt":"B","label":"B: b","secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"totp"}</string>
 <string name="C:c">{"counter":-1,"issuerExt":"C","label":"c","secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"HOTP"}</string>
 <string name="Steam:d">{"issuerExt":"Steam","label":"d","secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"}</string>
 <string name=":e">{"label":"","secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"}</string>
 <string name="tokenOrder">["A:a","B:b","C:c","Steam:d",":e"]</string>
</map>`},
	// LastPass Authenticator.
	{"lastpass: originals, escapes, fields missing or null", "LastPass Authenticator",
		`{"version":3,"localDeviceId":"x","deviceSecret":null,"accounts":[
 {"issuerName":"","originalIssuerName":"A","userName":"A: a","originalUserName":"","secret":"jbswy3dpehpk3pxp","timeStep":null,"digits":null,"algorithm":null},
 {"issuerName":"B","userName":"b%40example.com","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":6,"algorithm":"SHA1","folderData":{"folderId":7,"position":0}},
 {"issuerName":"Steam","userName":"c","secret":"JBSWY3DPEHPK3PXP","timeStep":30,"digits":5,"algorithm":"SHA1","folderData":{"folderId":0}},
 {"issuerName":"","userName":"","secret":"JBSWY3DPEHPK3PXPA","timeStep":30,"digits":6,"algorithm":"SHA1"}
],"folders":[{"id":7,"name":"Home","isOpened":true},null]}`},
	// Stratum's HTML backup.
	{"stratum html: issuer alone, Steam issuer, escaped and empty parameters", "Stratum",
		"<!doctype html><html><head><title>Stratum Backup</title></head><body><table>\r\n" +
			"<tr><td><code>otpauth://totp/A%3Aa?secret=jbswy3dpehpk3pxp&amp;issuer=A</code></td></tr>\r\n" +
			"<tr><td><code>otpauth://totp/B?secret=JBSWY3DPEHPK3PXP&issuer=B</code></td></tr>\r\n" +
			"<tr><td><code>otpauth://totp/Steam%3Ac?secret=JBSWY3DPEHPK3PXP&issuer=Steam</code></td></tr>\r\n" +
			"<tr><td><code>otpauth://hotp/D%3Ad?secret=JBSWY3DPEHPK3PXP&issuer=D&counter=</code></td></tr>\r\n" +
			"<tr><td><code>otpauth://yaotp/Y%3Ay?secret=JBSWY3DPEHPK3PXP&issuer=Y</code></td></tr>\r\n" +
			"</table></body></html>\r\n"},
	// TOTP Authenticator's preferences.
	{"totp authenticator: bases, numbers as strings, fields missing", "TOTP Authenticator",
		`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="STATIC_TOTP_CODES_LIST">[
 {"base":32,"issuer":"A","key":"jbswy3dpehpk3pxp","name":"a"},
 {"base":"16","digits":"","period":null,"issuer":"A","key":"48656c6c6f21deadbeef","name":"A: b"},
 "{\"base\":64,\"issuer\":\"Steam\",\"key\":\"SGVsbG8h3q2+7w==\",\"name\":\"c\",\"digits\":\"5\"}",
 {"base":32,"issuer":"","key":"JBSWY3DPEHPK3PXP","name":""},
 {"base":10,"issuer":"X","key":"1","name":"x"}
]</string>
</map>
`},
	// WinAuth.
	{"winauth: skins, Steam and Battle.net extras, CRLF", "WinAuth",
		"otpauth://totp/A:a?secret=jbswy3dpehpk3pxp&digits=6&issuer=A&icon=Google\r\n" +
			"otpauth://totp/Steam%20:%20b?secret=JBSWY3DPEHPK3PXP&digits=5&deviceid=android%3A1&data=%7B%7D\r\n" +
			"otpauth://totp/BattleNet:c?secret=JBSWY3DPEHPK3PXP&digits=8&issuer=BattleNet&serial=us-1234-5678-9012\r\n" +
			"otpauth://hotp/D:d?secret=JBSWY3DPEHPK3PXP&digits=6&issuer=D&counter=&icon=x\r\n"},
}
