package watch

import (
	"fmt"
	"strings"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/prose"
)

// Describe says what a rebuild changed, branch by branch, in words a clerk
// reads: figures with their old and new values, then paragraphs rewritten,
// added or removed, each placed under its section heading. before holds
// each branch's block model before the rebuild.
func Describe(rep *batch.Report, before map[string]*doc.Document) string {
	var b strings.Builder
	any := false
	for _, br := range rep.Branches {
		switch br.State {
		case batch.Failed:
			any = true
			fmt.Fprintf(&b, "· %s：事实表有错误，没有重新生成，原有文件保持不变（错误见下方）\n", label(br))
		case batch.Built:
			any = true
			if br.Old == nil {
				fmt.Fprintf(&b, "· %s：新增，已生成\n", label(br))
				continue
			}
			lines := FigureChanges(br.Old, br.New)
			if old := before[br.Name]; old != nil && br.Doc != nil {
				lines = append(lines, ParagraphChanges(old, br.Doc)...)
			}
			if len(lines) == 0 {
				fmt.Fprintf(&b, "· %s：已重新生成，文字没有变化\n", label(br))
				continue
			}
			fmt.Fprintf(&b, "· %s：\n", label(br))
			for _, l := range lines {
				fmt.Fprintf(&b, "    %s\n", l)
			}
		}
	}
	if !any {
		b.WriteString("改动没有影响任何一份总结的内容（例如只改了注释或空行），没有重写文件。\n")
	}
	if rep.Rollup {
		b.WriteString("汇总已随之更新。\n")
	}
	if rep.Index {
		b.WriteString("索引页已更新。\n")
	}
	return b.String()
}

func label(br batch.BranchReport) string {
	if br.New != nil && br.New.Unit != "" {
		return br.New.Unit + "（" + br.Name + "）"
	}
	return br.Name
}

// FigureChanges lists the figures whose value changed, e.g.
// "党员人数由18改为19", including the participation rate they give.
func FigureChanges(old, cur *compose.Branch) []string {
	if old == nil || cur == nil {
		return nil
	}
	var out []string
	if old.Unit != cur.Unit {
		out = append(out, fmt.Sprintf("单位名称由“%s”改为“%s”", old.Unit, cur.Unit))
	}
	o, n := old.Figures, cur.Figures
	for _, f := range []struct {
		label    string
		old, cur int
	}{
		{"党支部数", o.Branches, n.Branches},
		{"党员人数", o.Members, n.Members},
		{"预备党员人数", o.Probationary, n.Probationary},
		{"参加人数", o.Participants, n.Participants},
		{"班子成员数", o.Leaders, n.Leaders},
		{"意见建议数", old.Suggestions, cur.Suggestions},
	} {
		if f.old != f.cur {
			out = append(out, fmt.Sprintf("%s由%s改为%s", f.label, figure(f.old), figure(f.cur)))
		}
	}
	if a, b := prose.Percent(o.Participants, o.Members), prose.Percent(n.Participants, n.Members); a != b {
		out = append(out, fmt.Sprintf("参与率由%s改为%s", orBlank(a), orBlank(b)))
	}
	return out
}

func figure(n int) string {
	if n == 0 {
		return "未填写"
	}
	return fmt.Sprint(n)
}

