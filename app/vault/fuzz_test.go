package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"
)

// fuzzKDF is Argon2id for cheap parameters and a constant key otherwise, so
// that the fuzzer can raise t and m without making each run take seconds.
// The constant key never opens a slot.
func fuzzKDF(password, salt []byte, p Params) ([]byte, error) {
	if p.MemoryKiB > 1024 || p.Time > 4 || p.Threads > 4 {
		return make([]byte, keySize), nil
	}
	return Argon2id(password, salt, p)
}

// FuzzOpen checks that Open never panics, fails only with the package's
// sentinel errors, and that whatever it opens seals and opens again to the
// same payload.
func FuzzOpen(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.sealed, v.password)
	}
	f.Fuzz(func(t *testing.T, sealed []byte, password string) {
		s, c, err := Open(sealed, []byte(password), fuzzKDF)
		if err != nil {
			if s != nil || c != nil {
				t.Fatal("Open returned a session or contents with an error")
			}
			if !errors.Is(err, ErrWrongPassword) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("Open: %v is none of the sentinels", err)
			}
			if _, ierr := Inspect(sealed); ierr != nil && errors.Is(err, ErrWrongPassword) {
				t.Fatalf("Inspect failed (%v) where Open got as far as the password", ierr)
			}
			return
		}
		defer s.Close()
		if _, err := Inspect(sealed); err != nil {
			t.Fatalf("Inspect: %v on a vault that opens", err)
		}
		want, err := encodeContents(c)
		if err != nil {
			t.Fatalf("opened contents do not encode: %v", err)
		}
		resealed, err := s.Seal(c, rand.Reader)
		if err != nil {
			t.Fatalf("Seal: %v", err)
		}
		c2, err := s.Decrypt(resealed)
		if err != nil {
			t.Fatalf("Decrypt of the resealed vault: %v", err)
		}
		got, _ := encodeContents(c2)
		if !bytes.Equal(got, want) {
			t.Fatal("contents changed in a seal and open")
		}
	})
}

// FuzzDecodeContents reaches the payload decoder, which FuzzOpen rarely does
// through the AEAD: decoding never panics, fails only with ErrCorrupt, and
// what decodes encodes to a payload that decodes to the same encoding.
func FuzzDecodeContents(f *testing.F) {
	for _, v := range readVectors(f) {
		if v.expect != "success" {
			continue
		}
		_, c, err := Open(v.sealed, []byte(v.password), Argon2id)
		if err != nil {
			f.Fatal(err)
		}
		p, err := encodeContents(c)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, plaintext []byte) {
		c, err := decodeContents(plaintext)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("decodeContents: %v does not wrap ErrCorrupt", err)
			}
			return
		}
		p1, err := encodeContents(c)
		if err != nil {
			t.Fatalf("decoded contents do not encode: %v", err)
		}
		c2, err := decodeContents(p1)
		if err != nil {
			t.Fatalf("re-encoded contents do not decode: %v", err)
		}
		if p2, _ := encodeContents(c2); !bytes.Equal(p1, p2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", p1, p2)
		}
	})
}
