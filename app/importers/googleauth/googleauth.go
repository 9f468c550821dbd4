// Package googleauth imports Google Authenticator exports saved as text:
// otpauth-migration://offline URIs, one a line, with blank lines and '#'
// comments allowed (what QR scanners and extract_otp_secrets write). The
// URIs are decoded by package migration. It also reads the app's internal
// SQLite database (see db.go).
//
// The accounts of every code are imported in the order of the file. A code
// read twice (same export, same position) counts once; codes missing from a
// multi-code export, and codes that contradict others of their export, are
// reported in Result.Skipped.
package googleauth

import (
	"errors"
	"fmt"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
	"twofold.app/app/migration"
	"twofold.app/app/vault"
)

// Name is the app's name.
const Name = "Google Authenticator"

// Importer reads text files of otpauth-migration URIs.
var Importer importer.Importer = imp{}

type imp struct{}

func (imp) Name() string { return Name }

// Detect accepts text with at least one otpauth-migration URI and no
// otpauth:// URI (a mixed list is package plaintext's), and the app's
// internal database.
func (imp) Detect(data []byte) bool {
	if sqlite.IsSQLite(data) {
		return isDB(data)
	}
	if !importer.IsText(data) {
		return false
	}
	found := false
	for _, line := range importer.Lines(data) {
		switch {
		case importer.HasScheme(line, "otpauth-migration"):
			found = true
		case importer.HasScheme(line, "otpauth"):
			return false
		}
	}
	return found
}

func (imp) Encrypted(data []byte) bool { return false }

func (imp) Import(data, password []byte) (importer.Result, error) {
	if sqlite.IsSQLite(data) {
		return importDB(data)
	}
	res := importer.Result{App: Name}
	var r Reader
	for n, line := range importer.Lines(data) {
		if !importer.HasScheme(line, "otpauth-migration") {
			res.Skip(-1, fmt.Sprintf("line %d", n), migration.ErrNotMigration)
			continue
		}
		r.Add(&res, n, line)
	}
	r.Finish(&res)
	return res, nil
}

// ErrMissingCode is the error of the Skip that reports a code missing from
// a multi-code export.
var ErrMissingCode = errors.New("this code of a multi-code export is not in the file")

// Reader imports otpauth-migration URIs one at a time into a Result, and
// keeps track of the multi-code exports they belong to. Package plaintext
// uses it for the migration URIs in its lists. The zero Reader is ready.
type Reader struct {
	// Index is the entry index the next account gets; a caller that adds
	// entries of its own between URIs advances it too.
	Index int

	batches map[int]*migration.Batch
	ids     []int       // in the order first seen
	codes   int         // the codes the batches declare, together
	have    map[int]int // the codes of each batch read so far
}

// Add decodes the URI on line and adds its accounts, and its skipped
// accounts, to res.
func (r *Reader) Add(res *importer.Result, line int, uri string) {
	p, err := migration.ParseURI(uri)
	if err != nil {
		res.Skip(-1, fmt.Sprintf("line %d", line), err)
		return
	}
	if r.batches == nil {
		r.batches = make(map[int]*migration.Batch)
	}
	b, ok := r.batches[p.BatchID]
	if !ok {
		// A batch keeps room for all its codes, and the missing ones are
		// listed: the exports of a file together may declare as many
		// codes as one export may.
		size := max(p.BatchSize, 1)
		if size > migration.MaxBatchSize-r.codes {
			res.Skip(-1, fmt.Sprintf("line %d", line), fmt.Errorf("%w: the exports of the file declare more than %d codes in all", importer.ErrUnsupported, migration.MaxBatchSize))
			return
		}
		r.codes += size
		if r.have == nil {
			r.have = make(map[int]int)
		}
		b = new(migration.Batch)
		r.batches[p.BatchID] = b
		r.ids = append(r.ids, p.BatchID)
	}
	prog, err := b.Add(p)
	if err != nil {
		res.Skip(-1, fmt.Sprintf("line %d", line), err)
		return
	}
	if prog.Have == r.have[p.BatchID] {
		return // the same code again
	}
	r.have[p.BatchID] = prog.Have
	// Put accounts and skips back in the payload's order.
	accounts, skipped := p.Accounts, p.Skipped
	for i := range len(p.Accounts) + len(p.Skipped) {
		if len(skipped) > 0 && skipped[0].Index == i {
			res.Skip(r.Index, importer.Label("", skipped[0].Name), skipped[0].Err)
			skipped = skipped[1:]
		} else {
			a := accounts[0]
			accounts = accounts[1:]
			issuer, name := importer.SplitName(a.Issuer, a.Name)
			res.Add(r.Index, vault.Account{Issuer: issuer, Name: name, Key: a.Key})
		}
		r.Index++
	}
}

// Finish reports the codes still missing from the exports seen.
func (r *Reader) Finish(res *importer.Result) {
	for _, id := range r.ids {
		prog := r.batches[id].Progress()
		for _, i := range prog.Missing {
			res.Skip(-1, fmt.Sprintf("code %d of %d", i+1, prog.Total), ErrMissingCode)
		}
	}
}
