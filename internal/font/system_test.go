package font

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// isolateFontDirs makes FontDirs the given folders only: no system or
// user font folder of the machine running the test.
func isolateFontDirs(t *testing.T, dirs ...string) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("ZONGJIE_FONT_DIRS", strings.Join(dirs, string(os.PathListSeparator)))
	t.Setenv("HOME", none)
	t.Setenv("XDG_DATA_HOME", none)
	t.Setenv("XDG_DATA_DIRS", none)
	t.Setenv("WINDIR", none)
	t.Setenv("LOCALAPPDATA", none)
}

// fontFolder is a temporary font folder holding testdata/test-fangsong.ttf
// (family "ZJ Test Fangsong", Chinese "测试仿宋") in a subfolder, and a
// file that is not a font.
func fontFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/test-fangsong.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "cjk"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cjk", "test-fangsong.ttf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.ttf"), []byte("not a font"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestScan(t *testing.T) {
	dir := fontFolder(t)
	got := Scan([]string{dir})
	if len(got) != 1 {
		t.Fatalf("found %+v, want the one face", got)
	}
	in := got[0]
	if in.Path != filepath.Join(dir, "cjk", "test-fangsong.ttf") || in.Index != 0 || in.CFF || !in.CJK ||
		!slices.Equal(in.Families, []string{"ZJ Test Fangsong", "测试仿宋"}) || in.PostScript != "ZJTestFangsong-Regular" ||
		in.FullName != "ZJ Test Fangsong Regular" || in.Subfamily != "Regular" || in.Family() != "测试仿宋" {
		t.Errorf("%+v", in)
	}
}

// TestResolveByName: a face is found by its family name in Chinese or
// English, however spaced, by its full or PostScript name and by its
// file name; a path is still a path.
func TestResolveByName(t *testing.T) {
	dir := fontFolder(t)
	isolateFontDirs(t, filepath.Join(t.TempDir(), "missing"), dir)
	for _, name := range []string{"测试仿宋", "ZJ Test Fangsong", "zj_test_fangsong", "ZJ-TEST-FANGSONG", "ZJ Test Fangsong Regular",
		"ZJTestFangsong-Regular", "test-fangsong.ttf", "test-fangsong", "test-fangsong.ttf#0"} {
		f, err := Resolve(name, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if f.Name() != "ZJTestFangsong-Regular" || f.(*TrueType).File() != filepath.Join(dir, "cjk", "test-fangsong.ttf") {
			t.Errorf("%s: %s from %s", name, f.Name(), f.(*TrueType).File())
		}
	}
	// A file next to the sheet wins over an installed one of that name.
	base := t.TempDir()
	kai, _ := os.ReadFile("../../fonts/zj-heading2.ttf")
	os.WriteFile(filepath.Join(base, "test-fangsong.ttf"), kai, 0o644)
	if f, err := Resolve("test-fangsong.ttf", base); err != nil || f.Name() != "ZJKai-Regular" {
		t.Errorf("relative file: %v %v", f, err)
	}
	// A path with a folder is not looked up by name.
	if _, err := Resolve("fonts/测试仿宋", ""); err == nil || ErrNotFound(err) || !strings.Contains(err.Error(), reasonNotExist) {
		t.Errorf("path: %v", err)
	}
}

func TestResolveNotFound(t *testing.T) {
	dir := fontFolder(t)
	missing := filepath.Join(t.TempDir(), "missing")
	isolateFontDirs(t, dir, missing)
	_, err := Resolve("仿宋_GB2312", "")
	if !ErrNotFound(err) {
		t.Fatalf("error %v, want not found", err)
	}
	want := "找不到字体“仿宋_GB2312”：它不是字体文件，也不是已安装字体的字体名或文件名。已搜索 " + dir +
		"；相近的字体：测试仿宋（test-fangsong.ttf）。可用 zongjie fonts 列出可用的字体，或设置 ZONGJIE_FONT_DIRS 指定字体文件夹"
	if err.Error() != want {
		t.Errorf("message\n%s\nwant\n%s", err, want)
	}
	// Nothing alike: no list of similar faces.
	_, err = Resolve("Helvetica", "")
	if err == nil || strings.Contains(err.Error(), "相近") || !strings.Contains(err.Error(), "已搜索 "+dir) {
		t.Errorf("Helvetica: %v", err)
	}
	isolateFontDirs(t, missing)
	if _, err := Resolve("FangSong", ""); err == nil || !strings.Contains(err.Error(), "没有找到任何字体文件夹") {
		t.Errorf("no folders: %v", err)
	}
}

func TestFontDirs(t *testing.T) {
	isolateFontDirs(t, "/a", "/b")
	dirs := FontDirs()
	if len(dirs) < 3 || dirs[0] != "/a" || dirs[1] != "/b" {
		t.Errorf("FontDirs() = %v, want ZONGJIE_FONT_DIRS first, then the system's", dirs)
	}
}
