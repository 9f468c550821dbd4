package ui

import (
	"context"
	"sync"
	"time"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// warmOnce makes warmUp run once in a page's life.
var warmOnce sync.Once

// warmUp opens a made-up vault and draws its rows once, and throws them
// away. A browser compiles each function of a WebAssembly program the
// first time it is called, and the code that opens a vault and draws the
// list first runs right after the key derivation, where the person waits
// for it, and its first run is the slowest (BENCHMARKS.md, "The list of a
// thousand accounts"). The unlock runs this while the derivation's worker
// works and the page has nothing else to do. Nothing of the person's is in it: a fixed
// password, key and secret, a key derivation that derives nothing, and a
// store in memory.
func warmUp(l i18n.Lang) {
	warmOnce.Do(func() { _ = warm(l) })
}

// warm is warmUp, every time, and says what stopped it.
func warm(l i18n.Lang) error {
	ctx := context.Background()
	noKDF := func(password, salt []byte, p vault.Params) ([]byte, error) { return make([]byte, 32), nil }
	params := vault.Params{Time: 1, MemoryKiB: 8, Threads: 1}
	now := time.Date(2026, 1, 1, 0, 0, 25, 0, time.UTC)
	secret := []byte("twofold warm-up, not a secret")
	var accounts []vault.Account
	for i, key := range []otp.Key{
		{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: secret},
		{Type: otp.HOTP, Algorithm: otp.SHA256, Digits: 8, Counter: 1, Secret: secret},
		{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: secret},
	} {
		accounts = append(accounts, vault.Account{ID: string(rune('a' + i)), Issuer: "Example", Name: "warm-up",
			Key: key, Group: "Group", Note: "Note", Favourite: i == 0, Created: now, Modified: now, LastUsed: now})
	}
	mem := store.NewMem()
	if _, err := keeper.CreateWith(ctx, mem, secret, params, noKDF, zeros{}, vault.Contents{Accounts: accounts}); err != nil {
		return err
	}
	k, err := keeper.Unlock(ctx, mem, secret, noKDF, zeros{})
	if err != nil {
		return err
	}
	defer k.Lock()
	c := k.Contents()
	x := listing.NewIndex(c.Accounts)
	x.Rows(listing.Query{Search: "example"})
	listing.Groups(c.Accounts)
	for i := range c.Accounts {
		a := &c.Accounts[i]
		drawRow(l, a, rowState{now: now, handle: true})
		drawRow(l, a, rowState{now: now, masked: true, copied: true})
	}
	return nil
}

// zeros is a reader of zero bytes: the made-up vault's salt and nonces.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
