package ui

// Rows is the rows of a list, in order, each drawn when it is first asked
// for. The page makes a long list a part at a time (see Services.Rows), so
// a list of a thousand accounts draws at first only the rows of its first
// part, and the others as the page reaches them.
//
// A row may be asked for after the render that made the Rows, from the
// page's later frames: what draws it reads only what it was given then.
type Rows struct {
	// Class is the class of the list's element while it shows these
	// rows, which Services.Rows gives it; "" leaves the class as it is.
	Class string

	// SearchField is the id of the input that searches the list, and
	// Search returns the rows the list shows for the search query, as
	// the render after the input event will draw them, with their own
	// Search: the page calls it in the input event, so that the list
	// follows a keystroke at once, before that render. Nil when the
	// list has no search.
	SearchField string
	Search      func(query string) *Rows

	ids   []string
	draw  func(k int) Row
	rows  []Row
	drawn []bool
}

// NewRows returns the rows with the ids ids, row k drawn by draw(k) when it
// is first asked for.
func NewRows(ids []string, draw func(k int) Row) *Rows {
	return &Rows{ids: ids, draw: draw, rows: make([]Row, len(ids)), drawn: make([]bool, len(ids))}
}

// RowsOf returns rows drawn already.
func RowsOf(rows ...Row) *Rows {
	ids := make([]string, len(rows))
	for k, r := range rows {
		ids[k] = r.ID
	}
	return NewRows(ids, func(k int) Row { return rows[k] })
}

// Len returns the number of rows.
func (r *Rows) Len() int { return len(r.ids) }

// ID returns the id of row k, without drawing it.
func (r *Rows) ID(k int) string { return r.ids[k] }

// Row returns row k, drawn on the first call.
func (r *Rows) Row(k int) Row {
	if !r.drawn[k] {
		r.rows[k], r.drawn[k] = r.draw(k), true
	}
	return r.rows[k]
}
