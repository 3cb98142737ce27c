package docx

import (
	"fmt"
	"math"
	"strings"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/layout"
)

// table writes a caption paragraph and a w:tbl: single rules all round as
// in the PDF, a header row that Word repeats on every page the table
// crosses, rows that do not split across pages, numbers right-aligned.
func table(b *strings.Builder, blk doc.Block, o Options) {
	t := blk.Table
	if blk.Text != "" {
		para(b, styleCaption.id, "", blk.Text)
	}
	n := len(t.Align)
	if n == 0 {
		return
	}
	widths := columnTwips(t, o)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>` +
		`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="6" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:left w:w="79" w:type="dxa"/><w:right w:w="79" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for c, text := range cells {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[c])
			style, extra := styleTableText.id, ""
			switch {
			case header:
				style = styleTableHead.id
			case t.Align[c] == doc.AlignRight:
				extra = `<w:jc w:val="right"/>`
			case t.Align[c] == doc.AlignCenter:
				extra = `<w:jc w:val="center"/>`
			}
			para(b, style, extra, text)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	row(t.Header, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}

// columnTwips shares the text width among the columns as the PDF does
// (layout.ColumnWidths), in characters of the grid.
func columnTwips(t *doc.TableData, o Options) []int {
	n := len(t.Align)
	nat := make([]float64, n) // in characters, with the cell margins
	for c := range n {
		nat[c] = o.width(t.Header[c])
		for _, r := range t.Rows {
			nat[c] = math.Max(nat[c], o.width(r[c]))
		}
		nat[c] += 1 // the cell margins, and room for the grid
	}
	total := float64(chars)
	w := layout.ColumnWidths(nat, t.Align, total, 1.5)
	out := make([]int, n)
	used := 0
	for c := range n {
		out[c] = int(w[c] / total * textW)
		used += out[c]
	}
	out[n-1] += textW - used // the table spans the text block exactly
	return out
}
