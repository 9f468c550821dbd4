// Package freeotptoken reads the token JSON that FreeOTP writes, which its
// fork FreeOTP+ kept: the values of FreeOTP 1's and FreeOTP+'s preferences
// file (tokens.xml: one string per token, named "issuer:label", and a
// "tokenOrder" list of those names), the entries of FreeOTP+'s JSON backup,
// and the "<uuid>-token" entries of FreeOTP 2's backup.
//
// A token is {"algo", "counter", "digits", "issuerExt", "issuerInt",
// "issuerAlt", "label", "labelAlt", "period", "secret", "type"} (and
// "image", "imageAlt", "color", "lock", which are not read). FreeOTP 2
// leaves out what the otpauth URI did not say (algorithm, digits, period)
// and keeps the secret elsewhere. The description follows FreeOTP's
// Token.java (freeotp/freeotp-android, app/ for 1.x and mobile/ for 2.x)
// and FreeOTP+'s (helloworld1/FreeOTPPlus, token/Token.java).
package freeotptoken

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/prefs"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Token is a FreeOTP token.
type Token struct {
	Algo      string `json:"algo"`
	Counter   *int64 `json:"counter"`
	Digits    *int   `json:"digits"`
	IssuerExt string `json:"issuerExt"`
	IssuerInt string `json:"issuerInt"`
	IssuerAlt string `json:"issuerAlt"`
	Label     string `json:"label"`
	LabelAlt  string `json:"labelAlt"`
	Period    *int   `json:"period"`
	Secret    []int  `json:"secret"`
	Type      string `json:"type"`
}

// Counter says how an app stores an HOTP token's counter.
type Counter int

const (
	// CounterUsed is FreeOTP 1's and FreeOTP+'s: the counter of the last
	// code made, one less than the next one's (they add one before making
	// a code, and when they write an otpauth URI). -1 is a token that has
	// made no code.
	CounterUsed Counter = iota
	// CounterNext is FreeOTP 2's: the counter of the next code.
	CounterNext
)

// Labels returns the issuer and name FreeOTP shows: those the user edited
// (the Alt fields) first, then the label's issuer prefix, then the issuer
// parameter. The name is FreeOTP's label without its prefix, a field of
// its own: it is read by importer.SplitName, so white space around it
// goes and a copy of the issuer in front of it is removed.
func (t *Token) Labels() (issuer, name string) {
	return importer.SplitName(first(t.IssuerAlt, t.IssuerExt, t.IssuerInt), first(t.LabelAlt, t.Label))
}

