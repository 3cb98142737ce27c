package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zongjie/zongjie/templates"
)

// Export writes the embedded templates into dir for editing: the common
// ones, and the folder of kind id (every kind's when id is ""). Building
// with --templates dir on the untouched export gives the same bytes as
// without. A file already there is never overwritten: Export writes
// nothing and names it.
func Export(dir, id string) ([]string, error) {
	var files []string
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// Templates and kinds' data; not the sheets zongjie init writes.
		if !strings.HasSuffix(p, ".md.tmpl") && path.Base(p) != "kind.toml" {
			return nil
		}
		if k := kindOf(p); k != "" && id != "" && k != id {
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if id != "" && !slices.ContainsFunc(files, func(p string) bool { return kindOf(p) == id }) {
		return nil, fmt.Errorf("没有名为 %q 的内置总结类型：zongjie kinds 列出所有类型", id)
	}
	var exist []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
			exist = append(exist, filepath.Join(dir, filepath.FromSlash(f)))
		}
	}
	if len(exist) > 0 {
		return nil, fmt.Errorf("%s 已存在，不会覆盖：请换一个空目录，或先移走这些文件", exist[0])
	}
	var written []string
	for _, f := range files {
		b, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			return written, err
		}
		out := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(out), 0o777); err != nil {
			return written, err
		}
		// O_EXCL: a file that appeared meanwhile is still not overwritten.
		w, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return written, err
		}
		_, err = w.Write(b)
		err = errors.Join(err, w.Close())
		if err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

// kindOf names the kind folder a template file lies in, or "".
func kindOf(p string) string {
	if dir, _ := path.Split(p); dir != "" {
		if k, rest := path.Split(path.Clean(dir)); path.Clean(k) == "kinds" && rest != "" {
			return rest
		}
	}
	return ""
}
