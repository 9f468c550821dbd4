package transfer

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/kdf"
	"twofold.app/app/vault"
)

// fuzzKDF stands for Argon2id in fuzzing: a key hashed from the password
// and the salt, checked parameters and nothing else, so that each run takes
// microseconds (Argon2id under the fuzzer's instrumentation takes a large
// part of a second). Like Argon2id, only the right code and salt give the
// key a message was sealed with.
func fuzzKDF(password, salt []byte, p kdf.Params) ([]byte, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	k := sha256.Sum256(append(append([]byte("fuzz kdf "), password...), salt...))
	return k[:], nil
}

// exactlyOne fails t unless err matches exactly one of the sentinels.
func exactlyOne(t *testing.T, what string, err error, sentinels ...error) {
	t.Helper()
	n := 0
	for _, e := range sentinels {
		if errors.Is(err, e) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%s: %v matches %d of the documented errors, want 1", what, err, n)
	}
}

// addErrors are the errors [Receiver.Add] documents.
var addErrors = []error{ErrNotFrame, ErrDamaged, ErrVersion, ErrOtherTransfer, ErrRepeated}

// checkProgress fails t if p is inconsistent.
func checkProgress(t *testing.T, p Progress) {
	t.Helper()
	if p.Have < 0 || p.Have > p.Total || len(p.Missing) != p.Total-p.Have || p.Codes < 0 {
		t.Fatalf("inconsistent progress %+v", p)
	}
}

// fuzzFixture is a transfer of the vectors' accounts sealed with fuzzKDF:
// its step-by-step frames and the accounts they carry.
type fuzzFixture struct {
	code   Code
	frames []string
	want   []string
}

func newFuzzFixture(f *testing.F) fuzzFixture {
	rnd := vectorRand("fuzz")
	code, _ := NewCode(rnd)
	accounts := vectorAccounts(rnd)
	m, err := Seal(accounts, code, cheap, rnd, fuzzKDF)
	if err != nil {
		f.Fatal(err)
	}
	return fuzzFixture{code, m.Frames(LayoutFor(OldCamera)), accountLines(accounts)}
}

// FuzzReceiver checks the receiver against any texts and against a valid
// transfer with one frame changed. Add, Sealed and Open must never panic,
// fail only with their documented errors, and keep the progress
// consistent. The changed transfer must either be refused or open to
// exactly the accounts sealed: no change to a frame, check recomputed or
// not, gets other accounts past the AEAD.
func FuzzReceiver(f *testing.F) {
	fx := newFuzzFixture(f)
	for i, v := range readVectors(f) {
		f.Add(strings.Join(v.frames, "\n"), uint8(i), uint16(i*37), byte(1)<<(i%8), i%2 == 0)
	}
	f.Add("", uint8(0), uint16(0), byte(0), false)
	f.Fuzz(func(t *testing.T, texts string, which uint8, pos uint16, xor byte, fix bool) {
		// Any texts, read in order, then opened with the vectors' code
		// (which fails: the vectors were sealed with Argon2id).
		var r Receiver
		for _, s := range strings.Split(texts, "\n") {
			before := r.Progress()
			p, err := r.Add(s)
			checkProgress(t, p)
			if err != nil {
				exactlyOne(t, "Add", err, addErrors...)
				if !slices.Equal(p.Missing, before.Missing) || p.Have != before.Have || p.Codes != before.Codes {
					t.Fatalf("Add changed the progress from %+v to %+v with %v", before, p, err)
				}
			}
		}
		s, err := r.Sealed()
		if err != nil {
			exactlyOne(t, "Sealed", err, ErrIncomplete, ErrDamaged, ErrVersion, ErrParams)
			if errors.Is(err, ErrIncomplete) == r.Progress().Done() {
				t.Fatalf("Sealed: %v, but progress %+v", err, r.Progress())
			}
		} else {
			if !r.Progress().Done() {
				t.Fatalf("Sealed returned a message at progress %+v", r.Progress())
			}
			code, _ := ParseCode("G3HH-2T6Q-KMM2")
			if _, err := s.Open(code, fuzzKDF); err != nil && !errors.Is(err, ErrWrongCode) && !errors.Is(err, errPayload) {
				t.Fatalf("Open: %v", err)
			}
		}

		// A valid transfer with one frame changed.
		frames := slices.Clone(fx.frames)
		i := int(which) % len(frames)
		b := frameBytes(t, frames[i])
		b[int(pos)%len(b)] ^= xor
		frames[i] = frameText(b, fix)
		var r2 Receiver
		for _, s := range frames {
			if _, err := r2.Add(s); err != nil {
				exactlyOne(t, "Add", err, addErrors...)
			}
		}
		s, err = r2.Sealed()
		var lines []string
		if err == nil {
			var accounts []vault.Account
			accounts, err = s.Open(fx.code, fuzzKDF)
			lines = accountLines(accounts)
		}
		switch {
		case err == nil && !slices.Equal(lines, fx.want):
			t.Fatalf("a changed frame opened to other accounts:\n%s", strings.Join(lines, "\n"))
		case err != nil && xor == 0:
			t.Fatalf("the unchanged transfer: %v", err)
		case err != nil:
			exactlyOne(t, "the changed transfer", err, ErrIncomplete, ErrDamaged, ErrVersion, ErrParams, ErrWrongCode)
		}
	})
}

