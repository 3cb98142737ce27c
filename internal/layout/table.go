package layout

import (
	"math"
	"slices"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

// Tables are set as office documents print them: a caption centred in the
// heading-1 face, then a ruled grid spanning the text block. Every text
// line of a cell sits on a grid line, so a row is a whole number of grid
// lines and the body text resumes on the grid below the table; the rules
// run midway between grid lines. Header cells are centred in the heading-1
// face; body cells follow their column's alignment (numbers right). Cell
// text wraps under the same line-breaking rules as the body.

// cellPad is the space between a rule and a cell's text, in em.
const cellPad = 0.25

// RuleWidth is the width of a table's rules, in pt.
const RuleWidth = 0.75

// tableOut is a table set into rows, before pagination.
type tableOut struct {
	caption []Line
	header  tableRow
	rows    []tableRow
	// cols are the x of the column boundaries, left to right: len(cols)
	// is the number of columns plus one.
	cols  []float64
	block int
}

// tableRow is one row: its cells' lines, each with its row-relative grid
// line in Grid, and its height in grid lines.
type tableRow struct {
	lines  []Line
	height int
}

func (l *layouter) table(bi int, b *doc.Block, out *blockOut) error {
	o := &l.opt
	size := o.BodySize
	t := b.Table
	out.table = &tableOut{block: bi}
	head := roleIndex(font.RoleHeading1)
	body := roleIndex(font.RoleBody)
	if b.Text != "" {
		if err := l.build(b.Text, head, size, bi, 0); err != nil {
			return err
		}
		l.greedy(o.TextWidth, o.TextWidth)
		out.table.caption = l.centred(bi, doc.Table, size, nil)
		for i := range out.table.caption {
			out.table.caption[i].Row = -1
		}
	}
	n := len(t.Align)
	if n == 0 {
		return nil
	}
	// Natural widths: the widest cell of each column, unbroken.
	pad := cellPad * size
	nat := make([]float64, n)
	measure := func(text string, role, c int) error {
		if err := l.build(text, role, size, bi, 0); err != nil {
			return err
		}
		k := len(l.it)
		nat[c] = math.Max(nat[c], l.width(0, l.trim(0, k))+2*pad)
		return nil
	}
	for c, h := range t.Header {
		if err := measure(h, head, c); err != nil {
			return err
		}
	}
	for _, r := range t.Rows {
		for c, v := range r {
			if err := measure(v, body, c); err != nil {
				return err
			}
		}
	}
	w := ColumnWidths(nat, t.Align, o.TextWidth, size+2*pad)
	cols := make([]float64, n+1)
	cols[0] = o.MarginLeft
	for c := range n {
		cols[c+1] = cols[c] + w[c]
	}
	cols[n] = o.MarginLeft + o.TextWidth // no rounding gap at the right edge
	out.table.cols = cols
	var err error
	if out.table.header, err = l.tableRow(bi, 0, t.Header, nil, head, cols); err != nil {
		return err
	}
	for i, r := range t.Rows {
		row, err := l.tableRow(bi, i+1, r, t.Align, body, cols)
		if err != nil {
			return err
		}
		out.table.rows = append(out.table.rows, row)
	}
	return nil
}

// ColumnWidths shares the text width among the columns, given their
// natural widths (any unit; the DOCX writer shares its grid the same way). Columns that fit
// at their natural widths are widened in proportion to fill the line.
// Otherwise right-aligned (number) columns keep their natural width, and
// the others share the rest: narrow ones keep their natural width too, as
// long as each column still gets its fair share, and the widest wrap; none
// is narrower than minW. When even that does not fit, every column is
// shared in proportion.
func ColumnWidths(nat []float64, align []doc.Align, total, minW float64) []float64 {
	w := columnWidths(nat, align, total, minW)
	// No column narrower than minW while the line holds them all so:
	// the narrow ones are lifted, at the expense of the wider ones.
	n := float64(len(w))
	if n*minW > total {
		for c := range w {
			w[c] = total / n
		}
		return w
	}
	deficit, excess := 0.0, 0.0
	for c := range w {
		if w[c] < minW {
			deficit += minW - w[c]
			w[c] = minW
		} else {
			excess += w[c] - minW
		}
	}
	if deficit > 0 && excess > 0 {
		for c := range w {
			if w[c] > minW {
				w[c] -= (w[c] - minW) / excess * deficit
			}
		}
	}
	return w
}

func columnWidths(nat []float64, align []doc.Align, total, minW float64) []float64 {
	w := make([]float64, len(nat))
	sum := 0.0
	for _, x := range nat {
		sum += x
	}
	if sum == 0 {
		for c := range w {
			w[c] = total / float64(len(w))
		}
		return w
	}
	if sum <= total {
		for c := range w {
			w[c] = total * nat[c] / sum
		}
		return w
	}
	var flex []int
	fixed := 0.0
	for c, a := range align {
		if a == doc.AlignRight {
			w[c] = nat[c]
			fixed += nat[c]
		} else {
			flex = append(flex, c)
		}
	}
	if len(flex) == 0 || total-fixed < minW*float64(len(flex)) {
		for c := range w {
			w[c] = total * nat[c] / sum
		}
		return w
	}
	// Water-filling: the narrowest first, each up to its natural width or
	// an equal share of what is left.
	slices.SortStableFunc(flex, func(a, b int) int { return cmpFloat(nat[a], nat[b]) })
	left := total - fixed
	for i, c := range flex {
		share := left / float64(len(flex)-i)
		w[c] = math.Max(minW, math.Min(nat[c], share))
		left -= w[c]
	}
	return w
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// tableRow sets one row's cells; align nil centres every cell (header).
func (l *layouter) tableRow(bi, row int, cells []string, align []doc.Align, role int, cols []float64) (tableRow, error) {
	size := l.opt.BodySize
	pad := cellPad * size
	r := tableRow{height: 1}
	for c, text := range cells {
		if err := l.build(text, role, size, bi, 0); err != nil {
			return r, err
		}
		if len(l.it) == 0 {
			continue
		}
		inner := cols[c+1] - cols[c] - 2*pad
		l.greedy(inner, inner)
		r.height = max(r.height, len(l.segs))
		for k, sg := range l.segs {
			w := l.squeeze(sg, inner)
			x := cols[c] + pad
			switch {
			case align == nil || align[c] == doc.AlignCenter:
				x = cols[c] + (cols[c+1]-cols[c]-w)/2
			case align[c] == doc.AlignRight:
				x = cols[c+1] - pad - w
			}
			// A glyph wider than a very narrow column overflows at the
			// right, never at the left.
			x = max(x, cols[c]+pad)
			r.lines = append(r.lines, Line{Kind: doc.Table, Block: bi, Row: row, Col: c, Grid: k, Runs: l.place(sg, x, 0, size)})
		}
	}
	return r, nil
}

// headLines is how many grid lines the caption, the header and the first
// row take: what must fit together where the table starts.
func (t *tableOut) headLines() int {
	n := len(t.caption) + t.header.height
	if len(t.rows) > 0 {
		n += t.rows[0].height
	}
	return n
}

// table places a table: the caption, header and first row together; a row
// that does not fit goes to the next page, which repeats the header; a row
// taller than a page is split where the page ends.
func (p *pager) table(b *blockOut) {
	t := b.table
	n := p.opt.LinesPerPage
	if p.g > 0 && p.g+t.headLines() > n {
		p.newPage()
	}
	p.grid(t.caption, b.ascent)
	if len(t.cols) == 0 {
		return
	}
	// A header taller than a page is not repeated: it could never be
	// followed by a row.
	repeat := t.header.height < n
	var header func()
	// split places a row, going on overleaf where the page ends (a row
	// taller than a page, a header too); overleaf repeats the header.
	split := func(r tableRow, isHeader bool) {
		for from := 0; from < r.height; {
			if p.g >= n {
				p.newPage()
				if repeat && !isHeader {
					header()
				}
			}
			to := min(r.height, from+n-p.g)
			p.row(t, r, from, to, b.ascent)
			from = to
		}
	}
	header = func() {
		if p.g > 0 && p.g+t.header.height > n {
			p.newPage()
		}
		split(t.header, true)
	}
	header()
	for _, r := range t.rows {
		if p.g+r.height > n && (t.header.height+r.height <= n || !repeat) {
			p.newPage()
			if repeat {
				header()
			}
		}
		split(r, false)
	}
}

// row places the row's grid lines [from, to) from the current grid line
// and rules them.
func (p *pager) row(t *tableOut, r tableRow, from, to int, ascent float64) {
	o := p.opt
	g0 := p.g
	pg := &p.pages[len(p.pages)-1]
	for _, ln := range r.lines {
		if ln.Grid < from || ln.Grid >= to {
			continue
		}
		ln.Grid = g0 + ln.Grid - from
		// A repeated header must not move the runs of its earlier copy.
		ln.Runs = slices.Clone(ln.Runs)
		ln.setY(o.MarginTop+float64(ln.Grid)*o.GridPitch, ascent)
		pg.Lines = append(pg.Lines, ln)
	}
	p.g += to - from
	half := (o.GridPitch - o.BodySize) / 2
	top := o.MarginTop + float64(g0)*o.GridPitch - half
	bottom := o.MarginTop + float64(p.g)*o.GridPitch - half
	left, right := t.cols[0], t.cols[len(t.cols)-1]
	// A row under a row shares its top rule with the other's bottom.
	topRule := Rule{X1: left, Y1: top, X2: right, Y2: top, Width: RuleWidth, Block: t.block}
	if n := len(pg.Rules); n < len(t.cols)+1 || pg.Rules[n-len(t.cols)-1] != topRule {
		pg.Rules = append(pg.Rules, topRule)
	}
	pg.Rules = append(pg.Rules, Rule{X1: left, Y1: bottom, X2: right, Y2: bottom, Width: RuleWidth, Block: t.block})
	for _, x := range t.cols {
		pg.Rules = append(pg.Rules, Rule{X1: x, Y1: top, X2: x, Y2: bottom, Width: RuleWidth, Block: t.block})
	}
}
