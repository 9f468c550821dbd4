package ui

import (
	"testing"
	"time"
)

func TestHiddenTooLong(t *testing.T) {
	t0 := time.Now()
	wallOnly := func(d time.Duration) time.Time { return t0.Round(0).Add(d) }
	tests := []struct {
		name    string
		d       time.Duration
		at, now time.Time
		want    bool
	}{
		{"shown", 0, time.Time{}, t0, false},
		{"at once", 0, t0, t0, true},
		{"a minute, after 59 s", time.Minute, t0, t0.Add(59 * time.Second), false},
		{"a minute, after 60 s", time.Minute, t0, t0.Add(time.Minute), true},
		// The monotonic clock stood still (a phone asleep), the wall clock
		// moved on.
		{"wall clock moved", time.Minute, t0.Round(0), wallOnly(2 * time.Minute), true},
	}
	for _, tt := range tests {
		if got := hiddenTooLong(tt.d, tt.at, tt.now); got != tt.want {
			t.Errorf("%s: hiddenTooLong = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestServicesHiddenLock(t *testing.T) {
	for _, tt := range []struct {
		pref string
		d    time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"off", 0, false},
		{"0", 0, true},
		{"60", time.Minute, true},
		{"-1", 0, false},
	} {
		svc := Services{Pref: func(string) string { return tt.pref }}
		if d, ok := svc.hiddenLock(); d != tt.d || ok != tt.ok {
			t.Errorf("pref %q: hiddenLock = %v, %v; want %v, %v", tt.pref, d, ok, tt.d, tt.ok)
		}
	}
}
