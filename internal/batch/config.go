package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/sheet"
)

// File and directory names a batch reserves. Names starting with "_" or
// "." are never branches, so none of these can collide with one.
const (
	DefaultsFile = "_defaults.toml" // facts every branch shares, and [batch] settings
	RollupFile   = "_rollup.toml"   // the parent unit's own facts
	RollupName   = "_rollup"        // OUT/_rollup.md, .html, .pdf
	IndexFile    = "index.html"     // OUT/index.html
	StateDir     = ".zongjie"       // OUT/.zongjie: the manifest
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

// Settings are the defaults sheet's [batch] table: choices that apply to
// the whole batch and are not facts.
type Settings struct {
	// Templates is a directory of *.md.tmpl files, relative to the
	// defaults file, that replace the embedded templates of the same name.
	Templates string
	// Fonts maps a role to FILE or FILE#INDEX, relative to the defaults file.
	Fonts map[font.Role]string
}

// readSettings takes the [batch] table out of the defaults layer.
func readSettings(l *sheet.Layer) (Settings, diag.List) {
	var st Settings
	v, ok := l.Take("batch")
	if !ok {
		return st, nil
	}
	var diags diag.List
	errAt := func(path, format string, args ...any) {
		p := l.Pos.Key(path)
		diags = append(diags, diag.Errorf(l.File, p.Line, p.Col, path, format, args...))
	}
	t, ok := v.(map[string]any)
	if !ok {
		errAt("batch", "batch 应为表：[batch]")
		return st, diags
	}
	base := filepath.Dir(l.File)
	for _, k := range sortedKeys(t) {
		switch k {
		case "templates":
			s, ok := t[k].(string)
			if !ok || strings.TrimSpace(s) == "" {
				errAt("batch.templates", "batch.templates 应为模板目录（文字，如 \"模板\"），相对于 %s 所在目录", DefaultsFile)
				continue
			}
			st.Templates = relTo(base, s)
		case "fonts":
			ft, ok := t[k].(map[string]any)
			if !ok {
				errAt("batch.fonts", "batch.fonts 应为表，如 fonts = { body = \"simfang.ttf\" }")
				continue
			}
			st.Fonts = map[font.Role]string{}
			for _, r := range sortedKeys(ft) {
				path := "batch.fonts." + r
				if !slices.Contains(font.Roles, font.Role(r)) {
					errAt(path, "未知的字体角色 %q：可选 title、heading1、heading2、body", r)
					continue
				}
				s, ok := ft[r].(string)
				if !ok || strings.TrimSpace(s) == "" {
					errAt(path, "%s 应为字体文件（文字，如 \"simfang.ttf\"）", path)
					continue
				}
				st.Fonts[font.Role(r)] = relTo(base, s)
			}
		default:
			errAt("batch."+k, "未知的键 %q%s", k, hint(k, []string{"templates", "fonts"}))
		}
	}
	return st, diags
}

// readID takes a branch sheet's [batch] table out: its only key is id,
// the branch's output name when the file name will not do.
func readID(l *sheet.Layer) (string, diag.List) {
	v, ok := l.Take("batch")
	if !ok {
		return "", nil
	}
	var diags diag.List
	errAt := func(path, format string, args ...any) {
		p := l.Pos.Key(path)
		diags = append(diags, diag.Errorf(l.File, p.Line, p.Col, path, format, args...))
	}
	t, ok := v.(map[string]any)
	if !ok {
		errAt("batch", "batch 应为表：[batch] 下写 id = \"编号\"")
		return "", diags
	}
	id := ""
	for _, k := range sortedKeys(t) {
		if k != "id" {
			errAt("batch."+k, "未知的键 %q%s", k, hint(k, []string{"id"}))
			continue
		}
		s, ok := t[k].(string)
		if !ok {
			errAt("batch.id", "batch.id 应为文字，如 id = \"b01\"")
			continue
		}
		if why := badName(s); why != "" {
			errAt("batch.id", "编号 %q 不能用作文件名：%s", s, why)
			continue
		}
		id = s
	}
	return id, diags
}

func hint(key string, known []string) string {
	if s := sheet.Suggest(key, known); s != "" {
		return fmt.Sprintf("：是不是想写 %q？", s)
	}
	return "：这里可以写的键有 " + strings.Join(known, "、")
}

// badName says why name cannot name a branch's outputs, or "". A name
// must stay inside OUT and must not collide with what zongjie writes there.
func badName(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "不能为空"
	case len(name) > 200:
		return "太长（不超过 200 字节）"
	case strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) || name == "." || name == "..":
		return "含有路径，输出会写到输出目录之外"
	case strings.ContainsAny(name, `:*?"<>|`):
		return `含有 Windows 文件名不允许的字符 : * ? " < > |`
	case strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return "含有控制字符"
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return "以 . 或 _ 开头的名字留给 zongjie 自用"
	case strings.HasSuffix(name, " ") || strings.HasSuffix(name, "."):
		return "以空格或句点结尾"
	case strings.HasPrefix(name, " "):
		return "以空格开头"
	case windowsReserved(name):
		return "是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9），带扩展名也不能用"
	case strings.EqualFold(name, "index"):
		return "index 留给索引页 index.html"
	}
	return ""
}

// windowsReserved reports the device names Windows will not let a file
// have, whatever the case and extension (nul.txt is NUL too; so is
// "con .pdf": Windows drops the spaces before the dot).
func windowsReserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) > 3 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		switch base[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

func relTo(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TemplatesDir returns the template folder a folder's defaults sheet names
// in [batch] templates, or "" (for watch, which watches it too).
func TemplatesDir(folder string) string {
	l, diags := sheet.ReadLayer(filepath.Join(folder, DefaultsFile))
	if diags != nil {
		return ""
	}
	st, _ := readSettings(l)
	return st.Templates
}
