// Package freeotpplus imports the JSON backup of FreeOTP+ (and of FreeOTP
// 1.x, which writes the same): {"tokenOrder": [...], "tokens": [...]}, each
// token with its secret as an array of signed bytes.
//
// FreeOTP+ stores an HOTP token's counter as one less than the counter of
// the next code (it adds one before making a code, and when it writes an
// otpauth URI), so the importer adds one. A token whose issuer is "Steam"
// and has 5 digits is a Steam Guard key, as FreeOTP+ shows it.
package freeotpplus

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "FreeOTP+"

// Importer reads FreeOTP+ backups.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, tokens := m["tokens"]
	_, order := m["tokenOrder"]
	return tokens && order
}

func (imp) Encrypted(data []byte) bool { return false }

type backup struct {
	Tokens []json.RawMessage `json:"tokens"`
}

type token struct {
	Algo      string `json:"algo"`
	Counter   int64  `json:"counter"`
	Digits    int    `json:"digits"`
	IssuerExt string `json:"issuerExt"`
	IssuerInt string `json:"issuerInt"`
	IssuerAlt string `json:"issuerAlt"`
	Label     string `json:"label"`
	LabelAlt  string `json:"labelAlt"`
	Period    int    `json:"period"`
	Secret    []int  `json:"secret"`
	Type      string `json:"type"`
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var b backup
	if err := importer.Decode(data, &b); err != nil {
		return res, err
	}
	importer.Each(&res, b.Tokens, func(t *token) (vault.Account, string, error) {
		issuer, name := t.labels()
		a, err := t.account()
		a.Issuer, a.Name = issuer, name
		return a, importer.Label(issuer, name), err
	})
	return res, nil
}

// labels prefers what the user edited (the Alt fields), then the label's
// issuer prefix, then the issuer parameter, as FreeOTP shows them.
func (t token) labels() (string, string) {
	issuer := firstNonEmpty(t.IssuerAlt, t.IssuerExt, t.IssuerInt)
	return importer.SplitName(issuer, firstNonEmpty(t.LabelAlt, t.Label))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func (t token) account() (vault.Account, error) {
	var a vault.Account
	secret, err := importer.Bytes(t.Secret)
	if err != nil {
		return a, err
	}
	alg, err := importer.Algorithm(t.Algo)
	if err != nil {
		return a, err
	}
	issuer, _ := t.labels()
	f := importer.Fields{Type: t.Type, Issuer: issuer, Secret: secret, Algorithm: alg, Digits: t.Digits, Period: t.Period}
	switch strings.ToUpper(strings.TrimSpace(t.Type)) {
	case "", "TOTP":
	case "HOTP":
		if t.Counter < -1 || t.Counter == math.MaxInt64 {
			return a, fmt.Errorf("%w: counter out of range", importer.ErrCorrupt)
		}
		f.Counter = uint64(t.Counter + 1)
	default:
		return a, fmt.Errorf("%w: type %.20q", importer.ErrUnsupported, t.Type)
	}
	a.Key, err = f.Key()
	return a, err
}
