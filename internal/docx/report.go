package docx

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/zongjie/zongjie/internal/doc"
)

// The parts of a 报告 (GB/T 9704): 主送机关 flush left under the title;
// 附件说明 under the body, 2 characters in, the numbers aligned; the 版记
// in a frame at the foot of the page, 四号, with its rules as paragraph
// borders.

var attachmentPrefix = regexp.MustCompile(`^(附件：)?(\d+\.\s*)?`)

func attachments(b *strings.Builder, blk doc.Block, o Options) {
	texts := lineTexts(blk)
	label := o.width(attachmentPrefix.FindStringSubmatch(texts[0])[1])
	for i, t := range texts {
		num := o.width(attachmentPrefix.FindStringSubmatch(t)[2])
		hang := num
		if i == 0 {
			hang += label
		}
		left := 2 + label + num
		ind := fmt.Sprintf(`<w:ind w:left="%d" w:leftChars="%d" w:hanging="%d" w:hangingChars="%d"/>`,
			cells(left), int(left*100+0.5), cells(hang), int(hang*100+0.5))
		para(b, styleAttachments.id, ind, t)
	}
}

// Rules: 0.35 mm thick (w:sz is in eighths of a point: 8 = 1 pt ≈ 0.35 mm),
// 0.25 mm thin (6 = 0.75 pt).
const (
	thickBorder = `w:val="single" w:sz="8" w:space="0" w:color="000000"`
	thinBorder  = `w:val="single" w:sz="6" w:space="0" w:color="000000"`
)

// imprint writes the 版记 as a one-column table the width of the text
// block, floated to the bottom of the text block (Word; LibreOffice sets
// it in the flow after the signature), its rules the table's borders: thick
// above and below, thin between 抄送 and 印发.
func imprint(b *strings.Builder, blk doc.Block) {
	var cc, issuer, date string
	for _, t := range lineTexts(blk) {
		switch {
		case strings.HasPrefix(t, "抄送："):
			cc = t
		case strings.HasSuffix(t, "印发"):
			date = t
		default:
			issuer = t
		}
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="%d" w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/>`+
		`<w:tblW w:w="%d" w:type="dxa"/><w:tblBorders><w:top %s/><w:bottom %s/><w:insideH %s/></w:tblBorders>`+
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`+
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, linePitch, textW, thickBorder, thickBorder, thinBorder, textW)
	cell := func(pPr, runs string) {
		fmt.Fprintf(b, `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="%s"/>%s</w:pPr>%s</w:p></w:tc></w:tr>`,
			textW, styleImprint.id, pPr, runs)
	}
	run := func(s string) string { return `<w:r><w:t xml:space="preserve">` + esc(s) + `</w:t></w:r>` }
	if cc != "" {
		// One character (四号) in from each side; a wrapped list aligns
		// after 抄送：.
		cell(`<w:ind w:left="1120" w:right="280" w:hanging="840"/>`, run(cc))
	}
	if issuer != "" || date != "" {
		// The 印发机关 one character in from the left, the date one
		// character in from the right, at a right tab.
		cell(fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:ind w:left="280" w:right="280"/>`, textW-280),
			run(issuer)+`<w:r><w:tab/></w:r>`+run(date))
	}
	// A floating table is anchored to the paragraph after it: without one
	// LibreOffice drops the table, and Word adds one.
	b.WriteString(`</w:tbl>`)
	para(b, styleImprint.id, "", "")
}
