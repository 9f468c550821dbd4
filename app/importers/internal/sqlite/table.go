package sqlite

import (
	"errors"
	"fmt"

	"twofold.app/app/importers/importer"
)

// Table reads the rows of table from data, an app's database, for the
// importers of apps' internal databases. A database in WAL mode adds
// [ErrWAL] to res.Notes, as its latest changes may be in a file beside it.
// The error wraps [importer.ErrUnsupported] or [importer.ErrCorrupt], as
// [ImportError] does.
func Table(res *importer.Result, data []byte, table string) ([]Row, error) {
	db, err := Open(data)
	if err != nil {
		return nil, ImportError(err)
	}
	rows, err := db.Rows(table)
	if err != nil {
		return nil, ImportError(err)
	}
	if db.WAL() {
		res.Notes = append(res.Notes, ErrWAL)
	}
	return rows, nil
}

// ImportError wraps an error of the reader in the importers' sentinel:
// [importer.ErrUnsupported] for a database it does not read (UTF-16, a
// table without rowid), else [importer.ErrCorrupt].
func ImportError(err error) error {
	if errors.Is(err, ErrUnsupported) {
		return fmt.Errorf("%w: %w", importer.ErrUnsupported, err)
	}
	return fmt.Errorf("%w: %w", importer.ErrCorrupt, err)
}
