package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zj(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// zongjie init KIND writes a sheet that builds as written, with no
// warning, beside the schema its first lines point to; it never
// overwrites.
func TestInitEveryKind(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"review", "campaign", "study", "annual", "partyday", "主题教育"} {
		sheet := filepath.Join(dir, k+".toml")
		if code, _, stderr := zj(t, "init", k, sheet); code != ExitOK {
			t.Fatalf("init %s: exit %d: %s", k, code, stderr)
		}
		b, err := os.ReadFile(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "#:schema ./factsheet.schema.json") || !strings.Contains(string(b), "# 生成：zongjie build") {
			t.Errorf("%s: the sheet lacks its header:\n%s", k, b)
		}
		code, _, stderr := zj(t, "build", sheet, "-o", filepath.Join(dir, "out"))
		if code != ExitOK || stderr != "" {
			t.Errorf("build %s: exit %d, stderr %q", k, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "factsheet.schema.json")); err != nil {
		t.Errorf("no schema beside the sheets: %v", err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "review.toml"))
	code, _, stderr := zj(t, "init", "campaign", filepath.Join(dir, "review.toml"))
	after, _ := os.ReadFile(filepath.Join(dir, "review.toml"))
	if code != ExitProblem || !strings.Contains(stderr, "已存在，不会覆盖") || !bytes.Equal(before, after) {
		t.Errorf("init over a sheet: exit %d, %q; file changed: %v", code, stderr, !bytes.Equal(before, after))
	}
	if code, _, stderr := zj(t, "init", "memo", filepath.Join(dir, "m.toml")); code != ExitUsage || !strings.Contains(stderr, `没有名为 "memo" 的总结类型`) {
		t.Errorf("unknown kind: exit %d, %q", code, stderr)
	}
}

// zongjie init --branches DIR writes a folder that zongjie batch builds.
func TestInitBranches(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "支部")
	code, stdout, stderr := zj(t, "init", "--branches", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"_defaults.toml", "_rollup.toml", "第一党支部.toml", "第二党支部.toml"} {
		if !strings.Contains(stdout, filepath.Join(dir, f)) {
			t.Errorf("%s not written:\n%s", f, stdout)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := zj(t, "batch", dir, "-o", out, "--quiet", "--format", "md"); code != ExitOK || stderr != "" {
		t.Errorf("batch: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "_rollup.md")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := zj(t, "init", "--branches", dir); code != ExitProblem || !strings.Contains(stderr, "已存在，不会覆盖") {
		t.Errorf("second init --branches: exit %d, %q", code, stderr)
	}
}

// zongjie schema prints the committed schema.
func TestSchemaCommand(t *testing.T) {
	code, stdout, _ := zj(t, "schema")
	committed, _ := os.ReadFile("../../docs/factsheet.schema.json")
	if code != ExitOK || stdout != string(committed) {
		t.Errorf("exit %d; output equals docs/factsheet.schema.json: %v", code, stdout == string(committed))
	}
}
