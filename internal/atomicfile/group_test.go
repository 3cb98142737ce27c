package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestGroupWritesAll(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "b.html")
	os.WriteFile(old, []byte("old"), 0o600)
	g := NewGroup(Hooks{})
	var ps []*Pending
	for _, n := range []string{"a.md", "b.html", "c.pdf"} {
		p, err := g.Write(filepath.Join(dir, n), []byte("new "+n), 0o666)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(p.Path); n != "b.html" && err == nil {
			t.Errorf("%s visible before Commit", n)
		}
		ps = append(ps, p)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("b.html replaced before Commit: %q", b)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		info, err := p.Result()
		b, _ := os.ReadFile(p.Path)
		if err != nil || string(b) != "new "+filepath.Base(p.Path) || info.Size() != int64(len(b)) {
			t.Errorf("%s: %v, %q", p.Path, err, b)
		}
	}
	if info, _ := os.Stat(old); info.Mode().Perm() != 0o600 {
		t.Errorf("existing 0600 file became %v", info.Mode().Perm())
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md", "b.html", "c.pdf"}) {
		t.Errorf("dir holds %v", got)
	}
}

// TestGroupOrder watches a commit's steps: every temp is synced before
// any is renamed, the directory is synced after the last rename, and no
// file reports a result before then.
func TestGroupOrder(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	var log []string
	var ps []*Pending
	check := func(step string) {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range ps {
			if info, err := p.Result(); info != nil || err != nil {
				t.Errorf("%s has a result during %s", p.Path, step)
			}
		}
	}
	g := NewGroup(Hooks{
		Sync: func(temps []string) error {
			check("sync")
			log = append(log, "sync "+strings.Join(temps, " "))
			for _, tmp := range temps {
				if _, err := os.Stat(tmp); err != nil {
					t.Errorf("temp %s missing at sync: %v", tmp, err)
				}
			}
			return nil
		},
		Rename: func(from, to string) error {
			mu.Lock()
			log = append(log, "rename "+from)
			mu.Unlock()
			return os.Rename(from, to)
		},
		SyncDir: func(d string) error {
			check("dir sync")
			log = append(log, "syncdir "+d)
			return nil
		},
	})
	for _, n := range []string{"a.md", "b.html", "c.pdf", "d.docx"} {
		p, err := g.Write(filepath.Join(dir, n), []byte(n), 0o666)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if len(log) != 0 {
		t.Fatalf("steps before Commit: %v", log)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	if len(log) != 6 || !strings.HasPrefix(log[0], "sync ") || log[5] != "syncdir "+dir {
		t.Fatalf("steps: %q", log)
	}
	for _, p := range ps {
		// The renames go several at once, in any order.
		if !strings.Contains(log[0], p.tmp) || !slices.Contains(log[1:5], "rename "+p.tmp) {
			t.Errorf("%s: steps %q", p.Path, log)
		}
		if info, err := p.Result(); err != nil || info == nil {
			t.Errorf("%s: no result after Commit: %v", p.Path, err)
		}
	}
}

// TestGroupFailedSync renames nothing: every old file stays, every temp
// goes, and every file reports the error.
func TestGroupFailedSync(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	os.WriteFile(a, []byte("old"), 0o644)
	bad := errors.New("disk on fire")
	g := NewGroup(Hooks{
		Sync:   func([]string) error { return bad },
		Rename: func(string, string) error { t.Error("renamed after a failed sync"); return nil },
	})
	pa, _ := g.Write(a, []byte("new"), 0o666)
	pb, _ := g.Write(filepath.Join(dir, "b.md"), []byte("new"), 0o666)
	if err := g.Commit(); !errors.Is(err, bad) {
		t.Fatalf("Commit: %v", err)
	}
	for _, p := range []*Pending{pa, pb} {
		if _, err := p.Result(); !errors.Is(err, bad) {
			t.Errorf("%s: %v", p.Path, err)
		}
	}
	if b, _ := os.ReadFile(a); string(b) != "old" {
		t.Errorf("a.md = %q", b)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("dir holds %v", got)
	}
}

// TestGroupFailureInTheMiddle: the second of three targets is a folder.
// The others are written, it fails alone, and no temp file is left.
func TestGroupFailureInTheMiddle(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "b.html", "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
	g := NewGroup(Hooks{})
	var ps []*Pending
	for _, n := range []string{"a.md", "b.html", "c.pdf"} {
		p, err := g.Write(filepath.Join(dir, n), []byte("new"), 0o666)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := g.Commit(); err == nil {
		t.Fatal("Commit over a folder succeeded")
	}
	for i, p := range ps {
		_, err := p.Result()
		if (err != nil) != (i == 1) {
			t.Errorf("%s: %v", p.Path, err)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md", "b.html", "c.pdf"}) {
		t.Errorf("dir holds %v", got)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "b.html")); !fi.IsDir() {
		t.Error("the folder was replaced")
	}
}

func TestGroupAbort(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
	g := NewGroup(Hooks{})
	p, err := g.Write(filepath.Join(dir, "a.md"), []byte("new"), 0o666)
	if err != nil {
		t.Fatal(err)
	}
	g.Abort()
	if _, err := p.Result(); err == nil {
		t.Error("an aborted file has no error")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(b) != "old" {
		t.Errorf("a.md = %q", b)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("dir holds %v", got)
	}
}

// TestGroupWriteFails: a file whose folder cannot hold it fails at Write,
// leaving the group's other files to commit.
func TestGroupWriteFails(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	g := NewGroup(Hooks{})
	if _, err := g.Write(filepath.Join(dir, "f", "a.md"), []byte("x"), 0o666); err == nil {
		t.Fatal("Write into a file succeeded")
	}
	p, err := g.Write(filepath.Join(dir, "b.md"), []byte("x"), 0o666)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Result(); err != nil || g.Len() != 1 {
		t.Errorf("b.md: %v; %d files queued", err, g.Len())
	}
	if got := names(t, dir); !slices.Equal(got, []string{"b.md", "f"}) {
		t.Errorf("dir holds %v", got)
	}
}

// TestGroupLarge takes the one-sync-per-file-system path.
func TestGroupLarge(t *testing.T) {
	dir := t.TempDir()
	g := NewGroup(Hooks{})
	var ps []*Pending
	for i := range 2 * syncfsMin {
		p, err := g.Write(filepath.Join(dir, strings.Repeat("a", i+1)), []byte{byte(i)}, 0o666)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		b, _ := os.ReadFile(p.Path)
		if info, err := p.Result(); err != nil || info.Size() != 1 || b[0] != byte(i) {
			t.Errorf("%s: %v %v", p.Path, err, b)
		}
	}
	if n := len(names(t, dir)); n != len(ps) {
		t.Errorf("dir holds %d files, want %d", n, len(ps))
	}
}