func first(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// steam reports whether FreeOTP shows the token's codes in Steam's
// alphabet, which it does for the issuer prefix "Steam".
func (t *Token) steam() bool { return strings.TrimSpace(t.IssuerExt) == "Steam" }

// Account reads the token, with secret as its key when it is not nil (the
// "secret" field otherwise), and its counter stored as c says. Absent
// fields take FreeOTP 2's defaults, which are everyone's
// ([importer.Fields]): SHA1, 6 digits (5 for Steam), 30 s, and counter 0
// for the next code.
func (t *Token) Account(secret []byte, c Counter) (vault.Account, error) {
	issuer, name := t.Labels()
	a := vault.Account{Issuer: issuer, Name: name}
	var err error
	if secret == nil {
		if secret, err = importer.Bytes(t.Secret); err != nil {
			return a, err
		}
	}
	alg, err := importer.Algorithm(t.Algo)
	if err != nil {
		return a, err
	}
	f := importer.Fields{Type: t.Type, Issuer: issuer, Secret: secret, Algorithm: alg}
	if t.Digits != nil {
		f.Digits = *t.Digits
	}
	if t.Period != nil {
		f.Period = *t.Period
	}
	switch typ := strings.ToLower(strings.TrimSpace(t.Type)); {
	case t.steam() && typ == "totp":
		// FreeOTP shows Steam's alphabet for the label prefix "Steam",
		// in codes of 5 characters.
		if f.Digits != 0 && f.Digits != otp.SteamDigits {
			return a, fmt.Errorf("%w: a Steam code of %d characters", importer.ErrUnsupported, f.Digits)
		}
		f.Type = "steam"
	case t.steam() && typ == "hotp":
		return a, fmt.Errorf("%w: an HOTP code in Steam's alphabet", importer.ErrUnsupported)
	case typ == "hotp":
		if f.Counter, err = t.counter(c); err != nil {
			return a, err
		}
	}
	// The rest is read as everywhere (importer.Fields): a 5-digit TOTP
	// token whose issuer is Steam is a Steam key too.
	a.Key, err = f.Key()
	return a, err
}

func (t *Token) counter(c Counter) (uint64, error) {
	// An absent counter is 0, as Java reads it, stored as c says.
	var n int64
	if t.Counter != nil {
		n = *t.Counter
	}
	if c == CounterUsed {
		if n < -1 || n == math.MaxInt64 {
			return 0, fmt.Errorf("%w: counter out of range", importer.ErrCorrupt)
		}
		return uint64(n + 1), nil
	}
	if n < 0 {
		return 0, fmt.Errorf("%w: counter out of range", importer.ErrCorrupt)
	}
	return uint64(n), nil
}

// onlyPlus reports whether FreeOTP 1 would have refused the token: it
// takes 6 or 8 digits but for Steam, where FreeOTP+ also takes 7.
func (t *Token) onlyPlus() bool {
	return !t.steam() && t.Digits != nil && *t.Digits != 6 && *t.Digits != 8
}

// Entry is a token of a preferences file, undecoded.
type Entry struct {
	// Name is the preference's name, "issuer:label".
	Name string
	JSON json.RawMessage
}

// Prefs reads the tokens of a FreeOTP 1 or FreeOTP+ preferences file, in
// the order of its "tokenOrder" list, then those the list leaves out in
// the order of the file. ok is false when data is not such a file: a
// preferences file with a "tokenOrder" string that holds a JSON list of
// names.
func Prefs(data []byte) (entries []Entry, ok bool) {
	if !prefs.Sniff(data) {
		return nil, false
	}
	p, err := prefs.Parse(data)
	if err != nil {
		return nil, false
	}
	order, found := p.Get("tokenOrder")
	if !found || order.Kind != "string" {
		return nil, false
	}
	var names []string
	if json.Unmarshal([]byte(order.Value), &names) != nil {
		return nil, false
	}
	byName := make(map[string]int)
	for i, e := range p {
		if e.Name != "tokenOrder" {
			if _, dup := byName[e.Name]; !dup {
				byName[e.Name] = i
			}
		}
	}
	done := make(map[int]bool)
	add := func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		entries = append(entries, Entry{Name: p[i].Name, JSON: json.RawMessage(p[i].Value)})
	}
	for _, n := range names {
		if i, ok := byName[n]; ok {
			add(i)
		}
	}
	for i, e := range p {
		if e.Name != "tokenOrder" {
			add(i)
		}
	}
	return entries, true
}

// PlusOnly reports whether some entry is a token that FreeOTP 1 refuses
// and FreeOTP+ takes: one with 7 digits. It is the only thing that tells
// FreeOTP+'s preferences file from FreeOTP 1's, which it kept.
func PlusOnly(entries []Entry) bool {
	for _, e := range entries {
		var t Token
		if json.Unmarshal(e.JSON, &t) == nil && t.onlyPlus() {
			return true
		}
	}
	return false
}

// ReadPrefs imports the entries of a preferences file into res: each is a
// token with its secret, its counter stored as FreeOTP 1 and FreeOTP+ do.
// A preference that is not a token (not a string, or not a JSON object) is
// skipped with its name.
func ReadPrefs(res *importer.Result, entries []Entry) {
	for n, e := range entries {
		label := importer.Label(e.Name, "")
		var t Token
		if err := importer.Decode(e.JSON, &t); err != nil {
			res.Skip(n, label, err)
			continue
		}
		a, err := t.Account(nil, CounterUsed)
		if err != nil {
			res.Skip(n, importer.Label(a.Issuer, a.Name), err)
			continue
		}
		res.Add(n, a)
	}
}
