package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/kdf"
	"twofold.app/app/migration"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/scan"
	"twofold.app/app/transfer"
	"twofold.app/app/vault"
)

func TestScanPanelTexts(t *testing.T) {
	acc := func(name string) otpauth.Account {
		return otpauth.Account{Issuer: "I", Name: name, Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30,
			Secret: []byte("secret " + name)}}
	}
	exp, _ := migration.Split([]otpauth.Account{acc("a"), acc("b"), acc("c")}, 1, 5)
	other, _ := migration.Split([]otpauth.Account{acc("x"), acc("y")}, 1, 6)
	uri := otpauth.Format(acc("a"))
	frames := transferFrames(t, acc("t"))

	// Each step reads texts; the panel's lines and what it called after
	// it are checked.
	type step struct {
		texts   []string
		stop    bool
		status  string // a prefix; "" for none
		problem string // a part; "" for none
		partial bool
		called  string // "account", "accounts", "transfer" or ""
	}
	tests := []struct {
		name       string
		onTransfer bool
		steps      []step
	}{
		{name: "account", steps: []step{{texts: []string{uri}, stop: true, called: "account"}}},
		{name: "no account", steps: []step{{texts: []string{"hello"}, problem: "holds no authenticator account: “hello”"}}},
		{name: "malformed account", steps: []step{{texts: []string{"otpauth://totp/x"}, problem: "account link, but it is malformed"}}},
		{name: "export", steps: []step{
			{texts: []string{exp[1]}, status: "Google Authenticator export: code 2 read; 1 of 3 scanned, missing 1, 3.", partial: true},
			{texts: []string{other[0]}, status: "Google Authenticator export: code 2 read", problem: "belongs to another Google Authenticator export", partial: true},
			{texts: []string{exp[0]}, status: "Google Authenticator export: code 1 read; 2 of 3 scanned, missing 3.", partial: true},
			{texts: []string{frames[1]}, status: "Google Authenticator export: code 1 read", problem: "Twofold transfer code, but part of a Google Authenticator export", partial: true},
			{texts: []string{exp[2]}, stop: true, called: "accounts"},
		}},
		{name: "transfer, no receiving screen", steps: []step{
			{texts: []string{frames[1]}, stop: true, status: "This is a Twofold transfer code"},
			{texts: []string{uri}, stop: true, status: "This is a Twofold transfer code", called: "account"},
		}},
		{name: "transfer", onTransfer: true, steps: []step{{texts: []string{frames[0]}, stop: true, called: "transfer"}}},
		{name: "damaged transfer code", onTransfer: true, steps: []step{{texts: []string{"twofold:x"}, problem: "This Twofold transfer code could not be read"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var called string
			p := &ScanPanel{
				OnAccount:  func(ctx app.Context, uri string) { called = "account" },
				OnAccounts: func(ctx app.Context, source shown, f found) { called = "accounts" },
			}
			if tt.onTransfer {
				p.OnTransfer = func(ctx app.Context, texts []string) { called = "transfer" }
			}
			for i, s := range tt.steps {
				called = ""
				stop := p.onTexts(app.Context{}, s.texts)
				if stop != s.stop || called != s.called || p.partial != s.partial {
					t.Errorf("step %d: stop %v, called %q, partial %v; want %v, %q, %v", i, stop, called, p.partial, s.stop, s.called, s.partial)
				}
				status, problem := p.status.in(i18n.English), p.problem.in(i18n.English)
				if !strings.HasPrefix(status, s.status) || (s.status == "") != (status == "") {
					t.Errorf("step %d: status %q, want %q", i, status, s.status)
				}
				if !strings.Contains(problem, s.problem) || (s.problem == "") != (problem == "") {
					t.Errorf("step %d: problem %q, want %q", i, problem, s.problem)
				}
			}
		})
	}
}

// transferFrames seals accounts as the codes of a transfer, with a stand-in
// for Argon2id.
func transferFrames(t *testing.T, accounts ...otpauth.Account) []string {
	t.Helper()
	return seededTransfer(t, 1, accounts...)
}

// seededTransfer is transferFrames with randomness from seed, which makes
// the transfer's id.
func seededTransfer(t *testing.T, seed byte, accounts ...otpauth.Account) []string {
	t.Helper()
	rng := rand.NewChaCha8([32]byte{seed})
	var va []vault.Account
	for _, a := range accounts {
		va = append(va, vault.Account{Issuer: a.Issuer, Name: a.Name, Key: a.Key})
	}
	code, err := transfer.NewCode(rng)
	if err != nil {
		t.Fatal(err)
	}
	derive := func(password, salt []byte, p kdf.Params) ([]byte, error) { return make([]byte, 32), nil }
	m, err := transfer.Seal(va, code, kdf.Params{Time: 1, MemoryKiB: 1024, Threads: 1}, rng, derive)
	if err != nil {
		t.Fatal(err)
	}
	frames := m.Frames(transfer.Layout{Version: 3, Level: transfer.LevelM})
	if len(frames) < 2 {
		t.Fatalf("%d transfer codes, want several", len(frames))
	}
	return frames
}

// TestScanPanelPrerender renders the scanner with no services, as the
// server does: the buttons are there, and nothing else is touched.
func TestScanPanelPrerender(t *testing.T) {
	e := app.NewTestEngine()
	p := &ScanPanel{}
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if err := app.TestMatch(p, app.TestUIDescriptor{Path: app.TestPath(0, 0, 0, 0),
		Expected: app.Button().ID("scan-camera").Type("button").Class("ghost").OnClick(func(app.Context, app.Event) {})}); err != nil {
		t.Fatal(err)
	}
}

func TestExportProgress(t *testing.T) {
	prog := &scan.Progress{Kind: scan.KindMigration, Index: 1, Have: 1, Total: 3, Missing: []int{0, 2}}
	tests := []struct {
		l    i18n.Lang
		want string
	}{
		{i18n.English, "Google Authenticator export: code 2 read; 1 of 3 scanned, missing 1, 3."},
		{i18n.Japanese, "Google Authenticator のエクスポート：2 番目のコードを読み取りました（3 個中 1 個）。読み取っていないコード：1、3。"},
	}
	for _, tt := range tests {
		if got := exportProgress(tt.l, prog); got != tt.want {
			t.Errorf("exportProgress(%s) = %q, want %q", tt.l.Tag(), got, tt.want)
		}
	}
}
