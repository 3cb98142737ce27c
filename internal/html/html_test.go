package html

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden renders each testdata/NAME.md and compares the page with
// NAME.html, or the error with NAME.err. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(in, ".md")
		t.Run(filepath.Base(name), func(t *testing.T) {
			got, golden := render(t, in), name+".html"
			if e, ok := got.(error); ok {
				golden = name + ".err"
				got = []byte(e.Error() + "\n")
			}
			if *update {
				if err := os.WriteFile(golden, got.([]byte), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.([]byte), want) {
				t.Errorf("%s differs from %s; run with -update and review the diff\ngot:\n%s", in, golden, got)
			}
		})
	}
}

// render returns the page, or the error.
func render(t *testing.T, path string) any {
	t.Helper()
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page, err := Render(md, Options{})
	if err != nil {
		return err
	}
	return page
}

func mustRender(t *testing.T, md string, opt Options) string {
	t.Helper()
	page, err := Render([]byte(md), opt)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

func TestPage(t *testing.T) {
	md, err := os.ReadFile("testdata/escapes.md")
	if err != nil {
		t.Fatal(err)
	}
	page := mustRender(t, string(md), Options{})
	for _, want := range []string{
		"<!DOCTYPE html>\n",
		`<html lang="zh-CN">`,
		`<meta charset="utf-8">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		"<title>关于&lt;规划&gt;与&amp;的总结</title>",
		"<h1>关于&lt;规划&gt;与&amp;的总结</h1>",
		// Escaped user text stays text.
		"**星号**",
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&amp;amp;",
		"<p>1. 不是列表</p>",
		// A soft break between two hanzi leaves nothing; between words a break.
		"都原样显示；这一行与上一行之间没有空格，English words\nkeep a space.",
		`<div class="signature">`,
		"<p>某某县&lt;规划&gt;局</p>",
		"<style>\n" + DefaultCSS(),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>", "显示； 这", "显示；\n这", `<div class="signature" data-date`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

func TestLongDate(t *testing.T) {
	for _, c := range []struct {
		name, date string
		long       bool
	}{
		{"张家口县规划局", "2011年1月21日", false}, // 7 against 6.5 characters
		{"规划局", "2011年1月21日", true},
		{"规划局", "2011年1月", true}, // 4.5 against 3
		{"张家口县规划", "2011年1月", false},
		{"某某委员会办公室", "2011年12月21日", false},
	} {
		page := mustRender(t, "# 题\n\n::: signature\n"+c.name+"\n\n"+c.date+"\n:::\n", Options{})
		got := strings.Contains(page, `<div class="signature" data-date="long">`)
		if got != c.long {
			t.Errorf("%s / %s: long date %v, want %v", c.name, c.date, got, c.long)
		}
	}
}

func TestCSSOption(t *testing.T) {
	page := mustRender(t, "# 题\n", Options{CSS: "p { color: red }"})
	if !strings.Contains(page, "<style>\np { color: red }\n</style>") {
		t.Errorf("custom stylesheet not used:\n%s", page)
	}
	if strings.Contains(page, "FangSong") {
		t.Error("default stylesheet still present")
	}
	if _, err := Render([]byte("# 题\n"), Options{CSS: "p{}</STYLE><script>x</script>"}); err == nil {
		t.Error("a stylesheet closing <style> was accepted")
	}
}

// The default stylesheet carries the layout contract; guard the figures
// a careless edit could lose.
func TestDefaultCSS(t *testing.T) {
	css := DefaultCSS()
	for _, want := range []string{
		"size: A4;",
		"margin: 37mm 26mm 35mm 28mm;",
		"max-width: 156mm;",
		"--size: 15.75pt;",
		"line-height: 1.875;",
		"font-size: 22pt;",
		"text-indent: 2em;",
		"text-align: justify;",
		`--title-face: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif SC", "Source Han Serif SC", "Songti SC", SimSun, serif;`,
		`--hei: "SimHei", "黑体", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;`,
		`--kai: "KaiTi", "楷体", "STKaiti", "LXGW WenKai", serif;`,
		`--fangsong: "FangSong", "仿宋", "STFangsong", "Noto Serif SC", serif;`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("default stylesheet lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(css), "</style") || strings.Contains(css, "url(") {
		t.Error("default stylesheet must be self-contained and safe to inline")
	}
}

func TestRejects(t *testing.T) {
	for _, md := range []string{
		"# 题\n\n<script>alert(1)</script>\n",
		"# 题\n\n正文<b>粗</b>\n",
		"# 题\n\n- 列表\n",
		"没有标题\n",
	} {
		_, err := Render([]byte(md), Options{})
		var e *doc.Error
		if !errors.As(err, &e) {
			t.Errorf("%q: got %v, want a *doc.Error", md, err)
		}
	}
}

func TestDeterministic(t *testing.T) {
	md, err := os.ReadFile("testdata/summary.md")
	if err != nil {
		t.Fatal(err)
	}
	a := mustRender(t, string(md), Options{})
	b := mustRender(t, string(md), Options{})
	if a != b {
		t.Error("two renders of the same input differ")
	}
}

func BenchmarkRender(b *testing.B) {
	md, err := os.ReadFile("testdata/summary.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(md, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
