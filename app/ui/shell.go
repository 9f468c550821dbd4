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
	err         shown // drawn in the language of the moment
	notice      shown
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

// OnInit starts on the screen the page's boot script drew, if it drew one,
// so that the app's first render draws the same form in its place (the
// script carries over what was typed, see static/boot.js). OnMount still
// asks the store and corrects the screen if the script was wrong.
func (s *Shell) OnInit() {
	if s.svc.Booted == nil {
		return
	}
	switch s.svc.Booted() {
	case "unlock":
		s.screen, s.lang = screenUnlock, s.svc.lang()
	case "setup":
		s.screen, s.lang = screenSetup, s.svc.lang()
	}
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
		s.screen, s.err = screenBroken, showMsg(i18n.NoStorage)
		return
	}
	st := s.svc.Store
	start := s.screen
	ctx.Async(func() {
		ok, err := keeper.Exists(context.Background(), st)
		ctx.Dispatch(func(ctx app.Context) {
			if s.screen != start {
				// The person has moved on from the screen the boot
				// script drew (Restore was pressed before the app ran).
				return
			}
			if err != nil {
				s.screen, s.err = screenBroken, showErr(err)
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
			if s.screen != start {
				// The boot script's form, if any, was another: the
				// focus is not where the person left it, but nowhere.
				s.focus(ctx, firstField(s.screen))
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
		s.notice = showMsg(i18n.LockedHidden)
		return
	}
	after, lock := idleLock(s.env.keeper.Contents().Settings, s.lastActive, s.svc.now())
	if !lock {
		ctx.PreventUpdate()
		return
	}
	s.lock(ctx)
	s.notice = func(l i18n.Lang) string { return l.F(i18n.LockedIdle, l.Duration(after)) }
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
				s.err = showErr(err)
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
	s.err, s.notice = nil, nil
	s.focus(ctx, firstField(s.screen))
}

// focus moves the focus to id after the next render.
func (s *Shell) focus(ctx app.Context, id string) { focus(s.ctx, s.svc, id) }

// firstField is the id of the field where the keyboard focus starts on
// screen sc, or "" where it stays where it is. The screens' fields carry
// no autofocus attribute: browsers honour one when the app mounts its form
// over the boot script's (Firefox and WebKit at their next frame), and
// would take the focus from wherever the person had put it; the shell
// moves the focus itself when it changes the screen.
func firstField(sc screen) string {
	switch sc {
	case screenSetup, screenReceived:
		return "setup-password"
	case screenUnlock:
		return "unlock-password"
	case screenGone:
		return "gone-password"
	case screenReceive:
		return "scan-camera"
	}
	return ""
}

// setLang draws the app in l from now on, and remembers the choice.
func (s *Shell) setLang(ctx app.Context, l i18n.Lang) {
	s.lang = l
	if s.svc.SetPref != nil {
		s.svc.SetPref(prefLang, l.Tag())
	}
	// The page's lang changes once the words have: a screen reader never
	// reads the old words in the new language's voice.
	if set := s.svc.SetLang; set != nil {
		tag := l.Tag()
		// The shell's context, mounted as long as the app (the select that
		// called may not outlive the render).
		s.ctx.Defer(func(app.Context) { set(tag) })
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
		app.If(app.IsServer, bootForms),
	)
}

// bootForms draws, when prerendering, the first screens the page's boot
// script (static/boot.js) may show before the app runs: the unlock form and
// the create form, in each language. Each is in a <template>, inert until
// the script puts it in the page, so none is in the accessibility tree and
// their ids are not in the document twice. Each carries the texts the
// script writes itself, in its language: the language switch's label, and
// what it says when the app's program fails to load.
func bootForms() app.UI {
	var tpls []app.UI
	for _, l := range i18n.Langs {
		tpl := func(id string, form app.UI) app.UI {
			return app.Elem("template").ID(id).
				DataSet("select-label", l.T(i18n.Language)).
				DataSet("load-failed", l.T(i18n.AppLoadFailed)).
				Body(form)
		}
		tpls = append(tpls,
			tpl("boot-unlock-"+l.Tag(), &UnlockScreen{Lang: l}),
			tpl("boot-setup-"+l.Tag(), &SetupScreen{Lang: l}),
		)
	}
	return app.Div().Class("boot-forms").Body(tpls...)
}

func (s *Shell) body() app.UI {
	switch s.screen {
	case screenGone:
		return &GoneScreen{Lang: s.lang, Accounts: len(s.env.keeper.Contents().Accounts), Busy: s.busy, Err: s.err.in(s.lang), Saved: s.goneSaved,
			OnBackup: s.goneBackup, OnReinstate: s.reinstate, OnClose: s.closeGone}
	case screenSetup:
		return &SetupScreen{Lang: s.lang, Busy: s.busy, Err: s.err.in(s.lang), GoneSince: s.goneSince, OnCreate: s.create, OnRestore: func(ctx app.Context) {
			s.screen, s.err = screenRestore, nil
		}, OnReceive: func(ctx app.Context) {
			s.screen, s.err = screenReceive, nil
			s.focus(ctx, firstField(s.screen))
		}}
	case screenReceive:
		return &TransferReceivePanel{Lang: s.lang, Svc: s.svc, OnAccounts: func(ctx app.Context, accounts []vault.Account) {
			s.incoming, s.screen, s.err = accounts, screenReceived, nil
			s.focus(ctx, firstField(s.screen))
		}, OnCancel: func(ctx app.Context) {
			s.screen, s.err = screenSetup, nil
			s.focus(ctx, firstField(s.screen))
		}}
	case screenReceived:
		return &SetupScreen{Lang: s.lang, Busy: s.busy, Err: s.err.in(s.lang), Received: receivedSummary(s.incoming), OnCreate: s.createWith,
			OnCancel: func(ctx app.Context) {
				s.incoming, s.screen, s.err = nil, screenSetup, nil
				s.focus(ctx, firstField(s.screen))
			}}
	case screenRestore:
		return &RestoreScreen{Lang: s.lang, Svc: s.svc, Busy: s.busy, Err: s.err.in(s.lang), OnRestore: s.restore, OnCancel: func(ctx app.Context) {
			s.screen, s.err = screenSetup, nil
			if s.damaged != nil {
				s.screen, s.err = screenUnlock, showErr(s.damaged)
			}
			s.focus(ctx, firstField(s.screen))
		}}
	case screenUnlock:
		var onRestore func(app.Context)
		if s.damaged != nil {
			onRestore = func(ctx app.Context) { s.screen, s.err = screenRestore, nil }
		}
		return &UnlockScreen{Lang: s.lang, Busy: s.busy, Err: s.err.in(s.lang), Notice: s.notice.in(s.lang), OnUnlock: s.unlock, OnRestore: onRestore}
	case screenVault:
		return &VaultScreen{Lang: s.lang, Env: s.env, Revision: s.env.keeper.Revision()}
	case screenBroken:
		return app.Section().Class("card").Body(
			app.H1().Text(s.lang.T(i18n.CannotStart)),
			app.P().Role("alert").Text(s.err.in(s.lang)),
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
