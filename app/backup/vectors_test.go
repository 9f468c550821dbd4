package backup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/chacha20"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txt from the generator")

// cheapParams keep the vectors fast to open. They are within the bounds, so
// they exercise the real derivation.
var cheapParams = vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}

// vectorTime is the creation time of the vectors.
var vectorTime = time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)

// detRand is a deterministic random source: the ChaCha20 keystream under
// SHA-256(seed) with a zero nonce. It makes the vectors reproducible.
type detRand struct{ c *chacha20.Cipher }

func newDetRand(seed string) io.Reader {
	k := sha256.Sum256([]byte(seed))
	c, err := chacha20.NewUnauthenticatedCipher(k[:], make([]byte, chacha20.NonceSize))
	if err != nil {
		panic(err)
	}
	return &detRand{c}
}

func (r *detRand) Read(p []byte) (int, error) {
	clear(p)
	r.c.XORKeyStream(p, p)
	return len(p), nil
}

// The outcomes of a vector, for Open (expect) and Inspect (inspect).
const (
	success       = "success"
	wrongPass     = "wrong passphrase"
	isDamaged     = "damaged"
	notBackup     = "not a backup"
	isUnsupported = "unsupported"
)

// sentinelFor maps an outcome to the error it must satisfy.
var sentinelFor = map[string]error{
	wrongPass:     ErrWrongPassphrase,
	isDamaged:     ErrDamaged,
	notBackup:     ErrNotBackup,
	isUnsupported: ErrUnsupportedVersion,
}

// vector is one testdata file.
type vector struct {
	name       string
	expect     string // outcome of Open
	inspect    string // outcome of Inspect
	passphrase string
	payload    string // hex SHA-256 of the plaintext payload, success only
	created    string // the creation time, success only
	comment    string
	file       []byte
}

func (v vector) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "expect: %s\n", v.expect)
	fmt.Fprintf(&b, "inspect: %s\n", v.inspect)
	fmt.Fprintf(&b, "passphrase: %s\n", v.passphrase)
	if v.payload != "" {
		fmt.Fprintf(&b, "payload: %s\n", v.payload)
		fmt.Fprintf(&b, "created: %s\n", v.created)
	}
	fmt.Fprintf(&b, "comment: %s\n", v.comment)
	b.WriteString("\n")
	b.Write(v.file)
	return b.Bytes()
}

