package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// runCheck prints every diagnostic of the sheets, sorted: exit 0 when
// clean, 1 on errors (on warnings too with --strict).
func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	excerpt := fs.Bool("excerpt", false, "")
	strict := fs.Bool("strict", false, "")
	templates := fs.String("templates", "", "")
	sheets, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	// The kinds a sheet may name are the embedded ones and the folder's.
	composer, code := composerFor(*templates, stderr)
	if composer == nil {
		return code
	}
	if len(sheets) == 0 {
		return usageError(stderr, errors.New("没有指定事实表：zongjie check 事实表.toml"))
	}
	sheets, all := expandFolders(sheets)
	if len(sheets) > 4 {
		releaseGC() // a folder: a long run
	}
	for _, path := range sheets {
		if path == build.StdinPath {
			src, diags := sheet.ReadSourceFrom(build.Stdin, stdin)
			if diags != nil {
				all = append(all, diags...)
				continue
			}
			s, diags := sheet.Decode(build.Stdin, src)
			all = append(all, diags...)
			if s != nil {
				all = append(all, check.Sheet(s)...)
				all = append(all, composer.Check(s)...)
			}
			continue
		}
		// A branch sheet is checked merged over its folder's defaults.
		if diags, ok := batch.CheckFile(path); ok {
			all = append(all, diags...)
			continue
		}
		s, diags := sheet.ReadFile(path)
		all = append(all, diags...)
		if s != nil {
			all = append(all, check.Sheet(s)...)
			all = append(all, composer.Check(s)...)
		}
	}
	all = all.Sort()
	if *asJSON {
		b, err := all.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "zongjie：%s\n", err)
			return ExitFatal
		}
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		printDiags(stdout, all, *excerpt)
	}
	switch {
	case all.HasErrors():
		return ExitProblem
	case *strict && len(all) > 0:
		return ExitProblem
	}
	return ExitOK
}

// expandFolders replaces a batch folder by its sheets, so that check DIR
// checks every branch as batch would build it (defaults merged), the
// defaults and the roll-up too. A folder without sheets is a problem of
// its own.
func expandFolders(paths []string) ([]string, diag.List) {
	var out []string
	var diags diag.List
	for _, p := range paths {
		info, err := os.Stat(p)
		if p == build.StdinPath || err != nil || !info.IsDir() {
			out = append(out, p) // a missing file is reported by the reader
			continue
		}
		sheets, _ := filepath.Glob(filepath.Join(p, "*.toml"))
		if len(sheets) == 0 {
			diags = append(diags, diag.Errorf(p, 0, 0, "", "这个文件夹中没有事实表（*.toml）：请指定事实表，或批量生成用的文件夹").OfKind("read"))
			continue
		}
		slices.SortFunc(sheets, func(a, b string) int { return prose.NaturalCompare(filepath.Base(a), filepath.Base(b)) })
		out = append(out, sheets...)
	}
	return out, diags
}
