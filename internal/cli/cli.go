// Package cli is zongjie's command line: subcommands, flags and exit codes.
// Main takes its streams as arguments so tests run it without a subprocess.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/font"
)

// Exit codes.
const (
	ExitOK      = 0 // everything built / no problems
	ExitProblem = 1 // a sheet has errors, or a build failed
	ExitUsage   = 2 // the command line is wrong
	ExitFatal   = 3 // zongjie itself could not start (templates, fonts)
)

const usage = `zongjie：根据事实表（TOML）生成工作总结（Markdown、HTML、PDF、Word）

用法：
  zongjie build 事实表.toml… [-o 目录] [--format md,html,pdf,docx]
                [--templates 目录] [--font 角色=字体文件[#序号]]… [--script hant]
  zongjie check 事实表.toml… [--json] [--strict] [--templates 目录]
  zongjie batch 目录|事实表.toml… [-o 目录] [-j 数量] [--shard i/n] [--force] [--quiet]
  zongjie watch 目录|事实表.toml [-o 目录]
  zongjie preview 事实表.toml|目录 [--port 端口] [--open]
  zongjie init [类型] [事实表.toml] | zongjie init --branches 目录
  zongjie kinds [--templates 目录]
  zongjie schema
  zongjie completion bash|zsh|fish|powershell
  zongjie help [命令]                 某个命令的用法（也可用 zongjie 命令 --help）
  zongjie templates export 目录 [--kind 类型]
  zongjie fonts [事实表.toml] [--font 角色=字体]…
  zongjie version

build 的选项：
  -o 目录           输出目录（默认 out）
  --format 列表     输出格式，逗号分隔（默认 md,html,pdf,docx）
  --templates 目录  用该目录中的同名模板（*.md.tmpl）替换内置模板
  --font 角色=字体  为某一角色指定 TrueType 字体：title（标题）、heading1（一级标题）、
                    heading2（二级标题）、body（正文）；可写文件路径，也可写已安装字体的
                    字体名或文件名（在系统字体文件夹和 ZONGJIE_FONT_DIRS 中查找）；
                    .ttc 字体集可用 #序号 选择字形，
                    如 --font body=仿宋_GB2312  --font body=simfang.ttf  --font title=simsun.ttc#1
                    也可用环境变量 ZONGJIE_FONT_BODY 等指定
  --script hant     全部输出用繁体字（模板文字和事实表中的文字逐词转换，人名不转换）；
                    也可在事实表 [document] 中写 script = "hant"

check 按审稿人的眼光检查事实表（数字是否对得上、日期是否在期间内、是否重复、
是否留有别的单位的自称等），每行一条：文件:行:列: error|warning: 说明
  --json            以 JSON 输出（每条含 kind：问题的类别，help：怎么改）
  --excerpt         在每条之后印出事实表中的那一行，并用 ^ 标出位置（build 也可用）
  --strict          有警告也以状态 1 退出

kinds 列出可用的总结类型（事实表 [document] 中的 kind），每行一个：编号、名称、说明
init 写一份带注释的事实表（每个键的含义和示例），可直接生成；--branches 写一个批量生成用的目录；不覆盖已有文件
schema 输出事实表的 JSON Schema（编辑器据此补全和检查）
templates export 把内置模板和总结类型的数据文件写到目录中供修改（--kind 只导出该类型；不覆盖已有文件）

batch 为目录中的每份支部事实表各生成一份总结（同目录 _defaults.toml 中的事实各支部共用），
并生成汇总 _rollup.* 和索引页 index.html；详见 docs/batch.md
` + batchUsage + "\n" + watchUsage + "\n" + previewUsage + "\n" + fontsUsage

// Main runs zongjie with args (without the program name) and returns the
// exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return MainIO(args, os.Stdin, stdout, stderr)
}

