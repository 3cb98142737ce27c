package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/files"
	"github.com/zongjie/zongjie/internal/kind"
)

// runKinds lists the kinds of summary: the embedded ones and those of a
// --templates folder, one a line, with the names a sheet may use.
func runKinds(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kinds", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	templates := fs.String("templates", "", "")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(pos) > 0 {
		return usageError(stderr, fmt.Errorf("kinds 不接受参数 %q：zongjie kinds [--templates 目录]", pos[0]))
	}
	c, code := composerFor(*templates, stderr)
	if c == nil {
		return code
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

// runTemplates handles zongjie templates export DIR [--kind K].
func runTemplates(args []string, stdout, stderr io.Writer) int {
	const use = "用法：zongjie templates export 目录 [--kind 类型]"
	if len(args) == 0 || args[0] != "export" {
		fmt.Fprintln(stderr, use)
		return ExitUsage
	}
	fs := flag.NewFlagSet("templates export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	id := fs.String("kind", "", "")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil || len(pos) != 1 {
		fmt.Fprintln(stderr, use)
		return ExitUsage
	}
	if *id != "" {
		c, err := compose.New(compose.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "zongjie：%s\n", err)
			return ExitFatal
		}
		k, ok := c.KindSet().Lookup(*id)
		if !ok {
			fmt.Fprintf(stderr, "zongjie：没有名为 %q 的总结类型：zongjie kinds 列出所有类型\n", *id)
			return ExitUsage
		}
		*id = k.ID
	}
	written, err := compose.Export(pos[0], *id)
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitProblem
	}
	fmt.Fprintf(stdout, "已导出 %d 个文件到 %s；修改后用 --templates %s 生成\n", len(written), pos[0], pos[0])
	return ExitOK
}

// composerFor loads the templates and kinds, the embedded ones and those
// of a --templates folder; on failure it reports and returns the exit code.
func composerFor(dir string, stderr io.Writer) (*compose.Composer, int) {
	var opt compose.Options
	if dir != "" {
		if err := build.CheckTemplateDir(dir); err != nil {
			fmt.Fprintf(stderr, "zongjie：%s\n", err)
			return nil, ExitUsage
		}
		opt = compose.Options{Templates: files.DirFS(dir, files.Template), TemplatesDir: dir}
	}
	c, err := compose.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return nil, ExitFatal
	}
	return c, ExitOK
}
