package ui

import (
	"errors"
	"testing"
	"time"
)

// TestAskPersist checks the answers to the request for persistent
// storage, and that a browser that never answers does not hold up a new
// vault.
func TestAskPersist(t *testing.T) {
	defer func(d time.Duration) { persistWait = d }(persistWait)
	persistWait = 50 * time.Millisecond
	never := make(chan struct{})
	defer close(never)
	for _, tt := range []struct {
		name    string
		persist func() (bool, error)
		want    persistState
	}{
		{"no storage manager", nil, persistUnknown},
		{"granted", func() (bool, error) { return true, nil }, persistGranted},
		{"refused", func() (bool, error) { return false, nil }, persistDenied},
		{"failed", func() (bool, error) { return false, errors.New("no") }, persistDenied},
		{"never answers", func() (bool, error) { <-never; return true, nil }, persistUnknown},
	} {
		if got := askPersist(tt.persist); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
