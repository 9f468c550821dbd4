// Package ente imports the plain-text export of Ente Auth: otpauth:// URIs,
// one a line, each with a codeDisplay parameter holding JSON:
// {"pinned", "trashed", "lastUsedAt", "tapCount", "tags", "note"}.
//
// The first tag becomes the group and the note the note. Entries in Ente's
// trash are reported in Result.Skipped, not imported. Ente's encrypted
// export is not read.
package ente

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/plaintext"
)

// Name is the app's name.
const Name = "Ente Auth"

// Importer reads Ente Auth plain-text exports.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts text with an otpauth:// line that has a codeDisplay
// parameter.
func (imp) Detect(data []byte) bool {
	if !importer.IsText(data) {
		return false
	}
	for _, line := range importer.Lines(data) {
		if importer.HasScheme(line, "otpauth") && plaintext.IsEnte(line) {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return false }

// ErrTrashed is the error of the Skip of an entry in Ente's trash.
var ErrTrashed = errors.New("in Ente's trash")

type display struct {
	Trashed bool     `json:"trashed"`
	Tags    []string `json:"tags"`
	Note    string   `json:"note"`
}

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	index := 0
	for n, line := range importer.Lines(data) {
		if !importer.HasScheme(line, "otpauth") {
			res.Skip(-1, fmt.Sprintf("line %d", n), importer.ErrNotURI)
			continue
		}
		label := fmt.Sprintf("line %d", n)
		a, err := importer.URI(line)
		if err != nil {
			res.Skip(index, label, err)
			index++
			continue
		}
		// codeDisplay only dresses the account: when it cannot be read,
		// the account is imported without group and note.
		var d display
		if raw, ok := codeDisplay(line); ok && importer.Decode([]byte(raw), &d) != nil {
			d = display{}
		}
		if d.Trashed {
			res.Skip(index, importer.Label(a.Issuer, a.Name), ErrTrashed)
			index++
			continue
		}
		if len(d.Tags) > 0 {
			a.Group = d.Tags[0] // a vault account has one group: the first tag
		}
		a.Note = d.Note
		res.Add(index, a)
		index++
	}
	return res, nil
}

// codeDisplay returns the decoded codeDisplay parameter of a URI.
func codeDisplay(uri string) (string, bool) {
	_, query, _ := strings.Cut(uri, "?")
	query, _, _ = strings.Cut(query, "#")
	for part := range strings.SplitSeq(query, "&") {
		key, value, _ := strings.Cut(part, "=")
		if key != "codeDisplay" {
			continue
		}
		v, err := url.QueryUnescape(value)
		if err != nil {
			return "", false
		}
		return v, json.Valid([]byte(v))
	}
	return "", false
}
