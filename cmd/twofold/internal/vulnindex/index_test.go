package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

const entryA = `{"schema_version":"1.3.1","id":"GO-2026-0001","modified":"2026-11-01T10:00:00Z",
"aliases":["CVE-2026-1"],"affected":[{"package":{"name":"example.com/a","ecosystem":"Go"}},{"package":{"name":"example.com/a","ecosystem":"Go"}},{"package":{"name":"stdlib","ecosystem":"Go"}}]}`

const entryB = `{"schema_version":"1.3.1","id":"GO-2026-0002","modified":"0001-01-01T00:00:00Z","published":"2026-11-05T23:00:00Z",
"affected":[{"package":{"name":"example.com/a","ecosystem":"Go"}}]}`

func TestWrite(t *testing.T) {
	db, err := Build(fstest.MapFS{
		"GO-2026-0002.json": {Data: []byte(entryB)},
		"GO-2026-0001.json": {Data: []byte(entryA)},
		"README.md":         {Data: []byte("not an entry")},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "db")
	if err := db.Write(out); err != nil {
		t.Fatal(err)
	}
	read := func(name string, v any) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var meta struct{ Modified string }
	read("index/db.json", &meta)
	if meta.Modified != "2026-11-05T23:00:00Z" {
		t.Errorf("db modified = %q, want the latest entry's", meta.Modified)
	}
	var modules []moduleMeta
	read("index/modules.json", &modules)
	got := map[string][]string{}
	for _, m := range modules {
		for _, v := range m.Vulns {
			got[m.Path] = append(got[m.Path], v.ID)
		}
	}
	want := map[string][]string{"example.com/a": {"GO-2026-0001", "GO-2026-0002"}, "stdlib": {"GO-2026-0001"}}
	if len(got) != len(want) {
		t.Fatalf("modules index = %v, want %v", got, want)
	}
	for path, ids := range want {
		if len(got[path]) != len(ids) || got[path][0] != ids[0] || got[path][len(ids)-1] != ids[len(ids)-1] {
			t.Errorf("module %s: %v, want %v", path, got[path], ids)
		}
	}
	var vulns []vulnMeta
	read("index/vulns.json", &vulns)
	if len(vulns) != 2 || vulns[0].ID != "GO-2026-0001" || len(vulns[0].Aliases) != 1 {
		t.Errorf("vulns index = %+v", vulns)
	}
	b, err := os.ReadFile(filepath.Join(out, "ID", "GO-2026-0001.json"))
	if err != nil || string(b) != entryA {
		t.Errorf("ID/GO-2026-0001.json = %q, %v; want the entry as it was", b, err)
	}
	if err := db.Write(out); err == nil {
		t.Error("Write into an existing folder succeeded")
	}
}

func TestBuildRefuses(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"not JSON":           {"GO-2026-0001.json": {Data: []byte("{")}},
		"id not the name":    {"GO-2026-0009.json": {Data: []byte(entryA)}},
		"id of another form": {"x.json": {Data: []byte(`{"id":"x","modified":"2026-11-01T10:00:00Z"}`)}},
	} {
		if _, err := Build(fsys); !errors.Is(err, errEntry) {
			t.Errorf("%s: err = %v, want errEntry", name, err)
		}
	}
	if _, err := Build(fstest.MapFS{}); err == nil {
		t.Error("an empty folder made a database")
	}
}
