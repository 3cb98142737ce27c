package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zongjie kinds lists every kind, one a line, and a --templates folder's own.
func TestKinds(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"kinds"}, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var ids []string
	for _, l := range lines {
		ids = append(ids, strings.Fields(l)[0])
	}
	if got := strings.Join(ids, " "); got != "annual campaign partyday review study" {
		t.Errorf("ids %q:\n%s", got, out.String())
	}
	if !strings.Contains(out.String(), "review    领导点评（默认）  活动中领导点评的总结") {
		t.Errorf("the default is not marked:\n%s", out.String())
	}

	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "kinds", "meeting"), 0o755); err != nil {
		t.Fatal(err)
	}
	data := "id = \"meeting\"\nname = \"会议总结\"\ndescription = \"一次会议的总结\"\n"
	if err := os.WriteFile(filepath.Join(dir, "kinds", "meeting", "kind.toml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := Main([]string{"kinds", "--templates", dir}, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "meeting   会议总结  一次会议的总结\n") {
		t.Errorf("the user's kind is missing:\n%s", out.String())
	}
}

// A kind no one knows is an error at the key, naming the kinds there are.
func TestUnknownKind(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "a.toml")
	src := "[document]\ntitle = \"总结\"\nunit = \"第一党支部\"\nself = \"我支部\"\ntask = \"主题党日活动\"\ndate = 2026-11-20\nkind = \"会议纪要\"\n"
	if err := os.WriteFile(sheet, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Main([]string{"build", sheet, "-o", dir, "--format", "md"}, &out, &errb)
	want := sheet + `:7:8: error: 未知的总结类型 "会议纪要"：可用的有 annual（年度工作总结）、campaign（活动阶段总结）、partyday（主题党日）、review（领导点评）、study（学习教育）（zongjie kinds 列出各类型的说明）`
	if code != ExitProblem || strings.TrimSpace(errb.String()) != want {
		t.Errorf("exit %d, stderr:\n%s\nwant %s", code, errb.String(), want)
	}
}
