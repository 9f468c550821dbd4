package ui

import (
	"context"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// mode is what the vault screen shows besides the list.
type mode int

const (
	modeList mode = iota
	modeAdd
	modeEdit
	modeSettings
	modeBackup
	modeExport
	modeImport
	modeExportQR
	modeTransferSend
	modeTransferReceive
)

// VaultScreen is the unlocked vault: the accounts with their live codes, a
// search box, and the add, edit and settings panels.
type VaultScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env *env
	// Revision is the vault's store revision. The shell passes it so that
	// the list is redrawn when another tab changed the vault.
	Revision uint64

	mode    mode
	editID  string
	opener  string // the button that opened the panel, focused when it closes
	query   string
	copied  string // id of the account whose code was just copied
	copyErr string
	err     string
	stop    chan struct{}
	periods map[int]bool // the periods of the listed accounts, for tick

	preset       *found // accounts from a scanned export, for the import review
	presetSource string
	// transferTexts are the codes of a transfer that the add-account
	// scanner read before it handed over to the transfer screen.
	transferTexts []string
}

func (c *VaultScreen) clock() time.Time {
	if c.Env == nil {
		return time.Now()
	}
	return c.Env.svc.now()
}

// OnMount starts the clock that refreshes the codes, on each second's
// boundary so that codes change when the period does.
func (c *VaultScreen) OnMount(ctx app.Context) {
	c.stop = make(chan struct{})
	stop := c.stop
	ctx.Async(func() {
		for {
			now := c.clock()
			wait := time.Second - time.Duration(now.Nanosecond())
			select {
			case <-stop:
				return
			case <-time.After(wait):
				ctx.Dispatch(c.tick)
			}
		}
	})
}

// tick runs on whole seconds. The list is redrawn only when a listed code
// changes: the countdowns move by themselves (static/countdown.js), so an
// idle page does no work between period boundaries however many accounts
// it lists.
func (c *VaultScreen) tick(ctx app.Context) {
	now := c.clock()
	for p := range c.periods {
		if now.Unix()%int64(p) == 0 {
			return
		}
	}
	ctx.PreventUpdate()
}

// OnDismount stops the clock.
func (c *VaultScreen) OnDismount() {
	if c.stop != nil {
		close(c.stop)
		c.stop = nil
	}
}

func (c *VaultScreen) contents() vault.Contents {
	if c.Env == nil || c.Env.keeper == nil {
		return vault.Contents{}
	}
	return c.Env.keeper.Contents()
}

// update saves a change to the vault in the background and shows the
// result; done runs on the UI goroutine after a successful save.
func (c *VaultScreen) update(ctx app.Context, change func(*vault.Contents) error, done func(ctx app.Context)) {
	k := c.Env.keeper
	c.err = ""
	ctx.Async(func() {
		err := k.Update(context.Background(), change)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.err = accountProblem(c.Lang, err)
				return
			}
			if done != nil {
				done(ctx)
			}
		})
	})
}

// rowID returns the account id of the row whose button was used. Row
// handlers read it from the element at the time of the event, never from a
// closure: go-app keeps an element's first handler when the handler code is
// the same, so a captured id would go stale when the list is filtered.
func rowID(ctx app.Context) string {
	return ctx.JSSrc().Get("dataset").Get("id").String()
}

func (c *VaultScreen) onCopy(ctx app.Context, e app.Event) {
	id := rowID(ctx)
	v := c.contents()
	i, ok := v.Find(id)
	if !ok {
		return
	}
	code, err := v.Accounts[i].Key.Code(c.clock())
	if err != nil {
		c.copyErr = c.Lang.F(i18n.VaultCodeFailed, strings.TrimSuffix(err.Error(), "."))
		return
	}
	c.copy(ctx, id, code)
}

func (c *VaultScreen) onNext(ctx app.Context, e app.Event) { c.nextHOTP(ctx, rowID(ctx)) }

func (c *VaultScreen) onEdit(ctx app.Context, e app.Event) { c.open(ctx, modeEdit, rowID(ctx)) }

func (c *VaultScreen) copy(ctx app.Context, id, code string) {
	if c.Env == nil || c.Env.svc.Clipboard == nil {
		c.copyErr = c.Lang.T(i18n.VaultNoClipboard)
		return
	}
	c.copied, c.copyErr = "", ""
	c.Env.svc.Clipboard(code, func(err error) {
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.copyErr = c.Lang.F(i18n.VaultCopyFailed, err.Error())
				return
			}
			c.copied = id
			ctx.After(2*time.Second, func(ctx app.Context) {
				if c.copied == id {
					c.copied = ""
				}
			})
		})
	})
}

func (c *VaultScreen) nextHOTP(ctx app.Context, id string) {
	now := c.clock()
	c.update(ctx, func(v *vault.Contents) error {
		i, ok := v.Find(id)
		if !ok {
			return errNoAccount
		}
		v.Accounts[i].Counter++
		v.Accounts[i].Modified = now
		return nil
	}, nil)
}

