package ui

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/vault"
)

// screen is what the shell shows.
type screen int

const (
	screenLoading  screen = iota // prerendered, and until the store answers
	screenSetup                  // no vault yet: create one
	screenUnlock                 // a vault exists and is locked
	screenVault                  // unlocked
	screenBroken                 // the store cannot be read at all
	screenRestore                // no vault yet: restore one from a backup
	screenReceive                // no vault yet: receive accounts from another device
	screenReceived               // no vault yet: choose the password for received accounts
	screenGone                   // the store lost the vault while it was unlocked
)

// prefVault is the preference that marks this browser as having held a
// vault: the date it first did (see [keeper.StartOf]). It is not secret.
const prefVault = "vault-since"

// Shell is the root component. It owns the unlocked vault (a
// [keeper.Keeper], in memory only), decides which screen is shown, locks
// after the idle time, and shows the update and install offers.
type Shell struct {
	app.Compo

	svc Services
	// ctx is the shell's own context. Focus is moved after a render on it:
	// go-app skips what is deferred on the context of an element that the
	// render removed, such as the button that closed a panel.
	ctx app.Context

	lang        i18n.Lang
	screen      screen
	env         *env
	busy        bool
	err         string
	notice      string
	updateReady bool
	installable bool
	persisted   persistState
	evicts      bool // the browser deletes unvisited sites' storage (Services.EvictsUnvisited)

	lastActive time.Time
	hiddenAt   time.Time // when the page was hidden; zero while it is shown
	clip       *clipGuard
	stops      []func()
	tickStop   chan struct{}

	// incoming are the accounts received from another device, in memory
	// until the new vault holds them.
	incoming []vault.Account

	// goneSince is the marker of a vault this browser held but no longer
	// has (the setup screen says so), or "".
	goneSince string
	// damaged is the damaged vault that unlocking found, until a backup
	// is restored over it.
	damaged *keeper.DamagedError
	// goneSaved is the backup saved from the gone screen.
	goneSaved string
}

// persistState is what the browser said about persistent storage.
type persistState int

const (
	persistUnknown persistState = iota
	persistGranted
	persistDenied
)

// env is what the vault screens share with the shell: the services, the
// open keeper, and the shell's actions. It is passed by pointer so that
// go-app's prop comparison sees it as unchanged between renders.
type env struct {
	svc    Services
	shell  app.Context // the shell's context (see Shell.ctx)
	keeper *keeper.Keeper
	clip   *clipGuard // clears the codes copied (nil: never)
	// unlockTook is how long the last derivation of the vault's key took
	// on this device, with unlockParams; zero when not measured.
	unlockTook   time.Duration
	unlockParams vault.Params
	persisted    persistState
	evicts       bool
	lock         func(ctx app.Context)
	changed      func(ctx app.Context) // the vault was saved
	setLang      func(ctx app.Context, l i18n.Lang)
}

// OnMount asks the store whether a vault exists; it runs in the browser
// only, never while prerendering.
func (s *Shell) OnMount(ctx app.Context) {
	s.ctx = ctx
	s.lang = s.svc.lang()
	if s.svc.SetLang != nil {
		s.svc.SetLang(s.lang.Tag())
	}
	s.installable = ctx.IsAppInstallable()
	s.lastActive = s.svc.now()
	if s.svc.Store == nil {
		s.screen, s.err = screenBroken, s.lang.T(i18n.NoStorage)
		return
	}
	st := s.svc.Store
	ctx.Async(func() {
		ok, err := keeper.Exists(context.Background(), st)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.screen, s.err = screenBroken, describe(s.lang, err)
				return
			}
			switch marker := s.pref(prefVault); keeper.StartOf(ok, marker) {
			case keeper.StartUnlock:
				s.screen = screenUnlock
			case keeper.StartGone:
				s.screen, s.goneSince = screenSetup, marker
			default:
				s.screen = screenSetup
			}
		})
	})
	if s.svc.Activity != nil {
		s.stops = append(s.stops, s.svc.Activity(func() {
			ctx.Dispatch(func(ctx app.Context) {
				s.lastActive = s.svc.now()
				ctx.PreventUpdate()
			})
		}))
	}
	s.clip = newClipGuard(s.svc)
	if s.clip != nil && s.svc.OnFocus != nil {
		s.stops = append(s.stops, s.svc.OnFocus(s.clip.focus))
	}
	if s.clip != nil && s.svc.OnCopy != nil {
		s.stops = append(s.stops, s.svc.OnCopy(s.clip.elsewhere))
	}
	if s.svc.OnHidden != nil {
		s.stops = append(s.stops, s.svc.OnHidden(func(hidden bool) {
			ctx.Dispatch(func(ctx app.Context) { s.hidden(ctx, hidden) })
		}))
	}
	if s.svc.Watch != nil {
		s.stops = append(s.stops, s.svc.Watch(func() { ctx.Dispatch(s.refresh) }))
	}
	s.tickStop = make(chan struct{})
	stop := s.tickStop
	ctx.Async(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				ctx.Dispatch(s.checkIdle)
			}
		}
	})
}

