package check

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// TextCounts warns where free text states a total of something the sheet
// also counts as a figure, and the two numbers differ: 共检查企业90家 in a
// paragraph beside a [[counts]] 企业 = 86.
//
// A false alarm is worse than a miss, so the text must say plainly that
// its number is the same total: the noun itself, its measure word, and a
// total marker (共、共有、共计、合计、累计、总计) either right before the
// noun and a verb that keeps the meaning (共有党员18名, 共检查企业90家,
// 共检查90家企业) or right after the noun (党员共18名). Anything that makes
// it a part or another quantity is left alone: 其中, 新增, 发展, 同比, 分别,
// 第一…, 平均, 以上, a modifier before the noun (共有预备党员, 规上企业共30
// 家), a longer noun after it (共有300名党员干部), 人次/家次.
func TextCounts(s *sheet.Sheet, figs *figures.Table, r *Report) {
	global := sheetFacts(s, figs)
	local := targetFacts(s)
	sheetWide := newFactIndex(global)
	for _, t := range r.allTexts() {
		ix := sheetWide
		if l := local[strings.TrimSuffix(t.Path, ".text")]; len(l) > 0 {
			ix = newFactIndex(append(global[:len(global):len(global)], l...))
		}
		warned := map[int]bool{} // 共检查企业90家 states both 检查企业 and 企业
		for _, m := range ix.find(t.Value, s.Document.Self) {
			f := m.fact
			if m.n == f.value || warned[m.at] {
				continue
			}
			warned[m.at] = true
			hint := ""
			if f.ref != "" {
				hint = "；文字中写 {" + f.ref + "} 即引用该数字，不必再写一遍"
			}
			// The figure may stand in the other file of a merged sheet.
			where := ""
			if file := s.Pos.File(f.path); file != "" && file != s.Pos.File(t.Path) {
				where = filepath.Base(file) + " "
			}
			r.WarnInText(t.Path, t.Value, m.at, "%s 中“%s”的 %d 与 %s = %d（%s第 %d 行）不一致：同一个数只应有一个，请核对哪个正确%s",
				t.Path, m.quote, m.n, f.what, f.value, where, s.Pos.Key(f.path).Line, hint)
		}
	}
}

// fact is one figure as free text may state it.
type fact struct {
	path  string // where the figure is defined
	what  string // how a message names it
	ref   string // its {name}, if it has one
	value int
	noun  string
	verbs []string // what may stand between 共 and the noun ("" for nothing)
	units []string // measure words the text may use
	// takePart marks the participants: 共有17名党员参加, 参加点评的党员共17名.
	takePart bool
	// head marks a label's noun without its verb (企业 of 检查企业), which
	// only 共检查90家企业 needs: 共检查企业90家 is the whole label's.
	head bool
}

// sheetFacts lists the figures that hold for the whole sheet: the built-in
// ones whose noun is unambiguous, and the user's counts.
func sheetFacts(s *sheet.Sheet, figs *figures.Table) []fact {
	var out []fact
	for _, b := range []struct {
		name  string
		nouns []string
		verbs []string
		part  bool
	}{
		{"members", []string{"党员"}, []string{"", "有"}, false},
		{"participants", []string{"党员"}, []string{"", "有"}, true},
		{"branches", []string{"党支部", "支部"}, []string{"", "有", "辖", "下设", "设有"}, false},
		{"suggestions", []string{"意见建议", "意见和建议"}, []string{"", "有", "收到", "征集", "收集", "征求", "梳理", "汇总"}, false},
		{"leaders", []string{"班子成员", "领导班子成员"}, []string{"", "有"}, false},
	} {
		path := "figures." + b.name
		v, ok := figs.Int(b.name)
		if !ok || !s.Pos.Has(path) {
			continue // a figure computed elsewhere (a roll-up's sums) has no line to point at
		}
		for _, n := range b.nouns {
			out = append(out, fact{path: path, what: path + "（" + figureLabel(b.name) + "）", ref: b.name,
				value: v, noun: n, verbs: b.verbs, units: unitsOf("", n), takePart: b.part})
		}
	}
	for i, c := range s.Counts {
		v, ok := figs.Int(c.ID)
		label := strings.TrimSpace(c.Label)
		if !ok || label == "" {
			continue
		}
		path := fmt.Sprintf("counts[%d].value", i)
		if !s.Pos.Has(path) {
			path = fmt.Sprintf("counts[%d]", i)
		}
		out = append(out, nounFacts(fact{path: path, what: fmt.Sprintf("counts[%d] %s（%s）", i, c.ID, label), ref: c.ID, value: v}, label, c.Unit)...)
	}
	return out
}

