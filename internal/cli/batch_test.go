package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/batchgen"
)

func TestBatchCommand(t *testing.T) {
	in, out := filepath.Join(t.TempDir(), "b"), t.TempDir()
	if err := batchgen.Generate(in, 12, 1); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(in, "b0005.toml")
	src, _ := os.ReadFile(bad)
	os.WriteFile(bad, []byte(strings.Replace(string(src), "[figures]", "[figures]\nbranchs = 1", 1)), 0o644)

	code, stdout, stderr := run("batch", in, "-o", out, "--format", "md", "-j", "2")
	if code != ExitProblem {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	// Progress as plain lines (stderr is not a terminal), then the
	// diagnostics, last, with their file.
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := bad + `:6:1: error: 未知的键 "branchs"：是不是想写 "branches"？`
	if lines[len(lines)-1] != want || !strings.HasPrefix(lines[0], "已完成 ") {
		t.Errorf("stderr:\n%s\nwant progress lines, then %s", stderr, want)
	}
	if !strings.Contains(stdout, "共 12 个支部：重新生成 11 个，未变化 0 个，失败 1 个") || !strings.Contains(stdout, "已更新索引页") {
		t.Errorf("stdout:\n%s", stdout)
	}

	os.WriteFile(bad, src, 0o644)
	code, stdout, stderr = run("batch", in, "-o", out, "--format", "md", "--quiet")
	if code != ExitOK || stdout != "" || stderr != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "b0005.md")); err != nil {
		t.Error("the mended sheet was not built")
	}
}

func TestBatchUsageErrors(t *testing.T) {
	in := filepath.Join(t.TempDir(), "b")
	batchgen.Generate(in, 2, 1)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"batch"}, "没有指定目录或事实表"},
		{[]string{"batch", in, "--shard", "4/3"}, "--shard 应写成 i/n"},
		{[]string{"batch", in, "-j", "-1"}, "-j 应为正整数"},
		{[]string{"batch", filepath.Join(in, "b0001.toml"), "--rollup-only"}, "--rollup-only 需要指定事实表所在的目录"},
		{[]string{"batch", in, in}, "是目录"},
		{[]string{"watch", in, in}, "watch 只能监视一个目录或一份事实表"},
	}
	for _, c := range cases {
		code, _, errs := run(c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}
