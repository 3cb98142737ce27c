package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/zongjie/zongjie/internal/build"
)

// File and directory names a batch reserves. Names starting with "_" or
// "." are never branches, so none of these can collide with one.
const (
	DefaultsFile = build.DefaultsFile // facts every branch shares, and [batch] settings
	RollupFile   = "_rollup.toml"     // the parent unit's own facts
	RollupName   = "_rollup"          // OUT/_rollup.md, .html, .pdf
	IndexFile    = "index.html"       // OUT/index.html
	StateDir     = ".zongjie"         // OUT/.zongjie: the manifest
)

// input is what the command line names: one folder, and its sheets.
type input struct {
	folder string
	sheets []string
	full   bool // the folder itself was named: the sheets are every branch
}

// resolve turns DIR or SHEET... into one folder's sheets. Sheets named one
// by one must share a folder, since they share its defaults.
func resolve(args []string) (input, error) {
	if len(args) == 0 {
		return input{}, errors.New("没有指定目录或事实表：zongjie batch 目录")
	}
	if len(args) == 1 {
		if info, err := os.Stat(args[0]); err == nil && info.IsDir() {
			sheets, err := listSheets(args[0])
			if err != nil {
				return input{}, err
			}
			return input{folder: args[0], sheets: sheets, full: true}, nil
		} else if err != nil && !strings.HasSuffix(args[0], ".toml") {
			return input{}, fmt.Errorf("%s 不存在：请指定事实表所在的目录，或一份或几份事实表", args[0])
		}
	}
	in := input{folder: filepath.Dir(args[0])}
	abs, _ := filepath.Abs(in.folder)
	for _, a := range args {
		if info, err := os.Stat(a); err == nil && info.IsDir() {
			return input{}, fmt.Errorf("%s 是目录：一次只能处理一个目录，或同一目录中的几份事实表", a)
		}
		d, _ := filepath.Abs(filepath.Dir(a))
		if d != abs {
			return input{}, fmt.Errorf("%s 与 %s 不在同一目录：一次处理的事实表共用所在目录的 %s，请分别运行", a, args[0], DefaultsFile)
		}
		if !slices.Contains(in.sheets, a) {
			in.sheets = append(in.sheets, a)
		}
	}
	return in, nil
}

// listSheets returns the branch sheets of a folder: *.toml, except names
// starting with "_" (the defaults and the roll-up) or "." (editors' files).
func listSheets(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("无法读取目录 %s：%s", dir, err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".toml") || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	sort.Strings(out)
	return out, nil
}
