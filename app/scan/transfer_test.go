package scan

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"twofold.app/app/kdf"
	"twofold.app/app/otp"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

// fakeDerive stands in for Argon2id: the tests are about gathering codes,
// not about the cost of a key.
func fakeDerive(password, salt []byte, p kdf.Params) ([]byte, error) {
	sum := sha256.Sum256(append(append([]byte(nil), password...), salt...))
	return sum[:], nil
}

// smallLayout cuts a transfer into many codes of 20 bytes.
var smallLayout = transfer.Layout{Version: 3, Level: transfer.LevelM}

type sentTransfer struct {
	frames   []string
	code     transfer.Code
	accounts []vault.Account
	msg      *transfer.Message
}

// sendTransfer seals accounts as a transfer of several codes.
func sendTransfer(t testing.TB, seed uint64, names ...string) sentTransfer {
	t.Helper()
	rng := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)})
	var accounts []vault.Account
	for _, n := range names {
		accounts = append(accounts, vault.Account{Issuer: "T", Name: n, Key: otp.Key{
			Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("transfer secret " + n)}})
	}
	code, err := transfer.NewCode(rng)
	if err != nil {
		t.Fatal(err)
	}
	m, err := transfer.Seal(accounts, code, kdf.Params{Time: 1, MemoryKiB: 1024, Threads: 1}, rng, fakeDerive)
	if err != nil {
		t.Fatal(err)
	}
	frames := m.Frames(smallLayout)
	if len(frames) < 4 {
		t.Fatalf("the transfer is %d codes, want several", len(frames))
	}
	return sentTransfer{frames: frames, code: code, accounts: accounts, msg: m}
}

// base45 encodes b as RFC 9285 Base45, to make frames the transfer
// package would not write.
func base45(b []byte) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	var s strings.Builder
	for ; len(b) >= 2; b = b[2:] {
		n := int(b[0])<<8 | int(b[1])
		s.WriteByte(alphabet[n%45])
		s.WriteByte(alphabet[n/45%45])
		s.WriteByte(alphabet[n/2025])
	}
	if len(b) == 1 {
		s.WriteByte(alphabet[int(b[0])%45])
		s.WriteByte(alphabet[int(b[0])/45])
	}
	return s.String()
}

