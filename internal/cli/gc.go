package cli

import (
	"math"
	"os"
	"runtime/debug"
	"sync/atomic"
)

// heldGC is set while the collector is held back (HoldGC).
var heldGC atomic.Bool

// HoldGC, called by main at start, turns garbage collection off until the
// heap reaches 256 MiB. A build of one sheet or a batch with nothing to
// rebuild ends in tens of milliseconds, before collecting would free
// anything worth the time; the limit keeps an unexpected heap bounded.
// A GOGC or GOMEMLIMIT the user set wins. Tests never call it.
func HoldGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
	heldGC.Store(true)
}

// releaseGC restores the default collector for a long run: a batch that
// renders, a build of many sheets, watch and preview.
func releaseGC() {
	if heldGC.CompareAndSwap(true, false) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
