package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Branch is what a roll-up knows of one branch: its name and its figures.
type Branch struct {
	Name    string // the branch's output name, for links
	Unit    string // document.unit, as the roll-up prints it
	Figures sheet.Figures
	// Suggestions is figures.suggestions or, when that is not given, the
	// sum over the branch's events.
	Suggestions int
	// Methods are the names of the branch's methods, each once.
	Methods []string `json:",omitempty"`
	// Problems are the branch's problems as short clauses, each once, for
	// the roll-up to say which several branches name alike.
	Problems []string `json:",omitempty"`
}

// BranchOf extracts a branch's roll-up facts from its decoded sheet.
func BranchOf(name string, s *sheet.Sheet) Branch {
	b := Branch{Name: name, Unit: s.Document.Unit, Figures: s.Figures, Suggestions: s.Figures.Suggestions}
	for _, m := range s.Methods {
		if n := strings.TrimSpace(m.Name); n != "" && !slices.Contains(b.Methods, n) {
			b.Methods = append(b.Methods, n)
		}
	}
	figs, _ := figures.Compute(s)
	for _, p := range s.Problems {
		text := cmpOr(p.Text, p.Name)
		text, _ = figs.Expand(text)
		// A long or many-paragraph problem is not quoted in a sentence.
		if c := prose.Clause(text); c != "" && !strings.Contains(c, "\n") && utf8.RuneCountInString(c) <= 40 && !slices.Contains(b.Problems, c) {
			b.Problems = append(b.Problems, c)
		}
	}
	if b.Suggestions == 0 {
		b.Suggestions, _ = figs.Int("event_suggestions")
	}
	return b
}

// Sum computes the parent unit's figures from its branches, so the
// roll-up's 20个党支部、220名党员、参与率100% are computed, never typed.
// A branch counts as one 党支部 unless its own figures.branches says it
// has more; the other counts add up. Leaders are the parent's own and are
// taken from leaders.
func Sum(branches []Branch, leaders int) sheet.Figures {
	f := sheet.Figures{Leaders: leaders}
	for _, b := range branches {
		f.Branches += max(b.Figures.Branches, 1)
		f.Members += b.Figures.Members
		f.Probationary += b.Figures.Probationary
		f.Participants += b.Figures.Participants
		f.Suggestions += b.Suggestions
	}
	return f
}

// RollupView is what rollup.md.tmpl sees: the parent's view and its
// branches in natural order (第二 before 第十), their text escaped like
// every other text.
type RollupView struct {
	*View
	Branches []Branch
	// AllUse are the methods every branch used (when there are two or
	// more branches); Shared groups the methods used by more than one
	// branch but not all, by how many, most first.
	AllUse []string
	Shared []MethodGroup
	// AllNamed and SharedProblems are the same for problems written
	// alike by several branches.
	AllNamed       []string
	SharedProblems []MethodGroup
}

// MethodGroup is methods (or problems) used by the same number of
// branches.
type MethodGroup struct {
	Methods  []string
	Branches int
}

// shared counts, for each of the branches' names (methods or problems),
// the branches that have it, and keeps those more than one branch has:
// those every branch has, and the others grouped by how many have them,
// most first. Names keep the order in which the branches, in order, first
// name them. Names come back escaped for Markdown.
func shared(bs []Branch, names func(Branch) []string) (all []string, groups []MethodGroup) {
	uses := map[string]int{}
	var order []string
	for _, b := range bs {
		for _, m := range names(b) {
			if uses[m] == 0 {
				order = append(order, m)
			}
			uses[m]++
		}
	}
	for _, n := range order {
		switch u := uses[n]; {
		case u < 2:
		case u == len(bs):
			all = append(all, escapeMarkdown(n))
		default:
			i := slices.IndexFunc(groups, func(g MethodGroup) bool { return g.Branches == u })
			if i < 0 {
				groups = append(groups, MethodGroup{Branches: u})
				i = len(groups) - 1
			}
			groups[i].Methods = append(groups[i].Methods, escapeMarkdown(n))
		}
	}
	slices.SortStableFunc(groups, func(a, b MethodGroup) int { return b.Branches - a.Branches })
	return all, groups
}

// Rollup renders the parent unit's summary: the parent sheet's facts with
// figures summed over branches, a section of its own (rollup.md.tmpl)
// with one paragraph per branch as the first numbered section, then the
// parent's own sections through the standard templates.
func (c *Composer) Rollup(parent *sheet.Sheet, branches []Branch) ([]byte, error) {
	s := *parent
	s.Figures = Sum(branches, parent.Figures.Leaders)
	v, ts, err := c.view(&s, 0)
	if err != nil {
		return nil, err
	}
	bs := slices.Clone(branches)
	slices.SortStableFunc(bs, func(a, b Branch) int { return prose.NaturalCompare(a.Name, b.Name) })
	rv := &RollupView{}
	rv.AllUse, rv.Shared = shared(bs, func(b Branch) []string { return b.Methods })
	rv.AllNamed, rv.SharedProblems = shared(bs, func(b Branch) []string { return b.Problems })
	// A problem is the branches' own words: quoted.
	for i := range rv.AllNamed {
		rv.AllNamed[i] = "“" + rv.AllNamed[i] + "”"
	}
	for _, g := range rv.SharedProblems {
		for i := range g.Methods {
			g.Methods[i] = "“" + g.Methods[i] + "”"
		}
	}
	for i := range bs {
		bs[i].Unit = escapeMarkdown(bs[i].Unit)
	}
	v.Tables = append([]sheet.Table{branchTable(bs, v.Verb)}, v.Tables...)
	sections := append([]Section{{Name: "rollup"}}, v.Sections...)
	return c.render(ts, v, sections, func(sec Section, sv *View) any {
		if sec.Name == "rollup" {
			rv.View, rv.Branches = sv, bs
			return rv
		}
		return sv
	})
}

// branchTable is the roll-up's table of every branch's main figures, after
// its own section, with the parent's totals in the last row. Units are
// escaped already.
func branchTable(bs []Branch, verb string) sheet.Table {
	t := sheet.Table{
		Caption: "各党支部" + verb + "情况",
		After:   "rollup",
		Header:  []string{"党支部", "党员", "参加", "意见建议"},
		Total:   "合计",
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, b := range bs {
		t.Rows = append(t.Rows, []string{b.Unit, num(b.Figures.Members), num(b.Figures.Participants), num(b.Suggestions)})
	}
	return t
}
