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
	"sync"
	"text/template"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/kind"
	"github.com/zongjie/zongjie/internal/plan"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
	"github.com/zongjie/zongjie/internal/tmplimit"
	"github.com/zongjie/zongjie/templates"
)

// Options configure a Composer.
type Options struct {
	// Templates, if set, holds user templates (*.md.tmpl) that replace the
	// embedded ones of the same name, or add partials, and kinds/ID
	// folders that replace or add kinds.
	Templates fs.FS
	// TemplatesDir names Templates' directory in error messages.
	TemplatesDir string
}

// Composer renders sheets; it parses each kind's templates once, when
// first used, and is safe for concurrent use.
type Composer struct {
	opt   Options
	kinds *kind.Set
	mu    sync.Mutex
	sets  map[string]*tmplSet // by kind id
}

// tmplSet is one kind's parsed templates.
type tmplSet struct {
	tmpl    *template.Template
	runs    *tmplimit.Pool    // runs of tmpl on a budget
	sources map[string]string // template name → file it came from
}

// New loads the kinds and parses the default kind's templates, so that a
// broken template is reported before any sheet is read.
func New(opt Options) (*Composer, error) {
	kinds, err := kind.Load([]fs.FS{templates.FS, opt.Templates}, []string{"", opt.TemplatesDir})
	if err != nil {
		return nil, err
	}
	c := &Composer{opt: opt, kinds: kinds, sets: map[string]*tmplSet{}}
	def, ok := kinds.Lookup(kind.Default)
	if !ok {
		return nil, fmt.Errorf("缺少默认的总结类型 %s", kind.Default)
	}
	if _, err := c.set(def); err != nil {
		return nil, err
	}
	return c, nil
}

// Kinds lists the kinds this composer knows.
func (c *Composer) Kinds() []*kind.Kind { return c.kinds.All() }

// KindSet is the kinds this composer knows, for lookups by name.
func (c *Composer) KindSet() *kind.Set { return c.kinds }

