package importer

import (
	"bytes"
	"errors"
	"testing"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
)

func TestSplitLabel(t *testing.T) {
	for _, tc := range []struct {
		label, issuer string
		want          [2]string
	}{
		{"GitHub:alice", "", [2]string{"GitHub", "alice"}},
		{"GitHub: alice", "", [2]string{"GitHub", "alice"}},      // a space after the colon: still split
		{" GitHub : alice ", "", [2]string{"GitHub", "alice"}},   // white space around both parts
		{"alice", "", [2]string{"", "alice"}},                    // no colon: a name
		{"alice", "GitHub", [2]string{"GitHub", "alice"}},        // the issuer from the parameter
		{"GitHub:alice", "GitHub", [2]string{"GitHub", "alice"}}, // both, the same
		{"github:alice", "GitHub", [2]string{"GitHub", "alice"}}, // case differs
		{"Air+Canada:bob", "Air Canada", [2]string{"Air Canada", "bob"}},
		{"Work:alice", "GitHub", [2]string{"GitHub", "alice"}},         // they differ: the parameter wins
		{"a:b:c", "", [2]string{"a", "b:c"}},                           // the first colon splits
		{"Corp: EU:alice", "Corp: EU", [2]string{"Corp: EU", "alice"}}, // an issuer with a colon
		{":alice", "", [2]string{"", "alice"}},
		{":alice", "GitHub", [2]string{"GitHub", "alice"}},
		{"GitHub:", "", [2]string{"GitHub", ""}},
		{"", "GitHub", [2]string{"GitHub", ""}},
		{"", " ", [2]string{"", ""}},
		{"alice", "  ", [2]string{"", "alice"}}, // an empty issuer is none
	} {
		i, n := SplitLabel(tc.label, tc.issuer)
		if [2]string{i, n} != tc.want {
			t.Errorf("SplitLabel(%q, %q) = %q, %q; want %q", tc.label, tc.issuer, i, n, tc.want)
		}
	}
}

func TestSplitName(t *testing.T) {
	for _, tc := range []struct {
		issuer, name string
		want         [2]string
	}{
		{"GitHub", "alice", [2]string{"GitHub", "alice"}},
		{"GitHub", "GitHub:alice", [2]string{"GitHub", "alice"}}, // Google Authenticator's copy of the label
		{"GitHub", "github : alice", [2]string{"GitHub", "alice"}},
		{"GitHub", "Work:alice", [2]string{"GitHub", "Work:alice"}}, // a name of its own: whole
		{"", "encoding: (demo)", [2]string{"", "encoding: (demo)"}}, // no issuer: not split
		{" Deno ", " Mason\t", [2]string{"Deno", "Mason"}},
		{"Deno", "Deno:", [2]string{"Deno", ""}},
	} {
		i, n := SplitName(tc.issuer, tc.name)
		if [2]string{i, n} != tc.want {
			t.Errorf("SplitName(%q, %q) = %q, %q; want %q", tc.issuer, tc.name, i, n, tc.want)
		}
	}
}

func TestBase32Lenient(t *testing.T) {
	// A length base32 cannot have: the bits of the last character that
	// make no whole byte are left out, as bit-by-bit decoders do.
	for _, s := range []string{"JBSWY3DPEHPK3PXPA", "jbswy3dpehpk3pxp7", "JBSW Y3DP EHPK 3PXP Q===", "JBSW\u200bY3DPEHPK3PXP\ufeff"} {
		got, err := Base32(s)
		if err != nil || !bytes.Equal(got, hello) {
			t.Errorf("Base32(%q) = %x, %v; want %x", s, got, err, hello)
		}
	}
	if got, err := Base32("JBSWY3DPEHPK3P"); err != nil || !bytes.Equal(got, hello[:8]) {
		t.Errorf("Base32 of 14 characters = %x, %v", got, err)
	}
	for _, s := range []string{"A", "JBSWY3DPEHPK3PX1", "JBSW=Y3DP"} {
		if _, err := Base32(s); !errors.Is(err, otpauth.ErrSecret) {
			t.Errorf("Base32(%q) error = %v", s, err)
		}
	}
}

