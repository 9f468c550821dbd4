package backup

import (
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// contents1000 returns a vault of 1000 TOTP accounts with 20-byte secrets.
func contents1000(b *testing.B) *vault.Contents {
	c := &vault.Contents{}
	now := time.Now()
	for i := range 1000 {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		secret := make([]byte, 20)
		rand.Read(secret)
		c.Accounts = append(c.Accounts, vault.Account{ID: id, Issuer: fmt.Sprintf("Service %d", i),
			Name: fmt.Sprintf("user%d@example.com", i), Group: "Work", Created: now, Modified: now,
			Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}})
	}
	return c
}

var benchParams = []struct {
	name string
	p    vault.Params
}{
	{"cheap", cheapParams},           // the cost of everything but the KDF
	{"default", vault.DefaultParams}, // what Twofold writes
}

// BenchmarkSeal1000 measures making a backup of 1000 accounts.
func BenchmarkSeal1000(b *testing.B) {
	c := contents1000(b)
	for _, bp := range benchParams {
		b.Run(bp.name, func(b *testing.B) {
			file, _ := Seal(c, []byte("pw"), bp.p, vault.Argon2id, rand.Reader, time.Now())
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Seal(c, []byte("pw"), bp.p, vault.Argon2id, rand.Reader, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen1000 measures restoring a backup of 1000 accounts.
func BenchmarkOpen1000(b *testing.B) {
	c := contents1000(b)
	for _, bp := range benchParams {
		b.Run(bp.name, func(b *testing.B) {
			file, err := Seal(c, []byte("pw"), bp.p, vault.Argon2id, rand.Reader, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Open(file, []byte("pw"), vault.Argon2id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkText1000 measures the text export of 1000 accounts and reading
// it back.
func BenchmarkText1000(b *testing.B) {
	c := contents1000(b)
	b.Run("Text", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Text(c.Accounts)
		}
	})
	b.Run("ParseText", func(b *testing.B) {
		text := Text(c.Accounts)
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			if a, _ := ParseText(text); len(a) != 1000 {
				b.Fatal("accounts lost")
			}
		}
	})
}
