package ui

import (
	"html"
	"strconv"
	"strings"
	"time"

	"twofold.app/app/i18n"
	"twofold.app/app/listing"
	"twofold.app/app/otp"
	"twofold.app/app/vault"
)

// rowState is what a row of the list shows besides its account.
type rowState struct {
	now     time.Time
	copied  bool   // its code was just copied
	handle  bool   // it can be moved up or down, with a handle
	dragged bool   // it is being dragged by its handle
	drop    string // where a dragged row would land: "drop-before" or "drop-after" it
	masked  bool   // its code is hidden until tapped (see prefHide)
}

// Row is one account of the list as the page draws it: the HTML of its
// <li>, and apart the parts of it that change while it is shown, so that
// Services.Rows patches those in place and never replaces an element the
// person may be clicking.
type Row struct {
	// ID is the account's id, which keys the row.
	ID string
	// HTML is the whole <li>, with the parts below in it.
	HTML string
	// Frame stands for everything in HTML but the parts below: when it
	// changes, the row is drawn again from HTML.
	Frame string
	// Class is the class of the <li>.
	Class string
	// Handle is the HTML of the reorder handle, the <li>'s first child,
	// or "" when it has none.
	Handle string
	// Code is the HTML inside the element of class "code": the code as
	// shown, or when Masked, dots and words for screen readers.
	Code string
	// Masked is whether the code is hidden until tapped; the element of
	// class "code" then has the class "masked" too.
	Masked bool
	// Next is the data-next attribute of the copy button, "" for none.
	Next string
	// Copied is the text of the element of class "copied".
	Copied string
	// Pressed is the aria-pressed attribute of the star (class "fav").
	Pressed bool
}

// rowKey is everything a row depends on besides its account's revision,
// so that a redraw reuses a row drawn before instead of computing its
// code and its HTML again.
type rowKey struct {
	rev   uint64
	lang  i18n.Lang
	step  int64 // the period of the code shown, for TOTP and Steam
	hint  bool  // the next code is shown
	state rowState
}

// cachedRow is a row as last drawn without its handle, what it was drawn
// from, and where in its HTML the handle goes; and the row with its
// handle, once asked for.
type cachedRow struct {
	key     rowKey
	row     Row
	at      int
	handled *Row
}

// keyOf returns the key of a's row in state r.
func keyOf(rev uint64, l i18n.Lang, a *vault.Account, r rowState) rowKey {
	k := rowKey{rev: rev, lang: l, state: r}
	k.state.now = time.Time{}
	if a.Type != otp.HOTP && a.Period > 0 {
		p := int64(a.Period) * int64(time.Second)
		ns := r.now.UnixNano()
		k.step = ns / p
		if ns < 0 {
			k.step--
		}
		left := a.Key.Remaining(r.now)
		k.hint = left > 0 && left <= listing.NextWindow
	}
	return k
}

// cachedRow returns the row of account a in state r, drawn again only
// when something it shows has changed since it was last drawn. A row is
// kept without its reorder handle and with it, once asked for: the
// handle comes and goes when the order or the favourites change, and the
// row is not drawn again for it.
func (c *VaultScreen) cachedRow(rev uint64, l i18n.Lang, a *vault.Account, r rowState) Row {
	handle := r.handle
	r.handle = false
	k := keyOf(rev, l, a, r)
	got, ok := c.rowCache[a.ID]
	changed := !ok || got.key != k
	if changed {
		got = cachedRow{key: k}
		got.row, got.at = drawBare(l, a, r)
	}
	if handle && got.handled == nil {
		h := withHandle(l, a, got.row, got.at)
		got.handled, changed = &h, true
	}
	if changed {
		if c.rowCache == nil {
			c.rowCache = map[string]cachedRow{}
		}
		c.rowCache[a.ID] = got
	}
	if handle {
		return *got.handled
	}
	return got.row
}

