// Package steam imports Steam Guard secrets from maFile JSON, as Steam
// Desktop Authenticator and similar tools write them: one account
// ({"shared_secret", "account_name", ...}) or several
// ({"accounts": {ID: {...}}}). The shared secret is base64; the issuer is
// "Steam" and the name the account name. The other secrets of a maFile
// (identity_secret, revocation_code) are not imported.
package steam

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Steam Guard"

// Importer reads maFiles.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

type maFile struct {
	SharedSecret *string `json:"shared_secret"`
	AccountName  string  `json:"account_name"`
}

func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	if _, ok := m["shared_secret"]; ok {
		return true
	}
	var accounts map[string]map[string]json.RawMessage
	if json.Unmarshal(m["accounts"], &accounts) != nil {
		return false
	}
	for _, a := range accounts {
		if _, ok := a["shared_secret"]; ok {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return false }

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	m, ok := importer.Object(data)
	if !ok {
		return res, fmt.Errorf("%w: not a JSON object", importer.ErrCorrupt)
	}
	var raws []json.RawMessage
	if _, single := m["shared_secret"]; single {
		raws = []json.RawMessage{data}
	} else {
		var accounts map[string]json.RawMessage
		if err := importer.Decode(m["accounts"], &accounts); err != nil {
			return res, err
		}
		// JSON objects have no order: sort by key, for a stable result.
		for _, k := range slices.Sorted(maps.Keys(accounts)) {
			raws = append(raws, accounts[k])
		}
	}
	importer.Each(&res, raws, func(f *maFile) (vault.Account, string, error) {
		label := importer.Label("Steam", f.AccountName)
		if f.SharedSecret == nil {
			return vault.Account{}, label, fmt.Errorf("%w: no shared_secret", importer.ErrCorrupt)
		}
		secret, err := importer.Base64(*f.SharedSecret)
		return vault.Account{Issuer: "Steam", Name: f.AccountName, Key: importer.Steam(secret)}, label, err
	})
	return res, nil
}
