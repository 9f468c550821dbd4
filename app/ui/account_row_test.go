package ui

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"twofold.app/app/i18n"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

func rowAccount(issuer, name, group string) vault.Account {
	return vault.Account{ID: "a1", Issuer: issuer, Name: name, Group: group, Key: otp.Key{Type: otp.TOTP, Algorithm: otp.SHA1,
		Digits: 6, Period: 30, Secret: []byte("12345678901234567890")}}
}

// TestDrawRowEscapes checks that every text of a row is escaped: an
// account's names come from imports and scanned codes.
func TestDrawRowEscapes(t *testing.T) {
	a := rowAccount(`<img src=x onerror="alert(1)">`, `"bob" & <alice>`, `</li><li>`)
	now := time.Unix(59, 0)
	for _, l := range i18n.Langs {
		r := drawRow(l, &a, rowState{now: now, handle: true})
		for _, bad := range []string{"<img", `"bob"`, "<alice>", "</li><li>", `onerror="`} {
			if strings.Contains(r.HTML, bad) || strings.Contains(r.Handle, bad) {
				t.Errorf("%v: the row holds %q unescaped:\n%s", l, bad, r.HTML)
			}
		}
		if !strings.Contains(r.HTML, "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") {
			t.Errorf("%v: the issuer is not in the row:\n%s", l, r.HTML)
		}
		if strings.Count(r.HTML, "<li") != 1 || !strings.HasSuffix(r.HTML, "</li>") {
			t.Errorf("%v: the row is not one <li>:\n%s", l, r.HTML)
		}
	}
}

// TestDrawRowParts checks that the parts of a row that Services.Rows
// patches are in its HTML, as they are given apart, and that its Frame
// changes with what is not patched and only with that.
func TestDrawRowParts(t *testing.T) {
	a := rowAccount("GitHub", "alice", "Work")
	l := i18n.English
	early, late := time.Unix(0, 0), time.Unix(57, 0) // the second is in the last seconds of its period
	r := drawRow(l, &a, rowState{now: late, copied: false, handle: true, drop: "drop-after"})
	code, _ := a.Key.Code(late)
	if r.Code != otp.Group(code) || !strings.Contains(r.HTML, `<span class="code">`+r.Code+`</span>`) {
		t.Errorf("code %q not in the row:\n%s", r.Code, r.HTML)
	}
	if r.Next == "" || !strings.Contains(r.HTML, `data-next="`+r.Next+`"`) {
		t.Errorf("next code %q not in the row:\n%s", r.Next, r.HTML)
	}
	if r.Handle == "" || !strings.HasPrefix(r.HTML, `<li class="account drop-after" data-id="a1">`+r.Handle) {
		t.Errorf("the handle is not the row's first child:\n%s", r.HTML)
	}
	if !strings.Contains(r.HTML, `aria-pressed="false"`) {
		t.Errorf("the star is not drawn unpressed:\n%s", r.HTML)
	}

	same := drawRow(l, &a, rowState{now: early, copied: true})
	if same.Frame != r.Frame || same.Code == r.Code || same.Copied == "" || same.Next != "" || same.Handle != "" || same.Class != "account" {
		t.Errorf("another time, copied and without the handle: %+v, was %+v", same, r)
	}
	b := a
	b.Favourite = true
	if got := drawRow(l, &b, rowState{now: late}); got.Frame != r.Frame || !got.Pressed {
		t.Errorf("a favourite: frame %q (was %q), pressed %v", got.Frame, r.Frame, got.Pressed)
	}
	for name, change := range map[string]func(*vault.Account){
		"issuer": func(a *vault.Account) { a.Issuer = "GitLab" },
		"name":   func(a *vault.Account) { a.Name = "bob" },
		"group":  func(a *vault.Account) { a.Group = "" },
		"type":   func(a *vault.Account) { a.Type = otp.HOTP },
		"period": func(a *vault.Account) { a.Period = 60 },
	} {
		c := a
		change(&c)
		if got := drawRow(l, &c, rowState{now: late}); got.Frame == r.Frame {
			t.Errorf("%s changed, the frame did not", name)
		}
	}
	if got := drawRow(i18n.Japanese, &a, rowState{now: late}); got.Frame == r.Frame {
		t.Errorf("the language changed, the frame did not")
	}
}

// TestCachedRow checks that a row is drawn again when its code, the hint
// of the next code or the vault's revision changes, and not otherwise.
func TestCachedRow(t *testing.T) {
	c := &VaultScreen{Lang: i18n.English}
	a := rowAccount("GitHub", "alice", "")
	at := func(s int64) rowState { return rowState{now: time.Unix(s, 0)} }
	first := c.cachedRow(1, c.Lang, &a, at(31))
	for _, tc := range []struct {
		name    string
		rev     uint64
		state   rowState
		changed bool
		issuer  string // the account's issuer in the new revision
	}{
		{"same period", 1, at(50), false, ""},
		{"next code shown", 1, at(56), true, ""},
		{"next period", 1, at(61), true, ""},
		{"new revision", 2, at(31), true, "GitLab"},
		{"copied", 1, rowState{now: time.Unix(31, 0), copied: true}, true, ""},
		{"hidden", 1, rowState{now: time.Unix(31, 0), masked: true}, true, ""},
		{"clock set back a period", 1, at(1), true, ""},
	} {
		c.rowCache = map[string]cachedRow{a.ID: {key: keyOf(1, c.Lang, &a, at(31)), row: first}}
		b := a
		if tc.issuer != "" {
			b.Issuer = tc.issuer
		}
		got := c.cachedRow(tc.rev, c.Lang, &b, tc.state)
		want := drawRow(c.Lang, &b, tc.state)
		if got != want {
			t.Errorf("%s: got row %+v, want %+v", tc.name, got, want)
		}
		if (got != first) != tc.changed {
			t.Errorf("%s: drawn again %v, want %v", tc.name, got != first, tc.changed)
		}
	}
}