// MainIO is Main with standard input, which a sheet named "-" is read from.
func MainIO(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	if c, ok := lookupCommand(args[0]); ok && wantsHelp(args[1:]) {
		printHelp(stdout, c)
		return ExitOK
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "batch":
		return runBatch(args[1:], stdout, stderr)
	case "watch":
		return runWatch(args[1:], stdout, stderr)
	case "preview":
		return runPreview(args[1:], stdout, stderr)
	case "kinds":
		return runKinds(args[1:], stdout, stderr)
	case "templates":
		return runTemplates(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "fonts":
		return runFonts(args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "zongjie", Version)
		return ExitOK
	case "completion":
		return runCompletion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		if len(args) > 1 {
			c, ok := lookupCommand(args[1])
			if !ok {
				return unknownCommand(stderr, args[1])
			}
			printHelp(stdout, c)
			return ExitOK
		}
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	return unknownCommand(stderr, args[0])
}

// Version is zongjie's version, part of what decides whether an output is
// up to date.
const Version = "0.1.0"

// parseInterspersed lets flags come after the sheet names, as users type
// them (zongjie build a.toml -o out).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, &flagError{fs, err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

type fontFlags map[font.Role]string

func (f fontFlags) String() string { return "" }

func (f fontFlags) Set(v string) error {
	r, spec, err := font.ParseAssignment(v)
	if err != nil {
		return err
	}
	f[r] = spec
	return nil
}

// fontSpecs reads user fonts from the environment, then the flags (which
// win), as ZONGJIE_FONT_BODY=path[#index].
func fontSpecs(flags fontFlags) map[font.Role]string {
	specs := map[font.Role]string{}
	for _, r := range font.Roles {
		if v := os.Getenv("ZONGJIE_FONT_" + strings.ToUpper(string(r))); v != "" {
			specs[r] = v
		}
	}
	for r, v := range flags {
		specs[r] = v
	}
	return specs
}

func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "out", "")
	formats := fs.String("format", "md,html,pdf,docx", "")
	excerpt := fs.Bool("excerpt", false, "")
	templates := fs.String("templates", "", "")
	fonts := fontFlags{}
	fs.Var(fonts, "font", "")
	sc := fs.String("script", "", "")
	sheets, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(sheets) == 0 {
		return usageError(stderr, errors.New("没有指定事实表：zongjie build 事实表.toml"))
	}
	fmts, err := build.ParseFormats(*formats)
	if err != nil {
		return usageError(stderr, err)
	}
	if *out == "-" && (len(sheets) != 1 || len(fmts) != 1) {
		return usageError(stderr, errors.New("-o - 把结果写到标准输出，只能用于一份事实表和一种格式，如 --format html"))
	}
	if n := slices.Index(sheets, build.StdinPath); n >= 0 && slices.Index(sheets[n+1:], build.StdinPath) >= 0 {
		return usageError(stderr, errors.New("标准输入 - 只能读一次"))
	}
	if len(sheets) > 4 {
		releaseGC() // many documents: a long run
	}
	// The first sheet is read and checked while the templates are parsed:
	// neither needs the other.
	var first *build.Input
	var reading sync.WaitGroup
	reading.Go(func() { first = build.Read(sheets[0], stdin) })
	defer reading.Wait() // nothing of the run goes on after it returns
	b, err := build.FromSpecs(*templates, fontSpecs(fonts))
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	read := func(i int) *build.Input {
		if i == 0 {
			reading.Wait()
			return first
		}
		return build.Read(sheets[i], stdin)
	}
	if *sc != "" {
		if err := b.SetScript(*sc); err != nil {
			return usageError(stderr, err)
		}
	}
	if *out == "-" {
		// A pipe: one sheet, one format, the file itself on stdout.
		outs, diags := b.OutputsOf(read(0), fmts)
		printDiags(stderr, diags, *excerpt)
		if outs == nil {
			return ExitProblem
		}
		if _, err := stdout.Write(outs[0].Data); err != nil {
			fmt.Fprintf(stderr, "zongjie：无法写到标准输出：%s\n", err)
			return ExitProblem
		}
		return ExitOK
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "zongjie：无法创建输出目录 %s：%s\n", *out, err)
		return ExitProblem
	}
	code := ExitOK
	// Branch sheets of one folder share its defaults: a problem there is
	// printed once, not once per sheet.
	seen := map[diag.Diagnostic]bool{}
	for i := range sheets {
		res := b.FileOf(read(i), *out, fmts)
		var fresh diag.List
		for _, d := range res.Diags {
			if !seen[d] {
				seen[d] = true
				fresh = append(fresh, d)
			}
		}
		printDiags(stderr, fresh, *excerpt)
		if res.Diags.HasErrors() {
			code = ExitProblem
			continue
		}
		for _, p := range res.Written {
			fmt.Fprintf(stdout, "已写入 %s\n", p)
		}
	}
	return code
}
