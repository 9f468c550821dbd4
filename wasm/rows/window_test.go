//go:build js && wasm

package rows_test

import (
	"fmt"
	"math"
	"syscall/js"
	"testing"
	"time"

	"twofold.app/app/ui"
	"twofold.app/wasm/rows"
)

// frames waits for n of the page's frames: scroll events come with them.
func frames(t *testing.T, n int) {
	t.Helper()
	for range n {
		done := make(chan struct{})
		var f js.Func
		f = js.FuncOf(func(js.Value, []js.Value) any { f.Release(); close(done); return nil })
		js.Global().Call("requestAnimationFrame", f)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("no frame")
		}
	}
}

// longList puts a list with the id id of n rows, r0000 to r…, each 40 px
// high with 10 px between them, in the page, scrolled to its top.
func longList(t *testing.T, id string, n int) (js.Value, []ui.Row) {
	t.Helper()
	st := doc.Call("createElement", "style")
	st.Set("textContent", `#`+id+` { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
		#`+id+` li { height: 40px; margin: 0; padding: 0; overflow: hidden; } #`+id+` button { height: 20px; }`)
	doc.Get("head").Call("appendChild", st)
	t.Cleanup(func() { st.Call("remove") })
	ul := newList(t, id)
	all := make([]ui.Row, n)
	for i := range all {
		all[i] = row(fmt.Sprintf("r%04d", i), fmt.Sprint(i))
	}
	js.Global().Call("scrollTo", 0, 0)
	t.Cleanup(func() { js.Global().Call("scrollTo", 0, 0) })
	return ul, all
}

// held returns the places in the whole list (aria-posinset) of the rows
// ul holds, in order, checking each says the list's size.
func held(t *testing.T, ul js.Value, size int) []int {
	t.Helper()
	var pos []int
	for c := ul.Get("firstElementChild"); c.Truthy(); c = c.Get("nextElementSibling") {
		var p, s int
		fmt.Sscan(c.Call("getAttribute", "aria-posinset").String(), &p)
		fmt.Sscan(c.Call("getAttribute", "aria-setsize").String(), &s)
		if s != size {
			t.Errorf("row %s says the list has %v rows, want %d", c.Get("dataset").Get("id"), c.Call("getAttribute", "aria-setsize"), size)
		}
		pos = append(pos, p)
	}
	return pos
}

// top returns where the element el is on the screen.
func top(el js.Value) float64 { return el.Call("getBoundingClientRect").Get("top").Float() }

// scrollTo scrolls the page to have ul's row k (from 0) at the top of the
// screen, as if the list were whole, and waits for the list to follow.
func scrollTo(t *testing.T, ul js.Value, k int) {
	t.Helper()
	js.Global().Call("scrollBy", 0, top(ul)+float64(k)*50)
	frames(t, 2)
}

// TestWindowed checks a list of 1,000 rows: the page holds a few dozen,
// those at the top, each saying its place in the whole list, and the
// list is as high as the whole list; scrolled, it holds the rows on the
// screen, each where it would be in the whole list.
func TestWindowed(t *testing.T) {
	const n = 1000
	ul, all := longList(t, "win", n)
	rows.Show("win", ui.RowsOf(all...))
	waitIdle(t, ul)
	pos := held(t, ul, n)
	if len(pos) < 10 || len(pos) > 150 {
		t.Fatalf("the page holds %d rows of %d", len(pos), n)
	}
	for i, p := range pos {
		if p != i+1 {
			t.Fatalf("the rows held are at %v, want 1, 2, 3…", pos)
		}
	}
	if !ul.Call("hasAttribute", "data-windowed").Bool() {
		t.Error("the list is not marked data-windowed")
	}
	// A whole list is n rows of 40 px and n - 1 gaps of 10.
	if h, want := ul.Get("offsetHeight").Float(), float64(n*50-10); math.Abs(h-want) > 2 {
		t.Errorf("the list is %.0f px high, want %.0f as if whole", h, want)
	}

	scrollTo(t, ul, 600)
	pos = held(t, ul, n)
	if len(pos) > 150 || pos[0] > 600 || pos[len(pos)-1] < 620 {
		t.Fatalf("scrolled to row 601, the page holds the rows from %d to %d (%d)", pos[0], pos[len(pos)-1], len(pos))
	}
	r := byID("copy-r0600").Call("closest", "li")
	if got := top(r); math.Abs(got) > 2 {
		t.Errorf("row 601 is %.0f px from the top of the screen, want 0", got)
	}
	if byID("copy-r0000").Truthy() {
		t.Error("the first row is still in the page")
	}
	if h, want := ul.Get("offsetHeight").Float(), float64(n*50-10); math.Abs(h-want) > 2 {
		t.Errorf("scrolled, the list is %.0f px high, want %.0f", h, want)
	}

	scrollTo(t, ul, n)
	pos = held(t, ul, n)
	if pos[len(pos)-1] != n {
		t.Errorf("at the end the page holds the rows to %d", pos[len(pos)-1])
	}
	if last := byID("copy-r0999").Call("closest", "li"); math.Abs(top(last)-top(ul)-float64((n-1)*50)) > 2 {
		t.Errorf("the last row is %.0f px from the list's top, want %d", top(last)-top(ul), (n-1)*50)
	}
}

