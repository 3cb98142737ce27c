package compose

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// The parts of a 报告 (GB/T 9704 §7.3.2, §7.3.4, §7.4), written as fenced
// divs so that the PDF and DOCX writers place them and Markdown and HTML
// show them as plain paragraphs:
//
//	::: to
//	县委创先争优活动领导小组：
//	:::
//
//	::: attachments
//	附件：1. 各支部点评情况统计表
//
//	2\. 领导点评工作方案
//	:::
//
//	::: imprint
//	抄送：县委组织部，县直机关工委。
//
//	县规划局办公室
//
//	2011年1月21日印发
//	:::
//
// Strings are escaped already (the view's).

// recipientMarkdown is the 主送机关 line, after the title.
func recipientMarkdown(d sheet.Document) string {
	to := strings.TrimSpace(d.To)
	if to == "" {
		return ""
	}
	to = strings.TrimRight(to, "：:")
	return "::: to\n" + to + "：\n:::"
}

// attachmentsMarkdown is the 附件说明 under the body: 附件：name for one,
// 附件：1. name, 2. name … for several.
func attachmentsMarkdown(d sheet.Document) string {
	var names []string
	for _, a := range d.Attachments {
		if a = strings.TrimSpace(strings.ReplaceAll(a, "\n", "")); a != "" {
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("::: attachments\n")
	for i, n := range names {
		if i > 0 {
			b.WriteString("\n\n")
		}
		switch {
		case len(names) == 1:
			b.WriteString("附件：" + n)
		case i == 0:
			b.WriteString("附件：1. " + n)
		default:
			// "2. " at a line's start would be a list.
			b.WriteString(strconv.Itoa(i+1) + `\. ` + n)
		}
	}
	b.WriteString("\n:::")
	return b.String()
}

// imprintMarkdown is the 版记: 抄送 and the 印发机关 and 印发日期.
func imprintMarkdown(d sheet.Document) string {
	var cc []string
	for _, c := range d.CC {
		if c = strings.TrimSpace(c); c != "" {
			cc = append(cc, c)
		}
	}
	by := strings.TrimSpace(d.IssuedBy)
	if len(cc) == 0 && by == "" && d.IssuedOn == nil {
		return ""
	}
	var parts []string
	if len(cc) > 0 {
		parts = append(parts, "抄送："+strings.Join(cc, "，")+"。")
	}
	if by != "" {
		parts = append(parts, by)
	}
	if d.IssuedOn != nil {
		parts = append(parts, prose.FullDate(*d.IssuedOn)+"印发")
	}
	return "::: imprint\n" + strings.Join(parts, "\n\n") + "\n:::"
}

// writePart adds a part, if any, as its own block.
func writePart(b *bytes.Buffer, md string) {
	if md != "" {
		b.WriteString(md + "\n\n")
	}
}
