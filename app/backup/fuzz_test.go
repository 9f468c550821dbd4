package backup

import (
	"bytes"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// fuzzKDF is Argon2id for cheap parameters and a constant key otherwise, so
// that the fuzzer can raise t and m without making each run take seconds.
// The constant key never matches a check made by Argon2id.
func fuzzKDF(password, salt []byte, p vault.Params) ([]byte, error) {
	if p.MemoryKiB > 1024 || p.Time > 4 || p.Threads > 4 {
		return make([]byte, keySize), nil
	}
	return vault.Argon2id(password, salt, p)
}

// FuzzOpen checks that Open never panics, fails only with the package's
// sentinels, agrees with Inspect, and that whatever it opens seals and
// opens again to the same payload.
func FuzzOpen(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.file, v.passphrase)
	}
	f.Fuzz(func(t *testing.T, data []byte, passphrase string) {
		b, err := Open(data, []byte(passphrase), fuzzKDF)
		_, ierr := Inspect(data)
		if err != nil {
			if b != nil {
				t.Fatal("Open returned a backup with an error")
			}
			n := 0
			for _, e := range []error{ErrWrongPassphrase, ErrDamaged, ErrNotBackup, ErrUnsupportedVersion} {
				if errors.Is(err, e) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("Open: %v matches %d sentinels, want 1", err, n)
			}
			if ierr != nil && ierr.Error() != err.Error() {
				t.Fatalf("Inspect: %v, but Open: %v", ierr, err)
			}
			if ierr == nil && !errors.Is(err, ErrWrongPassphrase) && !errors.Is(err, ErrDamaged) {
				t.Fatalf("Inspect accepted a file Open refuses with %v", err)
			}
			return
		}
		if ierr != nil {
			t.Fatalf("Inspect: %v on a file that opens", ierr)
		}
		want, version, err := vault.MarshalContents(b.Contents)
		if err != nil {
			t.Fatalf("opened contents do not encode: %v", err)
		}
		if h, _ := Inspect(data); version > h.Version {
			t.Fatalf("contents opened from version %d encode as version %d", h.Version, version)
		}
		file, err := Seal(b.Contents, []byte(passphrase), cheapParams, vault.Argon2id, rand.Reader, b.Created)
		if err != nil {
			t.Fatalf("Seal: %v", err)
		}
		b2, err := Open(file, []byte(passphrase), vault.Argon2id)
		if err != nil {
			t.Fatalf("Open of the resealed backup: %v", err)
		}
		if got, _, _ := vault.MarshalContents(b2.Contents); !bytes.Equal(got, want) || !b2.Created.Equal(b.Created) {
			t.Fatal("contents or creation time changed in a seal and open")
		}
	})
}

// FuzzParseText checks that ParseText never panics, that every account it
// reads is exportable and exports to a line that reads back the same, and
// that skipped lines are in order and within the text.
func FuzzParseText(f *testing.F) {
	for _, a := range textAccounts() {
		f.Add(Text([]vault.Account{a}))
	}
	f.Add([]byte("# comment\r\n\r\notpauth://hotp/A:b?secret=GE&counter=1\rjunk\n"))
	f.Add([]byte("otpauth://totp/A%3Ab:c?secret=GE&issuer=A%3Ab&encoder=steam&digits=5"))
	f.Fuzz(func(t *testing.T, data []byte) {
		accounts, skips := ParseText(data)
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		last := 0
		for _, s := range skips {
			if s.Line <= last || s.Line > lines || s.Err == nil {
				t.Fatalf("skip %v out of order or range (%d lines)", s, lines)
			}
			last = s.Line
		}
		for _, a := range accounts {
			if err := Exportable(a); err != nil {
				t.Fatalf("ParseText returned an account that is not exportable: %v", err)
			}
			back, skips := ParseText(Text([]vault.Account{a}))
			if len(skips) != 0 || len(back) != 1 || !sameAccount(back[0], a) {
				t.Fatalf("account does not survive Text and ParseText: %v", a.Key)
			}
		}
	})
}

// FuzzTextRoundTrip builds accounts from fuzzed fields: an exportable one
// must read back unchanged; any account must stay on one line.
func FuzzTextRoundTrip(f *testing.F) {
	for _, a := range textAccounts() {
		f.Add(a.Issuer, a.Name, a.Secret, uint8(a.Type), uint8(a.Algorithm), a.Digits, a.Period, a.Counter)
	}
	f.Add("", "", []byte{}, uint8(0), uint8(0), 0, 0, uint64(0))
	f.Add("a\nb", " c", []byte{1}, uint8(1), uint8(1), 6, 30, uint64(0))
	f.Fuzz(func(t *testing.T, issuer, name string, secret []byte, typ, alg uint8, digits, period int, counter uint64) {
		a := vault.Account{Issuer: issuer, Name: name, Key: otp.Key{Type: otp.Type(typ), Algorithm: otp.Algorithm(alg),
			Digits: digits, Period: period, Counter: counter, Secret: secret}}
		text := Text([]vault.Account{a})
		if bytes.Count(text, []byte("\n")) != 1 || bytes.ContainsAny(text[:len(text)-1], "\r\n") {
			t.Fatalf("Text wrote an account on more than one line: %q", text)
		}
		if Exportable(a) != nil {
			return
		}
		back, skips := ParseText(text)
		if len(skips) != 0 || len(back) != 1 {
			t.Fatalf("an exportable account was skipped: %v", skips)
		}
		want := uriAccount(a)
		if !sameAccount(back[0], vault.Account{Issuer: want.Issuer, Name: want.Name, Key: want.Key}) {
			t.Fatalf("round trip changed the account: %v", back[0].Key)
		}
	})
}

func sameAccount(a, b vault.Account) bool {
	return a.Issuer == b.Issuer && a.Name == b.Name && a.Type == b.Type && a.Algorithm == b.Algorithm &&
		a.Digits == b.Digits && a.Period == b.Period && a.Counter == b.Counter && bytes.Equal(a.Secret, b.Secret)
}