// matches reports whether a fits the search query.
func matches(a *vault.Account, q string) bool {
	if q == "" {
		return true
	}
	q = strings.ToLower(q)
	for _, s := range []string{a.Issuer, a.Name, a.Group} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// Render draws the toolbar, then the list or the open panel.
func (c *VaultScreen) Render() app.UI {
	v := c.contents()
	switch c.mode {
	case modeAdd:
		return &AccountPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back, OnAccounts: c.review, OnTransfer: c.receiveTransfer}
	case modeEdit:
		return &AccountPanel{Lang: c.Lang, Env: c.Env, EditID: c.editID, OnDone: c.back}
	case modeSettings:
		return &SettingsPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back, OnOpen: c.openPanel}
	case modeBackup:
		return &BackupPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back}
	case modeExport:
		return &ExportPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back}
	case modeExportQR:
		return &ExportQRPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back}
	case modeImport:
		return &ImportPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back, Preset: c.preset, PresetSource: c.presetSource}
	case modeTransferSend:
		return &TransferSendPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back}
	case modeTransferReceive:
		return &TransferReceivePanel{Lang: c.Lang, Svc: c.Env.svc, First: c.transferTexts, OnAccounts: c.received, OnCancel: c.back}
	}
	now := c.clock()
	shown := 0
	c.periods = map[int]bool{}
	rows := make([]app.UI, 0, len(v.Accounts))
	for i := range v.Accounts {
		a := &v.Accounts[i]
		if !matches(a, c.query) {
			continue
		}
		shown++
		if a.Type != otp.HOTP && a.Period > 0 {
			c.periods[a.Period] = true
		}
		rows = append(rows, c.row(a, now))
	}
	l := c.Lang
	return app.Section().Class("vault").Aria("labelledby", "vault-title").Body(
		app.H1().ID("vault-title").Class("visually-hidden").Text(l.T(i18n.VaultHeading)),
		app.Div().Class("toolbar").Body(
			app.Input().ID("search").Type("search").Class("search").Placeholder(l.T(i18n.VaultSearch)).
				Aria("label", l.T(i18n.VaultSearchLabel)).Value(c.query).
				OnInput(func(ctx app.Context, e app.Event) { c.query = ctx.JSSrc().Get("value").String() }),
			app.Button().ID("add").Class("primary").Text(l.T(i18n.VaultAdd)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeAdd, "") }),
			app.Button().ID("settings").Class("ghost").Text(l.T(i18n.VaultSettings)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeSettings, "") }),
		),
		app.If(c.err != "", func() app.UI {
			return app.P().ID("vault-error").Class("error").Role("alert").Text(c.err)
		}),
		app.If(c.copyErr != "", func() app.UI {
			return app.P().Class("error").Role("alert").Text(c.copyErr)
		}),
		app.If(c.Env != nil && c.Env.persisted == persistDenied, func() app.UI {
			return app.P().ID("persist-warning").Class("warning").Text(l.T(i18n.VaultPersist))
		}),
		c.reminder(&v),
		app.P().Class("visually-hidden").Role("status").Aria("live", "polite").
			Text(map[bool]string{true: l.T(i18n.VaultCodeCopied), false: ""}[c.copied != ""]),
		c.list(rows, len(v.Accounts), shown),
	)
}

// reminder is a quiet line when the accounts changed since the last
// backup, or were never backed up.
func (c *VaultScreen) reminder(v *vault.Contents) app.UI {
	if len(v.Accounts) == 0 || v.BackedUp() {
		return nil
	}
	text := c.Lang.T(i18n.VaultNoBackup)
	if !v.Settings.LastBackup.IsZero() {
		text = c.Lang.F(i18n.VaultChanged, c.Lang.Date(v.Settings.LastBackup.Local()))
	}
	return app.Div().ID("backup-reminder").Class("reminder").Body(
		app.Span().Text(text+" "),
		app.Button().ID("backup-now").Class("link").Text(c.Lang.T(i18n.VaultBackUpNow)).OnClick(c.onBackupNow),
	)
}

// review opens the import review for accounts read from a scanned export.
func (c *VaultScreen) review(ctx app.Context, source string, f found) {
	c.preset, c.presetSource = &f, source
	c.open(ctx, modeImport, "")
}

// received opens the import review for the accounts of a transfer.
func (c *VaultScreen) received(ctx app.Context, accounts []vault.Account) {
	c.transferTexts = nil
	c.review(ctx, c.Lang.T(i18n.VaultTransferSource), found{Accounts: accounts})
}

// receiveTransfer switches from the add-account scanner, which read the
// first codes of a transfer, to the transfer screen.
func (c *VaultScreen) receiveTransfer(ctx app.Context, texts []string) {
	c.transferTexts = texts
	c.open(ctx, modeTransferReceive, "")
}

func (c *VaultScreen) back(ctx app.Context) {
	to := c.opener
	if to == "" {
		to = "search"
	}
	c.mode, c.editID, c.opener = modeList, "", ""
	c.preset, c.presetSource, c.transferTexts = nil, "", nil
	c.Env.focus(ctx, to)
}

