//go:build js && wasm

package rows_test

import (
	"fmt"
	"runtime"
	"strings"
	"syscall/js"
	"testing"
	"time"
	"weak"

	"twofold.app/app/ui"
	"twofold.app/wasm/rows"
)

var doc = js.Global().Get("document")

// newElement puts an empty element of the tag tag with the id id in the
// page, until the test ends.
func newElement(t *testing.T, tag, id string) js.Value {
	t.Helper()
	el := doc.Call("createElement", tag)
	el.Set("id", id)
	doc.Get("body").Call("appendChild", el)
	t.Cleanup(func() { el.Call("remove") })
	return el
}

// newList puts an empty <ul> with the id id in the page, and has the
// page forget its rows when the test ends: a list left listens to the
// page's scrolls after the test program has ended.
func newList(t *testing.T, id string) js.Value {
	ul := newElement(t, "ul", id)
	t.Cleanup(func() { rows.Show(id, nil) })
	return ul
}

// row returns the row of account id showing code, drawn as ui.drawRow
// draws its parts.
func row(id, code string) ui.Row {
	return ui.Row{ID: id, Class: "account", Code: code, Frame: "en\x00" + id,
		HTML: fmt.Sprintf(`<li class="account" data-id="%[1]s"><button id="copy-%[1]s" class="code-button" data-action="copy"><span class="code">%[2]s</span><span class="copied"></span></button>`+
			`<button id="fav-%[1]s" class="fav" data-action="favourite" aria-pressed="false"></button></li>`, id, code)}
}

// newField puts an empty <input> with the id id in the page.
func newField(t *testing.T, id string) js.Value { return newElement(t, "input", id) }

// shown returns the ids of the rows in ul, in order.
func shown(ul js.Value) string {
	s := ""
	for c := ul.Get("firstElementChild"); c.Truthy(); c = c.Get("nextElementSibling") {
		s += c.Get("dataset").Get("id").String() + " "
	}
	return s
}

func byID(id string) js.Value { return doc.Call("getElementById", id) }

// TestShowKeepsElements checks that the rows keep their elements when the
// list changes order, loses a row and finds it again, and that only the
// parts that change are changed.
func TestShowKeepsElements(t *testing.T) {
	ul := newList(t, "keep")
	rows.Show("keep", ui.RowsOf(row("a", "111 111"), row("b", "222 222"), row("c", "333 333")))
	if got := shown(ul); got != "a b c " {
		t.Fatalf("the list shows %q", got)
	}
	a, b, star := byID("copy-a"), byID("copy-b"), byID("fav-b")
	b.Call("focus")

	// Reordered, a row gone, b's code changed, starred and hidden.
	nb := row("b", `<span aria-hidden="true">••• •••</span>`)
	nb.Pressed, nb.Masked = true, true
	rows.Show("keep", ui.RowsOf(nb, row("a", "111 111")))
	if got := shown(ul); got != "b a " {
		t.Fatalf("after the change the list shows %q", got)
	}
	if !byID("copy-a").Equal(a) || !byID("copy-b").Equal(b) || !byID("fav-b").Equal(star) {
		t.Error("a row's elements were made again")
	}
	if !doc.Get("activeElement").Equal(b) {
		t.Errorf("the focus moved to %v", doc.Get("activeElement").Get("id"))
	}
	code := b.Call("querySelector", ".code")
	if got := code.Get("className").String(); got != "code masked" {
		t.Errorf("the hidden code's class is %q", got)
	}
	if got := code.Get("textContent").String(); got != "••• •••" {
		t.Errorf("the hidden code reads %q", got)
	}
	if got := star.Call("getAttribute", "aria-pressed").String(); got != "true" {
		t.Errorf("the star is aria-pressed %q", got)
	}
	if byID("copy-c").Truthy() {
		t.Error("the row dropped is still in the page")
	}

	// Found again, c comes back as it was.
	rows.Show("keep", ui.RowsOf(row("c", "333 333"), nb, row("a", "111 111")))
	if got := shown(ul); got != "c b a " {
		t.Errorf("the list shows %q", got)
	}
}

