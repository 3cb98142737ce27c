package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// countsSheet is a sheet with every built-in figure, a count of 86
// companies and one event that checked 12 schools (or targets); text goes
// into the method's text and event into the event's.
func countsSheet(text, event, targets, extra string) string {
	if targets == "" {
		targets = `{ who = "学校", count = 12 }`
	}
	return `[document]
title = "安全生产月活动总结"
unit = "某某县应急管理局"
self = "我局"
task = "安全生产月活动"
date = 2024-06-30
kind = "campaign"

[figures]
members = 18
participants = 17
branches = 3
suggestions = 13
leaders = 5

[[counts]]
id = "companies"
label = "企业"
value = 86
` + extra + `
[[methods]]
name = "集中检查"
text = "` + text + `"

  [[methods.events]]
  dates = [2024-06-12]
  targets = [` + targets + `]
  text = "` + event + `"
  action = "开展安全检查"
`
}

// A number in free text that contradicts the figure of the same noun is
// warned at the number; a number that is a part, another quantity or not
// plainly the same total is not.
func TestTextCounts(t *testing.T) {
	const (
		companies = "counts[0] companies（企业） = 86（第 19 行）"
		members   = "figures.members（党员数） = 18（第 10 行）"
		parts     = "figures.participants（参与人数） = 17（第 11 行）"
		branches  = "figures.branches（党支部数） = 3（第 12 行）"
		sugg      = "figures.suggestions（意见建议数） = 13（第 13 行）"
		leaders   = "figures.leaders（班子成员数） = 5（第 14 行）"
		target    = "methods[0].events[0].targets[0]（学校） = 12（第 27 行）"
	)
	type warning struct {
		col   int // in the text's line; 0: in the event's text
		quote string
		n     int
		fig   string
		ref   string
	}
	cases := []struct {
		text, event, targets, extra string
		want                        []warning
	}{
		// contradictions
		{text: "共检查企业90家。", want: []warning{{14, "共检查企业90家", 90, companies, "companies"}}},
		{text: "2024年共检查90家企业，发现隐患35处。", want: []warning{{17, "共检查90家企业", 90, companies, "companies"}}},
		{text: "全县企业共90家。", want: []warning{{14, "企业共90家", 90, companies, "companies"}}},
		{text: "我局共有党员20名，其中预备党员2名。", want: []warning{{15, "共有党员20名", 20, members, "members"}}},
		{text: "共有党员20人。", want: []warning{{13, "共有党员20人", 20, members, "members"}}},
		{text: "共有20名党员参加了活动。", want: []warning{{11, "共有20名党员", 20, parts, "participants"}}},
		{text: "参加活动的党员共20名。", want: []warning{{17, "参加活动的党员共20名", 20, parts, "participants"}}},
		{text: "共有党支部4个。", want: []warning{{14, "共有党支部4个", 4, branches, "branches"}}},
		{text: "共收到意见建议15条，逐条回复。", want: []warning{{16, "共收到意见建议15条", 15, sugg, "suggestions"}}},
		{text: "共征集意见和建议15条。", want: []warning{{17, "共征集意见和建议15条", 15, sugg, "suggestions"}}},
		{text: "班子成员共6名。", want: []warning{{14, "班子成员共6名", 6, leaders, "leaders"}}},
		{event: "此次共检查学校15所。", want: []warning{{0, "共检查学校15所", 15, target, ""}}},
		{text: "共检查企业90家，共有党员20名。", want: []warning{{14, "共检查企业90家", 90, companies, "companies"}, {22, "共有党员20名", 20, members, "members"}}},
		// the same number, or not the same total
		{text: "共检查企业86家，其中规上企业30家。"},
		{text: "其中企业30家未发现隐患。"},
		{text: "对30家企业开展了复查。"},
		{text: "共新增企业5家。"},
		{text: "共关停企业5家。"},
		{text: "规上企业共30家。"},
		{text: "共有300名党员干部参加培训。"},
		{text: "共培训党员120人次。"},
		{text: "共检查企业90家次。"},
		{text: "共有预备党员2名。"},
		{text: "中共党员20名。"},
		{text: "第一党支部共有党员12名。"},
		{text: "共检查企业80至90家。"},
		{text: "企业共90余家。"},
		{text: "共有{members}名党员，检查企业{companies}家。"},
		{text: "共有党员18名，17名党员参加。"},
		{text: "分别检查企业30家、56家。"},
		{text: "共有党员18名，其中预备党员1名，参加点评的党员17名。"},
		{text: "共有17名党员参加了点评，共收到意见建议13条。"},
		{text: "共走访慰问困难党员6名。"},
		{text: strings.Repeat("安全生产", 15) + "共检查企业90家。"}, // a clause of 60 characters and more is no plain total
		// the event's own target holds for its own text only
		{text: "共检查学校15所。"},
		// the event's 28 companies and the sheet's 86: 企业 could be either
		{event: "此次共检查企业30家。", targets: `{ who = "企业", count = 28 }`},
		{text: "共检查企业30家。", extra: "\n[[counts]]\nid = \"more\"\nlabel = \"企业\"\nvalue = 30\n"},
	}
	for _, c := range cases {
		src := countsSheet(c.text, c.event, c.targets, c.extra)
		got := checkSource(t, src)
		var want []string
		textLine := strings.Count(src[:strings.Index(src, "text = ")], "\n") + 1
		eventLine := strings.Count(src[:strings.LastIndex(src, "text = ")], "\n") + 1
		for _, w := range c.want {
			line, path, col := textLine, "methods[0].text", w.col
			if c.event != "" && w.col == 0 {
				line, path = eventLine, "methods[0].events[0].text"
				col = 11 + len([]rune(c.event[:strings.Index(c.event, fmt.Sprint(w.n))]))
			}
			hint := ""
			if w.ref != "" {
				hint = "；文字中写 {" + w.ref + "} 即引用该数字，不必再写一遍"
			}
			want = append(want, fmt.Sprintf("s.toml:%d:%d: warning: %s 中“%s”的 %d 与 %s不一致：同一个数只应有一个，请核对哪个正确%s", line, col, path, w.quote, w.n, w.fig, hint))
		}
		if got != strings.Join(want, "\n") {
			t.Errorf("text %q, event %q:\ngot\n%s\nwant\n%s", c.text, c.event, got, strings.Join(want, "\n"))
		}
	}
}

