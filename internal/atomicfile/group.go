package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// Group writes many files with one sync pass instead of one fsync each.
// Write puts each file's bytes in a temp file beside it; Commit makes
// every temp durable at once, renames them into place, syncs their
// directories, and only then tells each file's outcome. Until Commit,
// every target holds its old content; a file that fails to sync or to be
// renamed keeps it for good, and no temp file is left behind.
//
// Write may be called from several goroutines; Commit and Abort once,
// after the last Write.
type Group struct {
	hooks Hooks

	mu    sync.Mutex
	files []*Pending
	dirs  map[string]*dirHandle
	done  bool
}

var errAborted = errors.New("atomicfile: group aborted")

// Hooks replace the steps of a commit, to make one fail or to watch their
// order in tests. A nil field means the system's own.
type Hooks struct {
	// Sync makes the temp files durable.
	Sync func(temps []string) error
	// Rename moves a durable temp file into place.
	Rename func(from, to string) error
	// SyncDir makes the renames in dir durable.
	SyncDir func(dir string) error
}

// Pending is one file of a group. Its outcome is known once the group is
// committed or aborted.
type Pending struct {
	Path string
	tmp  string
	dir  *dirHandle
	err  error
	info os.FileInfo
}

// Result is the file's outcome after Commit: what is at Path now, or why
// Path still holds its old content.
func (p *Pending) Result() (os.FileInfo, error) { return p.info, p.err }

// dirHandle is a directory of the group's files, opened before the first
// temp in it is written so that a sync of its file system reports every
// write-back error since (Linux's syncfs reports only errors after the
// open).
type dirHandle struct {
	path string
	f    *os.File // nil if the directory cannot be opened
	err  error    // of its sync
}

// NewGroup starts a group; hooks may be zero.
func NewGroup(hooks Hooks) *Group {
	return &Group{hooks: hooks, dirs: map[string]*dirHandle{}}
}

// Write puts data in a temp file beside path, with the mode Write would
// give the file, and queues it for Commit. An error here means nothing
// was queued and path is untouched.
func (g *Group) Write(path string, data []byte, perm os.FileMode) (*Pending, error) {
	d := g.dir(filepath.Dir(path))
	tmp, err := writeTemp(path, data, perm, false)
	if err != nil {
		return nil, err
	}
	p := &Pending{Path: path, tmp: tmp, dir: d}
	g.mu.Lock()
	g.files = append(g.files, p)
	g.mu.Unlock()
	return p, nil
}

func (g *Group) dir(path string) *dirHandle {
	g.mu.Lock()
	defer g.mu.Unlock()
	if d := g.dirs[path]; d != nil {
		return d
	}
	d := &dirHandle{path: path}
	if f, err := os.Open(path); err == nil {
		d.f = f
	}
	g.dirs[path] = d
	return d
}

// Len is the number of files queued.
func (g *Group) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.files)
}

// Commit makes the queued files durable and puts them in place: first
// every temp is synced, then each is renamed over its target, then each
// directory is synced once. A file's Result has no error only when all
// three steps went through for it (when only its folder's sync fails, the
// new content is in place but not known to be durable). Commit returns
// the first error, in the order the files were queued.
func (g *Group) Commit() error {
	files := g.finish()
	defer g.closeDirs()
	if len(files) == 0 {
		return nil
	}
	g.sync(files)
	rename := g.hooks.Rename
	if rename == nil {
		rename = os.Rename
	}
	// Several at once: replacing a file frees the old one's blocks, which
	// the kernel does within the rename but outside the folder's lock.
	each(files, func(p *Pending) {
		if p.err == nil {
			p.err = rename(p.tmp, p.Path)
		}
		if p.err != nil {
			os.Remove(p.tmp)
		}
	})
	renamed := map[*dirHandle]bool{}
	for _, p := range files {
		if p.err == nil {
			renamed[p.dir] = true
		}
	}
	for d := range renamed {
		d.err = g.syncDir(d)
	}
	var first error
	for _, p := range files {
		if p.err == nil {
			p.err = p.dir.err
		}
		if p.err == nil {
			p.info, p.err = os.Lstat(p.Path)
		}
		if p.err != nil && first == nil {
			first = p.err
		}
	}
	return first
}

// Abort removes the queued temp files: every target keeps its old content.
func (g *Group) Abort() {
	for _, p := range g.finish() {
		os.Remove(p.tmp)
		p.err = errAborted
	}
	g.closeDirs()
}

func (g *Group) finish() []*Pending {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.done {
		panic("atomicfile: group committed twice")
	}
	g.done = true
	return g.files
}

func (g *Group) closeDirs() {
	for _, d := range g.dirs {
		if d.f != nil {
			d.f.Close()
		}
	}
}

// syncfsMin is the size of a group from which one syncfs beats an fsync of
// each temp in parallel. A syncfs also waits for every other program's
// unwritten data on the file system (measured: 0.5 s after an 800 MB
// write, against 10 ms for four fsyncs), which only a big group pays back.
const syncfsMin = 16

// sync makes every temp durable, setting the error of those that are not.
func (g *Group) sync(files []*Pending) {
	if g.hooks.Sync != nil {
		temps := make([]string, len(files))
		for i, p := range files {
			temps[i] = p.tmp
		}
		if err := g.hooks.Sync(temps); err != nil {
			for _, p := range files {
				p.err = err
			}
		}
		return
	}
	each := files
	if haveSyncfs && len(files) >= syncfsMin {
		// One syncfs per file system; where it fails, or the folder could
		// not be opened, each temp is synced, to tell which are durable.
		each = nil
		byDir := map[*dirHandle]error{}
		byDev := map[uint64]error{}
		for _, p := range files {
			err, seen := byDir[p.dir]
			if !seen {
				err = syncfsOnce(p.dir, byDev)
				byDir[p.dir] = err
			}
			if err != nil {
				each = append(each, p)
			}
		}
	}
	syncEach(each)
}

// syncfsOnce syncs d's file system unless done holds its outcome already.
func syncfsOnce(d *dirHandle, done map[uint64]error) error {
	if d.f == nil {
		return errNoDir
	}
	dev, ok := device(d.f)
	if err, seen := done[dev]; ok && seen {
		return err
	}
	err := syncfs(d.f)
	if ok {
		done[dev] = err
	}
	return err
}

var errNoDir = errors.New("folder not open")

// syncEach fsyncs the temps, several at once.
func syncEach(files []*Pending) {
	each(files, func(p *Pending) { p.err = syncFile(p.tmp) })
}

// each runs f on every file, several at once.
func each(files []*Pending, f func(*Pending)) {
	next := make(chan *Pending)
	var wg sync.WaitGroup
	for range min(len(files), 8) {
		wg.Go(func() {
			for p := range next {
				f(p)
			}
		})
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
}

func (g *Group) syncDir(d *dirHandle) error {
	if g.hooks.SyncDir != nil {
		return g.hooks.SyncDir(d.path)
	}
	if d.f == nil || !dirSync {
		return nil
	}
	err := d.f.Sync()
	if errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.EINVAL) {
		return nil // a file system that cannot sync a folder (some network ones)
	}
	return err
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