// TestShowManyLeaveAndReturn checks a search on a long list: most rows
// leave at once and come back, in another order, all but the focused one
// and one whose frame changed keeping their elements, every row where it
// belongs.
func TestShowManyLeaveAndReturn(t *testing.T) {
	ul := newList(t, "many")
	var all []ui.Row
	for i := range 30 {
		all = append(all, row(fmt.Sprintf("r%02d", i), fmt.Sprint(i)))
	}
	rows.Show("many", ui.RowsOf(all...))
	waitIdle(t, ul)
	els := map[string]js.Value{}
	for _, r := range all {
		els[r.ID] = byID("copy-" + r.ID)
	}
	byID("copy-r07").Call("focus")

	// A search keeps three rows: twenty-seven leave.
	rows.Show("many", ui.RowsOf(all[20], all[7], all[3]))
	if got := shown(ul); got != "r20 r07 r03 " {
		t.Fatalf("after the search the list shows %q", got)
	}
	if !doc.Get("activeElement").Equal(els["r07"]) {
		t.Errorf("the focus moved to %q", doc.Get("activeElement").Get("id"))
	}

	// The search is cleared: they all come back, in reverse, one of
	// them renamed.
	back := make([]ui.Row, 0, len(all))
	want := ""
	for i := len(all) - 1; i >= 0; i-- {
		r := all[i]
		if r.ID == "r12" {
			r.Frame += "\x00renamed"
		}
		back = append(back, r)
		want += r.ID + " "
	}
	rows.Show("many", ui.RowsOf(back...))
	waitIdle(t, ul)
	if got := shown(ul); got != want {
		t.Fatalf("after the search was cleared the list shows\n%q, want\n%q", got, want)
	}
	for _, r := range all {
		same := byID("copy-" + r.ID).Equal(els[r.ID])
		if r.ID == "r12" && same {
			t.Error("the renamed row kept its old element")
		}
		if r.ID != "r12" && !same {
			t.Errorf("row %s was made again", r.ID)
		}
	}
	if !doc.Get("activeElement").Equal(els["r07"]) {
		t.Errorf("the focus moved to %q", doc.Get("activeElement").Get("id"))
	}
}

// TestShowFrame checks that a row whose frame changed (a new name, another
// language) is drawn again, and that the focus goes to the same control
// of the new row.
func TestShowFrame(t *testing.T) {
	newList(t, "frame")
	rows.Show("frame", ui.RowsOf(row("x", "123 456")))
	old := byID("fav-x")
	old.Call("focus")
	r := row("x", "123 456")
	r.Frame = "ja\x00x"
	r.HTML = r.HTML[:len(r.HTML)-len("</li>")] + `<span class="lang">ja</span></li>`
	rows.Show("frame", ui.RowsOf(r))
	now := byID("fav-x")
	if now.Equal(old) || !doc.Call("querySelector", "#frame .lang").Truthy() {
		t.Fatal("the row was not drawn again")
	}
	if !doc.Get("activeElement").Equal(now) {
		t.Errorf("the focus is on %v, not the new row's star", doc.Get("activeElement").Get("id"))
	}
}

// TestShowBusy checks that a long list, though not one long enough to be
// windowed, is drawn a part at a time, the first rows first, and marked
// aria-busy until it is whole.
func TestShowBusy(t *testing.T) {
	ul := newList(t, "long")
	const n = 200
	want := make([]ui.Row, n)
	for i := range want {
		want[i] = row(fmt.Sprintf("r%d", i), "000 000")
	}
	rows.Show("long", ui.RowsOf(want...))
	if got := ul.Get("children").Get("length").Int(); got == 0 || got >= n {
		t.Errorf("%d rows drawn at once, want some but not all %d", got, n)
	}
	if !ul.Call("hasAttribute", "aria-busy").Bool() {
		t.Error("a list drawn in part is not aria-busy")
	}
	deadline := time.Now().Add(10 * time.Second)
	for ul.Call("hasAttribute", "aria-busy").Bool() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := ul.Get("children").Get("length").Int(); got != n || ul.Call("hasAttribute", "aria-busy").Bool() {
		t.Fatalf("%d rows drawn, aria-busy %v; want %d, not busy", got, ul.Call("getAttribute", "aria-busy"), n)
	}
	if got := ul.Get("lastElementChild").Get("dataset").Get("id").String(); got != "r199" {
		t.Errorf("the last row is %s", got)
	}
}

