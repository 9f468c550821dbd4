// Package keeper holds an unlocked vault in memory and keeps it in a
// [store.Store], so that two writers of the same store (two browser tabs)
// never lose each other's changes.
//
// Every change is a function applied to the decrypted contents. Before it is
// written, the stored revision is compared with the one the keeper last read;
// when another writer got there first, the keeper decrypts the newer vault
// with the master key it already holds, applies the function again and
// retries. No change is ever written over a vault the keeper has not seen.
package keeper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"twofold.app/app/backup"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

// Key is the store key under which the sealed vault is kept.
const Key = "vault"

// maxRetries bounds how often Update redoes a change that lost a race.
const maxRetries = 5

// ErrExists is returned by [Create] when the store already holds a vault.
var ErrExists = errors.New("a vault already exists")

// ErrNoVault is returned by [Unlock] when the store holds no vault.
var ErrNoVault = errors.New("no vault has been created")

// ErrLocked is returned by methods called after [Keeper.Lock].
var ErrLocked = errors.New("vault is locked")

// ErrGone is returned by a keeper whose vault is no longer in the store:
// the browser's storage was cleared while the vault was unlocked. The
// keeper then writes nothing (it never puts a vault where there is none
// without being asked); its accounts are still in memory, for
// [Keeper.SealBackup] and [Keeper.Reinstate].
var ErrGone = errors.New("the vault is no longer in this browser's storage")

// DamagedError is returned by [Unlock] and [Keeper.CheckPassword] for a
// stored vault that cannot be read: it wraps the error of [vault.Open],
// which satisfies errors.Is(err, vault.ErrCorrupt), or, for a record that
// failed the store's checksum and did not open, both vault.ErrCorrupt and
// [store.ErrDamaged]. Revision is the stored revision of the damaged
// record, for [Replace].
type DamagedError struct {
	Revision uint64
	Err      error
}

func (e *DamagedError) Error() string { return e.Err.Error() }
func (e *DamagedError) Unwrap() error { return e.Err }

// read gets the stored vault. A record that fails the store's checksum is
// returned with damaged set and no error: its bytes may still open (the
// encryption authenticates them), and only when they do not is it damaged
// for the caller.
func read(ctx context.Context, st store.Store) (rec store.Record, damaged bool, err error) {
	rec, err = st.Get(ctx, Key)
	if errors.Is(err, store.ErrDamaged) {
		return rec, true, nil
	}
	return rec, false, err
}

// damage returns the error of opening the record at rev: a
// [*DamagedError] if the record is damaged, by the checksum or by what
// [vault.Open] found, and err itself otherwise.
func damage(err error, rev uint64, damaged bool) error {
	switch {
	case errors.Is(err, vault.ErrCorrupt):
		return &DamagedError{Revision: rev, Err: err}
	case damaged:
		// The slot may be what changed: a wrong password cannot be
		// told from a damaged slot, but the checksum can.
		return &DamagedError{Revision: rev, Err: fmt.Errorf("%w: %w", vault.ErrCorrupt, store.ErrDamaged)}
	}
	return err
}

// Exists reports whether st holds a vault.
func Exists(ctx context.Context, st store.Store) (bool, error) {
	_, _, err := read(ctx, st)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading vault: %w", err)
	}
	return true, nil
}

// Keeper is an unlocked vault bound to its store. Its methods are safe for
// concurrent use.
type Keeper struct {
	st   store.Store
	rand io.Reader

	mu       sync.Mutex
	sess     *vault.Session
	contents *vault.Contents
	rev      uint64
	onGone   func()
}

// Create seals a new, empty vault under password and stores it. It fails
// with [ErrExists] if st already holds one.
func Create(ctx context.Context, st store.Store, password []byte, p vault.Params, kdf vault.KDF, rand io.Reader) (*Keeper, error) {
	return CreateWith(ctx, st, password, p, kdf, rand, vault.Contents{})
}

// CreateWith is [Create] for a vault that holds c from the start, saved in
// one write, so that an interrupted creation leaves either no vault or the
// whole of c.
func CreateWith(ctx context.Context, st store.Store, password []byte, p vault.Params, kdf vault.KDF, rand io.Reader, c vault.Contents) (*Keeper, error) {
	if ok, err := Exists(ctx, st); err != nil {
		return nil, err
	} else if ok {
		return nil, ErrExists
	}
	k, err := createAt(ctx, st, 0, password, p, kdf, rand, c)
	if errors.Is(err, store.ErrConflict) {
		return nil, ErrExists
	}
	return k, err
}

// Replace is [CreateWith] over a damaged vault: it writes a new vault
// holding c in place of the record of revision rev, the one [Unlock]
// reported in a [DamagedError]. Until it is called, nothing overwrites a
// damaged vault. If the stored record is no longer that one, it fails
// with an error satisfying errors.Is(err, store.ErrConflict) and writes
// nothing.
func Replace(ctx context.Context, st store.Store, rev uint64, password []byte, p vault.Params, kdf vault.KDF, rand io.Reader, c vault.Contents) (*Keeper, error) {
	return createAt(ctx, st, rev, password, p, kdf, rand, c)
}

