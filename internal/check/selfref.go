package check

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

// kinds of unit and the words by which such a unit names itself or its
// leading body. A summary copied from another unit keeps these.
var kinds = []struct {
	kind  string
	words []string
}{
	{"局", []string{"我局", "局党组", "局党委", "局领导班子"}},
	{"校", []string{"我校", "校党委", "学校党委"}},
	{"办事处", []string{"我办事处", "办事处党委", "办事处党工委"}},
	{"公司", []string{"我公司", "公司党委", "公司党组"}},
	{"院", []string{"我院", "院党委"}},
	{"厅", []string{"我厅", "厅党组"}},
	{"委", []string{"我委", "委党组"}},
	{"中心", []string{"我中心", "中心党支部"}},
	{"所", []string{"我所", "所党支部"}},
	{"厂", []string{"我厂", "厂党委"}},
}

// SelfReference warns where free text names the unit by another kind of
// unit's self-reference than the sheet's own (a school's summary that says
// 我局) — the mark of a summary copied from another unit.
func SelfReference(s *sheet.Sheet, _ *figures.Table, r *Report) {
	own := kindOf(s.Document.Self)
	if own == "" {
		own = kindOf(s.Document.Leader)
	}
	if own == "" {
		return
	}
	for _, t := range r.allTexts() {
		if !strings.HasPrefix(t.Path, "document.") || t.Path == "document.stage" {
			warnForeign(r, t, own, s.Document.Self)
		}
	}
}

// warnForeign warns once for each foreign self-reference in the text, at
// its first place: a clerk fixes every 我局 in a paragraph at once, so
// repeats would only be noise. Words that overlap (我局 and 局党组 in
// 我局党组) are one finding, named by the whole run they cover.
func warnForeign(r *Report, t Text, own, self string) {
	type span struct{ from, to int }
	var found []span
	for _, k := range kinds {
		if k.kind == own {
			continue
		}
		for _, w := range k.words {
			// 我办事处 contains 办事处, not 我局; but a foreign word may sit
			// inside the sheet's own name (我中心 in 我中心校): skip those.
			if strings.Contains(self, w) {
				continue
			}
			for at := 0; ; {
				i := strings.Index(t.Value[at:], w)
				if i < 0 {
					break
				}
				if !notSelf(w, t.Value[at+i+len(w):]) && !inName(w, t.Value[:at+i]) {
					found = append(found, span{at + i, at + i + len(w)})
				}
				at += i + len(w)
			}
		}
	}
	slices.SortFunc(found, func(a, b span) int { return cmp.Or(a.from-b.from, b.to-a.to) })
	var runs []span
	for _, f := range found {
		if n := len(runs); n > 0 && f.from < runs[n-1].to {
			runs[n-1].to = max(runs[n-1].to, f.to)
			continue
		}
		runs = append(runs, f)
	}
	seen := map[string]bool{}
	for _, run := range runs {
		w := t.Value[run.from:run.to]
		if seen[w] {
			continue
		}
		seen[w] = true
		r.WarnInText(t.Path, t.Value, run.from, "文字中出现“%s”，但本单位自称“%s”：这段文字可能抄自别的单位，请改为本单位的称呼", w, diag.Quote(self))
	}
}

// inName reports whether a word that names a unit's body (局党组,
// 中心党支部) is the tail of a longer proper name (县规划局党组,
// 卫生服务中心党支部): that names another unit, not this one. A 我-word
// is a self-reference wherever it stands.
func inName(word, before string) bool {
	if strings.HasPrefix(word, "我") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.Is(unicode.Han, r) && r != '我' // 我局党组 is this unit's
}

// notSelf reports whether a self-reference word is only the start of an
// ordinary phrase: 我所在的岗位, 我所做的工作 are not 我所 (a 研究所).
func notSelf(word, after string) bool {
	if word != "我所" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune("在有能做知说想学属负联分", r)
}

func kindOf(name string) string {
	for _, k := range kinds {
		for _, w := range k.words {
			if name == w {
				return k.kind
			}
		}
	}
	for _, k := range kinds {
		if strings.HasSuffix(name, k.kind) {
			return k.kind
		}
	}
	return ""
}

func indexOf(s, sub string) int { return strings.Index(s, sub) }