// FuzzPayload checks that unmarshalAccounts never panics, fails only with
// errPayload, and that whatever it reads marshals and reads back the same.
func FuzzPayload(f *testing.F) {
	for _, n := range []int{0, 1, 3, 20} {
		accounts := vectorAccounts(vectorRand("payload"))[:n]
		p, err := marshalAccounts(accounts)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p)
		if p[0] == storedDeflate {
			body, err := inflateBytes(p[1:])
			if err != nil {
				f.Fatal(err)
			}
			f.Add(append([]byte{storedPlain}, body...))
		}
	}
	for _, p := range [][]byte{
		{}, {9}, {storedPlain}, {storedPlain, 0xff, 0xff, 0xff, 0xff, 0x0f},
		{storedPlain, 1, 1, 1, 6, 30, 0xff, 0xff, 0x03},
		{storedPlain, 0, 0}, {storedDeflate, 1, 2, 3},
	} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		accounts, err := unmarshalAccounts(p)
		if err != nil {
			if !errors.Is(err, errPayload) {
				t.Fatalf("unmarshal: %v, want errPayload", err)
			}
			if accounts != nil {
				t.Fatal("accounts returned with an error")
			}
			return
		}
		q, err := marshalAccounts(accounts)
		if err != nil {
			t.Fatalf("accounts read do not marshal: %v", err)
		}
		again, err := unmarshalAccounts(q)
		if err != nil {
			t.Fatalf("marshalled accounts do not read back: %v", err)
		}
		if !slices.Equal(accountLines(again), accountLines(accounts)) {
			t.Fatalf("round trip changed the accounts:\n%s\n%s",
				strings.Join(accountLines(accounts), "\n"), strings.Join(accountLines(again), "\n"))
		}
	})
}

func inflateBytes(b []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReader(bytes.NewReader(b)))
}

// specCode reads a typed code by the steps of SPEC.md ("Typed input"),
// written apart from ParseCode to check it.
func specCode(s string) (string, bool) {
	var out []rune
	for _, r := range s {
		if strings.ContainsRune(" \t\u00a0-\u2010\u2013\u3000\uff0d", r) {
			continue
		}
		if 0xFF10 <= r && r <= 0xFF19 || 0xFF21 <= r && r <= 0xFF3A || 0xFF41 <= r && r <= 0xFF5A {
			r -= 0xFEE0
		}
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return "", false
		}
		out = append(out, r)
	}
	sum := 0
	for i, r := range out {
		sum += (i + 1) * strings.IndexRune(codeAlphabet, r)
	}
	return string(out), len(out) == codeLen && sum%31 == 0
}

// FuzzParseCode checks that ParseCode never panics, fails only with
// ErrCodeTypo, agrees with the steps of SPEC.md, and that a code's String
// reads back as the same code.
func FuzzParseCode(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.code)
	}
	for _, s := range []string{"", "7KQ2-M9XW-RTB4", "g3hh 2t6q kmm2", "Ｇ３ＨＨ－２Ｔ６Ｑ－ＫＭＭ２", "G3HH\u20132T6Q\u2010KMM2\u00a0", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		want, ok := specCode(s)
		if ok != (err == nil) || ok && c.s != want {
			t.Fatalf("ParseCode(%q) = %q, %v; SPEC.md reads %q, %v", s, c.s, err, want, ok)
		}
		if err != nil {
			if !errors.Is(err, ErrCodeTypo) || !c.IsZero() {
				t.Fatalf("ParseCode(%q): %v, %q", s, err, c.s)
			}
			return
		}
		str := c.String()
		if len(str) != 14 || str[4] != '-' || str[9] != '-' {
			t.Fatalf("String() = %q", str)
		}
		again, err := ParseCode(str)
		if err != nil || again != c {
			t.Fatalf("ParseCode(%q) = %q, %v; want %q", str, again.s, err, c.s)
		}
	})
}

// FuzzBase45 checks that decoding inverts encoding, and that the decoder
// accepts exactly the canonical texts: a text it accepts is the encoding of
// what it decodes to.
func FuzzBase45(f *testing.F) {
	for _, v := range readVectors(f) {
		for _, fr := range v.frames {
			b, err := decodeBase45(fr[len(Prefix):])
			if err == nil {
				f.Add(b, fr[len(Prefix):])
			}
		}
	}
	for _, s := range []string{"", "BB8", "%69 VD92EX0", "GGW", "A", "ABCD", "aBB", "BB8#", ":::", "FGW", "U5"} {
		f.Add([]byte(s), s)
	}
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		enc := appendBase45(nil, data)
		if len(enc) != base45Len(len(data)) {
			t.Fatalf("%d characters for %d bytes, base45Len says %d", len(enc), len(data), base45Len(len(data)))
		}
		if strings.Trim(string(enc), base45Alphabet) != "" {
			t.Fatalf("encoding %x leaves the alphabet: %q", data, enc)
		}
		dec, err := decodeBase45(string(enc))
		if err != nil || !bytes.Equal(dec, data) {
			t.Fatalf("decode(encode(%x)) = %x, %v", data, dec, err)
		}
		dec, err = decodeBase45(text)
		if err != nil {
			if !errors.Is(err, errBase45) {
				t.Fatalf("decode(%q): %v", text, err)
			}
			return
		}
		if again := appendBase45(nil, dec); string(again) != text {
			t.Fatalf("decode(%q) = %x, which encodes as %q", text, dec, again)
		}
	})
}
