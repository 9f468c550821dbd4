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
	got, version, err := vault.MarshalContents(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"accounts":[{"id":"0f6d","issuer":"Example","name":"alice@example.com","type":"hotp",` +
		`"algorithm":"SHA256","digits":8,"period":0,"counter":42,"secret":"GEZDGNBV","group":"Work","note":"",` +
		`"created":"2026-11-25T10:04:48Z","modified":"2026-11-25T10:06:18.25Z"}],"settings":{"lock_after":2}}`
	if string(got) != want || version != 1 {
		t.Errorf("MarshalContents:\n got %s, version %d\nwant %s, version 1", got, version, want)
	}

	// The fields of version 2, each of which makes the payload version 2.
	c.Accounts[0].Favourite = true
	c.Accounts[0].LastUsed = time.Date(2026, 11, 26, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	c.Settings.Sort, c.Settings.Density = vault.SortAlphabetical, vault.DensityCompact
	got, version, err = vault.MarshalContents(c)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"accounts":[{"id":"0f6d","issuer":"Example","name":"alice@example.com","type":"hotp",` +
		`"algorithm":"SHA256","digits":8,"period":0,"counter":42,"secret":"GEZDGNBV","group":"Work","note":"",` +
		`"created":"2026-11-25T10:04:48Z","modified":"2026-11-25T10:06:18.25Z","favourite":true,` +
		`"last_used":"2026-11-26T00:00:00Z"}],"settings":{"lock_after":2,"sort":"alphabetical","density":"compact"}}`
	if string(got) != want || version != 2 {
		t.Errorf("MarshalContents:\n got %s, version %d\nwant %s, version 2", got, version, want)
	}
}

// TestPayloadVersion checks that each field of version 2 alone makes a
// payload of version 2, and that without them the payload is version 1.
func TestPayloadVersion(t *testing.T) {
	key := otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte("s")}
	used := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		edit func(c *vault.Contents)
		want int
	}{
		{"nothing of version 2", func(c *vault.Contents) { c.Accounts[0].Group = "Work" }, 1},
		{"favourite", func(c *vault.Contents) { c.Accounts[1].Favourite = true }, 2},
		{"last used", func(c *vault.Contents) { c.Accounts[1].LastUsed = used }, 2},
		{"sort alphabetical", func(c *vault.Contents) { c.Settings.Sort = vault.SortAlphabetical }, 2},
		{"sort recent", func(c *vault.Contents) { c.Settings.Sort = vault.SortRecent }, 2},
		{"compact", func(c *vault.Contents) { c.Settings.Density = vault.DensityCompact }, 2},
		{"manual and comfortable", func(c *vault.Contents) {
			c.Settings.Sort, c.Settings.Density = vault.SortManual, vault.DensityComfortable
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &vault.Contents{Accounts: []vault.Account{{ID: "a", Key: key}, {ID: "b", Key: key}}}
			tc.edit(c)
			p, version, err := vault.MarshalContents(c)
			if err != nil {
				t.Fatal(err)
			}
			if version != tc.want {
				t.Errorf("version %d, want %d", version, tc.want)
			}
			if _, err := vault.UnmarshalContents(p, version); err != nil {
				t.Errorf("UnmarshalContents of its own version: %v", err)
			}
			if version == 2 {
				if _, err := vault.UnmarshalContents(p, 1); err == nil {
					t.Error("a payload of version 2 decodes as version 1")
				}
			}
		})
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
		{"recent, compact", vault.Contents{Settings: vault.Settings{Sort: vault.SortRecent, Density: vault.DensityCompact}}},
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
		{"favourites and last use", vault.Contents{
			Accounts: []vault.Account{
				{ID: "a", Issuer: "A", Favourite: true, LastUsed: created.Add(time.Hour),
					Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{1}}},
				{ID: "b", Issuer: "B", Favourite: true,
					Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{2}}},
				{ID: "c", Issuer: "C", LastUsed: created,
					Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1, Digits: 6, Period: 30, Secret: []byte{3}}},
			},
			Settings: vault.Settings{Sort: vault.SortAlphabetical},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, version, err := vault.MarshalContents(&tc.c)
			if err != nil {
				t.Fatal(err)
			}
			c, err := vault.UnmarshalContents(p, version)
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
			_, _, err := vault.MarshalContents(&vault.Contents{Accounts: tc.accounts})
			if !errors.Is(err, tc.want) {
				t.Errorf("MarshalContents: %v, want errors.Is %v", err, tc.want)
			}
		})
	}
	for _, s := range []vault.Settings{{Sort: 3}, {Density: 2}} {
		if _, _, err := vault.MarshalContents(&vault.Contents{Settings: s}); err == nil {
			t.Errorf("MarshalContents with %v, %v: no error", s.Sort, s.Density)
		}
	}
}