// TestShowNewList checks that when go-app draws the list's element again,
// empty, the rows move into it without being made again.
func TestShowNewList(t *testing.T) {
	first := newList(t, "again")
	rows.Show("again", ui.RowsOf(row("p", "1"), row("q", "2")))
	p := byID("copy-p")
	first.Call("remove")
	second := newList(t, "again")
	rows.Show("again", ui.RowsOf(row("q", "2"), row("p", "1")))
	if got := shown(second); got != "q p " {
		t.Fatalf("the new list shows %q", got)
	}
	if !byID("copy-p").Equal(p) {
		t.Error("the row was made again")
	}
}

// waitIdle waits until ul has no aria-busy mark, and fails t after 5 s.
func waitIdle(t *testing.T, ul js.Value) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for ul.Call("hasAttribute", "aria-busy").Bool() {
		if time.Now().After(deadline) {
			t.Fatal("the list is still aria-busy after 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestShowSettles checks that a change that moves rows marks the list
// aria-busy until the browser has drawn it (the rows' insides are laid
// out only then), and that a change of a code alone does not.
func TestShowSettles(t *testing.T) {
	ul := newList(t, "settle")
	rows.Show("settle", ui.RowsOf(row("a", "1"), row("b", "2")))
	if !ul.Call("hasAttribute", "aria-busy").Bool() {
		t.Error("a list just drawn is not aria-busy")
	}
	waitIdle(t, ul)
	rows.Show("settle", ui.RowsOf(row("b", "2"), row("a", "1")))
	if !ul.Call("hasAttribute", "aria-busy").Bool() {
		t.Error("a list just reordered is not aria-busy")
	}
	waitIdle(t, ul)
	rows.Show("settle", ui.RowsOf(row("b", "3"), row("a", "1")))
	if ul.Call("hasAttribute", "aria-busy").Bool() {
		t.Error("a list whose code changed is aria-busy")
	}
	if got := byID("copy-b").Get("textContent").String(); got != "3" {
		t.Errorf("the code reads %q", got)
	}
}

// TestSettledTakesClicks checks the reason for the aria-busy mark after a
// move: a row styled content-visibility: auto (as static/twofold.css
// styles the account rows) just moved takes a click at its button's
// centre on the row itself, and once the list is no longer busy, on the
// button.
func TestSettledTakesClicks(t *testing.T) {
	st := doc.Call("createElement", "style")
	st.Set("textContent", `#clicks li { content-visibility: auto; contain-intrinsic-size: auto 60px; padding: 10px; } #clicks button { width: 300px; height: 40px; }`)
	doc.Get("head").Call("appendChild", st)
	t.Cleanup(func() { st.Call("remove") })
	ul := newList(t, "clicks")
	rows.Show("clicks", ui.RowsOf(row("a", "1"), row("b", "2"), row("c", "3")))
	waitIdle(t, ul)
	rows.Show("clicks", ui.RowsOf(row("c", "3"), row("a", "1"), row("b", "2")))
	at := func() js.Value {
		r := byID("copy-c").Call("getBoundingClientRect")
		return doc.Call("elementFromPoint", r.Get("x").Float()+r.Get("width").Float()/2, r.Get("y").Float()+r.Get("height").Float()/2)
	}
	if hit := at(); hit.Get("tagName").String() != "LI" {
		t.Logf("the moved row's button took the click at once (%s): the browser lays out moved rows sooner than assumed", hit.Get("tagName"))
	}
	waitIdle(t, ul)
	if hit := at(); !hit.Call("closest", "#copy-c").Truthy() {
		t.Errorf("once the list is settled, a click at the button's centre lands on %s", hit.Get("tagName"))
	}
}

// searchable returns rows a, b, c, ... of the ids ids that have q in
// them, with a search that gives the rows of another query the same way,
// and the list's class "found q".
func searchable(ids []string, q string) *ui.Rows {
	var rs []ui.Row
	for _, id := range ids {
		if strings.Contains(id, q) {
			rs = append(rs, row(id, "111 111"))
		}
	}
	r := ui.RowsOf(rs...)
	r.Class, r.SearchField = "found "+q, "search-field"
	r.Search = func(q string) *ui.Rows { return searchable(ids, q) }
	return r
}

// TestSearchShowsAtOnce checks that typing into the list's search field
// shows the rows of the search in the input event itself, keeping the
// rows' elements, and the list's class, before any other Show; that a
// Show of the same rows then changes nothing; and that a field the list no
// longer names is no longer watched.
func TestSearchShowsAtOnce(t *testing.T) {
	ul := newList(t, "searched")
	field := newField(t, "search-field")
	ids := []string{"apple", "apricot", "banana", "cherry"}
	rows.Show("searched", searchable(ids, ""))
	apricot := byID("copy-apricot")

	typed := func(f js.Value, text string) {
		f.Set("value", text)
		f.Call("dispatchEvent", js.Global().Get("Event").New("input", map[string]any{"bubbles": true}))
	}
	for _, c := range []struct{ text, want string }{
		{"a", "apple apricot banana "},
		{"ap", "apple apricot "},
		{"apr", "apricot "},
		{"x", ""},
		{"", "apple apricot banana cherry "},
	} {
		typed(field, c.text)
		if got := shown(ul); got != c.want {
			t.Errorf("after typing %q the list shows %q, want %q", c.text, got, c.want)
		}
		if got, want := ul.Get("className").String(), "found "+c.text; got != want {
			t.Errorf("after typing %q the list's class is %q, want %q", c.text, got, want)
		}
	}
	if !byID("copy-apricot").Equal(apricot) {
		t.Error("a row's element was made again by the search")
	}

	// The render that follows shows the same rows: nothing changes.
	typed(field, "ap")
	changes := 0
	mo := js.Global().Get("MutationObserver").New(js.FuncOf(func(_ js.Value, args []js.Value) any {
		changes += args[0].Length()
		return nil
	}))
	mo.Call("observe", ul, map[string]any{"subtree": true, "childList": true, "attributes": true, "characterData": true})
	rows.Show("searched", searchable(ids, "ap"))
	changes += mo.Call("takeRecords").Length()
	mo.Call("disconnect")
	if changes != 0 {
		t.Errorf("the render after the search changed the list %d times", changes)
	}

	// A list drawn without a search field no longer follows the field.
	plain := ui.RowsOf(row("cherry", "111 111"))
	rows.Show("searched", plain)
	typed(field, "a")
	if got := shown(ul); got != "cherry " {
		t.Errorf("a field no longer named still changed the list: it shows %q", got)
	}
}

// TestForget checks that a list given no rows (its screen gone, the vault
// locked) lets go of its rows and of what draws them, which holds the
// accounts, and no longer follows its search field.
func TestForget(t *testing.T) {
	ul := newList(t, "forgotten")
	field := newField(t, "search-field")
	held := func() weak.Pointer[ui.Rows] {
		r := searchable([]string{"apple", "banana"}, "")
		rows.Show("forgotten", r)
		return weak.Make(r)
	}()
	if got := shown(ul); got != "apple banana " {
		t.Fatalf("the list shows %q", got)
	}
	rows.Show("forgotten", nil)
	field.Set("value", "b")
	field.Call("dispatchEvent", js.Global().Get("Event").New("input"))
	if got := shown(ul); got != "apple banana " {
		t.Errorf("a forgotten list followed its search: it shows %q", got)
	}
	// The frames the list asked for run first: they hold it until then.
	frames(t, 4)
	runtime.GC()
	runtime.GC()
	if held.Value() != nil {
		t.Error("the forgotten list's rows are still held")
	}
}