func orBlank(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// block is one paragraph or heading of a summary.
type block struct {
	text    string
	heading int // 1 the title, 2 a section (## 一、…), 3 and 4 below; 0 a paragraph
}

func blocks(d *doc.Document) []block {
	out := make([]block, 0, len(d.Blocks))
	for _, b := range d.Blocks {
		h := 0
		switch b.Kind {
		case doc.Title:
			h = 1
		case doc.Heading1:
			h = 2
		case doc.Heading2:
			h = 3
		case doc.Heading3:
			h = 4
		}
		out = append(out, block{text: strings.ReplaceAll(b.Text, "\n", ""), heading: h})
	}
	return out
}

// ParagraphChanges compares two versions of a summary's block model
// paragraph by paragraph and says what was rewritten (showing just the
// words that changed), added or removed, and under which section heading.
func ParagraphChanges(old, cur *doc.Document) []string {
	a, b := blocks(old), blocks(cur)
	type placed struct {
		block
		sec string // the section it stands in
	}
	var out []string
	var dels, adds []placed
	gone := func(d placed) {
		if d.heading == 2 {
			out = append(out, fmt.Sprintf("删去了“%s”一节", d.text))
			return
		}
		out = append(out, fmt.Sprintf("%s删去了%s：“%s”", where(d.sec), kind(d.block), excerpt(d.text, 40)))
	}
	added := func(d placed) {
		if d.heading == 2 {
			out = append(out, fmt.Sprintf("新增了“%s”一节", d.text))
			return
		}
		out = append(out, fmt.Sprintf("%s新增了%s：“%s”", where(d.sec), kind(d.block), excerpt(d.text, 40)))
	}
	// flush pairs each removed block with the next added one of the same
	// kind in the same section as a rewrite; the rest were removed or added.
	flush := func() {
		j := 0
		for _, d := range dels {
			k := j
			for k < len(adds) && (adds[k].heading != d.heading || (d.heading != 2 && adds[k].sec != d.sec)) {
				k++
			}
			if k == len(adds) {
				gone(d)
				continue
			}
			for ; j < k; j++ {
				added(adds[j])
			}
			w := where(adds[k].sec)
			if d.heading == 2 {
				w = ""
			}
			out = append(out, rewritten(w, d.block, adds[k].block))
			j = k + 1
		}
		for ; j < len(adds); j++ {
			added(adds[j])
		}
		dels, adds = nil, nil
	}
	secA, secB := "", ""
	for _, op := range diff(a, b) {
		switch op.kind {
		case '=':
			flush()
			if a[op.i].heading == 2 {
				secA = a[op.i].text
			}
			if b[op.j].heading == 2 {
				secB = b[op.j].text
			}
		case '-':
			if a[op.i].heading == 2 {
				secA = a[op.i].text
			}
			dels = append(dels, placed{a[op.i], secA})
		case '+':
			if b[op.j].heading == 2 {
				secB = b[op.j].text
			}
			adds = append(adds, placed{b[op.j], secB})
		}
	}
	flush()
	return out
}

func where(section string) string {
	if section == "" {
		return "开头部分"
	}
	return "“" + section + "”中"
}

func kind(b block) string {
	if b.heading > 0 {
		return "标题"
	}
	return "一段"
}

// rewritten shows only what differs between two versions of a paragraph,
// with a few characters of context: 把“对12名党员”改为“对13名党员”.
func rewritten(where string, from, to block) string {
	a, b := []rune(from.text), []rune(to.text)
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	const context = 6
	lo := max(p-context, 0)
	cut := func(r []rune) string {
		hi := min(len(r)-s+context, len(r))
		t := string(r[lo:hi])
		if lo > 0 {
			t = "…" + t
		}
		if hi < len(r) {
			t += "…"
		}
		return excerpt(t, 60)
	}
	return fmt.Sprintf("%s改写了%s：把“%s”改为“%s”", where, kind(to), cut(a), cut(b))
}

func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

type op struct {
	kind byte // '=', '-', '+'
	i, j int
}

// diff is a longest-common-subsequence diff over paragraphs; summaries
// have tens of them, so the quadratic table is small.
func diff(a, b []block) []op {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			ops = append(ops, op{'=', i, j})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, op{'-', i, j})
			i++
		default:
			ops = append(ops, op{'+', i, j})
			j++
		}
	}
	for ; i < n; i++ {
		ops = append(ops, op{'-', i, j})
	}
	for ; j < m; j++ {
		ops = append(ops, op{'+', i, j})
	}
	return ops
}
