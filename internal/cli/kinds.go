package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/kind"
)

// runKinds lists the kinds of summary: the embedded ones and those of a
// --templates folder, one a line, with the names a sheet may use.
func runKinds(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kinds", flag.ContinueOnError)
	fs.SetOutput(stderr)
	templates := fs.String("templates", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "用法：zongjie kinds [--templates 目录]")
		return ExitUsage
	}
	var opt compose.Options
	if *templates != "" {
		if info, err := os.Stat(*templates); err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "zongjie：模板目录 %s 不存在或不是目录\n", *templates)
			return ExitUsage
		}
		opt = compose.Options{Templates: os.DirFS(*templates), TemplatesDir: *templates}
	}
	c, err := compose.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	for _, k := range c.Kinds() {
		name := k.Name
		if k.ID == kind.Default {
			name += "（默认）"
		}
		fmt.Fprintf(stdout, "%-9s %s  %s\n", k.ID, name, k.Description)
	}
	return ExitOK
}
