// Package figures gives every number in a sheet a name, computes the
// derived ones, and expands {name} references in the sheet's own text, so
// a number is written once and every mention of it follows.
package figures

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Builtin names the [figures] keys and their Chinese labels.
var Builtin = []struct{ Name, Label string }{
	{"branches", "党支部数"},
	{"members", "党员数"},
	{"probationary", "预备党员数"},
	{"participants", "参与人数"},
	{"leaders", "班子成员数"},
	{"suggestions", "意见建议数"},
}

// Derived names the figures computed from others.
var Derived = []struct{ Name, Label string }{
	{"participation_rate", "参与率"},         // participants / members, as 100% or 96.5%
	{"event_suggestions", "各次点评收到的意见建议数"}, // sum over events
}

// Table holds every figure of one sheet by name.
type Table struct {
	ints   map[string]int
	texts  map[string]string // derived figures that are not integers (rates)
	labels map[string]string // every known name, with its label (maybe "")
	units  map[string]string // measure words of [[counts]]
}

// Unit returns the measure word a [[counts]] entry gives, or "".
func (t *Table) Unit(name string) string { return t.units[name] }

func (t *Table) known(name string) bool {
	_, ok := t.labels[name]
	return ok
}

// Int returns an integer figure.
func (t *Table) Int(name string) (int, bool) {
	v, ok := t.ints[name]
	return v, ok
}

// Text returns a figure as printed: "220", "100%".
func (t *Table) Text(name string) (string, bool) {
	if v, ok := t.ints[name]; ok {
		return strconv.Itoa(v), true
	}
	v, ok := t.texts[name]
	return v, ok
}

// Label returns a figure's Chinese label for messages, with its name.
func (t *Table) Label(name string) string {
	if l := t.labels[name]; l != "" {
		return l + "（" + name + "）"
	}
	return name
}

// Names lists every known figure name, sorted.
func (t *Table) Names() []string {
	var names []string
	for n := range t.ints {
		names = append(names, n)
	}
	for n := range t.texts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

var idPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Compute builds the table: the given figures, the user's counts, the
// computed totals and the derived rates. Sums whose parts do not add up are
// errors, naming both figures and the sum.
func Compute(s *sheet.Sheet) (*Table, diag.List) {
	t := &Table{ints: map[string]int{}, texts: map[string]string{}, labels: map[string]string{}, units: map[string]string{}}
	var diags diag.List
	errAt := func(path string, format string, args ...any) {
		diags = append(diags, s.Pos.Error(s.File, path, "figures", format, args...))
	}
	f := s.Figures
	for i, v := range []int{f.Branches, f.Members, f.Probationary, f.Participants, f.Leaders, f.Suggestions} {
		b := Builtin[i]
		t.labels[b.Name] = b.Label
		if v != 0 || s.Pos.Has("figures."+b.Name) {
			t.ints[b.Name] = v
		}
	}
	for _, d := range Derived {
		t.labels[d.Name] = d.Label
	}
	defined := map[string]string{} // count id → path
	for i, c := range s.Counts {
		path := fmt.Sprintf("counts[%d].id", i)
		switch {
		case !idPattern.MatchString(c.ID):
			errAt(path, "数字名 %q 不合规则：只能用英文字母、数字和下划线，且不以数字开头，如 kept、made_total", diag.Cut(c.ID))
			continue
		case t.known(c.ID) && defined[c.ID] == "":
			errAt(path, "数字名 %q 与内置数字重名：请换一个名字", diag.Cut(c.ID))
			continue
		case defined[c.ID] != "":
			errAt(path, "数字名 %q 重复定义（另见 %s）：每个数字只写一次", diag.Cut(c.ID), defined[c.ID])
			continue
		}
		defined[c.ID] = path
		t.labels[c.ID] = c.Label
		t.units[c.ID] = c.Unit
		if c.Value != nil {
			t.ints[c.ID] = *c.Value
		}
	}
	// Totals without a value are computed from their parts; a total may be
	// a part of another, so resolve in rounds until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, sum := range s.Sums {
			if _, ok := t.ints[sum.Total]; ok {
				continue
			}
			total, ok := 0, true
			for _, p := range sum.Parts {
				v, have := t.ints[p]
				ok = ok && have
				total += v
			}
			if ok && t.known(sum.Total) {
				t.ints[sum.Total] = total
				changed = true
			}
		}
	}
	for i, sum := range s.Sums {
		path := fmt.Sprintf("sums[%d]", i)
		names := append([]string{sum.Total}, sum.Parts...)
		unknown := false
		for j, n := range names {
			if !t.known(n) {
				field := path + ".total"
				if j > 0 {
					field = fmt.Sprintf("%s.parts[%d]", path, j-1)
				}
				errAt(field, "未知的数字名 %q%s", diag.Cut(n), t.Hint(n))
				unknown = true
			}
		}
		if unknown {
			continue
		}
		var parts []string
		total := 0
		missing := false
		for _, p := range sum.Parts {
			v, ok := t.ints[p]
			if !ok {
				errAt(path, "%s 没有数值：请填写它的 value，或把它声明为另一个合计", t.Label(p))
				missing = true
				continue
			}
			total += v
			parts = append(parts, fmt.Sprintf("%s %d", t.Label(p), v))
		}
		if missing {
			continue
		}
		if v, ok := t.ints[sum.Total]; ok && v != total {
			errAt(path, "%s %d ≠ %s = %d：合计应等于各部分之和，请核对这几个数字", t.Label(sum.Total), v, strings.Join(parts, " + "), total)
		}
	}
	if m, ok := t.ints["members"]; ok && m > 0 {
		if p, ok := t.ints["participants"]; ok {
			t.texts["participation_rate"] = prose.Percent(p, m)
		}
	}
	n := 0
	EachEvent(s, func(path string, e sheet.Event) {
		if v, ok := t.Amount(e.Suggestions); ok {
			n += v
		}
		if e.Suggestions.Ref != "" && !t.known(e.Suggestions.Ref) {
			errAt(path+".suggestions", "未知的数字名 %q%s", e.Suggestions.Ref, t.Hint(e.Suggestions.Ref))
		}
		for i, tg := range e.Targets {
			if tg.Count.Ref != "" {
				if _, ok := t.Int(tg.Count.Ref); !ok {
					errAt(fmt.Sprintf("%s.targets[%d].count", path, i), "数字名 %q 不是已知的整数%s", tg.Count.Ref, t.Hint(tg.Count.Ref))
				}
			}
		}
	})
	t.ints["event_suggestions"] = n
	// Names are words of the user's own; they may hold figures.
	names := slices.Sorted(maps.Keys(s.Names))
	for _, id := range names {
		path := "names." + id
		switch {
		case !idPattern.MatchString(id):
			errAt(path, "名称 %q 不合规则：只能用英文字母、数字和下划线，且不以数字开头，如 secretary", id)
			continue
		case t.known(id):
			errAt(path, "名称 %q 与数字重名：请换一个名字", id)
			continue
		}
		t.labels[id] = ""
		t.texts[id] = s.Names[id]
	}
	for _, id := range names {
		if v, ok := t.texts[id]; ok {
			t.texts[id], _ = t.Expand(v)
		}
	}
	return t, diags
}

