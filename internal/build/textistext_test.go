package build

import (
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/html"
	"github.com/zongjie/zongjie/internal/pdftext"
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

// TestLineBreaksSameInHTMLAndPDF reproduces issue 13: the text
// "alpha⏎<beta⏎gamma⏎$delta" read "alpha<beta" and "gamma$delta" in the
// HTML but "alpha <beta gamma $delta" in the PDF. A line break in a text
// reads as a space, or not, the same in both.
func TestLineBreaksSameInHTMLAndPDF(t *testing.T) {
	b := testBuilder(t)
	for text, want := range map[string]string{
		// Escaped in the Markdown: goldmark saw the backslash.
		"alpha\n<beta\ngamma\n$delta": "alpha <beta gamma $delta",
		"10\n|20\n~30":                "10 |20 ~30",
		// CSS Text 3, as doc.breakIsSpace has it: no space after or before
		// punctuation, or between a hanzi and anything.
		"alpha\n*beta*\n&gamma": "alpha*beta*&gamma",
		"甲乙\n<丙>\n丁":            "甲乙<丙>丁",
		"第一行\nsecond\n第三行":      "第一行second第三行",
		"A & B\n[x](y)\n\\end":  "A & B[x](y)\\end",
	} {
		page, pdf := multilineOuts(t, b, text, true)
		if !slices.ContainsFunc(page, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("%q: the HTML reads %q, want a paragraph %q", text, page, want)
		}
		if !strings.Contains(pdf, want) {
			t.Errorf("%q: the PDF reads %q, want %q", text, pdf, want)
		}
	}
}

// multilineOuts builds a sheet whose one method's text is text, checks that
// the HTML reads as the block model, and returns the HTML's texts and, with
// withPDF, the PDF's text with line ends dropped.
func multilineOuts(t *testing.T, b *Builder, text string, withPDF bool) (page []string, pdf string) {
	t.Helper()
	src := []byte(minimalSheet + "\n[[methods]]\nname = \"集中学习\"\ntext = " + tomlString(text) + "\n")
	s, diags := sheet.Decode("f.toml", src)
	if s == nil || check.Sheet(s).HasErrors() {
		return nil, "" // refused, with a message
	}
	formats := []Format{Markdown, HTML}
	if withPDF {
		formats = append(formats, PDF)
	}
	outs, diags := b.Render(s, src, formats)
	if diags != nil {
		if !missingGlyph.MatchString(diags[0].Message) {
			t.Fatalf("%q: %v", text, diags)
		}
		return nil, ""
	}
	d, err := doc.FromMarkdown(outs[0].Data)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	page = html.Texts(outs[1].Data)
	if want := html.ModelTexts(d); !slices.Equal(page, want) {
		t.Fatalf("%q: the page reads\n%q\nthe block model (and so the PDF)\n%q", text, page, want)
	}
	if withPDF {
		got, err := pdftext.Text(outs[2].Data)
		if err != nil {
			t.Fatal(err)
		}
		pdf = strings.ReplaceAll(got, "\n", "")
	}
	return page, pdf
}
