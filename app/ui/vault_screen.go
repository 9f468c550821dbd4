package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
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
// search box, the group filters and the order, and the add, edit and
// settings panels.
type VaultScreen struct {
	app.Compo

	// Lang is the language the component is drawn in.
	Lang i18n.Lang

	Env *env
	// Revision is the vault's store revision. The shell passes it so that
	// the list is redrawn when another tab changed the vault.
	Revision uint64

	mode     mode
	editID   string
	opener   string // the button that opened the panel, focused when it closes
	query    string
	copied   string // id of the account whose code was just copied
	revealed reveal // the code tapped while codes are hidden
	copyErr  shown
	err      shown
	stop     chan struct{}
	periods  map[int]bool // the periods of the listed accounts, for tick
	drawn    time.Time    // the clock when the list was last drawn, for tick

	// The group filter: when filter is set, only the accounts filed under
	// group ("" for none) are listed.
	filter bool
	group  string

	// shown is the vault as the list draws it (see view); rows are the
	// listed accounts as last drawn, indices into the accounts of rowsOf.
	shown  *listState
	rows   []int
	rowsOf *listState
	// rowCache holds each account's row as last drawn, by id, to be drawn
	// again only when it changes (see cachedRow).
	rowCache map[string]cachedRow
	// dragID is the account being dragged by its handle, dropID the row
	// it is over, where it may be dropped.
	dragID, dropID string
	// moved is the last move, announced to screen readers.
	moved shown
	// followID is the element that keeps the focus while following
	// changes are saved (see follow).
	followID  string
	following int

	preset       *found // accounts from a scanned export, for the import review
	presetSource shown  // what preset is, for PresetSource
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
// changes, or when the hint of the next code appears (see
// listing.NextCode): the countdowns move by themselves
// (static/countdown.js), so an idle page does no work between those times
// however many accounts it lists.
func (c *VaultScreen) tick(ctx app.Context) {
	if c.mode != modeList {
		ctx.PreventUpdate() // a panel is open: the list is drawn when it closes
		return
	}
	now := c.clock()
	if c.revealed.over(now) {
		c.revealed = reveal{}
		return
	}
	for p := range c.periods {
		if changes(c.drawn, now, p) {
			return
		}
	}
	ctx.PreventUpdate()
}

// changes reports whether a code of period p seconds changes, or the hint
// of its next code appears, after last and at or before now. The hint
// appears listing.NextWindow before the code changes. A clock set back
// to an earlier second than last counts as a change: the codes drawn are
// those of a time that has not come yet, and would stay until it came.
func changes(last, now time.Time, p int) bool {
	period, window := int64(p), int64(listing.NextWindow/time.Second)
	a, b := last.Unix(), now.Unix()
	if p <= 0 || b == a {
		return false
	}
	if b < a {
		return true
	}
	if b/period != a/period {
		return true
	}
	return period > window && (b+window)/period != (a+window)/period
}

// OnDismount stops the clock.
func (c *VaultScreen) OnDismount() {
	if c.stop != nil {
		close(c.stop)
		c.stop = nil
	}
	// The page's list, the screen's rows and its copy of the vault go
	// with the screen: a locked vault leaves no account behind.
	if e := c.Env; e != nil && e.svc.Rows != nil {
		e.svc.Rows("accounts", nil)
	}
	c.shown, c.rowsOf, c.rows, c.rowCache = nil, nil, nil, nil
}

// searchID is the id of the list's search field, which the list's rows
// name too (Rows.SearchField): the page follows its keystrokes.
const searchID = "search"

// Render draws the toolbar, then the list or the open panel.
func (c *VaultScreen) Render() app.UI {
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
		return &ImportPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back, Preset: c.preset, PresetSource: c.presetSource.in(c.Lang)}
	case modeTransferSend:
		return &TransferSendPanel{Lang: c.Lang, Env: c.Env, OnDone: c.back}
	case modeTransferReceive:
		return &TransferReceivePanel{Lang: c.Lang, Svc: c.Env.svc, First: c.transferTexts, OnAccounts: c.received, OnCancel: c.back}
	}
	ls := c.view()
	l := c.Lang
	return app.Section().Class("vault").Aria("labelledby", "vault-title").Body(
		app.H1().ID("vault-title").Class("visually-hidden").Text(l.T(i18n.VaultHeading)),
		app.Div().Class("toolbar").Body(
			&textField{ID: searchID, Text: c.query, Input: func() app.HTMLInput {
				return app.Input().Type("search").Class("search").Placeholder(l.T(i18n.VaultSearch)).
					Aria("label", l.T(i18n.VaultSearchLabel)).
					OnInput(func(ctx app.Context, e app.Event) { c.query = ctx.JSSrc().Get("value").String() })
			}},
			app.Button().ID("add").Class("primary").Text(l.T(i18n.VaultAdd)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeAdd, "") }),
			app.Button().ID("settings").Class("ghost").Text(l.T(i18n.VaultSettings)).
				OnClick(func(ctx app.Context, e app.Event) { c.open(ctx, modeSettings, "") }),
		),
		app.If(c.err != nil, func() app.UI {
			return app.P().ID("vault-error").Class("error").Role("alert").Text(c.err.in(c.Lang))
		}),
		app.If(c.copyErr != nil, func() app.UI {
			return app.P().Class("error").Role("alert").Text(c.copyErr.in(c.Lang))
		}),
		app.If(c.Env != nil && c.Env.evicts, func() app.UI {
			return app.P().ID("evict-warning").Class("warning").Text(l.T(i18n.VaultEvicts))
		}).ElseIf(c.Env != nil && c.Env.persisted == persistDenied, func() app.UI {
			return app.P().ID("persist-warning").Class("warning").Text(l.T(i18n.VaultPersist))
		}),
		c.reminder(&ls.v),
		app.P().Class("visually-hidden").Role("status").Aria("live", "polite").
			Text(map[bool]string{true: l.T(i18n.VaultCodeCopied), false: ""}[c.copied != ""]),
		app.P().ID("move-status").Class("visually-hidden").Role("status").Aria("live", "polite").Text(c.moved.in(c.Lang)),
		c.list(ls),
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
func (c *VaultScreen) review(ctx app.Context, source shown, f found) {
	c.preset, c.presetSource = &f, source
	c.open(ctx, modeImport, "")
}

// received opens the import review for the accounts of a transfer.
func (c *VaultScreen) received(ctx app.Context, accounts []vault.Account) {
	c.transferTexts = nil
	c.review(ctx, showMsg(i18n.VaultTransferSource), found{Accounts: accounts})
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
		to = searchID
	}
	c.mode, c.editID, c.opener = modeList, "", ""
	c.preset, c.presetSource, c.transferTexts = nil, nil, nil
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