func parseVector(name string, data []byte) (vector, error) {
	v := vector{name: name}
	head, file, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		return v, errors.New("no blank line after the header")
	}
	v.file = file
	for _, line := range strings.Split(string(head), "\n") {
		k, val, ok := strings.Cut(line, ": ")
		if !ok {
			k, val, ok = strings.Cut(line, ":") // "passphrase:" with nothing after
			if !ok || val != "" {
				return v, fmt.Errorf("bad header line %q", line)
			}
		}
		switch k {
		case "expect":
			v.expect = val
		case "inspect":
			v.inspect = val
		case "passphrase":
			v.passphrase = val
		case "payload":
			v.payload = val
		case "created":
			v.created = val
		case "comment":
			v.comment = val
		default:
			return v, fmt.Errorf("unknown header %q", k)
		}
	}
	for _, o := range []string{v.expect, v.inspect} {
		if _, ok := sentinelFor[o]; !ok && o != success {
			return v, fmt.Errorf("unknown outcome %q", o)
		}
	}
	if (v.expect == success) != (v.payload != "") {
		return v, errors.New("payload: is for success vectors, and required there")
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

// checkOutcome fails t unless err is the outcome want: nil for success, or
// an error matching want's sentinel and no other.
func checkOutcome(t *testing.T, what string, err error, want string) {
	t.Helper()
	if want == success {
		if err != nil {
			t.Errorf("%s: %v, want success", what, err)
		}
		return
	}
	if !errors.Is(err, sentinelFor[want]) {
		t.Errorf("%s: %v, want errors.Is %v", what, err, sentinelFor[want])
	}
	for other, e := range sentinelFor {
		if other != want && errors.Is(err, e) {
			t.Errorf("%s: %v also matches %v", what, err, e)
		}
	}
}

// TestVectors walks testdata: Open and Inspect must give each vector's
// outcomes, and a success vector its payload and creation time.
func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			b, err := Open(v.file, []byte(v.passphrase), vault.Argon2id)
			checkOutcome(t, "Open", err, v.expect)
			if err != nil && b != nil {
				t.Errorf("Open returned a backup with error %v", err)
			}
			h, ierr := Inspect(v.file)
			checkOutcome(t, "Inspect", ierr, v.inspect)
			if ierr != nil && h != (Header{}) {
				t.Errorf("Inspect returned a header with error %v", ierr)
			}
			if v.expect != success || b == nil {
				return
			}
			plaintext, version, err := vault.MarshalContents(b.Contents)
			if err != nil {
				t.Fatal(err)
			}
			if got := hexSHA256(plaintext); got != v.payload {
				t.Errorf("payload re-encodes to SHA-256 %s, want %s", got, v.payload)
			}
			if got := b.Created.Format(time.RFC3339); got != v.created {
				t.Errorf("Created %s, want %s", got, v.created)
			}
			if !h.Created.Equal(b.Created) || h.Version != version || h.KDF != "argon2id" {
				t.Errorf("Inspect: %+v, does not match the opened backup", h)
			}
			// The read-back of Seal accepts the file, given the key and the
			// check its passphrase gives: it is no stricter than Open.
			hdr, _, err := parse(v.file)
			if err != nil {
				t.Fatal(err)
			}
			key, check, err := deriveKeys(vault.Argon2id, []byte(v.passphrase), hdr.salt, hdr.params)
			if err != nil {
				t.Fatal(err)
			}
			if err := readBack(v.file, key, check, plaintext); err != nil {
				t.Errorf("readBack: %v", err)
			}
		})
	}
}

