//go:build js && wasm

package rows

import (
	"math"
	"strconv"
	"syscall/js"
)

// A list of more than wholeRows rows is windowed: the page holds only the
// rows on the screen and as many again above and below them (at least
// aroundRows each side), and the list's padding stands for the others, at
// the height measured of the rows in the page, so that the page scrolls
// as if they were all there. A keystroke in the search or a scroll then
// changes a few dozen elements: the browser's style and layout of a
// thousand rows alone take longer than a frame. Each row of a windowed
// list says its place in the whole list (aria-posinset, aria-setsize),
// which screen readers speak. A shorter list is in the page whole, so
// that all of it can be read and found there.
const (
	wholeRows  = 200
	aroundRows = 16
	guessPitch = 96 // px: a row and the gap after it, until one is measured
)

// span sets the rows of l.want that the page is to hold: l.from to l.to,
// and the row held (the one dragged, or with the focus), whichever it
// is, so that the drag goes on and the focus stays where it is, next to
// them when it is outside. It returns their places in l.want, in order. A
// row held that changed place since the last draw (its code copied in the
// recent order, moved up, dropped) is scrolled into view first, as the
// focus that follows it would be in a list drawn whole.
func (l *list) span() []int {
	n := l.want.Len()
	f := l.held()
	from, to := 0, n
	if n > wholeRows {
		from, to = l.around()
		if f >= 0 && (f < from || f >= to) && l.focusAt >= 0 && l.focusAt != f && l.focusID == l.want.ID(f) {
			l.reveal(f)
			from, to = l.around()
		}
	}
	l.from, l.to = from, to
	l.focusID, l.focusAt = "", -1
	if f >= 0 {
		l.focusID, l.focusAt = l.want.ID(f), f
	}
	ks := make([]int, 0, to-from+1)
	if f >= 0 && f < from {
		ks = append(ks, f)
	}
	for k := from; k < to; k++ {
		ks = append(ks, k)
	}
	if f >= to {
		ks = append(ks, f)
	}
	return ks
}

// around returns the rows on the screen and around them, from to to: the
// rows in the page already while they still hold those on the screen and
// half of the rows around them, so that a scroll changes rows only now
// and then, a few at a time.
//
// It takes where the list is on the screen from the last scroll, resize or
// drawing (see place): reading it anew would lay out the page in the
// middle of a change, which a keystroke in the search cannot afford.
func (l *list) around() (from, to int) {
	if !l.placed {
		l.place()
	}
	n := l.want.Len()
	p := l.rowPitch()
	first := min(max(int(math.Floor(l.above/p)), 0), n)
	last := min(max(int(math.Ceil((l.above+l.screen)/p)), 0), n)
	extra := max(aroundRows, last-first)
	if l.to > l.from && l.to <= n && l.from <= max(first-extra/2, 0) && l.to >= min(last+extra/2, n) &&
		l.to-l.from <= last-first+3*extra {
		return l.from, l.to
	}
	return max(first-extra, 0), min(last+extra, n)
}

// place notes where the list is on the screen, for around.
func (l *list) place() {
	l.above = -l.ul.Call("getBoundingClientRect").Get("top").Float()
	l.screen = js.Global().Get("innerHeight").Float()
	l.placed = true
}

// resettle runs once a change is drawn: where the list is and the rows'
// height are read then, from the layout the browser has just done, and
// the rows in the page follow them if they changed.
func (l *list) resettle() {
	if l.want == nil || !l.windowed || !l.ul.Get("isConnected").Bool() {
		return
	}
	above, screen := l.above, l.screen
	l.place()
	if l.measure() || l.above != above || l.screen != screen {
		l.redraw(true)
	}
}

// rowPitch returns the height of a row and the gap after it.
func (l *list) rowPitch() float64 {
	if l.pitch > 0 {
		return l.pitch
	}
	return guessPitch
}

// measure sets the height of a row and the gap after it to that of the
// rows in the page, and reports whether it changed it by more than half a
// pixel. Rows of a windowed list are laid out whole (see
// data-windowed in the style sheet), so the figure is theirs, not an
// estimate's.
func (l *list) measure() bool {
	c := l.ul.Get("childElementCount").Int()
	if c < 2 {
		return false
	}
	a, b := l.ul.Get("firstElementChild"), l.ul.Get("lastElementChild")
	p := (b.Get("offsetTop").Float() - a.Get("offsetTop").Float()) / float64(c-1)
	if p <= 0 || math.Abs(p-l.pitch) <= 0.5 {
		return false
	}
	l.pitch = p
	return true
}

