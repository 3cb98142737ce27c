package doc

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// breakRenderer renders text as goldmark's HTML renderer does, except for
// a soft line break: it reads as a space (a newline in the HTML) exactly
// where the block model's text, and so the PDF, has one. goldmark decides
// from the raw source and only between two plain texts, so "alpha⏎\<beta"
// lost its space (the backslash is punctuation) and a break before an
// entity or emphasis was dropped; here the decision is textBuilder's, on
// the characters as shown. A hard break is no <br> for the same reason.
type breakRenderer struct {
	block  ast.Node // the block spaces were computed for
	spaces map[*ast.Text]bool
}

func (r *breakRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
}

func (r *breakRenderer) renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, n.Segment.Value(src))
	} else {
		html.DefaultWriter.Write(w, n.Segment.Value(src))
	}
	// A hard break too: the PDF reflows a paragraph, so it joins like a
	// soft one (reader.inlines), and the page must say the same.
	if (n.SoftLineBreak() || n.HardLineBreak()) && r.space(n, src) {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// space reports whether the soft break after n reads as a space, reading
// n's whole block once (its breaks are asked for in order).
func (r *breakRenderer) space(n *ast.Text, src []byte) bool {
	b := n.Parent()
	for b != nil && b.Type() != ast.TypeBlock {
		b = b.Parent()
	}
	if b != r.block {
		r.block = b
		t := textBuilder{spaces: map[*ast.Text]bool{}}
		rd := reader{src: src}
		_ = rd.inlines(b, &t) // FromAST has refused what it cannot read
		r.spaces = t.spaces
	}
	return r.spaces[n]
}
