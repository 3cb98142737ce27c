package compose

import (
	"slices"
	"strings"

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
}

// BranchOf extracts a branch's roll-up facts from its decoded sheet.
func BranchOf(name string, s *sheet.Sheet) Branch {
	b := Branch{Name: name, Unit: s.Document.Unit, Figures: s.Figures, Suggestions: s.Figures.Suggestions}
	for _, m := range s.Methods {
		if n := strings.TrimSpace(m.Name); n != "" && !slices.Contains(b.Methods, n) {
			b.Methods = append(b.Methods, n)
		}
	}
	if b.Suggestions == 0 {
		figs, _ := figures.Compute(s)
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
}

// MethodGroup is methods used by the same number of branches.
type MethodGroup struct {
	Methods  []string
	Branches int
}

// sharedMethods counts, for each method name, the branches that used it,
// and keeps those used by more than one. Names keep the order in which
// the branches, in order, first name them.
func sharedMethods(bs []Branch) (all []string, shared []MethodGroup) {
	uses := map[string]int{}
	var names []string
	for _, b := range bs {
		for _, m := range b.Methods {
			if uses[m] == 0 {
				names = append(names, m)
			}
			uses[m]++
		}
	}
	for _, n := range names {
		switch u := uses[n]; {
		case u < 2:
		case u == len(bs):
			all = append(all, n)
		default:
			i := slices.IndexFunc(shared, func(g MethodGroup) bool { return g.Branches == u })
			if i < 0 {
				shared = append(shared, MethodGroup{Branches: u})
				i = len(shared) - 1
			}
			shared[i].Methods = append(shared[i].Methods, n)
		}
	}
	slices.SortStableFunc(shared, func(a, b MethodGroup) int { return b.Branches - a.Branches })
	return all, shared
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
	all, shared := sharedMethods(bs)
	for i := range all {
		all[i] = escapeMarkdown(all[i])
	}
	for _, g := range shared {
		for i := range g.Methods {
			g.Methods[i] = escapeMarkdown(g.Methods[i])
		}
	}
	for i := range bs {
		bs[i].Unit = escapeMarkdown(bs[i].Unit)
	}
	sections := append([]Section{{Name: "rollup"}}, v.Sections...)
	return c.render(ts, v, sections, func(sec Section, sv *View) any {
		if sec.Name == "rollup" {
			return &RollupView{View: sv, Branches: bs, AllUse: all, Shared: shared}
		}
		return sv
	})
}
