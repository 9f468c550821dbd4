//go:build js && wasm

// Package rows draws the rows of the account list in the page, for
// ui.Services.Rows: as HTML the first time, then by moving the rows'
// elements and changing only the parts of them that changed, so that the
// element a person is clicking or has focused is never replaced by a
// redraw. A keystroke in the list's search field changes the list in the
// key's own input event, before go-app renders it. A long list holds only
// the rows near the screen in the page (window.go).
package rows

import (
	"strconv"
	"strings"

	"syscall/js"

	"twofold.app/app/ui"
)

// A long list is made a part at a time, the first rows first, so that the
// first screenful shows and works at once: firstRows rows at first, more
// than a tall screen shows, then nextRows in the next frame, and from then
// on twice as many after a frame that took less than quickFrame and half
// as many after one that took more than slowFrame (the rows made and the
// browser's work on the growing list), up to maxRows. The parts after
// the first are large: the browser's work on a frame grows less with the
// rows it adds than with the list it lays out.
const (
	firstRows  = 32
	nextRows   = 256
	maxRows    = 4096
	quickFrame = 100 // ms
	slowFrame  = 250 // ms
)

// lists are the lists drawn, by the id of their element.
var lists = map[string]*list{}

// Show makes the element with the id id show rows, in that order, or
// forgets the list for rows nil (see ui.Services.Rows).
func Show(id string, rows *ui.Rows) {
	ul := js.Global().Get("document").Call("getElementById", id)
	l := lists[id]
	if rows == nil || !ul.Truthy() {
		if l != nil {
			l.forget()
		}
		delete(lists, id)
		return
	}
	switch {
	case l == nil:
		l = &list{ul: ul, nodes: map[string]*node{}, focusAt: -1}
		l.onMove, l.onDrag = js.FuncOf(l.moved), js.FuncOf(l.dragged)
		for _, ev := range []string{"scroll", "resize"} {
			js.Global().Call("addEventListener", ev, l.onMove, map[string]any{"passive": true})
		}
		for _, ev := range []string{"dragstart", "dragend"} {
			js.Global().Call("addEventListener", ev, l.onDrag, true)
		}
		lists[id] = l
	case !l.ul.Equal(ul):
		// A new element: go-app drew the list again, empty (when a
		// message appears above it, say). The rows drawn before move
		// into it as they are, and are not made again.
		for _, n := range l.nodes {
			n.attached = false
		}
		l.ul, l.order, l.busy = ul, nil, false
		l.windowed, l.padTop, l.padBottom, l.placed = false, "", "", false
	}
	l.show(rows)
	l.watch(rows.SearchField)
}

// show makes the list show rows: their class, then the rows themselves.
func (l *list) show(rows *ui.Rows) {
	if rows.Class != "" && l.ul.Get("className").String() != rows.Class {
		l.ul.Set("className", rows.Class)
	}
	l.want = rows
	l.draw()
}

// list is one list's elements and what they show.
type list struct {
	ul       js.Value
	nodes    map[string]*node // every row made, shown or not, by id
	order    []string         // the ids of the rows in the list, in order
	want     *ui.Rows         // what the list is to show
	pending  bool             // a frame is asked for to go on drawing
	busy     bool             // the list is marked aria-busy
	settle   int              // counts the changes that moved rows, for settled
	settling bool             // settled waits for frames to take the mark off
	part     int              // how many rows the next frame makes
	frameAt  float64          // when the last frame that made rows began, 0 for none
	field    js.Value         // the search input watched, or undefined
	onInput  js.Func          // searched, as the field's input listener

	// A long list is windowed (see wholeRows).
	windowed          bool     // the list is marked data-windowed
	from, to          int      // the rows of want in the page, the focused one aside
	pitch             float64  // the height of a row and the gap after it, 0 until measured
	above, screen     float64  // how far the list's top is above the screen's, and the screen's height
	placed            bool     // above and screen are known
	remeasure         bool     // pitch is to be measured at the next draw
	padTop, padBottom string   // the list's padding set, "" for none
	focusID           string   // the row held at the last draw (see held), "" for none
	focusAt           int      // its place in want then
	drag              js.Value // the element dragged from the list, or undefined
	onMove            js.Func  // moved, as the window's scroll and resize listener
	onDrag            js.Func  // dragged, as the window's dragstart and dragend listener
}

