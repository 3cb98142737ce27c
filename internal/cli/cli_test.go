package cli

import (
	"bytes"
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

// build on a branch sheet points to batch, which merges _defaults.toml.
func TestBuildBranchSheetHint(t *testing.T) {
	sheet := "../../samples/branches/第一党支部.toml"
	code, _, errs := run("build", sheet, "-o", t.TempDir())
	want := "提示：" + sheet + " 所在文件夹有 _defaults.toml，这是支部事实表吗？请用 zongjie batch " + sheet + " 生成，它会合并共同的事实\n"
	if code != ExitProblem || !strings.HasSuffix(errs, want) {
		t.Errorf("exit %d, stderr %q; want it to end with %q", code, errs, want)
	}
	if code, _, errs := run("batch", sheet, "-o", t.TempDir(), "--quiet"); code != ExitOK {
		t.Errorf("batch on the branch sheet: exit %d: %s", code, errs)
	}
	// check merges the defaults itself: the branch sheet is clean.
	for _, f := range []string{sheet, "../../samples/branches/_rollup.toml", "../../samples/branches/_defaults.toml"} {
		if code, out, errs := run("check", f); code != ExitOK || out != "" {
			t.Errorf("check %s: exit %d, %s%s", f, code, out, errs)
		}
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
