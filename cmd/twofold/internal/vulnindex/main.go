// Command vulnindex turns a folder of OSV entries, such as data/osv in the
// module golang.org/x/vulndb, into the layout of the Go vulnerability
// database that govulncheck reads with -db file:///DIR: index/db.json,
// index/modules.json, index/vulns.json and ID/<id>.json.
//
// The Makefile uses it when vuln.go.dev cannot be reached, as on machines
// whose network reaches only package registries: the Go module proxy serves
// snapshots of golang.org/x/vulndb, whose data/osv holds every entry. The
// command golang.org/x/vulndb/cmd/indexdb does the same, but building it
// takes minutes of downloads for its cloud dependencies; this uses
// encoding/json alone.
//
// Usage:
//
//	vulnindex -osv DIR -out DIR [-time RFC3339]
//
// The entries of golang.org/x/vulndb have no modified or published time
// (vuln.go.dev sets them when it publishes), so the database's time, which
// govulncheck prints, is given with -time: the time of the snapshot, that of
// the module's pseudo-version. Without it, it is the latest time an entry
// has.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	osvDir := flag.String("osv", "", "`folder` of OSV entries, one GO-YYYY-NNNN.json each")
	out := flag.String("out", "", "`folder` to write the database to; it must not exist")
	at := flag.String("time", "", "the database's modified `time`, RFC 3339")
	flag.Parse()
	if *osvDir == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	db, err := Build(os.DirFS(*osvDir))
	if err == nil && *at != "" {
		db.modified, err = time.Parse(time.RFC3339, *at)
	}
	if err == nil {
		err = db.Write(*out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulnindex:", err)
		os.Exit(1)
	}
	fmt.Printf("vulnindex: %d entries, last modified %s\n", len(db.entries), db.modified.Format("2006-01-02"))
}
