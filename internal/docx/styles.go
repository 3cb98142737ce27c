package docx

import (
	"fmt"
	"strings"
)

// Font names as Windows and WPS machines have them. The GB2312 faces are
// what GB/T 9704 documents name; machines without them have 仿宋 and 楷体,
// which fontTable.xml declares as their alternates.
const (
	fontTitle    = "方正小标宋简体"
	fontHeading1 = "黑体"
	fontHeading2 = "楷体_GB2312"
	fontBody     = "仿宋_GB2312"
	fontFolio    = "宋体"
)

// A style is a named paragraph style. The names are what a clerk sees in
// the style gallery and what tests read back.
type style struct {
	id, name string
	font     string
	sz       int    // half-points; 0: the Normal style's
	pPr      string // paragraph properties
	rPr      string // run properties beyond font and size
}

// oneLine is a spacing of one grid line after a paragraph, in twips and in Word's line units.
var oneLine = fmt.Sprintf(`w:before="0" w:after="%d" w:afterLines="100"`, linePitch)

// indent2 is the 2-character first-line indent of body text and headings.
var indent2 = fmt.Sprintf(`<w:ind w:firstLine="%d" w:firstLineChars="200"/>`, cells(2))

// right2 puts a line's end 2 characters from the right edge.
var right2 = fmt.Sprintf(`<w:ind w:right="%d" w:rightChars="200"/>`, cells(2))

var (
	styleTitle = style{"ZJTitle", "标题", fontTitle, titleSz,
		`<w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/><w:spacing ` + oneLine + ` w:line="660" w:lineRule="exact"/><w:jc w:val="center"/>`,
		offGrid}
	styleSubtitle = style{"ZJSubtitle", "副标题", fontHeading2, 0,
		`<w:keepNext/><w:keepLines/><w:spacing ` + oneLine + `/><w:jc w:val="center"/>`, ""}
	styleHeading1 = style{"ZJHeading1", "一级标题", fontHeading1, 0,
		`<w:keepNext/><w:keepLines/>` + indent2 + `<w:jc w:val="both"/><w:outlineLvl w:val="0"/>`, ""}
	styleHeading2 = style{"ZJHeading2", "二级标题", fontHeading2, 0,
		`<w:keepNext/><w:keepLines/>` + indent2 + `<w:jc w:val="both"/><w:outlineLvl w:val="1"/>`, ""}
	styleHeading3 = style{"ZJHeading3", "三级标题", fontBody, 0,
		`<w:keepNext/><w:keepLines/>` + indent2 + `<w:jc w:val="both"/><w:outlineLvl w:val="2"/>`, ""}
	styleBody = style{"ZJBody", "正文", fontBody, 0,
		`<w:widowControl/>` + indent2 + `<w:jc w:val="both"/>`, ""}
	// The unit's name: one blank line above, 2 characters from the right
	// edge, kept with the date. The signature is set off the character
	// grid, at the grid's line pitch: its places are measured in the body
	// face's widths, as in the PDF, which a grid would round to whole cells.
	styleSignature = style{"ZJSignature", "落款", fontBody, 0,
		fmt.Sprintf(`<w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/><w:spacing w:before="%d" w:beforeLines="100" w:line="%d" w:lineRule="exact"/>`, linePitch, linePitch) +
			right2 + `<w:jc w:val="right"/>`, offGrid}
	styleDate = style{"ZJDate", "成文日期", fontBody, 0,
		fmt.Sprintf(`<w:keepLines/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:beforeLines="0" w:line="%d" w:lineRule="exact"/>`, linePitch) +
			right2 + `<w:jc w:val="right"/>`, offGrid}
	// Tables: the caption centred in 黑体 and kept with the table; cells
	// without the first-line indent, on the grid; header cells centred.
	styleCaption = style{"ZJCaption", "表题", fontHeading1, 0,
		`<w:keepNext/><w:keepLines/><w:jc w:val="center"/>`, ""}
	styleTableHead = style{"ZJTableHead", "表头", fontHeading1, 0,
		`<w:keepNext/><w:jc w:val="center"/>`, ""}
	styleTableText = style{"ZJTableText", "表格", fontBody, 0,
		`<w:jc w:val="left"/>`, ""}
	// The parts of a 报告.
	styleRecipient = style{"ZJRecipient", "主送机关", fontBody, 0,
		`<w:keepNext/><w:jc w:val="both"/>`, ""}
	styleAttachments = style{"ZJAttachments", "附件说明", fontBody, 0,
		fmt.Sprintf(`<w:keepNext/><w:keepLines/><w:contextualSpacing/><w:spacing w:before="%d" w:beforeLines="100"/><w:jc w:val="both"/>`, linePitch), ""}
	styleImprint = style{"ZJImprint", "版记", fontBody, folioSz,
		`<w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:jc w:val="left"/>`, offGrid}
	styleFolio = style{"ZJFolio", "页码", fontFolio, folioSz,
		`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="280" w:lineRule="exact"/>`, offGrid}
)

