package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestHoldGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	t.Setenv("GOGC", "50")
	HoldGC()
	if heldGC.Load() || debug.SetGCPercent(100) != 100 {
		t.Fatal("HoldGC overrode the user's GOGC")
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	HoldGC()
	if !heldGC.Load() || debug.SetMemoryLimit(-1) != 256<<20 || debug.SetGCPercent(-1) != -1 {
		t.Fatal("HoldGC did not turn collection off below 256 MiB")
	}
	releaseGC()
	if heldGC.Load() || debug.SetGCPercent(100) != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatal("releaseGC did not restore the default collector")
	}
	HoldGC()
	releaseGCAt(batchGC)
	if debug.SetGCPercent(100) != batchGC {
		t.Fatal("releaseGCAt did not set the batch's percent")
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	HoldGC()
	releaseGCAt(batchGC)
	if debug.SetGCPercent(100) != 50 {
		t.Fatal("a batch overrode the user's GOGC")
	}
}
