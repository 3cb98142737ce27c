//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteHonoursUmask reproduces issue 13: under umask 077 outputs were
// written 0644, and an existing 0600 file became 0644.
func TestWriteHonoursUmask(t *testing.T) {
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}, {0o027, 0o640}} {
		old := syscall.Umask(c.umask)
		dir := t.TempDir()
		p := filepath.Join(dir, "a.pdf")
		err := Write(p, []byte("x"), 0o666)
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(p); info.Mode().Perm() != c.want {
			t.Errorf("umask %03o: new file is %v, want %v", c.umask, info.Mode().Perm(), c.want)
		}
	}
}

func TestWriteKeepsExistingMode(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664, 0o444} {
		p := filepath.Join(dir, "a.md")
		os.Remove(p)
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := Write(p, []byte("new"), 0o666); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(p)
		if got, _ := os.ReadFile(p); string(got) != "new" || info.Mode().Perm() != mode {
			t.Errorf("a %v file became %v holding %q", mode, info.Mode().Perm(), got)
		}
	}
}
