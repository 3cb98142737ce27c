// Package check reads a decoded sheet the way a careful reviewer would:
// figures that must add up, dates outside the period, events listed twice,
// empty sections, another unit's self-reference left in copied text, and
// markup that would print literally. Each rule is a pure function in a file
// of its own; the driver sorts what they find.
package check

import (
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"unicode"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Rule is one check. It reports through r.
type Rule func(s *sheet.Sheet, figs *figures.Table, r *Report)

// Rules are run in this order; the output is sorted anyway.
var Rules = []Rule{Figures, References, Dates, Duplicates, Empty, SelfReference, Markup, TextDates, TextCounts, Order, Events, KindHint, Tables}

// Sheet runs every rule on s.
func Sheet(s *sheet.Sheet) diag.List {
	figs, diags := figures.Compute(s)
	r := &Report{s: s, diags: diags}
	for _, rule := range Rules {
		n := len(r.diags)
		rule(s, figs, r)
		for i := n; i < len(r.diags); i++ {
			r.diags[i].Kind = ruleName(rule)
		}
	}
	return r.diags.Sort()
}

// Report collects a rule's findings at field paths.
type Report struct {
	s       *sheet.Sheet
	diags   diag.List
	counted counted // textPos's last count
	// cursor walks the source of the string at cursorPath: rules report
	// a text's spots in order, so finding them all is one walk.
	cursor     *sheet.TextCursor
	cursorPath string
	texts      []Text // Texts(s), once for every rule
}

// allTexts is Texts(r.s): five rules read every text, and walking the sheet
// for each was a tenth of checking it.
func (r *Report) allTexts() []Text {
	if r.texts == nil {
		r.texts = Texts(r.s)
	}
	return r.texts
}

// counted is how many line ends the text at path has before off.
type counted struct {
	path         string
	len, off, nl int
}

// Errorf reports an error at the key of path.
func (r *Report) Errorf(path, format string, args ...any) {
	r.diags = append(r.diags, r.s.Pos.Error(r.s.File, path, "", format, args...))
}

// Warnf reports a warning at the key of path.
func (r *Report) Warnf(path, format string, args ...any) {
	d := r.s.Pos.Error(r.s.File, path, "", format, args...)
	d.Severity = diag.Warning
	r.diags = append(r.diags, d)
}

// WarnInText reports a warning where the spot at offset (in bytes of the
// decoded text) is written in the file.
func (r *Report) WarnInText(path, text string, offset int, format string, args ...any) {
	r.add(diag.Warning, r.textPos(path, text, offset), path, format, args...)
}

// ErrorInText is WarnInText for errors.
func (r *Report) ErrorInText(path, text string, offset int, format string, args ...any) {
	r.add(diag.Error, r.textPos(path, text, offset), path, format, args...)
}

func (r *Report) add(sev diag.Severity, p sheet.Pos, path, format string, args ...any) {
	d := diag.Errorf(r.s.File, p.Line, p.Col, path, format, args...)
	d.Severity = sev
	r.diags = append(r.diags, d)
}

// textPos finds a spot inside a (possibly multi-line) string in the file.
// Without the string's source (a value the checks made up), it falls back
// to the value's own line plus the newlines before the spot.
func (r *Report) textPos(path, text string, offset int) sheet.Pos {
	if r.cursorPath != path {
		r.cursor, _ = r.s.Pos.Cursor(path)
		r.cursorPath = path
	}
	if r.cursor != nil {
		if p, ok := r.cursor.At(offset); ok {
			return p
		}
	}
	p := r.s.Pos.Value(path)
	// Rules report a text's spots in order: count on from the last one,
	// not from the start each time (quadratic in a text of many dates).
	from, nl := 0, 0
	if c := r.counted; c.path == path && c.len == len(text) && c.off <= offset {
		from, nl = c.off, c.nl
	}
	nl += strings.Count(text[from:offset], "\n")
	r.counted = counted{path, len(text), offset, nl}
	if r.s.Pos.RawStartsWithNewline(path) {
		nl++ // the first line of text too is below the quotes
	}
	if nl == 0 {
		return p
	}
	return sheet.Pos{Line: p.Line + nl, Col: 1}
}

// Text is a string value in the sheet with its field path.
type Text struct {
	Path, Value string
}

// Texts lists every non-empty string the user wrote, in field order.
func Texts(s *sheet.Sheet) []Text {
	var out []Text
	walk(reflect.ValueOf(s).Elem(), "", &out)
	return out
}

func walk(v reflect.Value, path string, out *[]Text) {
	switch v.Kind() {
	case reflect.String:
		if v.String() != "" {
			*out = append(*out, Text{path, v.String()})
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name := t.Field(i).Tag.Get("toml")
			if name == "" || name == "-" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			walk(v.Field(i), p, out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), path, out)
		}
	}
}

// ruleName is a rule's kind in diagnostics: its function's name in
// kebab case (SelfReference → self-reference).
func ruleName(rule Rule) string {
	name := runtime.FuncForPC(reflect.ValueOf(rule).Pointer()).Name()
	name = name[strings.LastIndexByte(name, '.')+1:]
	var b strings.Builder
	for i, c := range name {
		if unicode.IsUpper(c) {
			if i > 0 {
				b.WriteByte('-')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}