// forget lets go of what l holds: what draws its rows holds the accounts.
// A frame it asked for finds it gone from lists and does nothing.
func (l *list) forget() {
	l.watch("")
	if !l.onInput.IsUndefined() {
		l.onInput.Release()
		l.onInput = js.Func{}
	}
	for _, ev := range []string{"scroll", "resize"} {
		js.Global().Call("removeEventListener", ev, l.onMove, map[string]any{"passive": true})
	}
	for _, ev := range []string{"dragstart", "dragend"} {
		js.Global().Call("removeEventListener", ev, l.onDrag, true)
	}
	l.onMove.Release()
	l.onDrag.Release()
	l.drag = js.Undefined()
	l.want, l.nodes, l.order = nil, nil, nil
}

// watch makes the input with the id id, "" for none, the list's search
// field: its input events show the rows of the search in the same task
// (see searched).
func (l *list) watch(id string) {
	field := js.Undefined()
	if id != "" {
		if f := js.Global().Get("document").Call("getElementById", id); f.Truthy() {
			field = f
		}
	}
	if field.Equal(l.field) {
		return
	}
	if l.field.Truthy() {
		l.field.Call("removeEventListener", "input", l.onInput)
	}
	l.field = field
	if !field.Truthy() {
		return
	}
	if l.onInput.IsUndefined() {
		l.onInput = js.FuncOf(l.searched)
	}
	field.Call("addEventListener", "input", l.onInput)
}

// searched is the search field's input listener. It shows at once the
// rows the list's last rows give for the field's text (ui.Rows.Search),
// so that the browser's next frame shows them: go-app renders an input's
// change in a frame of its own, a tick later, and its render then finds
// the list as it draws it. It sets the list's class too, as Show does
// (go-app does not draw it).
func (l *list) searched(this js.Value, _ []js.Value) any {
	if l.want == nil || l.want.Search == nil || lists[l.ul.Get("id").String()] != l || !l.ul.Get("isConnected").Bool() {
		return nil
	}
	rows := l.want.Search(this.Get("value").String())
	if rows != nil {
		l.show(rows)
	}
	return nil
}

// node is a row's element and what it shows.
type node struct {
	el       js.Value
	row      ui.Row
	attached bool
	parts    map[string]js.Value // elements inside it, by selector
	pos      int                 // its aria-posinset, 0 for none (a list drawn whole)
	size     int                 // its aria-setsize, 0 for none
}

// place sets the place n says it has in the list, for a windowed list,
// or takes it off for size 0.
func (n *node) place(pos, size int) {
	if size == 0 {
		pos = 0
	}
	if n.pos == pos && n.size == size {
		return
	}
	if size == 0 {
		n.el.Call("removeAttribute", "aria-posinset")
		n.el.Call("removeAttribute", "aria-setsize")
	} else {
		n.el.Call("setAttribute", "aria-posinset", strconv.Itoa(pos))
		n.el.Call("setAttribute", "aria-setsize", strconv.Itoa(size))
	}
	n.pos, n.size = pos, size
}

// part returns the element of n matching sel.
func (n *node) part(sel string) js.Value {
	if v, ok := n.parts[sel]; ok {
		return v
	}
	if n.parts == nil {
		n.parts = map[string]js.Value{}
	}
	v := n.el.Call("querySelector", sel)
	n.parts[sel] = v
	return v
}

// draw makes the list show l.want, and asks for a frame to go on when
// rows are left to make. Called while a frame is asked for, it makes no
// row (that frame will): it moves and changes the rows made.
//
// From a change that adds, moves or takes out rows until the browser has
// drawn the list whole, the list is marked aria-busy: screen readers wait
// for it before they speak it, and the end-to-end tests before they use
// it. The mark stays for two frames after the last rows are placed: the
// rows are styled content-visibility: auto, and the browser lays out the
// inside of a row it has just placed only at its next rendering, when it
// finds the row on screen; until then a click on the row's buttons lands
// on the row itself. A person clicks only what was drawn; a test that
// clicks as soon as the order is right may not. The rows of a windowed
// list are laid out at once (see wholeRows): the mark stays one frame.
func (l *list) draw() { l.redraw(false) }

// settleFrames returns the frames the aria-busy mark stays after the last
// rows are placed (see draw).
func (l *list) settleFrames() int {
	if l.windowed {
		return 1
	}
	return 2
}

