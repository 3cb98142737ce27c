package batch

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/zongjie/zongjie/internal/build"
)

var update = flag.Bool("update", false, "rewrite testdata/branches-rollup.md")

// The roll-up of samples/branches, byte for byte: branches in natural
// order, the method two of them share, the parent's leaders. Rerun with
// -update after a deliberate change and read the diff.
func TestSampleRollupGolden(t *testing.T) {
	out := t.TempDir()
	rep := mustRun(t, options(t, "../../samples/branches", out, build.Markdown))
	if len(rep.Diags) > 0 {
		t.Fatalf("diagnostics: %v", rep.Diags)
	}
	got, err := os.ReadFile(filepath.Join(out, RollupName+".md"))
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/branches-rollup.md"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("roll-up differs from %s (rerun with -update if intended):\n%s", golden, got)
	}
}
