//go:build !unix

package testenv

import "time"

// CPUTime is not measured on this system: it is always 0, and benchmarks
// then report the wall time only.
func CPUTime() time.Duration { return 0 }
