// Package plan is the sentence planner between the facts and the
// templates. It turns events, ways and outcomes into the sentences a
// careful clerk writes: one item is not a list; 0 is said and differs
// from not given; events on the same date by the same people make one
// sentence; a subject is named once and then carried; dates are sorted and
// given once; the verb fits the event (召开 a meeting, 开展 an activity);
// 分别 where each group had its own occasion; measure words follow the noun.
//
// The planner sees the view's strings, already escaped for Markdown, and
// never adds a claim: everything it writes is a sheet fact or the
// connecting words between facts.
package plan

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Planner writes one document's sentences.
type Planner struct {
	Year int // dates in this year omit it
	// Verb is the work's short word (点评), for the kind's default action.
	Verb string
	// Action is the kind's predicate for an event without an action of
	// its own (see kind.Kind.Action); empty: none.
	Action string
	// Subject names who acts when a paragraph would otherwise open
	// without one: the body that led the work (局党组).
	Subject string
	Figs    *figures.Table
}

// SortDates sorts dates and drops repeats (check warns about them).
func SortDates(ds []sheet.Date) []sheet.Date {
	out := slices.Clone(ds)
	slices.SortFunc(out, func(a, b sheet.Date) int {
		switch {
		case a.Before(b):
			return -1
		case b.Before(a):
			return 1
		}
		return 0
	})
	return slices.Compact(out)
}

// when writes the event's time from its sorted dates (ds) or its month:
// 1月10日、17日, 3月中旬, or "".
func (p *Planner) when(e sheet.Event, ds []sheet.Date) string {
	if len(ds) > 0 {
		if consecutive(ds) {
			return prose.Range(p.Year, ds[0], ds[len(ds)-1]) // 4月12日至14日
		}
		return prose.Dates(p.Year, ds)
	}
	if e.Month > 0 {
		return strconv.Itoa(e.Month) + "月" + e.Part
	}
	return ""
}

// consecutive reports whether three or more dates follow day after day.
func consecutive(ds []sheet.Date) bool {
	if len(ds) < 3 {
		return false
	}
	for i := 1; i < len(ds); i++ {
		a := time.Date(ds[i-1].Year, time.Month(ds[i-1].Month), ds[i-1].Day, 0, 0, 0, 0, time.UTC)
		b := time.Date(ds[i].Year, time.Month(ds[i].Month), ds[i].Day, 0, 0, 0, 0, time.UTC)
		if b.Sub(a) != 24*time.Hour {
			return false
		}
	}
	return true
}

// Targets lists whom an event reached, each counted with the measure word
// its noun takes: 5名班子成员, 86家企业, 各科室和各分局.
func (p *Planner) Targets(ts []sheet.Target) string {
	parts := make([]string, 0, len(ts))
	for _, t := range ts {
		who := strings.TrimSpace(t.Who)
		if n, ok := p.amount(t.Count); ok {
			unit := t.Unit
			if unit == "" && t.Count.Ref != "" && p.Figs != nil {
				unit = p.Figs.Unit(t.Count.Ref) // the [[counts]] entry's own
			}
			who = prose.Count(n, unit, who)
		}
		parts = append(parts, who)
	}
	return prose.List(parts)
}

func (p *Planner) amount(a sheet.Amount) (int, bool) {
	if p.Figs == nil {
		if a.Set && a.Ref == "" {
			return a.N, true
		}
		return 0, false
	}
	return p.Figs.Amount(a)
}

// Aspects writes what an event covered: 围绕A、B和C三个方面; one aspect
// is not a list (围绕A).
func Aspects(as []string) string {
	kept := prose.NonEmpty(as)
	switch len(kept) {
	case 0:
		return ""
	case 1:
		return "围绕" + kept[0]
	}
	return "围绕" + prose.List(kept) + prose.Quantity(len(kept)) + "个方面"
}

// sentence is one event's sentence in parts, so that events can merge
// and subjects can be carried.
type sentence struct {
	when, subject string
	body          string // everything after the subject, without the final 。
	text          string // the clerk's sentence after it, closed
}

func (s sentence) String(withSubject bool) string {
	if s.body == "" {
		// Nothing done that the sheet names: no subject without a
		// predicate; the clerk's sentence follows the time, if any.
		if s.text == "" {
			return ""
		}
		if s.when == "" {
			return s.text
		}
		return s.when + "，" + s.text
	}
	var b strings.Builder
	if s.when != "" {
		b.WriteString(s.when)
		b.WriteString("，")
	}
	if withSubject {
		b.WriteString(s.subject)
	}
	b.WriteString(s.body)
	b.WriteString("。")
	b.WriteString(s.text)
	return b.String()
}

