package ui

import (
	"testing"
	"time"
)

func TestMasked(t *testing.T) {
	for _, tt := range []struct{ grouped, want string }{
		{"123 456", "••• •••"},
		{"1234 5678", "•••• ••••"},
		{"123 4567", "••• ••••"},
		{"2BC7F", "•••••"}, // Steam
		{"", ""},
	} {
		if got := masked(tt.grouped); got != tt.want {
			t.Errorf("masked(%q) = %q, want %q", tt.grouped, got, tt.want)
		}
	}
}

func TestReveal(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	r := reveal{id: "a", until: now.Add(revealFor)}
	for _, tt := range []struct {
		name        string
		id          string
		at          time.Duration
		shows, over bool
	}{
		{"tapped", "a", 0, true, false},
		{"another row", "b", 0, false, false},
		{"just before the end", "a", revealFor - time.Millisecond, true, false},
		{"at the end", "a", revealFor, false, true},
		{"after", "a", time.Hour, false, true},
	} {
		if got := r.shows(tt.id, now.Add(tt.at)); got != tt.shows {
			t.Errorf("%s: shows = %v, want %v", tt.name, got, tt.shows)
		}
		if got := r.over(now.Add(tt.at)); got != tt.over {
			t.Errorf("%s: over = %v, want %v", tt.name, got, tt.over)
		}
	}
	var none reveal
	if none.shows("", now) || none.over(now) {
		t.Error("no code revealed: shows or over")
	}
}

func TestHideCodesPref(t *testing.T) {
	for _, tt := range []struct {
		pref string
		want bool
	}{{"tap", true}, {"show", false}, {"", false}, {"yes", false}} {
		s := Services{Pref: func(key string) string {
			if key != prefHide {
				return ""
			}
			return tt.pref
		}}
		if got := s.hideCodes(); got != tt.want {
			t.Errorf("preference %q: hideCodes = %v, want %v", tt.pref, got, tt.want)
		}
	}
	if (Services{}).hideCodes() {
		t.Error("no preferences: codes hidden")
	}
}
