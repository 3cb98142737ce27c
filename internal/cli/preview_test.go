package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// preview's command line: mistakes in one or two lines, exit 2; help and
// completion know the command and its options.
func TestPreviewCommandLine(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"preview"}, "zongjie：preview 只能预览一份事实表或一个目录：zongjie preview 事实表.toml\n运行 zongjie help 查看用法\n"},
		{[]string{"preview", "a.toml", "b.toml"}, "zongjie：preview 只能预览一份事实表或一个目录：zongjie preview 事实表.toml\n运行 zongjie help 查看用法\n"},
		{[]string{"preview", "a.toml", "--prot", "8080"}, "zongjie preview：不认识的选项 --prot：你是不是想用 --port？\n运行 zongjie help preview 查看用法\n"},
		{[]string{"preview", "a.toml", "--port", "x"}, "zongjie preview：选项 --port 的值 \"x\" 不对：应为整数\n运行 zongjie help preview 查看用法\n"},
		{[]string{"preview", "a.toml", "--port", "70000"}, "zongjie：端口 70000 不对：应在 1 到 65535 之间\n运行 zongjie help 查看用法\n"},
		{[]string{"preview", "-"}, "zongjie：preview 要监视事实表文件的改动，不能读标准输入：请指定事实表或目录\n运行 zongjie help 查看用法\n"},
		{[]string{"previwe", "a.toml"}, "zongjie：未知的命令 \"previwe\"：你是不是想用 preview？\n运行 zongjie help 查看所有命令\n"},
	} {
		code, stdout, stderr := zj(t, c.args...)
		if code != ExitUsage || stdout != "" || stderr != c.stderr {
			t.Errorf("zongjie %s: exit %d\nstdout %q\nstderr %q\nwant %q", strings.Join(c.args, " "), code, stdout, stderr, c.stderr)
		}
	}
	code, _, stderr := zj(t, "preview", filepath.Join(t.TempDir(), "无.toml"))
	if code != ExitFatal || !strings.Contains(stderr, "无.toml 不存在") {
		t.Errorf("missing sheet: exit %d %q", code, stderr)
	}
	_, stdout, _ := zj(t, "help", "preview")
	for _, w := range []string{"--port 端口", "--open", "127.0.0.1", "上一次生成的文档"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("help preview lacks %q", w)
		}
	}
	_, stdout, _ = zj(t, "help")
	if !strings.Contains(stdout, "zongjie preview 事实表.toml|目录 [--port 端口] [--open]") {
		t.Errorf("usage lacks preview")
	}

	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	_, script, _ := zj(t, "completion", "bash")
	file := filepath.Join(t.TempDir(), "c.bash")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	probe := `source ` + file + `
COMP_WORDS=(zongjie prev); COMP_CWORD=1; _zongjie; echo "${COMPREPLY[*]}"
COMP_WORDS=(zongjie preview --op); COMP_CWORD=2; _zongjie; echo "${COMPREPLY[*]}"`
	out, err := exec.Command(bash, "-c", probe).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got, want := string(out), "preview\n--open\n"; got != want {
		t.Errorf("bash completion:\n%s\nwant\n%s", got, want)
	}
}
