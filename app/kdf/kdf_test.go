package kdf

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// TestArgon2idVectors checks the derivation against outputs that seven
// Argon2id implementations (native Go, Go in wasm, libsodium, hash-wasm,
// argon2-browser) agreed on in the measurement in
// shared/notes/measured/argon2id-in-the-browser.md.
func TestArgon2idVectors(t *testing.T) {
	password, salt := []byte("correct horse battery staple"), []byte("kdfbench-salt-16")
	for _, tt := range []struct {
		p    Params
		want string
	}{
		{Default, "27a2a0d5ee6f6ed57a2987b513dc8f8e6857374420d78e4f9faf8cb0fd942990"},
		{Params{Time: 2, MemoryKiB: 19 * 1024, Threads: 1}, "4cee8b60b32f0b94b7d93fa1da026e7264448493c57f9c23be79a68a452dbff8"},
	} {
		key, err := Argon2id(password, salt, tt.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(key); got != tt.want {
			t.Errorf("Argon2id(%+v) = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		p  Params
		ok bool
	}{
		{Default, true},
		{Params{1, 8, 1}, true},
		{Params{MaxTime, MaxMemoryKiB, MaxThreads}, true},
		{Params{0, 64, 1}, false},
		{Params{MaxTime + 1, 64, 1}, false},
		{Params{1, 7, 1}, false},
		{Params{1, 31, 4}, false},
		{Params{1, MaxMemoryKiB + 1, 1}, false},
		{Params{1, 64, 0}, false},
		{Params{1, 1024, MaxThreads + 1}, false},
	} {
		err := tt.p.Check()
		if (err == nil) != tt.ok {
			t.Errorf("%+v.Check() = %v, want ok=%v", tt.p, err, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrParams) || !strings.Contains(err.Error(), "t=")) {
			t.Errorf("%+v.Check() = %q, want ErrParams with the values", tt.p, err)
		}
		if tt.ok {
			continue // deriving at the limits would take a minute
		}
		if _, derr := Argon2id(nil, make([]byte, 16), tt.p); !errors.Is(derr, ErrParams) {
			t.Errorf("Argon2id with %+v: %v, want ErrParams before any work", tt.p, derr)
		}
	}
}
