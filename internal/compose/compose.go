// Package compose writes a summary's Markdown from a fact sheet through the
// section templates. The embedded templates are the defaults; a user's
// directory overrides them file by file.
package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
	"github.com/zongjie/zongjie/templates"
)

// Standard is the default structure: the sections, in order, that follow the
// title and preamble. A section without facts is left out and the numbers
// close up.
var Standard = []string{"methods", "contents", "effects", "problems", "measures"}

// Options configure a Composer.
type Options struct {
	// Templates, if set, holds user templates (*.md.tmpl) that replace the
	// embedded ones of the same name, or add partials.
	Templates fs.FS
	// TemplatesDir names Templates' directory in error messages.
	TemplatesDir string
}

// Composer renders sheets; it parses the templates once and is safe for
// concurrent use.
type Composer struct {
	tmpl    *template.Template
	sources map[string]string // template name → file it came from
}

// New parses the template set.
func New(opt Options) (*Composer, error) {
	files := map[string]fs.FS{}
	for _, src := range []fs.FS{templates.FS, opt.Templates} {
		if src == nil {
			continue
		}
		names, err := fs.Glob(src, "*.md.tmpl")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			files[n] = src // later sources (the user's) win
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	root := template.New("").Funcs(funcs()).Option("missingkey=error")
	c := &Composer{tmpl: root, sources: map[string]string{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".md.tmpl")
		c.sources[name] = n
		if files[n] != templates.FS && opt.TemplatesDir != "" {
			c.sources[name] = path.Join(opt.TemplatesDir, n)
		}
		b, err := fs.ReadFile(files[n], n)
		if err != nil {
			return nil, err
		}
		if _, err := root.New(name).Parse(string(b)); err != nil {
			return nil, c.templateError(err)
		}
	}
	return c, nil
}

// TemplateError is a template that failed to parse or execute, placed in
// the template's file so the user can find it.
type TemplateError struct {
	File      string
	Line, Col int
	Message   string
}

func (e *TemplateError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			loc += fmt.Sprintf(":%d", e.Col)
		}
	}
	return loc + ": 模板错误：" + e.Message
}

// text/template reports "template: NAME:LINE[:COL]: [executing "X" at <Y>: ]MSG".
var tmplErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <([^>]*)>: )?(.*)$`)

var fieldErr = regexp.MustCompile(`can't evaluate field (\w+)`)