// redraw is draw, or for scrolled, after a scroll or a resize, the change
// of the rows a windowed list holds in the page, which changes nothing it
// shows: no aria-busy mark.
func (l *list) redraw(scrolled bool) {
	ks := l.span()
	l.pad(ks)
	budget := 0
	switch {
	case l.windowed:
		budget = len(ks) // a few screens: made at once
	case !l.pending:
		if l.part == 0 {
			l.part = firstRows
		}
		budget = l.part
	}
	done, moved := l.apply(budget, ks)
	if l.windowed && l.remeasure {
		// The rows' height is measured here after a resize, which lays
		// out the page, and otherwise only once a change is drawn
		// (resettle), from the layout the browser has done.
		l.remeasure = false
		if l.measure() {
			l.pad(ks)
		}
	}
	if scrolled {
		return
	}
	if moved || !done {
		l.settle++ // a settling under way is for an older change
		if !l.busy {
			l.ul.Call("setAttribute", "aria-busy", "true")
			l.busy = true
		}
	}
	if done {
		l.part, l.frameAt = 0, 0 // the next long change starts small again
		if l.busy && !l.settling {
			l.settled(l.settleFrames())
		}
		return
	}
	if l.pending {
		return
	}
	l.pending = true
	var f js.Func
	f = js.FuncOf(func(_ js.Value, args []js.Value) any {
		f.Release()
		l.pending = false
		l.pace(args[0].Float())
		if lists[l.ul.Get("id").String()] == l && l.ul.Get("isConnected").Bool() {
			l.draw()
		}
		return nil
	})
	js.Global().Call("requestAnimationFrame", f)
}

// pace sets how many rows the frame that began at now makes: nextRows
// after the first part, then more or fewer by how long the frame before
// took.
func (l *list) pace(now float64) {
	took := now - l.frameAt
	switch {
	case l.frameAt == 0:
		l.part = nextRows
	case took < quickFrame:
		l.part = min(2*l.part, maxRows)
	case took > slowFrame:
		l.part = max(l.part/2, firstRows)
	}
	l.frameAt = now
}

// settled takes the aria-busy mark off the list after frames frames,
// unless the list changed meanwhile (see draw).
func (l *list) settled(frames int) {
	l.settling = true
	gen := l.settle
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		if frames--; frames > 0 && gen == l.settle {
			js.Global().Call("requestAnimationFrame", f)
			return nil
		}
		f.Release()
		l.settling = false
		switch {
		case gen != l.settle && !l.pending:
			l.settled(l.settleFrames()) // changed meanwhile, and drawn whole again
		case gen == l.settle && l.busy:
			l.ul.Call("removeAttribute", "aria-busy")
			l.busy = false
			l.resettle()
		}
		return nil
	})
	js.Global().Call("requestAnimationFrame", f)
}

