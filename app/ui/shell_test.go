package ui

import (
	"errors"
	"testing"
)

// TestPersistAnswer checks what the browser's answers to the request for
// persistent storage mean.
func TestPersistAnswer(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
		err  error
		want persistState
	}{
		{"granted", true, nil, persistGranted},
		{"refused", false, nil, persistDenied},
		{"failed", false, errors.New("no"), persistDenied},
		{"failed but true", true, errors.New("no"), persistDenied},
	} {
		if got := persistAnswer(tt.ok, tt.err); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
