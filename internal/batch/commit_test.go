package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zongjie/zongjie/internal/atomicfile"
	"github.com/zongjie/zongjie/internal/build"
)

// withGroups makes the runs of a test write chunks of files files
// through groups with hooks.
func withGroups(t *testing.T, files int, h atomicfile.Hooks) {
	oldNew, oldChunk := newGroup, chunkFiles
	newGroup = func() *atomicfile.Group { return atomicfile.NewGroup(h) }
	chunkFiles = files
	t.Cleanup(func() { newGroup, chunkFiles = oldNew, oldChunk })
}

type tickFunc func()

func (tickFunc) Start(int) {}
func (f tickFunc) Tick()   { f() }
func (tickFunc) Finish()   {}
func noTemps(t *testing.T, out string) {
	t.Helper()
	for _, n := range names(t, out) {
		if strings.HasSuffix(n, ".tmp") {
			t.Errorf("temp file left: %s", n)
		}
	}
}

// TestCommitBeforeReport: a branch is done (Progress.Tick, after which it
// is in the report and the manifest) only once its files were synced,
// renamed and their folder synced; nothing is renamed before its sync.
func TestCommitBeforeReport(t *testing.T) {
	in, out := folder(t, 12), t.TempDir()
	var mu sync.Mutex
	synced := map[string]bool{}
	var renamed, durable, ticks, syncs int
	withGroups(t, 4, atomicfile.Hooks{
		Sync: func(temps []string) error {
			mu.Lock()
			defer mu.Unlock()
			syncs++
			for _, tmp := range temps {
				synced[tmp] = true
			}
			return nil
		},
		Rename: func(from, to string) error {
			mu.Lock()
			defer mu.Unlock()
			if !synced[from] {
				t.Errorf("%s renamed before it was synced", to)
			}
			renamed++
			return os.Rename(from, to)
		},
		SyncDir: func(string) error {
			mu.Lock()
			durable = renamed
			mu.Unlock()
			return nil
		},
	})
	opt := options(t, in, out, build.Markdown, build.HTML)
	// Two renderers and four writers: a chunk holds at most four branches.
	opt.Jobs = 2
	opt.Progress = tickFunc(func() {
		mu.Lock()
		defer mu.Unlock()
		ticks++
		if 2*ticks > durable {
			t.Errorf("branch %d done with %d files durable", ticks, durable)
		}
	})
	rep := mustRun(t, opt)
	if rep.Built != 12 || ticks != 12 || renamed != 2*12+2 {
		t.Errorf("built %d, ticks %d, renamed %d", rep.Built, ticks, renamed)
	}
	if syncs < 3 {
		t.Errorf("%d syncs: the branches were not committed in chunks", syncs)
	}
	noTemps(t, out)
}

// TestFailedCommitKeepsOld: a rebuild whose sync fails for the chunk
// holding b0003's files leaves every file of that chunk as it was, on
// record as it was, says so in Chinese, and the next run rebuilds exactly
// those branches.
func TestFailedCommitKeepsOld(t *testing.T) {
	in, out := folder(t, 8), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	oldMan, _, _ := loadManifest(out, Shard{})
	oldFiles := map[string][]byte{}
	for _, n := range names(t, out) {
		oldFiles[n], _ = os.ReadFile(filepath.Join(out, n))
	}
	edit(t, filepath.Join(in, "_defaults.toml"), `date = 2011-01-28`, `date = 2011-01-29`)

	withGroups(t, 2, atomicfile.Hooks{Sync: func(temps []string) error {
		for _, tmp := range temps {
			if strings.HasPrefix(filepath.Base(tmp), ".b0003.") {
				return errors.New("磁盘故障")
			}
		}
		return nil
	}})
	opt := options(t, in, out, build.Markdown, build.HTML)
	opt.Jobs = 2 // four writers: a chunk holds at most four branches
	rep := mustRun(t, opt)
	failed := map[string]bool{}
	for _, b := range rep.Branches {
		if b.State == Failed {
			failed[b.Name] = true
			for _, d := range b.Diags {
				if !strings.Contains(d.Error(), ": error: 无法写入 "+filepath.Join(out, b.Name)+".") || !strings.HasSuffix(d.Error(), "：磁盘故障") {
					t.Errorf("%s: %s", b.Name, d.Error())
				}
			}
			if len(b.Diags) != 2 || b.Written != nil {
				t.Errorf("%s: diags %v, written %v", b.Name, b.Diags, b.Written)
			}
		} else if b.State != Built {
			t.Errorf("%s: state %v", b.Name, b.State)
		}
	}
	if !failed["b0003"] || len(failed) > 4 {
		t.Fatalf("failed: %v", failed)
	}
	man, _, _ := loadManifest(out, Shard{})
	for name := range failed {
		for _, f := range []string{".md", ".html"} {
			if got, _ := os.ReadFile(filepath.Join(out, name+f)); !bytes.Equal(got, oldFiles[name+f]) {
				t.Errorf("%s%s changed", name, f)
			}
			if slices.Contains(rep.Written, filepath.Join(out, name+f)) {
				t.Errorf("%s%s reported written", name, f)
			}
		}
		k := name + ".toml"
		for f, o := range man.Branches[k].Outputs {
			if *o != *oldMan.Branches[k].Outputs[f] {
				t.Errorf("%s's record of %s changed", name, f)
			}
		}
	}
	noTemps(t, out)

	withGroups(t, 256, atomicfile.Hooks{})
	rep = mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	var built []string
	for _, b := range rep.Branches {
		if b.State == Built {
			built = append(built, b.Name)
		}
	}
	if len(built) != len(failed) || rep.UpToDate != 8-len(failed) {
		t.Errorf("next run built %v, want the failed %v", built, failed)
	}
	for _, n := range built {
		if !failed[n] {
			t.Errorf("next run rebuilt %s", n)
		}
	}
}

