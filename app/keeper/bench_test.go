package keeper_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/keeper"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// keeper1000 returns a keeper of a vault of 1000 TOTP accounts with 20-byte
// secrets, under password with the default Argon2id cost.
func keeper1000(b *testing.B, password []byte) *keeper.Keeper {
	var c vault.Contents
	now := time.Now()
	for i := range 1000 {
		id, err := vault.NewID(rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		secret := make([]byte, 20)
		rand.Read(secret)
		c.Accounts = append(c.Accounts, vault.Account{ID: id, Issuer: fmt.Sprintf("Service %d", i),
			Name: fmt.Sprintf("user%d@example.com", i), Group: "Work", Created: now, Modified: now,
			Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret}})
	}
	k, err := keeper.CreateWith(ctx, store.NewMem(), password, vault.DefaultParams, vault.Argon2id, rand.Reader, c)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// backupBefore makes a backup the way the app did before issue 13's
// "no needless derivations": the check of the vault password (vaultPassword
// only), the seal, then a second derivation of the backup's key to open the
// file and compare its contents (the Verify that Seal's read-back
// replaced). Seal now reads the file back too, without deriving, so this is
// the old sequence plus that read-back, which costs a few milliseconds.
func backupBefore(k *keeper.Keeper, pass []byte, vaultPassword bool, now time.Time) ([]byte, error) {
	if vaultPassword {
		if err := k.CheckPassword(ctx, pass, vault.Argon2id); err != nil {
			return nil, err
		}
	}
	c := k.Contents()
	file, err := backup.Seal(&c, pass, vault.DefaultParams, vault.Argon2id, rand.Reader, now)
	if err != nil {
		return nil, err
	}
	b, err := backup.Open(file, pass, vault.Argon2id)
	if err != nil {
		return nil, err
	}
	want, _, err := vault.MarshalContents(&c)
	if err != nil {
		return nil, err
	}
	got, _, err := vault.MarshalContents(b.Contents)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(got, want) {
		return nil, errors.New("the backup does not hold the contents")
	}
	return file, nil
}

// backupNow makes a backup as the app does now: SealBackup with the vault
// password, or Seal of the contents with another passphrase.
func backupNow(k *keeper.Keeper, pass []byte, vaultPassword bool, now time.Time) ([]byte, error) {
	if vaultPassword {
		file, _, err := k.SealBackup(ctx, pass, vault.DefaultParams, vault.Argon2id, now)
		return file, err
	}
	c := k.Contents()
	return backup.Seal(&c, pass, vault.DefaultParams, vault.Argon2id, rand.Reader, now)
}

// BenchmarkBackup1000 measures a backup of 1000 accounts with the default
// Argon2id cost, with the vault password and with another passphrase, made
// as before issue 13 (backupBefore) and as now (backupNow). Every iteration
// runs both, one after the other, so that the two see the same load of the
// machine; it reports the time of each (before-ms, after-ms) and their
// ratio (after/before).
func BenchmarkBackup1000(b *testing.B) {
	pass := []byte("the vault password")
	k := keeper1000(b, pass)
	for _, mode := range []struct {
		name          string
		vaultPassword bool
	}{
		{"vault-password", true},
		{"other-passphrase", false},
	} {
		b.Run(mode.name, func(b *testing.B) {
			var before, after time.Duration
			run := func(f func(*keeper.Keeper, []byte, bool, time.Time) ([]byte, error)) time.Duration {
				start := time.Now()
				if _, err := f(k, pass, mode.vaultPassword, start); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			i := 0
			for b.Loop() {
				// Alternate which goes first, so that neither always
				// follows the other's garbage.
				if i%2 == 0 {
					before += run(backupBefore)
					after += run(backupNow)
				} else {
					after += run(backupNow)
					before += run(backupBefore)
				}
				i++
			}
			b.ReportMetric(float64(before.Milliseconds())/float64(i), "before-ms")
			b.ReportMetric(float64(after.Milliseconds())/float64(i), "after-ms")
			b.ReportMetric(after.Seconds()/before.Seconds(), "after/before")
		})
	}
}
