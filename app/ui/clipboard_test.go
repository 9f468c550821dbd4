package ui

import (
	"slices"
	"testing"
	"time"
)

// fakeClip is a clipboard, a focus and a timer a test moves by hand.
type fakeClip struct {
	content  string
	readable bool // the page may read the clipboard without asking
	focused  bool
	writes   []string
	timers   []fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped *bool
}

func (c *fakeClip) guard() *clipGuard {
	return newClipGuard(Services{
		Clipboard: func(text string, done func(error)) {
			c.content = text
			c.writes = append(c.writes, text)
			done(nil)
		},
		ClipboardHolds: func(text string) (bool, bool) {
			if !c.readable {
				return false, false
			}
			return c.content == text, true
		},
		Focused: func() bool { return c.focused },
		After: func(d time.Duration, f func()) func() {
			stopped := new(bool)
			c.timers = append(c.timers, fakeTimer{d, f, stopped})
			return func() { *stopped = true }
		},
	})
}

// fire runs the timers that were not stopped, as if their time had come.
func (c *fakeClip) fire() {
	timers := c.timers
	c.timers = nil
	for _, t := range timers {
		if !*t.stopped {
			t.f()
		}
	}
}

func TestClipGuard(t *testing.T) {
	const code = "123456"
	tests := []struct {
		name     string
		readable bool
		steps    func(c *fakeClip, g *clipGuard)
		want     string // the clipboard at the end
	}{
		{"readable, still the code", true, func(c *fakeClip, g *clipGuard) { c.fire() }, ""},
		{"readable, the person copied other text since", true, func(c *fakeClip, g *clipGuard) {
			c.content = "my own text"
			c.fire()
		}, "my own text"},
		{"unreadable, the page kept the focus", false, func(c *fakeClip, g *clipGuard) { c.fire() }, ""},
		{"unreadable, the page lost the focus and got it back", false, func(c *fakeClip, g *clipGuard) {
			c.focused = false
			g.focus(false)
			c.focused = true
			g.focus(true)
			c.fire()
		}, code},
		{"unreadable, the person copied in the page", false, func(c *fakeClip, g *clipGuard) {
			g.elsewhere()
			c.content = "copied in the page"
			c.fire()
		}, "copied in the page"},
		{"readable, unfocused when the time is up, cleared when focused", true, func(c *fakeClip, g *clipGuard) {
			c.focused = false
			g.focus(false)
			c.fire()
			if c.content != code {
				t.Errorf("the clipboard was written while the page had no focus")
			}
			c.focused = true
			g.focus(true)
		}, ""},
		{"readable, focus back before the time, other text copied", true, func(c *fakeClip, g *clipGuard) {
			c.focused = false
			g.focus(false)
			c.content = "from another app"
			c.focused = true
			g.focus(true)
			c.fire()
		}, "from another app"},
		{"unreadable, unfocused when the time is up", false, func(c *fakeClip, g *clipGuard) {
			c.focused = false
			g.focus(false)
			c.fire()
			c.focused = true
			g.focus(true)
		}, code},
		{"the focus comes back after a clear: nothing more", true, func(c *fakeClip, g *clipGuard) {
			c.fire()
			c.content = "later"
			g.focus(true)
		}, "later"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeClip{readable: tt.readable, focused: true}
			g := c.guard()
			c.content = code
			g.copied(code, 30*time.Second)
			if len(c.timers) != 1 || c.timers[0].d != 30*time.Second {
				t.Fatalf("timers after a copy: %v, want one of 30s", c.timers)
			}
			tt.steps(c, g)
			if c.content != tt.want {
				t.Errorf("clipboard %q, want %q (writes %q)", c.content, tt.want, c.writes)
			}
		})
	}
}

// A second copy replaces the first: the first one's time clears nothing,
// and the second's clears the second code.
func TestClipGuardCopiedAgain(t *testing.T) {
	c := &fakeClip{readable: false, focused: true}
	g := c.guard()
	c.content = "111111"
	g.copied("111111", 30*time.Second)
	first := c.timers[0]
	c.content = "222222"
	g.copied("222222", 30*time.Second)
	if !*first.stopped {
		t.Errorf("the first copy's timer still runs")
	}
	first.f() // a timer that fired as it was stopped
	if len(c.writes) != 0 {
		t.Fatalf("the first copy's time cleared the clipboard: writes %q", c.writes)
	}
	c.fire()
	if !slices.Equal(c.writes, []string{""}) {
		t.Errorf("writes %q, want one clearing", c.writes)
	}
}

// Never means no timer, and it forgets an earlier copy.
func TestClipGuardNever(t *testing.T) {
	c := &fakeClip{readable: true, focused: true}
	g := c.guard()
	g.copied("111111", 30*time.Second)
	g.copied("222222", 0)
	c.content = "222222"
	c.fire()
	if len(c.writes) != 0 {
		t.Errorf("with never, the clipboard was written: %q", c.writes)
	}
}

// Without a clipboard or a focus to ask, there is no guard, and a nil guard
// does nothing.
func TestClipGuardNil(t *testing.T) {
	g := newClipGuard(Services{Clipboard: func(string, func(error)) {}})
	if g != nil {
		t.Fatal("a guard without Focused")
	}
	g.copied("1", time.Second)
	g.focus(true)
	g.elsewhere()
}

func TestClearAfter(t *testing.T) {
	for _, tt := range []struct {
		pref string
		want time.Duration
	}{
		{"", defaultClear},
		{"10", 10 * time.Second},
		{"0", 0},
		{"-5", defaultClear},
		{"junk", defaultClear},
	} {
		svc := Services{Pref: func(k string) string {
			if k == prefClear {
				return tt.pref
			}
			return ""
		}}
		if got := svc.clearAfter(); got != tt.want {
			t.Errorf("pref %q: clearAfter %v, want %v", tt.pref, got, tt.want)
		}
	}
	if got := (Services{}).clearAfter(); got != defaultClear {
		t.Errorf("without prefs: %v, want %v", got, defaultClear)
	}
}