// TestCachedRowHandle checks that the reorder handle is put into a row
// kept without it: the row with and without the handle is the row drawRow
// draws, and taking the handle away or giving it back draws nothing again,
// nor puts the handle in again.
func TestCachedRowHandle(t *testing.T) {
	for _, l := range i18n.Langs {
		c := &VaultScreen{Lang: l}
		a := rowAccount("GitHub", "alice", "Work")
		now := time.Unix(31, 0)
		for _, handle := range []bool{true, false, true} {
			r := rowState{now: now, handle: handle}
			if got, want := c.cachedRow(1, l, &a, r), drawRow(l, &a, r); got != want {
				t.Errorf("%v, handle %v: got row %+v, want %+v", l, handle, got, want)
			}
		}
		// Marked, the kept rows show whether they are drawn again.
		kept := c.rowCache[a.ID]
		if kept.handled == nil {
			t.Fatalf("%v: the row with its handle is not kept", l)
		}
		kept.row.Code, kept.handled.Code = "kept", "kept"
		c.rowCache[a.ID] = kept
		for _, handle := range []bool{false, true} {
			got := c.cachedRow(1, l, &a, rowState{now: now, handle: handle})
			if got.Code != "kept" {
				t.Errorf("%v: the row was drawn again for handle %v", l, handle)
			}
			if handle && (got.Handle == "" || !strings.Contains(got.HTML, got.Handle)) {
				t.Errorf("%v: the row's handle %q is not in its HTML %q", l, got.Handle, got.HTML)
			}
		}
	}
}

// TestDrawRowHidden checks a row whose code is hidden until tapped: dots
// in its place, words for screen readers, no next code, and the code
// nowhere in the row.
func TestDrawRowHidden(t *testing.T) {
	a := rowAccount("GitHub", "alice", "Work")
	late := time.Unix(57, 0) // in the last seconds of its period
	code, _ := a.Key.Code(late)
	next, _ := a.Key.Code(time.Unix(60, 0))
	for _, l := range i18n.Langs {
		r := drawRow(l, &a, rowState{now: late, masked: true})
		if !r.Masked || r.Next != "" {
			t.Errorf("%v: masked %v, next %q", l, r.Masked, r.Next)
		}
		for _, c := range []string{code, next, otp.Group(code), otp.Group(next)} {
			if strings.Contains(r.HTML, c) || strings.Contains(r.Code, c) {
				t.Errorf("%v: a hidden row holds the code %q:\n%s", l, c, r.HTML)
			}
		}
		want := `<span class="code masked"><span aria-hidden="true">••• •••</span><span class="visually-hidden"> ` + l.T(i18n.VaultCodeHidden) + `</span></span>`
		if !strings.Contains(r.HTML, want) {
			t.Errorf("%v: the hidden code is not drawn as %s:\n%s", l, want, r.HTML)
		}
		shown := drawRow(l, &a, rowState{now: late})
		if shown.Masked || shown.Frame != r.Frame || !strings.Contains(shown.HTML, `<span class="code">`+otp.Group(code)+`</span>`) {
			t.Errorf("%v: the code shown again: %+v", l, shown)
		}
	}
}

// TestDrawRowNoSecret checks that no row, in any state, holds its
// account's secret, in any encoding, or an otpauth URI.
func TestDrawRowNoSecret(t *testing.T) {
	a := rowAccount("GitHub", "alice", "Work")
	a.Note = "my recovery words"
	secret := a.Key.Secret
	bad := []string{string(secret), base32.StdEncoding.EncodeToString(secret), strings.TrimRight(base32.StdEncoding.EncodeToString(secret), "="),
		hex.EncodeToString(secret), base64.StdEncoding.EncodeToString(secret), "otpauth", a.Note}
	h := a
	h.Key.Type, h.Key.Counter = otp.HOTP, 7
	for _, l := range i18n.Langs {
		for _, acc := range []*vault.Account{&a, &h} {
			for _, r := range []rowState{{now: time.Unix(57, 0)}, {now: time.Unix(57, 0), masked: true, handle: true}, {now: time.Unix(3, 0), copied: true}} {
				row := drawRow(l, acc, r)
				for _, b := range bad {
					if strings.Contains(strings.ToLower(row.HTML), strings.ToLower(b)) {
						t.Errorf("%v, %v: the row holds %q:\n%s", l, acc.Type, b, row.HTML)
					}
				}
			}
		}
	}
}
