package ui

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"time"
	"twofold.app/app/i18n"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/store"
	"twofold.app/app/vault"
)

func TestFormAccount(t *testing.T) {
	base := func(change func(*accountForm)) accountForm {
		f := newForm()
		f.Issuer, f.Name, f.Secret = "GitHub", "alice", "jbsw y3dp ehpk 3pxp"
		change(&f)
		return f
	}
	tests := []struct {
		name    string
		form    accountForm
		keep    []byte
		wantErr string // the field that must be flagged, "" for none
		check   func(t *testing.T, a vault.Account)
	}{
		{name: "totp defaults", form: base(func(*accountForm) {}), check: func(t *testing.T, a vault.Account) {
			if a.Type != otp.TOTP || a.Digits != 6 || a.Period != 30 || a.Algorithm != otp.SHA1 {
				t.Errorf("key = %v", a.Key)
			}
			if !bytes.Equal(a.Secret, []byte("Hello!\xde\xad\xbe\xef")) {
				t.Errorf("secret = %x", a.Secret)
			}
		}},
		{name: "no name", form: base(func(f *accountForm) { f.Issuer, f.Name = " ", "" }), wantErr: "name"},
		{name: "empty secret", form: base(func(f *accountForm) { f.Secret = "" }), wantErr: "secret"},
		{name: "bad secret", form: base(func(f *accountForm) { f.Secret = "JBSWY3DP1" }), wantErr: "secret"},
		{name: "edit keeps secret", form: base(func(f *accountForm) { f.Secret = "" }), keep: []byte{1, 2, 3},
			check: func(t *testing.T, a vault.Account) {
				if !bytes.Equal(a.Secret, []byte{1, 2, 3}) {
					t.Errorf("secret = %x, want the kept one", a.Secret)
				}
			}},
		{name: "digits", form: base(func(f *accountForm) { f.Digits = "9" }), wantErr: "digits"},
		{name: "period zero", form: base(func(f *accountForm) { f.Period = "0" }), wantErr: "period"},
		{name: "period text", form: base(func(f *accountForm) { f.Period = "abc" }), wantErr: "period"},
		{name: "algorithm", form: base(func(f *accountForm) { f.Algorithm = "MD5" }), wantErr: "algorithm"},
		{name: "type", form: base(func(f *accountForm) { f.Type = "motp" }), wantErr: "type"},
		{name: "hotp counter", form: base(func(f *accountForm) { f.Type, f.Counter, f.Period = "hotp", "41", "junk" }),
			check: func(t *testing.T, a vault.Account) {
				if a.Type != otp.HOTP || a.Counter != 41 {
					t.Errorf("key = %v counter %d", a.Key, a.Counter)
				}
			}},
		{name: "hotp bad counter", form: base(func(f *accountForm) { f.Type, f.Counter = "hotp", "-1" }), wantErr: "counter"},
		{name: "steam ignores digits", form: base(func(f *accountForm) { f.Type, f.Digits = "steam", "8" }),
			check: func(t *testing.T, a vault.Account) {
				if a.Digits != otp.SteamDigits || a.Period != 30 {
					t.Errorf("steam key = %v", a.Key)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, errs := tt.form.account(tt.keep)
			if tt.wantErr == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %v", errs)
				}
				if err := a.Key.Validate(); err != nil {
					t.Fatalf("account does not validate: %v", err)
				}
				tt.check(t, a)
				return
			}
			if errs[tt.wantErr] == "" || len(errs) != 1 {
				t.Fatalf("errors = %v, want one for %q", errs, tt.wantErr)
			}
			if strings.Contains(errs[tt.wantErr], tt.form.Secret) && tt.form.Secret != "" {
				t.Errorf("message %q repeats the secret", errs[tt.wantErr])
			}
		})
	}
}

