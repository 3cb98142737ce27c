//go:build !linux

package atomicfile

import (
	"os"
	"runtime"
)

// Elsewhere there is no syncfs: a group's temps are synced each, several
// at once. Windows cannot sync a directory.
const haveSyncfs = false

var dirSync = runtime.GOOS != "windows"

func syncfs(*os.File) error { return nil }

func device(*os.File) (uint64, bool) { return 0, false }
