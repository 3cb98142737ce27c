// Package sheet reads fact sheets: strict TOML decoding into Sheet, with
// every problem reported as a diag.Diagnostic at a file:line:col.
package sheet

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/files"
)

// Limits keep a hand-typed sheet from turning into a denial of service.
const (
	MaxSize  = files.MaxSheet // bytes in one sheet
	MaxItems = 1000           // elements in any one list
)

// ReadFile reads and decodes the sheet at path.
func ReadFile(path string) (*Sheet, diag.List) {
	_, s, diags := ReadFileSource(path)
	return s, diags
}

// ReadFileSource is ReadFile that also returns the source, for later
// stages that locate text in it.
func ReadFileSource(path string) ([]byte, *Sheet, diag.List) {
	src, diags := ReadSource(path)
	if diags != nil {
		return nil, nil, diags
	}
	s, diags := Decode(path, src)
	return src, s, diags
}

// ReadSourceFrom reads a sheet from r (standard input), named name in
// messages, with the same limit as a file.
func ReadSourceFrom(name string, r io.Reader) ([]byte, diag.List) {
	src, err := files.ReadFrom(name, r, files.Sheet)
	if err != nil {
		return nil, diag.List{diag.Errorf(name, 0, 0, "", "%s", files.Message(err)).OfKind(files.DiagKind(err))}
	}
	return src, nil
}

// ReadSource reads a sheet or layer file, bounded and regular files only
// (see files.Read); every sheet zongjie reads comes through here.
func ReadSource(path string) ([]byte, diag.List) {
	src, err := files.Read(path, files.Sheet)
	if err != nil {
		return nil, diag.List{diag.Errorf(path, 0, 0, "", "%s", files.Message(err)).OfKind(files.DiagKind(err))}
	}
	return src, nil
}

// Decode decodes src, read from file, into a Sheet. Unknown keys, wrong
// types and missing required fields are errors: a typo must not silently
// drop a fact.
func Decode(file string, src []byte) (*Sheet, diag.List) {
	l, diags := ParseLayer(file, src)
	if diags != nil {
		return nil, diags
	}
	return Merge(nil, l).Decode()
}

// checkEncoding rejects what is not UTF-8 text, naming the first bad byte.
func checkEncoding(file string, src []byte) (diag.Diagnostic, bool) {
	lines := lineStarts(src)
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			p := posAt(src, lines, i)
			msg := "文件不是有效的 UTF-8 编码：请在编辑器中另存为 UTF-8 后重试"
			if looksGBK(src) {
				msg = "文件看起来是 GBK（GB2312/GB18030）编码，不是 UTF-8：请在编辑器（如记事本、WPS）中“另存为”并选择 UTF-8 编码后重试"
			}
			return diag.Errorf(file, p.Line, p.Col, "", "%s", msg).OfKind("encoding"), true
		case r == 0 || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f:
			p := posAt(src, lines, i)
			return diag.Errorf(file, p.Line, p.Col, "", "文件含有控制字符 U+%04X：事实表应是纯文本，请删除该字符", r).OfKind("encoding"), true
		}
		i += n
	}
	return diag.Diagnostic{}, false
}

// looksGBK reports whether every non-ASCII byte pairs up as a GBK
// double-byte character, the usual encoding of Chinese files saved on Windows.
func looksGBK(src []byte) bool {
	pairs := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c < 0x80 {
			continue
		}
		if c < 0x81 || c == 0xFF || i+1 >= len(src) {
			return false
		}
		t := src[i+1]
		if t < 0x40 || t == 0x7F || t == 0xFF {
			return false
		}
		pairs++
		i++
	}
	return pairs > 0
}

