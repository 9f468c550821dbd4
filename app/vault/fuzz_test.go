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
		want, version, err := encodeContents(c)
		if err != nil {
			t.Fatalf("opened contents do not encode: %v", err)
		}
		if h, _ := Inspect(sealed); version > h.Version {
			t.Fatalf("contents opened from version %d encode as version %d", h.Version, version)
		}
		resealed, err := s.Seal(c, rand.Reader)
		if err != nil {
			t.Fatalf("Seal: %v", err)
		}
		c2, err := s.Decrypt(resealed)
		if err != nil {
			t.Fatalf("Decrypt of the resealed vault: %v", err)
		}
		got, _, _ := encodeContents(c2)
		if !bytes.Equal(got, want) {
			t.Fatal("contents changed in a seal and open")
		}
	})
}

// FuzzDecodeContents reaches the payload decoder, which FuzzOpen rarely does
// through the AEAD: decoding a payload of version 1 or 2 never panics, fails
// only with ErrCorrupt, and what decodes encodes, in the same version or an
// older one, to a payload that decodes to the same encoding. Every payload
// is tried as both versions; the seeds are the payloads of the success
// vectors, of both versions, and a version 2 payload with every field of
// version 2 written at its default.
func FuzzDecodeContents(f *testing.F) {
	for _, v := range readVectors(f) {
		if v.expect != "success" {
			continue
		}
		_, c, err := Open(v.sealed, []byte(v.password), Argon2id)
		if err != nil {
			f.Fatal(err)
		}
		p, version, err := encodeContents(c)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p, version == version2)
	}
	f.Add([]byte(`{"accounts":[{"id":"a","issuer":"","name":"","type":"totp","algorithm":"SHA1","digits":6,`+
		`"period":30,"counter":0,"secret":"GE","group":"","note":"","created":"0001-01-01T00:00:00Z",`+
		`"modified":"0001-01-01T00:00:00Z","favourite":false,"last_used":"0001-01-01T00:00:00Z"}],`+
		`"settings":{"lock_after":0,"sort":"manual","density":"comfortable"}}`), true)
	f.Fuzz(func(t *testing.T, plaintext []byte, v2 bool) {
		version := version1
		if v2 {
			version = version2
		}
		c, err := decodeContents(plaintext, version)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("decodeContents: %v does not wrap ErrCorrupt alone", err)
			}
			return
		}
		p1, encoded, err := encodeContents(c)
		if err != nil {
			t.Fatalf("decoded contents do not encode: %v", err)
		}
		if encoded > version {
			t.Fatalf("a payload of version %d encodes as version %d", version, encoded)
		}
		c2, err := decodeContents(p1, encoded)
		if err != nil {
			t.Fatalf("re-encoded contents do not decode: %v", err)
		}
		if p2, _, _ := encodeContents(c2); !bytes.Equal(p1, p2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", p1, p2)
		}
	})
}
