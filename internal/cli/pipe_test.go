package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zjIn(t *testing.T, stdin []byte, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := MainIO(args, bytes.NewReader(stdin), &out, &errb)
	return code, out.Bytes(), errb.String()
}

// "-" reads the sheet from standard input (named stdin in messages and
// outputs); -o - with one format writes the file to standard output.
func TestPipes(t *testing.T) {
	src, err := os.ReadFile("../../samples/party-day.toml")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := zjIn(t, src, "build", "-", "-o", "-", "--format", "md")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want, _ := os.ReadFile("../build/testdata/golden/party-day.md")
	if !bytes.Equal(stdout, want) {
		t.Errorf("stdout is not the sample's Markdown:\n%s", stdout)
	}
	code, stdout, _ = zjIn(t, src, "build", "-", "-o", "-", "--format", "pdf")
	if code != ExitOK || !bytes.HasPrefix(stdout, []byte("%PDF-")) {
		t.Errorf("pdf to stdout: exit %d, %q…", code, stdout[:min(len(stdout), 8)])
	}
	dir := t.TempDir()
	code, stdout, stderr = zjIn(t, src, "build", "-", "-o", dir, "--format", "md,html")
	if code != ExitOK || !strings.Contains(string(stdout), filepath.Join(dir, "stdin.md")) {
		t.Errorf("stdin to a folder: exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "stdin.html")); err != nil {
		t.Error(err)
	}
	code, _, stderr = zjIn(t, []byte("[document]\ntitle = \"x\"\n"), "build", "-", "-o", "-", "--format", "md")
	if code != ExitProblem || !strings.HasPrefix(stderr, "stdin:1:2: error: 缺少必填的键 \"date\"") {
		t.Errorf("bad stdin: exit %d, %q", code, stderr)
	}
	code, _, stderr = zjIn(t, src, "build", "-", "-o", "-")
	if code != ExitUsage || !strings.Contains(stderr, "-o - 把结果写到标准输出，只能用于一份事实表和一种格式") {
		t.Errorf("-o - with every format: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("a folder named - was made")
	}
	code, stdout, stderr = zjIn(t, src, "check", "-")
	if code != ExitOK || len(stdout) != 0 || stderr != "" {
		t.Errorf("check -: exit %d, %q %q", code, stdout, stderr)
	}
}

// check DIR checks every sheet of a batch folder as batch builds it.
func TestCheckFolder(t *testing.T) {
	code, stdout, stderr := zj(t, "check", "../../samples/branches")
	if code != ExitOK || stdout != "" || stderr != "" {
		t.Errorf("samples/branches: exit %d, %q %q", code, stdout, stderr)
	}
	dir := t.TempDir()
	if code, _, stderr := zj(t, "init", "--branches", dir); code != ExitOK {
		t.Fatal(stderr)
	}
	// A figure that cannot be: participants above members, in one branch.
	branch := filepath.Join(dir, "第二党支部.toml")
	b, _ := os.ReadFile(branch)
	if err := os.WriteFile(branch, bytes.Replace(b, []byte("participants = 12"), []byte("participants = 13"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = zj(t, "check", dir)
	if code != ExitProblem || !strings.Contains(stdout, "第二党支部.toml:") || !strings.Contains(stdout, "参与人数 13 大于党员总数 12") {
		t.Errorf("a bad branch: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := zj(t, "check", t.TempDir()); code != ExitProblem || !strings.Contains(stdout, "这个文件夹中没有事实表") {
		t.Errorf("an empty folder: exit %d %q", code, stdout)
	}
}