// OnDismount stops the watchers and the idle ticker.
func (s *Shell) OnDismount() {
	for _, stop := range s.stops {
		stop()
	}
	s.stops = nil
	if s.tickStop != nil {
		close(s.tickStop)
		s.tickStop = nil
	}
}

// OnAppUpdate shows the update bar once a new version is cached.
func (s *Shell) OnAppUpdate(ctx app.Context) {
	s.updateReady = ctx.AppUpdateAvailable()
}

// OnAppInstallChange shows or hides the install button.
func (s *Shell) OnAppInstallChange(ctx app.Context) {
	s.installable = ctx.IsAppInstallable()
}

// hidden records that the page was hidden or shown again, and locks the
// vault if it was hidden for longer than the browser's setting allows.
func (s *Shell) hidden(ctx app.Context, hidden bool) {
	if hidden {
		s.hiddenAt = s.svc.now()
		s.checkIdle(ctx)
		return
	}
	s.checkIdle(ctx)
	s.hiddenAt = time.Time{}
}

// checkIdle locks the vault when the user has been idle for longer than
// the vault's lock setting, or the page hidden for longer than the
// browser's.
func (s *Shell) checkIdle(ctx app.Context) {
	if s.screen != screenVault || s.env == nil {
		ctx.PreventUpdate()
		return
	}
	if d, ok := s.svc.hiddenLock(); ok && hiddenTooLong(d, s.hiddenAt, s.svc.now()) {
		s.lock(ctx)
		s.notice = s.lang.T(i18n.LockedHidden)
		return
	}
	after, lock := idleLock(s.env.keeper.Contents().Settings, s.lastActive, s.svc.now())
	if !lock {
		ctx.PreventUpdate()
		return
	}
	s.lock(ctx)
	s.notice = s.lang.F(i18n.LockedIdle, s.lang.Duration(after))
}

// idleLock reports whether a vault with settings st, last used at last,
// must lock at now, and after how long an idle time.
func idleLock(st vault.Settings, last, now time.Time) (time.Duration, bool) {
	after, ok := st.IdleLock()
	return after, ok && now.Sub(last) >= after
}

// refresh re-reads the vault after another tab saved it.
func (s *Shell) refresh(ctx app.Context) {
	if s.env == nil {
		return
	}
	k := s.env.keeper
	ctx.Async(func() {
		changed, err := k.Refresh(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil && !errors.Is(err, keeper.ErrLocked) {
				s.err = describe(s.lang, err)
			}
			if !changed && err == nil {
				ctx.PreventUpdate()
			}
		})
	})
}

func (s *Shell) lock(ctx app.Context) {
	if s.env != nil {
		s.env.keeper.Lock()
	}
	s.env = nil
	s.screen = screenUnlock
	s.err, s.notice = "", ""
	s.focus(ctx, "unlock-password")
}

// focus moves the focus to id after the next render.
func (s *Shell) focus(ctx app.Context, id string) { focus(s.ctx, s.svc, id) }

