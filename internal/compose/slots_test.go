package compose

import (
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

func assertContains(t *testing.T, md string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md)
		}
	}
}

func assertLacks(t *testing.T, md string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(md, w) {
			t.Errorf("Markdown has %q:\n%s", w, md)
		}
	}
}

const items = `
[[methods]]
name = "集中点评"
text = "全体党员参加"

[[methods]]
name = "个别点评"
text = "逐人谈话"
`

// The clerk's opening follows the generated one, before 现将……如下; with
// replace it stands alone.
func TestPreambleSlot(t *testing.T) {
	md := mustCompose(t, head+items+"\n[preamble]\ntext = \"点评工作得到了县委的肯定\"\n")
	assertContains(t, md, "采取集中点评和个别点评两种方式开展领导点评。点评工作得到了县委的肯定。现将有关情况总结如下。")
	md = mustCompose(t, head+items+"\n[preamble]\nreplace = true\ntext = \"\"\"\n今年以来，公司党委按照上级部署开展领导点评。\n\n现将情况报告如下：\"\"\"\n")
	assertContains(t, md, "# 工作总结\n\n今年以来，公司党委按照上级部署开展领导点评。\n\n现将情况报告如下：\n\n## 一、")
	assertLacks(t, md, "现将有关情况总结如下", "精心组织")
}

// A closing paragraph without a heading comes last; order may place the
// opening and closing elsewhere.
func TestClosingAndOrder(t *testing.T) {
	md := mustCompose(t, head+items+"\n[closing]\ntext = \"我们将再接再厉\"\n")
	assertContains(t, md, "逐人谈话。\n\n我们将再接再厉。\n\n::: signature")
	md = mustCompose(t, "order = [\"methods\", \"closing\", \"problems\"]\n"+head+items+"\n[[problems]]\ntext = \"学习不够\"\n\n[closing]\ntext = \"特此总结\"\n")
	i, j := strings.Index(md, "特此总结"), strings.Index(md, "## 二、存在的问题和不足")
	if i < 0 || j < 0 || i > j {
		t.Errorf("closing not before problems:\n%s", md)
	}
}

// The clerk's heading and lead for a standard section replace the kind's.
func TestParts(t *testing.T) {
	md := mustCompose(t, head+items+"\n[parts.methods]\ntitle = \"点评形式多样\"\nlead = \"公司党委注重点评实效\"\n")
	assertContains(t, md, "## 一、点评形式多样\n\n公司党委注重点评实效。\n\n### （一）集中点评")
}

// {name} references a word typed once; a count may reference a figure.
func TestNamesAndCountReferences(t *testing.T) {
	src := `[document]
kind = "campaign"
title = "总结"
unit = "县应急管理局"
self = "我局"
task = "安全生产月活动"
date = 2024-07-05

[names]
director = "局长王建国"

[[counts]]
id = "companies"
label = "企业"
unit = "家"
value = 86

[[methods]]
name = "检查"

  [[methods.events]]
  dates = [2024-06-05]
  by = [{ name = "{director}" }]
  action = "带队开展安全检查"
  targets = [{ who = "重点企业", count = "{companies}" }]
  text = "{director}要求立行立改"
`
	md := mustCompose(t, src)
	assertContains(t, md, "6月5日，局长王建国对86家重点企业带队开展安全检查。局长王建国要求立行立改。")
}

// 0 suggestions are said; not given, nothing is said.
func TestZeroIsSaid(t *testing.T) {
	md := mustCompose(t, head+"\n[figures]\nsuggestions = 0\n")
	assertContains(t, md, "领导点评中，未收到意见建议。现将有关情况总结如下。")
	md = mustCompose(t, head)
	assertLacks(t, md, "意见建议")
}

// Sibling branches read as siblings: variants differ in their framing,
// the facts never do.
func TestSiblingVariants(t *testing.T) {
	s := decode(t, head+items+"\n[[problems]]\ntext = \"学习不够\"\n\n[[plans]]\ntext = \"继续学习\"\n")
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for v := range 20 {
		md, err := c.MarkdownVariant(s, v)
		if err != nil {
			t.Fatal(err)
		}
		if w, dup := seen[string(md)]; dup {
			t.Errorf("variants %d and %d are the same document", w, v)
		}
		seen[string(md)] = v
		for _, fact := range []string{"集中点评", "全体党员参加", "逐人谈话", "学习不够", "继续学习", "县供电公司"} {
			if !strings.Contains(string(md), fact) {
				t.Errorf("variant %d lost %q", v, fact)
			}
		}
		again, _ := c.MarkdownVariant(s, v)
		if string(again) != string(md) {
			t.Errorf("variant %d is not deterministic", v)
		}
	}
}

func decode(t *testing.T, src string) *sheet.Sheet {
	t.Helper()
	s, diags := sheet.Decode("t.toml", []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	return s
}
