// Package proton imports the unencrypted JSON export of Proton
// Authenticator: {"version": 1, "entries": [{"content": {"uri", "name",
// "entry_type"}, "note"}]}.
//
// The key and issuer come from the URI (otpauth://, or steam:// for Steam
// keys), the name from content.name, which the user may have edited, and
// the note from note. Proton's encrypted export is not read.
package proton

import (
	"encoding/json"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Proton Authenticator"

// Importer reads Proton Authenticator exports.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

type export struct {
	Version int               `json:"version"`
	Entries []json.RawMessage `json:"entries"`
}

type entry struct {
	Content struct {
		URI       string `json:"uri"`
		Name      string `json:"name"`
		EntryType string `json:"entry_type"`
	} `json:"content"`
	Note string `json:"note"`
}

// Detect accepts an object with a version and entries whose first entry
// has content.uri.
func (imp) Detect(data []byte) bool {
	m, ok := importer.Object(data)
	if !ok {
		return false
	}
	var entries []json.RawMessage
	if _, v := m["version"]; !v || json.Unmarshal(m["entries"], &entries) != nil || importer.IsNull(m["entries"]) {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	var first struct {
		Content map[string]json.RawMessage `json:"content"`
	}
	if json.Unmarshal(entries[0], &first) != nil {
		return false
	}
	_, uri := first.Content["uri"]
	return uri
}

func (imp) Encrypted(data []byte) bool { return false }

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var e export
	if err := importer.Decode(data, &e); err != nil {
		return res, err
	}
	if e.Version != 1 {
		return res, fmt.Errorf("%w: Proton Authenticator export version %d", importer.ErrUnsupported, e.Version)
	}
	importer.Each(&res, e.Entries, func(en *entry) (vault.Account, string, error) {
		a, err := importer.URI(en.Content.URI)
		if strings.TrimSpace(en.Content.Name) != "" {
			// The name the user gave wins over the URI's label.
			a.Issuer, a.Name = importer.SplitName(a.Issuer, en.Content.Name)
		}
		a.Note = en.Note
		return a, importer.Label(a.Issuer, a.Name), err
	})
	return res, nil
}