// pad marks the list data-windowed or not, and sets its padding to stand
// for the rows of l.want not in the page, those above from and below to
// but for the one held (see span), or takes it off when the list is
// whole.
func (l *list) pad(ks []int) {
	n := l.want.Len()
	windowed := n > wholeRows
	if windowed != l.windowed {
		if windowed {
			l.ul.Call("setAttribute", "data-windowed", "")
		} else {
			l.ul.Call("removeAttribute", "data-windowed")
		}
		l.windowed = windowed
	}
	top, bottom := "", ""
	if windowed {
		p := l.rowPitch()
		above, below := l.from, n-l.to
		if len(ks) > 0 && ks[0] < l.from {
			above--
		}
		if len(ks) > 0 && ks[len(ks)-1] >= l.to {
			below--
		}
		top, bottom = px(float64(above)*p), px(float64(below)*p)
	}
	style := l.ul.Get("style")
	if top != l.padTop {
		style.Set("paddingTop", top)
		l.padTop = top
	}
	if bottom != l.padBottom {
		style.Set("paddingBottom", bottom)
		l.padBottom = bottom
	}
}

func px(v float64) string { return strconv.FormatFloat(max(v, 0), 'f', 1, 64) + "px" }

// held returns the place in l.want of the row being dragged, or else of
// the row that holds the focus, -1 for none.
func (l *list) held() int {
	a := l.drag
	if !a.Truthy() {
		a = js.Global().Get("document").Get("activeElement")
	}
	if !a.Truthy() || a.Equal(l.ul) || !l.ul.Call("contains", a).Bool() {
		return -1
	}
	for a.Truthy() && !a.Get("parentElement").Equal(l.ul) {
		a = a.Get("parentElement")
	}
	for _, id := range l.order {
		if n := l.nodes[id]; n != nil && n.el.Equal(a) {
			return l.index(id)
		}
	}
	return -1
}

// index returns the place of the row id in l.want, -1 for none.
func (l *list) index(id string) int {
	for k := range l.want.Len() {
		if l.want.ID(k) == id {
			return k
		}
	}
	return -1
}

// reveal scrolls the page the least that shows row k of l.want.
func (l *list) reveal(k int) {
	p := l.rowPitch()
	top := l.ul.Call("getBoundingClientRect").Get("top").Float() + float64(k)*p
	h := js.Global().Get("innerHeight").Float()
	switch {
	case top < 0:
		js.Global().Call("scrollBy", 0, top)
	case top+p > h:
		js.Global().Call("scrollBy", 0, top+p-h)
	}
	l.place()
}

// moved is the page's scroll and resize listener: it brings the rows that
// come near the screen into a windowed list, and takes out those far from
// it.
func (l *list) moved(_ js.Value, args []js.Value) any {
	if l.want == nil || (l.want.Len() <= wholeRows && !l.windowed) || lists[l.ul.Get("id").String()] != l || !l.ul.Get("isConnected").Bool() {
		return nil
	}
	if args[0].Get("type").String() == "resize" {
		l.remeasure = true // the rows may wrap otherwise
	}
	l.place()
	l.redraw(true)
	return nil
}

// dragged is the page's dragstart and dragend listener: it notes the
// element dragged from the list, which is kept in the page until the drag
// ends (see span).
func (l *list) dragged(_ js.Value, args []js.Value) any {
	e := args[0]
	l.drag = js.Undefined()
	if t := e.Get("target"); e.Get("type").String() == "dragstart" && t.Truthy() && l.ul.Call("contains", t).Bool() {
		l.drag = t
	}
	return nil
}

// Focus moves the keyboard focus to the element with the id id, for
// ui.Services.Focus. An element of a row that a windowed list holds out
// of the page (its row moved away from the screen) is brought back into
// it, its row scrolled into view, first.
func Focus(id string) {
	doc := js.Global().Get("document")
	el := doc.Call("getElementById", id)
	if !el.Truthy() && id != "" {
		sel := "#" + js.Global().Get("CSS").Call("escape", id).String()
	find:
		for _, l := range lists {
			for rid, n := range l.nodes {
				if n.attached || !n.el.Call("querySelector", sel).Truthy() {
					continue
				}
				if k := l.index(rid); k >= 0 {
					l.reveal(k)
					l.redraw(true)
				}
				break find
			}
		}
		el = doc.Call("getElementById", id)
	}
	if el.Truthy() {
		el.Call("focus")
	}
}
