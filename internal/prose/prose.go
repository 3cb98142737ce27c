// Package prose holds the template helpers that turn facts into Chinese
// text: numerals and ordinals, dates, lists, counts, percentages, document
// numbers and people. Each helper is documented with examples that
// prose_test.go runs.
package prose

import (
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/sheet"
)

// Funcs returns the helpers by the names templates call them.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"num":      Numeral,
		"heading1": Heading1,
		"heading2": Heading2,
		"heading3": Heading3,
		"nth":      Nth,
		"date":     FullDate,
		"dates":    Dates,
		"span":     Range,
		"list":     List,
		"listJi":   ListJi,
		"count":    Count,
		"percent":  Percent,
		"rate":     Rate,
		"docnum":   DocNumber,
		"book":     Book,
		"person":   Person,
		"people":   People,
		"sentence": Sentence,
		"clause":   Clause,
		"join":     strings.Join,
		"outcome":  Outcome,
		"enum":     Enumerate,
		"yoy":      YoY,
	}
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Numeral writes n in Chinese numerals as used in headings and prose.
//
//	0 → 零, 10 → 十, 11 → 十一, 20 → 二十, 100 → 一百, 101 → 一百零一, 110 → 一百一十
func Numeral(n int) string {
	if n < 0 {
		return "负" + Numeral(-n)
	}
	if n < 10 {
		return digits[n]
	}
	if n < 20 {
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	units := []string{"", "十", "百", "千"}
	var parts []string
	s := strconv.Itoa(n)
	if len(s) > 4 {
		// Beyond 9999 a heading number is a mistake; Arabic digits stay readable.
		return s
	}
	zero := false
	for i, c := range s {
		d := int(c - '0')
		u := units[len(s)-1-i]
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			parts = append(parts, "零")
			zero = false
		}
		parts = append(parts, digits[d]+u)
	}
	return strings.Join(parts, "")
}

// Quantity writes a count before a measure word in Chinese numerals, as
// set phrases do: 2 → 两 (两种方式), 3 → 三 (三个方面), 12 → 十二.
func Quantity(n int) string {
	if n == 2 {
		return "两"
	}
	return Numeral(n)
}

// Heading1 numbers a first-level heading from a 0-based index: 0 → 一、
func Heading1(i int) string { return Numeral(i+1) + "、" }

// Heading2 numbers a second-level heading: 0 → （一）
func Heading2(i int) string { return "（" + Numeral(i+1) + "）" }

// Heading3 numbers a third-level heading: 0 → 1.
func Heading3(i int) string { return strconv.Itoa(i+1) + "." }

// Nth opens the i-th point of an enumeration in running text: 0 → 一是
func Nth(i int) string { return Numeral(i+1) + "是" }

// FullDate writes a date in full with Arabic digits and no zero padding,
// as the signature and formal references do: 2011年1月21日.
func FullDate(d sheet.Date) string {
	return strconv.Itoa(d.Year) + "年" + monthDay(d)
}

func monthDay(d sheet.Date) string {
	return strconv.Itoa(d.Month) + "月" + strconv.Itoa(d.Day) + "日"
}

// Dates writes dates in running text relative to the year the document is
// dated in (year): the year is written only when it differs, the month only
// when it changes.
//
//	[2011-01-11] → 1月11日
//	[2011-01-10 2011-01-17] → 1月10日、17日
//	[2011-01-06 2011-02-14] → 1月6日、2月14日
//	year 2011, [2010-12-30 2011-01-04] → 2010年12月30日、2011年1月4日
func Dates(year int, ds []sheet.Date) string {
	var b strings.Builder
	prev := sheet.Date{}
	crossYear := false
	for _, d := range ds {
		if d.Year != year {
			crossYear = true
		}
	}
	for i, d := range ds {
		if i > 0 {
			b.WriteString("、")
		}
		switch {
		case crossYear && d.Year != prev.Year:
			b.WriteString(FullDate(d))
		case d.Year == prev.Year && d.Month == prev.Month:
			b.WriteString(strconv.Itoa(d.Day) + "日")
		default:
			b.WriteString(monthDay(d))
		}
		prev = d
	}
	return b.String()
}

// Range writes a span of days relative to the document's year.
//
//	1月6日–1月14日 → 1月6日至14日
//	1月26日–2月3日 → 1月26日至2月3日
//	2010-12-31–2011-01-01 (year 2011) → 2010年12月31日至2011年1月1日
//	the same day → 1月6日
func Range(year int, from, to sheet.Date) string {
	switch {
	case from == to:
		return Dates(year, []sheet.Date{from})
	case from.Year != to.Year || from.Year != year:
		end := FullDate(to)
		if from.Year == to.Year {
			end = monthDay(to)
			if from.Month == to.Month {
				end = strconv.Itoa(to.Day) + "日"
			}
		}
		return FullDate(from) + "至" + end
	case from.Month == to.Month:
		return monthDay(from) + "至" + strconv.Itoa(to.Day) + "日"
	}
	return monthDay(from) + "至" + monthDay(to)
}

// List joins items with 、 and a final 和, dropping empty ones.
//
//	[A] → A;  [A B] → A和B;  [A B C] → A、B和C
func List(items []string) string { return joinLast(items, "和") }

// ListJi is List with 及, for longer or more formal enumerations.
//
//	[A B C] → A、B及C
func ListJi(items []string) string { return joinLast(items, "及") }

// NonEmpty returns the items trimmed, without the blank ones.
func NonEmpty(items []string) []string {
	var kept []string
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			kept = append(kept, s)
		}
	}
	return kept
}

