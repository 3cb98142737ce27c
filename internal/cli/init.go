package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/templates"
)

const initUsage = "用法：zongjie init [类型] [事实表.toml]    写一份带注释的事实表\n      zongjie init --branches 目录             写一个批量生成用的目录"

// runInit writes a commented sheet for a kind, or a batch folder; it never
// overwrites a file.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	branches := fs.String("branches", "", "")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) > 2 || (*branches != "" && len(pos) > 0) {
		fmt.Fprintln(stderr, initUsage)
		return ExitUsage
	}
	if *branches != "" {
		return initBranches(*branches, stdout, stderr)
	}
	c, err := compose.New(compose.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	id, file := "", "总结.toml"
	switch len(pos) {
	case 1:
		if _, ok := c.KindSet().Lookup(pos[0]); ok {
			id = pos[0]
		} else {
			file = pos[0]
		}
	case 2:
		id, file = pos[0], pos[1]
	}
	k, ok := c.KindSet().Lookup(id)
	if !ok {
		fmt.Fprintf(stderr, "zongjie：没有名为 %q 的总结类型：可用的有 %s\n", id, joinNames(c))
		return ExitUsage
	}
	src, err := templates.FS.ReadFile(path.Join(k.Dir, "init.toml"))
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：类型 %s 没有事实表样例\n", k.ID)
		return ExitUsage
	}
	if filepath.Ext(file) != ".toml" {
		file += ".toml"
	}
	files := map[string][]byte{file: src}
	if schema, err := Schema(); err == nil {
		// The sheet's #:schema line points here, for completion in the editor.
		files[filepath.Join(filepath.Dir(file), "factsheet.schema.json")] = schema
	}
	return writeNew(files, []string{file}, stdout, stderr)
}

func joinNames(c *compose.Composer) string {
	s := ""
	for i, k := range c.Kinds() {
		if i > 0 {
			s += "、"
		}
		s += k.ID + "（" + k.Name + "）"
	}
	return s
}

// initBranches writes a batch folder: the shared facts, the roll-up and two
// branch sheets.
func initBranches(dir string, stdout, stderr io.Writer) int {
	files := map[string][]byte{}
	var must []string
	err := fs.WalkDir(templates.FS, "init", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		out := filepath.Join(dir, path.Base(p))
		files[out] = b
		must = append(must, out)
		return err
	})
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	code := writeNew(files, must, stdout, stderr)
	if code == ExitOK {
		fmt.Fprintf(stdout, "生成全部支部的总结：zongjie batch %s -o out\n", dir)
	}
	return code
}

// writeNew writes files that do not exist yet. If any of must exists,
// nothing is written; others that exist are left as they are.
func writeNew(files map[string][]byte, must []string, stdout, stderr io.Writer) int {
	for _, f := range must {
		if _, err := os.Lstat(f); err == nil {
			fmt.Fprintf(stderr, "zongjie：%s 已存在，不会覆盖：请换一个文件名\n", f)
			return ExitProblem
		}
	}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		if err := os.MkdirAll(filepath.Dir(f), 0o777); err != nil {
			fmt.Fprintf(stderr, "zongjie：无法创建目录 %s：%s\n", filepath.Dir(f), err)
			return ExitProblem
		}
		w, err := os.OpenFile(f, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) && !slices.Contains(must, f) {
			continue // an earlier schema file stays
		}
		if err != nil {
			fmt.Fprintf(stderr, "zongjie：无法写入 %s：%s\n", f, err)
			return ExitProblem
		}
		_, err = w.Write(files[f])
		if err = errors.Join(err, w.Close()); err != nil {
			fmt.Fprintf(stderr, "zongjie：无法写入 %s：%s\n", f, err)
			return ExitProblem
		}
		fmt.Fprintf(stdout, "已写入 %s\n", f)
	}
	return ExitOK
}
