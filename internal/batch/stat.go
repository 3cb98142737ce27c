package batch

import (
	"sync/atomic"
	"time"
)

// sheetReads counts sheets read, for the tests.
var sheetReads atomic.Int64

// SheetStat is what stat said of a sheet just before it was read. A later
// run that finds the same takes the recorded hash instead of reading the
// sheet: with 1000 sheets, reading them was a fifth of a rerun with
// nothing changed. The change time and inode number, which no editor or
// copy can set back, catch a sheet replaced by one of the same size and
// modification time (cp -p, rsync -t, tar).
type SheetStat struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // nanoseconds
	CTime int64  `json:"ctime"` // nanoseconds
	Ino   uint64 `json:"ino"`
	// At is when the stat was taken, in nanoseconds.
	At int64 `json:"at"`
}

// racyWindow: a file system's clock may be coarse (ext4 ticks in
// milliseconds, FAT in two seconds), so a sheet written twice within one
// tick keeps one time. A stat taken within the window after the sheet's
// last change cannot tell a second change from none.
const racyWindow = 2e9

// clock gives At (tests move it).
var clock = func() int64 { return time.Now().UnixNano() }

// trusts reports whether cur, a stat taken now, shows the sheet unchanged
// since s was recorded: the same size, times and inode, and a change time
// older than the window before s was taken. A nil s trusts nothing.
func (s *SheetStat) trusts(cur SheetStat) bool {
	return s != nil && s.Size == cur.Size && s.MTime == cur.MTime && s.CTime == cur.CTime && s.Ino == cur.Ino &&
		s.MTime < s.At-racyWindow && s.CTime < s.At-racyWindow
}
