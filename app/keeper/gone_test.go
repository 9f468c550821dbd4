package keeper_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"
	"time"

	"twofold.app/app/keeper"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// TestGone checks what a keeper does when its vault disappears from the
// store while unlocked: it refuses to write, says ErrGone, calls OnGone,
// still makes a backup under the right password only, and puts the vault
// back when asked.
func TestGone(t *testing.T) {
	st := store.NewMem()
	k, err := keeper.Create(ctx, st, []byte("right password"), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Update(ctx, add(account(t, "GitHub"))); err != nil {
		t.Fatal(err)
	}
	gone := make(chan struct{}, 4)
	k.OnGone(func() { gone <- struct{}{} })
	if err := st.Delete(ctx, keeper.Key, k.Revision()); err != nil {
		t.Fatal(err)
	}

	if err := k.Update(ctx, add(account(t, "GitLab"))); !errors.Is(err, keeper.ErrGone) {
		t.Fatalf("Update after the vault was deleted: %v, want ErrGone", err)
	}
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("OnGone was not called")
	}
	if _, err := st.Get(ctx, keeper.Key); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the store holds a vault again after a refused Update: %v", err)
	}
	if _, err := k.Refresh(ctx); !errors.Is(err, keeper.ErrGone) {
		t.Fatalf("Refresh: %v, want ErrGone", err)
	}
	if got := issuers(k.Contents()); !got["GitHub"] || got["GitLab"] {
		t.Fatalf("contents in memory = %v, want GitHub only", got)
	}

	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	if _, _, err := k.SealBackup(ctx, []byte("wrong"), cheap, vault.Argon2id, now); !errors.Is(err, vault.ErrWrongPassword) {
		t.Fatalf("SealBackup with a wrong password: %v, want ErrWrongPassword", err)
	}
	file, c, err := k.SealBackup(ctx, []byte("right password"), cheap, vault.Argon2id, now)
	if err != nil || len(file) == 0 || len(c.Accounts) != 1 {
		t.Fatalf("SealBackup of the gone vault: %d bytes, %d accounts, %v", len(file), len(c.Accounts), err)
	}

	if err := k.Reinstate(ctx); err != nil {
		t.Fatal(err)
	}
	k2, err := keeper.Unlock(ctx, st, []byte("right password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("unlocking the reinstated vault: %v", err)
	}
	if got := issuers(k2.Contents()); !got["GitHub"] || len(got) != 1 {
		t.Fatalf("reinstated vault holds %v", got)
	}
	if err := k.Update(ctx, add(account(t, "GitLab"))); err != nil {
		t.Fatalf("Update after Reinstate: %v", err)
	}
	if err := k.Reinstate(ctx); !errors.Is(err, keeper.ErrExists) {
		t.Fatalf("Reinstate over a stored vault: %v, want ErrExists", err)
	}
}