// apply brings the list closer to holding the rows of l.want at the
// places ks, in that order, making at most budget new rows,
// and reports whether it holds all of them, and whether it added, moved or
// took out rows. Rows are moved only where their
// order changed, and rows that are not wanted are taken out of the list
// but kept, to be shown again when the search changes.
func (l *list) apply(budget int, ks []int) (done, moved bool) {
	// A row moved with insertBefore loses the focus, where the browser
	// cannot move it with moveBefore, which keeps it: it is given back.
	doc := js.Global().Get("document")
	active := doc.Get("activeElement")
	defer func() {
		if active.Truthy() && active.Get("isConnected").Bool() && !doc.Get("activeElement").Equal(active) {
			active.Call("focus", map[string]any{"preventScroll": true})
		}
	}()
	move := "insertBefore"
	if l.ul.Get("moveBefore").Truthy() {
		move = "moveBefore"
	}
	want, size := l.want, 0
	if l.windowed {
		size = want.Len()
	}
	wanted := make(map[string]bool, len(ks))
	for _, k := range ks {
		wanted[want.ID(k)] = true
	}
	old := make([]string, 0, len(l.order))
	for _, id := range l.order {
		if wanted[id] {
			old = append(old, id)
			continue
		}
		n := l.nodes[id]
		n.el.Call("remove")
		n.attached = false
		moved = true
	}
	// The list is order, then the rows of old from i that are not placed.
	placed := make(map[string]bool, len(ks))
	order := make([]string, 0, len(ks))
	i := 0
	ref := func() js.Value {
		for i < len(old) && placed[old[i]] {
			i++
		}
		if i < len(old) {
			return l.nodes[old[i]].el
		}
		return js.Null()
	}
	// New rows are made together, from one string of HTML.
	var batch strings.Builder
	var made []ui.Row
	var madeAt []int
	flush := func() {
		if len(made) == 0 {
			return
		}
		moved = true
		if at := ref(); at.Truthy() {
			at.Call("insertAdjacentHTML", "beforebegin", batch.String())
		} else {
			l.ul.Call("insertAdjacentHTML", "beforeend", batch.String())
		}
		children := l.ul.Get("children")
		start := len(order) - len(made)
		for j, r := range made {
			n := &node{el: children.Call("item", start+j), row: r, attached: true}
			n.place(madeAt[j]+1, size)
			l.nodes[r.ID] = n
		}
		batch.Reset()
		made, madeAt = made[:0], madeAt[:0]
	}
	j := 0
	for ; j < len(ks); j++ {
		k := ks[j]
		id := want.ID(k)
		n := l.nodes[id]
		if n == nil {
			if budget == 0 {
				break
			}
			budget--
			r := want.Row(k) // drawn now, the first time it is asked for
			batch.WriteString(r.HTML)
			made, madeAt = append(made, r), append(madeAt, k)
			placed[r.ID] = true
			order = append(order, r.ID)
			continue
		}
		r := want.Row(k)
		flush()
		at := ref()
		switch {
		case !n.attached:
			l.ul.Call("insertBefore", n.el, at)
			n.attached, moved = true, true
		case !at.Equal(n.el):
			l.ul.Call(move, n.el, at)
			moved = true
		}
		placed[r.ID] = true
		order = append(order, r.ID)
		if n.patch(r) {
			moved = true
		}
		n.place(k+1, size)
	}
	flush()
	for ; i < len(old); i++ {
		if !placed[old[i]] {
			order = append(order, old[i])
		}
	}
	l.order = order
	return j == len(ks), moved
}

// patch makes n show r, changing only what changed, and reports whether
// it drew the row again, as a new element.
func (n *node) patch(r ui.Row) bool {
	o := n.row
	n.row = r
	if o.Frame != r.Frame {
		// The account itself changed (its names, its group or its
		// kind), or the language: the row is drawn again.
		// The focus, if it was in the row, goes to the same control of
		// the new one, found by its id or its action.
		active := js.Global().Get("document").Get("activeElement")
		var sel string
		if active.Truthy() && !active.Equal(n.el) && n.el.Call("contains", active).Bool() {
			if id := active.Get("id").String(); id != "" {
				sel = "#" + js.Global().Get("CSS").Call("escape", id).String()
			} else if a := active.Call("getAttribute", "data-action"); a.Truthy() {
				sel = `[data-action="` + a.String() + `"]`
			}
		}
		n.el.Call("insertAdjacentHTML", "afterend", r.HTML)
		el := n.el.Get("nextElementSibling")
		n.el.Call("remove")
		n.el, n.parts, n.pos, n.size = el, nil, 0, 0
		if sel != "" {
			if f := el.Call("querySelector", sel); f.Truthy() {
				f.Call("focus", map[string]any{"preventScroll": true})
			}
		}
		return true
	}
	if o.Class != r.Class {
		n.el.Set("className", r.Class)
	}
	if o.Handle != r.Handle {
		if o.Handle != "" {
			n.el.Get("firstElementChild").Call("remove")
		}
		if r.Handle != "" {
			n.el.Call("insertAdjacentHTML", "afterbegin", r.Handle)
		}
	}
	if o.Masked != r.Masked {
		n.part(".code").Get("classList").Call("toggle", "masked", r.Masked)
	}
	if o.Code != r.Code {
		// HTML this package's caller escaped (see ui.Row): the code, or
		// the dots and words that stand for it.
		n.part(".code").Set("innerHTML", r.Code)
	}
	if o.Next != r.Next {
		if b := n.part(".code-button"); r.Next == "" {
			b.Call("removeAttribute", "data-next")
		} else {
			b.Call("setAttribute", "data-next", r.Next)
		}
	}
	if o.Copied != r.Copied {
		n.part(".copied").Set("textContent", r.Copied)
	}
	if o.Pressed != r.Pressed {
		n.part(".fav").Call("setAttribute", "aria-pressed", strconv.FormatBool(r.Pressed))
	}
	return false
}
