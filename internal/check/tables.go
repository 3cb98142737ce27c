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

// Tables checks each [[tables]]: a header, rows no wider than it, and a
// place that exists (after a section the sheet can print, item an item of
// that section). A table whose place is not printed goes after the last
// section, which the warning says.
func Tables(s *sheet.Sheet, _ *figures.Table, r *Report) {
	titles := map[string]bool{}
	for _, sec := range s.Sections {
		titles[sec.Title] = true
	}
	for i, t := range s.Tables {
		p := fmt.Sprintf("tables[%d]", i)
		if len(t.Header) == 0 {
			r.Errorf(p+".header", "表格需要表头：header = [\"列名\", …]，每列一个")
			continue
		}
		for j, row := range t.Rows {
			if len(row) > len(t.Header) {
				// At the first cell too many.
				cell := fmt.Sprintf("%s.rows[%d][%d]", p, j, len(t.Header))
				r.add(diag.Error, s.Pos.Value(cell), cell, "这一行有 %d 格，表头只有 %d 列：请删去多余的格或在 header 中补上列名", len(row), len(t.Header))
			}
		}
		switch {
		case t.After == "":
		case slices.Contains(kind.Sections, t.After) || titles[t.After]:
			if t.Item != "" && !hasItem(s, t.After, t.Item) {
				r.Warnf(p+".item", "“%s”中没有名为“%s”的一项：表格将放在该章节末尾", t.After, t.Item)
			}
		default:
			r.Errorf(p+".after", "after = %q 既不是标准章节名（%s），也不是任何 [[sections]] 的 title", t.After, strings.Join(kind.Sections, "、"))
		}
	}
}

func hasItem(s *sheet.Sheet, section, name string) bool {
	var items []sheet.Item
	switch section {
	case "methods":
		items = s.Methods
	case "contents":
		items = s.Contents
	case "effects":
		items = s.Effects.Items
	case "problems":
		items = s.Problems
	case "measures":
		items = s.Measures
	case "plans":
		items = s.Plans
	default:
		for _, sec := range s.Sections {
			if sec.Title == section {
				items = append(items, sec.Items...)
			}
		}
	}
	return slices.ContainsFunc(items, func(it sheet.Item) bool { return strings.TrimSpace(it.Name) == strings.TrimSpace(name) })
}
