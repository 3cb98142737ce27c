package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserTemplateErrors pins every hint compose gives for text/template's
// errors (text/template gives no error kinds, so they are keyed to its
// words, and an upgrade that rewords one must fail here). A user's
// template that fails to parse or to run
// is reported at the template's file and line (status 3 when it does not
// parse, as zongjie cannot start; status 1 when it fails on a sheet), in
// one line, never as a Go error chain or a panic. A template that writes
// structure the block model refuses names the generated Markdown's line
// and says the template wrote it.
func TestUserTemplateErrors(t *testing.T) {
	cases := []struct {
		name, file, text string
		code             int
		want             string // stderr, with DIR for the template directory
	}{
		{"unknown function", "title.md.tmpl", "# {{.Document.Title | shout}}\n", ExitFatal,
			"zongjie：DIR/title.md.tmpl:1: 模板错误：没有名为 shout 的函数：可用的函数见 docs/templates.md（function \"shout\" not defined）\n"},
		{"unclosed action", "custom.md.tmpl", "## {{.Num}}{{.Section.Title\n", ExitFatal,
			"zongjie：DIR/custom.md.tmpl:2: 模板错误：有 {{ 没有对应的 }}（unclosed action started at custom:1）\n"},
		{"stray end", "title.md.tmpl", "# {{.Document.Title}}\n{{end}}\n", ExitFatal,
			"zongjie：DIR/title.md.tmpl:2: 模板错误：多余的 {{end}}：前面没有与之对应的 {{if}}、{{range}} 或 {{with}}（unexpected {{end}}）\n"},
		{"index out of range", "title.md.tmpl", "# {{.Document.Title}}{{index .Directives 5}}\n", ExitProblem,
			"DIR/title.md.tmpl:1:23: error: 模板错误：下标越界：列表中没有第 5 项（从 0 数起）（error calling index: index out of range: 5）\n"},
		{"missing field", "signature.md.tmpl", "::: signature\n{{.Document.Unitt}}\n\n{{date .Document.Date}}\n:::\n", ExitProblem,
			"DIR/signature.md.tmpl:2:11: error: 模板错误：没有字段 Unitt：模板引用了不存在的字段，请对照 docs/factsheet.md 和 docs/templates.md 检查字段名\n"},
		{"unknown template", "title.md.tmpl", "# {{.Document.Title}}\n{{template \"nope\" .}}\n", ExitProblem,
			"DIR/title.md.tmpl:2:11: error: 模板错误：没有名为 nope 的模板：请检查 {{template \"…\"}} 中的名字（template \"nope\" not defined）\n"},
		{"wrong argument count", "title.md.tmpl", "# {{.Document.Title}}\n{{count 1}}\n", ExitProblem,
			"DIR/title.md.tmpl:2:2: error: 模板错误：函数 count 的参数个数不对：需要 3 个，给了 1 个（wrong number of args for count: want 3 got 1）\n"},
		{"wrong argument type", "title.md.tmpl", "# {{.Document.Title}}\n{{dates 2011 .Document.Reach}}\n", ExitProblem,
			"DIR/title.md.tmpl:2:22: error: 模板错误：参数类型不对：需要 []sheet.Date，给的是 []string（wrong type for value; expected []sheet.Date; got []string）\n"},
		{"bad slice", "title.md.tmpl", "# {{.Document.Title}}\n{{slice .Document.Title 5 2}}\n", ExitProblem,
			"DIR/title.md.tmpl:2:2: error: 模板错误：error calling slice: invalid slice index: 5 > 2\n"},
		{"endless recursion", "title.md.tmpl", "# {{.Document.Title}}\n{{template \"title\" .}}\n", ExitProblem,
			"DIR/title.md.tmpl:2:11: error: 模板错误：模板嵌套过深：有模板直接或间接调用了自己（exceeded maximum template depth (100000)）\n"},
		{"no end", "title.md.tmpl", "{{if .Document.Title}}# x\n", ExitFatal,
			"zongjie：DIR/title.md.tmpl:2: 模板错误：模板不完整：有 {{if}}、{{range}}、{{with}} 或 {{define}} 缺少对应的 {{end}}（unexpected EOF）\n"},
		{"full-width character in an action", "title.md.tmpl", "# {{.Document.Title ；}}\n", ExitFatal,
			"zongjie：DIR/title.md.tmpl:1: 模板错误：动作中有非法字符（U+FF1B）：动作应写成 {{ … }}（unrecognized character in action: U+FF1B '；'）\n"},
		{"a table not written", "title.md.tmpl", "# {{.Document.Title}}{{.Document.Period.From}}\n", ExitProblem,
			"DIR/title.md.tmpl:1:32: error: 模板错误：字段 From 所在的表没有填写：请先用 {{with}} 或 {{if}} 判断（nil pointer evaluating *sheet.Period.From）\n"},
		{"a list", "title.md.tmpl", "# {{.Document.Title}}\n\n- 列表\n", ExitProblem,
			"SHEET: error: 生成的 Markdown 第 3 行：不支持的 Markdown 结构（列表）。事实表中的文字不会产生这种结构，是模板写出的：请检查模板\n"},
		{"no title", "title.md.tmpl", "{{/* nothing */}}\n", ExitProblem,
			"SHEET: error: 生成的 Markdown：缺少标题：文档中应有一行以 # 开头的标题。事实表中的文字不会产生这种结构，是模板写出的：请检查模板\n"},
	}
	const sheet = "../../samples/minimal.toml"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			// Markdown alone is checked as strictly as HTML and PDF.
			for _, format := range []string{"md,html,pdf", "md"} {
				out := t.TempDir()
				code, _, errs := run("build", sheet, "-o", out, "--templates", dir, "--format", format)
				want := strings.NewReplacer("DIR", dir, "SHEET", sheet).Replace(c.want)
				if code != c.code || errs != want {
					t.Errorf("--format %s: exit %d, stderr %q\nwant exit %d, %q", format, code, errs, c.code, want)
				}
				if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
					t.Errorf("stderr shows a Go failure: %s", errs)
				}
				if entries, _ := os.ReadDir(out); len(entries) != 0 {
					t.Errorf("a failed build wrote %v", entries)
				}
			}
		})
	}
}
