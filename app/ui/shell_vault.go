package ui

// The shell's part in the vault's life: create, restore, unlock and open
// it, and what to do when the store loses it while it is open.

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/vault"
)

// restore creates the vault under password with the accounts and settings
// of a backup.
func (s *Shell) restore(ctx app.Context, password string, f found) {
	s.busy, s.err, s.notice = true, nil, nil
	svc, damaged := s.svc, s.damaged
	ctx.Async(func() {
		k, err := restoreVault(svc, []byte(password), f, damaged)
		s.created(ctx, k, err)
	})
}

// restoreVault creates the vault under password holding the accounts and
// settings of an opened backup, in one write: an interrupted restore leaves
// no vault, never an empty one or part of the backup. It costs one key
// derivation, for the new vault's password slot with its own salt; the
// backup's was derived when it was opened. Over a damaged vault (damaged
// not nil), it replaces that vault, if it is still the one stored.
func restoreVault(svc Services, password []byte, f found, damaged *keeper.DamagedError) (*keeper.Keeper, error) {
	c := vault.Contents{Settings: f.Settings}
	offer := vault.Review(f.Accounts, nil) // every account, exact repeats once
	if _, err := c.Merge(offer, svc.rand(), svc.now()); err != nil {
		return nil, err
	}
	// The vault holds exactly the backup's accounts.
	c.Settings.LastBackup, c.Settings.BackupDigest = f.Created, c.Digest()
	if damaged != nil {
		return keeper.Replace(context.Background(), svc.Store, damaged.Revision, password, svc.params(), svc.kdf(), svc.rand(), c)
	}
	return keeper.CreateWith(context.Background(), svc.Store, password, svc.params(), svc.kdf(), svc.rand(), c)
}

// created finishes making a vault, on the goroutine that made it: it opens
// the vault, or shows the error. Persistent storage is asked for on the
// side: a browser may ask the person first (Firefox shows a prompt), and
// the new vault must not wait for the answer.
func (s *Shell) created(ctx app.Context, k *keeper.Keeper, err error) {
	ctx.Dispatch(func(ctx app.Context) {
		s.busy = false
		if err != nil {
			s.err = showErr(err)
			if errors.Is(err, keeper.ErrExists) {
				s.screen = screenUnlock
				s.focus(ctx, firstField(s.screen))
			}
			return
		}
		s.persisted, s.incoming = persistUnknown, nil
		s.goneSince, s.damaged = "", nil
		s.setPref(prefVault, keeper.Marker(s.svc.now())) // a new vault
		s.open(ctx, k)
		s.askPersist(ctx)
	})
}

// askPersist asks the browser to keep the site's storage, and shows its
// answer whenever it comes.
func (s *Shell) askPersist(ctx app.Context) {
	persist := s.svc.Persist
	if persist == nil {
		return
	}
	ctx.Async(func() {
		state := persistAnswer(persist())
		ctx.Dispatch(func(ctx app.Context) {
			s.persisted = state
			if s.env != nil {
				// A new env, so that the screens holding it see a
				// changed prop and draw the answer.
				e := *s.env
				e.persisted = state
				s.env = &e
			}
		})
	})
}

// persistAnswer is what the browser's answer to a request for persistent
// storage means for the vault: a failure is a refusal.
func persistAnswer(ok bool, err error) persistState {
	if err == nil && ok {
		return persistGranted
	}
	return persistDenied
}

// createWith creates the vault under password holding the received
// accounts, in one write: an interrupted creation leaves no vault, never a
// vault with part of them. Repeats within the transfer are kept once.
func (s *Shell) createWith(ctx app.Context, password string) {
	s.busy, s.err, s.notice = true, nil, nil
	svc, accounts := s.svc, s.incoming
	ctx.Async(func() {
		var c vault.Contents
		_, err := c.Merge(vault.Review(accounts, nil), svc.rand(), svc.now())
		var k *keeper.Keeper
		if err == nil {
			k, err = keeper.CreateWith(context.Background(), svc.Store, []byte(password), svc.params(), svc.kdf(), svc.rand(), c)
		}
		s.created(ctx, k, err)
	})
}

func (s *Shell) create(ctx app.Context, password string) {
	s.busy, s.err, s.notice = true, nil, nil
	st, kdf, p, r := s.svc.Store, s.svc.kdf(), s.svc.params(), s.svc.rand()
	ctx.Async(func() {
		k, err := keeper.Create(context.Background(), st, []byte(password), p, kdf, r)
		s.created(ctx, k, err)
	})
}