// stored creates a vault under password in a new memory store and
// returns the store, the keeper and the stored record.
func stored(t *testing.T, password string) (*store.Mem, *keeper.Keeper, store.Record) {
	t.Helper()
	st := store.NewMem()
	k, err := keeper.Create(ctx, st, []byte(password), cheap, vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.Get(ctx, keeper.Key)
	if err != nil {
		t.Fatal(err)
	}
	return st, k, rec
}

// TestDamaged checks that a damaged vault is reported as such, is left
// as it is, and is replaced only by Replace at its revision.
func TestDamaged(t *testing.T) {
	st, k, rec := stored(t, "right password")
	k.Lock()
	// Damage the encrypted payload: the password still opens the slot.
	i := bytes.LastIndex(rec.Data, []byte(`"data": "`)) + len(`"data": "`) + 4
	bad := bytes.Clone(rec.Data)
	bad[i] = map[bool]byte{true: 'B', false: 'A'}[bad[i] == 'A']
	rev, err := st.Put(ctx, keeper.Key, bad, rec.Revision)
	if err != nil {
		t.Fatal(err)
	}

	_, err = keeper.Unlock(ctx, st, []byte("right password"), vault.Argon2id, rand.Reader)
	var d *keeper.DamagedError
	if !errors.As(err, &d) || !errors.Is(err, vault.ErrCorrupt) || d.Revision != rev {
		t.Fatalf("Unlock of a damaged vault: %v, want a DamagedError at revision %d", err, rev)
	}
	if _, err := keeper.Create(ctx, st, []byte("pw"), cheap, vault.Argon2id, rand.Reader); !errors.Is(err, keeper.ErrExists) {
		t.Fatalf("Create over a damaged vault: %v, want ErrExists", err)
	}
	if got, _ := st.Get(ctx, keeper.Key); !bytes.Equal(got.Data, bad) {
		t.Fatal("the damaged vault was changed")
	}
	if _, err := keeper.Replace(ctx, st, rev-1, []byte("new password"), cheap, vault.Argon2id, rand.Reader, vault.Contents{}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("Replace at an old revision: %v, want ErrConflict", err)
	}
	c := vault.Contents{}
	if err := c.Add(account(t, "Restored")); err != nil {
		t.Fatal(err)
	}
	if _, err := keeper.Replace(ctx, st, d.Revision, []byte("new password"), cheap, vault.Argon2id, rand.Reader, c); err != nil {
		t.Fatal(err)
	}
	k3, err := keeper.Unlock(ctx, st, []byte("new password"), vault.Argon2id, rand.Reader)
	if err != nil || !issuers(k3.Contents())["Restored"] {
		t.Fatalf("unlocking the replaced vault: %v", err)
	}
}

func TestStartOf(t *testing.T) {
	for _, tt := range []struct {
		name   string
		exists bool
		marker string
		want   keeper.Start
	}{
		{"new browser", false, "", keeper.StartCreate},
		{"vault", true, "2026-12-01", keeper.StartUnlock},
		{"vault, marker cleared", true, "", keeper.StartUnlock},
		{"vault gone", false, "2026-12-01", keeper.StartGone},
	} {
		if got := keeper.StartOf(tt.exists, tt.marker); got != tt.want {
			t.Errorf("%s: StartOf(%v, %q) = %v, want %v", tt.name, tt.exists, tt.marker, got, tt.want)
		}
	}
	if got := keeper.Marker(time.Date(2026, 12, 7, 23, 30, 0, 0, time.FixedZone("JST", 9*3600))); got != "2026-12-07" {
		t.Errorf("Marker = %q", got)
	}
	if d, ok := keeper.MarkerDate("2026-12-07"); !ok || !d.Equal(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("MarkerDate(2026-12-07) = %v, %v", d, ok)
	}
	for _, m := range []string{"", "yes", "2026-13-01", "2026-12-07T00:00:00Z"} {
		if _, ok := keeper.MarkerDate(m); ok {
			t.Errorf("MarkerDate(%q) reads a date", m)
		}
	}
}

// TestDamagedAtRest changes one byte of the stored record behind the
// store's back, as a failing disk would: wherever it is, even in the
// password slot, where a wrong password and a damaged slot fail alike, the
// store's checksum makes Unlock and CheckPassword say "damaged", never
// "wrong password".
func TestDamagedAtRest(t *testing.T) {
	for _, tt := range []struct {
		name  string
		field string // the damaged byte is the 5th of this field's value
	}{
		{"slot key", `"key": "`},
		{"slot salt", `"salt": "`},
		{"slot nonce", `"nonce": "`},
		{"payload", `"data": "`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, k, rec := stored(t, "right password")
			st.Damage(keeper.Key, bytes.Index(rec.Data, []byte(tt.field))+len(tt.field)+4)
			for _, pw := range []string{"right password", "wrong password"} {
				_, err := keeper.Unlock(ctx, st, []byte(pw), vault.Argon2id, rand.Reader)
				var d *keeper.DamagedError
				if !errors.As(err, &d) || !errors.Is(err, vault.ErrCorrupt) || errors.Is(err, vault.ErrWrongPassword) || d.Revision != rec.Revision {
					t.Errorf("Unlock with the %s: %v, want a DamagedError at revision %d", pw, err, rec.Revision)
				}
			}
			if err := k.CheckPassword(ctx, []byte("right password"), vault.Argon2id); !errors.Is(err, vault.ErrCorrupt) {
				t.Errorf("CheckPassword: %v, want a DamagedError", err)
			}
		})
	}
}

// TestChecksumOnly checks that a record whose checksum fails but whose
// bytes open (the encryption authenticates them) unlocks, and that the
// next save stores it whole again.
func TestChecksumOnly(t *testing.T) {
	mem := store.NewMem()
	if _, err := keeper.Create(ctx, mem, []byte("pw"), cheap, vault.Argon2id, rand.Reader); err != nil {
		t.Fatal(err)
	}
	st := &badSum{Store: mem, bad: true}
	k, err := keeper.Unlock(ctx, st, []byte("pw"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatalf("Unlock of a record whose bytes open but whose checksum fails: %v", err)
	}
	if err := k.CheckPassword(ctx, []byte("wrong"), vault.Argon2id); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("CheckPassword of a wrong password on a record failing its checksum: %v, want it damaged", err)
	}
	if err := k.Update(ctx, func(c *vault.Contents) error { return c.Add(account(t, "After")) }); err != nil {
		t.Fatal(err)
	}
	if _, err := mem.Get(ctx, keeper.Key); err != nil {
		t.Errorf("after a save, the stored record: %v", err)
	}
}

// badSum is a store whose every record fails its checksum while bad.
type badSum struct {
	store.Store
	bad bool
}

func (b *badSum) Get(ctx context.Context, key string) (store.Record, error) {
	rec, err := b.Store.Get(ctx, key)
	if err == nil && b.bad {
		err = fmt.Errorf("reading %q: %w", key, store.ErrDamaged)
	}
	return rec, err
}
