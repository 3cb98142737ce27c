package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/kind"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Empty warns about headings that will not print because nothing stands
// under them. Methods are exempt: a bare method name still belongs to the
// opening's list of methods.
func Empty(s *sheet.Sheet, _ *figures.Table, r *Report) {
	check := func(path string, items []sheet.Item) {
		for i, it := range items {
			if strings.TrimSpace(it.Name) != "" && !hasFacts(it) {
				r.Warnf(fmt.Sprintf("%s[%d]", path, i), "“%s”下没有任何内容（text、events、ways 或 outcomes），不会出现在总结中：请补充内容或删除这一项", diag.Quote(it.Name))
			}
		}
	}
	check("contents", s.Contents)
	check("effects.items", s.Effects.Items)
	check("problems", s.Problems)
	check("measures", s.Measures)
	for i, sec := range s.Sections {
		p := fmt.Sprintf("sections[%d]", i)
		check(p+".items", sec.Items)
		if strings.TrimSpace(sec.Text) == "" && !slices.ContainsFunc(sec.Items, hasFacts) {
			r.Warnf(p, "自定义章节“%s”没有任何内容，不会出现在总结中：请补充 text 或 items", diag.Quote(sec.Title))
		}
	}
}

func hasFacts(it sheet.Item) bool {
	return strings.TrimSpace(it.Text) != "" || len(it.Ways) > 0 || len(it.Events) > 0 || len(it.Outcomes) > 0
}

// Order checks the sheet's own structure: every name in order must be a
// standard section or the title of a custom one.
func Order(s *sheet.Sheet, _ *figures.Table, r *Report) {
	titles := map[string]bool{}
	for _, sec := range s.Sections {
		titles[sec.Title] = true
	}
	valid := map[string]bool{"preamble": true}
	for _, n := range kind.Sections {
		valid[n] = true
	}
	for i, sec := range s.Sections {
		if sec.After != "" && !valid[sec.After] {
			r.Errorf(fmt.Sprintf("sections[%d].after", i), "after = %q 不是标准章节名：可选 preamble、%s", diag.Cut(sec.After), strings.Join(kind.Sections, "、"))
		}
	}
	// order may also place the opening and the closing paragraph.
	valid["closing"] = true
	seen := map[string]bool{}
	for i, name := range s.Order {
		p := fmt.Sprintf("order[%d]", i)
		switch {
		case seen[name]:
			r.Errorf(p, "order 中 %q 出现了两次：每个章节只写一次", diag.Cut(name))
		case !valid[name] && !titles[name]:
			r.Errorf(p, "order 中的 %q 既不是标准章节名（%s，以及开头 preamble、结尾 closing），也不是任何 [[sections]] 的 title", diag.Cut(name), strings.Join(kind.Sections, "、"))
		}
		seen[name] = true
	}
}
