package check

import (
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Figures checks counts that cannot exceed another: participants,
// probationary members and leaders are all among the members.
// (Sums that do not add up are reported by figures.Compute.)
func Figures(s *sheet.Sheet, figs *figures.Table, r *Report) {
	members, ok := figs.Int("members")
	if !ok || members == 0 {
		if p, ok := figs.Int("participants"); ok && p > 0 && s.Pos.Has("figures.participants") {
			r.Warnf("figures.participants", "填写了参与人数 %d，但没有填写党员总数 members：参与率无法计算，请在 [figures] 中填写 members", p)
		}
		return
	}
	for _, f := range []struct{ name, what string }{
		{"participants", "参与人数"},
		{"probationary", "预备党员数"},
	} {
		if v, ok := figs.Int(f.name); ok && v > members {
			r.Errorf("figures."+f.name, "%s %d 大于党员总数 %d（参与率将超过100%%）：请核对 figures.%s 和 figures.members", f.what, v, members, f.name)
		}
	}
}

// References checks that every {name} in the sheet's text names a figure.
func References(s *sheet.Sheet, figs *figures.Table, r *Report) {
	for _, t := range r.allTexts() {
		if _, unknown := figs.Expand(t.Value); len(unknown) > 0 {
			for _, name := range unknown {
				at := indexOf(t.Value, "{"+name+"}")
				r.ErrorInText(t.Path, t.Value, at, "%s 引用了未知的数字 {%s}%s", t.Path, name, figs.Hint(name))
			}
		}
	}
}
