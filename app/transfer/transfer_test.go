package transfer

import (
	"bytes"
	"errors"
	"fmt"
	pngpkg "image/png"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"twofold.app/app/kdf"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// cheap keeps the tests fast; the format is the same at any cost.
var cheap = kdf.Params{Time: 1, MemoryKiB: 1024, Threads: 1}

// seeded returns a deterministic source of "randomness" for tests.
func seeded(seed byte) *rand.ChaCha8 {
	var s [32]byte
	s[0] = seed
	return rand.NewChaCha8(s)
}

// testAccounts returns n accounts covering every type, algorithm, digit
// count and period, with groups, notes and non-ASCII names.
func testAccounts(n int) []vault.Account {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	out := make([]vault.Account, n)
	names := []string{"alice@example.com", "Bob", "ユーザー", "zoë", ""}
	for i := range out {
		secret := make([]byte, 10+rng.IntN(54))
		for j := range secret {
			secret[j] = byte(rng.Uint32())
		}
		a := vault.Account{
			Issuer: []string{"GitHub", "Example Co", "銀行", "Steam", "Forgejo"}[i%5],
			Name:   names[i%len(names)],
			Key:    otp.Key{Type: otp.TOTP, Algorithm: otp.Algorithm(1 + i%3), Digits: 6 + i%3, Period: []int{30, 60}[i%2], Secret: secret},
		}
		switch i % 7 {
		case 3:
			a.Type, a.Period, a.Counter = otp.HOTP, 0, uint64(rng.IntN(100000))
		case 5:
			a.Type, a.Algorithm, a.Digits, a.Period = otp.Steam, otp.SHA1, 5, 30
		}
		if i%4 == 1 {
			a.Group = "Work"
		}
		if i%6 == 2 {
			a.Note = "recovery codes in the drawer"
		}
		out[i] = a
	}
	return out
}

func mustCode(t testing.TB, s string) Code {
	t.Helper()
	c, err := ParseCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCode(t *testing.T) {
	rng := seeded(1)
	for range 200 {
		c, err := NewCode(rng)
		if err != nil {
			t.Fatal(err)
		}
		s := c.String()
		if len(s) != 14 || s[4] != '-' || s[9] != '-' {
			t.Fatalf("code %q is not grouped as XXXX-XXXX-XXXX", s)
		}
		for _, typed := range []string{s, strings.ToLower(s), strings.ReplaceAll(s, "-", " "), strings.ReplaceAll(s, "-", ""), " " + s + " "} {
			got, err := ParseCode(typed)
			if err != nil || got != c {
				t.Fatalf("ParseCode(%q) = %v, %v; want %v", typed, got, err, c)
			}
		}
		raw := []byte(c.s)
		// Every single wrong character is caught.
		for i := range raw {
			for _, r := range []byte(codeAlphabet) {
				if r == c.s[i] {
					continue
				}
				b := bytes.Clone(raw)
				b[i] = r
				if _, err := ParseCode(string(b)); !errors.Is(err, ErrCodeTypo) {
					t.Fatalf("%s with %c at %d: %v, want ErrCodeTypo", c.s, r, i, err)
				}
			}
		}
		// Every swap of two different characters is caught.
		for i := range raw {
			for j := i + 1; j < len(raw); j++ {
				if raw[i] == raw[j] {
					continue
				}
				b := bytes.Clone(raw)
				b[i], b[j] = b[j], b[i]
				if _, err := ParseCode(string(b)); !errors.Is(err, ErrCodeTypo) {
					t.Fatalf("%s with %d and %d swapped: %v, want ErrCodeTypo", c.s, i, j, err)
				}
			}
		}
	}
	for _, bad := range []string{"", "7KQ2-M9XW-RTB", "7KQ2-M9XW-RTB44", "7KQ2-M9XW-RTBO", "7KQ2-M9XW-RTB1", "7KQ2-M9XW-RTBé"} {
		_, err := ParseCode(bad)
		var te *TypoError
		if !errors.Is(err, ErrCodeTypo) || !errors.As(err, &te) || te.Problem == "" {
			t.Errorf("ParseCode(%q): %v, want a TypoError", bad, err)
		}
	}
}

// TestCodeTypoKind checks that a mistyped code says which mistake it is,
// for screens to word it.
func TestCodeTypoKind(t *testing.T) {
	c, _ := NewCode(seeded(3))
	swapped := []byte(c.s)
	swapped[0] = codeAlphabet[(strings.IndexByte(codeAlphabet, swapped[0])+1)%31]
	tests := []struct {
		typed string
		want  TypoError
	}{
		{"", TypoError{Kind: TypoLength, Len: 0}},
		{c.String()[:13], TypoError{Kind: TypoLength, Len: 11}},
		{c.String() + "2", TypoError{Kind: TypoLength, Len: 13}},
		{"7KQ2-M9XW-RTBO", TypoError{Kind: TypoChar, Char: 'O'}},
		{"7KQ2\u2003M9XW-RTB4", TypoError{Kind: TypoChar, Char: '\u2003'}},
		{"7KQ2ーM9XW－RTB4", TypoError{Kind: TypoChar, Char: 'ー'}},
		{string(swapped), TypoError{Kind: TypoCheck}},
	}
	for _, tt := range tests {
		_, err := ParseCode(tt.typed)
		var te *TypoError
		if !errors.As(err, &te) {
			t.Errorf("ParseCode(%q): %v, want a TypoError", tt.typed, err)
			continue
		}
		if te.Kind != tt.want.Kind || te.Char != tt.want.Char || te.Len != tt.want.Len || te.Problem == "" {
			t.Errorf("ParseCode(%q): %+v, want %+v", tt.typed, *te, tt.want)
		}
	}
}

// TestCodeFullWidth reads a code typed on a Japanese keyboard in
// full-width characters.
func TestCodeFullWidth(t *testing.T) {
	c, _ := NewCode(seeded(2))
	var wide strings.Builder
	for _, r := range c.String() {
		switch {
		case r >= 'A' && r <= 'Z':
			r = r - 'A' + 'Ａ'
		case r >= '0' && r <= '9':
			r = r - '0' + '０'
		case r == '-':
			r = '－'
		}
		wide.WriteRune(r)
	}
	// The code as a Japanese keyboard in full-width mode types it, with
	// full-width dashes or spaces between the groups.
	for _, typed := range []string{wide.String(), strings.ReplaceAll(wide.String(), "－", "\u3000")} {
		got, err := ParseCode(typed)
		if err != nil || got != c {
			t.Fatalf("ParseCode(%q) = %v, %v; want %v", typed, got, err, c)
		}
	}
	// The prolonged sound mark looks like a dash but is not one: a typo,
	// never a guess.
	if _, err := ParseCode(strings.ReplaceAll(wide.String(), "－", "ー")); !errors.Is(err, ErrCodeTypo) {
		t.Fatalf("a code with ー between its groups: %v, want a typo", err)
	}
}

func TestBase45(t *testing.T) {
	for _, v := range []struct{ in, out string }{
		{"AB", "BB8"}, {"Hello!!", "%69 VD92EX0"}, {"base-45", "UJCLQE7W581"}, {"ietf!", "QED8WEX0"}, {"", ""},
	} {
		if got := string(appendBase45(nil, []byte(v.in))); got != v.out {
			t.Errorf("base45(%q) = %q, want %q", v.in, got, v.out)
		}
		if got, err := decodeBase45(v.out); err != nil || string(got) != v.in {
			t.Errorf("decode(%q) = %q, %v; want %q", v.out, got, err, v.in)
		}
		if base45Len(len(v.in)) != len(v.out) {
			t.Errorf("base45Len(%d) = %d, want %d", len(v.in), base45Len(len(v.in)), len(v.out))
		}
	}
	for _, bad := range []string{"GGW", "A", "ABCD", "aBB", "BB8#", ":::"} {
		if _, err := decodeBase45(bad); err == nil {
			t.Errorf("decode(%q) succeeded", bad)
		}
	}
}

// equalAccounts compares what a transfer carries: everything but the ids and
// times.
func equalAccounts(t *testing.T, got, want []vault.Account) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d accounts, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		w.ID, w.Created, w.Modified = "", g.Created, g.Modified
		if w.Type == otp.HOTP {
			w.Period = g.Period
		}
		if g.Issuer != w.Issuer || g.Name != w.Name || g.Group != w.Group || g.Note != w.Note ||
			g.Type != w.Type || g.Algorithm != w.Algorithm || g.Digits != w.Digits || g.Period != w.Period ||
			g.Counter != w.Counter || !bytes.Equal(g.Secret, w.Secret) || g.ID != "" {
			t.Fatalf("account %d = %#v, want %#v", i, g, w)
		}
	}
}