// TestWriteFailureNamesTheFile: b0002.html's name is taken by a folder.
// Only that file fails, named in Chinese; b0002.md is written and on
// record, the folder stays, and no temp file is left.
func TestWriteFailureNamesTheFile(t *testing.T) {
	in, out := folder(t, 4), t.TempDir()
	html := filepath.Join(out, "b0002.html")
	os.MkdirAll(filepath.Join(html, "x"), 0o755)
	rep := mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	want := filepath.Join(in, "b0002.toml") + ": error: 无法写入 " + html + "：那里已有同名的文件夹，请移走或改用别的输出目录"
	if rep.Failed != 1 || rep.Built != 3 || len(rep.Diags) != 1 || rep.Diags[0].Error() != want {
		t.Errorf("built %d, failed %d: %v", rep.Built, rep.Failed, rep.Diags)
	}
	md := filepath.Join(out, "b0002.md")
	if !slices.Contains(rep.Written, md) || slices.Contains(rep.Written, html) {
		t.Errorf("written: %v", rep.Written)
	}
	man, _, _ := loadManifest(out, Shard{})
	if e := man.Branches["b0002.toml"]; e == nil || e.Outputs[build.Markdown] == nil || e.Outputs[build.HTML] != nil {
		t.Errorf("b0002's record: %+v", e)
	}
	if fi, err := os.Stat(html); err != nil || !fi.IsDir() {
		t.Error("the folder was replaced")
	}
	noTemps(t, out)
}

// TestInterruptKeepsFinished: a run stopped after its first chunk has the
// branches it built on record and on disk; the next run builds only the
// others.
func TestInterruptKeepsFinished(t *testing.T) {
	in, out := folder(t, 30), t.TempDir()
	withGroups(t, 4, atomicfile.Hooks{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := options(t, in, out, build.Markdown, build.HTML)
	opt.Jobs, opt.Context, opt.Progress = 1, ctx, tickFunc(cancel)
	rep := mustRun(t, opt)
	if !rep.Interrupted || rep.Built == 0 || rep.Built >= 30 || rep.Built+rep.Skipped != 30 {
		t.Fatalf("interrupted %v, built %d, skipped %d", rep.Interrupted, rep.Built, rep.Skipped)
	}
	first := map[string]bool{}
	for _, b := range rep.Branches {
		first[b.Name] = true
	}
	man, _, _ := loadManifest(out, Shard{})
	if len(man.Branches) != rep.Built {
		t.Errorf("%d branches on record, %d built", len(man.Branches), rep.Built)
	}
	for k, e := range man.Branches {
		if !first[e.Name] || len(e.Outputs) != 2 {
			t.Errorf("%s on record: %+v", k, e)
		}
	}
	noTemps(t, out)
	before := snapshot(t, out)

	rep2 := mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	if rep2.Built != 30-rep.Built || rep2.UpToDate != rep.Built {
		t.Errorf("next run built %d, up to date %d", rep2.Built, rep2.UpToDate)
	}
	for _, p := range rewritten(before, snapshot(t, out)) {
		if n := strings.TrimSuffix(p, filepath.Ext(p)); first[n] {
			t.Errorf("%s rebuilt", p)
		}
	}
}