func TestSessionTransfer(t *testing.T) {
	tr := sendTransfer(t, 1, "a", "b", "c")
	k := len(tr.frames)
	var s Session

	// The codes in reverse order, one repeated after a code in between.
	for i := k - 1; i > 0; i-- {
		ev := s.Add(tr.frames[i])
		if len(ev) != 1 {
			t.Fatalf("code %d: events %v", i, ev)
		}
		p, ok := ev[0].(*Progress)
		if !ok || p.Kind != KindTransfer || p.Message != 1 || p.Index != i || p.Repeated ||
			p.Have != k-i || p.Total != k || len(p.Missing) != i {
			t.Fatalf("code %d: %s", i, describeEvent(ev[0]))
		}
		if i == k-2 {
			ev := s.Add(tr.frames[k-1])
			if p, ok := ev[0].(*Progress); !ok || !p.Repeated || p.Have != 2 || p.Index != -1 {
				t.Fatalf("a repeated code: %s", describeEvent(ev[0]))
			}
		}
	}
	if got := s.Pending(); len(got) != 1 || got[0].Kind != KindTransfer || !slices.Equal(got[0].Missing, []int{0}) {
		t.Errorf("Pending = %+v, want the transfer missing code 1", got)
	}

	// Refused while the transfer is half-read: an export code, a code of
	// another transfer, a damaged code, a code of a newer format.
	exp := exportOf(t, 3, testAccount("I", "a"), testAccount("I", "b"))
	other := sendTransfer(t, 2, "x")
	damaged := []byte(tr.frames[0])
	damaged[len(damaged)-3] ^= 1
	refused := []struct {
		text string
		kind Kind
		err  error
	}{
		{exp[0], KindMigration, ErrMixed},
		{other.frames[0], KindTransfer, ErrOtherTransfer},
		{string(damaged), KindTransfer, ErrUnreadable},
		{transfer.Prefix + base45([]byte{2, 0, 0}), KindTransfer, ErrNewerTransfer},
	}
	for _, r := range refused {
		ev := s.Add(r.text)
		if p, ok := ev[0].(*Problem); !ok || p.Kind != r.kind || !errors.Is(p.Err, r.err) {
			t.Errorf("%q…: %s, want a %v problem wrapping %v", r.text[:12], describeEvent(ev[0]), r.kind, r.err)
		}
	}
	if p := s.Add(other.frames[1])[0].(*Problem); !errors.Is(p.Err, transfer.ErrOtherTransfer) {
		t.Error("the other transfer's problem does not wrap transfer.ErrOtherTransfer")
	}

	// The last code completes it; what follows in the call is left.
	ev := s.Add(tr.frames[0], exp[0])
	if len(ev) != 1 {
		t.Fatalf("the last code: %d events", len(ev))
	}
	done, ok := ev[0].(*Transfer)
	if !ok || done.Message != 1 || done.Codes != k {
		t.Fatalf("the last code: %s", describeEvent(ev[0]))
	}
	got, err := done.Sealed.Open(tr.code, fakeDerive)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tr.accounts) || got[0].Name != "a" || got[2].Name != "c" || string(got[1].Secret) != "transfer secret b" {
		t.Errorf("the transfer opened to %v", got)
	}
	if len(s.Pending()) != 0 {
		t.Errorf("Pending after the transfer: %+v", s.Pending())
	}

	// Its codes again are ignored; another transfer and an export may
	// begin.
	if ev := s.Add(tr.frames[2]); len(ev) != 0 {
		t.Errorf("a code of the transfer received: %v", ev)
	}
	var missing []int
	for i := range other.frames {
		if i != 1 {
			missing = append(missing, i)
		}
	}
	want := fmt.Sprintf("progress transfer #2 code 1, 1 of %d missing %v", len(other.frames), missing)
	if ev := s.Add(other.frames[1]); len(ev) != 1 || describeEvent(ev[0]) != want {
		t.Errorf("another transfer after one: %v, want %s", ev, want)
	}
}

func TestSessionTransferAfterExport(t *testing.T) {
	exp := exportOf(t, 3, testAccount("I", "a"), testAccount("I", "b"))
	tr := sendTransfer(t, 3, "t")
	var s Session
	s.Add(exp[0])
	if ev := s.Add(tr.frames[0]); !errors.Is(ev[0].(*Problem).Err, ErrMixed) {
		t.Errorf("a transfer code while an export is half-read: %s", describeEvent(ev[0]))
	}
	s.Add(exp[1])
	if ev := s.Add(tr.frames[0]); !strings.HasPrefix(describeEvent(ev[0]), "progress transfer #2 code 0, 1 of") {
		t.Errorf("a transfer code once the export is complete: %s", describeEvent(ev[0]))
	}
}

func TestSessionTransferStream(t *testing.T) {
	// Auto-play codes, some of which carry sums of blocks, complete the
	// transfer from any k codes and a few more.
	tr := sendTransfer(t, 4, "a", "b")
	k := len(tr.frames)
	var s Session
	for n := uint64(k / 2); n < uint64(4*k); n++ {
		for _, e := range s.Add(tr.msg.Stream(smallLayout, n)) {
			switch e := e.(type) {
			case *Transfer:
				if got, err := e.Sealed.Open(tr.code, fakeDerive); err != nil || len(got) != 2 {
					t.Fatalf("opening: %v, %v", got, err)
				}
				return
			case *Problem:
				t.Fatalf("code %d: %v", n, e.Err)
			}
		}
	}
	t.Fatalf("%d auto-play codes did not complete a transfer of %d", 3*k+k/2, k)
}
