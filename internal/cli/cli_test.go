package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/pdftext"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildWritesThreeFiles(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run("build", "../../samples/minimal.toml", "-o", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	for _, ext := range []string{"md", "html", "pdf"} {
		p := filepath.Join(dir, "minimal."+ext)
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s", p)
		}
		if !strings.Contains(out, "已写入 "+p) {
			t.Errorf("stdout does not report %s:\n%s", p, out)
		}
	}
}

func TestBuildFormatNarrows(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run("build", "--format", "md", "../../samples/minimal.toml", "-o", dir); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "minimal.md" {
		t.Errorf("wrote %v, want only minimal.md", entries)
	}
}

func TestBuildBadSheetWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[document]\ntitle = \"t\"\nunit = \"u\"\nself = \"我局\"\ntask = \"点评\"\ndate = 2011-01-21\n\n[figures]\nmemebers = 3\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := run("build", bad, "-o", out)
	if code != ExitProblem {
		t.Fatalf("exit %d, want %d", code, ExitProblem)
	}
	want := bad + `:9:1: error: 未知的键 "memebers"：是不是想写 "members"？` + "\n"
	if errs != want {
		t.Errorf("stderr = %q, want %q", errs, want)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Errorf("a failed build wrote %v", entries)
	}
}

func TestBuildKeepsOldOutputsOnFailure(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "s.toml")
	good, _ := os.ReadFile("../../samples/minimal.toml")
	os.WriteFile(sheet, good, 0o644)
	if code, _, errs := run("build", sheet, "-o", dir); code != ExitOK {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "s.pdf"))
	os.WriteFile(sheet, []byte("[document]\ntitle = \"未闭合\n"), 0o644)
	if code, _, _ := run("build", sheet, "-o", dir); code != ExitProblem {
		t.Fatalf("exit %d, want %d", code, ExitProblem)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "s.pdf"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the previous PDF")
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "用法"},
		{[]string{"frobnicate"}, `未知的命令 "frobnicate"`},
		{[]string{"build"}, "没有指定事实表"},
		{[]string{"build", "x.toml", "--format", "doc"}, `未知的输出格式 "doc"`},
		{[]string{"build", "x.toml", "--bogus"}, "-bogus"},
		{[]string{"build", "x.toml", "--font", "foot=a.ttf"}, `未知的字体角色 "foot"`},
	}
	for _, c := range cases {
		code, _, errs := run(c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}

func TestMissingSheet(t *testing.T) {
	code, _, errs := run("build", "nope.toml", "-o", t.TempDir())
	if code != ExitProblem || errs != "nope.toml: error: 无法读取事实表：文件不存在，请检查路径\n" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestUserTemplateOverrides(t *testing.T) {
	tdir, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(tdir, "signature.md.tmpl"), []byte("::: signature\n{{.Document.Unit}}（盖章）\n\n{{date .Document.Date}}\n:::\n"), 0o644)
	if code, _, errs := run("build", "../../samples/minimal.toml", "-o", out, "--format", "md", "--templates", tdir); code != ExitOK {
		t.Fatal(errs)
	}
	md, _ := os.ReadFile(filepath.Join(out, "minimal.md"))
	if !strings.Contains(string(md), "第一党支部（盖章）") {
		t.Errorf("user template not used:\n%s", md)
	}
}

func TestUserTemplateErrorsNameTheFile(t *testing.T) {
	tdir := t.TempDir()
	bad := filepath.Join(tdir, "title.md.tmpl")
	os.WriteFile(bad, []byte("# {{.Document.Title}}\n\n{{.Document.Titel}}\n"), 0o644)
	code, _, errs := run("build", "../../samples/minimal.toml", "-o", t.TempDir(), "--templates", tdir)
	want := bad + ":3:11: error: 模板错误：没有字段 Titel：模板引用了不存在的字段，请对照 docs/factsheet.md 和 docs/templates.md 检查字段名\n"
	if code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
	os.WriteFile(bad, []byte("# {{.Document.Title}\n"), 0o644)
	code, _, errs = run("build", "../../samples/minimal.toml", "-o", t.TempDir(), "--templates", tdir)
	if code != ExitFatal || !strings.HasPrefix(errs, "zongjie："+bad+":1: 模板错误：") {
		t.Errorf("parse error: exit %d, stderr %q", code, errs)
	}
}

func writeSheet(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.toml")
	os.WriteFile(p, []byte("[document]\ntitle = \"工作总结\"\nunit = \"第一中学\"\nself = \"我校\"\ntask = \"民主评议\"\ndate = 2011-01-21\n"+body), 0o644)
	return p
}

func TestCheckExitCodes(t *testing.T) {
	clean := writeSheet(t, "")
	warn := writeSheet(t, "\n[[methods]]\nname = \"集中评议\"\ntext = \"我局组织了评议。\"\n")
	bad := writeSheet(t, "\n[figures]\nmembers = 3\nparticipants = 4\n")
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"check", clean}, ExitOK, ""},
		{[]string{"check", warn}, ExitOK, warn + ":10:9: warning: 文字中出现“我局”，但本单位自称“我校”：这段文字可能抄自别的单位，请改为本单位的称呼\n"},
		{[]string{"check", "--strict", warn}, ExitProblem, ""},
		{[]string{"check", bad}, ExitProblem, bad + ":10:1: error: 参与人数 4 大于党员总数 3（参与率将超过100%）：请核对 figures.participants 和 figures.members\n"},
		{[]string{"check"}, ExitUsage, ""},
	}
	for _, c := range cases {
		code, out, _ := run(c.args...)
		if code != c.code || (c.out != "" && out != c.out) {
			t.Errorf("%v: exit %d, stdout %q; want %d, %q", c.args, code, out, c.code, c.out)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	bad := writeSheet(t, "\n[figures]\nmembers = 3\nparticipants = 4\n")
	code, out, _ := run("check", "--json", bad)
	if code != ExitProblem || !strings.Contains(out, `"severity": "error"`) || !strings.Contains(out, `"line": 10`) || !strings.Contains(out, `"field": "figures.participants"`) {
		t.Errorf("exit %d, json:\n%s", code, out)
	}
	code, out, _ = run("check", "--json", writeSheet(t, ""))
	if code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean sheet: exit %d, json %q", code, out)
	}
}