func (s *Shell) unlock(ctx app.Context, password string) {
	s.busy, s.err, s.notice = true, nil, nil
	st, kdf, r := s.svc.Store, s.svc.kdf(), s.svc.rand()
	persisted := s.svc.Persisted
	// The warm-up runs while the derivation works: it starts as the
	// derivation is asked for, and the page's thread is free while it
	// waits for the worker's answer.
	l, derive := s.lang, kdf
	kdf = func(password, salt []byte, p vault.Params) ([]byte, error) {
		go warmUp(l)
		return derive(password, salt, p)
	}
	// Whether the browser keeps the storage is asked meanwhile, not after.
	asked := make(chan persistState, 1)
	was := s.persisted
	ctx.Async(func() {
		state := was
		if persisted != nil {
			if ok, perr := persisted(); perr == nil && ok {
				state = persistGranted
			} else if perr == nil {
				state = persistDenied
			}
		}
		asked <- state
	})
	ctx.Async(func() {
		start := time.Now()
		k, err := keeper.Unlock(context.Background(), st, []byte(password), kdf, r)
		took := time.Since(start)
		state := <-asked
		if err != nil {
			state = was
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			s.damaged = nil
			if err != nil {
				s.err = showErr(err)
				errors.As(err, &s.damaged)
				s.focus(ctx, firstField(screenUnlock))
				return
			}
			s.persisted = state
			if s.pref(prefVault) == "" {
				s.setPref(prefVault, keeper.Marker(s.svc.now()))
			}
			s.open(ctx, k)
			s.env.unlockTook, s.env.unlockParams = took, k.Params()
		})
	})
}

func (s *Shell) open(ctx app.Context, k *keeper.Keeper) {
	s.lastActive = s.svc.now()
	k.OnGone(func() {
		s.ctx.Dispatch(func(ctx app.Context) {
			if s.env != nil && s.env.keeper == k && s.screen == screenVault {
				s.screen, s.err, s.notice, s.goneSaved = screenGone, nil, nil, ""
				s.focus(ctx, firstField(screenGone))
			}
		})
	})
	s.env = &env{
		svc:       s.svc,
		shell:     s.ctx,
		keeper:    k,
		clip:      s.clip,
		persisted: s.persisted,
		evicts:    s.svc.EvictsUnvisited != nil && s.svc.EvictsUnvisited(),
		lock:      s.lock,
		changed:   func(app.Context) {},
		setLang:   s.setLang,
	}
	s.screen = screenVault
	s.focus(ctx, searchID)
}

// pref returns the preference key, or "" where there are none.
func (s *Shell) pref(key string) string {
	if s.svc.Pref == nil {
		return ""
	}
	return s.svc.Pref(key)
}

func (s *Shell) setPref(key, value string) {
	if s.svc.SetPref != nil {
		s.svc.SetPref(key, value)
	}
}

// goneBackup saves a backup of the accounts still open after the store
// lost the vault, under the vault password.
func (s *Shell) goneBackup(ctx app.Context, password string) {
	if s.env == nil {
		return
	}
	if s.svc.Download == nil {
		s.err = showMsg(i18n.BackupNoSave)
		return
	}
	k, svc := s.env.keeper, s.svc
	s.busy, s.err = true, nil
	ctx.Async(func() {
		name, err := makeBackup(k, svc, []byte(password), false)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = showWith(describeBackup, err)
				return
			}
			s.goneSaved = name // the screen then drops the password
		})
	})
}

// reinstate puts the vault still open back into the store that lost it.
func (s *Shell) reinstate(ctx app.Context) {
	if s.env == nil {
		return
	}
	k := s.env.keeper
	s.busy, s.err = true, nil
	ctx.Async(func() {
		err := k.Reinstate(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = showErr(err)
				return
			}
			s.screen = screenVault
			s.focus(ctx, searchID)
		})
	})
}

// closeGone forgets the vault that the store lost, and offers to start
// again: restore, receive or create.
func (s *Shell) closeGone(ctx app.Context) {
	if s.env != nil {
		s.env.keeper.Lock()
	}
	s.env = nil
	s.screen, s.err, s.notice = screenSetup, nil, nil
	s.goneSince = s.pref(prefVault)
	s.focus(ctx, firstField(s.screen))
}
