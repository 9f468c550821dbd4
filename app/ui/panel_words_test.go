package ui

import (
	"context"
	"crypto/rand"
	"errors"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/keeper"
	"twofold.app/app/otpauth"
	"twofold.app/app/store"
	"twofold.app/app/strength"
	"twofold.app/app/vault"
)

// panelHost draws a panel in its language, as the vault screen and the
// shell do: a new panel at each render, whose exported fields go-app gives
// to the one mounted, which it draws again when one of them changed. It keeps its context and the mounted panel, so that
// a test can act on the panel and then change the language.
type panelHost struct {
	app.Compo
	lang    i18n.Lang
	make    func(l i18n.Lang) app.Composer
	mounted app.Composer // the first panel made, which go-app keeps
	ctx     app.Context
}

func (h *panelHost) OnPreRender(ctx app.Context) { h.ctx = ctx }

func (h *panelHost) Render() app.UI {
	p := h.make(h.lang)
	if h.mounted == nil {
		h.mounted = p
	}
	return app.Div().Body(p)
}

// badFile is a file that cannot be read.
type badFile struct{}

func (badFile) Name() string          { return "accounts.json" }
func (badFile) Size() int             { return 0 }
func (badFile) Read() ([]byte, error) { return nil, errReadFailed }

var errReadFailed = errors.New("the disk is on fire")

