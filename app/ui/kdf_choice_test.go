package ui

import (
	"testing"
	"time"

	"twofold.app/app/kdf"
	"twofold.app/app/vault"
)

func TestKDFEstimate(t *testing.T) {
	tests := []struct {
		name       string
		d          time.Duration
		took, for_ vault.Params
		want       time.Duration
	}{
		{"same", time.Second, kdf.Default, kdf.Default, time.Second},
		{"default to stronger", 800 * time.Millisecond, kdf.Default, kdf.Stronger, 3200 * time.Millisecond},
		{"stronger to default", 4 * time.Second, kdf.Stronger, kdf.Default, time.Second},
		{"twice the passes", time.Second, vault.Params{Time: 1, MemoryKiB: 1024, Threads: 1}, vault.Params{Time: 2, MemoryKiB: 1024, Threads: 1}, 2 * time.Second},
		{"unknown", time.Second, vault.Params{}, kdf.Default, 0},
	}
	for _, tt := range tests {
		if got := estimate(tt.d, tt.took, tt.for_); got != tt.want {
			t.Errorf("%s: estimate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestIsStronger(t *testing.T) {
	for _, tt := range []struct {
		p    vault.Params
		want bool
	}{
		{kdf.Default, false},
		{kdf.Stronger, true},
		{vault.Params{Time: 12, MemoryKiB: 64 * 1024, Threads: 1}, true}, // as much work
		{vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}, false},
	} {
		if got := isStronger(tt.p); got != tt.want {
			t.Errorf("isStronger(%+v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}