// Amount resolves a count written as a number or as {name}; ok is false
// when it was not given or names no integer figure.
func (t *Table) Amount(a sheet.Amount) (int, bool) {
	if !a.Set {
		return 0, false
	}
	if a.Ref != "" {
		return t.Int(a.Ref)
	}
	return a.N, true
}

// EachEvent visits every event of the sheet's items with its field path.
func EachEvent(s *sheet.Sheet, fn func(path string, e sheet.Event)) {
	lists := []struct {
		path  string
		items []sheet.Item
	}{{"methods", s.Methods}, {"contents", s.Contents}, {"effects.items", s.Effects.Items},
		{"problems", s.Problems}, {"measures", s.Measures}, {"plans", s.Plans}}
	for si, sec := range s.Sections {
		lists = append(lists, struct {
			path  string
			items []sheet.Item
		}{fmt.Sprintf("sections[%d].items", si), sec.Items})
	}
	for _, l := range lists {
		for i, it := range l.items {
			p := fmt.Sprintf("%s[%d]", l.path, i)
			for j, e := range it.Events {
				fn(fmt.Sprintf("%s.events[%d]", p, j), e)
			}
			for w, way := range it.Ways {
				for j, e := range way.Events {
					fn(fmt.Sprintf("%s.ways[%d].events[%d]", p, w, j), e)
				}
			}
		}
	}
}

// Hint suggests the figure a mistyped name probably meant, or what names
// exist.
func (t *Table) Hint(name string) string {
	var known []string
	for n := range t.labels {
		known = append(known, n)
	}
	slices.Sort(known)
	if best := sheet.Suggest(name, known); best != "" {
		return fmt.Sprintf("：是不是想写 %q？", best)
	}
	return "：可用的有 [figures] 中的键、participation_rate 和 [[counts]] 的 id"
}

var refPattern = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Expand replaces {name} in a user's text with the figure's value. Unknown
// names are returned, and left in place.
func (t *Table) Expand(text string) (string, []string) {
	if !strings.Contains(text, "{") {
		return text, nil
	}
	var unknown []string
	out := refPattern.ReplaceAllStringFunc(text, func(m string) string {
		name := m[1 : len(m)-1]
		if v, ok := t.Text(name); ok {
			return v
		}
		unknown = append(unknown, name)
		return m
	})
	return out, unknown
}

// Refs lists the {name} references in text.
func Refs(text string) []string {
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}
