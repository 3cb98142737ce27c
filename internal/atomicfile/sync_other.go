//go:build !linux

package atomicfile

import (
	"os"
	"runtime"
)

// Elsewhere there is no syncfs: Write syncs each temp as it is written
// (the callers write from several goroutines). Windows cannot sync a
// directory.
const syncEach = true

var dirSync = runtime.GOOS != "windows"

func syncfs(*os.File) error { return nil }

func device(*os.File) (uint64, bool) { return 0, false }
