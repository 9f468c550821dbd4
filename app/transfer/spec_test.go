package transfer

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"

	"twofold.app/app/internal/testenv"
	"twofold.app/app/kdf"
)

// specPython writes the program of SPEC.md to a temporary directory and
// returns the interpreter and the script, or skips the test, loudly, when
// Python lacks the libraries.
func specPython(t *testing.T) (py, script string) {
	t.Helper()
	code := testenv.SpecPython(t)
	py = testenv.PythonWithLibraries()
	if py == "" {
		t.Skip("python3 with argon2-cffi and PyNaCl not found (Debian: apt-get install python3-argon2 python3-nacl, or make deps): the Python program in SPEC.md was NOT checked")
	}
	script = filepath.Join(t.TempDir(), "decrypt-transfer.py")
	if err := os.WriteFile(script, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	return py, script
}

// runPython runs the program on frames and a typed code and returns its
// output lines, or its error and standard error.
func runPython(t *testing.T, py, script string, frames []string, code string) (lines []string, err error, stderr string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "frames.txt")
	var b strings.Builder
	for _, f := range frames {
		b.WriteString(f + "\n")
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script, file)
	cmd.Stdin = strings.NewReader(code + "\n")
	var stdout, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &errb
	if err := cmd.Run(); err != nil {
		return nil, err, errb.String()
	}
	out := strings.TrimSuffix(stdout.String(), "\n")
	if out == "" {
		return []string{}, nil, ""
	}
	return strings.Split(out, "\n"), nil, ""
}

// TestSpecPython runs the program of SPEC.md on every vector: it must
// print the accounts of each success vector, line for line as the vector
// lists them, and refuse every other vector, naming its outcome first.
func TestSpecPython(t *testing.T) {
	py, script := specPython(t)
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			got, err, stderr := runPython(t, py, script, v.frames, v.code)
			if v.expect == success {
				if err != nil {
					t.Fatalf("decrypt-transfer.py: %v\n%s", err, stderr)
				}
				if strings.Join(got, "\n") != strings.Join(v.accounts, "\n") {
					t.Errorf("decrypt-transfer.py printed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(v.accounts, "\n"))
				}
				return
			}
			if err == nil {
				t.Fatalf("decrypt-transfer.py succeeded on a %s vector", v.expect)
			}
			if !strings.HasPrefix(stderr, "decrypt-transfer.py: "+v.expect+": ") {
				t.Errorf("decrypt-transfer.py: %q, want the outcome %q first", strings.TrimSpace(stderr), v.expect)
			}
		})
	}
}

