//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/batchgen"
)

// These run the built command as a whole process, as a user does:
// start-up, reading, rendering and writing. cpu-ms/op is the child's user
// + system time, which other load on the machine disturbs less than wall
// time; peak-MB is its peak resident memory.

// BenchmarkOneSheetProcess runs `zongjie build` on one sample, every
// format.
//
//	go test -run XXX -bench OneSheetProcess -benchtime 20x ./internal/cli
func BenchmarkOneSheetProcess(b *testing.B) {
	bin := buildCommand(b)
	out := b.TempDir()
	var cpu time.Duration
	var peak int64
	for b.Loop() {
		cpu, peak = runProcess(b, cpu, peak, bin, "build", "../../samples/county-planning-bureau.toml", "-o", out)
	}
	report(b, cpu, peak)
}

// BenchmarkBatchProcess runs `zongjie batch` over 1000 generated branches
// (go run ./internal/batch/gen), every format, from scratch; and
// BenchmarkRerunProcess runs it again with nothing changed, after the
// sheets' last change is old enough to trust their stat.
//
//	go test -run XXX -bench 'BatchProcess|RerunProcess' -benchtime 3x ./internal/cli
func BenchmarkBatchProcess(b *testing.B) {
	bin, in := buildCommand(b), branches(b, 1000)
	var cpu time.Duration
	var peak int64
	for b.Loop() {
		out := b.TempDir()
		cpu, peak = runProcess(b, cpu, peak, bin, "batch", in, "-o", out, "--quiet")
	}
	report(b, cpu, peak)
}

func BenchmarkRerunProcess(b *testing.B) {
	bin, in, out := buildCommand(b), branches(b, 1000), b.TempDir()
	runProcess(b, 0, 0, bin, "batch", in, "-o", out, "--quiet")
	var cpu time.Duration
	var peak int64
	for b.Loop() {
		cpu, peak = runProcess(b, cpu, peak, bin, "batch", in, "-o", out, "--quiet")
	}
	report(b, cpu, peak)
}

// branches generates n branch sheets dated an hour ago.
func branches(b *testing.B, n int) string {
	dir := filepath.Join(b.TempDir(), "branches")
	if err := batchgen.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	old := time.Now().Add(-time.Hour)
	for _, e := range entries {
		os.Chtimes(filepath.Join(dir, e.Name()), old, old)
	}
	return dir
}

func runProcess(b *testing.B, cpu time.Duration, peak int64, bin string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(bin, args...)
	if o, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, o)
	}
	st := cmd.ProcessState
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		peak = max(peak, ru.Maxrss)
	}
	return cpu + st.UserTime() + st.SystemTime(), peak
}

func report(b *testing.B, cpu time.Duration, peak int64) {
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(peak)/1024, "peak-MB")
}
