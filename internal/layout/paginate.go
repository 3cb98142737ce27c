package layout

import (
	"math"

	"github.com/zongjie/zongjie/internal/doc"
)

// pager places set lines on the grid of successive pages.
type pager struct {
	opt   *Options
	pages []Page
	g     int // next free grid line on the last page
}

func paginate(opt Options, blocks []blockOut) []Page {
	p := &pager{opt: &opt}
	p.newPage()
	n := opt.LinesPerPage
	for bi := range blocks {
		b := &blocks[bi]
		if b.table != nil {
			p.table(b)
			continue
		}
		if b.imprint != nil {
			p.imprint(b)
			continue
		}
		if len(b.lines) == 0 {
			continue
		}
		switch b.kind {
		case doc.Title:
			p.title(blocks, bi)
		case doc.Subtitle:
			if p.g > 0 && p.g+len(b.lines) > n {
				p.newPage()
			}
			p.grid(b.lines, b.ascent)
			p.g++ // one blank grid line before the body
		case doc.Signature:
			// One blank line after the body; the lines stay together, and
			// a signature moved to a new page drops the blank line.
			if p.g > 0 {
				if p.g+1+len(b.lines) > n {
					// A signature alone on a page reads as a forgery risk
					// in an unsealed document: take the last two lines of
					// the text with it when the paragraph can spare them.
					moved := p.pullBack(2)
					p.newPage()
					for _, ln := range moved {
						p.grid([]Line{ln}, ln.Baseline-ln.Top)
					}
					if len(moved) > 0 {
						p.g++
					}
				} else {
					p.g++
				}
			}
			p.grid(b.lines, b.ascent)
		case doc.Attachments:
			// One blank line after the body; the list stays together.
			if p.g > 0 {
				p.g++
				if p.g+len(b.lines) > n {
					p.newPage()
				}
			}
			p.grid(b.lines, b.ascent)
		case doc.Heading1, doc.Heading2, doc.Heading3:
			if p.g > 0 && !keepWithNext(blocks, bi, n-p.g) {
				p.newPage()
			}
			p.grid(b.lines, b.ascent)
		default:
			p.paragraph(b)
		}
	}
	return p.pages
}

func (p *pager) newPage() {
	p.pages = append(p.pages, Page{Number: len(p.pages) + 1})
	p.g = 0
}

// pullBack removes the last k lines of the current page when they end a
// paragraph that keeps at least two lines on the page, and returns them.
func (p *pager) pullBack(k int) []Line {
	pg := &p.pages[len(p.pages)-1]
	n := len(pg.Lines)
	if n == 0 || pg.Lines[n-1].Kind != doc.Paragraph || pg.Lines[n-1].Folio {
		return nil
	}
	block, c := pg.Lines[n-1].Block, 0
	for i := n - 1; i >= 0 && pg.Lines[i].Block == block && pg.Lines[i].Kind == doc.Paragraph; i-- {
		c++
	}
	if c < k+2 {
		return nil
	}
	moved := append([]Line(nil), pg.Lines[n-k:]...)
	pg.Lines = pg.Lines[:n-k]
	return moved
}

func (p *pager) free() int { return max(0, p.opt.LinesPerPage-p.g) }

// grid places lines on successive grid lines, turning the page when full.
func (p *pager) grid(lines []Line, ascent float64) {
	for i := range lines {
		if p.g >= p.opt.LinesPerPage {
			p.newPage()
		}
		ln := &lines[i]
		ln.Grid = p.g
		ln.setY(p.opt.MarginTop+float64(p.g)*p.opt.GridPitch, ascent)
		pg := &p.pages[len(p.pages)-1]
		pg.Lines = append(pg.Lines, *ln)
		p.g++
	}
}

// title places the title lines TitleLeading apart from the current grid
// line's top; the grid resumes on the first grid line below the title's
// last em box, and one blank grid line follows the title (after the
// subtitle, when there is one). A title that is not at the top of a page
// gets a blank grid line before it as well.
func (p *pager) title(blocks []blockOut, bi int) {
	o := p.opt
	b := &blocks[bi]
	rows := titleRows(o, len(b.lines), b.titleSize)
	sub := 0
	nb := nextBlock(blocks, bi)
	if nb >= 0 && blocks[nb].kind == doc.Subtitle {
		sub = len(blocks[nb].lines)
	}
	if p.g > 0 {
		p.g++
		if p.g+rows+sub > o.LinesPerPage {
			p.newPage()
		}
	}
	top := o.MarginTop + float64(p.g)*o.GridPitch
	pg := &p.pages[len(p.pages)-1]
	for i := range b.lines {
		ln := &b.lines[i]
		ln.Grid = -1
		ln.setY(top+float64(i)*o.TitleLeading, b.ascent)
		pg.Lines = append(pg.Lines, *ln)
	}
	p.g += rows
	if sub == 0 {
		p.g++
	}
}

// titleRows is the number of grid lines a title of n lines covers.
func titleRows(o *Options, n int, size float64) int {
	h := float64(n-1)*o.TitleLeading + size
	return int(math.Ceil(h/o.GridPitch - 1e-9))
}

// paragraph places a paragraph's lines, splitting it across pages without
// leaving a single line of a 3+-line paragraph at a page's foot or head.
func (p *pager) paragraph(b *blockOut) {
	lines := b.lines
	multi := len(lines) >= 3
	for len(lines) > 0 {
		k := take(len(lines), p.free(), multi)
		if k == 0 {
			if p.g == 0 { // cannot happen with ≥3 lines a page; never loop
				k = min(len(lines), p.opt.LinesPerPage)
			} else {
				p.newPage()
				continue
			}
		}
		p.grid(lines[:k], b.ascent)
		lines = lines[k:]
		if len(lines) > 0 {
			p.newPage()
		}
	}
}

// take is how many of a paragraph's remaining rem lines go on a page with
// free grid lines; multi says the paragraph has 3+ lines, which the
// widow/orphan rule covers (the contract applies it to those only).
func take(rem, free int, multi bool) int {
	if rem <= free {
		return rem
	}
	if !multi {
		return free
	}
	k := free
	if rem-k == 1 {
		k-- // no single line at the head of the next page
	}
	if k == 1 {
		k = 0 // no single line at the foot of this one
	}
	return max(k, 0)
}

// keepWithNext reports whether heading bi fits in free grid lines with at
// least two lines of the text after it (all of it if shorter); a heading
// followed by a heading needs that one kept as well.
func keepWithNext(blocks []blockOut, bi, free int) bool {
	h := len(blocks[bi].lines)
	if h > free {
		return false
	}
	free -= h
	nb := nextBlock(blocks, bi)
	if nb < 0 {
		return true
	}
	switch blocks[nb].kind {
	case doc.Heading1, doc.Heading2, doc.Heading3:
		return keepWithNext(blocks, nb, free)
	case doc.Paragraph:
		l := len(blocks[nb].lines)
		return take(l, free, l >= 3) >= min(2, l)
	case doc.Table:
		return blocks[nb].table.headLines() <= free
	}
	return true
}

// nextBlock is the index of the next block that has lines, or -1.
func nextBlock(blocks []blockOut, bi int) int {
	for j := bi + 1; j < len(blocks); j++ {
		if len(blocks[j].lines) > 0 || blocks[j].table != nil {
			return j
		}
	}
	return -1
}