func syntaxError(file string, src []byte, err error) diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(file, 0, 0, "", "TOML 语法错误（%s）", cutQuotes(err.Error())).OfKind("toml-syntax")
	}
	line, col := pe.Position.Line, pe.Position.Col
	if pe.Position.Start > 0 {
		// Columns in characters, not bytes.
		p := posAt(src, lineStarts(src), pe.Position.Start)
		line, col = p.Line, p.Col
	}
	d := diag.Errorf(file, line, col, "", "TOML 语法错误（%s）", cutQuotes(pe.Message)).OfKind("toml-syntax")
	if hint := charHint(src, pe.Position); hint != "" {
		d.Help = hint
	} else {
		d.Help = syntaxHint(pe.Message)
	}
	return d
}

// charHint reads the character where the parser stopped, which the
// library gives as a byte offset: the full-width punctuation a Chinese
// input method types in place of TOML's, and a lone carriage return, are
// recognised there whatever words the library uses for the error.
func charHint(src []byte, p toml.Position) string {
	if p.Start < 0 || p.Start >= len(src) {
		return ""
	}
	r, _ := utf8.DecodeRune(src[p.Start:])
	switch r {
	case '“', '”':
		return "文字要用英文双引号 \"…\" 包围，不能用中文引号 “…”"
	case '‘', '’':
		return "文字要用英文引号 \"…\" 或 '…' 包围，不能用中文引号 ‘…’"
	case '＝':
		return "等号要用英文的 =，不能用全角的 ＝"
	case '，':
		return "列表元素之间要用英文逗号 , 分隔，不能用中文逗号 ，"
	case '［', '］', '【', '】':
		return "表头和列表要用英文方括号 [ ]，不能用中文方括号"
	case '\r':
		return "文件用了单独的回车符（CR）换行：请在编辑器中把换行符改为 LF 或 CRLF 后保存"
	}
	return ""
}

// parserQuote and datetimeValue read the decoder's errors: compiled at the
// first, not at every start.
var parserQuote = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`'[^']*'|"(?:[^"\\]|\\.)*"`) })

// cutQuotes shortens what the parser's message quotes of the sheet (a key
// or a value, which may be 100 KB) to diag.QuoteLen characters.
func cutQuotes(msg string) string {
	return parserQuote().ReplaceAllStringFunc(msg, func(q string) string {
		return q[:1] + diag.Cut(q[1:len(q)-1]) + q[len(q)-1:]
	})
}

// syntaxHint adds what to do for the mistakes people make most.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "unexpected EOF") && strings.Contains(msg, "string"),
		strings.Contains(msg, "strings cannot contain newlines"), strings.Contains(msg, `expected '"'`):
		return "字符串缺少结尾的引号，请补上 \"；多行文字请用 \"\"\" 包围"
	case strings.Contains(msg, `expected '"""'`), strings.Contains(msg, "expected \"'''\""):
		return "多行文字缺少结尾的 \"\"\"，请补上"
	case strings.Contains(msg, "inline table terminator"):
		return "{ … } 缺少结尾的 }，或元素之间缺少逗号；{ … } 必须写在一行内"
	case strings.Contains(msg, "has already been defined"):
		return "同一个键写了两次，请删除其中一个"
	case strings.Contains(msg, "table") && (strings.Contains(msg, "']'") || strings.Contains(msg, "name")):
		return "表头应写成 [名称] 或 [[名称]]"
	case strings.Contains(msg, "unexpected EOF; expected value"):
		return "文件在值写完之前就结束了：检查最后的列表 [ … ] 是否完整"
	case strings.Contains(msg, "expected value"):
		return "等号后面缺少值：文字要加引号，数字和日期不加"
	case strings.HasPrefix(msg, "invalid datetime"):
		return dateHint(msg)
	case strings.Contains(msg, "control characters: '0x0d'"):
		return "文件用了单独的回车符（CR）换行：请在编辑器中把换行符改为 LF 或 CRLF 后保存"
	case strings.Contains(msg, "is not valid UTF-8"):
		return "转义写出的不是有效字符：请直接写出该字符，不要用 \\u 转义"
	case strings.Contains(msg, "invalid escape"):
		return "反斜杠 \\ 后面不是有效的转义：要写反斜杠本身请写成 \\\\，或改用单引号 '…' 包围文字"
	case strings.Contains(msg, "expected '.' or '='"):
		return "键名后缺少等号 =，或键名中有不允许的字符：键名只能用英文字母、数字、- 和 _"
	case strings.Contains(msg, "key name appears blank"):
		return "等号前缺少键名"
	case strings.Contains(msg, "array terminator"):
		return "列表缺少结尾的 ]，或元素之间缺少逗号"
	case strings.Contains(msg, "cannot be used as an array"):
		return "同一个名称既写成了 [名称] 又写成了 [[名称]]：可以重复的项请一律写成 [[名称]]"
	case strings.Contains(msg, "out of range"):
		return "数字大得超出范围，请检查"
	case strings.Contains(msg, "Invalid integer"), strings.Contains(msg, "Invalid float"),
		strings.Contains(msg, "not a hexadecimal"):
		return "数字写法不对：整数直接写，如 13，不以 0 开头，不加单位"
	case strings.Contains(msg, "to end with a newline, comment, or EOF"):
		return "一行只能写一个键和它的值，值后面多了内容：文字要整体加引号，日期写成 2011-01-21"
	}
	return ""
}

var datetimeValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"(\d{4})-(\d{1,2})-(\d{1,2})"`) })

// dateHint says what is wrong with a date BurntSushi refused: 2011-02-30
// has the right form but no such day.
func dateHint(msg string) string {
	m := datetimeValue().FindStringSubmatch(msg)
	if m == nil {
		return "日期写法不对：应写成 2011-01-21（年-月-日，月和日各两位，不加引号）"
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	switch {
	case len(m[2]) != 2 || len(m[3]) != 2:
		return fmt.Sprintf("日期的月和日要各写两位：应写成 %04d-%02d-%02d", year, month, day)
	case month < 1 || month > 12:
		return fmt.Sprintf("日期 %s 不存在：月份应在 01 到 12 之间", m[0][1:len(m[0])-1])
	}
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > days {
		return fmt.Sprintf("日期 %s 不存在：%d年%d月只有 %d 天", m[0][1:len(m[0])-1], year, month, days)
	}
	return "日期写法不对：应写成 2011-01-21（年-月-日，不加引号，不带时间）"
}

type decoder struct {
	file  string
	pos   Positions
	diags diag.List
}

func (d *decoder) errorf(kind, path, format string, args ...any) {
	d.diags = append(d.diags, d.pos.Error(d.file, path, kind, format, args...))
}

func (d *decoder) valueErrorf(kind, path, format string, args ...any) {
	d.diags = append(d.diags, d.pos.ValueError(d.file, path, kind, format, args...))
}

var (
	dateType   = reflect.TypeFor[Date]()
	amountType = reflect.TypeFor[Amount]()
	refValue   = regexp.MustCompile(`^\{([A-Za-z_][A-Za-z0-9_]*)\}$`)
)

// object fills the struct v from a TOML table m.
func (d *decoder) object(path string, m map[string]any, v reflect.Value) {
	t := v.Type()
	known := map[string]int{}
	var names []string
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("toml")
		if name == "" || name == "-" {
			continue
		}
		known[name] = i
		names = append(names, name)
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		p := join(path, key)
		i, ok := known[key]
		if !ok {
			d.diags = append(d.diags, d.pos.UnknownKey(d.file, p, key, names))
			continue
		}
		d.value(p, m[key], v.Field(i))
		// A blank title would print an empty heading, a blank unit an
		// empty signature: required means written out.
		if str, ok := m[key].(string); ok && strings.TrimSpace(str) == "" && t.Field(i).Tag.Get("required") == "true" {
			d.valueErrorf("blank-required", p, "%s 不能为空：这是必填项，请填写内容", p)
		}
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		if f.Tag.Get("required") != "true" {
			continue
		}
		if _, ok := m[name]; !ok {
			if f.Type.Kind() == reflect.Struct && f.Type != dateType {
				d.errorf("missing-required", path, "缺少必填的表 [%s]：请添加 [%s] 并填写其中的必填项", join(path, name), join(path, name))
				continue
			}
			d.errorf("missing-required", path, "缺少必填的键 %q（%s）：请在 [%s] 下写上 %s = %s", name, describe(f.Type), path, name, example(f.Type))
		}
	}
}

func (d *decoder) value(path string, x any, v reflect.Value) {
	if v.Type() == dateType {
		t, ok := x.(time.Time)
		if !ok || t.Location().String() != "date-local" {
			d.valueErrorf("wrong-type", path, "%s 应为日期，这里是%s：日期直接写成 2011-01-21 的形式，不加引号，不带时间", path, tomlType(x))
			return
		}
		v.Set(reflect.ValueOf(Date{t.Year(), int(t.Month()), t.Day()}))
		return
	}
	if v.Type() == amountType {
		d.amount(path, x, v)
		return
	}
	switch v.Kind() {
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			d.valueErrorf("wrong-type", path, "%s 应为文字（加引号，如 \"%s\"），这里是%s", path, example(v.Type()), tomlType(x))
			return
		}
		if strings.ContainsAny(s, "\n\r") && path != "text" && !strings.HasSuffix(path, ".text") {
			// A line break in a title or name would end its heading or
			// list item and start a paragraph of its own.
			d.valueErrorf("multi-line", path, "%s 只能写一行：标题、名称等换行会打乱文档结构，请写在同一行；只有 text 可以换行分段", path)
			return
		}
		if r, bad := badRune(s); bad {
			d.valueErrorf("bad-character", path, "%s 含有%s（U+%04X）：排版无法处理，请删除该字符%s", path, runeName(r), r, runeHint(r))
			return
		}
		v.SetString(s)
	case reflect.Int:
		n, ok := x.(int64)
		if !ok {
			hint := ""
			if s, isStr := x.(string); isStr {
				if _, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
					hint = "：去掉引号即可"
				}
			}
			d.valueErrorf("wrong-type", path, "%s 应为整数（如 13，不加引号），这里是%s%s", path, tomlType(x), hint)
			return
		}
		if n < 0 {
			d.valueErrorf("bad-number", path, "%s 是 %d，不能为负数", path, n)
			return
		}
		if n > 1e8 {
			d.valueErrorf("bad-number", path, "%s 是 %d，数值大得不合常理，请检查", path, n)
			return
		}
		v.SetInt(n)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			d.valueErrorf("wrong-type", path, "%s 应为 true 或 false（不加引号），这里是%s", path, tomlType(x))
			return
		}
		v.SetBool(b)
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.value(path, x, elem.Elem())
		v.Set(elem)
	case reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			d.valueErrorf("wrong-type", path, "%s 应为表（[%s] 或 { … }），这里是%s", path, path, tomlType(x))
			return
		}
		d.object(path, m, v)
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok {
			d.valueErrorf("wrong-type", path, "%s 应为表（[%s] 或 { … }），这里是%s", path, path, tomlType(x))
			return
		}
		if len(m) > MaxItems {
			d.valueErrorf("too-many-items", path, "%s 有 %d 项，超过上限 %d 项：请拆分事实表", path, len(m), MaxItems)
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		for _, key := range slices.Sorted(maps.Keys(m)) {
			el := reflect.New(v.Type().Elem()).Elem()
			d.value(join(path, key), m[key], el)
			out.SetMapIndex(reflect.ValueOf(key), el)
		}
		v.Set(out)
	case reflect.Slice:
		xs, ok := asSlice(x)
		if !ok {
			d.valueErrorf("wrong-type", path, "%s 应为列表（%s），这里是%s", path, describe(v.Type()), tomlType(x))
			return
		}
		if len(xs) > MaxItems {
			d.valueErrorf("too-many-items", path, "%s 有 %d 项，超过上限 %d 项：请拆分事实表", path, len(xs), MaxItems)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(xs), len(xs))
		for i, el := range xs {
			d.value(path+"["+strconv.Itoa(i)+"]", el, s.Index(i))
		}
		v.Set(s)
	default:
		panic("sheet: unsupported field kind " + v.Kind().String())
	}
}

// amount reads a count written as a number or as "{name}" of a figure.
func (d *decoder) amount(path string, x any, v reflect.Value) {
	if s, ok := x.(string); ok {
		m := refValue.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			hint := ""
			if _, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				hint = "：数字去掉引号即可"
			}
			d.valueErrorf("wrong-type", path, "%s 应为整数（如 86）或数字名引用（如 \"{companies}\"），这里是文字 %q%s", path, s, hint)
			return
		}
		v.Set(reflect.ValueOf(Amount{Ref: m[1], Set: true}))
		return
	}
	var n int
	d.value(path, x, reflect.ValueOf(&n).Elem())
	v.Set(reflect.ValueOf(Amount{N: n, Set: true}))
}

func asSlice(x any) ([]any, bool) {
	switch xs := x.(type) {
	case []any:
		return xs, true
	case []map[string]any: // BurntSushi's arrays of tables
		out := make([]any, len(xs))
		for i := range xs {
			out[i] = xs[i]
		}
		return out, true
	}
	return nil, false
}

// tomlType names what the user wrote, in the words of the messages.
func tomlType(x any) string {
	switch v := x.(type) {
	case string:
		return "文字"
	case int64:
		return "整数"
	case float64:
		return "小数"
	case bool:
		return "布尔值"
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "日期"
		case "datetime-local":
			return "日期时间"
		}
		return "带时区的日期时间"
	case map[string]any:
		return "表"
	case []any, []map[string]any:
		return "列表"
	}
	return fmt.Sprintf("%T", x)
}

func describe(t reflect.Type) string {
	if t == dateType {
		return "日期，如 2011-01-21"
	}
	switch t.Kind() {
	case reflect.String:
		return "文字"
	case reflect.Int:
		return "整数"
	case reflect.Bool:
		return "true 或 false"
	case reflect.Slice:
		return describe(t.Elem()) + "的列表"
	case reflect.Pointer:
		return describe(t.Elem())
	}
	return "表"
}

func example(t reflect.Type) string {
	if t == dateType {
		return "2011-01-21"
	}
	switch t.Kind() {
	case reflect.String:
		return "…"
	case reflect.Int:
		return "0"
	case reflect.Bool:
		return "false"
	case reflect.Slice:
		return "[ ]"
	}
	return "{ … }"
}

// badRune finds a character in a text value that no output can show: a
// control character (a TOML escape such as "\u0007" lets one in even though
// the file itself may not hold it) or a line/paragraph separator. Line ends
// are fine, and so are tabs and spaces at the start or end of a line, which
// the Markdown writer trims.
func badRune(s string) (rune, bool) {
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		for _, r := range strings.Trim(line, " \t\u3000") {
			if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 {
				return r, true
			}
		}
	}
	return 0, false
}

func runeName(r rune) string {
	switch r {
	case '\t':
		return "制表符"
	case '\r':
		return "单独的回车符"
	case 0:
		return "空字符"
	case 0x2028:
		return "行分隔符"
	case 0x2029:
		return "段分隔符"
	}
	return "控制字符"
}

func runeHint(r rune) string {
	switch r {
	case '\t':
		return "或改为空格"
	case '\r', 0x2028:
		return "；换行请直接换行（用 \"\"\" 包围多行文字）"
	case 0x2029:
		return "；分段请空一行（用 \"\"\" 包围多行文字）"
	}
	return ""
}
