package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"testing"
)

func TestOpenCBC(t *testing.T) {
	key, iv := bytes.Repeat([]byte{7}, 32), bytes.Repeat([]byte{9}, 16)
	seal := func(padded []byte) []byte {
		block, _ := aes.NewCipher(key)
		out := make([]byte, len(padded))
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, padded)
		return out
	}
	msg := []byte("fifteen bytes!!")
	for _, tc := range []struct {
		name   string
		key    []byte
		iv     []byte
		ct     []byte
		want   []byte
		ok     bool
		hasErr bool
	}{
		{"one byte of padding", key, iv, seal(append(bytes.Clone(msg), 1)), msg, true, false},
		{"a whole block of padding", key, iv, seal(append(bytes.Repeat([]byte{'a'}, 16), bytes.Repeat([]byte{16}, 16)...)), bytes.Repeat([]byte{'a'}, 16), true, false},
		{"padding of 0", key, iv, seal(append(bytes.Clone(msg), 0)), nil, false, false},
		{"padding over 16", key, iv, seal(append(bytes.Clone(msg), 17)), nil, false, false},
		{"inconsistent padding", key, iv, seal(append(bytes.Repeat([]byte{'a'}, 14), 1, 2)), nil, false, false},
		{"not whole blocks", key, iv, seal(append(bytes.Clone(msg), 1))[:15], nil, false, true},
		{"empty", key, iv, nil, nil, false, true},
		{"short IV", key, iv[:8], seal(append(bytes.Clone(msg), 1)), nil, false, true},
		{"bad key", key[:5], iv, seal(append(bytes.Clone(msg), 1)), nil, false, true},
	} {
		got, ok, err := OpenCBC(tc.key, tc.iv, tc.ct)
		if (err != nil) != tc.hasErr || ok != tc.ok || !bytes.Equal(got, tc.want) {
			t.Errorf("%s: %q, %v, %v", tc.name, got, ok, err)
		}
	}
}