// restore creates the vault under password with the accounts and settings
// of a backup.
func (s *Shell) restore(ctx app.Context, password string, f found) {
	s.busy, s.err, s.notice = true, "", ""
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
			s.err = describe(s.lang, err)
			if errors.Is(err, keeper.ErrExists) {
				s.screen = screenUnlock
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
	s.busy, s.err, s.notice = true, "", ""
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
	s.busy, s.err, s.notice = true, "", ""
	st, kdf, p, r := s.svc.Store, s.svc.kdf(), s.svc.params(), s.svc.rand()
	ctx.Async(func() {
		k, err := keeper.Create(context.Background(), st, []byte(password), p, kdf, r)
		s.created(ctx, k, err)
	})
}

func (s *Shell) unlock(ctx app.Context, password string) {
	s.busy, s.err, s.notice = true, "", ""
	st, kdf, r := s.svc.Store, s.svc.kdf(), s.svc.rand()
	persisted := s.svc.Persisted
	ctx.Async(func() {
		start := time.Now()
		k, err := keeper.Unlock(context.Background(), st, []byte(password), kdf, r)
		took := time.Since(start)
		state := s.persisted
		if err == nil && persisted != nil {
			if ok, perr := persisted(); perr == nil && ok {
				state = persistGranted
			} else if perr == nil {
				state = persistDenied
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			s.damaged = nil
			if err != nil {
				s.err = describe(s.lang, err)
				errors.As(err, &s.damaged)
				s.focus(ctx, "unlock-password")
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
				s.screen, s.err, s.notice, s.goneSaved = screenGone, "", "", ""
				s.focus(ctx, "gone-password")
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
	s.focus(ctx, "search")
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
		s.err = s.lang.T(i18n.BackupNoSave)
		return
	}
	k, svc := s.env.keeper, s.svc
	s.busy, s.err = true, ""
	ctx.Async(func() {
		name, err := makeBackup(k, svc, []byte(password), false)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = describeBackup(s.lang, err)
				return
			}
			s.goneSaved = name
			s.env.clear(ctx, "gone-password")
		})
	})
}

// reinstate puts the vault still open back into the store that lost it.
func (s *Shell) reinstate(ctx app.Context) {
	if s.env == nil {
		return
	}
	k := s.env.keeper
	s.busy, s.err = true, ""
	ctx.Async(func() {
		err := k.Reinstate(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = describe(s.lang, err)
				return
			}
			s.screen = screenVault
			s.focus(ctx, "search")
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
	s.screen, s.err, s.notice = screenSetup, "", ""
	s.goneSince = s.pref(prefVault)
}

// setLang draws the app in l from now on, and remembers the choice.
func (s *Shell) setLang(ctx app.Context, l i18n.Lang) {
	s.lang = l
	if s.svc.SetPref != nil {
		s.svc.SetPref(prefLang, l.Tag())
	}
	if s.svc.SetLang != nil {
		s.svc.SetLang(l.Tag())
	}
}

func (s *Shell) install(ctx app.Context, e app.Event) {
	ctx.ShowAppInstallPrompt()
}

func (s *Shell) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}

// Render draws the current screen under a bar that offers the update or the
// install where there is one.
func (s *Shell) Render() app.UI {
	return app.Div().Class("shell").Body(
		app.If(s.updateReady, func() app.UI {
			return app.Div().ID("update-bar").Class("bar").Role("status").Body(
				app.Span().Text(s.lang.T(i18n.UpdateAvailable)),
				app.Button().ID("update-reload").Class("link").Text(s.lang.T(i18n.Reload)).OnClick(s.reload),
			)
		}),
		app.Header().Class("top").Body(
			app.Div().Class("brand").Body(
				// Decorative: go-app drops an empty alt, so the image is
				// marked as presentation and hidden from assistive
				// technology instead; the name follows as text.
				app.Img().Src("/web/icon.svg").Role("presentation").Aria("hidden", "true").Class("brand-icon"),
				app.Span().Text("Twofold"),
			),
			app.Div().Class("top-actions").Body(
				app.If(s.screen != screenVault, func() app.UI {
					// Before the vault is open, Settings cannot be
					// reached: the language is chosen here.
					return &LangSelect{Lang: s.lang, ID: "top-lang", OnChange: s.setLang}
				}),
				app.If(s.installable, func() app.UI {
					return app.Button().ID("install").Class("ghost").Text(s.lang.T(i18n.Install)).OnClick(s.install)
				}),
				app.If(s.screen == screenVault, func() app.UI {
					return app.Button().ID("lock").Class("ghost").Text(s.lang.T(i18n.Lock)).
						OnClick(func(ctx app.Context, e app.Event) { s.lock(ctx) })
				}),
			),
		),
		app.Main().ID("main").Class("main").Body(s.body()),
	)
}

func (s *Shell) body() app.UI {
	switch s.screen {
	case screenGone:
		return &GoneScreen{Lang: s.lang, Accounts: len(s.env.keeper.Contents().Accounts), Busy: s.busy, Err: s.err, Saved: s.goneSaved,
			OnBackup: s.goneBackup, OnReinstate: s.reinstate, OnClose: s.closeGone}
	case screenSetup:
		return &SetupScreen{Lang: s.lang, Busy: s.busy, Err: s.err, GoneSince: s.goneSince, OnCreate: s.create, OnRestore: func(ctx app.Context) {
			s.screen, s.err = screenRestore, ""
		}, OnReceive: func(ctx app.Context) {
			s.screen, s.err = screenReceive, ""
			s.focus(ctx, "scan-camera")
		}}
	case screenReceive:
		return &TransferReceivePanel{Lang: s.lang, Svc: s.svc, OnAccounts: func(ctx app.Context, accounts []vault.Account) {
			s.incoming, s.screen, s.err = accounts, screenReceived, ""
			s.focus(ctx, "setup-password")
		}, OnCancel: func(ctx app.Context) { s.screen, s.err = screenSetup, "" }}
	case screenReceived:
		return &SetupScreen{Lang: s.lang, Busy: s.busy, Err: s.err, Received: receivedSummary(s.incoming), OnCreate: s.createWith,
			OnCancel: func(ctx app.Context) { s.incoming, s.screen, s.err = nil, screenSetup, "" }}
	case screenRestore:
		return &RestoreScreen{Lang: s.lang, Svc: s.svc, Busy: s.busy, Err: s.err, OnRestore: s.restore, OnCancel: func(ctx app.Context) {
			s.screen, s.err = screenSetup, ""
			if s.damaged != nil {
				s.screen, s.err = screenUnlock, describe(s.lang, s.damaged)
			}
		}}
	case screenUnlock:
		var onRestore func(app.Context)
		if s.damaged != nil {
			onRestore = func(ctx app.Context) { s.screen, s.err = screenRestore, "" }
		}
		return &UnlockScreen{Lang: s.lang, Busy: s.busy, Err: s.err, Notice: s.notice, OnUnlock: s.unlock, OnRestore: onRestore}
	case screenVault:
		return &VaultScreen{Lang: s.lang, Env: s.env, Revision: s.env.keeper.Revision()}
	case screenBroken:
		return app.Section().Class("card").Body(
			app.H1().Text(s.lang.T(i18n.CannotStart)),
			app.P().Role("alert").Text(s.err),
			app.P().Class("muted").Text(s.lang.T(i18n.CannotStartHint)),
		)
	}
	return app.Section().Class("card loading").Aria("busy", "true").Body(
		app.Div().Class("spinner").Aria("hidden", "true"),
		app.If(app.IsServer, func() app.UI {
			// Prerendered, the page does not know the person's language
			// yet: it says it in each, marked as such.
			lines := make([]app.UI, len(i18n.Langs))
			for i, l := range i18n.Langs {
				lines[i] = app.P().Lang(l.Tag()).Text(l.T(i18n.Opening))
			}
			return app.Div().Body(lines...)
		}).Else(func() app.UI {
			return app.P().Text(s.lang.T(i18n.Opening))
		}),
	)
}