func TestBuildStopsOnCheckErrorsAndGoesOnWithWarnings(t *testing.T) {
	out := t.TempDir()
	bad := writeSheet(t, "\n[figures]\nmembers = 3\nparticipants = 4\n")
	if code, _, errs := run("build", bad, "-o", out); code != ExitProblem || !strings.Contains(errs, "error: 参与人数 4 大于党员总数 3") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("wrote %v despite errors", entries)
	}
	warn := writeSheet(t, "\n[[methods]]\nname = \"集中评议\"\ntext = \"我局组织了评议。\"\n")
	code, stdout, errs := run("build", warn, "-o", out, "--format", "md")
	if code != ExitOK || !strings.Contains(errs, "warning: 文字中出现“我局”") || !strings.Contains(stdout, "已写入") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
}

func TestSheetFonts(t *testing.T) {
	dir := t.TempDir()
	kai, _ := os.ReadFile("../../fonts/zj-heading2.ttf")
	os.WriteFile(filepath.Join(dir, "kai.ttf"), kai, 0o644)
	min, _ := os.ReadFile("../../samples/minimal.toml")
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, append(min, "\n[fonts]\nbody = \"kai.ttf\"\n"...), 0o644)
	if code, _, errs := run("build", good, "-o", dir, "--format", "pdf"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	pdf, _ := os.ReadFile(filepath.Join(dir, "good.pdf"))
	if !bytes.Contains(bytes.ToLower(pdf), []byte("zjkai")) {
		t.Error("the sheet's body font was not embedded")
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, append(min, "\n[fonts]\ntitle = \"fonts/nope.ttf\"\n"...), 0o644)
	code, _, errs := run("build", bad, "-o", dir, "--format", "pdf")
	want := bad + ":12:9: error: 字体文件 " + filepath.Join(dir, "fonts", "nope.ttf") + "：文件不存在（[fonts] 中的路径相对于事实表所在的文件夹）\n"
	if code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
}

