package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "a.toml")
	os.WriteFile(small, []byte("abc"), 0o644)
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, make([]byte, 11), 0o644)
	k := Kind{Noun: "事实表", Max: 10, Hint: "请检查"}

	if b, err := Read(small, k); err != nil || string(b) != "abc" {
		t.Errorf("small: %q, %v", b, err)
	}
	cases := map[string]string{
		big:                             "文件过大（11 字节，上限 10 字节）：请检查",
		dir:                             "无法读取事实表：这是一个文件夹，不是事实表",
		filepath.Join(dir, "nope.toml"): "无法读取事实表：文件不存在，请检查路径",
		"":                              "无法读取事实表：文件不存在，请检查路径",
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" {
		cases["/dev/zero"] = "无法读取事实表：不是普通文件，而是设备、管道之类"
		fifo := filepath.Join(dir, "fifo")
		if err := mkfifo(fifo); err != nil {
			t.Fatal(err)
		}
		cases[fifo] = "无法读取事实表：不是普通文件，而是设备、管道之类"
		link := filepath.Join(dir, "zero.toml")
		os.Symlink("/dev/zero", link)
		cases[link] = "无法读取事实表：不是普通文件，而是设备、管道之类"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() { _, err := Read(path, k); done <- err }()
		select {
		case err := <-done:
			if got := Message(err); got != want {
				t.Errorf("%q: %q, want %q", path, got, want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("%q: Error() %q does not name the file", path, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: Read blocks", path)
		}
	}
	_, err := Read(filepath.Join(dir, "nope"), k)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file is not fs.ErrNotExist: %v", err)
	}
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md.tmpl"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md.tmpl"), make([]byte, 20), 0o644)
	fsys := DirFS(dir, Kind{Noun: "模板", Max: 10})
	names, err := fs.Glob(fsys, "*.md.tmpl")
	if err != nil || len(names) != 2 {
		t.Fatalf("glob: %v %v", names, err)
	}
	if b, err := fs.ReadFile(fsys, "a.md.tmpl"); err != nil || string(b) != "x" {
		t.Errorf("a: %q %v", b, err)
	}
	if _, err := fs.ReadFile(fsys, "b.md.tmpl"); Message(err) != "文件过大（20 字节，上限 10 字节）" {
		t.Errorf("b: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "../x"); err == nil {
		t.Error("../x read")
	}
}

func TestWriteReason(t *testing.T) {
	cases := map[error]string{
		&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}:                 "没有写入权限",
		&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}:                "磁盘空间不足",
		&os.LinkError{Op: "rename", Old: ".x.tmp", New: "x", Err: syscall.EISDIR}: "那里已有同名的文件夹，请移走或改用别的输出目录",
		&os.LinkError{Op: "rename", Old: ".x.tmp", New: "x", Err: syscall.EXDEV}:  syscall.EXDEV.Error(),
	}
	for err, want := range cases {
		if got := WriteReason(err); got != want {
			t.Errorf("%v: %q, want %q", err, got, want)
		}
	}
}