// TestVectorsReproducible regenerates every vector from the fixed randomness
// and requires the files to be byte-identical: a change to the format shows
// as a diff here. With -update it rewrites the files instead.
func TestVectorsReproducible(t *testing.T) {
	generated := generateVectors(t)
	if *update {
		old, _ := filepath.Glob("testdata/*.txt")
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
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

func hexSHA256(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// sampleContents returns accounts covering every type and algorithm, with
// IDs read from rand.
func sampleContents(t testing.TB, rand io.Reader) *vault.Contents {
	t.Helper()
	created := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	c := &vault.Contents{Settings: vault.Settings{LockAfter: 10 * time.Minute}}
	for _, a := range []vault.Account{
		{Issuer: "Example", Name: "alice@example.com", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1,
			Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}, Group: "Work"},
		{Issuer: "Bank", Name: "bob", Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA256,
			Digits: 8, Counter: 42, Secret: []byte("12345678901234567890123456789012")}, Note: "card reader backup"},
		{Issuer: "Steam", Name: "gamer", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1,
			Digits: 5, Period: 30, Secret: []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}},
		{Issuer: "Cloud", Name: "ops", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512,
			Digits: 8, Period: 60, Secret: []byte("1234567890123456789012345678901234567890123456789012345678901234")}},
	} {
		id, err := vault.NewID(rand)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = id
		a.Created = created
		a.Modified = created.Add(90*time.Second + 250*time.Millisecond)
		if err := c.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// fixture is a backup made from fixed randomness.
type fixture struct {
	passphrase string
	params     vault.Params
	contents   *vault.Contents
	payload    []byte
	version    int // of the payload and the file
	file       []byte
	rand       io.Reader // goes on after the backup, for variants
}

func newFixture(t testing.TB, seed, passphrase string, p vault.Params, c func(io.Reader) *vault.Contents) fixture {
	t.Helper()
	rand := newDetRand(seed)
	contents := c(rand)
	file, err := Seal(contents, []byte(passphrase), p, vault.Argon2id, rand, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	payload, version, err := vault.MarshalContents(contents)
	if err != nil {
		t.Fatal(err)
	}
	return fixture{passphrase, p, contents, payload, version, file, rand}
}

// sealRaw seals an arbitrary payload with f's passphrase, parameters and
// version.
func (f fixture) sealRaw(t testing.TB, plaintext []byte) []byte {
	t.Helper()
	file, key, _, err := seal(plaintext, f.version, []byte(f.passphrase), f.params, vault.Argon2id, f.rand, vectorTime)
	if err != nil {
		t.Fatal(err)
	}
	clear(key)
	return file
}

// fileLines splits a file as Seal writes it into lines without their line
// feeds; joinLines is its inverse.
func fileLines(file []byte) []string {
	return strings.Split(strings.TrimSuffix(string(file), "\n"), "\n")
}

func joinLines(ls []string, eol string) []byte {
	return []byte(strings.Join(ls, eol) + eol)
}

// bodyStart is the index of the first body line in fileLines: the BEGIN
// line, seven header lines and the empty line come first.
const bodyStart = 9

// edit returns file with each line passed through e, which may return
// several lines or none.
func edit(file []byte, e func(i int, line string) []string) []byte {
	var out []string
	for i, l := range fileLines(file) {
		out = append(out, e(i, l)...)
	}
	return joinLines(out, "\n")
}

// setHeader replaces the value of the header line key.
func setHeader(t testing.TB, file []byte, key, value string) []byte {
	t.Helper()
	found := false
	out := edit(file, func(i int, l string) []string {
		if i < bodyStart && strings.HasPrefix(l, key+": ") {
			found = true
			return []string{key + ": " + value}
		}
		return []string{l}
	})
	if !found {
		t.Fatalf("no header line %s", key)
	}
	return out
}

func headerValue(t testing.TB, file []byte, key string) string {
	t.Helper()
	for _, l := range fileLines(file)[:bodyStart] {
		if v, ok := strings.CutPrefix(l, key+": "); ok {
			return v
		}
	}
	t.Fatalf("no header line %s", key)
	return ""
}

// body returns the decoded body of a file as Seal writes it.
func body(t testing.TB, file []byte) []byte {
	t.Helper()
	ls := fileLines(file)
	b, err := b64.DecodeString(strings.Join(ls[bodyStart:len(ls)-1], ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withBody returns file with its body replaced by b, wrapped every width
// characters, and nothing else changed.
func withBody(file, b []byte, width int) []byte {
	ls := fileLines(file)
	out := append([]string{}, ls[:bodyStart]...)
	enc := b64.EncodeToString(b)
	for len(enc) > width {
		out = append(out, enc[:width])
		enc = enc[width:]
	}
	out = append(out, enc, endLine)
	return joinLines(out, "\n")
}

// flipBody flips the lowest bit of byte i of the body (counted from the end
// if negative).
func flipBody(t testing.TB, file []byte, i int) []byte {
	t.Helper()
	b := body(t, file)
	if i < 0 {
		i += len(b)
	}
	b[i] ^= 1
	return withBody(file, b, lineWidth)
}

func generateVectors(t testing.TB) []vector {
	t.Helper()
	const passphrase = "correct horse battery staple"
	base := newFixture(t, "twofold backup test vectors", passphrase, cheapParams,
		func(r io.Reader) *vault.Contents { return sampleContents(t, r) })
	uni := newFixture(t, "twofold backup test vectors: unicode", "pässwörd 🔑 ünïcode",
		vault.Params{Time: 2, MemoryKiB: 64, Threads: 2},
		func(r io.Reader) *vault.Contents {
			id, _ := vault.NewID(r)
			when := time.Date(2001, 2, 3, 4, 5, 6, 789, time.UTC)
			return &vault.Contents{Accounts: []vault.Account{{ID: id, Issuer: "Ünïcødé & <Co>", Name: "名前",
				Key:   otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 7, Period: 20, Secret: []byte{0xff, 0xfe, 0}},
				Group: "👥", Note: "line one\nline \"two\"", Created: when, Modified: when}},
				Settings: vault.Settings{LockAfter: vault.NeverLock}}
		})
	empty := newFixture(t, "twofold backup test vectors: empty", "", cheapParams,
		func(io.Reader) *vault.Contents { return &vault.Contents{} })
	realistic := newFixture(t, "twofold backup test vectors: default parameters", passphrase, vault.DefaultParams,
		func(r io.Reader) *vault.Contents { return sampleContents(t, r) })
	// A backup of version 2: the accounts of base, one of them a favourite,
	// two of them used, listed by recent use and compact.
	v2 := newFixture(t, "twofold backup test vectors: version 2", passphrase, cheapParams,
		func(r io.Reader) *vault.Contents {
			c := sampleContents(t, r)
			c.Accounts[1].Favourite = true
			c.Accounts[0].LastUsed = time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC)
			c.Accounts[3].LastUsed = time.Date(2026, 11, 24, 19, 2, 3, 500_000_000, time.UTC)
			c.Settings.Sort, c.Settings.Density = vault.SortRecent, vault.DensityCompact
			return c
		})
	if base.version != 1 || v2.version != 2 {
		t.Fatalf("fixtures of versions %d and %d, want 1 and 2", base.version, v2.version)
	}

	ok := func(f fixture, name, comment string, file []byte) vector {
		return vector{name: name, expect: success, inspect: success, passphrase: f.passphrase,
			payload: hexSHA256(f.payload), created: vectorTime.Format(time.RFC3339), comment: comment, file: file}
	}
	fail := func(name, expect, inspect, comment string, file []byte) vector {
		return vector{name: name, expect: expect, inspect: inspect, passphrase: passphrase, comment: comment, file: file}
	}
	// late is damage found only with the right passphrase; early is found
	// by Inspect too.
	late := func(name, comment string, file []byte) vector { return fail(name, isDamaged, success, comment, file) }
	early := func(name, comment string, file []byte) vector { return fail(name, isDamaged, isDamaged, comment, file) }

	ls := fileLines(base.file)
	if ls[bodyStart-1] != "" || ls[len(ls)-1] != endLine || len(ls) < bodyStart+4 {
		t.Fatal("the base file does not have the expected layout")
	}
	baseBody := body(t, base.file)
	header := func(key, value string) []byte { return setHeader(t, base.file, key, value) }
	length := len(baseBody)
	payloadJSON := func(e func(accounts []any)) []byte {
		return base.sealRaw(t, editPayload(t, base.payload, e))
	}

	return []vector{
		ok(base, "success", "four accounts (TOTP SHA1, HOTP SHA256 counter 42, Steam, TOTP SHA512), lock after 600 s", base.file),
		ok(uni, "success_unicode", "non-ASCII passphrase, text and secret bytes; t=2 p=2; never lock", uni.file),
		ok(empty, "success_empty", "empty passphrase, no accounts, default settings", empty.file),
		ok(realistic, "success_default_params", "the parameters Twofold writes: t=3 m=65536 p=1", realistic.file),
		ok(base, "success_crlf", "the success file with CR LF line endings",
			joinLines(ls, "\r\n")),
		ok(base, "success_bom_crlf", "a byte order mark and CR LF, as Windows Notepad saves",
			append([]byte("\uFEFF"), joinLines(ls, "\r\n")...)),
		ok(base, "success_cr", "lone CR line endings", joinLines(ls, "\r")),
		ok(base, "success_rewrapped", "the body re-wrapped at 76 columns, as a mail client may",
			withBody(base.file, baseBody, 76)),
		ok(base, "success_one_line", "the body on one line", withBody(base.file, baseBody, 1<<20)),
		ok(base, "success_short_lines", "the body wrapped at 5 columns", withBody(base.file, baseBody, 5)),
		ok(base, "success_spaces", "lines indented and followed by spaces and tabs, blank lines around the armor",
			append([]byte("\n \n\t\n"), append(edit(base.file, func(i int, l string) []string {
				return []string{"  " + l + " \t "}
			}), "\n\n \n"...)...)),
		ok(base, "success_blank_lines", "no empty line after the header, and blank lines between body lines",
			edit(base.file, func(i int, l string) []string {
				switch {
				case i == bodyStart-1:
					return nil
				case i > bodyStart:
					return []string{"", l}
				}
				return []string{l}
			})),

		{name: "wrong_passphrase", expect: wrongPass, inspect: success, passphrase: "Correct horse battery staple",
			comment: "the success file with a wrong passphrase: one letter in upper case", file: base.file},
		{name: "wrong_passphrase_empty", expect: wrongPass, inspect: success, passphrase: "",
			comment: "the success file with an empty passphrase", file: base.file},
		fail("salt_changed", wrongPass, success, "the salt of another backup: the key differs, as with a wrong passphrase",
			header("Salt", headerValue(t, uni.file, "Salt"))),
		fail("params_changed", wrongPass, success, "t raised to 2 in the header, the key derived with t=1",
			header("KDF", "argon2id t=2 m=64 p=1")),
		fail("check_flipped", wrongPass, success, "one bit of the passphrase check flipped",
			header("Check", flipB64(t, headerValue(t, base.file, "Check"), 0))),

		late("body_char_changed", "one base64 character of the body changed: a flipped byte in the file",
			edit(base.file, func(i int, l string) []string {
				if i == bodyStart+1 {
					return []string{l[:10] + string(otherB64Char(l[10])) + l[11:]}
				}
				return []string{l}
			})),
		late("body_bit_flipped", "one bit of the ciphertext flipped", flipBody(t, base.file, 100)),
		late("tag_flipped", "one bit of the tag flipped", flipBody(t, base.file, -1)),
		late("nonce_changed", "one bit of the nonce flipped",
			header("Nonce", flipB64(t, headerValue(t, base.file, "Nonce"), 23))),
		late("created_changed", "the creation time moved by a second: it is authenticated",
			header("Created", "2026-11-25T10:04:49Z")),
		late("body_from_other_backup", "the nonce, length and body of another backup, the same passphrase",
			withBody(setHeader(t, setHeader(t, base.file, "Nonce", headerValue(t, realistic.file, "Nonce")),
				"Length", headerValue(t, realistic.file, "Length")), body(t, realistic.file), lineWidth)),
		late("payload_not_json", "an authentic payload that is not JSON", base.sealRaw(t, []byte("not json"))),
		late("payload_duplicate_id", "an authentic payload with two accounts with the same id",
			payloadJSON(func(accounts []any) {
				accounts[1].(map[string]any)["id"] = accounts[0].(map[string]any)["id"]
			})),
		late("payload_unknown_field", "an authentic payload with a field not defined in vault version 1",
			payloadJSON(func(accounts []any) { accounts[0].(map[string]any)["icon"] = "x.png" })),

		early("truncated_half", "the file cut in half", base.file[:len(base.file)/2]),
		early("truncated_in_end_line", "the file cut inside the END line", base.file[:len(base.file)-10]),
		early("truncated_no_end", "the END line missing, the body whole",
			joinLines(ls[:len(ls)-1], "\n")),
		early("truncated_header", "the file cut after the Salt line",
			joinLines(ls[:5], "\n")),
		early("begin_only", "nothing but the BEGIN line", []byte(beginLine+"\n")),
		early("body_line_missing", "one body line lost, the END line kept",
			edit(base.file, func(i int, l string) []string {
				if i == bodyStart+1 {
					return nil
				}
				return []string{l}
			})),
		early("body_line_repeated", "one body line pasted twice",
			edit(base.file, func(i int, l string) []string {
				if i == bodyStart+1 {
					return []string{l, l}
				}
				return []string{l}
			})),
		early("no_body", "the header and the END line, no body",
			joinLines(append(append([]string{}, ls[:bodyStart]...), endLine), "\n")),
		early("length_changed", "Length one more than the body", header("Length", fmt.Sprint(length+1))),
		early("length_leading_zero", "Length written with a leading zero", header("Length", fmt.Sprint("0", length))),
		early("length_too_short", "a Length shorter than a tag, with a body to match",
			withBody(header("Length", "15"), make([]byte, 15), lineWidth)),
		early("bad_base64", "a character outside the base64 alphabet in the body",
			edit(base.file, func(i int, l string) []string {
				if i == bodyStart {
					return []string{"!" + l[1:]}
				}
				return []string{l}
			})),
		early("body_noncanonical", "the body's last base64 character with non-zero padding bits",
			withNoncanonicalEnd(t, base.file)),
		early("space_in_body", "a space inside a body line",
			edit(base.file, func(i int, l string) []string {
				if i == bodyStart {
					return []string{l[:8] + " " + l[8:]}
				}
				return []string{l}
			})),
		early("salt_unpadded", "the salt without its base64 padding",
			header("Salt", strings.TrimRight(headerValue(t, base.file, "Salt"), "="))),
		early("salt_short", "an 8-byte salt", header("Salt", b64.EncodeToString(make([]byte, 8)))),
		early("nonce_short", "a 12-byte nonce (ChaCha20-Poly1305, not XChaCha20)", header("Nonce", b64.EncodeToString(make([]byte, 12)))),
		early("header_unknown_line", "a header line not defined in version 1",
			edit(base.file, func(i int, l string) []string {
				if i == 1 {
					return []string{l, "Comment: made on my phone"}
				}
				return []string{l}
			})),
		early("header_missing_line", "the Check line left out",
			edit(base.file, func(i int, l string) []string {
				if strings.HasPrefix(l, "Check: ") {
					return nil
				}
				return []string{l}
			})),
		early("header_swapped", "the Salt and Check lines swapped",
			edit(base.file, func(i int, l string) []string {
				switch {
				case strings.HasPrefix(l, "Salt: "):
					return []string{"Check: " + headerValue(t, base.file, "Check")}
				case strings.HasPrefix(l, "Check: "):
					return []string{"Salt: " + headerValue(t, base.file, "Salt")}
				}
				return []string{l}
			})),
		early("header_key_case", "created in lower case",
			edit(base.file, func(i int, l string) []string {
				return []string{strings.Replace(l, "Created: ", "created: ", 1)}
			})),
		early("header_no_space", "Length: without a space after the colon",
			edit(base.file, func(i int, l string) []string {
				return []string{strings.Replace(l, "Length: ", "Length:", 1)}
			})),
		early("created_offset", "the creation time with a zone offset instead of Z",
			header("Created", "2026-11-25T11:04:48+01:00")),
		early("created_fraction", "the creation time with a fraction of a second",
			header("Created", "2026-11-25T10:04:48.5Z")),
		early("created_invalid", "month 13", header("Created", "2026-13-25T10:04:48Z")),
		early("params_too_large", "m=2 GiB is over the limit and must not be derived",
			header("KDF", "argon2id t=1 m=2097152 p=1")),
		early("params_overflow", "m=2^32 does not fit 32 bits", header("KDF", "argon2id t=1 m=4294967296 p=1")),
		early("params_zero_time", "t=0", header("KDF", "argon2id t=0 m=64 p=1")),
		early("params_threads", "p=17 is over the limit", header("KDF", "argon2id t=1 m=1024 p=17")),
		early("params_leading_zero", "t=01 is not canonical", header("KDF", "argon2id t=01 m=64 p=1")),
		early("params_missing", "p left out", header("KDF", "argon2id t=1 m=64")),
		early("unknown_kdf", "kdf scrypt is not defined in version 1", header("KDF", "scrypt N=32768 r=8 p=1")),
		early("text_before", "a line of text before the BEGIN line",
			append([]byte("Here is my backup:\n"), base.file...)),
		early("text_after", "a mail signature after the END line",
			append(append([]byte{}, base.file...), "-- \nAlice\n"...)),
		early("version_string", "the version as a word", header("Version", "one")),
		early("version_leading_zero", "Version: 01 is not canonical", header("Version", "01")),
		early("version_missing", "the Version line left out",
			edit(base.file, func(i int, l string) []string {
				if i == 1 {
					return nil
				}
				return []string{l}
			})),

		fail("version_3", isUnsupported, isUnsupported, "a future version", header("Version", "3")),
		fail("version_0", isUnsupported, isUnsupported, "version 0 was never defined", header("Version", "0")),
		fail("version_3_other_header", isUnsupported, isUnsupported,
			"a future version with a header this version does not know: it is not judged",
			[]byte(beginLine+"\nVersion: 3\nKEM: ml-kem-768\n\nAAAA\n"+endLine+"\n")),

		fail("not_backup_empty", notBackup, notBackup, "an empty file", nil),
		fail("not_backup_blank", notBackup, notBackup, "only blank lines", []byte("\n \r\n\t\n")),
		fail("not_backup_png", notBackup, notBackup, "the start of a PNG image",
			[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00")),
		fail("not_backup_aegis", notBackup, notBackup, "the shape of an Aegis vault",
			[]byte(`{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 3, "entries": []}}`+"\n")),
		fail("not_backup_vault", notBackup, notBackup, "a sealed Twofold vault, not a backup",
			[]byte(`{"format": "twofold-vault", "version": 1, "key_id": "", "slots": [], "nonce": "", "data": ""}`+"\n")),
		fail("not_backup_text_export", notBackup, notBackup, "a Twofold text export",
			Text(base.contents.Accounts)),
		fail("not_backup_age", notBackup, notBackup, "another armored format",
			[]byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n")),
		fail("not_backup_lower_case", notBackup, notBackup, "the BEGIN line in lower case is not it",
			[]byte(strings.ToLower(beginLine)+"\n")),

		// Version 2. The vectors that reseal the payload of base come last,
		// so that those above stay as they were before version 2.
		ok(v2, "success_version_2", "version 2: the four accounts, one a favourite, two with a last use; sorted by recent use, compact", v2.file),
		late("version_1_to_2", "a backup of version 1 relabelled version 2: the Version line is authenticated",
			header("Version", "2")),
		late("version_2_to_1", "a backup of version 2 relabelled version 1: the Version line is authenticated",
			setHeader(t, v2.file, "Version", "1")),
		late("payload_version_2_field", "a backup of version 1 whose payload has a field of vault version 2",
			payloadJSON(func(accounts []any) { accounts[0].(map[string]any)["favourite"] = true })),
	}
}

// flipB64 flips the lowest bit of byte i of a base64 value.
func flipB64(t testing.TB, s string, i int) string {
	t.Helper()
	b, err := b64.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	b[i] ^= 1
	return b64.EncodeToString(b)
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// otherB64Char returns the base64 character whose value differs from c's in
// the lowest bit.
func otherB64Char(c byte) byte {
	return b64Alphabet[strings.IndexByte(b64Alphabet, c)^1]
}

// editPayload returns a plaintext payload with edit applied to the
// accounts of its generic JSON form.
func editPayload(t testing.TB, payload []byte, edit func(accounts []any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	edit(m["accounts"].([]any))
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withNoncanonicalEnd sets a padding bit in the body's last base64
// character: the bytes decode the same in a lax decoder, but the text is
// not canonical. The base body's length must not be a multiple of 3.
func withNoncanonicalEnd(t testing.TB, file []byte) []byte {
	t.Helper()
	ls := fileLines(file)
	last := ls[len(ls)-2]
	i := strings.IndexByte(last, '=') - 1
	if i < 0 {
		t.Fatal("the body has no padding; pick another fixture")
	}
	last = last[:i] + string(otherB64Char(last[i])) + last[i+1:]
	ls[len(ls)-2] = last
	return joinLines(ls, "\n")
}
