package transfer

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"twofold.app/app/kdf"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txt from the generator")

// The outcomes of a vector: what reading its frames, in order, and opening
// the transfer with its code gives.
const (
	success       = "success"
	wrongCode     = "wrong code"
	codeTypo      = "code typo"
	incomplete    = "incomplete"
	otherTransfer = "other transfer"
	damaged       = "damaged"
	badParams     = "params"
	newerVersion  = "version"
)

// sentinelFor maps an outcome to the error it must satisfy.
var sentinelFor = map[string]error{
	wrongCode:     ErrWrongCode,
	codeTypo:      ErrCodeTypo,
	incomplete:    ErrIncomplete,
	otherTransfer: ErrOtherTransfer,
	damaged:       ErrDamaged,
	badParams:     ErrParams,
	newerVersion:  ErrVersion,
}

// vector is one testdata file: header lines, a blank line, then one frame
// text a line. Frame texts are kept exactly: Base45 has a space in its
// alphabet, so a frame may end with one.
type vector struct {
	name     string
	expect   string
	code     string // as a person would type it
	comment  string
	accounts []string // success only: the accounts as JSON lines ([accountLine])
	frames   []string
}

func (v vector) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "expect: %s\n", v.expect)
	fmt.Fprintf(&b, "code: %s\n", v.code)
	fmt.Fprintf(&b, "comment: %s\n", v.comment)
	for _, a := range v.accounts {
		fmt.Fprintf(&b, "account: %s\n", a)
	}
	b.WriteString("\n")
	for _, f := range v.frames {
		b.WriteString(f + "\n")
	}
	return b.Bytes()
}

func parseVector(name string, data []byte) (vector, error) {
	v := vector{name: name}
	head, body, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		return v, errors.New("no blank line after the header")
	}
	for _, line := range strings.Split(string(head), "\n") {
		k, val, ok := strings.Cut(line, ": ")
		if !ok {
			return v, fmt.Errorf("bad header line %q", line)
		}
		switch k {
		case "expect":
			v.expect = val
		case "code":
			v.code = val
		case "comment":
			v.comment = val
		case "account":
			v.accounts = append(v.accounts, val)
		default:
			return v, fmt.Errorf("unknown header %q", k)
		}
	}
	if _, ok := sentinelFor[v.expect]; !ok && v.expect != success {
		return v, fmt.Errorf("unknown outcome %q", v.expect)
	}
	if v.expect != success && len(v.accounts) > 0 {
		return v, errors.New("account: lines are for success vectors only")
	}
	if len(body) > 0 && body[len(body)-1] != '\n' {
		return v, errors.New("the last frame does not end with a line feed")
	}
	for _, f := range strings.SplitAfter(string(body), "\n") {
		if f != "" {
			v.frames = append(v.frames, strings.TrimSuffix(f, "\n"))
		}
	}
	return v, nil
}

func readVectors(t testing.TB) []vector {
	t.Helper()
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no vectors in testdata; run go test -run TestVectorsReproducible -update")
	}
	var vs []vector
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v, err := parseVector(strings.TrimSuffix(filepath.Base(f), ".txt"), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		vs = append(vs, v)
	}
	return vs
}

// openVector does what SPEC.md asks of a decoder: read every frame in
// order (a repeated frame is skipped, any other refused frame fails the
// transfer), assemble and check the message, read the code, and open it.
func openVector(v vector, derive kdf.Func) ([]vault.Account, error) {
	var r Receiver
	for _, f := range v.frames {
		if _, err := r.Add(f); err != nil && !errors.Is(err, ErrRepeated) {
			return nil, err
		}
	}
	s, err := r.Sealed()
	if err != nil {
		return nil, err
	}
	code, err := ParseCode(v.code)
	if err != nil {
		return nil, err
	}
	return s.Open(code, derive)
}

// checkOutcome fails t unless err is the outcome want: nil for success, or
// an error matching want's sentinel and no other.
func checkOutcome(t *testing.T, err error, want string) {
	t.Helper()
	if want == success {
		if err != nil {
			t.Errorf("%v, want success", err)
		}
		return
	}
	if !errors.Is(err, sentinelFor[want]) {
		t.Errorf("%v, want errors.Is %v", err, sentinelFor[want])
	}
	for other, e := range sentinelFor {
		if other != want && errors.Is(err, e) {
			t.Errorf("%v also matches %v", err, e)
		}
	}
}