func figureLabel(name string) string {
	for _, b := range figures.Builtin {
		if b.Name == name {
			return b.Label
		}
	}
	return name
}

// coverVerbs keep a bare noun's meaning: 共检查企业 is the companies the
// figure counts; 共关停企业, 共处罚企业 are other numbers.
var coverVerbs = []string{"", "有", "检查", "排查", "走访", "覆盖", "涉及"}

// nounFacts states a labelled figure by its label and, when the label is
// a verb and a noun the lexicon knows (检查企业), by the noun with that verb
// (共检查90家企业).
func nounFacts(f fact, label, unit string) []fact {
	f.units = unitsOf(unit, label)
	whole := f
	whole.noun, whole.verbs = label, coverVerbs
	out := []fact{whole}
	if head := headNoun(label); head != "" && head != label {
		part := f
		part.noun, part.verbs, part.head = head, []string{strings.TrimSuffix(label, head)}, true
		out = append(out, part)
	}
	return out
}

// headNoun is the noun a label ends with, as the measure-word lexicon
// knows it (检查企业 → 企业); one character (员, 人) is not a noun to search.
func headNoun(label string) string {
	if h := prose.HeadNoun(label); utf8.RuneCountInString(h) > 1 {
		return h
	}
	return ""
}

// unitsOf is the measure word a text may count noun with: the sheet's, the
// lexicon's, 人 and 位 for people, and 个 for anything.
func unitsOf(unit, noun string) []string {
	if unit == "" {
		unit = prose.MeasureWord(noun)
	}
	if unit == "" {
		return nil
	}
	units := []string{unit}
	if unit == "名" {
		units = append(units, "人", "位")
	}
	if unit != "个" {
		units = append(units, "个")
	}
	return units
}

// targetFacts are the counted targets of each event, keyed by the event's
// path. They hold only for that event's own text: a sheet's other texts
// may well total several events.
func targetFacts(s *sheet.Sheet) map[string][]fact {
	out := map[string][]fact{}
	eachEvent(s, func(path string, e sheet.Event) {
		for i, t := range e.Targets {
			who := strings.TrimSpace(t.Who)
			// A count written as {name} is that figure, checked as one.
			if !t.Count.Set || t.Count.Ref != "" || t.Count.N <= 0 || who == "" {
				continue
			}
			tp := fmt.Sprintf("%s.targets[%d]", path, i)
			out[path] = append(out[path], nounFacts(fact{path: tp + ".count", what: tp + "（" + who + "）", value: t.Count.N}, who, t.Unit)...)
		}
	})
	return out
}

// factIndex holds the facts a text can be read against: by noun for a
// number after the noun (企业90家), by noun and verb for a number before
// it (共检查90家企业), so each number costs a few map lookups however many
// figures the sheet has.
type factIndex struct {
	byNoun     map[string][]*fact
	byNounVerb map[string]map[string][]*fact
	longest    int // bytes of the longest noun
	longVerb   int // bytes of the longest verb
}

// newFactIndex keeps the facts a text could tell apart: it drops the same
// noun in the same wording with different values (two events' 企业, a count
// labelled 党员 beside figures.members), and keeps one of facts a text
// cannot tell apart and need not (two counts 企业 = 86).
func newFactIndex(facts []fact) *factIndex {
	type wording struct {
		noun, verb string
		takePart   bool
	}
	values := map[wording]map[int]bool{}
	for _, f := range facts {
		for _, v := range f.verbs {
			w := wording{f.noun, v, f.takePart}
			if values[w] == nil {
				values[w] = map[int]bool{}
			}
			values[w][f.value] = true
		}
	}
	ix := &factIndex{byNoun: map[string][]*fact{}, byNounVerb: map[string]map[string][]*fact{}}
	seen := map[wording]bool{}
	for i := range facts {
		f := &facts[i]
		clear, isNew := true, false
		for _, v := range f.verbs {
			w := wording{f.noun, v, f.takePart}
			clear = clear && len(values[w]) == 1
			isNew = isNew || !seen[w]
			seen[w] = true
		}
		if !clear || !isNew {
			continue
		}
		if !f.head {
			ix.byNoun[f.noun] = append(ix.byNoun[f.noun], f)
		}
		vm := ix.byNounVerb[f.noun]
		if vm == nil {
			vm = map[string][]*fact{}
			ix.byNounVerb[f.noun] = vm
		}
		for _, v := range f.verbs {
			vm[v] = append(vm[v], f)
			ix.longVerb = max(ix.longVerb, len(v))
		}
		ix.longest = max(ix.longest, len(f.noun))
	}
	return ix
}

