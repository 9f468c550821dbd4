package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"twofold.app/app/otp"
)

// sameContents reports how a and b differ, or "" if they are equal. Times
// are compared with Equal, since sealing drops the monotonic clock and zone.
func sameContents(a, b *Contents) string {
	if a.Settings != b.Settings {
		return "settings differ"
	}
	if len(a.Accounts) != len(b.Accounts) {
		return "number of accounts differs"
	}
	for i := range a.Accounts {
		x, y := a.Accounts[i], b.Accounts[i]
		if !x.Created.Equal(y.Created) || !x.Modified.Equal(y.Modified) || !x.LastUsed.Equal(y.LastUsed) {
			return "times of account " + x.ID + " differ"
		}
		x.Created, x.Modified, y.Created, y.Modified = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		x.LastUsed, y.LastUsed = time.Time{}, time.Time{}
		if !bytes.Equal(x.Secret, y.Secret) {
			return "secret of account " + x.ID + " differs"
		}
		x.Secret, y.Secret = nil, nil
		if !reflect.DeepEqual(x, y) {
			return "account " + x.ID + " differs"
		}
	}
	return ""
}

func newSession(t *testing.T, password string) *Session {
	t.Helper()
	s, err := Create([]byte(password), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func seal(t *testing.T, s *Session, c *Contents) []byte {
	t.Helper()
	sealed, err := s.Seal(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return sealed
}

func TestRoundTrip(t *testing.T) {
	s := newSession(t, "hunter2")
	want := sampleContents(t, rand.Reader)
	want.Accounts[0].Created = time.Now() // monotonic reading, local zone, nanoseconds
	sealed := seal(t, s, want)

	s2, got, err := Open(sealed, []byte("hunter2"), Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if d := sameContents(want, got); d != "" {
		t.Error(d)
	}
	if s2.Params() != cheapParams {
		t.Errorf("Params() = %+v, want %+v", s2.Params(), cheapParams)
	}
	h, err := Inspect(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if h.Version != 1 || len(h.Slots) != 1 || h.Slots[0] != (SlotInfo{"password", "argon2id", cheapParams}) {
		t.Errorf("Inspect = %+v", h)
	}
	if _, _, err := Open(sealed, []byte("hunter3"), Argon2id); err != ErrWrongPassword {
		t.Errorf("Open with a wrong password: %v, want ErrWrongPassword", err)
	}
}

func TestSealFreshNonce(t *testing.T) {
	s := newSession(t, "pw")
	c := sampleContents(t, rand.Reader)
	a, b := seal(t, s, c), seal(t, s, c)
	var wa, wb wireVault
	json.Unmarshal(a, &wa)
	json.Unmarshal(b, &wb)
	if wa.Nonce == wb.Nonce {
		t.Error("two seals used the same nonce")
	}
	if wa.Data == wb.Data {
		t.Error("two seals gave the same ciphertext")
	}
	if wa.KeyID != wb.KeyID || wa.Slots[0] != wb.Slots[0] {
		t.Error("the header changed between seals")
	}
	for _, sealed := range [][]byte{a, b} {
		if _, err := s.Decrypt(sealed); err != nil {
			t.Error(err)
		}
	}
}

// TestSealReadsRand checks that the nonce is the next 24 bytes of rand.
func TestSealReadsRand(t *testing.T) {
	s := newSession(t, "pw")
	nonce := bytes.Repeat([]byte{7}, nonceSize)
	sealed, err := s.Seal(&Contents{}, bytes.NewReader(nonce))
	if err != nil {
		t.Fatal(err)
	}
	var w wireVault
	json.Unmarshal(sealed, &w)
	if w.Nonce != b64.EncodeToString(nonce) {
		t.Errorf("nonce %s, want the bytes read from rand", w.Nonce)
	}
	if _, err := s.Seal(&Contents{}, bytes.NewReader(nonce[:10])); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Seal with a short rand: %v, want io.ErrUnexpectedEOF", err)
	}
}

// TestChangePasswordKeepsPayload checks that the slots and the payload are
// independent: the old payload bytes under the new header open with the new
// password only.
func TestChangePasswordKeepsPayload(t *testing.T) {
	s := newSession(t, "old password")
	c := sampleContents(t, rand.Reader)
	before := seal(t, s, c)

	newParams := Params{Time: 2, MemoryKiB: 256, Threads: 1}
	if err := s.ChangePassword([]byte("new password"), newParams, Argon2id, rand.Reader); err != nil {
		t.Fatal(err)
	}
	if s.Params() != newParams {
		t.Errorf("Params() = %+v after ChangePassword, want %+v", s.Params(), newParams)
	}
	after := seal(t, s, &Contents{})

	var wb, wa wireVault
	json.Unmarshal(before, &wb)
	json.Unmarshal(after, &wa)
	wb.Slots = wa.Slots
	spliced, err := json.Marshal(wb)
	if err != nil {
		t.Fatal(err)
	}

	_, got, err := Open(spliced, []byte("new password"), Argon2id)
	if err != nil {
		t.Fatalf("old payload under the new slot: %v", err)
	}
	if d := sameContents(c, got); d != "" {
		t.Error(d)
	}
	if _, _, err := Open(spliced, []byte("old password"), Argon2id); err != ErrWrongPassword {
		t.Errorf("old password on the new slot: %v, want ErrWrongPassword", err)
	}
	if _, _, err := Open(before, []byte("old password"), Argon2id); err != nil {
		t.Errorf("the old document no longer opens: %v", err)
	}
}

// TestTwoTabs plays two sessions of one vault against each other.
func TestTwoTabs(t *testing.T) {
	a := newSession(t, "pw")
	rev1 := seal(t, a, &Contents{})

	b, _, err := Open(rev1, []byte("pw"), Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cb := sampleContents(t, rand.Reader)
	rev2 := seal(t, b, cb)

	ca, err := a.Decrypt(rev2)
	if err != nil {
		t.Fatalf("Decrypt of the other tab's revision: %v", err)
	}
	if d := sameContents(cb, ca); d != "" {
		t.Error(d)
	}

	// B changes the password; A reads that revision, then saves. A's save
	// must keep the new password.
	if err := b.ChangePassword([]byte("new"), cheapParams, Argon2id, rand.Reader); err != nil {
		t.Fatal(err)
	}
	rev3 := seal(t, b, cb)
	if _, err := a.Decrypt(rev3); err != nil {
		t.Fatal(err)
	}
	rev4 := seal(t, a, ca)
	if _, _, err := Open(rev4, []byte("new"), Argon2id); err != nil {
		t.Errorf("the new password does not open A's save: %v", err)
	}
	if _, _, err := Open(rev4, []byte("pw"), Argon2id); err != ErrWrongPassword {
		t.Errorf("the old password on A's save: %v, want ErrWrongPassword", err)
	}
}

// TestVersionFollowsContents seals one vault through its versions: version
// 1 while the contents need nothing of version 2, version 2 once they do,
// and back. The password opens every revision (the slot AD does not change
// with the version), and the other tab's session reads each one.
func TestVersionFollowsContents(t *testing.T) {
	a, err := Create([]byte("pw"), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	c := sampleContents(t, rand.Reader)
	sealed := seal(t, a, c)
	b, _, err := Open(sealed, []byte("pw"), Argon2id)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, step := range []struct {
		name    string
		edit    func(c *Contents)
		version int
	}{
		{"as made", func(*Contents) {}, 1},
		{"a favourite", func(c *Contents) { c.SetFavourite(c.Accounts[2].ID, true, now) }, 2},
		{"moved", func(c *Contents) { c.Move(c.Accounts[2].ID, 0) }, 2},
		{"no favourite", func(c *Contents) { c.SetFavourite(c.Accounts[0].ID, false, now) }, 1},
		{"used", func(c *Contents) { c.MarkUsed(c.Accounts[1].ID, now) }, 2},
		{"never used", func(c *Contents) { c.Accounts[1].LastUsed = time.Time{} }, 1},
		{"compact", func(c *Contents) { c.Settings.Density = DensityCompact }, 2},
		{"alphabetical", func(c *Contents) { c.Settings.Sort = SortAlphabetical }, 2},
		{"defaults", func(c *Contents) { c.Settings.Sort, c.Settings.Density = SortManual, DensityComfortable }, 1},
	} {
		step.edit(c)
		sealed := seal(t, a, c)
		h, err := Inspect(sealed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if h.Version != step.version {
			t.Errorf("%s: version %d, want %d", step.name, h.Version, step.version)
		}
		s, got, err := Open(sealed, []byte("pw"), Argon2id)
		if err != nil {
			t.Fatalf("%s: Open: %v", step.name, err)
		}
		s.Close()
		if d := sameContents(got, c); d != "" {
			t.Errorf("%s: Open: %s", step.name, d)
		}
		got, err = b.Decrypt(sealed)
		if err != nil {
			t.Fatalf("%s: Decrypt: %v", step.name, err)
		}
		if d := sameContents(got, c); d != "" {
			t.Errorf("%s: Decrypt: %s", step.name, d)
		}
	}
}

func TestDecryptOtherVault(t *testing.T) {
	a, other := newSession(t, "pw"), newSession(t, "pw")
	foreign := seal(t, other, sampleContents(t, rand.Reader))
	if _, err := a.Decrypt(foreign); err != ErrOtherVault {
		t.Errorf("Decrypt of another vault: %v, want ErrOtherVault", err)
	}
	// A damaged revision of the same vault is damaged, not another vault.
	own := rewrite(t, seal(t, a, &Contents{}), func(w *wireVault) { flip(t, &w.Data, 0) })
	if _, err := a.Decrypt(own); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Decrypt of a damaged revision: %v, want ErrCorrupt", err)
	}
	if _, err := a.Decrypt([]byte(`{"format":"twofold-vault","version":3}`)); !errors.Is(err, ErrUnsupportedVersion) {
		t.Errorf("Decrypt of version 3: %v, want ErrUnsupportedVersion", err)
	}
	// A failed Decrypt must not change the slots.
	if _, _, err := Open(seal(t, a, &Contents{}), []byte("pw"), Argon2id); err != nil {
		t.Error(err)
	}
}

func TestClose(t *testing.T) {
	s := newSession(t, "pw")
	sealed := seal(t, s, &Contents{})
	key := s.key
	s.Close()
	if !bytes.Equal(key, make([]byte, keySize)) {
		t.Error("Close left the master key in memory")
	}
	if _, err := s.Seal(&Contents{}, rand.Reader); err != ErrClosed {
		t.Errorf("Seal after Close: %v", err)
	}
	if _, err := s.Decrypt(sealed); err != ErrClosed {
		t.Errorf("Decrypt after Close: %v", err)
	}
	if err := s.ChangePassword([]byte("x"), cheapParams, Argon2id, rand.Reader); err != ErrClosed {
		t.Errorf("ChangePassword after Close: %v", err)
	}
	s.Close() // twice is fine
}

// TestParamsNotDerived checks that parameters out of bounds are refused
// before the KDF runs, in Open and in Create.
func TestParamsNotDerived(t *testing.T) {
	called := false
	kdf := func(password, salt []byte, p Params) ([]byte, error) {
		called = true
		return make([]byte, keySize), nil
	}
	tests := []struct {
		name    string
		t, m, p uint64
	}{
		{"memory", 1, 2 << 20, 1},
		{"memory overflow", 1, 1 << 32, 1},
		{"time", 65, 64, 1},
		{"time zero", 0, 64, 1},
		{"threads", 1, 1024, 17},
		{"threads overflow", 1, 1024, 256},
		{"memory below 8p", 1, 15, 2},
	}
	base := seal(t, newSession(t, "pw"), &Contents{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := rewrite(t, base, func(w *wireVault) { w.Slots[0].T, w.Slots[0].M, w.Slots[0].P = tt.t, tt.m, tt.p })
			_, _, err := Open(sealed, []byte("pw"), kdf)
			if !errors.Is(err, ErrCorrupt) || !errors.Is(err, ErrParams) {
				t.Errorf("Open: %v, want ErrCorrupt and ErrParams", err)
			}
			if called {
				t.Error("the KDF ran")
			}
			if _, err := Inspect(sealed); !errors.Is(err, ErrParams) {
				t.Errorf("Inspect: %v, want ErrParams", err)
			}
		})
	}
	_, err := Create([]byte("pw"), Params{Time: 1, MemoryKiB: MaxMemoryKiB + 1, Threads: 1}, kdf, rand.Reader)
	if !errors.Is(err, ErrParams) || errors.Is(err, ErrCorrupt) {
		t.Errorf("Create: %v, want ErrParams", err)
	}
	s := newSession(t, "pw")
	if err := s.ChangePassword([]byte("x"), Params{}, kdf, rand.Reader); !errors.Is(err, ErrParams) {
		t.Errorf("ChangePassword: %v, want ErrParams", err)
	}
	if called {
		t.Error("the KDF ran")
	}
}

// TestKDFFailure checks that an error of the injected KDF (a Web Worker that
// died) is passed on, and is neither a wrong password nor damage.
func TestKDFFailure(t *testing.T) {
	errWorker := errors.New("worker terminated")
	failing := func(password, salt []byte, p Params) ([]byte, error) { return nil, errWorker }
	short := func(password, salt []byte, p Params) ([]byte, error) { return make([]byte, 16), nil }

	s := newSession(t, "pw")
	sealed := seal(t, s, &Contents{})
	for _, kdf := range []KDF{failing, short} {
		_, _, err := Open(sealed, []byte("pw"), kdf)
		if err == nil || errors.Is(err, ErrWrongPassword) || errors.Is(err, ErrCorrupt) {
			t.Errorf("Open: %v, want the KDF's error", err)
		}
		if _, err := Create([]byte("pw"), cheapParams, kdf, rand.Reader); err == nil {
			t.Error("Create succeeded with a failing KDF")
		}
		if err := s.ChangePassword([]byte("new"), Params{Time: 2, MemoryKiB: 64, Threads: 1}, kdf, rand.Reader); err == nil {
			t.Error("ChangePassword succeeded with a failing KDF")
		}
	}
	if _, _, err := Open(sealed, []byte("pw"), failing); !errors.Is(err, errWorker) {
		t.Errorf("Open: %v, want it to wrap the KDF's error", err)
	}
	// The failed ChangePassword left the session as it was.
	if s.Params() != cheapParams {
		t.Errorf("Params() = %+v after a failed ChangePassword", s.Params())
	}
	if _, _, err := Open(seal(t, s, &Contents{}), []byte("pw"), Argon2id); err != nil {
		t.Errorf("the old password no longer opens after a failed ChangePassword: %v", err)
	}
}

func TestSealRefusesInvalidAccounts(t *testing.T) {
	good := func() Account {
		return Account{ID: "a", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{1}}}
	}
	tests := []struct {
		name string
		edit func(c *Contents)
		want error
	}{
		{"empty id", func(c *Contents) { c.Accounts[0].ID = "" }, ErrAccountID},
		{"duplicate id", func(c *Contents) { c.Accounts = append(c.Accounts, c.Accounts[0]) }, ErrAccountID},
		{"empty secret", func(c *Contents) { c.Accounts[0].Secret = nil }, otp.ErrSecret},
		{"zero type", func(c *Contents) { c.Accounts[0].Type = 0 }, otp.ErrType},
		{"unknown type", func(c *Contents) { c.Accounts[0].Type = 9 }, otp.ErrType},
		{"zero algorithm", func(c *Contents) { c.Accounts[0].Algorithm = 0 }, otp.ErrAlgorithm},
		{"year 10000", func(c *Contents) { c.Accounts[0].Modified = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, nil},
	}
	s := newSession(t, "pw")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Contents{Accounts: []Account{good()}}
			tt.edit(c)
			_, err := s.Seal(c, rand.Reader)
			if err == nil {
				t.Fatal("Seal succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Seal: %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := s.Seal(&Contents{Accounts: []Account{good()}}, rand.Reader); err != nil {
		t.Errorf("Seal of a valid account: %v", err)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	tests := []struct {
		name      string
		lockAfter time.Duration
		stored    time.Duration // after a round trip
		idle      time.Duration
		locks     bool
	}{
		{"zero is the default", 0, 0, DefaultLockAfter, true},
		{"one minute", time.Minute, time.Minute, time.Minute, true},
		{"never", NeverLock, NeverLock, 0, false},
		{"any negative is never", -5 * time.Second, NeverLock, 0, false},
		{"sub-second rounds up", 1500 * time.Millisecond, 2 * time.Second, 2 * time.Second, true},
		{"tiny stays positive", time.Nanosecond, time.Second, time.Second, true},
	}
	s := newSession(t, "pw")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Decrypt(seal(t, s, &Contents{Settings: Settings{LockAfter: tt.lockAfter}}))
			if err != nil {
				t.Fatal(err)
			}
			if got.Settings.LockAfter != tt.stored {
				t.Errorf("LockAfter %v after a round trip, want %v", got.Settings.LockAfter, tt.stored)
			}
			d, ok := got.Settings.IdleLock()
			if d != tt.idle || ok != tt.locks {
				t.Errorf("IdleLock() = %v, %v, want %v, %v", d, ok, tt.idle, tt.locks)
			}
		})
	}
}

// TestErrorsNameNoSecret checks that decoding errors of a damaged payload do
// not quote its content.
func TestErrorsNameNoSecret(t *testing.T) {
	const secret = "SECRETSECRET"
	f := newFixture(t, "errors", "pw", cheapParams, func(io.Reader) *Contents { return &Contents{} })
	for _, payload := range []string{
		`{"accounts":[{"id":"x","secret":` + secret + `}]}`,
		`{"accounts":[{"id":"x","secret":123456}]}`,
		`{"accounts":[{"id":"x","secret":"` + secret + `", "` + secret + `":1}]}`,
		`{"accounts":[{"id":"x","type":"totp","algorithm":"SHA1","secret":"` + strings.ToLower(secret) + `"}]}`,
	} {
		_, _, err := Open(f.sealRaw(t, []byte(payload)), []byte("pw"), Argon2id)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open: %v, want ErrCorrupt", err)
		}
		if msg := strings.ToLower(err.Error()); strings.Contains(msg, "secretsecret") || strings.Contains(msg, "123456") {
			t.Errorf("error %q quotes the payload", err)
		}
	}
}

// TestSessionCheckPassword checks the password against the session's own
// slots, which is what a backup relies on once the stored vault is gone.
func TestSessionCheckPassword(t *testing.T) {
	s, err := Create([]byte("first"), cheapParams, Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckPassword([]byte("first"), Argon2id); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if err := s.CheckPassword([]byte("second"), Argon2id); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("a wrong password: %v, want ErrWrongPassword", err)
	}
	if err := s.ChangePassword([]byte("second"), cheapParams, Argon2id, rand.Reader); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckPassword([]byte("first"), Argon2id); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("the old password after a change: %v, want ErrWrongPassword", err)
	}
	if err := s.CheckPassword([]byte("second"), Argon2id); err != nil {
		t.Errorf("the new password after a change: %v", err)
	}
	s.Close()
	if err := s.CheckPassword([]byte("second"), Argon2id); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
}