func joinLast(items []string, last string) string {
	kept := NonEmpty(items)
	switch len(kept) {
	case 0:
		return ""
	case 1:
		return kept[0]
	}
	return strings.Join(kept[:len(kept)-1], "、") + last + kept[len(kept)-1]
}

// Percent writes part/whole as a percentage with at most one decimal, the
// way office documents print rates: 220/220 → 100%, 193/200 → 96.5%,
// 1/3 → 33.3%. A zero whole gives "".
func Percent(part, whole int) string {
	if whole <= 0 {
		return ""
	}
	tenths := (part*1000 + whole/2) / whole // rounded to 0.1%
	s := strconv.Itoa(tenths / 10)
	if tenths%10 != 0 {
		s += "." + strconv.Itoa(tenths%10)
	}
	return s + "%"
}

// Rate is Percent with the label office documents use: 参与率100%.
func Rate(label string, part, whole int) string {
	p := Percent(part, whole)
	if p == "" {
		return ""
	}
	return label + "率" + p
}

// DocNumber normalises a document number to the standard form with
// hexagonal brackets 〔〕 around the year (GB/T 9704 §7.2.4):
//
//	张创组[2010]13号 → 张创组〔2010〕13号
//	(2010)13号 → 〔2010〕13号;  （2010）13号 → 〔2010〕13号
//	【2010】13号 → 〔2010〕13号;  ?2010?13号 → 〔2010〕13号 (a mis-encoded bracket)
func DocNumber(s string) string {
	s = strings.TrimSpace(s)
	open := strings.IndexAny(s, "[(（【［〔?？")
	if open < 0 {
		return s
	}
	rest := s[open:]
	_, w := utf8.DecodeRuneInString(rest)
	year := rest[w:]
	n := 0
	for n < len(year) && year[n] >= '0' && year[n] <= '9' {
		n++
	}
	if n != 4 {
		return s
	}
	after := year[n:]
	c, w2 := utf8.DecodeRuneInString(after)
	if !strings.ContainsRune("])）】］〕?？", c) {
		return s
	}
	return s[:open] + "〔" + year[:n] + "〕" + strings.TrimSpace(after[w2:])
}

// Book puts a title in 《》, once: 关于…的通知 → 《关于…的通知》.
func Book(title string) string {
	title = strings.TrimSpace(title)
	title = strings.TrimPrefix(title, "《")
	title = strings.TrimSuffix(title, "》")
	return "《" + title + "》"
}

// Person writes a name after its title, as Chinese does: 党组书记高峰.
func Person(p sheet.Person) string { return strings.TrimSpace(p.Title) + strings.TrimSpace(p.Name) }

// People lists persons with List: 党组书记高峰和纪检组长李润干.
func People(ps []sheet.Person) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = Person(p)
	}
	return List(names)
}

// Sentence ends a user's sentence with 。 unless it already ends with
// closing punctuation: 点评有一说一 → 点评有一说一。
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("。！？…”』」）", r) {
		return s
	}
	if r == '：' {
		return s // 现将有关情况报告如下： leads into what follows
	}
	return trimEnd(s, "，、；,;:") + "。"
}

// trimEnd trims cutset from the end of s. Templates pass Markdown-escaped
// text, so a backslash left dangling once the character it escaped is gone
// (成功\! → 成功\) goes too: it would escape whatever follows.
func trimEnd(s, cutset string) string {
	for {
		t := strings.TrimRight(s, cutset)
		if t == s {
			return s
		}
		if n := len(t) - len(strings.TrimRight(t, `\`)); n%2 == 1 {
			t = t[:len(t)-1]
		}
		s = t
	}
}

// Clause strips a sentence's final punctuation so it can be joined into a
// longer sentence: 取得成效。 → 取得成效.
func Clause(s string) string {
	return trimEnd(strings.TrimSpace(s), "。，、；：！？,.;:!?")
}

// Outcome writes one concrete result with its awards as a clause:
// 以满分通过验收，被评为全省先进集体和县模范单位.
func Outcome(o sheet.Outcome) string {
	s := Clause(o.Text)
	if len(o.Awards) > 0 {
		s += "，被评为" + List(o.Awards)
	}
	return s
}

// Enumerate runs points together as 一是……；二是……。 (sep "；") or as
// separate sentences 一是……。二是……。 (sep "。"), ending with 。. A
// single point is a plain sentence.
func Enumerate(sep string, points []string) string {
	var kept []string
	for _, p := range points {
		if p = Clause(p); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 1 {
		// One point is not a list: no 一是 without 二是.
		return kept[0] + "。"
	}
	var b strings.Builder
	n := 0
	for _, p := range kept {
		if n > 0 {
			b.WriteString(sep)
		}
		b.WriteString(Nth(n))
		b.WriteString(p)
		n++
	}
	if n == 0 {
		return ""
	}
	b.WriteString("。")
	return b.String()
}

// YoY writes a figure's change on the year before, as office documents
// do: 同比增长12.5%, 同比下降8%, 与上年持平; "" when there is no base.
//
//	450 400 → 同比增长12.5%;  368 400 → 同比下降8%;  400 400 → 与上年持平
func YoY(cur, last int) string {
	switch {
	case last <= 0:
		return ""
	case cur == last:
		return "与上年持平"
	case cur > last:
		return "同比增长" + Percent(cur-last, last)
	}
	return "同比下降" + Percent(last-cur, last)
}
