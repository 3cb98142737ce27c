package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// On Linux one syncfs makes a whole batch of temps durable: measured on
// ext4 (with and without a journal), 4000 files took 0.2–0.9 s against
// 1.0–2.6 s with an fsync each, and 0.7–2.0 s with the fsyncs in parallel.
const (
	haveSyncfs = true
	dirSync    = true
)

func syncfs(dir *os.File) error {
	conn, err := dir.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := conn.Control(func(fd uintptr) { serr = unix.Syncfs(int(fd)) }); err != nil {
		return err
	}
	return serr
}

// device is the file system dir is on.
func device(dir *os.File) (uint64, bool) {
	var st unix.Stat_t
	conn, err := dir.SyscallConn()
	if err != nil {
		return 0, false
	}
	var serr error
	if err := conn.Control(func(fd uintptr) { serr = unix.Fstat(int(fd), &st) }); err != nil || serr != nil {
		return 0, false
	}
	return uint64(st.Dev), true
}
