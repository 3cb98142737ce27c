package doc

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Fenced divs, Pandoc style:
//
//	::: signature
//	张家口县规划局
//
//	2011年1月21日
//	:::
//
// An opening fence is three or more colons and one class name, written bare
// or as {.name}; trailing colons are allowed. A closing fence is a line of
// three or more colons alone and closes the innermost open div, as in Pandoc,
// so nested divs need no longer fences. A div left open runs to the end of
// the document, like an unclosed fenced code block in CommonMark: the
// generator always closes its divs, and guessing where a user meant to close
// one would be worse than a visible result.

// KindDiv is the node kind of a fenced div.
var KindDiv = ast.NewNodeKind("Div")

// Div is a fenced div; its children are ordinary blocks.
type Div struct {
	ast.BaseBlock
	// Class is the name after the opening fence, e.g. "signature".
	Class string
}

// NewDiv returns an empty div of the given class.
func NewDiv(class string) *Div { return &Div{Class: class} }

// Kind implements ast.Node.
func (n *Div) Kind() ast.NodeKind { return KindDiv }

// Dump implements ast.Node.
func (n *Div) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Class": n.Class}, nil)
}

// openDivsKey holds the stack of divs open in one parse, innermost last.
var openDivsKey = parser.NewContextKey()

func openDivs(pc parser.Context) []*Div {
	s, _ := pc.Get(openDivsKey).([]*Div)
	return s
}

type divParser struct{}

// NewDivParser returns the block parser for fenced divs.
func NewDivParser() parser.BlockParser { return divParser{} }

func (divParser) Trigger() []byte { return []byte{':'} }

func (divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	n := colons(line[pos:])
	if n < 3 {
		return nil, parser.NoChildren
	}
	class, ok := divClass(line[pos+n:])
	if !ok {
		return nil, parser.NoChildren
	}
	div := NewDiv(class)
	pc.Set(openDivsKey, append(openDivs(pc), div))
	reader.AdvanceToEOL()
	return div, parser.HasChildren
}

func (divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if isDivCloser(line, reader.LineOffset()) {
		// goldmark asks the outermost block first; leave the fence to an
		// inner div if one is open, so that it closes the innermost.
		if s := openDivs(pc); len(s) > 0 && s[len(s)-1] == node {
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

func (divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	s := openDivs(pc)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == node {
			pc.Set(openDivsKey, append(s[:i], s[i+1:]...))
			return
		}
	}
}

func (divParser) CanInterruptParagraph() bool { return true }

func (divParser) CanAcceptIndentedLine() bool { return false }

// colons counts the leading colons of b.
func colons(b []byte) int {
	i := 0
	for i < len(b) && b[i] == ':' {
		i++
	}
	return i
}

// isDivCloser reports whether line is a closing fence: up to three spaces
// of indent, three or more colons, nothing else.
func isDivCloser(line []byte, offset int) bool {
	w, pos := util.IndentWidth(line, offset)
	if w > 3 || pos >= len(line) {
		return false
	}
	n := colons(line[pos:])
	return n >= 3 && util.IsBlank(line[pos+n:])
}

// divClass reads the rest of an opening fence: " name", " {.name}",
// optionally followed by colons. It fails on anything else, so that such a
// line stays ordinary text.
func divClass(rest []byte) (string, bool) {
	rest = util.TrimRightSpace(util.TrimLeftSpace(rest))
	// Trailing colons, as in "::: name :::".
	end := len(rest)
	for end > 0 && rest[end-1] == ':' {
		end--
	}
	rest = util.TrimRightSpace(rest[:end])
	if len(rest) > 3 && rest[0] == '{' && rest[1] == '.' && rest[len(rest)-1] == '}' {
		rest = rest[2 : len(rest)-1]
	}
	if len(rest) == 0 {
		return "", false
	}
	for _, c := range rest {
		if !isClassByte(c) {
			return "", false
		}
	}
	return string(rest), true
}

func isClassByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

type divRenderer struct{}

// NewDivHTMLRenderer returns the renderer writing a Div as
// <div class="NAME">…</div>.
func NewDivHTMLRenderer() renderer.NodeRenderer { return divRenderer{} }

func (r divRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, r.render)
}

// noAttributes lets html.RenderAttributes pass data-* attributes only: a
// writer may annotate a div for its stylesheet, and the class stays ours.
var noAttributes = util.NewBytesFilter()

func (divRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	n := node.(*Div)
	_, _ = w.WriteString(`<div class="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Class)))
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, noAttributes)
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

type divs struct{}

// Divs is the goldmark extension for fenced divs.
var Divs goldmark.Extender = divs{}

func (divs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(NewDivParser(), 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(NewDivHTMLRenderer(), 500)))
}
