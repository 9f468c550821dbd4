package exportqr

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/qr"
)

// sharedPlain is the reference list of seven accounts that several apps'
// test exports were made from.
var sharedPlain = filepath.Join("..", "..", "..", "shared", "testdata", "foreign", "aegis-testdata-plain.txt")

func accounts(t *testing.T, n int) []otpauth.Account {
	t.Helper()
	var out []otpauth.Account
	for i := range n {
		secret := make([]byte, 20)
		rand.Read(secret)
		out = append(out, otpauth.Account{
			Issuer: fmt.Sprintf("Issuer number %d", i), Name: fmt.Sprintf("someone%d@example.com", i),
			Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret},
		})
	}
	return out
}

// readBack decodes each code's image with Twofold's own scanner and
// assembles the export.
func readBack(t *testing.T, codes []Code) []otpauth.Account {
	t.Helper()
	var b migration.Batch
	for i, c := range codes {
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatal(err)
		}
		var f qr.Frame
		if err := f.SetImage(img); err != nil {
			t.Fatal(err)
		}
		var d qr.Decoder
		res, err := d.Decode(f)
		if err != nil || len(res) != 1 {
			t.Fatalf("code %d (version %d): decoded %d codes, %v", i+1, c.Version, len(res), err)
		}
		if res[0].Text != c.URI {
			t.Fatalf("code %d reads back different text", i+1)
		}
		p, err := migration.ParseURI(res[0].Text)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	got, skips, err := b.Accounts()
	if err != nil || len(skips) > 0 {
		t.Fatalf("assembling: %v, skipped %v", err, skips)
	}
	return got
}

func same(t *testing.T, got, want []otpauth.Account) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read back %d accounts, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Issuer != w.Issuer || g.Name != w.Name || g.Type != w.Type || g.Algorithm != w.Algorithm ||
			g.Digits != w.Digits || g.Counter != w.Counter || !bytes.Equal(g.Secret, w.Secret) ||
			(w.Type != otp.HOTP && g.Period != w.Period) {
			t.Errorf("account %d: got %v (%s:%s), want %v (%s:%s)", i, g.Key, g.Issuer, g.Name, w.Key, w.Issuer, w.Name)
		}
	}
}

func TestMakeReadsBack(t *testing.T) {
	for _, n := range []int{1, 7, 25} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			in := accounts(t, n)
			codes, skipped, err := Make(in, 12345)
			if err != nil || len(skipped) > 0 {
				t.Fatalf("Make: %v, skipped %v", err, skipped)
			}
			for i, c := range codes {
				if c.Version > MaxVersion {
					t.Errorf("code %d is version %d, over %d", i+1, c.Version, MaxVersion)
				}
			}
			if n == 25 && len(codes) < 3 {
				t.Errorf("25 accounts in %d codes: more than Google's 10 a code", len(codes))
			}
			same(t, readBack(t, codes), in)
		})
	}
}

// TestSharedAccounts exports the shared reference accounts: what the
// format cannot carry is left out and named, the rest reads back exactly.
func TestSharedAccounts(t *testing.T) {
	f, err := os.Open(sharedPlain)
	if err != nil {
		t.Skipf("INTEROP FILES NOT FOUND (%v): the shared reference accounts were NOT exported", err)
	}
	defer f.Close()
	var in []otpauth.Account
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			a, err := otpauth.Parse(line)
			if err != nil {
				t.Fatal(err)
			}
			in = append(in, a)
		}
	}
	codes, skipped, err := Make(in, 7)
	if err != nil {
		t.Fatal(err)
	}
	var want []otpauth.Account
	left := map[int]bool{}
	for _, s := range skipped {
		left[s.Index] = true
	}
	for i, a := range in {
		carried := migration.Carry(a) == nil
		if carried == left[i] {
			t.Errorf("account %d (%s): carried %v but left out %v", i, a.Issuer, carried, left[i])
		}
		if carried {
			want = append(want, a)
		}
	}
	// SHA1/6/30 TOTP, and the HOTP accounts with 6 and 8 digits, fit the
	// format; 7 digits, periods of 20 and 50 s, and Steam do not.
	if len(want) == 0 || len(skipped) == 0 {
		t.Fatalf("carried %d, left out %d: expected some of each", len(want), len(skipped))
	}
	same(t, readBack(t, codes), want)
}

func TestNothing(t *testing.T) {
	steam := otpauth.Account{Issuer: "Steam", Name: "x", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: []byte{1}}}
	if _, skipped, err := Make([]otpauth.Account{steam}, 1); err != ErrNothing || len(skipped) != 1 {
		t.Fatalf("only Steam: %v, skipped %v; want ErrNothing and one skip", err, skipped)
	}
}

func TestNewBatchID(t *testing.T) {
	tests := []struct {
		name string
		rand []byte
		want int
		err  bool
	}{
		{"zero", []byte{0, 0, 0, 0}, 0, false},
		{"the top bit is dropped", []byte{0x80, 0, 0, 1}, 0x40000000, false},
		{"largest", []byte{0xff, 0xff, 0xff, 0xff}, 1<<31 - 1, false},
		{"big-endian", []byte{0x12, 0x34, 0x56, 0x78, 0x9a}, 0x12345678 >> 1, false},
		{"too little randomness", []byte{1, 2, 3}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := NewBatchID(bytes.NewReader(tt.rand))
			if (err != nil) != tt.err || id != tt.want {
				t.Errorf("NewBatchID = %d, %v; want %d, error %v", id, err, tt.want, tt.err)
			}
		})
	}
	// Any id made from crypto/rand fits the batch_id field, an int32, so
	// Make accepts it.
	for range 100 {
		id, err := NewBatchID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if id < 0 || id > math.MaxInt32 {
			t.Fatalf("NewBatchID = %d, not a positive int32", id)
		}
	}
}
