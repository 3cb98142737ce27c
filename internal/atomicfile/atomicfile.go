// Package atomicfile writes files so that a reader, or a crash, only ever
// sees the old content or the new, never a truncated file.
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Write writes data to a temp file beside path, syncs it and renames it
// into place. On any failure the temp file is removed and path is untouched.
//
// A new file gets perm less the umask, as os.WriteFile gives it (pass
// 0o666 for an ordinary file); a file that exists keeps its mode, so a
// user's 0600 stays 0600.
func Write(path string, data []byte, perm os.FileMode) error {
	tmp, err := writeTemp(path, data, perm, true)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new temp file beside path, with path's mode
// if it exists, syncing it if sync is set, and returns its name. On
// failure nothing is left.
func writeTemp(path string, data []byte, perm os.FileMode, sync bool) (name string, err error) {
	keep, exists := os.FileMode(0), false
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		keep, exists = info.Mode().Perm(), true
	}
	f, err := createTemp(path, perm)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if exists {
		if err = f.Chmod(keep); err != nil {
			return "", err
		}
	}
	if sync {
		if err = f.Sync(); err != nil {
			return "", err
		}
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// createTemp creates ".NAME.RANDOM.tmp" beside path with perm, which the
// system reduces by the umask (os.CreateTemp would always give 0600, and
// asking for the umask means changing it, for every goroutine at once).
func createTemp(path string, perm os.FileMode) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for range 10000 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+".*.tmp"), Err: fs.ErrExist}
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
