package importer

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestDeriveKey(t *testing.T) {
	// Known answers: RFC 6070 (PBKDF2-SHA1), RFC 7914 (scrypt), RFC 9106
	// does not fit Argon2id's Go API (no secret, no associated data), so
	// Argon2id is checked against the vault's own vectors in package kdf.
	for _, tc := range []struct {
		pass string
		s    KeySpec
		want string
	}{
		{"password", KeySpec{KDF: PBKDF2SHA1, Salt: []byte("salt"), Iterations: 4096, KeyLen: 20}, "4b007901b765489abead49d926f721d065a429c1"},
		{"password", KeySpec{KDF: Scrypt, Salt: []byte("NaCl"), N: 1024, R: 8, P: 16, KeyLen: 64},
			"fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"},
	} {
		key, err := DeriveKey([]byte(tc.pass), tc.s)
		if err != nil {
			t.Fatalf("%v: %v", tc.s.KDF, err)
		}
		if got := hex.EncodeToString(key); got != tc.want {
			t.Errorf("%v = %s, want %s", tc.s.KDF, got, tc.want)
		}
	}
}

func TestKeySpecCheck(t *testing.T) {
	for _, tc := range []struct {
		s    KeySpec
		want error
	}{
		{KeySpec{KDF: PBKDF2SHA256, Iterations: 0, KeyLen: 32}, ErrCorrupt},
		{KeySpec{KDF: PBKDF2SHA256, Iterations: MaxPBKDF2Iterations + 1, KeyLen: 32}, ErrKeyCost},
		{KeySpec{KDF: Argon2id, Iterations: 3, MemoryKiB: MaxArgon2MemoryKiB * 2, Threads: 1, KeyLen: 32}, ErrKeyCost},
		{KeySpec{KDF: Argon2id, Iterations: 3, MemoryKiB: 4, Threads: 1, KeyLen: 32}, ErrCorrupt},
		{KeySpec{KDF: Scrypt, N: 1000, R: 8, P: 1, KeyLen: 32}, ErrCorrupt},
		{KeySpec{KDF: Scrypt, N: 1 << 20, R: 8, P: 1, KeyLen: 32}, ErrKeyCost},
		{KeySpec{KDF: 99, KeyLen: 32}, ErrUnsupported},
		{KeySpec{KDF: PBKDF2SHA1, Iterations: 1, KeyLen: 0}, ErrCorrupt},
	} {
		err := tc.s.Check()
		if !errors.Is(err, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.s, err, tc.want)
		}
		if _, err := DeriveKey(nil, tc.s); !errors.Is(err, tc.want) {
			t.Errorf("DeriveKey %+v: %v, want %v", tc.s, err, tc.want)
		}
	}
	if !errors.Is(ErrKeyCost, ErrUnsupported) {
		t.Error("ErrKeyCost does not wrap ErrUnsupported")
	}
}

func TestSetDeriver(t *testing.T) {
	defer SetDeriver(nil)
	calls := 0
	SetDeriver(func(p []byte, specs []KeySpec) ([][]byte, error) {
		calls++
		return [][]byte{make([]byte, specs[0].KeyLen)}, nil
	})
	if _, err := DeriveKey([]byte("x"), KeySpec{KDF: PBKDF2SHA1, Iterations: 1, KeyLen: 16}); err != nil || calls != 1 {
		t.Fatalf("err %v, %d calls", err, calls)
	}
	SetDeriver(func(p []byte, specs []KeySpec) ([][]byte, error) { return [][]byte{make([]byte, 3)}, nil })
	if _, err := DeriveKey([]byte("x"), KeySpec{KDF: PBKDF2SHA1, Iterations: 1, KeyLen: 16}); err == nil {
		t.Fatal("a key of the wrong length was accepted")
	}
}

func TestDeriveKeys(t *testing.T) {
	a := KeySpec{KDF: PBKDF2SHA1, Salt: []byte("a"), Iterations: 10, KeyLen: 32}
	b := KeySpec{KDF: PBKDF2SHA256, Salt: []byte("b"), Iterations: 20, KeyLen: 16}
	keys, err := DeriveKeys([]byte("pw"), []KeySpec{a, b})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range []KeySpec{a, b} {
		want, _ := DeriveHere([]byte("pw"), s)
		if string(keys[i]) != string(want) {
			t.Errorf("key %d differs from DeriveHere's", i)
		}
	}
	// Each within the bounds, too many together.
	many := make([]KeySpec, MaxPBKDF2Total/MaxPBKDF2Iterations+1)
	for i := range many {
		many[i] = KeySpec{KDF: PBKDF2SHA1, Iterations: MaxPBKDF2Iterations, KeyLen: 32}
	}
	SetDeriver(func([]byte, []KeySpec) ([][]byte, error) { t.Fatal("derived beyond the bound"); return nil, nil })
	defer SetDeriver(nil)
	if _, err := DeriveKeys(nil, many); !errors.Is(err, ErrKeyCost) {
		t.Errorf("%d derivations at the bound: %v, want ErrKeyCost", len(many), err)
	}
}