func TestUnmarshalContentsRefuses(t *testing.T) {
	const account = `{"id":"a","issuer":"","name":"n","type":"totp","algorithm":"SHA1","digits":6,"period":30,` +
		`"counter":0,"secret":"GE","group":"","note":"","created":"0001-01-01T00:00:00Z","modified":"0001-01-01T00:00:00Z"}`
	good := `{"accounts":[` + account + `],"settings":{"lock_after":0}}`
	if _, err := vault.UnmarshalContents([]byte(good), 1); err != nil {
		t.Fatalf("the valid base payload: %v", err)
	}
	for _, tc := range []struct {
		name, old, new string
		version        int // 0 for 1 and 2
	}{
		{"not json", good, "not json", 0},
		{"trailing data", good, good + " {}", 0},
		{"unknown field", `"group"`, `"icon":"x","group"`, 0},
		{"lower-case secret", `"GE"`, `"ge"`, 0},
		{"padded secret", `"GE"`, `"GE======"`, 0},
		{"empty secret", `"GE"`, `""`, 0},
		{"unknown type", `"totp"`, `"motp"`, 0},
		{"type case", `"totp"`, `"TOTP"`, 0},
		{"bad time", `"created":"0001-01-01T00:00:00Z"`, `"created":"25/11/2026"`, 0},
		{"empty id", `"id":"a"`, `"id":""`, 0},
		{"duplicate id", account, account + "," + account, 0},
		{"wrong type", `"digits":6`, `"digits":"6"`, 0},
		{"favourite in version 1", `"group"`, `"favourite":true,"group"`, 1},
		{"false favourite in version 1", `"group"`, `"favourite":false,"group"`, 1},
		{"last used in version 1", `"group"`, `"last_used":"2026-11-26T09:00:00Z","group"`, 1},
		{"sort in version 1", `"lock_after":0`, `"lock_after":0,"sort":"recent"`, 1},
		{"density in version 1", `"lock_after":0`, `"lock_after":0,"density":"compact"`, 1},
		{"favourite a string", `"group"`, `"favourite":"true","group"`, 2},
		{"last used not RFC 3339", `"group"`, `"last_used":"26/11/2026","group"`, 2},
		{"unknown sort", `"lock_after":0`, `"lock_after":0,"sort":"random"`, 2},
		{"sort case", `"lock_after":0`, `"lock_after":0,"sort":"Manual"`, 2},
		{"unknown density", `"lock_after":0`, `"lock_after":0,"density":"cosy"`, 2},
		{"unknown field in version 2", `"group"`, `"pinned":true,"group"`, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := strings.Replace(good, tc.old, tc.new, 1)
			if p == good {
				t.Fatalf("%q not found in the payload", tc.old)
			}
			for _, version := range []int{1, 2} {
				if tc.version != 0 && version != tc.version {
					continue
				}
				c, err := vault.UnmarshalContents([]byte(p), version)
				if err == nil || c != nil {
					t.Fatalf("UnmarshalContents(version %d) = %v, %v; want an error", version, c, err)
				}
				if errors.Is(err, vault.ErrCorrupt) || errors.Is(err, vault.ErrUnsupportedVersion) {
					t.Errorf("UnmarshalContents: %v wraps a sentinel of the sealed vault", err)
				}
				if strings.Contains(strings.ToUpper(err.Error()), "GE\"") {
					t.Errorf("error %q may quote the secret", err)
				}
			}
		})
	}
}

// TestUnmarshalContentsVersion2 reads the fields of version 2, also when
// they are written at their defaults, which Twofold leaves out.
func TestUnmarshalContentsVersion2(t *testing.T) {
	const head = `{"accounts":[{"id":"a","issuer":"","name":"n","type":"totp","algorithm":"SHA1","digits":6,"period":30,` +
		`"counter":0,"secret":"GE","group":"","note":"","created":"0001-01-01T00:00:00Z","modified":"0001-01-01T00:00:00Z"`
	for _, tc := range []struct {
		name, account, settings string
		favourite               bool
		used                    time.Time
		sort                    vault.Sort
		density                 vault.Density
	}{
		{"none", ``, ``, false, time.Time{}, vault.SortManual, vault.DensityComfortable},
		{"defaults written", `,"favourite":false,"last_used":"0001-01-01T00:00:00Z"`, `,"sort":"manual","density":"comfortable"`,
			false, time.Time{}, vault.SortManual, vault.DensityComfortable},
		{"all set", `,"favourite":true,"last_used":"2026-11-26T18:00:00+09:00"`, `,"sort":"recent","density":"compact"`,
			true, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), vault.SortRecent, vault.DensityCompact},
		{"alphabetical", ``, `,"sort":"alphabetical"`, false, time.Time{}, vault.SortAlphabetical, vault.DensityComfortable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := head + tc.account + `}],"settings":{"lock_after":0` + tc.settings + `}}`
			c, err := vault.UnmarshalContents([]byte(p), 2)
			if err != nil {
				t.Fatal(err)
			}
			a := c.Accounts[0]
			if a.Favourite != tc.favourite || !a.LastUsed.Equal(tc.used) || c.Settings.Sort != tc.sort || c.Settings.Density != tc.density {
				t.Errorf("got favourite %v, last used %v, %v, %v; want %v, %v, %v, %v", a.Favourite, a.LastUsed,
					c.Settings.Sort, c.Settings.Density, tc.favourite, tc.used, tc.sort, tc.density)
			}
		})
	}
	if _, err := vault.UnmarshalContents([]byte(`{"accounts":[],"settings":{"lock_after":0}}`), 3); !errors.Is(err, vault.ErrUnsupportedVersion) {
		t.Errorf("UnmarshalContents of version 3: %v, want ErrUnsupportedVersion", err)
	}
}
