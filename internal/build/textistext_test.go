package build

import (
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// markups are texts a clerk might paste that mean something in Markdown or
// HTML. Each must print as typed and leave the structure alone.
var markups = []string{
	"# 像标题",
	"## 一、像一级标题",
	"**加粗**和__加粗__",
	"*强调*和_强调_",
	"[链接](https://example.com)",
	"![图片](a.png)",
	"<https://example.com>",
	"https://example.com 和 www.example.com",
	"甲 | 乙 | 丙",
	"| 表头 |\n|---|",
	"1. 像编号",
	"1) 像编号",
	"2011. 年份后有点",
	"- 像列表",
	"* 像列表",
	"+ 像列表",
	"> 像引用",
	"::: signature",
	":::",
	"---",
	"===",
	"***",
	"    四个空格缩进",
	"\t制表符缩进",
	"行尾反斜杠\\",
	"中间\\反斜杠",
	"\\*已转义\\*",
	"`代码`和``双反引号``",
	"```",
	"~~~",
	"~~删除线~~",
	"<script>alert(1)</script>",
	"<b>粗体</b>和<br>",
	"<!-- 注释 -->",
	"&amp; &lt; &#65; &#x41; &copy;",
	"A & B < C > D \"E\" 'F'",
	"$公式$ {属性} [^1]",
	"取得圆满成功!",
	"是否完成?",
	"比例:",
	"问题 #3 已解决",
	"a  两个空格  b",
	"全角　空格",
	"结尾有空格  ",
}

// TestTextIsText builds a sheet with each markup in a title, a heading, a
// paragraph, an enumerated problem and the signature, and checks all three
// formats: the same blocks as with plain text, the text as typed in the
// Markdown's block model, escaped in the HTML, and in the PDF.
func TestTextIsText(t *testing.T) {
	b := testBuilder(t)
	for _, m := range markups {
		assertTextIsText(t, b, m, true)
	}
}

// TestDirectiveNumber: a document number typed with [ ] is normalised to
// 〔 〕 (docs/factsheet.md), although [ and ] are escaped in the Markdown.
func TestDirectiveNumber(t *testing.T) {
	src := []byte(`[document]
title = "工作总结"
unit = "第一党支部"
self = "我支部"
task = "主题党日活动"
date = 2026-11-20

[[directives]]
title = "关于做好工作的通知"
number = "张创组[2010]13号"
`)
	s, diags := sheet.Decode("f.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	outs, diags := testBuilder(t).Render(s, src, []Format{Markdown})
	if diags != nil {
		t.Fatal(diags)
	}
	d, err := doc.FromMarkdown(outs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "按照《关于做好工作的通知》（张创组〔2010〕13号）要求"; !strings.HasPrefix(d.Blocks[1].Text, want) {
		t.Errorf("preamble %q, want it to start %q", d.Blocks[1].Text, want)
	}
}

// TestMultilineTextIsText: in a text that runs over several lines, a line
// that starts with markup (a setext underline, a list marker, a fence, an
// indented line) is still text: the paragraph stays one paragraph holding
// every line's characters, and a blank line is the only paragraph break.
func TestMultilineTextIsText(t *testing.T) {
	b := testBuilder(t)
	for _, m := range markups {
		if strings.Contains(m, "\n") {
			continue
		}
		text := "第一行\n" + m + "\n末行"
		src := []byte(minimalSheet + "\n[[methods]]\nname = \"集中学习\"\ntext = " + tomlString(text) +
			"\n\n[[methods]]\nname = \"分段\"\ntext = " + tomlString("第一段\n\n"+m) + "\n")
		s, diags := sheet.Decode("f.toml", src)
		if diags != nil {
			t.Fatalf("%q: %v", m, diags)
		}
		outs, diags := b.Render(s, src, []Format{Markdown})
		if diags != nil {
			t.Fatalf("%q: %v", m, diags)
		}
		d, err := doc.FromMarkdown(outs[0].Data)
		if err != nil {
			t.Fatalf("%q: %v", m, err)
		}
		var kinds []string
		for _, bl := range d.Blocks {
			kinds = append(kinds, bl.Kind.String())
		}
		want := "Title Paragraph Heading1 Heading2 Paragraph Heading2 Paragraph Paragraph Signature"
		if got := strings.Join(kinds, " "); got != want {
			t.Fatalf("%q: blocks %s, want %s:\n%s", m, got, want, dumpBlocks(d))
		}
		// A clerk's paragraph is closed with its full stop.
		if got, w := squash(d.Blocks[4].Text), squash(prose.Sentence("第一行"+strings.TrimSpace(m)+"末行")); got != w {
			t.Errorf("%q: paragraph %q, want %q", m, got, w)
		}
		if got, w := d.Blocks[7].Text, prose.Sentence(strings.TrimSpace(m)); got != w {
			t.Errorf("%q: second paragraph %q, want %q", m, got, w)
		}
	}
}

const minimalSheet = `[document]
title = "主题党日活动工作总结"
unit = "第一党支部"
self = "我支部"
task = "主题党日活动"
date = 2026-11-20
`