// TestPanelMessagesFollowLanguage shows each panel's message, as the
// person's action does, then switches the language: the message must be
// read in the new one, with the data it names (a file's name, a count)
// kept.
func TestPanelMessagesFollowLanguage(t *testing.T) {
	const password = "vault password"
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	k, err := keeper.CreateWith(context.Background(), store.NewMem(), []byte(password), cheapParams,
		vault.Argon2id, rand.Reader, vault.Contents{Accounts: twoAccounts(t)})
	if err != nil {
		t.Fatal(err)
	}
	svc := Services{Params: cheapParams, Now: func() time.Time { return now },
		Download: func(name, mime string, data []byte) error { return nil }}
	en := &env{svc: svc, keeper: k}
	none := func() map[string]bool { // every account left out
		out := map[string]bool{}
		for _, a := range k.Contents().Accounts {
			out[a.ID] = true
		}
		return out
	}
	// A panel is drawn again with its parent when a field that the
	// parent gives it changed, and go-app takes a func for changed every
	// time: the parents give OnDone. The panels' own handlers draw them
	// through their own context, which a test cannot reach, so here each
	// panel is given a func too, or KDFChoice, which has none, an env
	// of its own, which holds some.
	done := func(app.Context) {}
	fresh := func() *env { c := *en; return &c }
	submit := app.Event{Value: app.Null()}
	_, emptySecret := otpauth.ParseSecret("")

	for _, tt := range []struct {
		name string
		make func(l i18n.Lang) app.Composer
		act  func(ctx app.Context, c app.Composer)
		want []func(l i18n.Lang) string // every message shown, in l
	}{
		{
			name: "backup, too short",
			make: func(l i18n.Lang) app.Composer { return &BackupPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*BackupPanel)
				p.other, p.pass, p.again = true, "short", "short"
				p.submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.BackupTooShort) }},
		},
		{
			name: "backup, wrong vault password",
			make: func(l i18n.Lang) app.Composer { return &BackupPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*BackupPanel)
				p.pass = "not the " + password
				p.submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.BackupNotVaultPass) }},
		},
		{
			name: "backup, saved",
			make: func(l i18n.Lang) app.Composer { return &BackupPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*BackupPanel)
				p.pass = password
				p.submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.F(i18n.BackupSaved, backupName(now)) }},
		},
		{
			name: "settings, password too short",
			make: func(l i18n.Lang) app.Composer { return &SettingsPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*SettingsPanel)
				p.current, p.next, p.again = password, "short", "short"
				p.changePassword(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.SettingsTooShort) }},
		},
		{
			name: "settings, wrong current password",
			make: func(l i18n.Lang) app.Composer { return &SettingsPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*SettingsPanel)
				p.current, p.next, p.again = "not the "+password, "a new vault password", "a new vault password"
				p.changePassword(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.SettingsWrongCurrent) }},
		},
		{
			name: "key derivation, wrong password",
			make: func(l i18n.Lang) app.Composer { return &KDFChoice{Lang: l, Env: fresh()} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*KDFChoice)
				p.stronger, p.chosen, p.password = true, true, "not the "+password
				p.apply(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.SettingsWrongCurrent) }},
		},
		{
			name: "import, unreadable file",
			make: func(l i18n.Lang) app.Composer { return &ImportPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				c.(*ImportPanel).take(ctx, []File{badFile{}})
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return describeImport(l, errReadFailed) }},
		},
		{
			name: "export, no consent",
			make: func(l i18n.Lang) app.Composer { return &ExportPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				c.(*ExportPanel).download(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.ExportTickFirst) }},
		},
		{
			name: "export, saved",
			make: func(l i18n.Lang) app.Composer { return &ExportPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*ExportPanel)
				p.consent = true
				p.download(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.N(i18n.ExportSaved, 2, exportName(&ExportPanel{Env: en})) }},
		},
		{
			name: "export as QR codes, nothing chosen",
			make: func(l i18n.Lang) app.Composer { return &ExportQRPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*ExportQRPanel)
				p.excluded = none()
				p.show(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.ExportChooseOne) }},
		},
		{
			name: "account, empty form",
			make: func(l i18n.Lang) app.Composer { return &AccountPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*AccountPanel)
				p.load()
				p.save(ctx, submit)
			},
			want: []func(l i18n.Lang) string{
				func(l i18n.Lang) string { return l.T(i18n.AddNeedName) },
				func(l i18n.Lang) string { return secretProblem(l, emptySecret) },
			},
		},
		{
			name: "account, not a link",
			make: func(l i18n.Lang) app.Composer { return &AccountPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*AccountPanel)
				p.uri = "https://example.com/"
				p.useURI(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.AddURIScheme) }},
		},
		{
			name: "transfer, nothing chosen",
			make: func(l i18n.Lang) app.Composer { return &TransferSendPanel{Lang: l, Env: en, OnDone: done} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*TransferSendPanel)
				p.excluded = none()
				p.start(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.TransferNoAccount) }},
		},
		{
			name: "setup, passwords differ",
			make: func(l i18n.Lang) app.Composer { return &SetupScreen{Lang: l, OnCreate: func(app.Context, string) {}} },
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*SetupScreen)
				p.password, p.confirm = "a long vault password", "a long vault passwort"
				p.submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.SetupDiffer) }},
		},
		{
			name: "restore, password too short",
			make: func(l i18n.Lang) app.Composer {
				return &RestoreScreen{Lang: l, OnRestore: func(app.Context, string, found) {}}
			},
			act: func(ctx app.Context, c app.Composer) {
				p := c.(*RestoreScreen)
				p.found, p.password, p.confirm = &found{}, "short", "short"
				p.submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.F(i18n.SetupTooShort, strength.MinLength) }},
		},
		{
			name: "vault gone, no password",
			make: func(l i18n.Lang) app.Composer {
				return &GoneScreen{Lang: l, Accounts: 2, OnBackup: func(app.Context, string) {}}
			},
			act: func(ctx app.Context, c app.Composer) {
				c.(*GoneScreen).submit(ctx, submit)
			},
			want: []func(l i18n.Lang) string{func(l i18n.Lang) string { return l.T(i18n.BackupTypePassword) }},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := app.NewTestEngine()
			h := &panelHost{lang: i18n.English, make: tt.make}
			if err := e.Load(h); err != nil {
				t.Fatal(err)
			}
			e.ConsumeAll()
			h.ctx.Dispatch(func(ctx app.Context) { tt.act(ctx, h.mounted) })
			e.ConsumeAll()
			shows := func(l, not i18n.Lang) {
				t.Helper()
				page := app.HTMLString(h)
				for _, want := range tt.want {
					in, other := want(l), want(not)
					if in == other {
						t.Fatalf("%q reads the same in both languages: the test proves nothing", in)
					}
					if !strings.Contains(page, html.EscapeString(in)) {
						t.Errorf("in %s, %q is not shown", l.Tag(), in)
					}
					if strings.Contains(page, html.EscapeString(other)) {
						t.Errorf("in %s, %q is still shown", l.Tag(), other)
					}
				}
			}
			shows(i18n.English, i18n.Japanese)
			h.ctx.Dispatch(func(app.Context) { h.lang = i18n.Japanese })
			e.ConsumeAll()
			shows(i18n.Japanese, i18n.English)
			h.ctx.Dispatch(func(app.Context) { h.lang = i18n.English })
			e.ConsumeAll()
			shows(i18n.English, i18n.Japanese)
		})
	}
}
