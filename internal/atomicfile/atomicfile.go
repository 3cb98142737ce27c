// Package atomicfile writes files so that a reader, or a crash, only ever
// sees the old content or the new, never a truncated file.
package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
)

// Write writes data to a temp file beside path, syncs it and renames it
// into place. On any failure the temp file is removed and path is untouched.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// RemoveStale deletes the temp files Write leaves when the process is
// killed between creating and renaming one (".NAME.RANDOM.tmp").
func RemoveStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") && strings.Count(n, ".") >= 3 {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
