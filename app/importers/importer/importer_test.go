package importer

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/vault"
)

var hello = []byte("Hello!\xde\xad\xbe\xef")

func TestSecrets(t *testing.T) {
	tests := []struct {
		name   string
		decode func(string) ([]byte, error)
		in     string
		want   []byte // nil: an error wrapping otpauth.ErrSecret
	}{
		{"base32", Base32, "JBSWY3DPEHPK3PXP", hello},
		{"base32 padded lower spaced", Base32, "jbsw y3dp ehpk 3pxp====", hello},
		{"base32 bad", Base32, "JBSWY3DPEHPK3PX1", nil},
		{"base64 std", Base64, "SGVsbG8h3q2+7w==", hello},
		{"base64 url unpadded", Base64, "SGVsbG8h3q2-7w", hello},
		{"base64 wrapped", Base64, "SGVsbG8h\n3q2+7w==", hello},
		{"base64 bad", Base64, "SGVsbG8h3q2+7w*=", nil},
		{"base64 empty", Base64, "==", nil},
		{"hex", Hex, "48656C6C6f21 deadbeef", hello},
		{"hex odd", Hex, "486", nil},
		{"hex empty", Hex, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.decode(tt.in)
			if tt.want == nil {
				if !errors.Is(err, otpauth.ErrSecret) {
					t.Fatalf("error = %v, want ErrSecret", err)
				}
				if strings.Contains(err.Error(), tt.in) && tt.in != "" {
					t.Errorf("error quotes the input: %v", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Errorf("= %x, %v; want %x", got, err, tt.want)
			}
		})
	}
}

func TestBytes(t *testing.T) {
	got, err := Bytes([]int{72, 101, 108, 108, 111, 33, -34, -83, -66, 239})
	if err != nil || !bytes.Equal(got, hello) {
		t.Errorf("Bytes = %x, %v", got, err)
	}
	for _, bad := range [][]int{nil, {256}, {-129}} {
		if _, err := Bytes(bad); !errors.Is(err, otpauth.ErrSecret) {
			t.Errorf("Bytes(%v) error = %v", bad, err)
		}
	}
}

func TestAlgorithm(t *testing.T) {
	for in, want := range map[string]otp.Algorithm{"": otp.SHA1, "sha1": otp.SHA1, "SHA-256": otp.SHA256, " SHA512 ": otp.SHA512} {
		if got, err := Algorithm(in); err != nil || got != want {
			t.Errorf("Algorithm(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"MD5", "SHA3"} {
		if _, err := Algorithm(in); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Algorithm(%q) error = %v", in, err)
		}
	}
}

func TestAdd(t *testing.T) {
	var r Result
	key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: hello}
	r.Add(0, vault.Account{ID: "x", Issuer: " A ", Name: " b\t", Group: " g ", Note: "line 1\nline 2\x00", Key: key})
	r.Add(1, vault.Account{Issuer: "", Name: " ", Key: key})
	r.Add(2, vault.Account{Issuer: "A\xff", Name: "c\x07\nd", Key: key})
	bad := key
	bad.Digits = 9
	r.Add(3, vault.Account{Issuer: "A", Name: "d", Key: bad})
	var got []string
	for _, a := range r.Accounts {
		got = append(got, a.Issuer+"|"+a.Name)
	}
	if !slices.Equal(got, []string{"A|b", "|Unnamed account 2", "A\uFFFD|c\uFFFD d"}) {
		t.Fatalf("accounts = %q", got)
	}
	a := r.Accounts[0]
	if a.ID != "" || a.Group != "g" || a.Note != "line 1\nline 2\uFFFD" {
		t.Errorf("account = %+v", a)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Label != "A:d" || !errors.Is(r.Skipped[0].Err, otpauth.ErrDigits) {
		t.Errorf("skipped = %v", r.Skipped)
	}
}

func TestLines(t *testing.T) {
	var got []string
	for n, line := range Lines([]byte("\ufeff# c\r\n a \r\n\r\n\tb\n#x\n\ufeffc")) {
		got = append(got, string(rune('0'+n))+line)
	}
	if !slices.Equal(got, []string{"2a", "4b", "6c"}) {
		t.Errorf("Lines = %q", got)
	}
}

func TestIsText(t *testing.T) {
	for in, want := range map[string]bool{
		"otpauth://totp/a?secret=A\r\n": true,
		"caf\xe9 \xa3 \t\f\v\n":         true, // Windows-1252
		"caf\u00e9\x1b[0m":              true, // valid UTF-8, an escape
		"a\x00b":                        false,
		"\xe9\x1b":                      false, // not UTF-8, a control character
		"\xff\xfea\x00":                 false,
	} {
		if got := IsText([]byte(in)); got != want {
			t.Errorf("IsText(%q) = %v", in, got)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	var v struct{ Secret []int }
	err := Decode([]byte(`{"Secret":[1,2,"JBSWY3DPEHPK3PXP"]}`), &v)
	if !errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "JBSWY") {
		t.Errorf("Decode error = %v", err)
	}
	var n struct{ S string }
	err = Decode([]byte(`{"S":12345678}`), &n)
	if !errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "12345678") {
		t.Errorf("Decode error = %v", err)
	}
	err = Decode([]byte(`{"S":"JBSWY3DPEHPK3PXP"`), &n)
	if !errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "JBSWY") {
		t.Errorf("Decode error = %v", err)
	}
}

func TestURI(t *testing.T) {
	a, err := URI("steam://JBSWY3DPEHPK3PXP")
	if err != nil || a.Type != otp.Steam || !bytes.Equal(a.Secret, hello) || a.Issuer != "" || a.Name != "" {
		t.Errorf("URI(steam) = %+v, %v", a, err)
	}
	if _, err := URI("steam://"); !errors.Is(err, otpauth.ErrSecret) {
		t.Errorf("URI(steam://) error = %v", err)
	}
	a, err = URI("otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=3")
	if err != nil || a.Type != otp.HOTP || a.Counter != 3 || a.Issuer != "A" || a.Name != "b" {
		t.Errorf("URI(otpauth) = %+v, %v", a, err)
	}
}
