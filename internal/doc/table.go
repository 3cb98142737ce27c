package doc

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// table reads a "::: table" div: an optional caption paragraph, then one
// pipe table. A table outside such a div is refused (unsupportedNames), so
// that every table has its place in the model.
func (r *reader) table(n *Div) (Block, error) {
	b := Block{Kind: Table}
	c := n.FirstChild()
	if p, ok := c.(*ast.Paragraph); ok {
		if err := r.fenceLike(p); err != nil {
			return Block{}, err
		}
		s, err := r.text(p)
		if err != nil {
			return Block{}, err
		}
		b.Text = s
		c = c.NextSibling()
	}
	t, ok := c.(*east.Table)
	if !ok || c.NextSibling() != nil {
		at := ast.Node(n)
		if c != nil {
			at = c
		}
		return Block{}, r.errorf(at, "::: table 块中应是一行表题（可省略）和一个表格（| 列 | 列 |），不能有别的内容")
	}
	d := &TableData{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignRight:
			d.Align = append(d.Align, AlignRight)
		case east.AlignCenter:
			d.Align = append(d.Align, AlignCenter)
		default:
			d.Align = append(d.Align, AlignLeft)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			s, err := r.text(cell)
			if err != nil {
				return Block{}, err
			}
			cells = append(cells, s)
		}
		// goldmark gives every row the header's width.
		for len(cells) < len(d.Align) {
			cells = append(cells, "")
		}
		if _, ok := row.(*east.TableHeader); ok {
			d.Header = cells
		} else {
			d.Rows = append(d.Rows, cells)
		}
	}
	b.Table = d
	return b, nil
}