func joinComma(a, b string) string {
	if a == "" {
		return b
	}
	return "，" + b
}

// Event writes one event as a sentence with its subject named.
func (p *Planner) Event(e sheet.Event) string {
	return p.event(e).String(true)
}

func (p *Planner) event(e sheet.Event) sentence {
	ds := SortDates(e.Dates)
	s := sentence{when: p.when(e, ds), subject: prose.People(e.By), text: prose.Sentence(e.Text)}
	var b strings.Builder
	comma := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "，") {
			b.WriteString("，")
		}
	}
	each := e.Each || (len(e.Invited) > 1 && len(ds) == len(e.Invited))
	if len(ds) > 1 && !consecutive(ds) && !each && (strings.TrimSpace(e.Action) != "" || strings.TrimSpace(e.Occasion) != "") {
		// Two dates, one deed each time: 先后两次组织应急演练.
		b.WriteString("先后" + prose.Quantity(len(ds)) + "次")
	}
	if place := strings.TrimSpace(e.Place); place != "" {
		b.WriteString("在" + place)
	}
	invited := prose.List(e.Invited)
	if occ := strings.TrimSpace(e.Occasion); occ != "" {
		verb := OccasionVerb(occ)
		switch {
		case invited != "" && each:
			// 1月6日、14日，分别邀请评议员和建言团成员召开座谈会
			b.WriteString("分别邀请" + invited + verb + occ)
			invited, each = "", false
		case each && plural(e.By):
			// 各支部分别召开支部大会: each actor its own meeting.
			b.WriteString("分别" + verb + occ)
			each = false
		case s.subject != "" && verb == "召开":
			b.WriteString("主持召开" + occ)
		default:
			b.WriteString(verb + occ)
		}
		b.WriteString("，")
	}
	if invited != "" {
		if each {
			b.WriteString("分别")
			each = false
		}
		b.WriteString("邀请" + invited)
	}
	if h := e.Heard; h != nil {
		comma()
		b.WriteString("听取" + prose.Person(h.By) + "关于" + strings.TrimSpace(h.Topic) + "的汇报后，")
	}
	if a := Aspects(e.Aspects); a != "" {
		b.WriteString(a + "，")
	}
	pred := p.predicate(e, each) // 分别, unless said already
	if pred == "" {
		s.body = strings.TrimSuffix(b.String(), "，")
	} else {
		s.body = b.String() + pred
	}
	if place := strings.TrimSpace(e.Place); pred == "" && s.body == "在"+place {
		// A place and nothing done there: the clerk's text says what.
		s.subject, s.body = "", ""
		s.when += joinComma(s.when, "在"+place)
	}
	if n, ok := p.amount(e.Suggestions); ok {
		tail := "共收到意见建议" + strconv.Itoa(n) + "条"
		if n == 0 {
			tail = "未收到意见建议"
		}
		if s.body != "" {
			s.body += "，"
		}
		s.body += tail
	}
	return s
}

// plural reports whether the people acting are several: more than one,
// or a title for many (各支部, 各党支部书记).
func plural(by []sheet.Person) bool {
	return len(by) > 1 || (len(by) == 1 && strings.HasPrefix(strings.TrimSpace(by[0].Title+by[0].Name), "各"))
}

// predicate writes what was done to whom: the event's own action with its
// targets, or the kind's default.
func (p *Planner) predicate(e sheet.Event, each bool) string {
	targets := p.Targets(e.Targets)
	action := prose.Clause(e.Action)
	fen := ""
	if each {
		fen = "分别"
	}
	if action != "" {
		if targets == "" {
			return fen + action
		}
		return Preposition(action) + targets + fen + action
	}
	occasion := strings.TrimSpace(e.Occasion) != ""
	switch {
	case occasion && targets == "":
		return "" // the meeting itself is what happened (no 召开……，进行了活动)
	case p.Action != "":
		return expandAction(p.Action, targets, p.Verb, fen)
	case occasion:
		return targets + fen + "参加" // 举办培训班，60名乡镇信访干部参加
	}
	return ""
}

// expandAction fills a kind's action pattern: a [ ] part is kept only
// when its {targets} is not empty; 分别 goes right after it.
func expandAction(pattern, targets, verb, fen string) string {
	out := pattern
	if i, j := strings.Index(out, "["), strings.Index(out, "]"); i >= 0 && j > i {
		opt := out[i+1 : j]
		if targets == "" {
			opt = ""
		}
		out = out[:i] + opt + fen + out[j+1:]
	} else {
		out = fen + out
	}
	out = strings.ReplaceAll(out, "{targets}", targets)
	return strings.ReplaceAll(out, "{verb}", verb)
}

