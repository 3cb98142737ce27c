//go:build unix

package files

import (
	"os"
	"syscall"
)

// openNonblock opens without waiting for a FIFO's writer; reads of a
// regular file are unaffected by O_NONBLOCK.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
