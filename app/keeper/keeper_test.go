package keeper_test

import (
	"context"
	"crypto/rand"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/keeper"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// cheap keeps the tests fast; the cost does not change what is tested.
var cheap = vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}

var ctx = context.Background()

func account(t *testing.T, issuer string) vault.Account {
	t.Helper()
	id, err := vault.NewID(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return vault.Account{ID: id, Issuer: issuer, Name: "alice",
		Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}}
}

func add(a vault.Account) func(*vault.Contents) error {
	return func(c *vault.Contents) error { return c.Add(a) }
}

func issuers(c vault.Contents) map[string]bool {
	m := map[string]bool{}
	for _, a := range c.Accounts {
		m[a.Issuer] = true
	}
	return m
}

func TestCreateUnlock(t *testing.T) {
	st := store.NewMem()
	if ok, err := keeper.Exists(ctx, st); err != nil || ok {
		t.Fatalf("Exists on an empty store = %v, %v", ok, err)
	}
	if _, err := keeper.Unlock(ctx, st, []byte("pw"), vault.Argon2id, rand.Reader); !errors.Is(err, keeper.ErrNoVault) {
		t.Fatalf("Unlock with no vault: %v, want ErrNoVault", err)
	}
	k, err := keeper.Create(ctx, st, []byte("right password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Update(ctx, add(account(t, "GitHub"))); err != nil {
		t.Fatal(err)
	}
	if _, err := keeper.Create(ctx, st, []byte("other"), cheap, vault.Argon2id, rand.Reader); !errors.Is(err, keeper.ErrExists) {
		t.Fatalf("second Create: %v, want ErrExists", err)
	}
	if _, err := keeper.Unlock(ctx, st, []byte("wrong password"), vault.Argon2id, rand.Reader); !errors.Is(err, vault.ErrWrongPassword) {
		t.Fatalf("Unlock with a wrong password: %v, want ErrWrongPassword", err)
	}
	k2, err := keeper.Unlock(ctx, st, []byte("right password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got := issuers(k2.Contents()); !got["GitHub"] || len(got) != 1 {
		t.Fatalf("unlocked accounts = %v, want GitHub", got)
	}
	k2.Lock()
	if err := k2.Update(ctx, add(account(t, "x"))); !errors.Is(err, keeper.ErrLocked) {
		t.Fatalf("Update after Lock: %v, want ErrLocked", err)
	}
	if _, err := k2.Refresh(ctx); !errors.Is(err, keeper.ErrLocked) {
		t.Fatalf("Refresh after Lock: %v, want ErrLocked", err)
	}
}

// TestTwoTabs is two keepers on one store, each changing the vault without
// having seen the other's change: nothing may be lost.
func TestTwoTabs(t *testing.T) {
	st := store.NewMem()
	a, err := keeper.Create(ctx, st, []byte("password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keeper.Unlock(ctx, st, []byte("password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Update(ctx, add(account(t, "from A"))); err != nil {
		t.Fatal(err)
	}
	// b is behind: its write must first take in a's change.
	if err := b.Update(ctx, add(account(t, "from B"))); err != nil {
		t.Fatal(err)
	}
	if got := issuers(b.Contents()); !got["from A"] || !got["from B"] {
		t.Fatalf("b after its update = %v, want both", got)
	}
	changed, err := a.Refresh(ctx)
	if err != nil || !changed {
		t.Fatalf("a.Refresh = %v, %v, want a change", changed, err)
	}
	if got := issuers(a.Contents()); !got["from A"] || !got["from B"] {
		t.Fatalf("a after refresh = %v, want both", got)
	}
	if changed, err := a.Refresh(ctx); err != nil || changed {
		t.Fatalf("second a.Refresh = %v, %v, want no change", changed, err)
	}
	if a.Revision() != b.Revision() {
		t.Fatalf("revisions differ: %d and %d", a.Revision(), b.Revision())
	}
}

// TestPasswordChangeSurvivesOtherTab checks that a tab that did not change
// the password does not write the old password slot back.
func TestPasswordChangeSurvivesOtherTab(t *testing.T) {
	st := store.NewMem()
	a, err := keeper.Create(ctx, st, []byte("old password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keeper.Unlock(ctx, st, []byte("old password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ChangePassword(ctx, []byte("not it"), []byte("new password"), cheap, vault.Argon2id); !errors.Is(err, vault.ErrWrongPassword) {
		t.Fatalf("ChangePassword with a wrong current password: %v, want ErrWrongPassword", err)
	}
	if err := a.ChangePassword(ctx, []byte("old password"), []byte("new password"), cheap, vault.Argon2id); err != nil {
		t.Fatal(err)
	}
	if err := b.Update(ctx, add(account(t, "late"))); err != nil {
		t.Fatal(err)
	}
	if _, err := keeper.Unlock(ctx, st, []byte("old password"), vault.Argon2id, rand.Reader); !errors.Is(err, vault.ErrWrongPassword) {
		t.Fatalf("old password after change: %v, want ErrWrongPassword", err)
	}
	c, err := keeper.Unlock(ctx, st, []byte("new password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("new password after the other tab wrote: %v", err)
	}
	if !issuers(c.Contents())["late"] {
		t.Fatal("the other tab's account is missing")
	}
}

// failing is a store whose writes fail, as a full disk does.
type failing struct {
	store.Store
	err error
}

func (f failing) Put(context.Context, string, []byte, uint64) (uint64, error) { return 0, f.err }

func TestFailedWriteLosesNothing(t *testing.T) {
	mem := store.NewMem()
	k, err := keeper.Create(ctx, mem, []byte("password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Update(ctx, add(account(t, "kept"))); err != nil {
		t.Fatal(err)
	}
	full, err := keeper.Unlock(ctx, failing{mem, store.ErrQuota}, []byte("password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := full.Update(ctx, add(account(t, "lost"))); !errors.Is(err, store.ErrQuota) {
		t.Fatalf("Update on a full store: %v, want ErrQuota", err)
	}
	if got := issuers(full.Contents()); got["lost"] || !got["kept"] {
		t.Fatalf("contents after a failed write = %v, want only the saved account", got)
	}
	again, err := keeper.Unlock(ctx, mem, []byte("password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got := issuers(again.Contents()); got["lost"] || !got["kept"] {
		t.Fatalf("stored contents = %v, want only the saved account", got)
	}
	refused := errors.New("refused")
	if err := k.Update(ctx, func(*vault.Contents) error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("Update whose change fails: %v, want that error", err)
	}
}

func TestCheckPassword(t *testing.T) {
	st := store.NewMem()
	k, err := keeper.Create(ctx, st, []byte("right"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.CheckPassword(ctx, []byte("right"), vault.Argon2id); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if err := k.CheckPassword(ctx, []byte("wrong"), vault.Argon2id); !errors.Is(err, vault.ErrWrongPassword) {
		t.Errorf("a wrong password: %v, want ErrWrongPassword", err)
	}
}

// TestCreateWith checks that a vault created with accounts holds them at
// once, in its first and only write, and that a second one is refused.
func TestCreateWith(t *testing.T) {
	st := store.NewMem()
	c := vault.Contents{Accounts: []vault.Account{account(t, "GitHub"), account(t, "Forgejo")}}
	k, err := keeper.CreateWith(ctx, st, []byte("right password"), cheap, vault.Argon2id, rand.Reader, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Accounts[0].Issuer = "changed after" // the keeper holds its own copy
	if got := issuers(k.Contents()); !got["GitHub"] || !got["Forgejo"] || len(got) != 2 {
		t.Fatalf("created accounts = %v, want GitHub and Forgejo", got)
	}
	if rev := k.Revision(); rev != 1 {
		t.Errorf("revision after CreateWith = %d, want 1 (one write)", rev)
	}
	k2, err := keeper.Unlock(ctx, st, []byte("right password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got := issuers(k2.Contents()); !got["GitHub"] || !got["Forgejo"] || len(got) != 2 {
		t.Fatalf("unlocked accounts = %v, want GitHub and Forgejo", got)
	}
	if _, err := keeper.CreateWith(ctx, st, []byte("other"), cheap, vault.Argon2id, rand.Reader, c); !errors.Is(err, keeper.ErrExists) {
		t.Fatalf("second CreateWith: %v, want ErrExists", err)
	}
}

// TestSealBackup checks that a backup under the vault password holds the
// vault's contents and opens with that password, and that a wrong password,
// or a locked keeper, makes no backup.
func TestSealBackup(t *testing.T) {
	st := store.NewMem()
	k, err := keeper.Create(ctx, st, []byte("right"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Update(ctx, add(account(t, "GitHub"))); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	file, c, err := k.SealBackup(ctx, []byte("right"), cheap, vault.Argon2id, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := issuers(c); !got["GitHub"] || len(got) != 1 {
		t.Errorf("the contents backed up = %v, want GitHub", got)
	}
	b, err := backup.Open(file, []byte("right"), vault.Argon2id)
	if err != nil {
		t.Fatalf("opening the backup with the vault password: %v", err)
	}
	if got := issuers(*b.Contents); !got["GitHub"] || len(got) != 1 || !b.Created.Equal(now) {
		t.Errorf("the backup holds %v made %v, want GitHub made %v", got, b.Created, now)
	}

	file, c, err = k.SealBackup(ctx, []byte("Right"), cheap, vault.Argon2id, now)
	if !errors.Is(err, vault.ErrWrongPassword) || file != nil || c.Accounts != nil {
		t.Errorf("a wrong password: %d bytes, %d accounts, %v; want no backup and ErrWrongPassword", len(file), len(c.Accounts), err)
	}
	k.Lock()
	if file, _, err := k.SealBackup(ctx, []byte("right"), cheap, vault.Argon2id, now); !errors.Is(err, keeper.ErrLocked) || file != nil {
		t.Errorf("after Lock: %d bytes, %v; want no backup and ErrLocked", len(file), err)
	}
}

// countingKDF returns a KDF that runs Argon2id and counts its runs in n.
func countingKDF(n *atomic.Int32) vault.KDF {
	return func(password, salt []byte, p vault.Params) ([]byte, error) {
		n.Add(1)
		return vault.Argon2id(password, salt, p)
	}
}

// TestDerivations counts the key derivations of each operation on a vault.
// Each one left has a purpose: opening or making a password slot, each
// with its own salt, or sealing a backup with its own salt.
func TestDerivations(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, st store.Store, k *keeper.Keeper, kdf vault.KDF) error
		want error // errors.Is, or nil for success
		n    int32
	}{
		{"Create", func(t *testing.T, _ store.Store, _ *keeper.Keeper, kdf vault.KDF) error {
			_, err := keeper.Create(ctx, store.NewMem(), []byte("pw"), cheap, kdf, rand.Reader)
			return err
		}, nil, 1},
		{"CreateWith", func(t *testing.T, _ store.Store, _ *keeper.Keeper, kdf vault.KDF) error {
			c := vault.Contents{Accounts: []vault.Account{account(t, "GitHub")}}
			_, err := keeper.CreateWith(ctx, store.NewMem(), []byte("pw"), cheap, kdf, rand.Reader, c)
			return err
		}, nil, 1},
		{"Unlock", func(t *testing.T, st store.Store, _ *keeper.Keeper, kdf vault.KDF) error {
			_, err := keeper.Unlock(ctx, st, []byte("right"), kdf, rand.Reader)
			return err
		}, nil, 1},
		{"Unlock with a wrong password", func(t *testing.T, st store.Store, _ *keeper.Keeper, kdf vault.KDF) error {
			_, err := keeper.Unlock(ctx, st, []byte("wrong"), kdf, rand.Reader)
			return err
		}, vault.ErrWrongPassword, 1},
		{"Update", func(t *testing.T, _ store.Store, k *keeper.Keeper, _ vault.KDF) error {
			return k.Update(ctx, add(account(t, "Forgejo")))
		}, nil, 0},
		{"Refresh after another tab's change", func(t *testing.T, st store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			other, err := keeper.Unlock(ctx, st, []byte("right"), vault.Argon2id, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if err := other.Update(ctx, add(account(t, "Forgejo"))); err != nil {
				t.Fatal(err)
			}
			if changed, err := k.Refresh(ctx); err != nil || !changed {
				t.Fatalf("Refresh = %v, %v; want a change", changed, err)
			}
			return nil
		}, nil, 0},
		{"CheckPassword", func(t *testing.T, _ store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			return k.CheckPassword(ctx, []byte("right"), kdf)
		}, nil, 1},
		{"ChangePassword", func(t *testing.T, _ store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			return k.ChangePassword(ctx, []byte("right"), []byte("new"), cheap, kdf)
		}, nil, 2},
		{"ChangePassword with a wrong current password", func(t *testing.T, _ store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			return k.ChangePassword(ctx, []byte("wrong"), []byte("new"), cheap, kdf)
		}, vault.ErrWrongPassword, 1},
		{"SealBackup", func(t *testing.T, _ store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			_, _, err := k.SealBackup(ctx, []byte("right"), cheap, kdf, now)
			return err
		}, nil, 2},
		{"SealBackup with a wrong password", func(t *testing.T, _ store.Store, k *keeper.Keeper, kdf vault.KDF) error {
			_, _, err := k.SealBackup(ctx, []byte("wrong"), cheap, kdf, now)
			return err
		}, vault.ErrWrongPassword, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := store.NewMem()
			k, err := keeper.Create(ctx, st, []byte("right"), cheap, vault.Argon2id, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if err := k.Update(ctx, add(account(t, "GitHub"))); err != nil {
				t.Fatal(err)
			}
			var n atomic.Int32
			err = tc.run(t, st, k, countingKDF(&n))
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if got := n.Load(); got != tc.n {
				t.Errorf("%d key derivations, want %d", got, tc.n)
			}
		})
	}
}

// ChangeParams keeps the password and stores the new cost, which the next
// unlock reads; a wrong password changes nothing.
func TestChangeParams(t *testing.T) {
	st := store.NewMem()
	k, err := keeper.Create(ctx, st, []byte("the password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Params(); got != cheap {
		t.Fatalf("Params of a new vault = %+v, want %+v", got, cheap)
	}
	higher := vault.Params{Time: 2, MemoryKiB: 128, Threads: 1}
	if err := k.ChangeParams(ctx, []byte("not it"), higher, vault.Argon2id); !errors.Is(err, vault.ErrWrongPassword) {
		t.Fatalf("ChangeParams with a wrong password: %v, want ErrWrongPassword", err)
	}
	if got := k.Params(); got != cheap {
		t.Fatalf("after a wrong password, Params = %+v, want %+v", got, cheap)
	}
	if err := k.ChangeParams(ctx, []byte("the password"), higher, vault.Argon2id); err != nil {
		t.Fatal(err)
	}
	if got := k.Params(); got != higher {
		t.Fatalf("after ChangeParams, Params = %+v, want %+v", got, higher)
	}
	k.Lock()
	if got := k.Params(); got != (vault.Params{}) {
		t.Fatalf("Params of a locked keeper = %+v, want zero", got)
	}
	again, err := keeper.Unlock(ctx, st, []byte("the password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("unlocking with the same password after ChangeParams: %v", err)
	}
	if got := again.Params(); got != higher {
		t.Fatalf("after unlocking again, Params = %+v, want %+v", got, higher)
	}
}
