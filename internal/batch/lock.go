package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/internal/files"
)

// One batch at a time per OUT: a run over every branch (and --rollup-only)
// holds OUT/.zongjie/lock exclusively; a shard holds it shared, so the
// shards of one batch can run at once, and holds its own
// shard-I-of-N.lock exclusively. A run that cannot take its locks does
// not wait: it exits 1 saying which process holds them. Only the
// exclusive holder removes stale temp files, since another run's
// in-flight files look just the same.
const lockFile = "lock"

// BusyError is an OUT another zongjie batch is using.
type BusyError struct {
	Out  string
	PIDs []int // the holders, when they could be read
}

func (e *BusyError) Error() string {
	who := "另一个 zongjie batch"
	if len(e.PIDs) > 0 {
		var ps []string
		for _, p := range e.PIDs {
			ps = append(ps, strconv.Itoa(p))
		}
		who += "（进程 " + strings.Join(ps, "、") + "）"
	}
	return fmt.Sprintf("输出目录 %s 正由%s使用：同一输出目录一次只能运行一个 batch，请等它结束后再运行", e.Out, who)
}

// outLock is the locks a run holds; release gives them back.
type outLock struct {
	files     []*os.File
	exclusive []bool
}

// lockOut takes the locks for a run over sh; exclusive reports whether the
// run holds OUT alone (and may remove stale temp files).
func lockOut(out string, sh Shard) (l *outLock, exclusive bool, err error) {
	dir := stateDir(out)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, &FatalError{fmt.Errorf("无法创建 %s：%s", dir, err)}
	}
	l = &outLock{}
	main := filepath.Join(dir, lockFile)
	if err := l.take(main, sh.All()); err != nil {
		l.release()
		return nil, false, lockError(out, err, main)
	}
	if sh.All() {
		return l, true, nil
	}
	own := filepath.Join(dir, strings.TrimSuffix(manifestFile(sh), ".json")+".lock")
	if err := l.take(own, true); err != nil {
		l.release()
		return nil, false, lockError(out, err, own)
	}
	return l, false, nil
}

// take opens path and locks it; an exclusive holder writes its process id
// there for others' messages.
func (l *outLock) take(path string, exclusive bool) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := flock(f, exclusive); err != nil {
		f.Close()
		return err
	}
	l.files = append(l.files, f)
	l.exclusive = append(l.exclusive, exclusive)
	if exclusive {
		f.Truncate(0)
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return nil
}

func (l *outLock) release() {
	for i := len(l.files) - 1; i >= 0; i-- {
		f := l.files[i]
		if l.exclusive[i] {
			f.Truncate(0) // no stale process id for the next message
		}
		f.Close() // closing releases the lock
	}
	l.files, l.exclusive = nil, nil
}

// lockError says who holds what could not be locked: the process id an
// exclusive holder wrote, or those of the shards holding OUT.
func lockError(out string, err error, path string) error {
	if !isBusy(err) {
		return &FatalError{fmt.Errorf("无法锁定 %s：%s", path, err)}
	}
	be := &BusyError{Out: out}
	cands := []string{path}
	if filepath.Base(path) == lockFile {
		shards, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "shard-*.lock"))
		cands = append(cands, shards...)
	}
	for _, c := range cands {
		b, err := files.Read(c, files.Lock)
		if err != nil {
			continue
		}
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			be.PIDs = append(be.PIDs, pid)
		}
	}
	return be
}
