//go:build unix

package qr

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time so far. The
// benchmarks report it per operation as "cpu-ms/op" next to the wall
// time: on a machine shared with other work the wall time of a run varies
// by 2 to 4 times, the CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