// TestWindowedShort checks that a list as short as a search leaves is
// held whole, without the places and the padding of a windowed list.
func TestWindowedShort(t *testing.T) {
	ul, all := longList(t, "short", 1000)
	rows.Show("short", ui.RowsOf(all...))
	waitIdle(t, ul)
	rows.Show("short", ui.RowsOf(all[500:530]...))
	if got := ul.Get("childElementCount").Int(); got != 30 {
		t.Errorf("the page holds %d rows of 30", got)
	}
	if ul.Call("hasAttribute", "data-windowed").Bool() || doc.Call("querySelector", "#short [aria-setsize]").Truthy() {
		t.Error("a short list is marked as windowed")
	}
	if got := ul.Get("style").Get("paddingTop").String() + ul.Get("style").Get("paddingBottom").String(); got != "" {
		t.Errorf("a short list has the padding %q", got)
	}
}

// TestWindowedFocus checks that the row with the focus stays in the page
// when it is scrolled far off the screen, so that the focus stays on it;
// that it is scrolled into view when it moves in the list (its code
// copied in the recent order), as in a list drawn whole; and that Focus
// brings back a row that left the page.
func TestWindowedFocus(t *testing.T) {
	const n = 1000
	ul, all := longList(t, "focus", n)
	rows.Show("focus", ui.RowsOf(all...))
	waitIdle(t, ul)
	scrollTo(t, ul, 500)
	b := byID("copy-r0510")
	b.Call("focus")

	scrollTo(t, ul, 0)
	if !doc.Get("activeElement").Equal(b) || !b.Get("isConnected").Bool() {
		t.Fatalf("scrolled away, the focus went to %v", doc.Get("activeElement").Get("id"))
	}
	if pos := held(t, ul, n); pos[0] != 1 || pos[len(pos)-1] != 511 {
		t.Errorf("the page holds the rows from %d to %d, want from 1 and the focused 511 last", pos[0], pos[len(pos)-1])
	}
	if h, want := ul.Get("offsetHeight").Float(), float64(n*50-10); math.Abs(h-want) > 2 {
		t.Errorf("the list is %.0f px high, want %.0f", h, want)
	}

	// Copied, in the recent order, the row moves to the top from the
	// middle of the list, which the page shows: the page follows it.
	scrollTo(t, ul, 500)
	moved := append([]ui.Row{all[510]}, all[:510]...)
	moved = append(moved, all[511:]...)
	rows.Show("focus", ui.RowsOf(moved...))
	if !doc.Get("activeElement").Equal(b) {
		t.Fatalf("the focus went to %v", doc.Get("activeElement").Get("id"))
	}
	r := b.Call("closest", "li")
	if y, h := top(r), js.Global().Get("innerHeight").Float(); y < 0 || y+40 > h {
		t.Errorf("the moved row is at %.0f px, off the screen of %.0f", y, h)
	}
	if got := top(r) - top(ul); math.Abs(got) > 2 {
		t.Errorf("the moved row is %.0f px from the list's top, want 0", got)
	}

	// Blurred and scrolled away, the row leaves the page; Focus brings it
	// back, in view.
	b.Call("blur")
	scrollTo(t, ul, 700)
	if byID("fav-r0510").Truthy() {
		t.Fatal("a row far from the screen is still in the page")
	}
	rows.Focus("fav-r0510")
	f := byID("fav-r0510")
	if !f.Truthy() || !doc.Get("activeElement").Equal(f) {
		t.Fatalf("Focus left the focus on %v", doc.Get("activeElement").Get("id"))
	}
	if y, h := top(f), js.Global().Get("innerHeight").Float(); y < 0 || y > h {
		t.Errorf("the row focused is at %.0f px, off the screen of %.0f", y, h)
	}
}

// TestWindowedDrag checks that the row dragged stays in the page while
// the page scrolls away from it, so that the drag goes on, and leaves it
// once the drag ends.
func TestWindowedDrag(t *testing.T) {
	ul, all := longList(t, "drag", 1000)
	rows.Show("drag", ui.RowsOf(all...))
	waitIdle(t, ul)
	src := byID("fav-r0003")
	fire := func(el js.Value, typ string) {
		el.Call("dispatchEvent", js.Global().Get("Event").New(typ, map[string]any{"bubbles": true}))
	}
	fire(src, "dragstart")
	scrollTo(t, ul, 600)
	if !src.Get("isConnected").Bool() {
		t.Fatal("the row dragged left the page")
	}
	if pos := held(t, ul, 1000); pos[0] != 4 || pos[1] < 500 {
		t.Errorf("the page holds the rows %d, %d… to %d, want the dragged 4 first, then those on the screen", pos[0], pos[1], pos[len(pos)-1])
	}
	fire(src, "dragend")
	scrollTo(t, ul, 300)
	if src.Get("isConnected").Bool() {
		t.Error("after the drag and a scroll the row dragged is still in the page")
	}
}
