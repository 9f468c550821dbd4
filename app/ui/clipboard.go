package ui

import (
	"strconv"
	"sync"
	"time"
)

// clearChoices are the times after which a copied code is cleared from the
// clipboard, offered in Settings; zero means never.
var clearChoices = []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 0}

// defaultClear is the time after which a copied code is cleared when the
// person chose nothing.
const defaultClear = 30 * time.Second

// prefClear is the preference that holds the clipboard's clearing time in
// seconds, "0" for never. It is a preference of the browser, not of the
// vault: whether the browser can clear the clipboard depends on it.
const prefClear = "clipboard-clear"

// clearAfter returns the time after which a copied code is cleared, zero
// for never.
func (s Services) clearAfter() time.Duration {
	if s.Pref != nil {
		if v, err := strconv.Atoi(s.Pref(prefClear)); err == nil && v >= 0 {
			return time.Duration(v) * time.Second
		}
	}
	return defaultClear
}

// clipGuard clears a code the app copied from the clipboard some time
// later, when that erases nothing of the person's own.
//
// A browser lets a page write the clipboard outside a click only while the
// page has the focus (Chromium; Firefox and Safari not even then), and
// lets it read the clipboard only after asking the person, unless they
// allowed it before. So when the time is up, the guard clears the
// clipboard if the page has the focus and either the clipboard can be read
// without asking and still holds the code, or it cannot be read and
// nothing but the app can have written it since the copy: the page kept
// the focus (no other app or tab was used) and nobody copied or cut in the
// page. Otherwise it leaves the clipboard alone: clearing could erase what
// the person copied since, which is a worse harm than a code that expires
// by itself. When the page does not have the focus at the time, the guard
// waits for it to come back, and then clears only a clipboard it read.
//
// Its methods may be called from any goroutine.
type clipGuard struct {
	// after calls f once d has passed, unless stop is called first.
	after func(d time.Duration, f func()) (stop func())
	// holds reports whether the clipboard holds text, and known false
	// when it cannot be read without asking the person.
	holds func(text string) (holds, known bool)
	// write writes the clipboard and calls done with the outcome.
	write func(text string, done func(error))
	// focused reports whether the page has the focus.
	focused func() bool

	mu   sync.Mutex
	gen  int    // counts the copies, so that a late timer or answer is ignored
	text string // the code copied last, "" once handled
	away bool   // something else may have written the clipboard since
	due  bool   // the time is up; waiting for the focus
	stop func() // stops the timer
}

// newClipGuard returns the guard for the services, or nil when they cannot
// clear the clipboard.
func newClipGuard(svc Services) *clipGuard {
	if svc.Clipboard == nil || svc.Focused == nil {
		return nil
	}
	g := &clipGuard{after: svc.After, holds: svc.ClipboardHolds, write: svc.Clipboard, focused: svc.Focused}
	if g.after == nil {
		g.after = func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, f)
			return func() { t.Stop() }
		}
	}
	if g.holds == nil {
		g.holds = func(string) (bool, bool) { return false, false }
	}
	return g
}

// copied records that the app wrote text to the clipboard, to be cleared
// after d; zero d means never, and forgets an earlier copy.
func (g *clipGuard) copied(text string, d time.Duration) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.reset()
	if d <= 0 || text == "" {
		return
	}
	g.text = text
	gen := g.gen
	g.stop = g.after(d, func() { g.expire(gen) })
}

// reset forgets the last copy and stops its timer. g.mu is held.
func (g *clipGuard) reset() {
	g.gen++
	if g.stop != nil {
		g.stop()
	}
	g.text, g.away, g.due, g.stop = "", false, false, nil
}

// elsewhere records that something other than the app may have written
// the clipboard: the page lost the focus, or the person copied or cut in
// the page.
func (g *clipGuard) elsewhere() {
	if g == nil {
		return
	}
	g.mu.Lock()
	g.away = true
	g.mu.Unlock()
}

// focus records that the page gained the focus, or lost it.
func (g *clipGuard) focus(focused bool) {
	if g == nil {
		return
	}
	if !focused {
		g.elsewhere()
		return
	}
	g.mu.Lock()
	due, gen := g.due, g.gen
	g.mu.Unlock()
	if due {
		g.clear(gen)
	}
}

// expire runs when the time of copy gen is up.
func (g *clipGuard) expire(gen int) {
	g.mu.Lock()
	if gen != g.gen {
		g.mu.Unlock()
		return
	}
	g.due = true
	g.mu.Unlock()
	g.clear(gen)
}

// clear empties the clipboard if copy gen is still the last one and the
// rules of [clipGuard] allow it now.
func (g *clipGuard) clear(gen int) {
	if !g.focused() {
		return // wait for the focus
	}
	g.mu.Lock()
	text, away := g.text, g.away
	if gen != g.gen || text == "" {
		g.mu.Unlock()
		return
	}
	g.mu.Unlock()
	holds, known := g.holds(text)
	g.mu.Lock()
	defer g.mu.Unlock()
	if gen != g.gen {
		return // copied again while the clipboard was read
	}
	away = away || g.away
	erase := known && holds || !known && !away
	g.reset()
	if erase {
		g.write("", func(error) {})
	}
}