func (c *Composer) templateError(err error) error {
	m := tmplErr.FindStringSubmatch(err.Error())
	if m == nil {
		return &TemplateError{File: "模板", Message: err.Error()}
	}
	file := c.sources[m[1]]
	if file == "" {
		file = m[1] + ".md.tmpl"
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &TemplateError{File: file, Line: line, Col: col, Message: translate(m[5])}
}

// templateMessages put text/template's commonest complaints in the user's
// words; the original stays in brackets for the rest.
var templateMessages = []struct {
	re  *regexp.Regexp
	msg string
}{
	{fieldErr, "没有字段 $1：模板引用了不存在的字段，请对照 docs/factsheet.md 和 docs/templates.md 检查字段名"},
	{regexp.MustCompile(`function "([^"]+)" not defined`), "没有名为 $1 的函数：可用的函数见 docs/templates.md"},
	{regexp.MustCompile(`unexpected EOF`), "模板不完整：有 {{if}}、{{range}}、{{with}} 或 {{define}} 缺少对应的 {{end}}"},
	{regexp.MustCompile(`unclosed action`), "有 {{ 没有对应的 }}"},
	{regexp.MustCompile(`unexpected \{\{end\}\}`), "多余的 {{end}}：前面没有与之对应的 {{if}}、{{range}} 或 {{with}}"},
	{regexp.MustCompile(`bad character (U\+[0-9A-F]+)`), "动作中有非法字符（$1）：动作应写成 {{ … }}"},
	{regexp.MustCompile(`index out of range: (-?\d+)`), "下标越界：列表中没有第 $1 项（从 0 数起）"},
	{regexp.MustCompile(`wrong number of args for (\w+): want (\d+) got (\d+)`), "函数 $1 的参数个数不对：需要 $2 个，给了 $3 个"},
	{regexp.MustCompile(`nil pointer evaluating \S+\.(\w+)`), "字段 $1 所在的表没有填写：请先用 {{with}} 或 {{if}} 判断"},
	{regexp.MustCompile(`template "([^"]+)" not defined`), "没有名为 $1 的模板：请检查 {{template \"…\"}} 中的名字"},
	{regexp.MustCompile(`wrong type for value; expected (\S+); got (\S+)`), "参数类型不对：需要 $1，给的是 $2"},
	{regexp.MustCompile(`exceeded maximum template depth`), "模板嵌套过深：有模板直接或间接调用了自己"},
}

func translate(msg string) string {
	for _, t := range templateMessages {
		if loc := t.re.FindStringSubmatchIndex(msg); loc != nil {
			out := string(t.re.ExpandString(nil, t.msg, msg, loc))
			if t.re == fieldErr {
				return out
			}
			return out + "（" + msg + "）"
		}
	}
	return msg
}

// Ctx carries the view into a partial together with the item at hand.
type Ctx struct {
	V *View
	X any
}

func funcs() template.FuncMap {
	f := prose.Funcs()
	f["ctx"] = func(v *View, x any) Ctx { return Ctx{v, x} }
	f["last"] = func(i int, list any) bool { return i == reflect.ValueOf(list).Len()-1 }
	f["outcomes"] = func(os []sheet.Outcome) []string {
		out := make([]string, len(os))
		for i, o := range os {
			out[i] = prose.Outcome(o)
		}
		return out
	}
	return f
}

// Markdown renders the summary of s.
func (c *Composer) Markdown(s *sheet.Sheet) ([]byte, error) {
	v := newView(s)
	return c.render(v, v.Sections, func(_ Section, sv *View) any { return sv })
}

// render runs the title and preamble, each numbered section (data gives a
// section's template what it sees), then the signature.
func (c *Composer) render(v *View, sections []Section, data func(Section, *View) any) ([]byte, error) {
	var b bytes.Buffer
	run := func(name string, data any) error {
		if err := c.tmpl.ExecuteTemplate(&b, name, data); err != nil {
			return c.templateError(err)
		}
		b.WriteString("\n\n")
		return nil
	}
	if err := run("title", v); err != nil {
		return nil, err
	}
	if err := run("preamble", v); err != nil {
		return nil, err
	}
	for i, sec := range sections {
		sv := *v
		sv.Num = prose.Heading1(i)
		sv.Section = sec.Custom
		if err := run(sec.Name, data(sec, &sv)); err != nil {
			return nil, err
		}
	}
	if err := run("signature", v); err != nil {
		return nil, err
	}
	return tidy(b.Bytes())
}

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidy normalises the templates' whitespace: no trailing spaces, one blank
// line between blocks, one newline at the end. It also refuses output that
// still carries "<no value>", a sign of a template reading a missing field.
func tidy(md []byte) ([]byte, error) {
	lines := strings.Split(string(md), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	out := strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")) + "\n"
	if strings.Contains(out, "<no value>") {
		return nil, errors.New("模板输出含有 <no value>：有模板引用了不存在的字段")
	}
	if !utf8.ValidString(out) {
		return nil, errors.New("模板输出不是有效的 UTF-8")
	}
	return []byte(out), nil
}

// Section is one numbered first-level section in the output.
type Section struct {
	Name   string         // template name: methods, effects, … or custom
	Custom *sheet.Section // for custom sections
}

// View is what templates see: the sheet with every string escaped for
// Markdown, the sections that have facts, and derived values.
type View struct {
	*sheet.Sheet
	Figs        *figures.Table // every figure by name, derived ones included
	Year        int            // the year the document is dated in
	Leader      string         // who led the work; defaults to the self-reference
	Verb        string         // 点评: the work's short word for headings
	Directives  []string       // formatted: issuer《title》（number）
	MethodNames []string
	// Methods, Contents and EffectItems keep only items with facts.
	Methods, Contents, EffectItems, Problems, Measures []sheet.Item
	// EventSuggestions sums the suggestions counted on events.
	EventSuggestions int
	Sections         []Section

	// Per-section values, set while a section renders.
	Num     string         // 一、
	Section *sheet.Section // the custom section being rendered
}

func newView(raw *sheet.Sheet) *View {
	// The sums are checked by internal/check; here a figure that is there
	// is used and an unknown {name} stays as typed.
	figs, _ := figures.Compute(raw)
	s := escaped(raw, func(text string) string {
		out, _ := figs.Expand(text)
		return out
	})
	d := s.Document
	v := &View{
		Sheet:  s,
		Figs:   figs,
		Year:   d.Date.Year,
		Leader: cmpOr(d.Leader, d.Self),
		// Cut and normalised before escaping: cutting escaped text could
		// leave half an escape, and DocNumber must see the brackets as typed.
		Verb: escapeMarkdown(verb(raw.Document)),
	}
	for i, dir := range s.Directives {
		ref := strings.TrimSpace(dir.Issuer) + prose.Book(dir.Title)
		if n := escapeMarkdown(prose.DocNumber(raw.Directives[i].Number)); n != "" {
			ref += "（" + n + "）"
		}
		v.Directives = append(v.Directives, ref)
	}
	v.Methods = withFacts(s.Methods)
	v.Contents = withFacts(s.Contents)
	v.EffectItems = withFacts(s.Effects.Items)
	v.Problems = withFacts(s.Problems)
	v.Measures = withFacts(s.Measures)
	// Methods named without details still belong to the preamble's list.
	for _, m := range s.Methods {
		if strings.TrimSpace(m.Name) != "" {
			v.MethodNames = append(v.MethodNames, m.Name)
		}
	}
	v.EventSuggestions, _ = figs.Int("event_suggestions")
	present := map[string]bool{
		"methods":  len(v.Methods) > 0,
		"contents": len(v.Contents) > 0,
		"effects": len(v.EffectItems) > 0 || len(s.Effects.Steps) > 0 ||
			strings.TrimSpace(s.Effects.Text) != "",
		"problems": len(v.Problems) > 0,
		"measures": len(v.Measures) > 0,
	}
	custom := map[string][]Section{} // by the standard section they follow
	byTitle := map[string]Section{}
	for i := range s.Sections {
		sec := &s.Sections[i]
		sec.Items = withFacts(sec.Items)
		if strings.TrimSpace(sec.Text) != "" || len(sec.Items) > 0 {
			custom[sec.After] = append(custom[sec.After], Section{Name: "custom", Custom: sec})
			byTitle[raw.Sections[i].Title] = Section{Name: "custom", Custom: sec}
		}
	}
	if len(raw.Order) > 0 {
		// The sheet's own structure replaces the standard one.
		for _, name := range raw.Order {
			if sec, ok := byTitle[name]; ok {
				v.Sections = append(v.Sections, sec)
			} else if present[name] {
				v.Sections = append(v.Sections, Section{Name: name})
			}
		}
		return v
	}
	v.Sections = append(v.Sections, custom["preamble"]...)
	for _, name := range Standard {
		if present[name] {
			v.Sections = append(v.Sections, Section{Name: name})
		}
		v.Sections = append(v.Sections, custom[name]...)
	}
	v.Sections = append(v.Sections, custom[""]...)
	return v
}

// Named and Unnamed split items into those with a heading and the rest,
// which templates enumerate as 一是……二是…….
func (v *View) Named(items []sheet.Item) []sheet.Item {
	var out []sheet.Item
	for _, it := range items {
		if strings.TrimSpace(it.Name) != "" {
			out = append(out, it)
		}
	}
	return out
}

// Unnamed returns the texts of the items without a heading.
func (v *View) Unnamed(items []sheet.Item) []string {
	var out []string
	for _, it := range items {
		if strings.TrimSpace(it.Name) == "" && strings.TrimSpace(it.Text) != "" {
			out = append(out, it.Text)
		}
	}
	return out
}

// Fig returns a figure as printed ("220", "100%"), or "" if not given.
func (v *View) Fig(name string) string {
	s, _ := v.Figs.Text(name)
	return s
}

// withFacts drops items that would print only a heading.
func withFacts(items []sheet.Item) []sheet.Item {
	var out []sheet.Item
	for _, it := range items {
		if strings.TrimSpace(it.Text) != "" || len(it.Ways) > 0 || len(it.Events) > 0 || len(it.Outcomes) > 0 {
			out = append(out, it)
		}
	}
	return out
}

// verb is the short word for the work: given, or the task itself when it is
// short, or its last two characters (领导点评 → 点评).
func verb(d sheet.Document) string {
	if d.Verb != "" {
		return d.Verb
	}
	r := []rune(strings.TrimSpace(d.Task))
	if len(r) <= 2 {
		return string(r)
	}
	return string(r[len(r)-2:])
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