// A sheet with many counts and many texts: each number in a text costs a
// few lookups in an index of nouns and verbs, so time grows with the sheet
// (about ten times for ten times the counts and texts), not with counts ×
// texts.
func BenchmarkTextCounts(b *testing.B) {
	for _, n := range []int{100, 1000} {
		var src strings.Builder
		src.WriteString("[document]\ntitle = \"总结\"\nunit = \"某局\"\nself = \"我局\"\ntask = \"安全生产月活动\"\nkind = \"campaign\"\ndate = 2024-06-30\n")
		for i := range n {
			fmt.Fprintf(&src, "[[counts]]\nid = \"c%d\"\nlabel = \"%s号企业\"\nvalue = %d\n", i, prose.Numeral(i), i)
		}
		for i := range n {
			fmt.Fprintf(&src, "[[methods]]\nname = \"方式%d\"\ntext = \"共检查%s号企业%d家，共有党员%d名，其中预备党员2名，发放资料3500份。\"\n", i, prose.Numeral(i), i+1, i)
		}
		s, diags := sheet.Decode("b.toml", []byte(src.String()))
		if diags != nil {
			b.Fatal(diags)
		}
		figs, _ := figures.Compute(s)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				r := &Report{s: s}
				TextCounts(s, figs, r)
				if len(r.diags) != n {
					b.Fatalf("%d warnings, want %d", len(r.diags), n)
				}
			}
		})
	}
}
