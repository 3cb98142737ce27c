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

// releaseGC restores the collector for a long run: a build or check of
// many sheets, watch and preview.
func releaseGC() { releaseGCAt(100) }

// batchGC is the collector's percent for a batch that renders. A batch
// keeps little (14 MB for 1000 branches) and allocates much; collecting
// at three times that, not twice, took a sixth off its CPU time (1.85 →
// 1.55 s user for 1000 branches) for 20 MB more memory at the peak
// (70 → 90 MB), which still grows with the folder, not without bound.
const batchGC = 200

// releaseGCAt restores the collector at percent, unless the user set it.
func releaseGCAt(percent int) {
	if heldGC.CompareAndSwap(true, false) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
