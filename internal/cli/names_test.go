package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestControlCharFileName reproduces issue 13: a line end in a sheet's
// file name reached the output names and split the messages. The sheet is
// refused, on one line, and nothing is written.
func TestControlCharFileName(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	data, err := os.ReadFile("../../samples/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := os.WriteFile("第一\n支部.toml", data, 0o644); err != nil {
		t.Skip("this file system cannot hold a line end in a name")
	}
	code, _, errs := run("build", "第一\n支部.toml", "-o", out)
	want := `第一\n支部.toml: error: 文件名含有控制字符 U+000A：输出文件以事实表命名，请改文件名` + "\n"
	if code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q; want exit 1, %q", code, errs, want)
	}
	if written, _ := os.ReadDir(out); len(written) != 0 {
		t.Errorf("wrote %v", written)
	}
}

// TestTemplateRangeLimit reproduces issue 13: a template with
// {{range 300000000}} ran out of memory. It is stopped at the loop, named
// at its file, line and column, and nothing is written.
func TestTemplateRangeLimit(t *testing.T) {
	tdir, out := t.TempDir(), t.TempDir()
	bad := filepath.Join(tdir, "title.md.tmpl")
	os.WriteFile(bad, []byte("# {{.Document.Title}}\n\n{{range 300000000}}很长的一行文字{{end}}\n"), 0o644)
	code, _, errs := run("build", "../../samples/minimal.toml", "-o", out, "--templates", tdir)
	want := bad + ":3:8: error: 模板错误：模板循环次数过多（超过 200000 次）：{{range}} 的次数应来自事实表中的列表，{{template}} 不应无限调用自己\n"
	if code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errs, want)
	}
	if written, _ := os.ReadDir(out); len(written) != 0 {
		t.Errorf("wrote %v", written)
	}
}
