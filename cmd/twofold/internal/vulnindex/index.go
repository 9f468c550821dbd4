package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"
)

// errEntry is wrapped by every error about one OSV entry.
var errEntry = errors.New("bad OSV entry")

// idPattern is the form of the IDs of the Go vulnerability database, which
// also name the entries' files.
var idPattern = regexp.MustCompile(`^GO-[0-9]{4}-[0-9]{4,}$`)

// entry is the part of an OSV entry that the indexes need, and its bytes.
type entry struct {
	ID        string    `json:"id"`
	Modified  time.Time `json:"modified"`
	Published time.Time `json:"published"`
	Aliases   []string  `json:"aliases"`
	Affected  []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
	raw []byte
}

// DB is a vulnerability database in memory, ready to be written.
// Its modified time is the latest modified or published time of an entry.
type DB struct {
	entries  []*entry
	modified time.Time
}

// Build reads every .json file at the top of fsys as an OSV entry.
func Build(fsys fs.FS) (*DB, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no OSV entries (*.json) in the folder")
	}
	db := &DB{}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		e := &entry{raw: raw}
		if err := json.Unmarshal(raw, e); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", errEntry, name, err)
		}
		if !idPattern.MatchString(e.ID) || e.ID+".json" != name {
			return nil, fmt.Errorf("%w: %s has the id %q", errEntry, name, e.ID)
		}
		// The entries in golang.org/x/vulndb's data/osv have a zero
		// modified time, which vuln.go.dev sets when it publishes them,
		// so the database's time is that of its latest entry's change
		// or, failing that, publication.
		for _, t := range []time.Time{e.Modified, e.Published} {
			if t.After(db.modified) {
				db.modified = t
			}
		}
		db.entries = append(db.entries, e)
	}
	sort.Slice(db.entries, func(i, j int) bool { return db.entries[i].ID < db.entries[j].ID })
	return db, nil
}

// moduleVuln and the types below are the records of the database's indexes,
// as govulncheck reads them.
type moduleVuln struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
}

type moduleMeta struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

type vulnMeta struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Aliases  []string  `json:"aliases,omitempty"`
}

// Write writes the database into the folder out, which must not exist yet.
// The modules index leaves out each vulnerability's fixed version, which
// is optional: govulncheck then reads the entry and decides from its ranges.
func (db *DB) Write(out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists already", out)
	}
	byModule := map[string]*moduleMeta{}
	var vulns []vulnMeta
	files := map[string][]byte{}
	for _, e := range db.entries {
		vulns = append(vulns, vulnMeta{ID: e.ID, Modified: e.Modified, Aliases: e.Aliases})
		seen := map[string]bool{}
		for _, a := range e.Affected {
			p := a.Package.Name
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			if byModule[p] == nil {
				byModule[p] = &moduleMeta{Path: p}
			}
			byModule[p].Vulns = append(byModule[p].Vulns, moduleVuln{ID: e.ID, Modified: e.Modified})
		}
		files[filepath.Join("ID", e.ID+".json")] = e.raw
	}
	modules := make([]*moduleMeta, 0, len(byModule))
	for _, m := range byModule {
		modules = append(modules, m)
	}
	sort.Slice(modules, func(i, j int) bool { return modules[i].Path < modules[j].Path })
	for name, v := range map[string]any{
		"db":      map[string]time.Time{"modified": db.modified},
		"modules": modules,
		"vulns":   vulns,
	} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		files[filepath.Join("index", name+".json")] = b
	}
	for _, dir := range []string{"ID", "index"} {
		if err := os.MkdirAll(filepath.Join(out, dir), 0o755); err != nil {
			return err
		}
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
