package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Help goes to stdout with exit 0; a mistake is one or two lines on stderr
// with exit 2, naming what was not known and the closest match.
func TestHelpAndTypos(t *testing.T) {
	for _, c := range []struct {
		args           []string
		code           int
		stdout, stderr string
	}{
		{[]string{"buidl"}, ExitUsage, "", "zongjie：未知的命令 \"buidl\"：你是不是想用 build？\n运行 zongjie help 查看所有命令\n"},
		{[]string{"chek", "a.toml"}, ExitUsage, "", "zongjie：未知的命令 \"chek\"：你是不是想用 check？\n运行 zongjie help 查看所有命令\n"},
		{[]string{"frobnicate"}, ExitUsage, "", "zongjie：未知的命令 \"frobnicate\"\n运行 zongjie help 查看所有命令\n"},
		{[]string{"build", "--bogus", "x.toml"}, ExitUsage, "", "zongjie build：不认识的选项 --bogus\n运行 zongjie help build 查看用法\n"},
		{[]string{"build", "--formt", "md", "x.toml"}, ExitUsage, "", "zongjie build：不认识的选项 --formt：你是不是想用 --format？\n运行 zongjie help build 查看用法\n"},
		{[]string{"build", "x.toml", "-o"}, ExitUsage, "", "zongjie build：选项 -o 后面缺少值\n运行 zongjie help build 查看用法\n"},
		{[]string{"batch", "-j", "x", "d"}, ExitUsage, "", "zongjie batch：选项 -j 的值 \"x\" 不对：应为整数\n运行 zongjie help batch 查看用法\n"},
		{[]string{"check", "--strict=maybe", "a.toml"}, ExitUsage, "", "zongjie check：选项 --strict 的值 \"maybe\" 不对：应为 true 或 false\n运行 zongjie help check 查看用法\n"},
		{[]string{"help", "nope"}, ExitUsage, "", "zongjie：未知的命令 \"nope\"\n运行 zongjie help 查看所有命令\n"},
		{[]string{"build"}, ExitUsage, "", "zongjie：没有指定事实表：zongjie build 事实表.toml\n运行 zongjie help 查看用法\n"},
	} {
		code, stdout, stderr := zj(t, c.args...)
		if code != c.code || stdout != c.stdout || stderr != c.stderr {
			t.Errorf("zongjie %s: exit %d\nstdout %q\nstderr %q\nwant exit %d, stderr %q", strings.Join(c.args, " "), code, stdout, stderr, c.code, c.stderr)
		}
	}
	for _, cmd := range commandNames() {
		for _, args := range [][]string{{"help", cmd}, {cmd, "--help"}, {cmd, "-h"}} {
			code, stdout, stderr := zj(t, args...)
			if code != ExitOK || stderr != "" || !strings.HasPrefix(stdout, "用法：zongjie "+cmd) {
				t.Errorf("zongjie %s: exit %d, stderr %q, stdout %q", strings.Join(args, " "), code, stderr, stdout)
			}
		}
	}
	code, stdout, _ := zj(t, "help")
	if code != ExitOK || !strings.Contains(stdout, "zongjie help [命令]") {
		t.Errorf("zongjie help: %d %q", code, stdout)
	}
}

// The completion scripts name every command, format, kind and role; bash's
// completes a command and a format when sourced.
func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, stderr := zj(t, "completion", sh)
		if code != ExitOK || stderr != "" {
			t.Fatalf("%s: exit %d %q", sh, code, stderr)
		}
		for _, w := range []string{"build", "batch", "init", "kinds", "schema", "templates", "html", "pdf", "campaign", "partyday", "body=", "heading1="} {
			if !strings.Contains(stdout, w) {
				t.Errorf("%s script lacks %q", sh, w)
			}
		}
	}
	if code, _, stderr := zj(t, "completion", "tcsh"); code != ExitUsage || !strings.Contains(stderr, "不支持的 shell") {
		t.Errorf("tcsh: %d %q", code, stderr)
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
COMP_WORDS=(zongjie bu); COMP_CWORD=1; _zongjie; echo "${COMPREPLY[*]}"
COMP_WORDS=(zongjie build --format p); COMP_CWORD=3; _zongjie; echo "${COMPREPLY[*]}"
COMP_WORDS=(zongjie init stu); COMP_CWORD=2; _zongjie; echo "${COMPREPLY[*]}"
COMP_WORDS=(zongjie check --st); COMP_CWORD=2; _zongjie; echo "${COMPREPLY[*]}"`
	out, err := exec.Command(bash, "-c", probe).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got, want := string(out), "build\npdf\nstudy\n--strict\n"; got != want {
		t.Errorf("bash completion:\n%s\nwant\n%s", got, want)
	}
}
