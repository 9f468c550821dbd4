package backup

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

func TestSealOpen(t *testing.T) {
	c := sampleContents(t, rand.Reader)
	now := time.Date(2026, 11, 25, 11, 4, 48, 999_999_999, time.FixedZone("CET", 3600))
	file, err := Seal(c, []byte("pass phrase"), cheapParams, vault.Argon2id, rand.Reader, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(file, []byte("pass phrase"), vault.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Contents, c) {
		t.Errorf("contents changed:\n got %#v\nwant %#v", b.Contents, c)
	}
	wantCreated := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	if !b.Created.Equal(wantCreated) || b.Created.Location() != time.UTC {
		t.Errorf("Created %v, want %v (UTC, to the second)", b.Created, wantCreated)
	}
	h, err := Inspect(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Header{Version: 1, Created: wantCreated, KDF: "argon2id", Params: cheapParams}); h != want {
		t.Errorf("Inspect: %+v, want %+v", h, want)
	}
	if err := Verify(file, []byte("pass phrase"), vault.Argon2id, c); err != nil {
		t.Errorf("Verify: %v", err)
	}

	// The layout of the grammar: LF only, lines of 64 body characters.
	if bytes.Contains(file, []byte("\r")) || !bytes.HasSuffix(file, []byte("\n"+endLine+"\n")) {
		t.Error("the file does not end in the END line and LF, or has a CR")
	}
	ls := fileLines(file)
	for i, l := range ls[bodyStart : len(ls)-2] {
		if len(l) != lineWidth {
			t.Errorf("body line %d is %d characters, want %d", i, len(l), lineWidth)
		}
	}

	// A second backup of the same contents uses a new salt and nonce.
	again, err := Seal(c, []byte("pass phrase"), cheapParams, vault.Argon2id, rand.Reader, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"Salt", "Nonce", "Check"} {
		if headerValue(t, file, key) == headerValue(t, again, key) {
			t.Errorf("two backups share their %s", key)
		}
	}
}

// TestSealOpenOrganise checks that the order of the accounts, the
// favourites, the last uses, the sort order and the density survive a
// backup, and that the file's version is the payload's: 1 without any of
// them (an older Twofold restores it), 2 with any.
func TestSealOpenOrganise(t *testing.T) {
	used := time.Date(2026, 11, 24, 19, 2, 3, 500_000_000, time.UTC)
	for _, tc := range []struct {
		name    string
		edit    func(c *vault.Contents)
		version int
	}{
		{"reordered", func(c *vault.Contents) { c.Move(c.Accounts[3].ID, 0) }, 1},
		{"favourite", func(c *vault.Contents) { c.Accounts[2].Favourite = true }, 2},
		{"last used", func(c *vault.Contents) { c.Accounts[1].LastUsed = used }, 2},
		{"alphabetical", func(c *vault.Contents) { c.Settings.Sort = vault.SortAlphabetical }, 2},
		{"recent", func(c *vault.Contents) { c.Settings.Sort = vault.SortRecent }, 2},
		{"compact", func(c *vault.Contents) { c.Settings.Density = vault.DensityCompact }, 2},
		{"all", func(c *vault.Contents) {
			c.Move(c.Accounts[0].ID, 3)
			c.Accounts[0].Favourite, c.Accounts[3].Favourite = true, true
			c.Accounts[3].LastUsed = used
			c.Settings.Sort, c.Settings.Density = vault.SortRecent, vault.DensityCompact
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleContents(t, rand.Reader)
			tc.edit(c)
			file, err := Seal(c, []byte("pw"), cheapParams, vault.Argon2id, rand.Reader, vectorTime)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Open(file, []byte("pw"), vault.Argon2id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Contents, c) {
				t.Errorf("contents changed:\n got %#v\nwant %#v", b.Contents, c)
			}
			if h, err := Inspect(file); err != nil || h.Version != tc.version {
				t.Errorf("Inspect: version %d, %v; want %d", h.Version, err, tc.version)
			}
			if want := fmt.Sprintf("\nVersion: %d\n", tc.version); !strings.Contains(string(file), want) {
				t.Errorf("the file has no line %q", strings.TrimSpace(want))
			}
		})
	}
}

func TestVerifyDifferentContents(t *testing.T) {
	c := sampleContents(t, rand.Reader)
	file, err := Seal(c, []byte("pw"), cheapParams, vault.Argon2id, rand.Reader, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	other := *c
	other.Accounts = append([]vault.Account{}, c.Accounts...)
	other.Accounts[1].Counter++
	if err := Verify(file, []byte("pw"), vault.Argon2id, &other); err == nil {
		t.Error("Verify accepted a backup with another HOTP counter")
	}
	if err := Verify(file, []byte("PW"), vault.Argon2id, c); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Verify with a wrong passphrase: %v", err)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errors.New("no randomness")
	}
	n := min(r.n, len(p))
	r.n -= n
	return n, nil
}

func TestSealRefuses(t *testing.T) {
	good := sampleContents(t, rand.Reader)
	kdfErr := errors.New("worker crashed")
	for _, tc := range []struct {
		name     string
		c        *vault.Contents
		p        vault.Params
		kdf      vault.KDF
		rand     io.Reader
		now      time.Time
		want     error  // errors.Is, if not nil
		contains string // in the message
	}{
		{name: "params out of bounds", c: good, p: vault.Params{Time: 1, MemoryKiB: 2 << 20, Threads: 1},
			want: vault.ErrParams},
		{name: "duplicate id", c: &vault.Contents{Accounts: []vault.Account{good.Accounts[0], good.Accounts[0]}},
			want: vault.ErrAccountID},
		{name: "empty secret", c: &vault.Contents{Accounts: []vault.Account{{ID: "x", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1}}}},
			want: otp.ErrSecret},
		{name: "year 10000", c: good, now: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), contains: "years"},
		{name: "year 0", c: good, now: time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), contains: "years"},
		{name: "no randomness for the salt", c: good, rand: &failingReader{}, contains: "salt"},
		{name: "no randomness for the nonce", c: good, rand: &failingReader{n: saltSize}, contains: "nonce"},
		{name: "kdf error", c: good, want: kdfErr,
			kdf: func([]byte, []byte, vault.Params) ([]byte, error) { return nil, kdfErr }},
		{name: "kdf short key", c: good, contains: "got 16 bytes",
			kdf: func([]byte, []byte, vault.Params) ([]byte, error) { return make([]byte, 16), nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.p == (vault.Params{}) {
				tc.p = cheapParams
			}
			if tc.kdf == nil {
				tc.kdf = vault.Argon2id
			}
			if tc.rand == nil {
				tc.rand = rand.Reader
			}
			if tc.now.IsZero() {
				tc.now = vectorTime
			}
			file, err := Seal(tc.c, []byte("pw"), tc.p, tc.kdf, tc.rand, tc.now)
			if err == nil || file != nil {
				t.Fatalf("Seal = %d bytes, %v; want an error", len(file), err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Seal: %v, want errors.Is %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("Seal: %q does not say %q", err, tc.contains)
			}
		})
	}
}

