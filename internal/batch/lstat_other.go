//go:build !linux

package batch

import (
	"os"
	"path/filepath"
)

// lstatIn lstats name in the folder dir.
func lstatIn(_ *os.File, dir, name string) outStat { return lstatPath(filepath.Join(dir, name)) }