// drawRow draws one account of the list as HTML, every text escaped. It
// holds nothing secret but the codes the list shows.
//
// A row holds, in order: the reorder handle (when the account can move),
// the issuer's mark, the copy button (issuer, name, group, code), the
// countdown or the HOTP Next button, the favourite star and Edit. CSS grid
// areas place them on screen. The list's handlers act on the buttons by
// their data-action and data-id (see onListClick).
func drawRow(l i18n.Lang, a *vault.Account, r rowState) Row {
	row, at := drawBare(l, a, r)
	if r.handle {
		return withHandle(l, a, row, at)
	}
	return row
}

// rowLabel returns the names a row shows for a: the first, in large, and
// the one under it.
func rowLabel(a *vault.Account) (label, sub string) {
	if a.Issuer == "" {
		return a.Name, ""
	}
	return a.Issuer, a.Name
}

// withHandle returns row, drawn without a handle, with the reorder handle
// of its account a put in its HTML at at, after the <li>'s start tag.
func withHandle(l i18n.Lang, a *vault.Account, row Row, at int) Row {
	// A div, not a button: Firefox starts no drag from a button. The
	// list's handlers (see listDrag) move it with the arrow keys or by
	// dragging.
	label, _ := rowLabel(a)
	move := l.F(i18n.ListMove, label)
	var h htmlWriter
	h.open("div", "id", "move-"+a.ID, "class", "handle", "role", "button", "tabindex", "0", "draggable", "true",
		"data-id", a.ID, "aria-label", move, "aria-describedby", "move-help", "title", move)
	h.close("div")
	row.Handle = h.String()
	row.HTML = row.HTML[:at] + row.Handle + row.HTML[at:]
	return row
}

// drawBare draws the row of a as drawRow does but without the handle,
// whatever r says, and returns where in its HTML the handle goes.
func drawBare(l i18n.Lang, a *vault.Account, r rowState) (row Row, at int) {
	label, sub := rowLabel(a)
	code, err := a.Key.Code(r.now)
	grouped := otp.Group(code)
	if err != nil {
		grouped = l.T(i18n.VaultCodeError)
	}
	id := a.ID
	row = Row{ID: id, Pressed: a.Favourite, Class: "account", Masked: r.masked && err == nil}
	row.Code = codeHTML(l, grouped, row.Masked)
	if r.dragged {
		row.Class += " dragging"
	}
	if r.drop != "" {
		row.Class += " " + r.drop
	}
	if r.copied {
		row.Copied = l.T(i18n.VaultCopied)
	}
	// In the last seconds of a period, the next code shows where "Copied"
	// does. It is drawn by the style sheet from data-next, as generated
	// content with an empty alternative: it is there to be seen, and
	// kept out of the button's name, which would otherwise change under
	// a screen reader twice a period.
	if err == nil && !r.copied && !r.masked {
		if next, ok := listing.NextCode(a.Key, r.now); ok {
			row.Next = l.F(i18n.ListNextCode, otp.Group(next))
		}
	}
	row.Frame = strings.Join([]string{l.Tag(), label, sub, a.Group, a.Issuer, a.Name, a.Type.String(), strconv.Itoa(a.Period)}, "\x00")

	var w htmlWriter
	w.open("li", "class", row.Class, "data-id", id)
	at = w.Len()
	mark := listing.NewMark(a.Issuer, a.Name)
	w.element("span", mark.Initials, "class", "mark "+mark.Class(), "aria-hidden", "true")

	// The button's name is its visible text, led or followed by words
	// only a screen reader speaks (VaultCopy around the account), so that
	// a person who says what they see ("GitHub") finds it (WCAG 2.5.3,
	// label in name). The words read "copy the code of" before the
	// account in English and after it in Japanese; the "Copied" mark goes
	// at the other end, so that what the button shows stays one run of
	// its name. Grid areas place the parts on screen, whatever their
	// order.
	before, after := copyWords(l)
	button := []string{"id", "copy-" + id, "class", "code-button", "data-id", id, "data-action", "copy"}
	if row.Next != "" {
		button = append(button, "data-next", row.Next)
	}
	w.open("button", button...)
	copiedFirst := after != "" && before == ""
	if copiedFirst {
		w.element("span", row.Copied, "class", "copied")
	}
	hiddenText(&w, before)
	w.element("span", label, "class", "issuer")
	w.open("span", "class", "sub")
	w.element("span", sub, "class", "name")
	if a.Group != "" {
		w.element("span", a.Group, "class", "group-tag")
	}
	w.close("span")
	codeClass := "code"
	if row.Masked {
		codeClass = "code masked"
	}
	w.open("span", "class", codeClass)
	w.raw(row.Code)
	w.close("span")
	hiddenText(&w, after)
	if !copiedFirst {
		w.element("span", row.Copied, "class", "copied")
	}
	w.close("button")

	if a.Type != otp.HOTP {
		// The countdown is drawn by static/countdown.js from data-period.
		period := strconv.Itoa(a.Period)
		w.open("div", "class", "timer", "role", "timer", "data-period", period)
		w.element("progress", "", "class", "countdown", "max", period, "aria-hidden", "true")
		w.element("span", "", "class", "seconds", "aria-hidden", "true")
		w.close("div")
	} else {
		w.element("button", l.T(i18n.VaultNext), "class", "ghost next", "data-id", id, "data-action", "next",
			"aria-label", l.F(i18n.VaultNextLabel, label))
	}
	favourite := l.F(i18n.ListFavourite, label)
	w.element("button", "", "id", "fav-"+id, "class", "fav", "data-id", id, "data-action", "favourite",
		"aria-pressed", strconv.FormatBool(a.Favourite), "aria-label", favourite, "title", favourite)
	w.element("button", l.T(i18n.VaultEdit), "class", "ghost edit", "data-id", id, "data-action", "edit",
		"aria-label", l.F(i18n.VaultEditLabel, label))
	w.close("li")
	row.HTML = w.String()
	return row, at
}

