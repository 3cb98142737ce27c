package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/zongjie/zongjie/internal/sheet"
)

// command is one subcommand: its synopsis and the help `zongjie help CMD`
// and `zongjie CMD --help` print.
type command struct {
	name, synopsis, help string
	flags                []string // long names, for completion and typo hints
}

var commands = []command{
	{"build", "zongjie build 事实表.toml… [-o 目录] [--format md,html,pdf,docx] [--templates 目录] [--font 角色=字体]… [--script hant]",
		`根据事实表生成工作总结（Markdown、HTML、PDF、Word），先做与 check 相同的检查。

  -o 目录           输出目录（默认 out）；文件以事实表命名：目录/名称.md 等；
                    -o - 把结果写到标准输出（只用于一份事实表和一种格式）
事实表写成 - 时从标准输入读取（消息和输出文件中称为 stdin）。
  --format 列表     输出格式，逗号分隔（默认 md,html,pdf,docx）
  --templates 目录  用该目录中的同名模板（*.md.tmpl）和总结类型（kinds/类型/）替换内置的
  --font 角色=字体  为某一角色指定 TrueType 字体：title（标题）、heading1（一级标题）、
                    heading2（二级标题）、body（正文）；可写文件路径（.ttc 字体集可用 #序号
                    选择字形），也可写已安装字体的字体名或文件名（在系统字体文件夹和
                    ZONGJIE_FONT_DIRS 中查找），如 --font body=仿宋_GB2312、--font body=simfang.ttf；
                    也可用环境变量 ZONGJIE_FONT_BODY 等指定
  --script hant     全部输出用繁体字（模板文字和事实表中的文字逐词转换，人名不转换）；
                    也可在事实表 [document] 中写 script = "hant"

  --excerpt         在每条问题之后印出文件中的那一行，并用 ^ 标出位置

退出状态：0 完成，1 事实表有错误，2 用法错误，3 无法启动`, []string{"o", "format", "templates", "font", "script", "excerpt"}},
	{"check", "zongjie check 事实表.toml… [--json] [--strict] [--templates 目录]",
		`按审稿人的眼光检查事实表：数字是否对得上、日期是否在期间内、是否重复、是否留有别的单位的自称等。
每行一条：文件:行:列: error|warning: 说明。
给一个目录时检查其中每份事实表，支部事实表与 _defaults.toml 合并后检查，与 batch 一致；- 读标准输入。

  --json            以 JSON 输出（每条含 kind：问题的类别，help：怎么改）
  --excerpt         在每条之后印出文件中的那一行，并用 ^ 标出位置
  --strict          有警告也以状态 1 退出
  --templates 目录  该目录中自定的总结类型也算已知类型`, []string{"json", "excerpt", "strict", "templates"}},
	{"batch", "zongjie batch 目录|事实表.toml… [-o 目录] [-j 数量] [--shard i/n] [--rollup-only] [--force] [--quiet]",
		"为目录中的每份支部事实表各生成一份总结（同目录 _defaults.toml 中的事实各支部共用），\n并生成汇总 _rollup.* 和索引页 index.html；详见 docs/batch.md\n\n" + batchUsage,
		[]string{"o", "j", "shard", "rollup-only", "force", "quiet", "format", "templates", "font"}},
	{"watch", "zongjie watch 目录|事实表.toml [-o 目录]", watchUsage, []string{"o", "format", "templates", "font"}},
	{"preview", "zongjie preview 事实表.toml|目录 [--port 端口] [--open] [-o 目录]", previewUsage, []string{"port", "open", "o", "templates", "font"}},
	{"init", "zongjie init [类型] [事实表.toml] | zongjie init --branches 目录",
		`写一份带注释的事实表（每个键的含义和示例），可直接生成；类型见 zongjie kinds（默认领导点评），
文件名默认为 总结.toml，同目录写入 factsheet.schema.json 供编辑器补全。
  --branches 目录   写一个批量生成用的目录：_defaults.toml、_rollup.toml 和两份支部事实表
已有的文件不会被覆盖。`, []string{"branches"}},
	{"kinds", "zongjie kinds [--templates 目录]", "列出可用的总结类型（事实表 [document] 中的 kind），每行一个：编号、名称、说明。\n  --templates 目录  连同该目录中自定的类型", []string{"templates"}},
	{"templates", "zongjie templates export 目录 [--kind 类型]", "把内置模板和总结类型的数据文件写到目录中供修改；之后用 --templates 目录 生成。\n  --kind 类型       只导出该类型（连同通用模板）\n已有的文件不会被覆盖。", []string{"kind"}},
	{"schema", "zongjie schema", "输出事实表的 JSON Schema；事实表首行写 #:schema ./factsheet.schema.json，VS Code 的 Even Better TOML 即可补全和检查。", nil},
	{"completion", "zongjie completion bash|zsh|fish|powershell", "输出命令行补全脚本，如 zongjie completion bash > /etc/bash_completion.d/zongjie。", nil},
	{"fonts", "zongjie fonts [事实表.toml] [--font 角色=字体]…", strings.TrimPrefix(fontsUsage, "fonts "), []string{"font"}},
	{"version", "zongjie version", "显示版本。", nil},
	{"help", "zongjie help [命令]", "显示所有命令，或某个命令的用法。", nil},
}

