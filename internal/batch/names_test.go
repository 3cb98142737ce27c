package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/build"
)

// TestBadNameWindows reproduces issue 13: branch ids CON, aux, COM1,
// nul.txt and one with a leading space were accepted, though Windows
// cannot hold such files.
func TestBadNameWindows(t *testing.T) {
	for _, name := range []string{"CON", "con", "aux", "Aux", "PRN", "NUL", "nul.txt", "con .txt",
		"COM1", "com9", "LPT1", "lpt3.x", "COM²", "CONIN$", "conout$", " 第一支部", "第一支部 ", "第一支部.",
		"a\nb", "a\tb", "a\x7fb"} {
		if build.BadName(name) == "" {
			t.Errorf("build.BadName(%q) accepted", name)
		}
	}
	for _, name := range []string{"CONTOSO", "console", "AUXILIARY", "nul-1", "COM", "COM10", "LPT", "coma.1", "第一支部", "b0001", "a b"} {
		if why := build.BadName(name); why != "" {
			t.Errorf("build.BadName(%q) refused: %s", name, why)
		}
	}
}

// TestReservedBranchFiles: a branch file or id Windows reserves is refused
// with a message on one line, and the others build.
func TestReservedBranchFiles(t *testing.T) {
	in, out := folder(t, 2), t.TempDir()
	data, err := os.ReadFile(filepath.Join(in, "b0001.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, "CON.toml"), data, 0o644)
	os.WriteFile(filepath.Join(in, "a\nb.toml"), data, 0o644)
	os.WriteFile(filepath.Join(in, "b0002.toml"), append(data, "\n[batch]\nid = \"aux\"\n"...), 0o644)
	rep := mustRun(t, options(t, in, out, build.Markdown))
	var lines []string
	for _, d := range rep.Diags {
		lines = append(lines, strings.TrimPrefix(d.Error(), in+string(filepath.Separator)))
	}
	want := []string{
		`CON.toml: error: 文件名 "CON" 不能用作输出名：是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9），带扩展名也不能用；请改文件名，或在 [batch] 中写 id = "编号"`,
		`a\nb.toml: error: 文件名 "a\nb" 不能用作输出名：含有控制字符；请改文件名，或在 [batch] 中写 id = "编号"`,
		`b0002.toml:34:6: error: 编号 "aux" 不能用作文件名：是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9），带扩展名也不能用`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	files := names(t, out)
	if !slices.Contains(files, "b0001.md") || slices.ContainsFunc(files, func(f string) bool {
		return strings.HasPrefix(strings.ToLower(f), "con.") || strings.HasPrefix(f, "aux.") || strings.HasPrefix(f, "a\n")
	}) {
		t.Errorf("files: %q", files)
	}
}
