package ui

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/otpauth"
	"twofold.app/app/store"
	"twofold.app/app/strength"
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
					t.Fatalf("unexpected errors for %v", fields(errs))
				}
				if err := a.Key.Validate(); err != nil {
					t.Fatalf("account does not validate: %v", err)
				}
				tt.check(t, a)
				return
			}
			en := errs[tt.wantErr].in(i18n.English)
			if en == "" || len(errs) != 1 {
				t.Fatalf("errors for %v, want one for %q", fields(errs), tt.wantErr)
			}
			if strings.Contains(en, tt.form.Secret) && tt.form.Secret != "" {
				t.Errorf("message %q repeats the secret", en)
			}
			// The same error, worded again after a change of language.
			if ja := errs[tt.wantErr].in(i18n.Japanese); ja == en || !strings.ContainsAny(ja, "。") {
				t.Errorf("in Japanese the message for %q is %q", tt.wantErr, ja)
			}
		})
	}
}

// fields names the fields that errs flags.
func fields(errs fieldErrors) []string {
	var out []string
	for f := range errs {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
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
		if got := secretProblem(i18n.English, err); got != tt.want {
			t.Errorf("secretProblem for %q = %q, want %q", tt.secret, got, tt.want)
		}
	}
	if got, want := secretProblem(i18n.English, errors.New("something else")), "The secret key is not valid base32."; got != want {
		t.Errorf("secretProblem for another error = %q, want %q", got, want)
	}
	_, err := otpauth.ParseSecret("JBSWY3DP1")
	if got, want := secretProblem(i18n.Japanese, err), "9 文字目"; !strings.Contains(got, want) {
		t.Errorf("secretProblem in Japanese = %q, want it to name %q", got, want)
	}
}

// TestURIProblem checks that each way a link can be wrong has its own
// words, chosen by the error and not by its text, and that none of them
// quotes the link's secret.
func TestURIProblem(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXP"
	tests := []struct {
		uri  string
		want i18n.Message
	}{
		{"https://example.com/", i18n.AddURIScheme},
		{"otpauth-migration://offline?data=CgA", i18n.AddURIMigration},
		{"otpauth://motp/a?secret=" + secret, i18n.AddURIType},
		{"otpauth://totp/?secret=" + secret, i18n.AddURIName},
		{"otpauth://totp/A:b?secret=" + secret + "&issuer=B", i18n.AddURIIssuerMismatch},
		{"otpauth://totp/a?secret=", i18n.AddURINoSecret},
		{"otpauth://totp/a?secret=" + secret + "&digits=12", i18n.AddURIDigits},
		{"otpauth://totp/a?secret=" + secret + "&period=0", i18n.AddURIPeriod},
		{"otpauth://hotp/a?secret=" + secret + "&counter=x", i18n.AddURICounter},
		{"otpauth://totp/a?secret=" + secret + "&algorithm=MD5", i18n.AddURIAlgorithm},
	}
	for _, tt := range tests {
		_, err := formFromURI(tt.uri)
		if err == nil {
			t.Errorf("formFromURI(%q) succeeded", tt.uri)
			continue
		}
		for _, l := range i18n.Langs {
			if got, want := uriProblem(l, err), l.T(tt.want); got != want {
				t.Errorf("uriProblem(%s) for %q (%v) = %q, want %q", l.Tag(), tt.uri, err, got, want)
			}
		}
	}
	_, err := formFromURI("otpauth://totp/a?secret=" + secret + "1")
	for _, l := range i18n.Langs {
		got := uriProblem(l, err)
		if want := secretProblem(l, err); !strings.Contains(got, want) || got == want {
			t.Errorf("uriProblem(%s) for a bad secret = %q, want it to say %q", l.Tag(), got, want)
		}
		if strings.Contains(got, secret) {
			t.Errorf("uriProblem(%s) quotes the secret: %q", l.Tag(), got)
		}
	}
}

// TestCopyWords checks that the words around the account in a copy
// button's name, which only screen readers speak, make the whole name in
// each language.
func TestCopyWords(t *testing.T) {
	for _, l := range i18n.Langs {
		before, after := copyWords(l)
		if got, want := before+"GitHub"+after, l.F(i18n.VaultCopy, "GitHub"); got != want {
			t.Errorf("copyWords(%s) = %q, %q: the name is %q, want %q", l.Tag(), before, after, got, want)
		}
	}
	if before, after := copyWords(i18n.English); before != "Copy the code of " || after != "" {
		t.Errorf("in English the words are %q before and %q after the account", before, after)
	}
}

func TestStrengthText(t *testing.T) {
	tests := []struct {
		password string
		want     i18n.Message
		least    bool // the message names the least length
	}{
		{"", i18n.SetupStrengthHint, true},
		{"short", i18n.SetupStrengthTooShort, true},
		{"password123", i18n.SetupStrengthCommon, false},
		{"aaaaaaaaaaaa", i18n.SetupStrengthWeak, false},
		{"tR4!kp9Z", i18n.SetupStrengthFair, false},
		{"correct horse battery staple", i18n.SetupStrengthStrong, false},
	}
	for _, tt := range tests {
		for _, l := range i18n.Langs {
			want := l.T(tt.want)
			if tt.least {
				want = l.F(tt.want, strength.MinLength)
			}
			if got := strengthText(l, tt.password, strength.Of(tt.password)); got != want {
				t.Errorf("strengthText(%s, %q) = %q, want %q", l.Tag(), tt.password, got, want)
			}
		}
	}
	if got := passwordProblem("short", "short").in(i18n.English); !strings.Contains(got, "too short") {
		t.Errorf("passwordProblem for a short password = %q", got)
	}
	if got := passwordProblem("long enough", "long enougH").in(i18n.English); !strings.Contains(got, "differ") {
		t.Errorf("passwordProblem for two passwords = %q", got)
	}
	if got := passwordProblem("long enough", "long enough"); got != nil {
		t.Errorf("passwordProblem for a good password = %q", got.in(i18n.English))
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
	// The prerendered page does not know the language yet: it says it in
	// each.
	for i, l := range i18n.Langs {
		if err := app.TestMatch(s, app.TestUIDescriptor{Path: app.TestPath(0, 1, 0, 1, i, 0), Expected: app.Text(l.T(i18n.Opening))}); err != nil {
			t.Errorf("%s: %v", l.Tag(), err)
		}
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
