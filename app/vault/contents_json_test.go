package vault_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// TestMarshalContentsGolden pins the payload encoding that other formats
// (the encrypted backup) reuse: a change here changes their files too.
func TestMarshalContentsGolden(t *testing.T) {
	c := &vault.Contents{
		Accounts: []vault.Account{{
			ID: "0f6d", Issuer: "Example", Name: "alice@example.com", Group: "Work",
			Key:     otp.Key{Type: otp.HOTP, Algorithm: otp.SHA256, Digits: 8, Counter: 42, Secret: []byte("12345")},
			Created: time.Date(2026, 11, 25, 10, 4, 48, 0, time.UTC),
			// Not UTC: the encoding converts.
			Modified: time.Date(2026, 11, 25, 11, 6, 18, 250_000_000, time.FixedZone("CET", 3600)),
		}},
		Settings: vault.Settings{LockAfter: 1500 * time.Millisecond},
	}
	got, err := vault.MarshalContents(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"accounts":[{"id":"0f6d","issuer":"Example","name":"alice@example.com","type":"hotp",` +
		`"algorithm":"SHA256","digits":8,"period":0,"counter":42,"secret":"GEZDGNBV","group":"Work","note":"",` +
		`"created":"2026-11-25T10:04:48Z","modified":"2026-11-25T10:06:18.25Z"}],"settings":{"lock_after":2}}`
	if string(got) != want {
		t.Errorf("MarshalContents:\n got %s\nwant %s", got, want)
	}
}

func TestContentsRoundTrip(t *testing.T) {
	created := time.Date(2001, 2, 3, 4, 5, 6, 789, time.UTC)
	for _, tc := range []struct {
		name string
		c    vault.Contents
	}{
		{"empty", vault.Contents{}},
		{"never lock", vault.Contents{Settings: vault.Settings{LockAfter: vault.NeverLock}}},
		{"mixed", vault.Contents{
			Accounts: []vault.Account{
				{ID: "a", Issuer: "Ünïcødé & <Co>", Name: "名前", Group: "👥", Note: "line one\nline \"two\"",
					Key:     otp.Key{Type: otp.TOTP, Algorithm: otp.SHA512, Digits: 7, Period: 20, Secret: []byte{0xff, 0xfe, 0}},
					Created: created, Modified: created},
				{ID: "b", Name: "steam",
					Key: otp.Key{Type: otp.Steam, Algorithm: otp.SHA1, Digits: 5, Period: 30, Secret: []byte{1}}},
				{ID: "c", Issuer: "Bank",
					Key: otp.Key{Type: otp.HOTP, Algorithm: otp.SHA1, Digits: 6, Counter: 1<<64 - 1, Secret: []byte("x")}},
			},
			Settings: vault.Settings{LockAfter: 10 * time.Minute},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := vault.MarshalContents(&tc.c)
			if err != nil {
				t.Fatal(err)
			}
			c, err := vault.UnmarshalContents(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.c.Accounts) == 0 {
				tc.c.Accounts = []vault.Account{} // decoded as an empty, non-nil slice
			}
			if !reflect.DeepEqual(*c, tc.c) {
				t.Errorf("round trip:\n got %#v\nwant %#v", *c, tc.c)
			}
		})
	}
}

func TestMarshalContentsRefuses(t *testing.T) {
	key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("s")}
	for _, tc := range []struct {
		name     string
		accounts []vault.Account
		want     error
	}{
		{"empty id", []vault.Account{{Name: "a", Key: key}}, vault.ErrAccountID},
		{"duplicate id", []vault.Account{{ID: "x", Key: key}, {ID: "x", Key: key}}, vault.ErrAccountID},
		{"empty secret", []vault.Account{{ID: "x", Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1}}}, otp.ErrSecret},
		{"no type", []vault.Account{{ID: "x", Key: otp.Key{Algorithm: otp.SHA1, Secret: []byte("s")}}}, otp.ErrType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vault.MarshalContents(&vault.Contents{Accounts: tc.accounts})
			if !errors.Is(err, tc.want) {
				t.Errorf("MarshalContents: %v, want errors.Is %v", err, tc.want)
			}
		})
	}
}

func TestUnmarshalContentsRefuses(t *testing.T) {
	const account = `{"id":"a","issuer":"","name":"n","type":"totp","algorithm":"SHA1","digits":6,"period":30,` +
		`"counter":0,"secret":"GE","group":"","note":"","created":"0001-01-01T00:00:00Z","modified":"0001-01-01T00:00:00Z"}`
	good := `{"accounts":[` + account + `],"settings":{"lock_after":0}}`
	if _, err := vault.UnmarshalContents([]byte(good)); err != nil {
		t.Fatalf("the valid base payload: %v", err)
	}
	for _, tc := range []struct{ name, old, new string }{
		{"not json", good, "not json"},
		{"trailing data", good, good + " {}"},
		{"unknown field", `"group"`, `"icon":"x","group"`},
		{"lower-case secret", `"GE"`, `"ge"`},
		{"padded secret", `"GE"`, `"GE======"`},
		{"empty secret", `"GE"`, `""`},
		{"unknown type", `"totp"`, `"motp"`},
		{"type case", `"totp"`, `"TOTP"`},
		{"bad time", `"created":"0001-01-01T00:00:00Z"`, `"created":"25/11/2026"`},
		{"empty id", `"id":"a"`, `"id":""`},
		{"duplicate id", account, account + "," + account},
		{"wrong type", `"digits":6`, `"digits":"6"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := strings.Replace(good, tc.old, tc.new, 1)
			if p == good {
				t.Fatalf("%q not found in the payload", tc.old)
			}
			c, err := vault.UnmarshalContents([]byte(p))
			if err == nil || c != nil {
				t.Fatalf("UnmarshalContents = %v, %v; want an error", c, err)
			}
			if errors.Is(err, vault.ErrCorrupt) {
				t.Errorf("UnmarshalContents: %v wraps ErrCorrupt, which is the sealed vault's", err)
			}
			if strings.Contains(strings.ToUpper(err.Error()), "GE\"") {
				t.Errorf("error %q may quote the secret", err)
			}
		})
	}
}
