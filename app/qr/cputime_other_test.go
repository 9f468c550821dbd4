//go:build !unix

package qr

import (
	"testing"
	"time"
)

// cpuTime is not measured on this system; reportCPU then reports 0.
func cpuTime() time.Duration { return 0 }

func reportCPU(b *testing.B, start time.Duration) {}