// receive adds texts to a new receiver until it is done and returns it with
// the number of texts used.
func receive(t *testing.T, texts []string) (*Receiver, int) {
	t.Helper()
	r := &Receiver{}
	for i, s := range texts {
		p, err := r.Add(s)
		if err != nil && !errors.Is(err, ErrRepeated) {
			t.Fatalf("code %d: %v", i, err)
		}
		if p.Done() {
			return r, i + 1
		}
	}
	t.Fatalf("not done after %d codes: %+v", len(texts), r.Progress())
	return nil, 0
}

// openReceived opens what r has gathered with code.
func openReceived(t *testing.T, r *Receiver, code Code) []vault.Account {
	t.Helper()
	sealed, err := r.Sealed()
	if err != nil {
		t.Fatal(err)
	}
	got, err := sealed.Open(code, kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRoundTrip(t *testing.T) {
	code, _ := NewCode(seeded(3))
	for _, n := range []int{0, 1, 7, 60, 300} {
		accounts := testAccounts(n)
		m, err := Seal(accounts, code, cheap, seeded(4), kdf.Argon2id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []Situation{Screen, Camera, OldCamera} {
			l := LayoutFor(s)
			frames := m.Frames(l)
			if len(frames) != m.Count(l) {
				t.Fatalf("%d frames, Count says %d", len(frames), m.Count(l))
			}
			shuffled := slices.Clone(frames)
			rand.New(rand.NewPCG(1, uint64(n))).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			r, used := receive(t, shuffled)
			if used != len(frames) {
				t.Errorf("%d accounts, %v: done after %d of %d codes", n, s, used, len(frames))
			}
			equalAccounts(t, openReceived(t, r, code), accounts)
		}
	}
}

// TestOrderKept checks that a transfer keeps the sender's order of the
// accounts (the list is in order, whatever order the codes are read in),
// so that the receiver's vault holds them in that order, and that
// favourites and last uses, which the format has no place for, arrive
// unset.
func TestOrderKept(t *testing.T) {
	c := vault.Contents{}
	for i, a := range testAccounts(12) {
		a.ID = fmt.Sprintf("id%02d", i)
		if err := c.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	// The person arranged the list: the last account first, the first
	// one fourth; one favourite, one used.
	c.Move("id11", 0)
	c.Move("id00", 3)
	c.SetFavourite("id05", true, time.Now())
	c.MarkUsed("id07", time.Now())
	want := slices.Clone(c.Accounts)

	code, _ := NewCode(seeded(30))
	m, err := Seal(c.Accounts, code, cheap, seeded(31), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	frames := m.Frames(LayoutFor(Screen))
	slices.Reverse(frames)
	r, _ := receive(t, frames)
	got := openReceived(t, r, code)
	equalAccounts(t, got, want)
	for i, a := range got {
		if a.Favourite || !a.LastUsed.IsZero() {
			t.Errorf("account %d arrived with favourite %v, last used %v", i, a.Favourite, a.LastUsed)
		}
	}

	// The receiving vault adds them in the same order after its own.
	have := vault.Contents{Accounts: []vault.Account{{ID: "mine", Issuer: "Mine", Key: want[0].Key}}}
	if _, err := have.Merge(vault.Review(got, &have), seeded(32), time.Now()); err != nil {
		t.Fatal(err)
	}
	if len(have.Accounts) != 1+len(want) {
		t.Fatalf("the vault holds %d accounts, want %d", len(have.Accounts), 1+len(want))
	}
	for i, a := range have.Accounts[1:] {
		if !bytes.Equal(a.Secret, want[i].Secret) || a.Issuer != want[i].Issuer || a.Name != want[i].Name {
			t.Errorf("the vault's account %d is %q/%q, want %q/%q", i+1, a.Issuer, a.Name, want[i].Issuer, want[i].Name)
		}
	}
}

func TestWrongCode(t *testing.T) {
	code, _ := NewCode(seeded(5))
	other, _ := NewCode(seeded(6))
	m, err := Seal(testAccounts(3), code, cheap, seeded(7), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := receive(t, m.Frames(LayoutFor(Screen)))
	sealed, err := r.Sealed()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sealed.Open(other, kdf.Argon2id); !errors.Is(err, ErrWrongCode) {
		t.Fatalf("Open with another code: %v, want ErrWrongCode", err)
	}
	// The same message opens with the right code after a wrong one.
	if got, err := sealed.Open(code, kdf.Argon2id); err != nil || len(got) != 3 {
		t.Fatalf("Open after a wrong code: %d accounts, %v", len(got), err)
	}
}

// TestStream reads auto-play codes from a point in the stream, dropping
// some, and checks that about k of them rebuild the message.
func TestStream(t *testing.T) {
	code, _ := NewCode(seeded(8))
	accounts := testAccounts(100)
	m, err := Seal(accounts, code, cheap, seeded(9), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	l := LayoutFor(Camera)
	k := m.Count(l)
	rng := rand.New(rand.NewPCG(2, 3))
	extra := 0
	const trials = 40
	for trial := range trials {
		start := uint64(rng.IntN(3 * k))
		var texts []string
		seen := map[string]bool{}
		for n := start; len(texts) < 4*k; n++ {
			s := m.Stream(l, n)
			if seen[s] {
				t.Fatalf("code %d repeats an earlier code", n)
			}
			seen[s] = true
			if rng.IntN(3) > 0 { // a third of the codes are not read
				texts = append(texts, s)
			}
		}
		r, used := receive(t, texts)
		extra += used - k
		sealed, err := r.Sealed()
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		got, err := sealed.Open(code, kdf.Argon2id)
		if err != nil {
			t.Fatal(err)
		}
		equalAccounts(t, got, accounts)
	}
	// Codes that sum random halves of the blocks are independent but with
	// probability about 2⁻ⁱ after k+i codes; the systematic codes at the
	// start help further.
	if mean := float64(extra) / trials; mean > 3 {
		t.Errorf("%.1f codes over k=%d needed on average, want at most 3", mean, k)
	}
}

func TestReceiverErrors(t *testing.T) {
	code, _ := NewCode(seeded(10))
	m1, _ := Seal(testAccounts(40), code, cheap, seeded(11), kdf.Argon2id)
	m2, _ := Seal(testAccounts(40), code, cheap, seeded(12), kdf.Argon2id)
	l := LayoutFor(OldCamera)
	f1, f2 := m1.Frames(l), m2.Frames(l)
	r := &Receiver{}
	if _, err := r.Add(f1[2]); err != nil {
		t.Fatal(err)
	}
	p, err := r.Add(f1[2])
	if !errors.Is(err, ErrRepeated) || p.Have != 1 {
		t.Errorf("repeated code: %v, have %d; want ErrRepeated, 1", err, p.Have)
	}
	if _, err := r.Add(f2[0]); !errors.Is(err, ErrOtherTransfer) {
		t.Errorf("code of another transfer: %v, want ErrOtherTransfer", err)
	}
	for _, s := range []string{
		"otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP",
		"otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU",
		"hello",
	} {
		if _, err := r.Add(s); !errors.Is(err, ErrNotFrame) {
			t.Errorf("Add(%.20q): %v, want ErrNotFrame", s, err)
		}
	}
	// A damaged character, a cut code and a code with a newer version.
	damaged := []byte(f1[3])
	damaged[len(Prefix)+30] = map[bool]byte{true: 'B', false: 'A'}[damaged[len(Prefix)+30] == 'A']
	for _, s := range []string{string(damaged), f1[3][:len(f1[3])-3], f1[3][:len(f1[3])-1] + "#"} {
		if _, err := r.Add(s); !errors.Is(err, ErrDamaged) {
			t.Errorf("damaged code: %v, want ErrDamaged", err)
		}
	}
	if p := r.Progress(); p.Have != 1 || p.Total != len(f1) || len(p.Missing) != len(f1)-1 || p.Codes != 1 {
		t.Errorf("progress after the bad codes: %+v", p)
	}
	if _, err := r.Sealed(); !errors.Is(err, ErrIncomplete) {
		t.Errorf("Sealed while incomplete: %v, want ErrIncomplete", err)
	}
	// Lower-case prefixes are read.
	if _, err := r.Add("twofold:" + f1[4][len(Prefix):]); err != nil {
		t.Errorf("lower-case prefix: %v", err)
	}
}

// TestVersion refuses frames and messages of a later format.
func TestVersion(t *testing.T) {
	b := []byte{2, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 0, 9, 9, 9}
	if _, err := decodeFrame(string(appendBase45([]byte(Prefix), b))); !errors.Is(err, ErrVersion) {
		t.Errorf("frame version 2: %v, want ErrVersion", err)
	}
	padded := make([]byte, overheadSize)
	padded[0] = 2
	if _, err := parseSealed([8]byte{}, padded); !errors.Is(err, ErrVersion) {
		t.Errorf("message version 2: %v, want ErrVersion", err)
	}
}

// TestParamsBounds checks that parameters out of bounds are refused before
// any derivation, on both sides.
func TestParamsBounds(t *testing.T) {
	code, _ := NewCode(seeded(13))
	never := func(password, salt []byte, p kdf.Params) ([]byte, error) {
		t.Fatalf("derived a key with %+v", p)
		return nil, nil
	}
	for _, p := range []kdf.Params{
		{Time: MaxTime + 1, MemoryKiB: 1024, Threads: 1},
		{Time: 1, MemoryKiB: MaxMemoryKiB + 1, Threads: 1},
		{Time: 1, MemoryKiB: 1024, Threads: MaxThreads + 1},
		{Time: 0, MemoryKiB: 1024, Threads: 1},
	} {
		if _, err := Seal(testAccounts(1), code, p, seeded(14), never); !errors.Is(err, ErrParams) || !errors.Is(err, kdf.ErrParams) {
			t.Errorf("Seal with %+v: %v, want ErrParams", p, err)
		}
		// A hostile sender writes the parameters itself.
		m, err := Seal(testAccounts(1), code, cheap, seeded(14), kdf.Argon2id)
		if err != nil {
			t.Fatal(err)
		}
		m.data[9] = byte(p.Time)
		m.data[10], m.data[11], m.data[12], m.data[13] = byte(p.MemoryKiB>>24), byte(p.MemoryKiB>>16), byte(p.MemoryKiB>>8), byte(p.MemoryKiB)
		m.data[14] = p.Threads
		r, _ := receive(t, m.Frames(LayoutFor(Screen)))
		if _, err := r.Sealed(); !errors.Is(err, ErrParams) {
			t.Errorf("Sealed with %+v: %v, want ErrParams", p, err)
		}
	}
}

// TestDensity checks that every code but the last of a step-by-step
// transfer carries at least 90 % of its version's capacity as message, and
// that every code fits its version in the alphanumeric mode.
func TestDensity(t *testing.T) {
	code, _ := NewCode(seeded(15))
	m, err := Seal(testAccounts(500), code, cheap, seeded(16), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range senderLayouts() {
		s := fmt.Sprintf("v%d-%v", l.Version, l.Level)
		frames := m.Frames(l)
		if len(frames) < 2 {
			t.Fatalf("%v: %d frames", s, len(frames))
		}
		share := float64(base45Len(l.BlockSize())) / float64(l.Capacity())
		if share < 0.9 {
			t.Errorf("%v: message is %.1f %% of a code, want at least 90 %%", s, 100*share)
		}
		for i, f := range append(frames, m.Stream(l, 70000), m.Stream(l, 1<<16-1)) {
			if len(f) > l.Capacity() {
				t.Errorf("%v: code %d has %d characters, more than %d", s, i, len(f), l.Capacity())
			}
			if strings.Trim(f, base45Alphabet) != "" {
				t.Errorf("%v: code %d leaves the alphanumeric mode", s, i)
			}
		}
	}
}

// TestPayloadLimits checks the decoder of the plaintext against lies about
// sizes, and the encoder against accounts it cannot carry.
func TestPayloadLimits(t *testing.T) {
	for _, p := range [][]byte{
		{}, {9}, {storedPlain}, {storedPlain, 0xff, 0xff, 0xff, 0xff, 0x0f},
		{storedPlain, 1, 1, 1, 6, 30, 0xff, 0xff, 0x03},
		{storedPlain, 0, 0}, {storedDeflate, 1, 2, 3},
	} {
		if _, err := unmarshalAccounts(p); !errors.Is(err, errPayload) {
			t.Errorf("unmarshal(%v): %v, want errPayload", p, err)
		}
	}
	bad := testAccounts(1)
	bad[0].Digits = 12
	if _, err := Seal(bad, mustCode(t, "2222-2222-2222"[:0]+validCode(t)), cheap, seeded(1), kdf.Argon2id); !errors.Is(err, otp.ErrDigits) {
		t.Errorf("Seal of an invalid account: %v, want otp.ErrDigits", err)
	}
}

func validCode(t *testing.T) string {
	c, err := NewCode(seeded(99))
	if err != nil {
		t.Fatal(err)
	}
	return c.String()
}

// TestOneFrame checks that a small transfer is one code, exactly as long
// as its message needs, and that auto-play varies it anyway.
func TestOneFrame(t *testing.T) {
	code, _ := NewCode(seeded(17))
	m, err := Seal(testAccounts(1), code, cheap, seeded(18), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	l := LayoutFor(Screen)
	if m.Count(l) != 1 {
		t.Fatalf("one account takes %d codes", m.Count(l))
	}
	f := m.Frames(l)[0]
	if want := len(Prefix) + base45Len(frameOverhead+len(m.data)); len(f) != want {
		t.Errorf("the code has %d characters, want %d", len(f), want)
	}
	if a, b := m.Stream(l, 0), m.Stream(l, 1); a == b || a != f {
		t.Errorf("auto-play repeats its one code, or does not start with it")
	}
}

// TestImage checks that the codes of a transfer are drawn at the layout's
// version, and read back by a QR decoder.
func TestImage(t *testing.T) {
	code, _ := NewCode(seeded(19))
	m, err := Seal(testAccounts(60), code, cheap, seeded(20), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Situation{Screen, Camera, OldCamera} {
		l := LayoutFor(s)
		f := m.Frames(l)[0]
		png, modules, err := Image(f, l, 2)
		if err != nil {
			t.Fatal(err)
		}
		if want := 17 + 4*l.Version + 8; modules != want {
			t.Errorf("%v: %d modules a side, want %d (version %d and the quiet zone)", s, modules, want, l.Version)
		}
		img, err := pngpkg.Decode(bytes.NewReader(png))
		if err != nil {
			t.Fatal(err)
		}
		if w := img.Bounds().Dx(); w != 2*modules {
			t.Errorf("%v: image %d px wide, want %d", s, w, 2*modules)
		}
	}
}

// TestLayoutIn checks that the screen's codes shrink with the window, keep
// four device pixels a module, and stop at version 10.
func TestLayoutIn(t *testing.T) {
	if l := LayoutIn(Screen, 0); l != LayoutFor(Screen) {
		t.Errorf("no limit: %+v, want %+v", l, LayoutFor(Screen))
	}
	last := 0
	for side := 100; side <= 2000; side += 10 {
		l := LayoutIn(Screen, side)
		switch {
		case l.Version < last:
			t.Fatalf("side %d: version %d, smaller than %d for a smaller side", side, l.Version, last)
		case l.Version > 10 && Modules(l.Version)*4 > side:
			t.Fatalf("side %d: version %d has fewer than 4 pixels a module", side, l.Version)
		case l.Version < 40 && Modules(l.Version+1)*4 <= side:
			t.Fatalf("side %d: version %d, but %d fits", side, l.Version, l.Version+1)
		case l.Version < 10:
			t.Fatalf("side %d: version %d", side, l.Version)
		}
		last = l.Version
	}
	if LayoutIn(Camera, 300) != LayoutFor(Camera) {
		t.Error("the camera's layout depends on the room")
	}
	if Modules(1) != 29 || Modules(40) != 185 {
		t.Errorf("Modules(1), Modules(40) = %d, %d; want 29, 185", Modules(1), Modules(40))
	}
}

// TestSealTooLarge checks that Seal refuses a message that the smallest
// layout would cut into more codes than a receiver accepts.
func TestSealTooLarge(t *testing.T) {
	code, _ := NewCode(seeded(21))
	rng := rand.New(rand.NewPCG(5, 5))
	var accounts []vault.Account
	for range 40 {
		b := testAccounts(1)[0]
		note := make([]byte, 60000)
		for i := range note {
			note[i] = base45Alphabet[rng.IntN(len(base45Alphabet))]
		}
		b.Note = string(note)
		accounts = append(accounts, b)
	}
	if _, err := Seal(accounts, code, cheap, seeded(22), kdf.Argon2id); err == nil {
		t.Fatal("Seal made a message too large for a receiver")
	}
	if _, err := Seal(accounts[:5], code, cheap, seeded(22), kdf.Argon2id); err != nil {
		t.Fatalf("Seal of 5 long notes: %v", err)
	}
}

// TestImageFullCodes draws full codes of every screen version and of the
// cameras' layouts: a full frame must fit its version as skip2 encodes it.
func TestImageFullCodes(t *testing.T) {
	code, _ := NewCode(seeded(23))
	m, err := Seal(testAccounts(500), code, cheap, seeded(24), kdf.Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range senderLayouts() {
		for _, n := range []uint64{0, 1, 5000} {
			if _, modules, err := Image(m.Stream(l, n), l, 1); err != nil {
				t.Errorf("v%d-%v code %d: %v", l.Version, l.Level, n, err)
			} else if modules != Modules(l.Version) {
				t.Errorf("v%d-%v code %d: %d modules, want %d", l.Version, l.Level, n, modules, Modules(l.Version))
			}
		}
	}
}

// senderLayouts returns every layout a sender uses: the cameras', and the
// screen's at each version that LayoutIn may choose.
func senderLayouts() []Layout {
	layouts := []Layout{LayoutFor(Camera), LayoutFor(OldCamera)}
	for v := screenMinVersion; v <= LayoutFor(Screen).Version; v++ {
		layouts = append(layouts, Layout{Version: v, Level: LayoutFor(Screen).Level})
	}
	return layouts
}
