package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testFontFolder puts a small TrueType face with the family name "ZJ Test
// Fangsong" (Chinese "测试仿宋") into a temporary font folder and makes it
// the only folder searched for installed fonts.
func testFontFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile("../font/testdata/test-fangsong.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "test-fangsong.ttf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("ZONGJIE_FONT_DIRS", dir)
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "XDG_DATA_DIRS", "WINDIR", "LOCALAPPDATA"} {
		t.Setenv(v, none)
	}
	return dir
}

var baseFont = regexp.MustCompile(`/BaseFont /[A-Z]{6}\+(\S+)`)

func embeddedFonts(t *testing.T, pdf string) string {
	t.Helper()
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for _, m := range baseFont.FindAllSubmatch(b, -1) {
		if n := string(m[1]); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, " ")
}

// TestFontByFamilyName: a body font given by family name, on the command
// line or in the sheet, is found in the font folder and used; a name that
// matches nothing says where zongjie looked and what is alike.
func TestFontByFamilyName(t *testing.T) {
	dir := testFontFolder(t)
	out := t.TempDir()
	code, _, errs := run("build", "../../samples/minimal.toml", "-o", out, "--format", "pdf", "--font", "body=测试仿宋")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := embeddedFonts(t, filepath.Join(out, "minimal.pdf")); !strings.Contains(got, "ZJTestFangsong-Regular") {
		t.Errorf("embedded %s, want the test face for the body", got)
	}

	min, _ := os.ReadFile("../../samples/minimal.toml")
	sheetDir := t.TempDir()
	good := filepath.Join(sheetDir, "good.toml")
	os.WriteFile(good, append(min, "\n[fonts]\nbody = \"ZJ Test Fangsong\"\n"...), 0o644)
	if code, _, errs := run("build", good, "-o", out, "--format", "pdf"); code != ExitOK {
		t.Fatalf("sheet: exit %d: %s", code, errs)
	}
	if got := embeddedFonts(t, filepath.Join(out, "good.pdf")); !strings.Contains(got, "ZJTestFangsong-Regular") {
		t.Errorf("sheet: embedded %s, want the test face for the body", got)
	}

	msg := "找不到字体“仿宋_GB2312”：它不是字体文件，也不是已安装字体的字体名或文件名。已搜索 " + dir +
		"；相近的字体：测试仿宋（test-fangsong.ttf）。可用 zongjie fonts 列出可用的字体，或设置 ZONGJIE_FONT_DIRS 指定字体文件夹"
	code, _, errs = run("build", "../../samples/minimal.toml", "-o", out, "--font", "body=仿宋_GB2312")
	if code != ExitFatal || errs != "zongjie："+msg+"\n" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	bad := filepath.Join(sheetDir, "bad.toml")
	os.WriteFile(bad, append(min, "\n[fonts]\nbody = \"仿宋_GB2312\"\n"...), 0o644)
	code, _, errs = run("build", bad, "-o", out)
	if want := bad + ":12:8: error: " + msg + "\n"; code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
}

func TestFontsCommand(t *testing.T) {
	dir := testFontFolder(t)
	min, _ := os.ReadFile("../../samples/minimal.toml")
	sheetDir := t.TempDir()
	sheet := filepath.Join(sheetDir, "s.toml")
	os.WriteFile(sheet, append(min, "\n[fonts]\nbody = \"测试仿宋\"\ntitle = \"方正小标宋\"\n"...), 0o644)
	code, out, errs := run("fonts", sheet, "--font", "heading2=test-fangsong.ttf")
	if code != ExitProblem || errs != "" {
		t.Errorf("exit %d (want 1: the title font is missing), stderr %q", code, errs)
	}
	path := filepath.Join(dir, "test-fangsong.ttf")
	for _, want := range []string{
		"  body      ZhuqueFangsong-Regular（zj-body.ttf）  正文\n",
		"  rare-ext  ZJRareExt-Regular（zj-rare-ext.ttf）  生僻字（仅用于其他字体都没有的字）\n",
		"已安装的中日韩字体（搜索 " + dir + "、",
		"  ZJ Test Fangsong / 测试仿宋  " + path + "  Regular（TrueType）\n",
		"  title     \"方正小标宋\"（事实表 [fonts]）：找不到字体“方正小标宋”",
		"  heading1  内置 NotoSansSC-Medium\n",
		"  heading2  ZJTestFangsong-Regular（" + path + "，命令行或环境变量 \"test-fangsong.ttf\"）；它没有的字用内置字体\n",
		"  body      ZJTestFangsong-Regular（" + path + "，事实表 [fonts] \"测试仿宋\"）；它没有的字用内置字体\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run("fonts"); code != ExitOK {
		t.Errorf("fonts without a sheet: exit %d", code)
	}
}

func TestScriptFlag(t *testing.T) {
	out := t.TempDir()
	code, _, errs := run("build", "../../samples/minimal.toml", "-o", out, "--format", "md", "--script", "hant")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	md, _ := os.ReadFile(filepath.Join(out, "minimal.md"))
	if !strings.HasPrefix(string(md), "# 主題黨日活動工作總結\n") {
		t.Errorf("not Traditional:\n%s", md)
	}
	code, _, errs = run("build", "../../samples/minimal.toml", "-o", out, "--script", "hk")
	if code != ExitUsage || !strings.HasPrefix(errs, `zongjie：未知的文字 "hk"：可选 hans（简体，默认）或 hant（繁体）`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// TestCFFFontByName: an installed .otf (CFF outlines) is found by its
// family name and embedded.
func TestCFFFontByName(t *testing.T) {
	dir := testFontFolder(t)
	data, err := os.ReadFile("../font/testdata/test-fangsong-cff.otf")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "test-fangsong-cff.otf"), data, 0o644)
	out := t.TempDir()
	code, _, errs := run("build", "../../samples/minimal.toml", "-o", out, "--format", "pdf", "--font", "body=ZJ Test Fangsong CFF")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := embeddedFonts(t, filepath.Join(out, "minimal.pdf")); !strings.Contains(got, "ZJTestFangsongCFF-Regular") {
		t.Errorf("embedded %s, want the CFF test face for the body", got)
	}
	_, list, _ := run("fonts")
	if !strings.Contains(list, "  ZJ Test Fangsong CFF / 测试仿宋CFF  "+filepath.Join(dir, "test-fangsong-cff.otf")+"  Regular（CFF 轮廓）\n") {
		t.Errorf("fonts lists:\n%s", list)
	}
}