// offGrid keeps the title and the folio at full width: they are set off
// the character grid, so the narrowing of scale would show.
const offGrid = `<w:w w:val="100"/>`

// paragraphStyles lists the styles in the order styles.xml holds them.
var paragraphStyles = []style{styleBody, styleTitle, styleSubtitle, styleHeading1, styleHeading2,
	styleHeading3, styleSignature, styleDate, styleCaption, styleTableHead, styleTableText,
	styleRecipient, styleAttachments, styleImprint, styleFolio}

func rFonts(name string) string {
	return fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s" w:hint="eastAsia"/>`, name)
}

// scale narrows every character to 98 %: 16 pt characters then advance
// 15.68 pt and fit the grid's 15.79 pt cell (28 to the 156 mm line). Word
// shrinks a wider character to its cell by itself; LibreOffice instead
// gives it two cells, which leaves 14 characters a line. The grid spaces
// the characters to their cells, so the look is Word's.
const scale = 98

func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	// Defaults: 三号 仿宋, Chinese, widow control, single spacing on the
	// document grid (one grid line a line), no punctuation hanging past the
	// right edge (the PDF squeezes the line instead), no extra space between
	// hanzi and Latin letters or digits (the PDF's LatinGap is 0).
	fmt.Fprintf(&b, `<w:docDefaults><w:rPrDefault><w:rPr>%s<w:w w:val="%d"/><w:kern w:val="2"/><w:sz w:val="%d"/><w:szCs w:val="%d"/>`+
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`+
		`<w:pPrDefault><w:pPr><w:widowControl/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`,
		rFonts(fontBody), scale, bodySz, bodySz)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:widowControl/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	for i, s := range paragraphStyles {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/>`, s.id, s.name)
		if next := nextStyle(s); next != "" {
			fmt.Fprintf(&b, `<w:next w:val="%s"/>`, next)
		}
		fmt.Fprintf(&b, `<w:uiPriority w:val="%d"/><w:qFormat/><w:pPr>%s</w:pPr><w:rPr>%s%s`, i+1, s.pPr, rFonts(s.font), s.rPr)
		if s.sz != 0 {
			fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, s.sz, s.sz)
		}
		b.WriteString(`</w:rPr></w:style>`)
	}
	b.WriteString(`</w:styles>`)
	return b.String()
}

// nextStyle is the style Word gives the paragraph a clerk starts after one
// of s: after a heading or the title, body text.
func nextStyle(s style) string {
	switch s.id {
	case styleSignature.id:
		return styleDate.id
	case styleFolio.id:
		return ""
	}
	return styleBody.id
}

// faces lists the fonts the styles name and their declared alternates.
// PANOSE and the GB2312 charset let Word and WPS substitute a similar face
// when neither is installed.
var faces = []struct{ name, alt, panose, family, pitch string }{
	{fontBody, "仿宋", "02010609030101010101", "modern", "fixed"},
	{"仿宋", "FangSong", "02010609060101010101", "modern", "fixed"},
	{fontHeading2, "楷体", "02010609030101010101", "modern", "fixed"},
	{"楷体", "KaiTi", "02010609060101010101", "modern", "fixed"},
	{fontHeading1, "SimHei", "02010609060101010101", "modern", "fixed"},
	{fontTitle, "宋体", "02000000000000000000", "auto", "variable"},
	{fontFolio, "SimSun", "02010600030101010101", "auto", "variable"},
}

func fontTableXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	for _, f := range faces {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="%s"/><w:panose1 w:val="%s"/><w:charset w:val="86"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`,
			f.name, f.alt, f.panose, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}
