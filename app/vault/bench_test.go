package vault

import (
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"twofold.app/app/otp"
)

// contents1000 returns a vault of 1000 TOTP accounts with 20-byte secrets.
func contents1000(b *testing.B) *Contents {
	c := &Contents{}
	now := time.Now()
	for i := range 1000 {
		id, err := NewID(rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		secret := make([]byte, 20)
		rand.Read(secret)
		c.Accounts = append(c.Accounts, Account{ID: id, Issuer: fmt.Sprintf("Service %d", i),
			Name: fmt.Sprintf("user%d@example.com", i), Group: "Work", Created: now, Modified: now,
			Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}})
	}
	return c
}

// BenchmarkSeal1000 measures encoding and encrypting 1000 accounts.
func BenchmarkSeal1000(b *testing.B) {
	s, err := Create([]byte("pw"), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	c := contents1000(b)
	sealed, _ := s.Seal(c, rand.Reader)
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Seal(c, rand.Reader); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen1000 measures opening 1000 accounts with cheap KDF
// parameters, so the payload's decryption and decoding dominate.
func BenchmarkOpen1000(b *testing.B) {
	s, err := Create([]byte("pw"), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	sealed, err := s.Seal(contents1000(b), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := Open(sealed, []byte("pw"), Argon2id)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkDecrypt1000 is BenchmarkOpen1000 without the KDF: what a tab pays
// to read another tab's revision.
func BenchmarkDecrypt1000(b *testing.B) {
	s, err := Create([]byte("pw"), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	sealed, err := s.Seal(contents1000(b), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Decrypt(sealed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArgon2idDefault measures one derivation with DefaultParams,
// natively, for the native-to-wasm ratio.
func BenchmarkArgon2idDefault(b *testing.B) {
	salt := make([]byte, saltSize)
	for b.Loop() {
		if _, err := Argon2id([]byte("correct horse battery staple"), salt, DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
