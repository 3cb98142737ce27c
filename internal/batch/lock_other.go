//go:build !unix

package batch

import "os"

// Without flock (Windows) runs are not locked; docs/batch.md says so.
func flock(f *os.File, exclusive bool) error { return nil }

func isBusy(err error) bool { return false }