// set returns kind k's templates: the embedded common ones, the kind's
// own, then the user's common ones and the user's for the kind, each
// later file replacing an earlier one of the same name.
func (c *Composer) set(k *kind.Kind) (*tmplSet, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ts, ok := c.sets[k.ID]; ok {
		return ts, nil
	}
	type source struct {
		fsys fs.FS
		file string // in fsys
		name string // for messages
	}
	files := map[string]source{}
	layers := []struct {
		fsys fs.FS
		dir  string
		user bool
	}{{templates.FS, ".", false}, {templates.FS, k.Dir, false}, {c.opt.Templates, ".", true}, {c.opt.Templates, k.Dir, true}}
	for _, l := range layers {
		if l.fsys == nil {
			continue
		}
		names, err := fs.Glob(l.fsys, path.Join(l.dir, "*.md.tmpl"))
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			name := n
			if l.user && c.opt.TemplatesDir != "" {
				name = path.Join(c.opt.TemplatesDir, n)
			} else if !l.user {
				name = path.Join("templates", n)
			}
			files[strings.TrimSuffix(path.Base(n), ".md.tmpl")] = source{l.fsys, n, name}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	ts := &tmplSet{tmpl: template.New("").Funcs(funcs()).Funcs(tmplimit.Funcs()).Option("missingkey=error"), sources: map[string]string{}}
	for _, n := range names {
		src := files[n]
		ts.sources[n] = src.name
		b, err := fs.ReadFile(src.fsys, src.file)
		if err != nil {
			return nil, err
		}
		if _, err := ts.tmpl.New(n).Parse(string(b)); err != nil {
			return nil, ts.templateError(err)
		}
	}
	tmplimit.Instrument(ts.tmpl) // a user's template runs on a budget
	ts.runs = tmplimit.NewPool(ts.tmpl)
	c.sets[k.ID] = ts
	return ts, nil
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
// This and templateMessages are compiled at the first template error, not
// at every start.
var tmplErr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <([^>]*)>: )?(.*)$`)
})

func (ts *tmplSet) templateError(err error) error {
	m := tmplErr().FindStringSubmatch(err.Error())
	if m == nil {
		return &TemplateError{File: "模板", Message: err.Error()}
	}
	file := ts.sources[m[1]]
	if file == "" {
		file = m[1] + ".md.tmpl"
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &TemplateError{File: file, Line: line, Col: col, Message: translate(m[5])}
}

// templateMessages put text/template's commonest complaints in the user's
// words; the original stays in brackets, except after the first.
var templateMessages = sync.OnceValue(func() []templateMessage {
	return []templateMessage{
		{regexp.MustCompile(`can't evaluate field (\w+)`), "没有字段 $1：模板引用了不存在的字段，请对照 docs/factsheet.md 和 docs/templates.md 检查字段名"},
		{regexp.MustCompile(`function "([^"]+)" not defined`), "没有名为 $1 的函数：可用的函数见 docs/templates.md"},
		{regexp.MustCompile(`unexpected EOF`), "模板不完整：有 {{if}}、{{range}}、{{with}} 或 {{define}} 缺少对应的 {{end}}"},
		{regexp.MustCompile(`unclosed action`), "有 {{ 没有对应的 }}"},
		{regexp.MustCompile(`unexpected \{\{end\}\}`), "多余的 {{end}}：前面没有与之对应的 {{if}}、{{range}} 或 {{with}}"},
		{regexp.MustCompile(`(?:bad|unrecognized) character(?: in action:)? (U\+[0-9A-F]+)`), "动作中有非法字符（$1）：动作应写成 {{ … }}"},
		{regexp.MustCompile(`index out of range: (-?\d+)`), "下标越界：列表中没有第 $1 项（从 0 数起）"},
		{regexp.MustCompile(`wrong number of args for (\w+): want (\d+) got (\d+)`), "函数 $1 的参数个数不对：需要 $2 个，给了 $3 个"},
		{regexp.MustCompile(`nil pointer evaluating \S+\.(\w+)`), "字段 $1 所在的表没有填写：请先用 {{with}} 或 {{if}} 判断"},
		{regexp.MustCompile(`template "([^"]+)" not defined`), "没有名为 $1 的模板：请检查 {{template \"…\"}} 中的名字"},
		{regexp.MustCompile(`wrong type for value; expected (\S+); got (\S+)`), "参数类型不对：需要 $1，给的是 $2"},
		{regexp.MustCompile(`exceeded maximum template depth`), "模板嵌套过深：有模板直接或间接调用了自己"},
	}
})

type templateMessage struct {
	re  *regexp.Regexp
	msg string
}

