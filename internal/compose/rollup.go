package compose

import (
	"slices"

	"github.com/zongjie/zongjie/internal/figures"
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
}

// BranchOf extracts a branch's roll-up facts from its decoded sheet.
func BranchOf(name string, s *sheet.Sheet) Branch {
	b := Branch{Name: name, Unit: s.Document.Unit, Figures: s.Figures, Suggestions: s.Figures.Suggestions}
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
// branches, their text escaped like every other text.
type RollupView struct {
	*View
	Branches []Branch
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
	for i := range bs {
		bs[i].Unit = escapeMarkdown(bs[i].Unit)
	}
	sections := append([]Section{{Name: "rollup"}}, v.Sections...)
	return c.render(ts, v, sections, func(sec Section, sv *View) any {
		if sec.Name == "rollup" {
			return &RollupView{View: sv, Branches: bs}
		}
		return sv
	})
}