// createAt seals a new vault holding c and stores it over revision rev.
func createAt(ctx context.Context, st store.Store, rev uint64, password []byte, p vault.Params, kdf vault.KDF, rand io.Reader, c vault.Contents) (*Keeper, error) {
	sess, err := vault.Create(password, p, kdf, rand)
	if err != nil {
		return nil, fmt.Errorf("creating vault: %w", err)
	}
	cc := clone(&c)
	sealed, err := sess.Seal(&cc, rand)
	if err != nil {
		sess.Close()
		return nil, fmt.Errorf("sealing vault: %w", err)
	}
	next, err := st.Put(ctx, Key, sealed, rev)
	if err != nil {
		sess.Close()
		return nil, fmt.Errorf("saving vault: %w", err)
	}
	return &Keeper{st: st, rand: rand, sess: sess, contents: &cc, rev: next}, nil
}

// Unlock reads the vault from st and opens it with password. A wrong
// password gives an error satisfying errors.Is(err, vault.ErrWrongPassword);
// a damaged vault a [*DamagedError], which satisfies
// errors.Is(err, vault.ErrCorrupt). A vault is damaged if it cannot be
// read, or if it does not open and its record fails the store's checksum
// (a changed byte in the password slot would otherwise read as a wrong
// password). A record that fails the checksum but opens was not changed
// where it matters; the next save writes it anew.
func Unlock(ctx context.Context, st store.Store, password []byte, kdf vault.KDF, rand io.Reader) (*Keeper, error) {
	rec, damaged, err := read(ctx, st)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoVault
	} else if err != nil {
		return nil, fmt.Errorf("reading vault: %w", err)
	}
	sess, c, err := vault.Open(rec.Data, password, kdf)
	if err != nil {
		return nil, damage(err, rec.Revision, damaged)
	}
	return &Keeper{st: st, rand: rand, sess: sess, contents: c, rev: rec.Revision}, nil
}

// Contents returns a copy of the vault's contents as last read or written.
// The copy shares secret byte slices with the keeper; callers must not
// modify them.
func (k *Keeper) Contents() vault.Contents {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.contents == nil {
		return vault.Contents{}
	}
	return clone(k.contents)
}

// Revision returns the store revision the keeper last read or wrote.
func (k *Keeper) Revision() uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.rev
}

func clone(c *vault.Contents) vault.Contents {
	out := *c
	out.Accounts = append([]vault.Account(nil), c.Accounts...)
	return out
}

// Refresh reads the store and, if another writer saved a newer vault,
// decrypts it and makes it current. It reports whether anything changed.
func (k *Keeper) Refresh(ctx context.Context) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess == nil {
		return false, ErrLocked
	}
	return k.refreshLocked(ctx)
}

func (k *Keeper) refreshLocked(ctx context.Context) (bool, error) {
	// A record that fails the checksum is still decrypted below, which
	// authenticates it.
	rec, _, err := read(ctx, k.st)
	if errors.Is(err, store.ErrNotFound) {
		if k.onGone != nil {
			go k.onGone()
		}
		return false, ErrGone
	}
	if err != nil {
		return false, fmt.Errorf("reading vault: %w", err)
	}
	if rec.Revision == k.rev {
		return false, nil
	}
	c, err := k.sess.Decrypt(rec.Data)
	if err != nil {
		return false, fmt.Errorf("reading newer vault: %w", err)
	}
	k.contents, k.rev = c, rec.Revision
	return true, nil
}

// Update applies change to a copy of the contents and saves the result. If
// the store holds a newer vault than the keeper last saw, Update first makes
// that vault current and applies change to it instead, so change must be
// safe to run more than once. If change returns an error, nothing is saved
// and that error is returned.
func (k *Keeper) Update(ctx context.Context, change func(c *vault.Contents) error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess == nil {
		return ErrLocked
	}
	for range maxRetries {
		next := clone(k.contents)
		if err := change(&next); err != nil {
			return err
		}
		sealed, err := k.sess.Seal(&next, k.rand)
		if err != nil {
			return fmt.Errorf("sealing vault: %w", err)
		}
		rev, err := k.st.Put(ctx, Key, sealed, k.rev)
		if errors.Is(err, store.ErrConflict) {
			if _, err := k.refreshLocked(ctx); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("saving vault: %w", err)
		}
		k.contents, k.rev = &next, rev
		return nil
	}
	return fmt.Errorf("saving vault: %w (gave up after %d attempts)", store.ErrConflict, maxRetries)
}

// OnGone makes the keeper call gone, on a new goroutine, each time it
// finds that the store no longer holds its vault (see [ErrGone]).
func (k *Keeper) OnGone(gone func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.onGone = gone
}

