package build

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/sheet"
)

// DefaultsFile holds the facts every branch sheet of its folder shares,
// and a batch's [batch] settings. A sheet in a folder that has one is a
// branch sheet: build, check and batch all lay it over the defaults.
const DefaultsFile = "_defaults.toml"

// Settings are the defaults sheet's [batch] table: choices that apply to
// the whole batch and are not facts.
type Settings struct {
	// Templates is a directory of *.md.tmpl files, relative to the
	// defaults file, that replace the embedded templates of the same name.
	Templates string
	// Fonts maps a role to FILE or FILE#INDEX, relative to the defaults file.
	Fonts map[font.Role]string
}

// ReadSettings takes the [batch] table out of the defaults layer and
// decodes it with the sheet's own rules (unknown keys, types, positions).
func ReadSettings(l *sheet.Layer) (Settings, diag.List) {
	var st Settings
	v, ok := l.Take("batch")
	if !ok {
		return st, nil
	}
	var t struct {
		Templates string      `toml:"templates"`
		Fonts     sheet.Fonts `toml:"fonts"`
	}
	diags := l.DecodeTable("batch", v, &t)
	base := filepath.Dir(l.File)
	for _, p := range blank(l, v, "templates", "fonts.title", "fonts.heading1", "fonts.heading2", "fonts.body") {
		diags = append(diags, l.Pos.ValueError(l.File, p, "batch", "%s 不能为空：请写文件夹或文件的路径（相对于 %s 所在目录），或删去这一行", p, DefaultsFile))
	}
	if diags != nil {
		return st, diags.Sort()
	}
	if t.Templates != "" {
		st.Templates = relTo(base, t.Templates)
	}
	for r, spec := range map[font.Role]string{font.RoleTitle: t.Fonts.Title, font.RoleHeading1: t.Fonts.Heading1,
		font.RoleHeading2: t.Fonts.Heading2, font.RoleBody: t.Fonts.Body} {
		if spec != "" {
			if st.Fonts == nil {
				st.Fonts = map[font.Role]string{}
			}
			st.Fonts[r] = relTo(base, spec)
		}
	}
	return st, nil
}

// blank lists the paths under batch, among those given, written as blank
// text.
func blank(l *sheet.Layer, v any, paths ...string) []string {
	var out []string
	for _, p := range paths {
		x := v
		for _, k := range strings.Split(p, ".") {
			m, _ := x.(map[string]any)
			x = m[k]
		}
		if s, ok := x.(string); ok && strings.TrimSpace(s) == "" {
			out = append(out, "batch."+p)
		}
	}
	return out
}

// ReadID takes a branch sheet's [batch] table out: its only key is id,
// the branch's output name when the file name will not do.
func ReadID(l *sheet.Layer) (string, diag.List) {
	v, ok := l.Take("batch")
	if !ok {
		return "", nil
	}
	var t struct {
		ID string `toml:"id"`
	}
	if diags := l.DecodeTable("batch", v, &t); diags != nil {
		return "", diags
	}
	if _, written := v.(map[string]any)["id"]; written {
		if why := BadName(t.ID); why != "" {
			return "", diag.List{l.Pos.ValueError(l.File, "batch.id", "name", "编号 %q 不能用作文件名：%s", t.ID, why)}
		}
	}
	return t.ID, nil
}

// BadName says why name cannot name a branch's outputs, or "". A name
// must stay inside OUT and must not collide with what zongjie writes there.
func BadName(name string) string {
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

// Defaults reads folder's defaults layer, with its [batch] settings taken
// out; nil, and no diagnostics, when the folder has none.
func Defaults(folder string) (*sheet.Layer, Settings, diag.List) {
	p := filepath.Join(folder, DefaultsFile)
	if _, err := os.Lstat(p); err != nil {
		return nil, Settings{}, nil
	}
	l, diags := sheet.ReadLayer(p)
	if l == nil {
		return nil, Settings{}, diags
	}
	st, sd := ReadSettings(l)
	return l, st, append(diags, sd...)
}

// Branch parses a branch sheet's source and takes out its [batch] id.
func Branch(path string, src []byte) (*sheet.Layer, string, diag.List) {
	l, diags := sheet.ParseLayer(path, src)
	if diags != nil {
		return nil, "", diags
	}
	id, diags := ReadID(l)
	if diags != nil {
		return nil, "", diags
	}
	return l, id, nil
}

// Load reads the sheet at path as build and check see it: laid over its
// folder's defaults, if it has any, exactly as batch does. (The defaults
// and roll-up sheets, "_*.toml", have no defaults.)
func Load(path string) (*sheet.Merged, *sheet.Sheet, Settings, diag.List) {
	var defaults *sheet.Layer
	var st Settings
	var diags diag.List
	if !strings.HasPrefix(filepath.Base(path), "_") {
		defaults, st, diags = Defaults(filepath.Dir(path))
		if diags.HasErrors() {
			return nil, nil, st, diags
		}
	}
	src, d := sheet.ReadSource(path)
	if d != nil {
		return nil, nil, st, append(diags, d...)
	}
	var l *sheet.Layer
	if defaults == nil {
		// A sheet of its own: [batch] is not one of its keys.
		l, d = sheet.ParseLayer(path, src)
	} else {
		l, _, d = Branch(path, src)
	}
	if d != nil {
		return nil, nil, st, append(diags, d...)
	}
	m := sheet.Merge(defaults, l)
	s, d := m.Decode()
	return m, s, st, append(diags, d...)
}