// find reads every number in text against the facts whose noun stands
// right before it (企业90家, 企业共90家) or right after its measure word
// (90家企业): time linear in the text.
func (ix *factIndex) find(text, self string) []statement {
	if len(ix.byNounVerb) == 0 {
		return nil
	}
	var out []statement
	for a := 0; a < len(text); {
		if !isASCIIDigit(text[a]) {
			a++
			continue
		}
		b := a
		for b < len(text) && isASCIIDigit(text[b]) {
			b++
		}
		// A noun ending before the number, maybe with a marker between.
		end := a
		if m := suffixIn(text[:a], markers); m != "" {
			end -= len(m)
		}
		for i := end; i > 0 && end-i < ix.longest; {
			_, n := utf8.DecodeLastRuneInString(text[:i])
			i -= n
			for _, f := range ix.byNoun[text[i:end]] {
				if st, ok := f.after(text, i, end, self); ok {
					out = append(out, st)
				}
			}
		}
		// A noun starting after the number's measure word (one or two
		// characters), with the verb before the number.
		for k, u := 0, b; k < 2 && u < len(text); k++ {
			_, n := utf8.DecodeRuneInString(text[u:])
			u += n
			for j := u; j < len(text) && j-u < ix.longest; {
				_, n := utf8.DecodeRuneInString(text[j:])
				j += n
				vm := ix.byNounVerb[text[u:j]]
				if vm == nil {
					continue
				}
				for _, f := range ix.verbFacts(vm, text[:a]) {
					if st, ok := f.before(text, u, j); ok {
						out = append(out, st)
					}
				}
			}
		}
		a = b
	}
	return out
}

