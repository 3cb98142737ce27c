package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFileWriteFailure: one sheet's outputs go through one group. With
// the HTML's name taken by a folder, the error names that file in
// Chinese, the other outputs are written whole, the folder is left alone
// and no temp file stays.
func TestFileWriteFailure(t *testing.T) {
	const sheet = "../../samples/minimal.toml"
	ref, dir := t.TempDir(), t.TempDir()
	if res := testBuilder(t).File(sheet, ref, Formats); res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	for _, f := range Formats {
		os.WriteFile(filepath.Join(dir, "minimal."+string(f)), []byte("old"), 0o644)
	}
	html := filepath.Join(dir, "minimal.html")
	os.Remove(html)
	os.MkdirAll(filepath.Join(html, "x"), 0o755)

	res := testBuilder(t).File(sheet, dir, Formats)
	if len(res.Diags) != 1 || res.Diags[0].Error() != sheet+": error: 无法写入 "+html+"：那里已有同名的文件夹，请移走或改用别的输出目录" {
		t.Errorf("diagnostics: %v", res.Diags)
	}
	var want []string
	for _, f := range Formats {
		if f != HTML {
			want = append(want, filepath.Join(dir, "minimal."+string(f)))
		}
	}
	if !slices.Equal(res.Written, want) {
		t.Errorf("written %v, want %v", res.Written, want)
	}
	for _, p := range want {
		got, _ := os.ReadFile(p)
		if ref, _ := os.ReadFile(filepath.Join(ref, filepath.Base(p))); !bytes.Equal(got, ref) {
			t.Errorf("%s differs from a clean build", p)
		}
	}
	if fi, err := os.Stat(html); err != nil || !fi.IsDir() {
		t.Error("the folder in the way was replaced")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

// TestFileStageFailure: when the outputs cannot even be started (the
// output folder is a file's name), nothing is written and the first
// output is named.
func TestFileStageFailure(t *testing.T) {
	const sheet = "../../samples/minimal.toml"
	dir := filepath.Join(t.TempDir(), "f")
	os.WriteFile(dir, []byte("a file"), 0o644)
	res := testBuilder(t).File(sheet, dir, Formats)
	md := filepath.Join(dir, "minimal.md")
	if len(res.Diags) != 1 || !strings.HasPrefix(res.Diags[0].Error(), sheet+": error: 无法写入 "+md+"：") || res.Written != nil {
		t.Errorf("diagnostics %v, written %v", res.Diags, res.Written)
	}
}
