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

// TestReadBack checks that the read-back of Seal refuses a file that was
// altered after sealing, or that holds other contents, and accepts the file
// as sealed. It derives no key, so a change to the salt or the KDF
// parameters, which a second derivation would catch as a wrong passphrase,
// must be caught by the AEAD, whose additional data is the header.
func TestReadBack(t *testing.T) {
	c := sampleContents(t, rand.Reader)
	plaintext, version, err := vault.MarshalContents(c)
	if err != nil {
		t.Fatal(err)
	}
	file, key, check, err := seal(plaintext, version, []byte("pw"), cheapParams, vault.Argon2id, rand.Reader, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	other := *c
	other.Accounts = append([]vault.Account{}, c.Accounts...)
	other.Accounts[1].Counter++
	otherPlaintext, _, err := vault.MarshalContents(&other)
	if err != nil {
		t.Fatal(err)
	}
	replace := func(line, with string) []byte {
		if !bytes.Contains(file, []byte("\n"+line+"\n")) {
			t.Fatalf("the file has no line %q", line)
		}
		return bytes.Replace(file, []byte("\n"+line+"\n"), []byte("\n"+with+"\n"), 1)
	}
	header := func(key string) string { return key + ": " + headerValue(t, file, key) }
	for _, tc := range []struct {
		name      string
		file      []byte
		key       []byte
		plaintext []byte
		want      error // errors.Is, if not nil
		ok        bool
	}{
		{name: "as sealed", ok: true},
		{name: "with CR LF and a byte order mark", ok: true,
			file: append([]byte("\uFEFF"), bytes.ReplaceAll(file, []byte("\n"), []byte("\r\n"))...)},
		{name: "body byte flipped", file: flipBodyByte(t, file), want: ErrDamaged},
		{name: "truncated", file: file[:len(file)/2], want: ErrDamaged},
		{name: "not a backup", file: []byte("otpauth://totp/A?secret=GE\n"), want: ErrNotBackup},
		{name: "another salt", file: replace(header("Salt"), "Salt: AAAAAAAAAAAAAAAAAAAAAA==")},
		{name: "other KDF parameters", file: replace("KDF: argon2id t=1 m=64 p=1", "KDF: argon2id t=2 m=64 p=1")},
		{name: "another check", file: replace(header("Check"), "Check: AAAAAAAAAAAAAAAAAAAAAA==")},
		{name: "another nonce", file: replace(header("Nonce"), "Nonce: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")},
		{name: "another creation time", file: replace("Created: 2026-11-25T10:04:48Z", "Created: 2026-11-25T10:04:49Z")},
		{name: "another key", key: bytes.Repeat([]byte{7}, keySize), want: ErrDamaged},
		{name: "other contents", plaintext: otherPlaintext},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.file == nil {
				tc.file = file
			}
			if tc.key == nil {
				tc.key = key
			}
			if tc.plaintext == nil {
				tc.plaintext = plaintext
			}
			err := readBack(tc.file, tc.key, check, tc.plaintext)
			switch {
			case tc.ok && err != nil:
				t.Errorf("readBack: %v, want nil", err)
			case !tc.ok && err == nil:
				t.Error("readBack accepted it")
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("readBack: %v, want errors.Is %v", err, tc.want)
			}
		})
	}
}

// flipBodyByte returns file with one bit of its body changed.
func flipBodyByte(t *testing.T, file []byte) []byte {
	t.Helper()
	ls := fileLines(file)
	line := ls[bodyStart]
	c := byte('A')
	if line[10] == 'A' {
		c = 'B'
	}
	out := bytes.Replace(file, []byte(line), []byte(line[:10]+string(c)+line[11:]), 1)
	if bytes.Equal(out, file) {
		t.Fatal("the body was not changed")
	}
	return out
}

// countingKDF returns a KDF that runs Argon2id and counts its runs in n.
func countingKDF(n *int) vault.KDF {
	return func(password, salt []byte, p vault.Params) ([]byte, error) {
		*n++
		return vault.Argon2id(password, salt, p)
	}
}

// TestDerivations counts the key derivations of each operation: Seal
// derives once and reads the file back with that key; Open derives once,
// and not at all for a file it refuses before; Inspect never derives.
func TestDerivations(t *testing.T) {
	c := sampleContents(t, rand.Reader)
	file, err := Seal(c, []byte("pw"), cheapParams, vault.Argon2id, rand.Reader, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func(kdf vault.KDF) error
		want error // errors.Is, or nil for success
		n    int
	}{
		{"Seal", func(kdf vault.KDF) error {
			_, err := Seal(c, []byte("pw"), cheapParams, kdf, rand.Reader, vectorTime)
			return err
		}, nil, 1},
		{"Open", func(kdf vault.KDF) error { _, err := Open(file, []byte("pw"), kdf); return err }, nil, 1},
		{"Open with a wrong passphrase", func(kdf vault.KDF) error {
			_, err := Open(file, []byte("PW"), kdf)
			return err
		}, ErrWrongPassphrase, 1},
		{"Open of a damaged body", func(kdf vault.KDF) error {
			_, err := Open(flipBodyByte(t, file), []byte("pw"), kdf)
			return err
		}, ErrDamaged, 1},
		{"Open of a truncated file", func(kdf vault.KDF) error {
			_, err := Open(file[:len(file)-40], []byte("pw"), kdf)
			return err
		}, ErrDamaged, 0},
		{"Inspect", func(vault.KDF) error { _, err := Inspect(file); return err }, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			err := tc.run(countingKDF(&n))
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if n != tc.n {
				t.Errorf("%d key derivations, want %d", n, tc.n)
			}
		})
	}
}

// TestSealKDFScribbles checks that a KDF that changes the salt it was given
// (a buggy bridge to a worker, say) cannot make Seal write a salt other
// than the one its key was derived from: the file still opens.
func TestSealKDFScribbles(t *testing.T) {
	c := sampleContents(t, rand.Reader)
	scribble := func(password, salt []byte, p vault.Params) ([]byte, error) {
		k, err := vault.Argon2id(password, salt, p)
		salt[0] ^= 1
		return k, err
	}
	file, err := Seal(c, []byte("pw"), cheapParams, scribble, rand.Reader, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file, []byte("pw"), vault.Argon2id); err != nil {
		t.Errorf("Open: %v", err)
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
