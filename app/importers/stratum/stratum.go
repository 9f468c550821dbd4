// Package stratum imports the unencrypted JSON backup of Stratum
// (formerly Authenticator Pro): {"Authenticators": [...], "Categories":
// [...], "AuthenticatorCategories": [...]}.
//
// Types: 1 HOTP, 2 TOTP, 4 Steam; mOTP (3) and Yandex (5) are skipped as
// unsupported. Algorithms: 0 SHA1, 1 SHA256, 2 SHA512. An authenticator's
// first category becomes its group. Stratum's encrypted backups are not
// read.
package stratum

import (
	"encoding/json"
	"fmt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Stratum"

// Importer reads Stratum backups.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	_, ok = m["Authenticators"]
	return ok
}

func (imp) Encrypted(data []byte) bool { return false }

type backup struct {
	Authenticators []json.RawMessage `json:"Authenticators"`
	Categories     []struct {
		ID   string `json:"Id"`
		Name string `json:"Name"`
	} `json:"Categories"`
	AuthenticatorCategories []struct {
		CategoryID string `json:"CategoryId"`
		Secret     string `json:"AuthenticatorSecret"`
	} `json:"AuthenticatorCategories"`
}

type authenticator struct {
	Type      int    `json:"Type"`
	Issuer    string `json:"Issuer"`
	Username  string `json:"Username"`
	Secret    string `json:"Secret"`
	Algorithm int    `json:"Algorithm"`
	Digits    int    `json:"Digits"`
	Period    int    `json:"Period"`
	Counter   uint64 `json:"Counter"`
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var b backup
	if err := importer.Decode(data, &b); err != nil {
		return res, err
	}
	names := make(map[string]string)
	for _, c := range b.Categories {
		names[c.ID] = c.Name
	}
	group := make(map[string]string) // by secret, as Stratum links them
	for _, ac := range b.AuthenticatorCategories {
		if _, ok := group[ac.Secret]; !ok {
			group[ac.Secret] = names[ac.CategoryID]
		}
	}
	importer.Each(&res, b.Authenticators, func(au *authenticator) (vault.Account, string, error) {
		a, err := au.account()
		a.Issuer, a.Name = importer.SplitName(au.Issuer, au.Username)
		a.Group = group[au.Secret]
		return a, importer.Label(a.Issuer, a.Name), err
	})
	return res, nil
}

func (au authenticator) account() (vault.Account, error) {
	var a vault.Account
	secret, err := importer.Base32(au.Secret)
	if err != nil {
		return a, err
	}
	alg, ok := map[int]otp.Algorithm{0: otp.SHA1, 1: otp.SHA256, 2: otp.SHA512}[au.Algorithm]
	if !ok {
		return a, fmt.Errorf("%w: algorithm %d", importer.ErrUnsupported, au.Algorithm)
	}
	f := importer.Fields{Issuer: au.Issuer, Secret: secret, Algorithm: alg, Digits: au.Digits, Period: au.Period, Counter: au.Counter}
	switch au.Type {
	case 1, 2, 4:
		f.Type = map[int]string{1: "hotp", 2: "totp", 4: "steam"}[au.Type]
	case 3:
		return a, fmt.Errorf("%w: mOTP", importer.ErrUnsupported)
	case 5:
		return a, fmt.Errorf("%w: Yandex", importer.ErrUnsupported)
	default:
		return a, fmt.Errorf("%w: type %d", importer.ErrUnsupported, au.Type)
	}
	a.Key, err = f.Key()
	return a, err
}