// Events writes a paragraph of events. The first sentence names its
// subject (the event's people, or the planner's Subject); later ones carry
// it when it does not change; events on the same date by the same people
// merge into one sentence.
func (p *Planner) Events(es []sheet.Event) string {
	return p.events(es, true)
}

// events is Events for a paragraph that may already have opened
// (open=false: the sentences run on after a form, 三是……，围绕……).
func (p *Planner) events(es []sheet.Event, open bool) string {
	var out []string
	carried := ""
	if !open {
		carried = p.Subject // the form before has said who acts
	}
	var prev sentence // as printed
	prevOwn := ""
	for i, e := range es {
		s := p.event(e)
		own := s.subject
		if i > 0 && prev.text == "" && s.when != "" && s.when == prev.when && own == prevOwn && s.body != "" {
			// Same day, same people: one sentence (……，并……).
			prev.body += "，并" + s.body
			prev.text = s.text
			out[len(out)-1] = prev.String(true)
			continue
		}
		// Who acts: the event's people, or the body that led the work.
		// Name them unless the sentence before already did.
		s.subject = own
		if own == "" && (open || len(out) > 0) {
			s.subject = p.Subject
		}
		if s.subject == carried {
			s.subject = ""
		}
		if s.subject != "" {
			carried = s.subject
		}
		if str := s.String(true); str != "" {
			out = append(out, str)
			prev, prevOwn = s, own
		}
	}
	return strings.Join(out, "")
}

// Ways writes the forms a method took: 一是……；二是……, or for a single
// form a plain paragraph opened by the subject.
func (p *Planner) Ways(ws []sheet.Way) string {
	if len(ws) == 1 {
		w := ws[0]
		out := p.Subject + prose.Clause(w.Form)
		return out + p.wayTail(w, true)
	}
	var b strings.Builder
	for i, w := range ws {
		b.WriteString(prose.Nth(i))
		b.WriteString(prose.Clause(w.Form))
		tail := p.wayTail(w, i == len(ws)-1)
		b.WriteString(tail)
	}
	return b.String()
}

// wayTail finishes a form: its events (dated ones after 。, an undated
// first one run on after ，) and its text; a bare form ends with ； unless
// it is the last.
func (p *Planner) wayTail(w sheet.Way, last bool) string {
	text := prose.Sentence(w.Text)
	if len(w.Events) > 0 {
		first := w.Events[0]
		dated := len(first.Dates) > 0 || first.Month > 0
		if dated {
			return "。" + p.events(w.Events, true) + text
		}
		ev := p.events(w.Events, false)
		if ev == "" {
			return "。" + text
		}
		return "，" + ev + text
	}
	if text != "" {
		return "。" + text
	}
	if last {
		return "。"
	}
	return "；"
}

// Paragraphs closes every paragraph of a clerk's text with its full stop.
func Paragraphs(text string) string {
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	var out []string
	for _, para := range paras {
		if para = strings.TrimSpace(para); para != "" {
			out = append(out, prose.Sentence(para))
		}
	}
	return strings.Join(out, "\n\n")
}

// opensWithDeed matches a clerk's paragraph that opens with what was done
// and no one doing it (深入各科室了解情况, 开展优质服务活动, 对……点评);
// 对照 and 组织 as a noun (组织建设) are not deeds.
var opensWithDeed = regexp.MustCompile(`^(对[^照]|围绕|召开|邀请|听取|开展|举办|深入|组织(学习|召开|开展|党员|全体|各))`)

// withSubject carries the subject into a clerk's paragraph that opens
// without one, as the clerk would when the heading above it is no subject.
func (p *Planner) withSubject(para string) string {
	if p.Subject != "" && opensWithDeed.MatchString(para) {
		return p.Subject + para
	}
	return para
}

// Outcomes enumerates concrete results as sentences: 一是……。二是……。;
// a single result is a plain sentence.
func Outcomes(os []sheet.Outcome) string {
	texts := make([]string, len(os))
	for i, o := range os {
		texts[i] = prose.Outcome(o)
	}
	return prose.Enumerate("。", texts)
}

// Item writes the body of one numbered point: the clerk's text, the forms
// it took, its events and its outcomes, a paragraph each.
func (p *Planner) Item(it sheet.Item) string {
	var paras []string
	for _, t := range strings.Split(Paragraphs(it.Text), "\n\n") {
		if t != "" {
			paras = append(paras, p.withSubject(t))
		}
	}
	if len(it.Ways) > 0 {
		paras = append(paras, p.Ways(it.Ways))
	}
	if ev := p.Events(it.Events); ev != "" {
		paras = append(paras, ev)
	}
	if o := Outcomes(it.Outcomes); o != "" {
		paras = append(paras, o)
	}
	return strings.Join(paras, "\n\n")
}