func TestURILenient(t *testing.T) {
	const secret = "secret=JBSWY3DPEHPK3PXP"
	for _, tc := range []struct {
		uri    string
		issuer string
		name   string
		typ    otp.Type
		digits int
		err    error
	}{
		{uri: "otpauth://totp/Work:alice?" + secret + "&issuer=GitHub", issuer: "GitHub", name: "alice"},
		{uri: "otpauth://totp/GitHub:%20alice%20?" + secret, issuer: "GitHub", name: "alice"},
		{uri: "otpauth://totp/alice?" + secret + "&issuer=", name: "alice"},
		{uri: "otpauth://totp/alice?" + secret + "&issuer=A&issuer=B", issuer: "A", name: "alice"},
		{uri: "otpauth://totp/100%25?" + secret, name: "100%"},
		{uri: "otpauth://totp/50%off?" + secret, name: "50%off"},
		{uri: "otpauth://totp/?" + secret},
		{uri: "otpauth://totp?" + secret},
		{uri: "otpauth://totp/x?secret=jbswy3dpehpk3pxp%3D%3D%3D%3D", name: "x"},
		{uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXPA", name: "x"},
		{uri: "otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP", name: "x"},
		{uri: " otpauth://totp/x?" + secret + " ", name: "x"},
		{uri: "otpauth://hotp/x?" + secret, name: "x", typ: otp.HOTP},
		{uri: "otpauth://totp/x?" + secret + "&algorithm=&digits=&period=&counter=", name: "x"},
		{uri: "otpauth://steam/Steam:x?" + secret, issuer: "Steam", name: "x", typ: otp.Steam, digits: 5},
		{uri: "otpauth://totp/Steam:x?" + secret + "&issuer=Steam&encoder=steam", issuer: "Steam", name: "x", typ: otp.Steam, digits: 5},
		{uri: "otpauth://totp/Steam:x?" + secret + "&digits=5&issuer=Steam", issuer: "Steam", name: "x", typ: otp.Steam, digits: 5},
		{uri: "otpauth://totp/Steam:x?" + secret + "&digits=5", issuer: "Steam", name: "x", typ: otp.Steam, digits: 5},
		{uri: "otpauth://totp/Other:x?" + secret + "&digits=5", err: otpauth.ErrDigits},
		{uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1", err: otpauth.ErrSecret},
		{uri: "otpauth://totp/x", err: otpauth.ErrSecret},
		{uri: "otpauth://totp/x?" + secret + "&secret=JBSWY3DPEHPK3PXQ", err: otpauth.ErrSecret},
		{uri: "otpauth://motp/x?" + secret, err: otpauth.ErrType},
		{uri: "otpauth-migration://offline?data=AAAA", err: otpauth.ErrMigration},
		{uri: "otpauth:totp/x?" + secret, err: otpauth.ErrScheme},
		{uri: "http://x", err: otpauth.ErrScheme},
	} {
		a, err := URI(tc.uri)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("URI(%q) error = %v, want %v", tc.uri, err, tc.err)
			}
			continue
		}
		typ, digits := tc.typ, tc.digits
		if typ == 0 {
			typ = otp.TOTP
		}
		if digits == 0 {
			digits = 6
		}
		if err != nil || a.Issuer != tc.issuer || a.Name != tc.name || a.Type != typ || a.Digits != digits || !bytes.Equal(a.Secret, hello) {
			t.Errorf("URI(%q) = %q %q %v %d, %v; want %q %q %v %d", tc.uri, a.Issuer, a.Name, a.Type, a.Digits, err, tc.issuer, tc.name, typ, digits)
		}
	}
}
