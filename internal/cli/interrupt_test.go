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

// TestInterruptedBatchLosesNothing edits every sheet of a built batch,
// starts the rebuild in a separate process and sends it SIGINT (then, in a
// second round, SIGTERM) as soon as the first new file lands. Every output
// must then be either its old version or its new one, never truncated, and
// no temp file may be left; a later run completes the batch.
func TestInterruptedBatchLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildCommand(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { interruptOnce(t, bin, sig) })
	}
}

func interruptOnce(t *testing.T, bin string, sig syscall.Signal) {
	const n = 120
	dir, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
	if err := batchgen.Generate(dir, n, 7); err != nil {
		t.Fatal(err)
	}
	zj := func(args ...string) *exec.Cmd { return exec.Command(bin, append([]string{"batch"}, args...)...) }
	if out, err := zj(dir, "-o", out, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	old := snapshot(t, out)
	// A new signature date changes every branch's every output.
	defaults := filepath.Join(dir, "_defaults.toml")
	b, _ := os.ReadFile(defaults)
	os.WriteFile(defaults, bytes.Replace(b, []byte("date = 2011-01-28"), []byte("date = 2011-01-29"), 1), 0o644)
	if !bytes.Contains(b, []byte("date = 2011-01-28")) {
		t.Fatal("generator's defaults changed; update the test")
	}
	if out, err := zj(dir, "-o", ref, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	want := snapshot(t, ref)

	cmd := zj(dir, "-o", out, "--quiet", "-j", "1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !anyChanged(out, old) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the rebuild wrote nothing new within 20 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitProblem {
		t.Fatalf("interrupted run: %v, want exit %d\n%s", err, ExitProblem, stderr.String())
	}
	if !strings.Contains(stderr.String(), "已中断") || strings.Contains(stderr.String(), "goroutine") {
		t.Errorf("stderr: %s", stderr.String())
	}

	got := snapshot(t, out)
	var kept, renewed int
	for name, data := range got {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("temp file left behind: %s", name)
			continue
		}
		switch {
		case bytes.Equal(data, want[name]):
			renewed++
		case bytes.Equal(data, old[name]):
			kept++
		default:
			t.Errorf("%s is neither its old nor its new version (%d bytes)", name, len(data))
		}
	}
	if renewed == 0 || kept == 0 {
		t.Errorf("renewed %d and kept %d files: the run was not stopped midway", renewed, kept)
	}

	// The next run finishes the job.
	if out, err := zj(dir, "-o", out, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("resumed run: %v\n%s", err, out)
	}
	for name, data := range snapshot(t, out) {
		if !bytes.Equal(data, want[name]) {
			t.Errorf("after resuming, %s differs from a clean build", name)
		}
	}
}

// snapshot reads every output file (not the state folder).
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	return m
}

func anyChanged(dir string, old map[string][]byte) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && !bytes.Equal(b, old[e.Name()]) {
			return true
		}
	}
	return false
}
