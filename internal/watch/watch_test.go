package watch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/batchgen"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/doc"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// An edit is picked up and rebuilt within a second of the save, and the
// message names the figures and the paragraph that changed. Editors that
// save by renaming a new file over the old are seen too.
func TestWatchPicksUpAnEdit(t *testing.T) {
	dir, out := filepath.Join(t.TempDir(), "branches"), t.TempDir()
	if err := batchgen.Generate(dir, 3, 1); err != nil {
		t.Fatal(err)
	}
	builds := make(chan *batch.Report, 10)
	var msgs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Batch:   batch.Options{Inputs: []string{dir}, Out: out, Formats: []build.Format{build.Markdown}, Version: "test"},
			Out:     &msgs,
			Err:     &msgs,
			OnBuild: func(r *batch.Report) { builds <- r },
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	wait := func(what string, limit time.Duration) *batch.Report {
		t.Helper()
		select {
		case r := <-builds:
			return r
		case <-time.After(limit):
			t.Fatalf("%s: no build within %v; output:\n%s", what, limit, msgs.String())
		}
		return nil
	}
	if r := wait("first build", 30*time.Second); r.Built != 3 {
		t.Fatalf("first build built %d", r.Built)
	}

	sheet := filepath.Join(dir, "b0001.toml")
	src, _ := os.ReadFile(sheet)
	re := regexp.MustCompile(`members = (\d+)`)
	old := re.FindSubmatch(src)[1]
	src = re.ReplaceAll(src, []byte("members = 77"))
	start := time.Now()
	os.WriteFile(sheet, src, 0o644)
	r := wait("after a save", 5*time.Second)
	if d := time.Since(start); d > time.Second {
		t.Errorf("rebuilt %v after the save, want within a second", d)
	}
	if r.Built != 1 {
		t.Errorf("built %d, want 1", r.Built)
	}
	text := msgs.String()
	for _, want := range []string{
		"检测到改动：b0001.toml",
		"党员人数由" + string(old) + "改为77",
		"参与率由",
		"开头部分改写了一段：把“",
		"汇总已随之更新。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}

	// Save by rename, as many editors do.
	tmp := filepath.Join(dir, ".b0002.toml.swp")
	src, _ = os.ReadFile(filepath.Join(dir, "b0002.toml"))
	os.WriteFile(tmp, append(src, []byte("\n[[problems]]\ntext = \"台账登记还不够及时\"\n")...), 0o644)
	start = time.Now()
	os.Rename(tmp, filepath.Join(dir, "b0002.toml"))
	wait("after a rename", 5*time.Second)
	if d := time.Since(start); d > time.Second {
		t.Errorf("rebuilt %v after the rename, want within a second", d)
	}
	if text := msgs.String(); !strings.Contains(text, "台账登记还不够及时") {
		t.Errorf("output does not show the changed paragraph:\n%s", text)
	}
}

func TestParagraphChanges(t *testing.T) {
	old := `# 总结

我支部共有18名党员，其中17名党员参加了此次领导点评，参与率94.4%。

## 一、点评方式灵活

### （一）随机点评

1月7日，支部书记胡敏对12名党员进行了点评。

## 二、存在的问题和不足

一是学习不够；二是队伍建设还需加强。
`
	cur := `# 总结

我支部共有18名党员，其中17名党员参加了此次领导点评，参与率94.4%。

## 一、点评方式灵活

### （一）现场点评

1月7日，支部书记胡敏对13名党员进行了点评。

1月9日，支部书记胡敏对全体党员进行了点评。
`
	a, err := doc.FromMarkdown([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.FromMarkdown([]byte(cur))
	if err != nil {
		t.Fatal(err)
	}
	got := ParagraphChanges(a, b)
	want := []string{
		"“一、点评方式灵活”中改写了标题：把“（一）随机点评”改为“（一）现场点评”",
		"“一、点评方式灵活”中改写了一段：把“…书记胡敏对12名党员进行了…”改为“…书记胡敏对13名党员进行了…”",
		"删去了“二、存在的问题和不足”一节",
		"“二、存在的问题和不足”中删去了一段：“一是学习不够；二是队伍建设还需加强。”",
		"“一、点评方式灵活”中新增了一段：“1月9日，支部书记胡敏对全体党员进行了点评。”",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
