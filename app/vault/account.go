package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"twofold.app/app/otp"
)

// Account is one entry of the vault: an OTP key with the labels the user
// sees.
type Account struct {
	// ID identifies the account inside its vault. It is made by [NewID] and
	// never changes, also not when the account is edited.
	ID string

	Issuer, Name string
	otp.Key
	Group, Note string

	// Favourite pins the account at the top of the list.
	Favourite bool

	// Created is when the account was added, Modified when its data (not
	// its place in the list, nor its LastUsed) last changed.
	Created, Modified time.Time
	// LastUsed is when the account's code was last copied, for ordering
	// by recent use; zero if never.
	LastUsed time.Time
}

// DefaultLockAfter is the idle time after which the app locks itself when
// [Settings.LockAfter] is zero.
const DefaultLockAfter = 5 * time.Minute

// NeverLock, as [Settings.LockAfter], turns the idle lock off. Any negative
// duration means the same.
const NeverLock time.Duration = -1

// Settings are the user's preferences that travel with the vault.
type Settings struct {
	// LockAfter is how long the app may stay unlocked without input. Zero
	// means DefaultLockAfter, so that the zero Settings lock; a negative value
	// (NeverLock) means never. It is stored with a resolution of one second.
	LockAfter time.Duration
	// LastBackup is when the last backup was made; zero if never.
	LastBackup time.Time
	// BackupDigest is the [Contents.Digest] of the accounts at the last
	// backup, so the app can tell whether they changed since.
	BackupDigest string
	// Sort is the order of the list of accounts.
	Sort Sort
	// Density is how closely the list's rows are set.
	Density Density
}

// IdleLock reports how long the app may stay idle before it locks, and
// false if it never locks.
func (s Settings) IdleLock() (time.Duration, bool) {
	switch {
	case s.LockAfter < 0:
		return 0, false
	case s.LockAfter == 0:
		return DefaultLockAfter, true
	}
	return s.LockAfter, true
}

// Contents is what a vault protects: the accounts, in the order the user
// sees them, and the settings.
type Contents struct {
	Accounts []Account
	Settings Settings
}

// idSize is the number of random bytes in an account ID.
const idSize = 16

// NewID returns a fresh account ID: 16 bytes read from rand, written as 32
// lower-case hexadecimal digits.
func NewID(rand io.Reader) (string, error) {
	b := make([]byte, idSize)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", fmt.Errorf("reading randomness for an account id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// ErrAccountID is returned by [Contents.Add] for an account whose ID is
// empty or already taken.
var ErrAccountID = errors.New("account id is empty or already used")

// Add appends a to the accounts. It fails if a.ID is empty or already used.
func (c *Contents) Add(a Account) error {
	if a.ID == "" {
		return fmt.Errorf("%w: empty", ErrAccountID)
	}
	if _, ok := c.Find(a.ID); ok {
		return fmt.Errorf("%w: duplicate", ErrAccountID)
	}
	c.Accounts = append(c.Accounts, a)
	return nil
}

// Find returns the index of the account with the given ID.
func (c *Contents) Find(id string) (int, bool) {
	for i := range c.Accounts {
		if c.Accounts[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// Replace puts a in place of the account with the same ID, keeping its
// position, and reports whether there was one.
func (c *Contents) Replace(a Account) bool {
	i, ok := c.Find(a.ID)
	if ok {
		c.Accounts[i] = a
	}
	return ok
}

// Remove deletes the account with the given ID, keeping the order of the
// others, and reports whether there was one.
func (c *Contents) Remove(id string) bool {
	i, ok := c.Find(id)
	if ok {
		c.Accounts = append(c.Accounts[:i], c.Accounts[i+1:]...)
	}
	return ok
}

// Duplicate returns an account, other than a itself (by ID), that has the
// same issuer, name and secret as a: what an import should not add twice.
// The strings are compared exactly.
func (c *Contents) Duplicate(a Account) (Account, bool) {
	for _, b := range c.Accounts {
		if b.ID != a.ID && sameAccount(a, b) {
			return b, true
		}
	}
	return Account{}, false
}

// sameAccount reports whether a and b have the same issuer, name and
// secret, whatever their IDs.
func sameAccount(a, b Account) bool {
	return a.Issuer == b.Issuer && a.Name == b.Name && bytes.Equal(a.Secret, b.Secret)
}

// Digest returns a fingerprint of the accounts: the lower-case hex SHA-256
// of their encoding in the vault's payload, with no LastUsed times and the
// default settings. It changes with any edit, addition, removal or
// reordering of accounts, and when one becomes or stops being a favourite:
// all of which a backup made before would lose. It does not change when a
// code is copied (LastUsed) or a setting changes.
//
// For accounts without favourites the encoding is that of version 1, so a
// digest stored by an older Twofold still matches.
func (c *Contents) Digest() string {
	b, _, err := encodePayload(&Contents{Accounts: c.Accounts}, false)
	if err != nil {
		// Accounts that cannot be encoded cannot be saved either; their
		// digest only has to differ from every saved one's.
		b = []byte(err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// BackedUp reports whether the accounts are as they were at the last
// backup.
func (c *Contents) BackedUp() bool {
	return c.Settings.BackupDigest != "" && c.Settings.BackupDigest == c.Digest()
}
