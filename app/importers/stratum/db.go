package stratum

import (
	"errors"
	"fmt"
	"strings"

	"twofold.app/app/importers/importer"
	"twofold.app/app/importers/internal/sqlite"
)

// isDB reports whether data is an SQLite database with Stratum's
// authenticator table.
func isDB(data []byte) bool {
	db, err := sqlite.Open(data)
	if err != nil {
		return false
	}
	cols, err := db.Columns("authenticator")
	if err != nil {
		return false
	}
	n := 0
	for _, c := range cols {
		switch strings.ToLower(c) {
		case "secret", "issuer", "username", "algorithm", "digits", "period":
			n++
		}
	}
	return n == 6
}

// importDB reads the app's internal database: its table authenticator
// has the backup's fields as columns, category and authenticatorcategory
// its categories.
func importDB(data []byte) (importer.Result, error) {
	res := importer.Result{App: Name}
	db, err := sqlite.Open(data)
	if err != nil {
		return res, sqlite.ImportError(err)
	}
	rows, err := db.Rows("authenticator")
	if err != nil {
		return res, sqlite.ImportError(err)
	}
	if db.WAL() {
		res.Notes = append(res.Notes, sqlite.ErrWAL)
	}
	// Categories are optional: a database without them, or with them
	// damaged, still gives its accounts, without groups.
	group := make(map[string]string)
	if cats, err := db.Rows("category"); err == nil {
		names := make(map[string]string)
		for _, c := range cats {
			names[c.Text("id")] = c.Text("name")
		}
		if links, err := db.Rows("authenticatorcategory"); err == nil {
			for _, l := range links {
				s := l.Text("authenticatorSecret")
				if _, ok := group[s]; !ok {
					group[s] = names[l.Text("categoryId")]
				}
			}
		} else {
			res.Skip(-1, "categories", sqlite.ImportError(err))
		}
	} else if !errors.Is(err, sqlite.ErrNoTable) {
		res.Skip(-1, "categories", sqlite.ImportError(err))
	}
	for n, r := range rows {
		num := func(col string) int {
			v, _ := r.Int(col)
			return int(v)
		}
		counter, _ := r.Int("counter")
		if counter < 0 {
			res.Skip(n, importer.Label(r.Text("issuer"), r.Text("username")), fmt.Errorf("%w: counter %d", importer.ErrCorrupt, counter))
			continue
		}
		au := authenticator{
			Type: num("type"), Issuer: r.Text("issuer"), Username: r.Text("username"), Secret: r.Text("secret"),
			Algorithm: num("algorithm"), Digits: num("digits"), Period: num("period"), Counter: uint64(counter),
		}
		a, err := au.account()
		if err != nil {
			res.Skip(n, importer.Label(au.Issuer, au.Username), err)
			continue
		}
		a.Issuer, a.Name = importer.SplitName(au.Issuer, au.Username)
		a.Group = group[au.Secret]
		res.Add(n, a)
	}
	return res, nil
}