func TestSecretProblem(t *testing.T) {
	tests := []struct {
		secret, want string
	}{
		{"", "Enter the secret key the site showed you."},
		{" - ", "Enter the secret key the site showed you."},
		{"JBSWY3DP1", "The secret key is not valid base32: character 9 is not base32 (A to Z, 2 to 7)."},
		{"jbsw é", "The secret key is not valid base32: character 6 is not base32 (A to Z, 2 to 7)."},
		{"JBSW==Y3", "The secret key is not valid base32: character 7 follows '=' padding."},
		{"JBSWY3", "The secret key is not valid base32: base32 length is wrong (a character is missing or extra)."},
	}
	for _, tt := range tests {
		_, err := otpauth.ParseSecret(tt.secret)
		if err == nil {
			t.Fatalf("ParseSecret(%q) succeeded", tt.secret)
		}
		if got := secretProblem(err); got != tt.want {
			t.Errorf("secretProblem for %q = %q, want %q", tt.secret, got, tt.want)
		}
	}
	if got, want := secretProblem(errors.New("something else")), "The secret key is not valid base32."; got != want {
		t.Errorf("secretProblem for another error = %q, want %q", got, want)
	}
}

func TestFormFromURI(t *testing.T) {
	f, err := formFromURI(" otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air+Canada&algorithm=SHA256&digits=7&counter=50 ")
	if err != nil {
		t.Fatal(err)
	}
	want := accountForm{Issuer: "Air Canada", Name: "Benjamin", Secret: "KUVJJOM753IHTNDSZVCNKL7GII",
		Type: "hotp", Algorithm: "SHA256", Digits: "7", Period: "0", Counter: "50"}
	if f != want {
		t.Errorf("form = %+v\nwant   %+v", f, want)
	}
	if _, err := formFromURI("https://example.com/"); err == nil {
		t.Error("a web link was accepted")
	}
}

func TestMatches(t *testing.T) {
	a := &vault.Account{Issuer: "GitHub", Name: "alice@example.com", Group: "Work"}
	for q, want := range map[string]bool{"": true, "git": true, "ALICE": true, "work": true, "bob": false} {
		if got := matches(a, q); got != want {
			t.Errorf("matches(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{vault.ErrWrongPassword, "Wrong password"},
		{errors.Join(errors.New("x"), vault.ErrCorrupt), "damaged"},
		{store.ErrQuota, "storage is full"},
		{errors.New("reading vault: boom"), "Reading vault: boom."},
	} {
		if got := describe(i18n.English, tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("describe(i18n.English, %v) = %q, want it to contain %q", tt.err, got, tt.want)
		}
	}
	if formatDuration(i18n.English, 90*time.Second) != "1 minute" || formatDuration(i18n.English, 2*time.Hour) != "2 hours" {
		t.Error("formatDuration")
	}
}

// TestPrerender renders the shell as the server does, with no services:
// it must draw the loading screen and not touch any platform service.
func TestPrerender(t *testing.T) {
	e := app.NewTestEngine()
	s := &Shell{}
	if err := e.Load(s); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if s.screen != screenLoading {
		t.Fatalf("screen = %v, want loading", s.screen)
	}
	if err := app.TestMatch(s, app.TestUIDescriptor{Path: app.TestPath(0, 1, 0, 1, 0), Expected: app.Text("Opening your vault…")}); err != nil {
		t.Fatal(err)
	}
}

func TestIdleLock(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		settings vault.Settings
		idle     time.Duration
		want     bool
	}{
		{"default, active", vault.Settings{}, 4*time.Minute + 59*time.Second, false},
		{"default, idle", vault.Settings{}, 5 * time.Minute, true},
		{"one minute", vault.Settings{LockAfter: time.Minute}, 61 * time.Second, true},
		{"one hour, active", vault.Settings{LockAfter: time.Hour}, 59 * time.Minute, false},
		{"never", vault.Settings{LockAfter: vault.NeverLock}, 48 * time.Hour, false},
	}
	for _, tt := range tests {
		if _, got := idleLock(tt.settings, t0, t0.Add(tt.idle)); got != tt.want {
			t.Errorf("%s: idleLock after %v = %v, want %v", tt.name, tt.idle, got, tt.want)
		}
	}
}
