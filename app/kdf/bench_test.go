package kdf

import (
	"testing"

	"twofold.app/app/internal/testenv"
)

// BenchmarkDeriveDefault measures one derivation with [Default] on one
// core: the cost of one password guess to someone who copied a vault, a
// backup or the frames of a transfer, and tries passwords natively (see
// THREAT-MODEL.md). Besides the wall time it reports the CPU time per
// derivation, which the other work on a shared machine disturbs less, and
// the guesses per second of one core that this CPU time gives.
func BenchmarkDeriveDefault(b *testing.B) { benchDerive(b, Default) }

// BenchmarkDeriveStronger measures one derivation with [Stronger], as
// BenchmarkDeriveDefault does with [Default].
func BenchmarkDeriveStronger(b *testing.B) { benchDerive(b, Stronger) }

func benchDerive(b *testing.B, p Params) {
	password, salt := []byte("correct horse battery staple"), []byte("kdfbench-salt-16")
	start := testenv.CPUTime()
	for b.Loop() {
		if _, err := Argon2id(password, salt, p); err != nil {
			b.Fatal(err)
		}
	}
	cpu := testenv.CPUTime() - start
	if cpu > 0 {
		perOp := cpu.Seconds() / float64(b.N)
		b.ReportMetric(perOp*1000, "cpu-ms/op")
		b.ReportMetric(1/perOp, "guesses/cpu-s")
	}
}
