//go:build linux || darwin

package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/build"
)

// A rerun takes a sheet's recorded hash when its stat is what the record
// says and old enough; any change that stat can see makes it read.
func TestSheetsTrustedOnTheirStat(t *testing.T) {
	defer func(c func() int64) { clock = c }(clock)
	in, out := folder(t, 3), t.TempDir()
	sheet := filepath.Join(in, "b0002.toml")
	// later: the runs take place well after the sheets changed; soon: right after.
	later := func() int64 { return time.Now().Add(time.Minute).UnixNano() }
	soon := func() int64 { return time.Now().UnixNano() }
	run := func(what string, when func() int64, wantRead, wantBuilt int) {
		t.Helper()
		clock = when
		sheetReads.Store(0)
		rep := mustRun(t, options(t, in, out, build.Markdown))
		if n := sheetReads.Load(); n != int64(wantRead) || rep.Built != wantBuilt {
			t.Errorf("%s: read %d sheets, built %d; want %d, %d", what, n, rep.Built, wantRead, wantBuilt)
		}
	}

	run("first run", later, 3, 3)
	run("rerun", later, 0, 0)

	// Same size, same modification time, other content: the change time
	// tells.
	info, _ := os.Stat(sheet)
	src, _ := os.ReadFile(sheet)
	changed := strings.Replace(string(src), "participants = 5", "participants = 4", 1)
	if changed == string(src) {
		t.Fatal("the generated sheet has changed: pick another edit")
	}
	if err := os.WriteFile(sheet, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(sheet, info.ModTime(), info.ModTime())
	// (The roll-up's figures change, so the other two are read to verify
	// their records before it prints them.)
	run("same size and time, other content", soon, 3, 1)
	// Recorded within the window after its change: read again, and its
	// stat is recorded once a run comes late enough to trust it.
	run("recorded too soon after its change", soon, 1, 0)
	run("a run well after the change", later, 1, 0)
	run("rerun after that", later, 0, 0)

	// Touched: read, found unchanged, not rebuilt.
	now := time.Now()
	os.Chtimes(sheet, now, now)
	run("touched", later, 1, 0)
	run("rerun after the touch", later, 0, 0)
}