// verbFacts are the facts of vm whose verb ends the text before a number,
// maybe followed by 了 or 对 (共检查了90家, 共对90家); the facts check the
// rest themselves.
func (ix *factIndex) verbFacts(vm map[string][]*fact, before string) []*fact {
	for _, tail := range []string{"了", "对"} {
		before = strings.TrimSuffix(before, tail)
	}
	var out []*fact
	for i := len(before); i >= 0 && len(before)-i <= ix.longVerb; {
		out = append(out, vm[before[i:]]...)
		if i == 0 {
			break
		}
		_, n := utf8.DecodeLastRuneInString(before[:i])
		i -= n
	}
	return out
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// statement is a number the text states for a fact.
type statement struct {
	fact  *fact
	n     int
	at    int // byte offset of the number
	quote string
}

var (
	markers = []string{"共计", "共有", "合计", "累计", "总计", "共"}
	// not the same total, wherever it stands in the clause
	partWords = []string{"其中", "新增", "增加", "减少", "发展", "同比", "较", "比", "另", "又", "分别", "平均", "人均", "每", "第", "超过", "不足", "约", "近"}
	// what may follow a noun that ends there (90家企业开展自查) rather than
	// going on to a longer noun (300名党员干部)
	afterNoun = "进开和及与的中均全都接完在已实签作受参共分等"
)

// after reads 企业90家 and 企业共90家: the number after the noun at [i, j).
func (f *fact) after(text string, i, j int, self string) (statement, bool) {
	rest := text[j:]
	inner := ""
	for _, m := range markers {
		if strings.HasPrefix(rest, m) {
			inner = m
			break
		}
	}
	digits := leadingDigits(rest[len(inner):])
	if digits == "" {
		return statement{}, false
	}
	numAt := j + len(inner)
	end := numAt + len(digits)
	unit := prefixIn(text[end:], f.units)
	if unit == "" || !endsClean(text[end+len(unit):]) {
		return statement{}, false
	}
	end += len(unit)
	cs := clauseStart(text, i)
	if cs < 0 {
		return statement{}, false
	}
	prefix := text[cs:i]
	if hasAny(text[cs:end], partWords) {
		return statement{}, false
	}
	quoteFrom, ok := i, false
	switch {
	case f.takePart:
		ok, quoteFrom = inner != "" && takingPart(prefix), cs
	case inner != "" && bare(prefix, self):
		ok = true
	default:
		var at int
		at, ok = f.marked(prefix, "")
		quoteFrom = cs + at
	}
	if !ok {
		return statement{}, false
	}
	n, err := strconv.Atoi(digits)
	return statement{fact: f, n: n, at: numAt, quote: text[quoteFrom:end]}, err == nil
}

// before reads 共检查90家企业 and 共有17名党员参加: the number before the
// noun at [i, j).
func (f *fact) before(text string, i, j int) (statement, bool) {
	unit := suffixIn(text[:i], f.units)
	if unit == "" {
		return statement{}, false
	}
	numEnd := i - len(unit)
	digits := trailingDigits(text[:numEnd])
	if digits == "" {
		return statement{}, false
	}
	numAt := numEnd - len(digits)
	if r, _ := utf8.DecodeLastRuneInString(text[:numAt]); strings.ContainsRune(".．至到-~～—", r) {
		return statement{}, false // a range or a decimal
	}
	rest := text[j:]
	joins := prefixIn(rest, []string{"参加", "参与", "出席"}) != ""
	if f.takePart != joins && f.noun == "党员" {
		return statement{}, false // 17名党员参加 counts those taking part, not the members
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.Is(unicode.Han, r) && !strings.ContainsRune(afterNoun, r) {
		return statement{}, false
	}
	cs := clauseStart(text, numAt)
	if cs < 0 || hasAny(text[cs:j], partWords) {
		return statement{}, false
	}
	at, ok := f.marked(text[cs:numAt], "对")
	if !ok {
		return statement{}, false
	}
	n, err := strconv.Atoi(digits)
	return statement{fact: f, n: n, at: numAt, quote: text[cs+at : j]}, err == nil
}

// marked reports whether prefix ends with a total marker and one of the
// fact's verbs (or extra), maybe with 了; at is where the marker starts.
func (f *fact) marked(prefix, extra string) (int, bool) {
	verbs := f.verbs
	if extra != "" {
		verbs = append(verbs[:len(verbs):len(verbs)], extra)
	}
	for _, v := range verbs {
		for _, tail := range []string{v, v + "了"} {
			if tail == "了" {
				continue
			}
			p, ok := strings.CutSuffix(prefix, tail)
			if !ok {
				continue
			}
			for _, m := range markers {
				if before, ok := strings.CutSuffix(p, m); ok && !(m == "共" && strings.HasSuffix(before, "中")) {
					return len(before), true
				}
			}
		}
	}
	return 0, false
}

// bare reports whether what stands before a noun leaves it unqualified:
// nothing, the whole unit (全县, 全体, 我局) or its area (辖区内).
func bare(prefix, self string) bool {
	n := utf8.RuneCountInString(prefix)
	return n == 0 || (strings.HasPrefix(prefix, "全") && n <= 3) || prefix == self ||
		prefix == "辖区" || prefix == "辖区内" || prefix == "本单位"
}

// takingPart reports whether prefix makes 党员 those who took part:
// 参加点评的, 参与此次活动的.
func takingPart(prefix string) bool {
	for _, v := range []string{"参加", "参与"} {
		if rest, ok := strings.CutPrefix(prefix, v); ok && strings.HasSuffix(rest, "的") && utf8.RuneCountInString(rest) <= 12 {
			return true
		}
	}
	return false
}

// endsClean reports whether the text after a measure word leaves the
// count as it is: not 家次/人次, 以上, 左右, 多.
func endsClean(rest string) bool {
	return prefixIn(rest, []string{"次", "以上", "以下", "左右", "多", "余"}) == ""
}

// clauseStart is where the clause holding byte i starts: after the last
// mark that ends a clause. 、 joins items of one clause and does not. A
// clause longer than maxClause characters is no plain statement of a total
// (and reading it whole for every number would be quadratic): -1.
func clauseStart(text string, i int) int {
	for n := 0; i > 0 && n < maxClause; n++ {
		r, w := utf8.DecodeLastRuneInString(text[:i])
		if strings.ContainsRune("，。；：！？,;:!?\n（）()", r) {
			return i
		}
		i -= w
	}
	if i == 0 {
		return 0
	}
	return -1
}

const maxClause = 60

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func prefixIn(s string, words []string) string {
	for _, w := range words {
		if w != "" && strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

func suffixIn(s string, words []string) string {
	for _, w := range words {
		if w != "" && strings.HasSuffix(s, w) {
			return w
		}
	}
	return ""
}

func leadingDigits(s string) string {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}

func trailingDigits(s string) string {
	n := len(s)
	for n > 0 && s[n-1] >= '0' && s[n-1] <= '9' {
		n--
	}
	return s[n:]
}
