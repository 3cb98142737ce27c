//go:build linux || darwin

package batch

import (
	"os"
	"syscall"
)

// statSheet stats the sheet at path (following a link, as reading does).
func statSheet(path string) (SheetStat, bool) {
	at := clock()
	info, err := os.Stat(path)
	if err != nil {
		return SheetStat{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !info.Mode().IsRegular() {
		return SheetStat{}, false
	}
	return SheetStat{Size: info.Size(), MTime: info.ModTime().UnixNano(), CTime: ctime(st), Ino: uint64(st.Ino), At: at}, true
}
