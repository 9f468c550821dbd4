package ui

import (
	"context"
	"crypto/rand"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// cheapParams keep the tests fast; the cost does not change what is tested.
var cheapParams = vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}

// countingKDF returns a KDF that runs Argon2id and counts its runs in n.
func countingKDF(n *atomic.Int32) vault.KDF {
	return func(password, salt []byte, p vault.Params) ([]byte, error) {
		n.Add(1)
		return vault.Argon2id(password, salt, p)
	}
}

// twoAccounts returns a TOTP and a HOTP account.
func twoAccounts(t *testing.T) []vault.Account {
	t.Helper()
	var out []vault.Account
	for _, k := range []otp.Key{
		{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("12345678901234567890")},
		{Type: otp.HOTP, Algorithm: otp.SHA256, Digits: 8, Counter: 42, Secret: []byte("abcdefghijabcdefghij")},
	} {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vault.Account{ID: id, Issuer: "Example " + k.Type.String(), Name: "alice", Key: k})
	}
	return out
}

// TestMakeBackup makes a backup with the vault password, a wrong one, and
// another passphrase, and counts the key derivations of each: the check of
// the vault password and the backup's own key, nothing more. A wrong vault
// password makes no backup and records none.
func TestMakeBackup(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		pass  string
		other bool
		want  error // errors.Is, or nil for a backup
		n     int32
	}{
		{"vault password", "vault password", false, nil, 2},
		{"wrong vault password", "vault Password", false, vault.ErrWrongPassword, 1},
		{"another passphrase", "another passphrase", true, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := keeper.CreateWith(context.Background(), store.NewMem(), []byte("vault password"), cheapParams,
				vault.Argon2id, rand.Reader, vault.Contents{Accounts: twoAccounts(t)})
			if err != nil {
				t.Fatal(err)
			}
			var n atomic.Int32
			var files [][]byte
			svc := Services{KDF: countingKDF(&n), Params: cheapParams, Now: func() time.Time { return now },
				Download: func(name, mime string, data []byte) error {
					files = append(files, data)
					return nil
				}}
			name, err := makeBackup(k, svc, []byte(tc.pass), tc.other)
			if got := n.Load(); got != tc.n {
				t.Errorf("%d key derivations, want %d", got, tc.n)
			}
			vc := k.Contents()
			settings := vc.Settings
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("makeBackup: %v, want %v", err, tc.want)
				}
				if msg := describeBackup(i18n.English, err); msg != i18n.English.T(i18n.BackupNotVaultPass) {
					t.Errorf("the panel says %q", msg)
				}
				if len(files) != 0 || !settings.LastBackup.IsZero() {
					t.Errorf("a wrong password offered %d files and recorded a backup at %v", len(files), settings.LastBackup)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 1 || name != "twofold-backup-2026-11-25.txt" {
				t.Fatalf("offered %d files, the backup named %q", len(files), name)
			}
			b, err := backup.Open(files[0], []byte(tc.pass), vault.Argon2id)
			if err != nil {
				t.Fatalf("opening the backup with %q: %v", tc.pass, err)
			}
			if len(b.Contents.Accounts) != 2 {
				t.Errorf("the backup holds %d accounts, want 2", len(b.Contents.Accounts))
			}
			if !settings.LastBackup.Equal(now) || settings.BackupDigest != vc.Digest() {
				t.Errorf("recorded a backup at %v with digest %s, want %v and the vault's", settings.LastBackup, settings.BackupDigest, now)
			}
		})
	}
}

// TestRestoreDerivations opens a backup and creates a vault from it, as the
// restore screen does, and counts the key derivations: one to open the
// backup, one for the new vault's password slot, with its own salt. The new
// vault holds the backup's accounts and settings from its first write.
func TestRestoreDerivations(t *testing.T) {
	made := time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC)
	c := &vault.Contents{Accounts: twoAccounts(t), Settings: vault.Settings{LockAfter: 3 * time.Minute}}
	data, err := backup.Seal(c, []byte("backup passphrase"), cheapParams, vault.Argon2id, rand.Reader, made)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	st := store.NewMem()
	svc := Services{Store: st, KDF: countingKDF(&n), Params: cheapParams}

	file, err := recognise(data, svc.kdf())
	if err != nil || !file.Backup {
		t.Fatalf("recognise: %+v, %v", file, err)
	}
	if got := n.Load(); got != 0 {
		t.Errorf("recognising the file derived %d keys, want 0", got)
	}
	if _, err := file.open([]byte("backup Passphrase")); !errors.Is(err, backup.ErrWrongPassphrase) {
		t.Errorf("a wrong passphrase: %v", err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("a wrong passphrase derived %d keys, want 1", got)
	}
	n.Store(0)
	f, err := file.open([]byte("backup passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("opening the backup derived %d keys, want 1", got)
	}
	n.Store(0)
	k, err := restoreVault(svc, []byte("new vault password"), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("creating the vault derived %d keys, want 1", got)
	}
	if rev := k.Revision(); rev != 1 {
		t.Errorf("revision after the restore = %d, want 1 (one write)", rev)
	}
	again, err := keeper.Unlock(context.Background(), st, []byte("new vault password"), vault.Argon2id, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	got := again.Contents()
	if len(got.Accounts) != 2 || got.Accounts[1].Counter != 42 || got.Settings.LockAfter != 3*time.Minute {
		t.Errorf("the restored vault holds %d accounts and settings %+v", len(got.Accounts), got.Settings)
	}
	if !got.Settings.LastBackup.Equal(made) || got.Settings.BackupDigest != got.Digest() {
		t.Errorf("the restored vault records its last backup at %v, digest %s; want %v and its own", got.Settings.LastBackup, got.Settings.BackupDigest, made)
	}
}