func lookupCommand(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

// printHelp writes one command's help.
func printHelp(w io.Writer, c command) {
	fmt.Fprintf(w, "用法：%s\n\n%s\n", c.synopsis, strings.TrimRight(c.help, "\n"))
}

// wantsHelp reports whether the arguments ask for help (-h, -help, --help)
// before any -- that ends the flags.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// unknownCommand says what was not known and the closest command, in two
// lines, without the whole help.
func unknownCommand(stderr io.Writer, name string) int {
	fmt.Fprintf(stderr, "zongjie：未知的命令 %q", name)
	if s := sheet.Suggest(name, commandNames()); s != "" {
		fmt.Fprintf(stderr, "：你是不是想用 %s？", s)
	}
	fmt.Fprintln(stderr, "\n运行 zongjie help 查看所有命令")
	return ExitUsage
}

// flagError is a command-line mistake the flag package found, with the
// command it was found in.
type flagError struct {
	fs  *flag.FlagSet
	err error
}

func (e *flagError) Error() string { return e.err.Error() }

// Compiled at the first usage error, not at every start.
var (
	flagUndefined = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag provided but not defined: -+(.*)$`) })
	flagNoArg     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag needs an argument: -+(.*)$`) })
	flagBadValue  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]+): (.*)$`)
	})
)

// chinese words the flag package's complaints in the user's language, with
// the closest option for a misspelt one.
func (e *flagError) chinese() string {
	msg := e.err.Error()
	if m := flagUndefined().FindStringSubmatch(msg); m != nil {
		var names []string
		e.fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		s := fmt.Sprintf("不认识的选项 %s", dashes(m[1]))
		if best := sheet.Suggest(m[1], names); best != "" {
			s += fmt.Sprintf("：你是不是想用 %s？", dashes(best))
		}
		return s
	}
	if m := flagNoArg().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("选项 %s 后面缺少值", dashes(m[1]))
	}
	if m := flagBadValue().FindStringSubmatch(msg); m != nil {
		why := m[3]
		if f := e.fs.Lookup(m[2]); f != nil && why == "parse error" {
			switch fmt.Sprintf("%T", f.Value) {
			case "*flag.intValue":
				why = "应为整数"
			case "*flag.boolValue":
				why = "应为 true 或 false"
			}
		}
		return fmt.Sprintf("选项 %s 的值 %q 不对：%s", dashes(m[2]), m[1], why)
	}
	return msg
}

// dashes writes an option as users type it: -o, -j, --format.
func dashes(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// usageError reports a command-line mistake in one or two lines and
// points to the command's help.
func usageError(stderr io.Writer, err error) int {
	cmd := ""
	msg := err.Error()
	var fe *flagError
	if errors.As(err, &fe) {
		cmd, msg = fe.fs.Name(), fe.chinese()
	}
	if cmd != "" {
		fmt.Fprintf(stderr, "zongjie %s：%s\n运行 zongjie help %s 查看用法\n", cmd, msg, strings.Fields(cmd)[0])
	} else {
		fmt.Fprintf(stderr, "zongjie：%s\n运行 zongjie help 查看用法\n", msg)
	}
	return ExitUsage
}