// codeHTML returns what a row's element of class "code" holds: the code,
// or, hidden, dots in its place, which screen readers skip for words that
// say the code is hidden. A hidden code is nowhere in it.
func codeHTML(l i18n.Lang, grouped string, hidden bool) string {
	var w htmlWriter
	if !hidden {
		w.WriteString(html.EscapeString(grouped))
		return w.String()
	}
	w.element("span", masked(grouped), "aria-hidden", "true")
	hiddenText(&w, " "+l.T(i18n.VaultCodeHidden))
	return w.String()
}

// copyWords returns the words of a copy button's name that come before and
// after the account in l, with the spaces that part them from it.
func copyWords(l i18n.Lang) (before, after string) {
	before, after, _ = strings.Cut(l.T(i18n.VaultCopy), "%[1]s")
	return before, after
}

// hiddenText writes a text only screen readers speak, or nothing.
func hiddenText(w *htmlWriter, s string) {
	if s != "" {
		w.element("span", s, "class", "visually-hidden")
	}
}

// htmlWriter writes HTML with every text and attribute value escaped.
type htmlWriter struct{ strings.Builder }

// open writes a start tag with the attributes given as name, value pairs.
// Names are constants of this package and are not escaped.
func (w *htmlWriter) open(tag string, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteByte(' ')
		w.WriteString(attrs[i])
		w.WriteString(`="`)
		w.WriteString(html.EscapeString(attrs[i+1]))
		w.WriteByte('"')
	}
	w.WriteByte('>')
}

func (w *htmlWriter) close(tag string) {
	w.WriteString("</")
	w.WriteString(tag)
	w.WriteByte('>')
}

// raw writes HTML written by another htmlWriter.
func (w *htmlWriter) raw(s string) { w.WriteString(s) }

// element writes an element holding the text text.
func (w *htmlWriter) element(tag, text string, attrs ...string) {
	w.open(tag, attrs...)
	w.WriteString(html.EscapeString(text))
	w.close(tag)
}
