package cli

import (
	"os/exec"
	"testing"
	"time"
)

// BenchmarkOneSheetProcess runs `zongjie build` on one sample, all three
// formats, as a whole process: start-up (the embedded faces), decoding,
// rendering and writing. cpu-ms/op is the child's user + system time,
// which other load on the machine disturbs less than wall time.
//
//	go test -run XXX -bench OneSheetProcess -benchtime 20x ./internal/cli
func BenchmarkOneSheetProcess(b *testing.B) {
	bin := buildCommand(b)
	out := b.TempDir()
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "build", "../../samples/county-planning-bureau.toml", "-o", out)
		if o, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, o)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
