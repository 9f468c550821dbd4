// Package plaintext imports a plain list of otpauth:// URIs, one a line,
// with blank lines and '#' comments allowed: what many apps export as
// "plain text" and what people keep by hand. otpauth-migration:// URIs in
// the list are read too, as package googleauth reads them.
//
// A line that is not a URI, or not a valid one, is reported in
// Result.Skipped with its line number; the others are imported.
package plaintext

import (
	"fmt"
	"strings"

	"twofold.app/app/importers/googleauth"
	"twofold.app/app/importers/importer"
)

// Name is the format's name.
const Name = "otpauth URI list"

// Importer reads lists of otpauth URIs.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts text with at least one otpauth:// line, unless an
// otpauth line has Ente's codeDisplay parameter (package ente's) or one of
// WinAuth's own parameters (package winauth's).
func (imp) Detect(data []byte) bool {
	if !importer.IsText(data) {
		return false
	}
	found := false
	for _, line := range importer.Lines(data) {
		if importer.HasScheme(line, "otpauth") {
			if IsEnte(line) || IsWinAuth(line) {
				return false
			}
			found = true
		}
	}
	return found
}

// IsEnte reports whether an otpauth line carries Ente Auth's codeDisplay
// parameter.
func IsEnte(line string) bool {
	return hasParam(line, "codeDisplay")
}

// IsWinAuth reports whether an otpauth line carries a parameter that only
// WinAuth writes: icon (its skin), serial (a Battle.net authenticator's)
// or deviceid (a Steam authenticator's).
func IsWinAuth(line string) bool {
	return hasParam(line, "icon") || hasParam(line, "serial") || hasParam(line, "deviceid")
}

// hasParam reports whether the query of an otpauth line has the parameter
// name, spelt exactly so.
func hasParam(line, name string) bool {
	_, query, _ := strings.Cut(line, "?")
	query, _, _ = strings.Cut(query, "#")
	for part := range strings.SplitSeq(query, "&") {
		if key, _, _ := strings.Cut(part, "="); key == name {
			return true
		}
	}
	return false
}

func (imp) Encrypted(data []byte) bool { return false }

func (imp) Import(data, password []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	var r googleauth.Reader
	for n, line := range importer.Lines(data) {
		switch {
		case importer.HasScheme(line, "otpauth-migration"):
			r.Add(&res, n, line)
		case importer.HasScheme(line, "otpauth"):
			a, err := importer.URI(line)
			if err != nil {
				res.Skip(r.Index, fmt.Sprintf("line %d", n), err)
			} else {
				res.Add(r.Index, a)
			}
			r.Index++
		default:
			res.Skip(-1, fmt.Sprintf("line %d", n), importer.ErrNotURI)
		}
	}
	r.Finish(&res)
	return res, nil
}