// TestOpenChecksBeforeDerivation runs Open on every vector that Inspect
// refuses, with a KDF that fails the test: no damaged, foreign or newer
// file may reach the key derivation.
func TestOpenChecksBeforeDerivation(t *testing.T) {
	for _, v := range readVectors(t) {
		if v.inspect == success {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			_, err := Open(v.file, []byte(v.passphrase), func([]byte, []byte, vault.Params) ([]byte, error) {
				t.Error("the KDF ran")
				return nil, errors.New("unreachable")
			})
			checkOutcome(t, "Open", err, v.expect)
		})
	}
}

// TestOpenKDFError checks that a failing KDF is reported as itself, not as
// a wrong passphrase or damage.
func TestOpenKDFError(t *testing.T) {
	file, err := Seal(&vault.Contents{}, []byte("pw"), cheapParams, vault.Argon2id, rand.Reader, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	kdfErr := errors.New("worker crashed")
	_, err = Open(file, []byte("pw"), func([]byte, []byte, vault.Params) ([]byte, error) { return nil, kdfErr })
	if !errors.Is(err, kdfErr) || errors.Is(err, ErrWrongPassphrase) || errors.Is(err, ErrDamaged) {
		t.Errorf("Open: %v, want the KDF's error alone", err)
	}
}

// TestErrorsKeepSecretsOut checks that no error quotes the file, which may
// be someone's backup with a known passphrase, or a secret in a payload.
func TestErrorsKeepSecretsOut(t *testing.T) {
	for _, v := range readVectors(t) {
		_, err := Open(v.file, []byte(v.passphrase), vault.Argon2id)
		if err == nil {
			continue
		}
		for _, l := range fileLines(v.file) {
			if len(l) >= 8 && strings.Contains(err.Error(), l) {
				t.Errorf("%s: error %q quotes the line %q", v.name, err, l)
			}
		}
	}
}
