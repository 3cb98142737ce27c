package compose

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

func mustCompose(t *testing.T, src string) string {
	t.Helper()
	s, diags := sheet.Decode("t.toml", []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	md, err := c.Markdown(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(md)
}

const head = `[document]
title = "工作总结"
unit = "县供电公司"
self = "我公司"
leader = "公司党委"
task = "领导点评"
date = 2011-01-28
`

var headings = regexp.MustCompile(`(?m)^## (.+)$`)

func sectionHeadings(md string) []string {
	var out []string
	for _, m := range headings.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// Deleting a section renumbers everything after it.
func TestDeleteSectionRenumbers(t *testing.T) {
	methods := "\n[[methods]]\nname = \"集中点评\"\ntext = \"全体党员参加。\"\n"
	contents := "\n[[contents]]\nname = \"评议表现\"\ntext = \"逐一评议。\"\n"
	problems := "\n[[problems]]\ntext = \"学习还需加强\"\n"
	full := sectionHeadings(mustCompose(t, head+methods+contents+problems))
	want := []string{"一、点评方式灵活", "二、点评内容具体", "三、存在的问题和不足"}
	if strings.Join(full, "|") != strings.Join(want, "|") {
		t.Fatalf("headings = %v, want %v", full, want)
	}
	cut := sectionHeadings(mustCompose(t, head+methods+problems))
	want = []string{"一、点评方式灵活", "二、存在的问题和不足"}
	if strings.Join(cut, "|") != strings.Join(want, "|") {
		t.Errorf("after deleting contents: %v, want %v", cut, want)
	}
}

// Items without facts are left out and the （一） numbers close up.
func TestEmptyItemsCloseUp(t *testing.T) {
	src := head + `
[[contents]]
name = "甲"
text = "有内容。"

[[contents]]
name = "乙"

[[contents]]
name = "丙"
text = "也有内容。"
`
	md := mustCompose(t, src)
	if !strings.Contains(md, "### （一）甲") || !strings.Contains(md, "### （二）丙") || strings.Contains(md, "乙") {
		t.Errorf("numbering did not close up:\n%s", md)
	}
}

// Changing one figure changes every sentence that uses it, and nothing else.
func TestFigureChangeIsLocal(t *testing.T) {
	sheetWith := func(members string) string {
		return head + `
[figures]
branches = 20
members = ` + members + `
participants = 220

[[methods]]
name = "集中点评"
text = "全公司{members}名党员分属{branches}个党支部。"

[[contents]]
name = "评议表现"
text = "逐一评议，共评议党员{participants}名。"
`
	}
	a := strings.Split(mustCompose(t, sheetWith("220")), "\n")
	b := strings.Split(mustCompose(t, sheetWith("230")), "\n")
	if len(a) != len(b) {
		t.Fatalf("line count changed: %d → %d", len(a), len(b))
	}
	var changed []string
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, b[i])
			if !strings.Contains(a[i], "220") || !strings.Contains(b[i], "230") {
				t.Errorf("line %d changed without the figure:\n- %s\n+ %s", i+1, a[i], b[i])
			}
		}
	}
	// The figures paragraph (members, rate) and the method's text.
	if len(changed) != 2 {
		t.Errorf("%d lines changed, want 2: %q", len(changed), changed)
	}
	if !strings.Contains(b[0]+strings.Join(changed, ""), "参与率95.7%") {
		t.Errorf("the derived rate did not follow: %q", changed)
	}
}

// A custom structure replaces the standard one, numbered in its order.
func TestOrderReplacesStructure(t *testing.T) {
	src := "order = [\"基本情况\", \"problems\", \"坚持的原则\"]\n\n" + head + `
[[methods]]
name = "集中点评"
text = "不在 order 中，不出现。"

[[problems]]
text = "学习还需加强"

[[sections]]
title = "坚持的原则"
text = "实事求是。"

[[sections]]
title = "基本情况"
text = "公司共有党员若干名。"
`
	got := sectionHeadings(mustCompose(t, src))
	want := []string{"一、基本情况", "二、存在的问题和不足", "三、坚持的原则"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings = %v, want %v", got, want)
	}
}

// Text is text: Markdown and HTML in a user's text is escaped.
func TestEscapeMarkdown(t *testing.T) {
	cases := map[string]string{
		"# 标题":       `\# 标题`,
		"**粗**":      `\*\*粗\*\*`,
		"[x](y)":     `\[x\](y)`,
		"1. 第一":      `1\. 第一`,
		"<script>":   `\<script\>`,
		"&amp;":      `\&amp;`,
		"a|b":        `a\|b`,
		"- 项":        `\- 项`,
		"::: x":      `\::: x`,
		"    缩进":     "缩进",
		"行尾\\":       `行尾\\`,
		"第一行\n\n第二段": "第一行\n\n第二段",
		"100%":       "100%",
	}
	for in, want := range cases {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// Probationary members and partial participation in one sentence: 其中
// only once.
func TestFiguresSentence(t *testing.T) {
	md := mustCompose(t, head+"\n[figures]\nbranches = 3\nmembers = 200\nprobationary = 4\nparticipants = 193\n")
	want := "我公司共有3个党支部、200名党员，其中预备党员4名，193名党员参加了此次领导点评，参与率96.5%。"
	if !strings.Contains(md, want) {
		t.Errorf("figures sentence:\n%s\nwant %s", md, want)
	}
}

// The opening with every document fact: draft marker, directive with a
// number to normalise, period, reach and stage.
func TestOpeningWithEveryFact(t *testing.T) {
	src := `[document]
title = "工作总结"
unit = "县规划局"
self = "我局"
leader = "局党组"
activity = "创先争优活动"
task = "领导点评"
date = 2011-01-21
period = { from = 2010-12-20, to = 2011-01-20 }
reach = ["科室", "分局", "党支部"]
draft = true
stage = "第二轮点评正在进行"

[[directives]]
issuer = "县委创先争优活动领导小组"
title = "《关于认真做好领导点评工作的通知》"
number = "张创组[2010]13号"

[[methods]]
name = "集中点评"
text = "全体党员参加。"
`
	md := mustCompose(t, src)
	for _, want := range []string{
		"# 工作总结\n\n::: subtitle\n（讨论稿）\n:::\n",
		"按照县委创先争优活动领导小组《关于认真做好领导点评工作的通知》（张创组〔2010〕13号）要求，局党组",
		"于2010年12月20日至2011年1月20日采取集中点评的方式开展领导点评，使领导点评覆盖科室、分局和党支部。第二轮点评正在进行。现将有关情况总结如下。",
		"::: signature\n县规划局\n\n2011年1月21日\n:::\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