func translate(msg string) string {
	for i, t := range templateMessages() {
		if loc := t.re.FindStringSubmatchIndex(msg); loc != nil {
			out := string(t.re.ExpandString(nil, t.msg, msg, loc))
			if i == 0 { // a missing field says all in the user's words
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
	f["para"] = plan.Paragraphs
	// Counts written as {name} need the sheet's figures: .Plan.Targets.
	f["targets"] = (&plan.Planner{}).Targets
	f["aspects"] = plan.Aspects
	return f
}

// Markdown renders the summary of s in the wording s.Variant picks.
func (c *Composer) Markdown(s *sheet.Sheet) ([]byte, error) {
	return c.MarkdownVariant(s, s.Variant)
}

// MarkdownVariant renders the summary of s in wording number variant of
// its kind: branches of one batch take 0, 1, 2 … so that no two read as
// copies (see kind.Kind.Pick). The facts never vary.
func (c *Composer) MarkdownVariant(s *sheet.Sheet, variant int) ([]byte, error) {
	v, ts, err := c.view(s, variant)
	if err != nil {
		return nil, err
	}
	return c.render(ts, v, v.Sections, func(_ Section, sv *View) any { return sv })
}

// Check reports what only the composer knows of a sheet: a kind it does
// not have (the embedded ones and a --templates folder's).
func (c *Composer) Check(s *sheet.Sheet) diag.List {
	if _, d, ok := c.kindOf(s); !ok {
		return diag.List{d}
	}
	return nil
}

// kindOf finds the sheet's kind, or says at document.kind that there is
// none of that name.
func (c *Composer) kindOf(s *sheet.Sheet) (*kind.Kind, diag.Diagnostic, bool) {
	if k, ok := c.kinds.Lookup(s.Document.Kind); ok {
		return k, diag.Diagnostic{}, true
	}
	return nil, s.Pos.ValueError(s.File, "document.kind", "unknown-kind",
		"未知的总结类型 %q：可用的有 %s（zongjie kinds 列出各类型的说明）", diag.Cut(s.Document.Kind), strings.Join(c.kinds.Names(), "、")), false
}

// view finds the sheet's kind and its templates and builds the view.
func (c *Composer) view(s *sheet.Sheet, variant int) (*View, *tmplSet, error) {
	k, d, ok := c.kindOf(s)
	if !ok {
		return nil, nil, d
	}
	ts, err := c.set(k)
	if err != nil {
		return nil, nil, err
	}
	return newView(s, k, variant), ts, nil
}

// render runs the title, the preamble, each numbered section (data gives
// a section's template what it sees), the closing and the signature. The
// sheet's order may place the preamble and closing elsewhere.
func (c *Composer) render(ts *tmplSet, v *View, sections []Section, data func(Section, *View) any) ([]byte, error) {
	var b bytes.Buffer
	exec, err := ts.runs.Start(&b, tmplimit.Default)
	if err != nil {
		return nil, err
	}
	defer exec.Close()
	run := func(name string, data any) error {
		if err := exec.Execute(name, data); err != nil {
			return ts.templateError(err)
		}
		b.WriteString("\n\n")
		return nil
	}
	if err := run("title", v); err != nil {
		return nil, err
	}
	writePart(&b, recipientMarkdown(v.Document))
	seq := sections
	if !slices.ContainsFunc(seq, func(s Section) bool { return s.Name == "preamble" }) {
		seq = append([]Section{{Name: "preamble"}}, seq...)
	}
	if !slices.ContainsFunc(seq, func(s Section) bool { return s.Name == "closing" }) {
		seq = append(slices.Clip(seq), Section{Name: "closing"})
	}
	n, lastNum, present := 0, -1, map[string]bool{}
	for i, sec := range seq {
		if sec.Name != "preamble" && sec.Name != "closing" {
			lastNum = i
			present[sectionKey(sec)] = true
		}
	}
	for i, sec := range seq {
		if sec.Name == "preamble" || sec.Name == "closing" {
			if err := run(sec.Name, v); err != nil {
				return nil, err
			}
			continue
		}
		start := b.Len()
		sv := *v
		sv.Num = prose.Heading1(n)
		n++
		sv.Section = sec.Custom
		sv.Name = sec.Name
		name := sec.Name
		if ts.tmpl.Lookup(name) == nil {
			name = "section"
		}
		if err := run(name, data(sec, &sv)); err != nil {
			return nil, err
		}
		placeTables(&b, start, sec, i == lastNum, v.Tables, present)
	}
	writePart(&b, attachmentsMarkdown(v.Document))
	if err := run("signature", v); err != nil {
		return nil, err
	}
	writePart(&b, imprintMarkdown(v.Document))
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

// Section is one numbered first-level section in the output, or the
// preamble or closing where the sheet's order places them.
type Section struct {
	Name   string         // template name: methods, effects, … or custom
	Custom *sheet.Section // for custom sections
}

// View is what templates see: the sheet with every string escaped for
// Markdown, the sections that have facts, and derived values.
type View struct {
	*sheet.Sheet
	Figs    *figures.Table // every figure by name, derived ones included
	Kind    *kind.Kind     // the kind of summary
	Plan    *plan.Planner  // the sentence planner, for items and events
	Variant int            // which of the kind's wordings (0: the first)
	Year    int            // the year the document is dated in
	Leader  string         // who led the work; defaults to the self-reference
	Verb    string         // 点评: the work's short word for headings
	// Directives are formatted: issuer《title》（number）.
	Directives  []string
	MethodNames []string
	// Methods, Contents, EffectItems, Problems, Measures and Plans keep
	// only items with facts.
	Methods, Contents, EffectItems, Problems, Measures, Plans []sheet.Item
	// EventSuggestions sums the suggestions counted on events.
	EventSuggestions int
	Sections         []Section

	// Per-section values, set while a section renders.
	Num     string         // 一、
	Name    string         // the section's name: methods, custom, …
	Section *sheet.Section // the custom section being rendered
}

func newView(raw *sheet.Sheet, k *kind.Kind, variant int) *View {
	// The sums are checked by internal/check; here a figure that is there
	// is used and an unknown {name} stays as typed.
	figs, _ := figures.Compute(raw)
	s := escaped(raw, func(text string) string {
		out, _ := figs.Expand(text)
		return out
	})
	d := s.Document
	v := &View{
		Sheet:   s,
		Figs:    figs,
		Kind:    k,
		Variant: variant,
		Year:    d.Date.Year,
		Leader:  cmpOr(d.Leader, d.Self),
		// Cut and normalised before escaping: cutting escaped text could
		// leave half an escape, and DocNumber must see the brackets as typed.
		Verb: escapeMarkdown(verb(raw.Document, k)),
	}
	v.Plan = &plan.Planner{Year: v.Year, Verb: v.Verb, Action: k.Action, Subject: v.Leader, Figs: figs}
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
	v.Plans = withFacts(s.Plans)
	// Methods named without details still belong to the preamble's list.
	for _, m := range s.Methods {
		if strings.TrimSpace(m.Name) != "" {
			v.MethodNames = append(v.MethodNames, m.Name)
		}
	}
	v.EventSuggestions, _ = figs.Int("event_suggestions")
	present := map[string]bool{
		"basics":   k.Counts == "basics" && (v.countsSentence() != "" || len(v.yearCounts()) > 0 || strings.TrimSpace(s.Parts.Basics.Lead) != ""),
		"methods":  len(v.Methods) > 0,
		"contents": len(v.Contents) > 0,
		"effects": len(v.EffectItems) > 0 || len(s.Effects.Steps) > 0 ||
			strings.TrimSpace(s.Effects.Text) != "",
		"problems": len(v.Problems) > 0,
		"measures": len(v.Measures) > 0,
		"plans":    len(v.Plans) > 0,
		"preamble": true,
		"closing":  true,
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
		// The sheet's own structure replaces the kind's.
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
	for _, name := range k.Order() {
		if present[name] {
			v.Sections = append(v.Sections, Section{Name: name})
		}
		v.Sections = append(v.Sections, custom[name]...)
	}
	v.Sections = append(v.Sections, custom[""]...)
	return v
}

// Items are the items of the section being rendered.
func (v *View) Items() []sheet.Item {
	switch v.Name {
	case "methods":
		return v.Methods
	case "contents":
		return v.Contents
	case "effects":
		return v.EffectItems
	case "problems":
		return v.Problems
	case "measures":
		return v.Measures
	case "plans":
		return v.Plans
	case "custom":
		if v.Section != nil {
			return v.Section.Items
		}
	}
	return nil
}

// Heading is the section's heading without its number: the clerk's own
// (parts.NAME.title), or the kind's.
func (v *View) Heading() string {
	if v.Name == "custom" && v.Section != nil {
		return v.Section.Title
	}
	if t := strings.TrimSpace(v.Parts.Get(v.Name).Title); t != "" {
		return t
	}
	return v.Kind.Heading(v.Name, v.Verb)
}

// Lead is the section's lead paragraph: the clerk's own
// (parts.NAME.lead, or a custom section's text). A kind never invents
// one: a lead that needs a fact the sheet lacks is left out.
func (v *View) Lead() string {
	if v.Name == "custom" && v.Section != nil {
		return plan.Paragraphs(v.Section.Text)
	}
	return plan.Paragraphs(v.Parts.Get(v.Name).Lead)
}

// Phrase is the kind's wording of name for this document's variant, with
// {task} filled in.
func (v *View) Phrase(name string) string {
	p := strings.NewReplacer("{task}", v.Document.Task, "{year}", strconv.Itoa(v.Year)).Replace(v.Kind.Pick(name, v.Variant))
	if name == "summary" && strings.TrimSpace(v.Document.To) != "" {
		// Sent up to a 主送机关, the summary is a 报告: 现将有关情况报告如下.
		p = strings.Replace(p, "总结如下", "报告如下", 1)
	}
	return p
}

// Intro opens a section's enumeration of unnamed items: problems and
// plans say what follows; other sections start with 一是 directly.
// colon says the enumeration follows on the same line.
func (v *View) Intro(colon bool) string {
	end := "。"
	if colon {
		end = "："
	}
	switch v.Name {
	case "problems":
		return v.Phrase("problems") + end
	case "plans":
		return v.Phrase("next") + "，" + v.Leader + "将重点做好以下工作" + end
	}
	return ""
}

// Opening is the generated opening: the directives answered, the
// unit's stance, how and when the work was done, whom it reached, and the
// counts (for kinds that give them in the opening), without the final
// 现将有关情况总结如下.
func (v *View) Opening() string {
	d := v.Document
	var b strings.Builder
	distinct := d.Activity != "" && !sameWork(d.Activity, d.Task)
	switch {
	case len(v.Directives) > 0:
		b.WriteString("按照" + prose.List(v.Directives) + "要求，")
	case distinct:
		b.WriteString("为深入推进" + d.Activity + "，")
	}
	if v.Kind.Counts == "basics" && d.Period == nil {
		// A year's summary: the year, the unit and its stance.
		b.WriteString(cmpOr(v.Phrase("year"), "{year}年，"))
	}
	b.WriteString(v.Leader)
	if distinct && v.Kind.Counts != "basics" {
		b.WriteString("把" + d.Task + "作为推动" + d.Activity + "向纵深发展的" + v.Phrase("lever") + "，")
	}
	b.WriteString(v.Phrase("organise"))
	if v.Kind.Counts != "basics" {
		b.WriteString("，")
		if p := d.Period; p != nil {
			b.WriteString("于" + prose.Range(v.Year, p.From, p.To))
		}
		// conduct is "verb after 采取……方式|verb alone": 开展|扎实开展.
		by, alone, _ := strings.Cut(cmpOr(v.Phrase("conduct"), "开展|扎实开展"), "|")
		switch len(v.MethodNames) {
		case 0:
			b.WriteString(alone + d.Task)
		case 1:
			b.WriteString("采取" + v.MethodNames[0] + "的方式" + by + d.Task)
		default:
			b.WriteString("采取" + prose.List(v.MethodNames) + prose.Quantity(len(v.MethodNames)) + "种方式" + by + d.Task)
		}
		if len(d.Reach) > 0 {
			b.WriteString("，使" + d.Task + "覆盖" + prose.List(d.Reach))
		}
	}
	b.WriteString("。")
	if v.Kind.Counts == "opening" {
		b.WriteString(v.countsSentence())
	}
	b.WriteString(prose.Sentence(d.Stage))
	return b.String()
}

// sameWork reports whether the activity and the task name the same work
// (安全生产月活动 and 2024年“安全生产月”活动), so the opening does not say
// that a thing advances itself.
func sameWork(a, b string) bool {
	norm := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune("“”\"《》「」 ", r) || (r >= '0' && r <= '9') {
				return -1
			}
			return r
		}, s)
		return strings.TrimPrefix(s, "年")
	}
	x, y := norm(a), norm(b)
	return x == y || strings.Contains(x, y) || strings.Contains(y, x)
}

// Counts is the sentence of the unit's counts where the kind gives them
// in the opening; under 基本情况 it is printed by the basics section.
func (v *View) countsSentence() string {
	t := v.Document.Task
	var b strings.Builder
	branches, hasB := v.Figs.Int("branches")
	members, hasM := v.Figs.Int("members")
	hasB, hasM = hasB && branches > 0, hasM && members > 0
	if hasB || hasM {
		// 我支部精心组织……。全支部共有: the subject is not said twice.
		self := v.Document.Self
		if v.Leader == self && v.Kind.Counts == "opening" {
			self = "全" + strings.TrimPrefix(self, "我")
		}
		b.WriteString(self + "共有")
		if hasB {
			b.WriteString(prose.Count(branches, "", "党支部"))
			if hasM {
				b.WriteString("、")
			}
		}
		if hasM {
			b.WriteString(prose.Count(members, "", "党员"))
		}
		prob, hasP := v.Figs.Int("probationary")
		if hasP && prob > 0 {
			b.WriteString("，其中预备党员" + strconv.Itoa(prob) + "名")
		}
		if part, ok := v.Figs.Int("participants"); ok && part > 0 {
			if hasM && part == members {
				b.WriteString("，全体党员均参加了此次" + t)
			} else {
				b.WriteString("，")
				if !hasP || prob == 0 {
					b.WriteString("其中")
				}
				b.WriteString(prose.Count(part, "", "党员") + "参加了此次" + t)
			}
			if r := v.Fig("participation_rate"); r != "" {
				b.WriteString("，参与率" + r)
			}
		}
		b.WriteString("。")
	} else if part, ok := v.Figs.Int("participants"); ok && part > 0 {
		b.WriteString(prose.Count(part, "", "党员") + "参加了此次" + t + "。")
	}
	if n, ok := v.Figs.Int("suggestions"); ok && v.EventSuggestions == 0 {
		if n == 0 {
			b.WriteString(t + "中，未收到意见建议。")
		} else {
			b.WriteString(t + "中，共收到意见建议" + strconv.Itoa(n) + "条。")
		}
	}
	return b.String()
}

// Basics is the 基本情况 paragraph of a kind that gives its counts there:
// the unit's counts, then each of the sheet's own counts with its change
// on the year before.
func (v *View) Basics() string {
	var b strings.Builder
	b.WriteString(v.countsSentence())
	if ys := v.yearCounts(); len(ys) > 0 {
		if p := v.Document.Period; p != nil {
			b.WriteString(prose.Range(v.Year, p.From, p.To) + "，")
		} else {
			b.WriteString("全年")
		}
		b.WriteString(strings.Join(ys, "；") + "。")
	}
	return b.String()
}

// yearCounts writes each labelled count: 受理来信来访356件，同比下降8.2%.
func (v *View) yearCounts() []string {
	var out []string
	for _, c := range v.Counts {
		n, ok := v.Figs.Int(c.ID)
		if !ok || strings.TrimSpace(c.Label) == "" {
			continue
		}
		unit := c.Unit
		if unit == "" {
			unit = prose.MeasureWord(c.Label)
		}
		s := c.Label + strconv.Itoa(n) + unit
		if c.Last != nil {
			if y := prose.YoY(n, *c.Last); y != "" {
				s += "，" + y
			}
		}
		out = append(out, s)
	}
	return out
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

// verb is the short word for the work: given, or the kind's, or the task
// itself when it is short, or its last two characters (领导点评 → 点评).
// A kind whose default action needs a deed (领导点评: 进行了点评) takes its
// action_verb when the task's word is a noun (主题教育 → not 教育).
func verb(d sheet.Document, k *kind.Kind) string {
	if d.Verb != "" {
		return d.Verb
	}
	if k.Verb != "" {
		return k.Verb
	}
	r := []rune(strings.TrimSpace(d.Task))
	w := string(r)
	if len(r) > 2 {
		w = string(r[len(r)-2:])
	}
	if k.ActionVerb != "" && !plan.IsDoing(w) {
		return k.ActionVerb
	}
	return w
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