// TestSpecPythonPayloads seals plaintexts that authenticate but that a
// decoder must judge itself, and requires the program of SPEC.md to agree
// with Go on each: the same accounts, or a refusal by both.
func TestSpecPythonPayloads(t *testing.T) {
	py, script := specPython(t)
	rnd := vectorRand("payloads")
	code, _ := NewCode(rnd)
	accounts := vectorAccounts(rnd)
	good, err := marshalAccounts(accounts)
	if err != nil {
		t.Fatal(err)
	}
	body := inflate(t, good[1:])
	one, _ := marshalAccounts(accounts[:1])
	oneBody := one[1:]
	if one[0] != storedPlain {
		oneBody = inflate(t, one[1:])
	}
	// account returns the list of one account with its fields as given.
	account := func(typ, alg, digits byte, value uint64, secret []byte, texts ...string) []byte {
		b := []byte{storedPlain, 1, typ, alg, digits}
		b = binary.AppendUvarint(b, value)
		b = binary.AppendUvarint(b, uint64(len(secret)))
		b = append(b, secret...)
		for _, s := range append(texts, "", "", "", "")[:4] {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		return b
	}
	secret := []byte("12345678901234567890")
	for _, c := range []struct {
		name  string
		ok    bool // whether a decoder must accept it
		plain []byte
	}{
		{"deflate", true, good},
		{"plain", true, append([]byte{storedPlain}, body...)},
		{"deflate_trailing_bytes", true, append(bytes.Clone(good), 1, 2, 3)}, // after the DEFLATE stream: ignored
		{"empty_list", true, []byte{storedPlain, 0}},
		{"empty", false, nil},
		{"storage_2", false, append([]byte{2}, body...)},
		{"deflate_cut", false, good[:len(good)-4]},
		{"deflate_garbage", false, []byte{storedDeflate, 0xff, 0xff, 0xff}},
		{"zlib_not_raw", false, append([]byte{storedDeflate}, zlibOf(t, body)...)},
		{"inflated_over_16MiB", false, append([]byte{storedDeflate}, deflateOf(t, make([]byte, maxInflated+1))...)},
		{"trailing_byte", false, append(append([]byte{storedPlain}, body...), 0)},
		{"count_too_high", false, append([]byte{storedPlain, 2}, oneBody[1:]...)},
		{"count_over_limit", false, append([]byte{storedPlain}, binary.AppendUvarint(nil, maxAccounts+1)...)},
		{"varint_11_bytes", false, []byte{storedPlain, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0}},
		{"varint_overflow", false, []byte{storedPlain, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}},
		{"varint_long_zero", true, []byte{storedPlain, 0x80, 0x00}}, // zero accounts, not minimal: accepted
		{"totp", true, account(1, 1, 6, 30, secret, "Issuer", "name", "group", "note")},
		{"hotp_max_counter", true, account(2, 3, 8, 1<<64-1, secret, "Issuer")},
		{"steam", true, account(3, 1, 5, 30, secret, "Steam")},
		{"steam_6_digits", false, account(3, 1, 6, 30, secret)},
		{"type_0", false, account(0, 1, 6, 30, secret)},
		{"type_4", false, account(4, 1, 6, 30, secret)},
		{"algorithm_0", false, account(1, 0, 6, 30, secret)},
		{"algorithm_4", false, account(1, 4, 6, 30, secret)},
		{"digits_5", false, account(1, 1, 5, 30, secret)},
		{"digits_9", false, account(2, 1, 9, 0, secret)},
		{"period_0", false, account(1, 1, 6, 0, secret)},
		{"period_300", true, account(1, 1, 6, 300, secret)},
		{"period_301", false, account(3, 1, 5, 301, secret)},
		{"period_2_pow_40", false, account(1, 1, 6, 1<<40, secret)},
		{"hotp_counter_0", true, account(2, 1, 6, 0, secret)},
		{"secret_empty", false, account(1, 1, 6, 30, nil)},
		{"secret_64k", true, account(1, 1, 6, 30, make([]byte, maxFieldSize))},
		{"secret_64k_plus_1", false, account(1, 1, 6, 30, make([]byte, maxFieldSize+1))},
		{"text_not_utf8", false, account(1, 1, 6, 30, secret, "\xff")},
		{"text_surrogate", false, account(1, 1, 6, 30, secret, "\xed\xa0\x80")},
		{"text_controls", true, account(1, 1, 6, 30, secret, "a\x00b\x1f\x7f", "\b\f")},
		{"field_past_end", false, []byte{storedPlain, 1, 1, 1, 6, 30, 20, 1, 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := sealRaw(t, c.plain, code, formatVersion, cheap, cheap, vectorRand("payloads "+c.name))
			v := vector{code: code.String(), frames: m.Frames(LayoutFor(Screen))}
			accounts, goErr := openVector(v, kdf.Argon2id)
			got, pyErr, stderr := runPython(t, py, script, v.frames, v.code)
			if (goErr == nil) != c.ok {
				t.Errorf("Go: %d accounts, %v; want ok=%v", len(accounts), goErr, c.ok)
			}
			switch {
			case goErr != nil && pyErr == nil:
				t.Errorf("Go refuses (%v), Python prints %d accounts", goErr, len(got))
			case goErr == nil && pyErr != nil:
				t.Errorf("Go opens %d accounts, Python refuses: %s", len(accounts), stderr)
			case goErr == nil && strings.Join(got, "\n") != strings.Join(accountLines(accounts), "\n"):
				t.Errorf("Python printed:\n%s\nGo:\n%s", strings.Join(got, "\n"), strings.Join(accountLines(accounts), "\n"))
			case goErr != nil && !strings.HasPrefix(stderr, "decrypt-transfer.py: payload: "):
				t.Errorf("Python: %q, want a payload error", strings.TrimSpace(stderr))
			}
		})
	}
}

func deflateOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

func zlibOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

func inflate(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// specExample returns the worked example of SPEC.md, computed from
// testdata/success_one_frame.txt.
func specExample(t *testing.T) string {
	t.Helper()
	var v vector
	for _, vv := range readVectors(t) {
		if vv.name == "success_one_frame" {
			v = vv
		}
	}
	if len(v.frames) != 1 {
		t.Fatal("success_one_frame is not one frame")
	}
	text := v.frames[0]
	f := frameBytes(t, text)
	n := len(f)
	msg := f[frameHeader : n-checkSize]
	code, err := ParseCode(v.code)
	if err != nil {
		t.Fatal(err)
	}
	p := kdf.Params{Time: uint32(msg[9]), MemoryKiB: binary.BigEndian.Uint32(msg[10:14]), Threads: msg[14]}
	key, err := kdf.Argon2id(code.password(), msg[saltAt:nonceAt], p)
	if err != nil {
		t.Fatal(err)
	}
	aead, _ := chacha20poly1305.NewX(key)
	plain, err := aead.Open(nil, msg[nonceAt:lenAt], msg[headerSize:], msg[:headerSize])
	if err != nil {
		t.Fatal(err)
	}
	list := plain[1:]
	if plain[0] == storedDeflate {
		list = inflate(t, list)
	}
	accounts, err := unmarshalAccounts(plain)
	if err != nil {
		t.Fatal(err)
	}
	a := accounts[0]                                                 // a TOTP account without group or note
	first := []byte{byte(a.Type), byte(a.Algorithm), byte(a.Digits)} // as the list holds it
	first = binary.AppendUvarint(first, uint64(a.Period))
	for _, fld := range [][]byte{a.Secret, []byte(a.Issuer), []byte(a.Name), []byte(a.Group), []byte(a.Note)} {
		first = binary.AppendUvarint(first, uint64(len(fld)))
		first = append(first, fld...)
	}
	if !bytes.HasPrefix(list[1:], first) {
		t.Fatal("the first account is not where the example says")
	}
	h := hex.EncodeToString
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("frame text      %s… (%d characters)", text[:40], len(text))
	w("frame           %d bytes (Base45 of them: %d characters after the prefix)", n, len(text)-len(Prefix))
	w("  version       %s", h(f[0:1]))
	w("  transfer id   %s", h(f[1:9]))
	w("  blocks k      %s (1)", h(f[9:11]))
	w("  seq           %s (0)", h(f[11:13]))
	w("  block         %d bytes: the whole message, k = 1", len(msg))
	w("  check         %s = the first 2 bytes of SHA-256(the %d bytes before it)", h(f[n-2:]), n-2)
	w("message header")
	w("  version       %s", h(msg[0:1]))
	w("  transfer id   %s", h(msg[1:9]))
	w("  t             %s (%d)", h(msg[9:10]), p.Time)
	w("  m             %s (%d KiB)", h(msg[10:14]), p.MemoryKiB)
	w("  p             %s (%d)", h(msg[14:15]), p.Threads)
	w("  salt          %s", h(msg[saltAt:nonceAt]))
	w("  nonce         %s", h(msg[nonceAt:lenAt]))
	w("  length L      %s (%d)", h(msg[lenAt:headerSize]), binary.BigEndian.Uint32(msg[lenAt:headerSize]))
	w("code            %s, typed as %q", code.s, v.code)
	w("key             %s", h(key))
	w("plaintext       %d bytes: storage %02x, then %d bytes of DEFLATE", len(plain), plain[0], len(plain)-1)
	w("account list    %d bytes: count %s (%d)", len(list), h(list[:1]), len(accounts))
	w("  account 1     %s", h(first[:4]))
	w("                  type, algorithm, digits, period %d", accounts[0].Period)
	w("                %s", h(first[4:5+len(accounts[0].Secret)]))
	w("                  secret: %d bytes", len(accounts[0].Secret))
	rest := first[5+len(accounts[0].Secret):]
	w("                %s", h(rest[:1+len(accounts[0].Issuer)]))
	w("                  issuer %q", accounts[0].Issuer)
	rest = rest[1+len(accounts[0].Issuer):]
	w("                %s", h(rest[:1+len(accounts[0].Name)]))
	w("                  name %q", accounts[0].Name)
	rest = rest[1+len(accounts[0].Name):]
	w("                %s", h(rest))
	w("                  group and note, empty")
	return b.String()
}

// TestSpecExample checks that the worked example in SPEC.md is the one
// computed from testdata/success_one_frame.txt.
func TestSpecExample(t *testing.T) {
	spec, err := os.ReadFile("SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	_, example, _ := strings.Cut(string(spec), "testdata/success_one_frame.txt), step by step:\n\n```\n")
	example, _, ok := strings.Cut(example, "```")
	want := specExample(t)
	if !ok || example != want {
		t.Errorf("SPEC.md example:\n%s\nwant:\n%s", example, want)
	}
}

// TestSpecLayouts checks the table of layouts in SPEC.md.
func TestSpecLayouts(t *testing.T) {
	spec, err := os.ReadFile("SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Situation{Screen, Camera, OldCamera} {
		l := LayoutFor(s)
		row := fmt.Sprintf("| %v | %d-%v | %d | %d |", s, l.Version, l.Level, l.Capacity(), l.BlockSize())
		if !strings.Contains(string(spec), row) {
			t.Errorf("SPEC.md does not have the row %q", row)
		}
	}
}
