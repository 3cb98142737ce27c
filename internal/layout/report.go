package layout

import (
	"regexp"
	"strings"

	"github.com/zongjie/zongjie/internal/doc"
)

// The parts of a 报告, GB/T 9704-2012:
//   - 主送机关 (§7.3.2): under the title, flush left, wrapped lines flush
//     left too; set like a paragraph without its indent.
//   - 附件说明 (§7.3.4): one blank line under the body, 2 characters in:
//     附件：1. name; the next names' numbers align with the first's, and a
//     wrapped name with its own first character.
//   - 版记 (§7.4): at the foot of the last page, in 四号: 抄送 one character
//     in from each side, a wrapped list aligned after 抄送：; the 印发机关
//     one character in from the left and the 印发日期 one character in from
//     the right on the last grid line. A thick rule above the first element
//     and one on the text block's bottom edge, a thin one between 抄送 and
//     印发.

// Rule widths of the 版记: 0.35 mm and 0.25 mm, as the standard recommends.
const (
	ThickRule = 0.35 * mm
	ThinRule  = 0.25 * mm
)

func (l *layouter) recipient(bi int, b *doc.Block, role int, size float64, out *blockOut) error {
	o := &l.opt
	if err := l.build(strings.Join(multiLines(b), ""), role, size, bi, 0); err != nil {
		return err
	}
	l.greedy(o.TextWidth, o.TextWidth)
	out.lines = l.justified(bi, b.Kind, size, o.MarginLeft, o.MarginLeft, nil)
	return nil
}

// justified turns l.segs into lines from x0 (the first) and x1 (the rest)
// to the right edge, every line but the last justified.
func (l *layouter) justified(bi int, k doc.Kind, size, x0, x1 float64, lines []Line) []Line {
	o := &l.opt
	right := o.MarginLeft + o.TextWidth
	for i, sg := range l.segs {
		x := x1
		if i == 0 {
			x = x0
		}
		avail := right - x
		w := l.squeeze(sg, avail)
		spacing := 0.0
		if i < len(l.segs)-1 && sg.t-sg.s > 1 {
			spacing = (avail - w) / float64(sg.t-sg.s-1)
		}
		lines = append(lines, Line{Kind: k, Block: bi, Runs: l.place(sg, x, spacing, size)})
	}
	return lines
}

// attachmentPrefix splits 附件：1. name into its label and number.
var attachmentPrefix = regexp.MustCompile(`^(附件：)?(\d+\.\s*)?`)

// prefixWidth is the natural width of s in the block's face.
func (l *layouter) prefixWidth(s string, role int, size float64, bi int) (float64, error) {
	if s == "" {
		return 0, nil
	}
	if err := l.build(s, role, size, bi, 0); err != nil {
		return 0, err
	}
	return l.width(0, len(l.it)), nil
}

func (l *layouter) attachments(bi int, b *doc.Block, role int, size float64, out *blockOut) error {
	o := &l.opt
	texts := multiLines(b)
	if len(texts) == 0 {
		return nil
	}
	m := attachmentPrefix.FindStringSubmatch(texts[0])
	label, err := l.prefixWidth(m[1], role, size, bi)
	if err != nil {
		return err
	}
	base := o.MarginLeft + o.Indent*size // where 附件 starts
	for li, text := range texts {
		m := attachmentPrefix.FindStringSubmatch(text)
		num, err := l.prefixWidth(m[2], role, size, bi)
		if err != nil {
			return err
		}
		x0 := base
		if li > 0 {
			x0 += label
		}
		x1 := base + label + num
		if err := l.build(text, role, size, bi, li); err != nil {
			return err
		}
		right := o.MarginLeft + o.TextWidth
		l.greedy(right-x0, right-x1)
		out.lines = l.justified(bi, b.Kind, size, x0, x1, out.lines)
	}
	return nil
}

// imprintOut is a 版记 set into lines: rows counts its grid lines, sep is
// the index of the line the thin rule goes above (-1: none).
type imprintOut struct {
	rows int
	sep  int
}

func (l *layouter) imprint(bi int, b *doc.Block, role int, size float64, out *blockOut) error {
	o := &l.opt
	left, right := o.MarginLeft+size, o.MarginLeft+o.TextWidth-size
	out.imprint = &imprintOut{sep: -1}
	var issuer, date string
	for _, text := range multiLines(b) {
		switch {
		case strings.HasPrefix(text, "抄送："):
			label, err := l.prefixWidth("抄送：", role, size, bi)
			if err != nil {
				return err
			}
			if err := l.build(text, role, size, bi, 0); err != nil {
				return err
			}
			l.greedy(right-left, right-left-label)
			for i, sg := range l.segs {
				x := left
				if i > 0 {
					x += label
				}
				w := l.squeeze(sg, right-x)
				spacing := 0.0
				if i < len(l.segs)-1 && sg.t-sg.s > 1 {
					spacing = (right - x - w) / float64(sg.t-sg.s-1)
				}
				out.lines = append(out.lines, Line{Kind: doc.Imprint, Block: bi, Runs: l.place(sg, x, spacing, size)})
			}
		case strings.HasSuffix(text, "印发"):
			date = text
		default:
			issuer = text
		}
	}
	if issuer == "" && date == "" {
		out.imprint.rows = len(out.lines)
		return nil
	}
	if len(out.lines) > 0 {
		out.imprint.sep = len(out.lines)
	}
	var runs []Run
	for _, part := range []struct {
		text  string
		right bool
	}{{issuer, false}, {date, true}} {
		if part.text == "" {
			continue
		}
		if err := l.build(part.text, role, size, bi, 0); err != nil {
			return err
		}
		n := len(l.it)
		sg := seg{0, l.trim(0, n), n}
		w := l.squeeze(sg, right-left)
		x := left
		if part.right {
			x = right - w
		}
		runs = append(runs, l.place(sg, x, 0, size)...)
	}
	out.lines = append(out.lines, Line{Kind: doc.Imprint, Block: bi, Runs: runs})
	out.imprint.rows = len(out.lines)
	return nil
}

// imprint places the 版记 on the last grid lines of the page, or of a new
// page when the text leaves no room for it, with its rules.
func (p *pager) imprint(b *blockOut) {
	o := p.opt
	n := o.LinesPerPage
	rows := b.imprint.rows
	if rows == 0 {
		return
	}
	if p.g > 0 && p.g+1+rows > n { // one blank line at least above it
		p.newPage()
	}
	p.g = max(p.g, n-rows)
	g0 := p.g
	pg := &p.pages[len(p.pages)-1]
	p.grid(b.lines, b.ascent)
	half := (o.GridPitch - o.BodySize) / 2
	left, right := o.MarginLeft, o.MarginLeft+o.TextWidth
	top := o.MarginTop + float64(g0)*o.GridPitch - half
	pg = &p.pages[len(p.pages)-1]
	pg.Rules = append(pg.Rules, Rule{X1: left, Y1: top, X2: right, Y2: top, Width: ThickRule, Block: -1})
	if s := b.imprint.sep; s >= 0 {
		y := o.MarginTop + float64(g0+s)*o.GridPitch - half
		pg.Rules = append(pg.Rules, Rule{X1: left, Y1: y, X2: right, Y2: y, Width: ThinRule, Block: -1})
	}
	bottom := o.MarginTop + o.TextHeight
	pg.Rules = append(pg.Rules, Rule{X1: left, Y1: bottom, X2: right, Y2: bottom, Width: ThickRule, Block: -1})
}
