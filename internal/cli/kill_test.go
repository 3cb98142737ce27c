package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/batchgen"
)

// TestKilledBatch kills a batch (SIGKILL: no clean-up) once its first
// chunk of files is in place, while the next chunk's temp files are being
// written. The next run removes the temp files and completes the batch,
// the same bytes as a clean build.
func TestKilledBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildCommand(t)
	dir, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
	if err := batchgen.Generate(dir, 120, 7); err != nil {
		t.Fatal(err)
	}
	zj := func(args ...string) *exec.Cmd { return exec.Command(bin, append([]string{"batch"}, args...)...) }
	if o, err := zj(dir, "-o", ref, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, o)
	}
	cmd := zj(dir, "-o", out, "--quiet", "-j", "1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no file in place within 20 s")
		}
		if m, _ := filepath.Glob(filepath.Join(out, "*.md")); len(m) > 0 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	first := snapshot(t, out)
	if len(first) == 0 || len(first) >= 4*120 {
		t.Fatalf("%d files after the kill: not stopped midway", len(first))
	}

	o, err := zj(dir, "-o", out).CombinedOutput()
	if err != nil {
		t.Fatalf("next run: %v\n%s", err, o)
	}
	want := snapshot(t, ref)
	got := snapshot(t, out)
	for name, data := range got {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("temp file left: %s", name)
		} else if !bytes.Equal(data, want[name]) {
			t.Errorf("%s differs from a clean build", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, a clean build has %d", len(got), len(want))
	}
	if entries, _ := os.ReadDir(out); len(entries) != len(want)+1 {
		t.Errorf("%d entries in OUT, want the outputs and the state folder", len(entries))
	}
}
