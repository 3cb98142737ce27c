package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/sheet"
)

// runCheck prints every diagnostic of the sheets, sorted: exit 0 when
// clean, 1 on errors (on warnings too with --strict).
func runCheck(args []string, stdout, stderr io.Writer) int {
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
	var all diag.List
	for _, path := range sheets {
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
