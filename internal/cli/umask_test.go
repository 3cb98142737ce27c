//go:build unix

package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputsHonourUmask reproduces issue 13: under umask 077 the outputs
// and the batch manifest were written 0644, and an existing 0600 output
// became 0644.
func TestOutputsHonourUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)

	dir := t.TempDir()
	if code, _, errs := run("build", "../../samples/minimal.toml", "-o", dir); code != ExitOK {
		t.Fatalf("build: exit %d, %s", code, errs)
	}
	checkModes(t, dir, 0o600)

	// A mode the user chose survives a rebuild.
	pdf := filepath.Join(dir, "minimal.pdf")
	if err := os.Chmod(pdf, 0o640); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run("build", "../../samples/minimal.toml", "-o", dir); code != ExitOK {
		t.Fatalf("rebuild: exit %d, %s", code, errs)
	}
	if info, _ := os.Stat(pdf); info.Mode().Perm() != 0o640 {
		t.Errorf("a 0640 output became %v on rebuild", info.Mode().Perm())
	}

	out := t.TempDir()
	if code, _, errs := run("batch", "../../samples/branches", "-o", out, "--quiet"); code != ExitOK {
		t.Fatalf("batch: exit %d, %s", code, errs)
	}
	checkModes(t, out, 0o600)
}

// checkModes fails for any file under dir whose mode is not want.
func checkModes(t *testing.T, dir string, want fs.FileMode) {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		if info, _ := d.Info(); info.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if n < 3 {
		t.Errorf("%s holds %d files", dir, n)
	}
}
