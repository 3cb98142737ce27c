package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteErrors: outputs that cannot be written are reported with the
// path and a reason in Chinese, status 1, and no temporary file is left.
func TestWriteErrors(t *testing.T) {
	const sheet = "../../samples/minimal.toml"

	// -o names a file.
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	os.WriteFile(file, nil, 0o644)
	code, _, errs := run("build", sheet, "-o", file)
	if want := "zongjie：无法创建输出目录 " + file + "："; code != ExitProblem || !strings.HasPrefix(errs, want) {
		t.Errorf("-o FILE: exit %d, stderr %q; want exit 1 and %q…", code, errs, want)
	}

	// The output's name is taken by a directory.
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "minimal.pdf"), 0o755)
	code, _, errs = run("build", sheet, "-o", out)
	want := sheet + ": error: 无法写入 " + filepath.Join(out, "minimal.pdf") + "：那里已有同名的文件夹，请移走或改用别的输出目录\n"
	if code != ExitProblem || errs != want {
		t.Errorf("directory in the way: exit %d, stderr %q; want %q", code, errs, want)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}

	// A directory the user may not write to (root may write anywhere).
	if os.Geteuid() != 0 {
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		code, _, errs = run("build", sheet, "-o", ro, "--format", "md")
		want := sheet + ": error: 无法写入 " + filepath.Join(ro, "minimal.md") + "：没有写入权限\n"
		if code != ExitProblem || errs != want {
			t.Errorf("read-only directory: exit %d, stderr %q; want %q", code, errs, want)
		}
	}
}