// open shows a panel and moves the focus into it.
func (c *VaultScreen) open(ctx app.Context, m mode, id string) {
	if c.mode == modeList {
		c.opener = map[mode]string{modeAdd: "add", modeSettings: "settings", modeTransferSend: "move-out"}[m]
	}
	c.mode, c.editID = m, id
	c.Env.focus(ctx, map[mode]string{modeAdd: "uri", modeEdit: "f-issuer", modeSettings: "lock-after",
		modeBackup: "bk-pass", modeExport: "ex-consent", modeImport: "im-file", modeExportQR: "qr-show",
		modeTransferSend: "tr-show", modeTransferReceive: "scan-camera"}[m])
}

func (c *VaultScreen) openPanel(ctx app.Context, m mode) { c.open(ctx, m, "") }

func (c *VaultScreen) onBackupNow(ctx app.Context, e app.Event) { c.open(ctx, modeBackup, "") }

func (c *VaultScreen) list(rows []app.UI, total, shown int) app.UI {
	l := c.Lang
	switch {
	case total == 0:
		return app.Div().ID("empty").Class("empty").Body(
			app.H2().Text(l.T(i18n.VaultEmptyTitle)),
			app.P().Class("muted").Text(l.T(i18n.VaultEmptyText)),
		)
	case shown == 0:
		return app.P().ID("no-match").Class("muted empty").Text(l.F(i18n.VaultNoMatch, c.query))
	}
	return app.Div().Body(
		// The countdowns' spoken labels, which static/countdown.js
		// writes with the seconds left in place of %[1]s.
		app.Ul().ID("accounts").Class("accounts").Aria("label", l.T(i18n.VaultList)).
			DataSet("seconds-one", l.One(i18n.VaultSecondsLeft)).DataSet("seconds-other", l.T(i18n.VaultSecondsLeft)).
			Body(rows...),
		app.P().Class("list-foot").Body(
			app.Button().ID("move-out").Class("link").Text(l.T(i18n.VaultMoveOut)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeTransferSend, "") }),
		),
	)
}

func (c *VaultScreen) row(a *vault.Account, now time.Time) app.UI {
	code, err := a.Key.Code(now)
	label := a.Issuer
	if label == "" {
		label = a.Name
	}
	sub := a.Name
	if a.Issuer == "" {
		sub = ""
	}
	l := c.Lang
	grouped := otp.Group(code)
	if err != nil {
		grouped = l.T(i18n.VaultCodeError)
	}
	id := a.ID
	copied := c.copied == id
	var timer app.UI
	if a.Type != otp.HOTP {
		// The countdown is drawn by static/countdown.js from data-period;
		// go-app gives its elements no content to manage.
		timer = app.Div().Class("timer").Role("timer").DataSet("period", a.Period).Body(
			app.Progress().Class("countdown").Max(a.Period).Aria("hidden", "true"),
			app.Span().Class("seconds").Aria("hidden", "true"),
		)
	} else {
		timer = app.Button().Class("ghost next").DataSet("id", id).Aria("label", l.F(i18n.VaultNextLabel, label)).Text(l.T(i18n.VaultNext)).
			OnClick(c.onNext)
	}
	// The button's name is its visible text, led or followed by words
	// only a screen reader speaks (VaultCopy around the account), so that
	// a person who says what they see ("GitHub") finds it (WCAG 2.5.3,
	// label in name). The words read "copy the code of" before the
	// account in English and after it in Japanese; the "Copied" mark goes
	// at the other end, so that what the button shows stays one run of
	// its name. Grid areas place the parts on screen, whatever their
	// order.
	before, after := copyWords(l)
	mark := app.Span().Class("copied").Text(map[bool]string{true: l.T(i18n.VaultCopied), false: ""}[copied])
	parts := []app.UI{
		hiddenText(before),
		app.Span().Class("issuer").Text(label),
		app.Span().Class("name").Text(sub),
		app.Span().Class("code").Text(grouped),
		hiddenText(after),
	}
	if after != "" && before == "" {
		parts = append([]app.UI{mark}, parts...)
	} else {
		parts = append(parts, mark)
	}
	return app.Li().Class("account").DataSet("id", id).Body(
		app.Button().Class("code-button").DataSet("id", id).
			OnClick(c.onCopy).
			Body(parts...),
		timer,
		app.Button().Class("ghost edit").DataSet("id", id).Aria("label", l.F(i18n.VaultEditLabel, label)).Text(l.T(i18n.VaultEdit)).
			OnClick(c.onEdit),
	)
}

// copyWords returns the words of a copy button's name that come before and
// after the account in l, with the spaces that part them from it.
func copyWords(l i18n.Lang) (before, after string) {
	before, after, _ = strings.Cut(l.T(i18n.VaultCopy), "%[1]s")
	return before, after
}

// hiddenText is a text only screen readers speak, or nothing.
func hiddenText(s string) app.UI {
	if s == "" {
		return nil
	}
	return app.Span().Class("visually-hidden").Text(s)
}
