package ente

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// streamVector is one stream of testdata/secretstream.json, which
// make_vectors.py wrote with libsodium.
type streamVector struct {
	Key, Header, AD  string
	Chunks, Messages []string
	Tags             []byte
	// Counter, when set, is the message counter the stream starts from,
	// set in libsodium's state and here to test the rekey where it wraps.
	Counter uint32
}

func streamVectors(t *testing.T) []streamVector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "secretstream.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vs []streamVector
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPull(t *testing.T) {
	for n, v := range streamVectors(t) {
		key, header, ad := unhex(t, v.Key), unhex(t, v.Header), unhex(t, v.AD)
		s, err := newPullStream(key, header)
		if err != nil {
			t.Fatal(err)
		}
		if v.Counter != 0 {
			binary.LittleEndian.PutUint32(s.nonce[:4], v.Counter)
		}
		var whole []byte
		for i, c := range v.Chunks {
			chunk := unhex(t, c)
			whole = append(whole, chunk...)
			// A changed chunk, or other associated data, does not
			// authenticate and leaves the state as it was.
			bad := bytes.Clone(chunk)
			bad[len(bad)/2] ^= 0x80
			if _, _, ok := s.pull(bad, ad); ok {
				t.Fatalf("stream %d chunk %d: a changed chunk authenticated", n, i)
			}
			if _, _, ok := s.pull(chunk, append(bytes.Clone(ad), 0)); ok {
				t.Fatalf("stream %d chunk %d: other associated data authenticated", n, i)
			}
			m, tag, ok := s.pull(chunk, ad)
			if !ok {
				t.Fatalf("stream %d chunk %d does not authenticate", n, i)
			}
			if !bytes.Equal(m, unhex(t, v.Messages[i])) || tag != v.Tags[i] {
				t.Fatalf("stream %d chunk %d = %x tag %d, want %s tag %d", n, i, m, tag, v.Messages[i], v.Tags[i])
			}
		}
		// The same stream in one go, cut where libsodium cut it, when
		// its chunks are of one size but the last.
		size := len(unhex(t, v.Chunks[0]))
		same := true
		for _, c := range v.Chunks[:len(v.Chunks)-1] {
			same = same && len(c)/2 == size
		}
		if same && v.Counter == 0 {
			plain, err := openStream(key, header, whole, ad, size)
			var want []byte
			for _, m := range v.Messages {
				want = append(want, unhex(t, m)...)
			}
			if err != nil || !bytes.Equal(plain, want) {
				t.Errorf("stream %d: openStream = %x, %v", n, plain, err)
			}
		}
	}
}

func TestPullOutOfOrder(t *testing.T) {
	v := streamVectors(t)[1]
	s, _ := newPullStream(unhex(t, v.Key), unhex(t, v.Header))
	// The second chunk first: the counter and the inonce do not match.
	if _, _, ok := s.pull(unhex(t, v.Chunks[1]), nil); ok {
		t.Error("a chunk authenticated out of order")
	}
	if _, _, ok := s.pull(make([]byte, streamOverhead-1), nil); ok {
		t.Error("a chunk shorter than the overhead authenticated")
	}
	if _, err := newPullStream(unhex(t, v.Key), make([]byte, 23)); !errors.Is(err, errHeader) {
		t.Errorf("23-byte header: %v", err)
	}
}