// Reinstate stores the vault the keeper holds in memory again, after its
// store lost it ([ErrGone]): the same master key, password slots and
// contents, as a new record. It fails with [ErrExists] if the store holds
// a vault again (another tab created or restored one meanwhile), and
// writes nothing then.
func (k *Keeper) Reinstate(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess == nil {
		return ErrLocked
	}
	sealed, err := k.sess.Seal(k.contents, k.rand)
	if err != nil {
		return fmt.Errorf("sealing vault: %w", err)
	}
	rev, err := k.st.Put(ctx, Key, sealed, 0)
	if errors.Is(err, store.ErrConflict) {
		return ErrExists
	} else if err != nil {
		return fmt.Errorf("saving vault: %w", err)
	}
	k.rev = rev
	return nil
}

// CheckPassword reports whether password opens the stored vault: nil, or
// an error satisfying errors.Is(err, vault.ErrWrongPassword), or a
// [*DamagedError] as [Unlock] gives. It costs one key derivation. If the
// store no longer holds the vault, it fails with [ErrGone].
func (k *Keeper) CheckPassword(ctx context.Context, password []byte, kdf vault.KDF) error {
	rec, damaged, err := read(ctx, k.st)
	if errors.Is(err, store.ErrNotFound) {
		return ErrGone
	}
	if err != nil {
		return fmt.Errorf("reading vault: %w", err)
	}
	s, _, err := vault.Open(rec.Data, password, kdf)
	if err != nil {
		return damage(err, rec.Revision, damaged)
	}
	s.Close()
	return nil
}

// SealBackup makes a backup of the vault's contents under the vault's own
// password, with [backup.Seal], which reads the file back before returning
// it. It first checks that password opens the stored vault, as
// [Keeper.CheckPassword] does, so that a mistyped password cannot make a
// backup nobody can open: a wrong one gives an error satisfying
// errors.Is(err, vault.ErrWrongPassword) and makes no backup. If the store
// no longer holds the vault ([ErrGone]), password is checked against the
// slots the keeper holds in memory instead, so that the accounts still
// open can be saved. p is the Argon2id cost of the backup, now its
// creation time.
//
// It returns the file and the contents it holds. It costs two key
// derivations, which cannot be one: the check's, with the salt of the
// vault's password slot, and the backup's, with a fresh salt of its own.
func (k *Keeper) SealBackup(ctx context.Context, password []byte, p vault.Params, kdf vault.KDF, now time.Time) ([]byte, vault.Contents, error) {
	k.mu.Lock()
	sess := k.sess
	k.mu.Unlock()
	if sess == nil {
		return nil, vault.Contents{}, ErrLocked
	}
	err := k.CheckPassword(ctx, password, kdf)
	if errors.Is(err, ErrGone) {
		err = sess.CheckPassword(password, kdf)
	}
	if err != nil {
		return nil, vault.Contents{}, err
	}
	c := k.Contents()
	file, err := backup.Seal(&c, password, p, kdf, k.rand, now)
	if err != nil {
		return nil, vault.Contents{}, fmt.Errorf("making the backup: %w", err)
	}
	return file, c, nil
}

// ChangePassword checks that current opens the stored vault, then re-wraps
// the master key under password and saves the vault. The accounts are not
// re-encrypted. A wrong current password gives an error satisfying
// errors.Is(err, vault.ErrWrongPassword) and changes nothing.
func (k *Keeper) ChangePassword(ctx context.Context, current, password []byte, p vault.Params, kdf vault.KDF) error {
	k.mu.Lock()
	sess := k.sess
	k.mu.Unlock()
	if sess == nil {
		return ErrLocked
	}
	if err := k.CheckPassword(ctx, current, kdf); err != nil {
		return err
	}
	// The derivation is slow; it runs outside the lock, on a copy of
	// nothing but the session, and the result is saved by Update.
	if err := sess.ChangePassword(password, p, kdf, k.rand); err != nil {
		return fmt.Errorf("changing password: %w", err)
	}
	return k.Update(ctx, func(*vault.Contents) error { return nil })
}

// ChangeParams re-wraps the master key under the same password with the
// Argon2id parameters p, and saves the vault: the cost of every unlock,
// and of every guess of someone who copied the vault, from then on. It
// checks password as [Keeper.ChangePassword] does; a wrong one changes
// nothing. It costs two key derivations, one with the old parameters and
// one with p.
func (k *Keeper) ChangeParams(ctx context.Context, password []byte, p vault.Params, kdf vault.KDF) error {
	return k.ChangePassword(ctx, password, password, p, kdf)
}

// Params returns the Argon2id parameters of the vault's password, or the
// zero Params when the keeper is locked.
func (k *Keeper) Params() vault.Params {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess == nil {
		return vault.Params{}
	}
	return k.sess.Params()
}

// Lock forgets the master key and the decrypted contents.
func (k *Keeper) Lock() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sess != nil {
		k.sess.Close()
	}
	k.sess, k.contents = nil, nil
}
