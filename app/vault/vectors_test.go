package vault

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
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/chacha20poly1305"
	"twofold.app/app/otp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txt from the generator")

// cheapParams keep the vectors fast to open. They are within the bounds, so
// they exercise the real derivation.
var cheapParams = Params{Time: 1, MemoryKiB: 64, Threads: 1}

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

// vector is one testdata file.
type vector struct {
	name     string
	expect   string // success, wrong password, corrupt, unsupported
	password string
	comment  string
	payload  string // hex SHA-256 of the plaintext payload, success only
	sealed   []byte
}

func (v vector) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "expect: %s\n", v.expect)
	fmt.Fprintf(&b, "password: %s\n", v.password)
	if v.payload != "" {
		fmt.Fprintf(&b, "payload: %s\n", v.payload)
	}
	fmt.Fprintf(&b, "comment: %s\n", v.comment)
	b.WriteString("\n")
	b.Write(v.sealed)
	return b.Bytes()
}

func parseVector(name string, data []byte) (vector, error) {
	v := vector{name: name}
	head, body, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		return v, errors.New("no blank line after the header")
	}
	v.sealed = body
	for _, line := range strings.Split(string(head), "\n") {
		k, val, ok := strings.Cut(line, ": ")
		if !ok {
			k, val, ok = strings.Cut(line, ":") // "password:" with nothing after
			if !ok || val != "" {
				return v, fmt.Errorf("bad header line %q", line)
			}
		}
		switch k {
		case "expect":
			v.expect = val
		case "password":
			v.password = val
		case "payload":
			v.payload = val
		case "comment":
			v.comment = val
		default:
			return v, fmt.Errorf("unknown header %q", k)
		}
	}
	switch v.expect {
	case "success", "wrong password", "corrupt", "unsupported":
	default:
		return v, fmt.Errorf("unknown expectation %q", v.expect)
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

// sentinelFor maps an expectation to the error it must satisfy.
var sentinelFor = map[string]error{
	"wrong password": ErrWrongPassword,
	"corrupt":        ErrCorrupt,
	"unsupported":    ErrUnsupportedVersion,
}

func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			s, c, err := Open(v.sealed, []byte(v.password), Argon2id)
			if v.expect == "success" {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				defer s.Close()
				plaintext, version, err := encodeContents(c)
				if err != nil {
					t.Fatalf("re-encoding the contents: %v", err)
				}
				if got := hexSHA256(plaintext); got != v.payload {
					t.Errorf("payload re-encodes to SHA-256 %s, want %s", got, v.payload)
				}
				if h, _ := Inspect(v.sealed); h.Version != version {
					t.Errorf("a vault of version %d holds contents of version %d", h.Version, version)
				}
				// The session must read its own vault back without a password.
				if _, err := s.Decrypt(v.sealed); err != nil {
					t.Errorf("Decrypt of the same vault: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Open succeeded, want %s", v.expect)
			}
			if s != nil || c != nil {
				t.Errorf("Open returned a session or contents with error %v", err)
			}
			want := sentinelFor[v.expect]
			if !errors.Is(err, want) {
				t.Errorf("Open: %v, want errors.Is %v", err, want)
			}
			for other, e := range sentinelFor {
				if other != v.expect && errors.Is(err, e) {
					t.Errorf("Open: %v also matches %v", err, e)
				}
			}
			// Inspect parses without a password: it fails exactly for the
			// documents that are damaged before any key is used.
			if _, ierr := Inspect(v.sealed); v.expect == "wrong password" && ierr != nil {
				t.Errorf("Inspect: %v, want success for a %s vector", ierr, v.expect)
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

func hexSHA256(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// sampleContents returns accounts covering every type and algorithm, with
// IDs read from rand.
func sampleContents(t testing.TB, rand io.Reader) *Contents {
	t.Helper()
	created := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	c := &Contents{Settings: Settings{LockAfter: 10 * time.Minute}}
	for _, a := range []Account{
		{Issuer: "Example", Name: "alice@example.com", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1,
			Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}, Group: "Work"},
		{Issuer: "Bank", Name: "bob", Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA256,
			Digits: 8, Counter: 42, Secret: []byte("12345678901234567890123456789012")}, Note: "card reader backup"},
		{Issuer: "Steam", Name: "gamer", Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1,
			Digits: 5, Period: 30, Secret: []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}},
		{Issuer: "Cloud", Name: "ops", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512,
			Digits: 8, Period: 60, Secret: []byte("1234567890123456789012345678901234567890123456789012345678901234")}},
	} {
		id, err := NewID(rand)
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

// vaultFixture is a vault made from fixed randomness, with its session and
// random source kept for deriving damaged variants.
type vaultFixture struct {
	session  *Session
	contents *Contents
	sealed   []byte
	rand     io.Reader
}

func newFixture(t testing.TB, seed, password string, p Params, c func(io.Reader) *Contents) vaultFixture {
	t.Helper()
	rand := newDetRand(seed)
	s, err := Create([]byte(password), p, Argon2id, rand)
	if err != nil {
		t.Fatal(err)
	}
	contents := c(rand)
	sealed, err := s.Seal(contents, rand)
	if err != nil {
		t.Fatal(err)
	}
	return vaultFixture{s, contents, sealed, rand}
}

// sealRaw seals an arbitrary plaintext as the payload of f's vault.
func (f vaultFixture) sealRaw(t testing.TB, plaintext []byte) []byte {
	t.Helper()
	return rewrite(t, f.sealed, func(w *wireVault) {
		nonce := make([]byte, nonceSize)
		f.rand.Read(nonce)
		aead, _ := chacha20poly1305.NewX(f.session.key)
		w.Nonce = b64.EncodeToString(nonce)
		w.Data = b64.EncodeToString(aead.Seal(nil, nonce, plaintext, payloadAD(w.Version)))
	})
}

// rewrite decodes a sealed vault, lets edit change it, and encodes it again
// in the same layout as marshal.
func rewrite(t testing.TB, sealed []byte, edit func(*wireVault)) []byte {
	t.Helper()
	var w wireVault
	if err := json.Unmarshal(sealed, &w); err != nil {
		t.Fatal(err)
	}
	edit(&w)
	out, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// flip flips the lowest bit of byte i (counted from the end if negative) of
// a base64 field.
func flip(t testing.TB, field *string, i int) {
	t.Helper()
	b, err := b64.DecodeString(*field)
	if err != nil {
		t.Fatal(err)
	}
	if i < 0 {
		i += len(b)
	}
	b[i] ^= 1
	*field = b64.EncodeToString(b)
}

// replaceOnce replaces the one occurrence of old in sealed.
func replaceOnce(t testing.TB, sealed []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(sealed, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times", old, n)
	}
	return bytes.Replace(sealed, []byte(old), []byte(new), 1)
}

// payloadJSON returns the plaintext payload of f with edit applied to its
// generic JSON form.
func (f vaultFixture) payloadJSON(t testing.TB, edit func(payload map[string]any)) []byte {
	t.Helper()
	plaintext, _, err := encodeContents(f.contents)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(plaintext, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func generateVectors(t testing.TB) []vector {
	t.Helper()
	const password = "correct horse battery staple"
	base := newFixture(t, "twofold vault test vectors", password, cheapParams,
		func(r io.Reader) *Contents { return sampleContents(t, r) })
	uni := newFixture(t, "twofold vault test vectors: unicode", "pässwörd 🔑 ünïcode",
		Params{Time: 2, MemoryKiB: 64, Threads: 2},
		func(r io.Reader) *Contents {
			id, _ := NewID(r)
			return &Contents{Accounts: []Account{{ID: id, Issuer: "Ünïcødé & <Co>", Name: "名前",
				Key:   otp.Key{Type: otp.TOTP, Algorithm: otp.SHA256, Digits: 7, Period: 20, Secret: []byte{0xff, 0xfe, 0}},
				Group: "👥", Note: "line one\nline \"two\"",
				Created: time.Date(2001, 2, 3, 4, 5, 6, 789, time.UTC), Modified: time.Date(2001, 2, 3, 4, 5, 6, 789, time.UTC)}},
				Settings: Settings{LockAfter: NeverLock}}
		})
	empty := newFixture(t, "twofold vault test vectors: empty", "", cheapParams,
		func(io.Reader) *Contents { return &Contents{} })
	// A vault that needs version 2: the accounts of base, one of them a
	// favourite, two of them used, listed by recent use and compact.
	v2 := newFixture(t, "twofold vault test vectors: version 2", password, cheapParams,
		func(r io.Reader) *Contents {
			c := sampleContents(t, r)
			c.Accounts[1].Favourite = true
			c.Accounts[0].LastUsed = time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC)
			c.Accounts[3].LastUsed = time.Date(2026, 11, 27, 19, 2, 3, 500_000_000, time.UTC)
			c.Settings.Sort, c.Settings.Density = SortRecent, DensityCompact
			return c
		})

	// The base vault after a password change: new slot, the payload bytes
	// of base unchanged.
	changed := func() []byte {
		r := newDetRand("twofold vault test vectors: new password")
		s := &Session{key: base.session.key, keyID: base.session.keyID, slots: base.session.slots}
		if err := s.ChangePassword([]byte("new password"), Params{Time: 2, MemoryKiB: 128, Threads: 1}, Argon2id, r); err != nil {
			t.Fatal(err)
		}
		resealed, err := s.Seal(&Contents{}, r)
		if err != nil {
			t.Fatal(err)
		}
		var nw wireVault
		json.Unmarshal(resealed, &nw)
		return rewrite(t, base.sealed, func(w *wireVault) { w.Slots = nw.Slots })
	}()

	v2Payload := func(e func(payload map[string]any)) []byte { return v2.sealRaw(t, v2.payloadJSON(t, e)) }

	var baseWire, uniWire wireVault
	json.Unmarshal(base.sealed, &baseWire)
	json.Unmarshal(uni.sealed, &uniWire)
	edit := func(e func(w *wireVault)) []byte { return rewrite(t, base.sealed, e) }
	payload := func(e func(accounts []any)) []byte {
		return base.sealRaw(t, base.payloadJSON(t, func(m map[string]any) { e(m["accounts"].([]any)) }))
	}
	firstAccount := func(e func(a map[string]any)) []byte {
		return payload(func(accounts []any) { e(accounts[0].(map[string]any)) })
	}

	mustPayload := func(f vaultFixture) string {
		p, _, err := encodeContents(f.contents)
		if err != nil {
			t.Fatal(err)
		}
		return hexSHA256(p)
	}
	if _, v, _ := encodeContents(v2.contents); v != version2 {
		t.Fatalf("the version 2 fixture encodes as version %d", v)
	}

	vs := []vector{
		{name: "success", expect: "success", password: password, payload: mustPayload(base),
			comment: "four accounts (TOTP SHA1, HOTP SHA256, Steam, TOTP SHA512), lock after 600 s", sealed: base.sealed},
		{name: "success_unicode", expect: "success", password: "pässwörd 🔑 ünïcode", payload: mustPayload(uni),
			comment: "non-ASCII password, text and secret bytes; t=2 p=2; never lock", sealed: uni.sealed},
		{name: "success_empty", expect: "success", password: "", payload: mustPayload(empty),
			comment: "empty password, no accounts, default settings", sealed: empty.sealed},
		{name: "success_version_2", expect: "success", password: password, payload: mustPayload(v2),
			comment: "version 2: the four accounts, one a favourite, two with a last use; sorted by recent use, compact",
			sealed:  v2.sealed},
		{name: "success_changed_password", expect: "success", password: "new password", payload: mustPayload(base),
			comment: "the success vault after a password change: new slot, same payload bytes", sealed: changed},
		{name: "success_second_slot", expect: "success", password: password, payload: mustPayload(base),
			comment: "two slots; the password opens the second", sealed: edit(func(w *wireVault) {
				var cw wireVault
				json.Unmarshal(changed, &cw)
				w.Slots = append(cw.Slots, w.Slots...)
			})},

		{name: "wrong_password", expect: "wrong password", password: "Correct horse battery staple",
			comment: "the success vault with a wrong password", sealed: base.sealed},
		{name: "changed_password_old", expect: "wrong password", password: password,
			comment: "the old password does not open the vault after a password change", sealed: changed},
		{name: "slot_key_flipped", expect: "wrong password", password: password,
			comment: "one bit of the wrapped master key flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Slots[0].Key, 3) })},
		{name: "slot_tag_flipped", expect: "wrong password", password: password,
			comment: "one bit of the wrapped master key's tag flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Slots[0].Key, -1) })},
		{name: "slot_nonce_flipped", expect: "wrong password", password: password,
			comment: "one bit of the slot nonce flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Slots[0].Nonce, 0) })},
		{name: "slot_salt_swapped", expect: "wrong password", password: password,
			comment: "the salt of another vault", sealed: edit(func(w *wireVault) { w.Slots[0].Salt = uniWire.Slots[0].Salt })},
		{name: "slot_params_changed", expect: "wrong password", password: password,
			comment: "t raised to 2 in the header, the key wrapped with t=1", sealed: edit(func(w *wireVault) { w.Slots[0].T = 2 })},
		{name: "slot_params_too_large", expect: "corrupt", password: password,
			comment: "m=2 GiB is over the limit and must not be derived", sealed: edit(func(w *wireVault) { w.Slots[0].M = 2 << 20 })},
		{name: "slot_params_overflow", expect: "corrupt", password: password,
			comment: "m=2^32 does not fit 32 bits", sealed: edit(func(w *wireVault) { w.Slots[0].M = 1 << 32 })},
		{name: "slot_params_zero_time", expect: "corrupt", password: password,
			comment: "t=0", sealed: edit(func(w *wireVault) { w.Slots[0].T = 0 })},
		{name: "slot_params_threads", expect: "corrupt", password: password,
			comment: "p=17 is over the limit", sealed: edit(func(w *wireVault) { w.Slots[0].P = 17; w.Slots[0].M = 1024 })},
		{name: "slot_unknown_type", expect: "corrupt", password: password,
			comment: "slot type webauthn is not defined in version 1", sealed: edit(func(w *wireVault) { w.Slots[0].Type = "webauthn" })},
		{name: "slot_unknown_kdf", expect: "corrupt", password: password,
			comment: "kdf scrypt is not defined in version 1", sealed: edit(func(w *wireVault) { w.Slots[0].KDF = "scrypt" })},
		{name: "slot_salt_short", expect: "corrupt", password: password,
			comment: "an 8-byte salt", sealed: edit(func(w *wireVault) { w.Slots[0].Salt = b64.EncodeToString(make([]byte, 8)) })},
		{name: "slot_key_short", expect: "corrupt", password: password,
			comment: "the wrapped key without its tag", sealed: edit(func(w *wireVault) {
				k, _ := b64.DecodeString(w.Slots[0].Key)
				w.Slots[0].Key = b64.EncodeToString(k[:keySize])
			})},
		{name: "no_slots", expect: "corrupt", password: password,
			comment: "an empty slot list", sealed: edit(func(w *wireVault) { w.Slots = []wireSlot{} })},
		{name: "too_many_slots", expect: "corrupt", password: password,
			comment: "nine slots, over MaxSlots", sealed: edit(func(w *wireVault) {
				for len(w.Slots) <= MaxSlots {
					w.Slots = append(w.Slots, w.Slots[0])
				}
			})},
		{name: "key_id_flipped", expect: "corrupt", password: password,
			comment: "key_id does not match the master key in the slot", sealed: edit(func(w *wireVault) { flip(t, &w.KeyID, 0) })},
		{name: "key_id_unpadded", expect: "corrupt", password: password,
			comment: "key_id without its base64 padding", sealed: edit(func(w *wireVault) { w.KeyID = strings.TrimRight(w.KeyID, "=") })},
		{name: "key_id_noncanonical", expect: "corrupt", password: password,
			comment: "key_id with non-zero bits in the padding: decodes to the same bytes, but is not canonical",
			sealed: edit(func(w *wireVault) {
				const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
				i := strings.IndexByte(w.KeyID, '=') - 1
				w.KeyID = w.KeyID[:i] + string(alphabet[strings.IndexByte(alphabet, w.KeyID[i])^1]) + w.KeyID[i+1:]
			})},
		{name: "payload_flipped", expect: "corrupt", password: password,
			comment: "one bit of the payload ciphertext flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Data, 10) })},
		{name: "payload_tag_flipped", expect: "corrupt", password: password,
			comment: "one bit of the payload tag flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Data, -1) })},
		{name: "payload_nonce_flipped", expect: "corrupt", password: password,
			comment: "one bit of the payload nonce flipped", sealed: edit(func(w *wireVault) { flip(t, &w.Nonce, 23) })},
		{name: "payload_truncated", expect: "corrupt", password: password,
			comment: "the payload ciphertext cut short", sealed: edit(func(w *wireVault) {
				d, _ := b64.DecodeString(w.Data)
				w.Data = b64.EncodeToString(d[:len(d)/2])
			})},
		{name: "payload_too_short", expect: "corrupt", password: password,
			comment: "a payload shorter than a tag", sealed: edit(func(w *wireVault) { w.Data = b64.EncodeToString(make([]byte, 15)) })},
		{name: "payload_from_other_vault", expect: "corrupt", password: password,
			comment: "nonce and data of another vault", sealed: edit(func(w *wireVault) { w.Nonce, w.Data = uniWire.Nonce, uniWire.Data })},
		{name: "payload_bad_base64", expect: "corrupt", password: password,
			comment: "a character outside the base64 alphabet in data", sealed: edit(func(w *wireVault) { w.Data = "!" + w.Data[1:] })},
		{name: "payload_line_break", expect: "corrupt", password: password,
			comment: "a line break inside the base64 of data", sealed: edit(func(w *wireVault) { w.Data = w.Data[:8] + "\n" + w.Data[8:] })},
		{name: "payload_not_json", expect: "corrupt", password: password,
			comment: "an authentic payload that is not JSON", sealed: base.sealRaw(t, []byte("not json"))},
		{name: "payload_trailing_data", expect: "corrupt", password: password,
			comment: "an authentic payload with data after the JSON object",
			sealed:  base.sealRaw(t, append(base.payloadJSON(t, func(map[string]any) {}), " {}"...))},
		{name: "payload_unknown_field", expect: "corrupt", password: password,
			comment: "an account with a field not defined in version 1",
			sealed:  firstAccount(func(a map[string]any) { a["icon"] = "x.png" })},
		{name: "payload_secret_lower_case", expect: "corrupt", password: password,
			comment: "a secret in lower-case base32",
			sealed:  firstAccount(func(a map[string]any) { a["secret"] = strings.ToLower(a["secret"].(string)) })},
		{name: "payload_secret_padded", expect: "corrupt", password: password,
			comment: "a secret in base32 with padding",
			sealed:  firstAccount(func(a map[string]any) { a["secret"] = "MZXW6===" })},
		{name: "payload_secret_empty", expect: "corrupt", password: password,
			comment: "an empty secret", sealed: firstAccount(func(a map[string]any) { a["secret"] = "" })},
		{name: "payload_unknown_type", expect: "corrupt", password: password,
			comment: "type motp is not defined in version 1", sealed: firstAccount(func(a map[string]any) { a["type"] = "motp" })},
		{name: "payload_type_case", expect: "corrupt", password: password,
			comment: "type TOTP in upper case", sealed: firstAccount(func(a map[string]any) { a["type"] = "TOTP" })},
		{name: "payload_unknown_algorithm", expect: "corrupt", password: password,
			comment: "algorithm MD5", sealed: firstAccount(func(a map[string]any) { a["algorithm"] = "MD5" })},
		{name: "payload_bad_time", expect: "corrupt", password: password,
			comment: "created is not RFC 3339", sealed: firstAccount(func(a map[string]any) { a["created"] = "25/11/2026" })},
		{name: "payload_empty_id", expect: "corrupt", password: password,
			comment: "an account with an empty id", sealed: firstAccount(func(a map[string]any) { a["id"] = "" })},
		{name: "payload_duplicate_id", expect: "corrupt", password: password,
			comment: "two accounts with the same id", sealed: payload(func(accounts []any) {
				accounts[1].(map[string]any)["id"] = accounts[0].(map[string]any)["id"]
			})},

		{name: "truncated", expect: "corrupt", password: password,
			comment: "the document cut in half", sealed: base.sealed[:len(base.sealed)/2]},
		{name: "not_json", expect: "corrupt", password: password,
			comment: "not a JSON document", sealed: []byte("twofold-vault\n")},
		{name: "trailing_data", expect: "corrupt", password: password,
			comment: "a second JSON value after the document", sealed: append(slices.Clip(base.sealed), "{}\n"...)},
		{name: "header_unknown_field", expect: "corrupt", password: password,
			comment: "a header field not defined in version 1",
			sealed:  replaceOnce(t, base.sealed, `"version": 1,`, `"version": 1, "comment": "hi",`)},
		{name: "version_string", expect: "corrupt", password: password,
			comment: "the version as a string", sealed: replaceOnce(t, base.sealed, `"version": 1,`, `"version": "1",`)},
		{name: "version_3", expect: "unsupported", password: password,
			comment: "a future version", sealed: replaceOnce(t, base.sealed, `"version": 1,`, `"version": 3,`)},
		{name: "version_1_to_2", expect: "corrupt", password: password,
			comment: "a version 1 vault relabelled version 2: the payload AD binds the version",
			sealed:  replaceOnce(t, base.sealed, `"version": 1,`, `"version": 2,`)},
		{name: "version_2_to_1", expect: "corrupt", password: password,
			comment: "a version 2 vault relabelled version 1: the payload AD binds the version",
			sealed:  replaceOnce(t, v2.sealed, `"version": 2,`, `"version": 1,`)},
		{name: "version_0", expect: "unsupported", password: password,
			comment: "version 0 was never defined", sealed: replaceOnce(t, base.sealed, `"version": 1,`, `"version": 0,`)},
		{name: "format_other", expect: "unsupported", password: password,
			comment: "another format name", sealed: replaceOnce(t, base.sealed, `"format": "twofold-vault"`, `"format": "aegis"`)},
		{name: "format_missing", expect: "unsupported", password: "test",
			comment: "the shape of an Aegis vault",
			sealed:  []byte(`{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 3, "entries": []}}` + "\n")},

		// Version 2. The vectors that reseal the payload of base come last,
		// so that those above stay as they were before version 2.
		{name: "payload_version_2_field", expect: "corrupt", password: password,
			comment: "a version 1 payload with a field of version 2, which version 1 does not define",
			sealed:  firstAccount(func(a map[string]any) { a["favourite"] = true })},
		{name: "payload_unknown_sort", expect: "corrupt", password: password,
			comment: "version 2: sort order random is not defined",
			sealed:  v2Payload(func(m map[string]any) { m["settings"].(map[string]any)["sort"] = "random" })},
		{name: "payload_unknown_density", expect: "corrupt", password: password,
			comment: "version 2: density Compact in upper case",
			sealed:  v2Payload(func(m map[string]any) { m["settings"].(map[string]any)["density"] = "Compact" })},
		{name: "payload_bad_last_used", expect: "corrupt", password: password,
			comment: "version 2: last_used is not RFC 3339",
			sealed:  v2Payload(func(m map[string]any) { m["accounts"].([]any)[0].(map[string]any)["last_used"] = "yesterday" })},
		{name: "payload_favourite_string", expect: "corrupt", password: password,
			comment: "version 2: favourite as a string",
			sealed:  v2Payload(func(m map[string]any) { m["accounts"].([]any)[0].(map[string]any)["favourite"] = "true" })},
	}
	return vs
}