// build and check on a branch sheet lay it over its folder's
// _defaults.toml exactly as batch does: the same bytes, the same verdict.
func TestBuildAndCheckMergeDefaults(t *testing.T) {
	sheet := "../../samples/branches/第一党支部.toml"
	built, batched := t.TempDir(), t.TempDir()
	if code, _, errs := run("build", sheet, "-o", built); code != ExitOK {
		t.Fatalf("build on the branch sheet: exit %d: %s", code, errs)
	}
	if code, _, errs := run("batch", sheet, "-o", batched, "--quiet"); code != ExitOK {
		t.Fatalf("batch on the branch sheet: exit %d: %s", code, errs)
	}
	for _, ext := range []string{"md", "html", "pdf"} {
		a, _ := os.ReadFile(filepath.Join(built, "第一党支部."+ext))
		b, _ := os.ReadFile(filepath.Join(batched, "第一党支部."+ext))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: build and batch differ (%d and %d bytes)", ext, len(a), len(b))
		}
	}
	// check merges the defaults itself: the branch sheet is clean, and so
	// are the roll-up and the defaults, each held to its own rules.
	for _, f := range []string{sheet, "../../samples/branches/_rollup.toml", "../../samples/branches/_defaults.toml"} {
		if code, out, errs := run("check", f); code != ExitOK || out != "" {
			t.Errorf("check %s: exit %d, %s%s", f, code, out, errs)
		}
	}

	// A mistake in the defaults is reported at the defaults' line, by
	// check as by batch.
	dir := t.TempDir()
	for _, f := range []string{"_defaults.toml", "第一党支部.toml"} {
		b, _ := os.ReadFile(filepath.Join("../../samples/branches", f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	d := filepath.Join(dir, "_defaults.toml")
	src, _ := os.ReadFile(d)
	os.WriteFile(d, append(src, "\n[figures]\nmembrs = 3\n"...), 0o644)
	line := bytes.Count(src, []byte("\n")) + 3
	want := fmt.Sprintf("%s:%d:1: error: 未知的键 \"membrs\"：是不是想写 \"members\"？\n", d, line)
	branch := filepath.Join(dir, "第一党支部.toml")
	if code, out, _ := run("check", branch); code != ExitProblem || out != want {
		t.Errorf("check: exit %d, %q; want 1, %q", code, out, want)
	}
	if code, _, errs := run("batch", branch, "-o", t.TempDir(), "--quiet"); code != ExitProblem || errs != want {
		t.Errorf("batch: exit %d, %q; want 1, %q", code, errs, want)
	}
}

// A character no font has, written once in _defaults.toml, is reported
// once, at its line and column there, by build of a branch and by a batch
// of several branches that all inherit it.
func TestMissingGlyphInDefaults(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"_defaults.toml", "第一党支部.toml", "第二党支部.toml"} {
		b, err := os.ReadFile(filepath.Join("../../samples/branches", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	d := filepath.Join(dir, "_defaults.toml")
	src, _ := os.ReadFile(d)
	i := bytes.Index(src, []byte("activity = \""))
	if i < 0 {
		t.Fatal("the sample's defaults have no activity")
	}
	i += len("activity = \"")
	src = append(src[:i:i], append([]byte("\U0001FAE8"), src[i:]...)...) // 🫨, in no embedded font
	os.WriteFile(d, src, 0o644)
	line := bytes.Count(src[:i], []byte("\n")) + 1
	col := len([]rune(string(src[bytes.LastIndexByte(src[:i], '\n')+1:i]))) + 1
	want := fmt.Sprintf("%s:%d:%d: error: 字符“🫨”（U+1FAE8）在内置字体和指定的字体中都没有字形，无法排版：请用 --font 或 [fonts] 指定含有该字的字体（如 Windows 的 simsunb.ttf、Linux 的 HanaMinB.ttf）\n", d, line, col)

	code, _, errs := run("build", filepath.Join(dir, "第一党支部.toml"), "-o", t.TempDir(), "--format", "pdf")
	if code != ExitProblem || errs != want {
		t.Errorf("build: exit %d, %q; want 1, %q", code, errs, want)
	}
	code, _, errs = run("build", filepath.Join(dir, "第一党支部.toml"), filepath.Join(dir, "第二党支部.toml"), "-o", t.TempDir(), "--format", "pdf")
	if code != ExitProblem || errs != want {
		t.Errorf("build of two branches: exit %d, %q; want 1, %q", code, errs, want)
	}
	code, _, errs = run("batch", filepath.Join(dir, "第一党支部.toml"), filepath.Join(dir, "第二党支部.toml"), "-o", t.TempDir(), "--quiet", "--format", "pdf")
	if code != ExitProblem || errs != want {
		t.Errorf("batch: exit %d, %q; want 1, %q", code, errs, want)
	}
}

// A user's font that lacks a character falls back to the embedded faces:
// with every role mapped to the Kai face, which has no 〚, the build still
// prints it (from the embedded Noto face) and the text extracts exactly.
func TestUserFontFallsBackToEmbedded(t *testing.T) {
	dir := t.TempDir()
	kai := "../../fonts/zj-heading2.ttf"
	min, _ := os.ReadFile("../../samples/minimal.toml")
	sheet := filepath.Join(dir, "s.toml")
	os.WriteFile(sheet, append(min, "\n[[methods]]\nname = \"集中点评\"\ntext = \"见〚附件〛。\"\n"...), 0o644)
	args := []string{"build", sheet, "-o", dir, "--format", "pdf"}
	for _, r := range []string{"title", "heading1", "heading2", "body"} {
		args = append(args, "--font", r+"="+kai)
	}
	if code, _, errs := run(args...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	pdf, _ := os.ReadFile(filepath.Join(dir, "s.pdf"))
	txt, err := pdftext.Text(pdf)
	if err != nil || !strings.Contains(txt, "见〚附件〛。") {
		t.Errorf("text %q, %v", txt, err)
	}
}

// check --excerpt shows the sheet's line with a caret under the column;
// --json carries each diagnostic's kind and help apart from its message.
func TestCheckExcerptAndJSON(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.toml")
	min, _ := os.ReadFile("../../samples/minimal.toml")
	os.WriteFile(p, []byte("[document]\n标题 = “总结”\n"), 0o644)
	code, out, _ := run("check", p, "--excerpt")
	want := p + ":2:1: error: TOML 语法错误（expected '.' or '=', but got '标' instead）：键名后缺少等号 =，或键名中有不允许的字符：键名只能用英文字母、数字、- 和 _\n" +
		" 2 | 标题 = “总结”\n" +
		"   | ^\n"
	if code != ExitProblem || out != want {
		t.Errorf("exit %d:\n%s\nwant:\n%s", code, out, want)
	}
	os.WriteFile(p, bytes.Replace(min, []byte("[document]\n"), []byte("[document]\ntitel = \"总结\"\n"), 1), 0o644)
	code, out, _ = run("check", p, "--json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitProblem || len(got) != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if got[0]["kind"] != "unknown-key" || got[0]["message"] != `未知的键 "titel"` || got[0]["help"] != `是不是想写 "title"？` {
		t.Errorf("JSON: %v", got[0])
	}
}

// A folder's [batch] templates apply to build of one of its branch sheets
// as to the batch; --templates on the command line wins over them.
func TestBuildBranchUsesBatchSettings(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"_defaults.toml", "第一党支部.toml"} {
		b, _ := os.ReadFile(filepath.Join("../../samples/branches", f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	d := filepath.Join(dir, "_defaults.toml")
	src, _ := os.ReadFile(d)
	os.WriteFile(d, append(src, "\n[batch]\ntemplates = \"模板\"\n"...), 0o644)
	os.Mkdir(filepath.Join(dir, "模板"), 0o755)
	os.WriteFile(filepath.Join(dir, "模板", "title.md.tmpl"), []byte("# {{.Document.Title}}（文件夹的模板）\n"), 0o644)
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "title.md.tmpl"), []byte("# {{.Document.Title}}（命令行的模板）\n"), 0o644)

	sheet := filepath.Join(dir, "第一党支部.toml")
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "（文件夹的模板）"},
		{[]string{"--templates", other}, "（命令行的模板）"},
	} {
		built, batched := t.TempDir(), t.TempDir()
		if code, _, errs := run(append([]string{"build", sheet, "-o", built, "--format", "md"}, c.args...)...); code != ExitOK {
			t.Fatalf("build %v: exit %d: %s", c.args, code, errs)
		}
		if code, _, errs := run(append([]string{"batch", sheet, "-o", batched, "--format", "md", "--quiet"}, c.args...)...); code != ExitOK {
			t.Fatalf("batch %v: exit %d: %s", c.args, code, errs)
		}
		a, _ := os.ReadFile(filepath.Join(built, "第一党支部.md"))
		b, _ := os.ReadFile(filepath.Join(batched, "第一党支部.md"))
		if !bytes.Contains(a, []byte(c.want)) || !bytes.Equal(a, b) {
			t.Errorf("%v: build wrote %.80q, batch %.80q; want both with %s", c.args, a, b, c.want)
		}
	}
}
