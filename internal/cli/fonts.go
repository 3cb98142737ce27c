package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/sheet"
)

const fontsUsage = `fonts 列出内置字体、本机已安装可用的中日韩字体，以及（给出事实表时）各角色实际使用的字体：
  zongjie fonts [事实表.toml] [--font 角色=字体]…
  字体可写文件路径，也可写已安装字体的字体名或文件名，如 仿宋_GB2312、FangSong、simfang.ttf
`

var roleNames = map[font.Role]string{
	font.RoleTitle: "标题", font.RoleHeading1: "一级标题", font.RoleHeading2: "二级标题", font.RoleBody: "正文",
}

// runFonts prints the embedded faces, the installed CJK faces and, for a
// sheet, the face each role will use: exit 1 if a role's font cannot be
// used.
func runFonts(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fonts", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	flags := fontFlags{}
	fs.Var(flags, "font", "")
	sheets, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(sheets) > 1 {
		return usageError(stderr, fmt.Errorf("fonts 只接受一份事实表"))
	}

	fmt.Fprintln(stdout, "内置字体：")
	for _, r := range append(append([]font.Role{}, font.Roles...), font.RareRoles...) {
		label := roleNames[r]
		if label == "" {
			label = "生僻字（仅用于其他字体都没有的字）"
		}
		file := "zj-" + string(r) + ".ttf"
		name := ""
		if f, err := font.Default(r); err == nil {
			name = f.Name()
		} else if r == font.RoleRare || r == font.RoleRareExt {
			set, _ := font.DefaultSet()
			name = set[r].Name()
		}
		fmt.Fprintf(stdout, "  %-9s %s（%s）  %s\n", r, name, file, label)
	}

	dirs := font.FontDirs()
	fmt.Fprintf(stdout, "\n已安装的中日韩字体（搜索 %s）：\n", strings.Join(dirs, "、"))
	n := 0
	for _, in := range font.Scan(dirs) {
		if !in.CJK {
			continue
		}
		n++
		kind := "TrueType"
		if in.CFF {
			kind = "CFF 轮廓"
		}
		fmt.Fprintf(stdout, "  %s  %s  %s（%s）\n", strings.Join(in.Families, " / "), in.Spec(), in.Subfamily, kind)
	}
	if n == 0 {
		fmt.Fprintln(stdout, "  （没有找到）")
	}

	if len(sheets) == 0 {
		return ExitOK
	}
	s, diags := sheet.ReadFile(sheets[0])
	if diags.HasErrors() {
		for _, d := range diags {
			fmt.Fprintln(stderr, d.Error())
		}
		return ExitProblem
	}
	fromSheet := map[font.Role]string{font.RoleTitle: s.Fonts.Title, font.RoleHeading1: s.Fonts.Heading1,
		font.RoleHeading2: s.Fonts.Heading2, font.RoleBody: s.Fonts.Body}
	given := fontSpecs(flags)
	code := ExitOK
	fmt.Fprintf(stdout, "\n%s 各角色使用的字体：\n", sheets[0])
	for _, r := range font.Roles {
		spec, where, base := given[r], "命令行或环境变量", ""
		if spec == "" {
			spec, where, base = fromSheet[r], "事实表 [fonts]", filepath.Dir(s.File)
		}
		if spec == "" {
			f, _ := font.Default(r)
			fmt.Fprintf(stdout, "  %-9s 内置 %s\n", r, f.Name())
			continue
		}
		f, err := font.Resolve(spec, base)
		if err != nil {
			fmt.Fprintf(stdout, "  %-9s %q（%s）：%s\n", r, spec, where, err)
			code = ExitProblem
			continue
		}
		file := spec
		if t, ok := f.(*font.TrueType); ok {
			file = t.File()
		}
		fmt.Fprintf(stdout, "  %-9s %s（%s，%s %q）；它没有的字用内置字体\n", r, f.Name(), file, where, spec)
	}
	return code
}
