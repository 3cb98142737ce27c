//go:build !unix

package files

import "os"

func openNonblock(path string) (*os.File, error) { return os.Open(path) }
