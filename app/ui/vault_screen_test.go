package ui

import (
	"testing"
	"time"
)

func TestChanges(t *testing.T) {
	at := func(s float64) time.Time { return time.Unix(0, 0).Add(time.Duration(s * float64(time.Second))) }
	for _, tt := range []struct {
		last, now float64
		period    int
		want      bool
	}{
		{24.999, 25.001, 30, true}, // the hint of the next code appears
		{25.3, 26.001, 30, false},  // drawn with the hint already
		{29.5, 30.001, 30, true},   // the code changes
		{30.2, 31.001, 30, false},
		{10.5, 11.001, 30, false},
		{10.5, 40.001, 30, true}, // a whole period missed (a hidden tab)
		{1000, 1000, 30, false},
		{54.2, 55.001, 60, true},
		{2.5, 3.001, 3, true}, // shorter than the hint's window: boundaries only
		{2.0, 2.5, 3, false},
		{0, 100, 0, false},
		{3630.5, 30.2, 30, true}, // the clock set back an hour
		{45.9, 44.1, 30, true},   // set back a second, within the period
		{45.9, 45.1, 30, false},  // the same second
		{100, 0, 0, false},
	} {
		if got := changes(at(tt.last), at(tt.now), tt.period); got != tt.want {
			t.Errorf("changes(%v, %v, %d) = %v, want %v", tt.last, tt.now, tt.period, got, tt.want)
		}
	}
}
