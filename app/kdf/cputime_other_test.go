//go:build !unix

package kdf

import "time"

// cpuTime is not measured on this system; the benchmark then reports the
// wall time only.
func cpuTime() time.Duration { return 0 }