// TestVectors walks testdata: each vector must give its outcome, and a
// success vector exactly the accounts in its header.
func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			accounts, err := openVector(v, kdf.Argon2id)
			checkOutcome(t, err, v.expect)
			if err != nil {
				if accounts != nil {
					t.Errorf("accounts returned with error %v", err)
				}
				return
			}
			got := accountLines(accounts)
			if !slices.Equal(got, v.accounts) {
				t.Errorf("accounts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(v.accounts, "\n"))
			}
		})
	}
}

// TestVectorsReproducible regenerates every vector from the fixed randomness
// and requires the files to be byte-identical: a change to the format shows
// as a diff here (so would a change of the output of Go's compress/flate;
// then check that TestVectors passes on the old files before -update). With
// -update it rewrites the files instead.
func TestVectorsReproducible(t *testing.T) {
	generated := generateVectors(t)
	if *update {
		old, _ := filepath.Glob("testdata/*.txt")
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		for _, v := range generated {
			if err := os.WriteFile(filepath.Join("testdata", v.name+".txt"), v.marshal(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	onDisk := map[string]bool{}
	for _, v := range readVectors(t) {
		onDisk[v.name] = true
	}
	for _, v := range generated {
		delete(onDisk, v.name)
		want, err := os.ReadFile(filepath.Join("testdata", v.name+".txt"))
		if err != nil {
			t.Errorf("%s: %v (run with -update)", v.name, err)
			continue
		}
		if got := v.marshal(); !bytes.Equal(got, want) {
			t.Errorf("%s: generated vector differs from testdata (format change? run with -update)\ngot:\n%s\nwant:\n%s", v.name, got, want)
		}
	}
	for name := range onDisk {
		t.Errorf("testdata/%s.txt is not made by the generator", name)
	}
}

// accountJSON is how the vectors and the Python program of SPEC.md write an
// account: the secret in upper-case base32 without padding, "period" for
// TOTP and Steam, "counter" for HOTP.
type accountJSON struct {
	Issuer    string  `json:"issuer"`
	Name      string  `json:"name"`
	Type      string  `json:"type"`
	Algorithm string  `json:"algorithm"`
	Digits    int     `json:"digits"`
	Period    *int    `json:"period,omitempty"`
	Counter   *uint64 `json:"counter,omitempty"`
	Secret    string  `json:"secret"`
	Group     string  `json:"group"`
	Note      string  `json:"note"`
}

// accountLine returns a as one line of JSON.
func accountLine(a vault.Account) string {
	j := accountJSON{Issuer: a.Issuer, Name: a.Name, Type: a.Type.String(), Algorithm: a.Algorithm.String(),
		Digits: a.Digits, Secret: base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(a.Secret),
		Group: a.Group, Note: a.Note}
	if a.Type == otp.HOTP {
		j.Counter = &a.Counter
	} else {
		j.Period = &a.Period
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(j); err != nil {
		panic(err) // unreachable: strings and numbers only
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func accountLines(accounts []vault.Account) []string {
	out := make([]string, len(accounts))
	for i, a := range accounts {
		out[i] = accountLine(a)
	}
	return out
}

// vectorRand returns the fixed randomness of the vectors: math/rand/v2's
// ChaCha8 seeded with SHA-256 of a label.
func vectorRand(label string) *rand.ChaCha8 {
	return rand.NewChaCha8(sha256.Sum256([]byte("twofold transfer test vectors: " + label)))
}

// vectorAccounts returns the accounts of the vectors: every type,
// algorithm, digit count, the period and counter bounds, secrets of 1 to
// 64 bytes (read from rnd), texts in several scripts, groups and notes.
func vectorAccounts(rnd io.Reader) []vault.Account {
	key := func(typ otp.Type, alg otp.Algorithm, digits, period int, counter uint64, secretLen int) otp.Key {
		s := make([]byte, secretLen)
		io.ReadFull(rnd, s)
		return otp.Key{Type: typ, Algorithm: alg, Digits: digits, Period: period, Counter: counter, Secret: s}
	}
	totp := func(alg otp.Algorithm, digits, period, secretLen int) otp.Key {
		return key(otp.TOTP, alg, digits, period, 0, secretLen)
	}
	return []vault.Account{
		{Issuer: "GitHub", Name: "alice@example.com", Key: totp(otp.SHA1, 6, 30, 20)},
		{Issuer: "Google", Name: "alice.martin@gmail.com", Key: totp(otp.SHA1, 6, 30, 20), Group: "Personal"},
		{Issuer: "Example Co", Name: "bob", Key: totp(otp.SHA256, 8, 60, 32), Group: "Work"},
		{Issuer: "Bank", Name: "", Key: key(otp.HOTP, otp.SHA1, 6, 0, 0, 20), Note: "card reader in the drawer"},
		{Issuer: "Forgejo", Name: "zoë", Key: totp(otp.SHA512, 8, 30, 64)},
		{Issuer: "Steam", Name: "gamer", Key: key(otp.Steam, otp.SHA1, 5, 30, 0, 20), Group: "Games"},
		{Issuer: "銀行", Name: "ユーザー", Key: totp(otp.SHA1, 6, 30, 20), Group: "日本"},
		{Issuer: "", Name: "just-a-name", Key: totp(otp.SHA1, 7, 30, 10)},
		{Issuer: "Ünïcødé & <Co>", Name: "名前", Key: totp(otp.SHA256, 7, 20, 3), Group: "👥",
			Note: "line one\nline \"two\"\ttabbed"},
		{Issuer: "Counter", Name: "max", Key: key(otp.HOTP, otp.SHA512, 7, 0, 1<<64-1, 64)},
		{Issuer: "Fast", Name: "one second", Key: totp(otp.SHA1, 6, 1, 20)},
		{Issuer: "Slow", Name: "five minutes", Key: totp(otp.SHA256, 6, 300, 20)},
		{Issuer: "Tiny", Name: "one-byte secret", Key: totp(otp.SHA1, 6, 30, 1)},
		{Issuer: "🔐 Vault", Name: "ops@example.org", Key: totp(otp.SHA1, 6, 30, 20), Group: "Work"},
		{Issuer: "Cafe\u0301", Name: "e\u0301 decomposed", Key: totp(otp.SHA1, 6, 30, 20)},
		{Issuer: "AWS", Name: "root", Key: key(otp.HOTP, otp.SHA256, 8, 0, 42, 32), Group: "Work"},
		{Issuer: "Microsoft", Name: "alice@outlook.com", Key: totp(otp.SHA1, 6, 30, 20), Group: "Work"},
		{Issuer: "Dropbox", Name: "alice@example.com", Key: totp(otp.SHA1, 6, 30, 20)},
		{Issuer: "Steam", Name: "second", Key: key(otp.Steam, otp.SHA1, 5, 30, 0, 10), Group: "Games"},
		{Issuer: "بنك", Name: "مستخدم", Key: totp(otp.SHA1, 6, 30, 20), Note: "right to left"},
	}
}

// sealRaw seals a plaintext as Seal does, but writes the header's version
// and parameters as given, unchecked, and derives the key with keyParams,
// as a hostile or buggy sender could.
func sealRaw(t testing.TB, plain []byte, code Code, version byte, p, keyParams kdf.Params, rnd io.Reader) *Message {
	t.Helper()
	h := make([]byte, headerSize)
	h[0] = version
	io.ReadFull(rnd, h[1:1+idSize])
	h[9] = byte(p.Time)
	binary.BigEndian.PutUint32(h[10:14], p.MemoryKiB)
	h[14] = p.Threads
	io.ReadFull(rnd, h[saltAt:lenAt])
	binary.BigEndian.PutUint32(h[lenAt:], uint32(len(plain)+chacha20poly1305.Overhead))
	key := argon2.IDKey(code.password(), h[saltAt:nonceAt], keyParams.Time, keyParams.MemoryKiB, keyParams.Threads, kdf.KeySize)
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		t.Fatal(err)
	}
	m := &Message{data: aead.Seal(h, h[nonceAt:lenAt], plain, h)}
	copy(m.id[:], h[1:1+idSize])
	return m
}

// frameBytes returns the binary frame of a frame text.
func frameBytes(t testing.TB, text string) []byte {
	t.Helper()
	b, err := decodeBase45(text[len(Prefix):])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// frameText returns the text of a binary frame, with its check recomputed
// if fix is true.
func frameText(b []byte, fix bool) string {
	b = bytes.Clone(b)
	if fix {
		sum := sha256.Sum256(b[:len(b)-checkSize])
		copy(b[len(b)-checkSize:], sum[:checkSize])
	}
	return string(appendBase45([]byte(Prefix), b))
}

// streamUntilDone returns the stream frames from n on that a receiver
// needs to complete the message. If allZero, the first frame is the first
// one whose coefficient bits are all zero, and only frames that tell the
// receiver something new follow it, so that every frame is needed.
func streamUntilDone(t testing.TB, m *Message, l Layout, n uint64, allZero bool) []string {
	t.Helper()
	k, _ := blocks(len(m.data), l)
	var texts []string
	var r Receiver
	skip := -1
	if allZero {
		for seq := k; ; seq++ {
			if seq >= 1<<16 {
				t.Fatal("no frame with all-zero coefficients")
			}
			if isAllZero(m.id, k, seq) {
				texts = append(texts, m.Stream(l, uint64(seq)))
				r.Add(texts[0])
				skip = seq
				break
			}
		}
	}
	for ; !r.Progress().Done(); n++ {
		s := m.Stream(l, n)
		if int(n%(1<<16)) == skip {
			continue
		}
		before := r.rank
		if _, err := r.Add(s); err != nil {
			t.Fatal(err)
		}
		if !allZero || r.rank > before {
			texts = append(texts, s)
		}
	}
	return texts
}

// seqOf returns the sequence number of a frame text.
func seqOf(text string) int {
	f, err := decodeFrame(text)
	if err != nil {
		panic(err)
	}
	return f.seq
}

// isAllZero reports whether none of the k bits drawn for frame seq is set,
// so that the frame carries block seq mod k alone.
func isAllZero(id [idSize]byte, k, seq int) bool {
	var in [idSize + 2 + 4]byte
	copy(in[:], id[:])
	binary.BigEndian.PutUint16(in[idSize:], uint16(seq))
	for j := 0; j*256 < k; j++ {
		binary.BigEndian.PutUint32(in[idSize+2:], uint32(j))
		sum := sha256.Sum256(in[:])
		for i := 0; i < 256 && j*256+i < k; i++ {
			if sum[i/8]>>(i%8)&1 == 1 {
				return false
			}
		}
	}
	return true
}

// generateVectors makes every vector from fixed randomness.
func generateVectors(t testing.TB) []vector {
	t.Helper()
	rnd := vectorRand("main")
	code, err := NewCode(rnd)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewCode(rnd)
	accounts := vectorAccounts(rnd)
	want := accountLines(accounts)
	seal := func(accounts []vault.Account, rnd io.Reader) *Message {
		m, err := Seal(accounts, code, cheap, rnd, kdf.Argon2id)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	l := LayoutFor(OldCamera)
	m := seal(accounts, rnd)
	frames := m.Frames(l)
	k := len(frames)
	if k < 5 {
		t.Fatalf("the main transfer is %d frames, want several", k)
	}
	plain, err := marshalAccounts(accounts)
	if err != nil {
		t.Fatal(err)
	}
	typed := code.String()

	ok := func(name, comment string, accounts []string, frames []string) vector {
		return vector{name: name, expect: success, code: typed, comment: comment, accounts: accounts, frames: frames}
	}
	fail := func(name, expect, comment string, frames []string) vector {
		return vector{name: name, expect: expect, code: typed, comment: comment, frames: frames}
	}
	with := func(i int, extra ...string) []string { // frames with extra inserted before frame i
		return slices.Concat(frames[:i], extra, frames[i:])
	}
	replace := func(i int, s string) []string { // frames with frame i replaced by s
		return slices.Concat(frames[:i], []string{s}, frames[i+1:])
	}

	// Shuffled, with three frames read twice.
	shuffled := slices.Clone(frames)
	rand.New(vectorRand("shuffle")).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	shuffled = slices.Insert(shuffled, 4, frames[0], shuffled[1])
	shuffled = append(shuffled, shuffled[2])

	// A transfer of two blocks, read from the stream alone, starting with a
	// frame whose coefficient bits are all zero.
	var small *Message
	var smallN int
	for n := 2; n <= len(accounts); n++ {
		if mm := seal(accounts[:n], rnd); mm.Count(l) == 2 {
			small, smallN = mm, n
			break
		}
	}
	if small == nil {
		t.Fatal("no prefix of the accounts makes a two-block transfer")
	}
	fallback := streamUntilDone(t, small, l, 2, true)
	stream := streamUntilDone(t, m, l, uint64(k), false)

	one := seal(accounts[:3], rnd)
	if one.Count(LayoutFor(Screen)) != 1 {
		t.Fatal("three accounts do not fit one Screen frame")
	}
	foreign := seal(accounts[:5], rnd).Frames(l)

	// Frames changed in their binary form.
	third := frameBytes(t, frames[2])
	flipped := bytes.Clone(third)
	flipped[frameHeader+10] ^= 0x01
	bumpK := bytes.Clone(third)
	binary.BigEndian.PutUint16(bumpK[9:11], uint16(k+1))
	v2 := bytes.Clone(third)
	v2[0] = 2

	// Messages a hostile or buggy sender could write: the frames are
	// well-formed, the message is not.
	hostile := func(p, keyParams kdf.Params, version byte) []string {
		return sealRaw(t, plain, code, version, p, keyParams, rnd).Frames(l)
	}
	padded := seal(accounts, rnd)
	padded.data = append(padded.data, 0x80)
	if len(padded.data)%l.BlockSize() == 0 {
		t.Fatal("the padding byte fills the last block; pick other accounts")
	}
	long := seal(accounts, rnd)
	binary.BigEndian.PutUint32(long.data[lenAt:], uint32(long.Count(l)*l.BlockSize()-headerSize+1))
	idChanged := seal(accounts, rnd)
	idChanged.data[1] ^= 0x01

	swapped := []byte(code.s)
	for i := range swapped {
		if swapped[i] != swapped[i+1] {
			swapped[i], swapped[i+1] = swapped[i+1], swapped[i]
			break
		}
	}
	lookalike := []byte(code.s)
	lookalike[5] = 'O'
	var wide strings.Builder
	for i, r := range strings.ToLower(typed) {
		switch {
		case r == '-':
			r = ' '
		case i%2 == 0 && r >= 'a' && r <= 'z':
			r = r - 'a' + 'ａ'
		case i%2 == 1 && r >= 'a' && r <= 'z':
			r = r - 'a' + 'Ａ'
		case r >= '0' && r <= '9':
			r = r - '0' + '０'
		}
		wide.WriteRune(r)
	}

	return []vector{
		ok("success_steps", fmt.Sprintf("%d accounts of every type in %d frames of the old-camera layout (version 10-M), in order", len(accounts), k),
			want, frames),
		ok("success_shuffled", "the frames of success_steps shuffled, three of them read twice", want, shuffled),
		ok("success_stream", fmt.Sprintf("the transfer of success_steps from auto-play frames alone, %d to %d: each a sum of blocks", k, k+len(stream)-1),
			want, stream),
		ok("success_stream_fallback", fmt.Sprintf("%d accounts in 2 blocks, from auto-play frames %d and %d; the coefficient bits of frame %d are all zero, so it carries block %d (%d mod 2) alone", smallN, seqOf(fallback[0]), seqOf(fallback[1]), seqOf(fallback[0]), seqOf(fallback[0])%2, seqOf(fallback[0])),
			want[:smallN], fallback),
		ok("success_one_frame", "3 accounts in one frame of the screen layout, the block exactly as long as the message", want[:3], one.Frames(LayoutFor(Screen))),
		{name: "success_code_typed", expect: success, code: " " + strings.ReplaceAll(strings.ToLower(typed), "-", " - ") + "\t",
			comment: "the code typed in lower case with spaces, dashes and a tab", accounts: want, frames: frames},
		{name: "success_code_fullwidth", expect: success, code: wide.String(),
			comment: "the code typed with full-width letters and digits, spaces for dashes", accounts: want, frames: frames},

		{name: "wrong_code", expect: wrongCode, code: other.String(), comment: "a well-formed code of another transfer", frames: frames},
		fail("forged_frame", wrongCode, "a block byte of the third frame changed and its check recomputed: the frames pass, the message does not open, as with a wrong code",
			replace(2, frameText(flipped, true))),
		{name: "code_typo_swap", expect: codeTypo, code: Code{s: string(swapped)}.String(), comment: "two neighbouring characters of the code swapped", frames: frames},
		{name: "code_typo_letter", expect: codeTypo, code: Code{s: string(lookalike)}.String(), comment: "the letter O, never in a code, for a character", frames: frames},
		{name: "code_typo_short", expect: codeTypo, code: typed[:len(typed)-1], comment: "the last character of the code left out", frames: frames},

		fail("incomplete", incomplete, "the third frame missing", slices.Delete(slices.Clone(frames), 2, 3)),
		fail("incomplete_empty", incomplete, "no frame at all", nil),
		fail("other_transfer", otherTransfer, "a frame of another transfer between the second and the third", with(2, foreign[0])),
		fail("damaged_check", damaged, "a block byte of the third frame changed, the check left as it was", replace(2, frameText(flipped, false))),
		fail("damaged_base45", damaged, "a character outside the Base45 alphabet in the third frame",
			replace(2, frames[2][:20]+"a"+frames[2][21:])),
		fail("damaged_cut", damaged, "the third frame cut short by three characters", replace(2, frames[2][:len(frames[2])-3])),
		fail("damaged_blocks", damaged, "the third frame giving one block more than the others, its check recomputed",
			replace(2, frameText(bumpK, true))),
		fail("damaged_padding", damaged, "the message padded with a non-zero byte after the ciphertext", padded.Frames(l)),
		fail("damaged_length", damaged, "the message header gives a ciphertext longer than the blocks hold", long.Frames(l)),
		fail("damaged_id", damaged, "the message header names another transfer id than its frames", idChanged.Frames(l)),

		fail("params_time", badParams, "t=11, over the bound of 10, written and sealed by a hostile sender: the AEAD opens with Argon2id t=11 m=1024 p=1, but a decoder must refuse before deriving",
			hostile(kdf.Params{Time: 11, MemoryKiB: 1024, Threads: 1}, kdf.Params{Time: 11, MemoryKiB: 1024, Threads: 1}, 1)),
		fail("params_threads", badParams, "p=5, over the bound of 4, written and sealed by a hostile sender: the AEAD opens with Argon2id t=1 m=1024 p=5",
			hostile(kdf.Params{Time: 1, MemoryKiB: 1024, Threads: 5}, kdf.Params{Time: 1, MemoryKiB: 1024, Threads: 5}, 1)),
		fail("params_memory", badParams, "m=4294967295 KiB (4 TiB), over the bound of 262144; the AEAD was sealed with the key of t=1 m=1024 p=1, since no one can derive this one",
			hostile(kdf.Params{Time: 1, MemoryKiB: 1<<32 - 1, Threads: 1}, cheap, 1)),
		fail("params_zero_time", badParams, "t=0, which Argon2id does not define; the AEAD was sealed with the key of t=1 m=1024 p=1",
			hostile(kdf.Params{Time: 0, MemoryKiB: 1024, Threads: 1}, cheap, 1)),
		fail("params_memory_threads", badParams, "m=16 KiB for p=4: less than 8 KiB a lane; the AEAD was sealed with the key of t=1 m=1024 p=1",
			hostile(kdf.Params{Time: 1, MemoryKiB: 16, Threads: 4}, cheap, 1)),

		fail("version_frame", newerVersion, "the third frame of format version 2, with a valid check",
			replace(2, frameText(v2, true))),
		fail("version_message", newerVersion, "well-formed frames of a message of format version 2",
			hostile(cheap, cheap, 2)),
	}
}

// TestVectorsHostileParams checks what the comments of params_time and
// params_threads say: their AEAD opens with the parameters they name, so
// only the bounds stop a decoder.
func TestVectorsHostileParams(t *testing.T) {
	for _, v := range readVectors(t) {
		if v.name != "params_time" && v.name != "params_threads" {
			continue
		}
		var r Receiver
		for _, f := range v.frames {
			if _, err := r.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		var msg []byte
		for _, p := range r.rows {
			msg = append(msg, p.data...)
		}
		msg = msg[:headerSize+int(binary.BigEndian.Uint32(msg[lenAt:headerSize]))]
		code, _ := ParseCode(v.code)
		key := argon2.IDKey(code.password(), msg[saltAt:nonceAt], uint32(msg[9]), binary.BigEndian.Uint32(msg[10:14]), msg[14], kdf.KeySize)
		aead, _ := chacha20poly1305.NewX(key)
		plain, err := aead.Open(nil, msg[nonceAt:lenAt], msg[headerSize:], msg[:headerSize])
		if err != nil {
			t.Fatalf("%s: the AEAD does not open with the parameters it names", v.name)
		}
		if _, err := unmarshalAccounts(plain); err != nil {
			t.Errorf("%s: %v", v.name, err)
		}
	}
}
