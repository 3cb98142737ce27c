package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/batchgen"
)

// BenchmarkBatch builds every format of N generated branches, the roll-up
// and the index from scratch (--force), as the command line does: one
// Builder per run, one worker per CPU. docs/s counts branch summaries;
// cpu-ms/doc is CPU time (user + system) per summary, which other load on
// the machine disturbs less than wall time.
//
//	go test -run XXX -bench Batch -benchtime 3x ./internal/batch
func BenchmarkBatch(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in, out := folder(b, n), b.TempDir()
			opt := Options{Inputs: []string{in}, Out: out, Version: "bench", Force: true}
			start, cpu := time.Now(), cpuTime()
			for b.Loop() {
				if rep := mustRun(b, opt); rep.Built != n || rep.Diags != nil {
					b.Fatalf("built %d: %v", rep.Built, rep.Diags)
				}
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "docs/s")
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(n*b.N), "cpu-ms/doc")
		})
	}
}

// BenchmarkRerun is a second run over 1000 branches with nothing changed:
// it must write nothing.
func BenchmarkRerun(b *testing.B) {
	in, out := folder(b, 1000), b.TempDir()
	opt := Options{Inputs: []string{in}, Out: out, Version: "bench"}
	mustRun(b, opt)
	for b.Loop() {
		if rep := mustRun(b, opt); rep.UpToDate != 1000 || len(rep.Written) != 0 {
			b.Fatalf("up to date %d, wrote %d", rep.UpToDate, len(rep.Written))
		}
	}
}

// BenchmarkOneChanged edits one of 1000 sheets before each run. A text
// edit rebuilds that branch's three files; a figure edit also the
// roll-up (a hundred-page PDF over 1000 branches) and the index.
func BenchmarkOneChanged(b *testing.B) {
	in, out := folder(b, 1000), b.TempDir()
	opt := Options{Inputs: []string{in}, Out: out, Version: "bench"}
	mustRun(b, opt)
	sheet := filepath.Join(in, batchgen.BranchFile(500))
	src, _ := os.ReadFile(sheet)
	i := 0
	for _, c := range []struct {
		name    string
		edit    func() []byte
		written int
	}{
		{"text", func() []byte { return fmt.Appendf(src, "\n[effects]\ntext = \"第%d次修改。\"\n", i) }, 3},
		{"figure", func() []byte {
			return regexp.MustCompile(`members = \d+`).ReplaceAll(src, fmt.Appendf(nil, "members = %d", 40+i%2))
		}, 3 + 3 + 1},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				i++
				os.WriteFile(sheet, c.edit(), 0o644)
				b.StartTimer()
				if rep := mustRun(b, opt); rep.Built != 1 || len(rep.Written) != c.written {
					b.Fatalf("built %d, wrote %v", rep.Built, rep.Written)
				}
			}
		})
	}
}
