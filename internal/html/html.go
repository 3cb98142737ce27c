// Package html writes a summary's Markdown as one standalone HTML5 page:
// the body is goldmark's output from doc.New, the stylesheet is embedded,
// and nothing is fetched from elsewhere, so the file can be mailed as is.
package html

import (
	"bytes"
	_ "embed"
	"errors"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/zongjie/zongjie/internal/doc"
)

//go:embed style.css
var defaultCSS string

// DefaultCSS returns the embedded stylesheet, e.g. for a user to start a
// replacement from.
func DefaultCSS() string { return defaultCSS }

// Options adjusts the page; the zero value gives the default page.
type Options struct {
	// CSS replaces the embedded stylesheet when not empty.
	CSS string
}

// Render writes md as a standalone page. md must pass doc.FromAST: the
// HTML and the PDF accept exactly the same Markdown, so an error (a
// *doc.Error with its line) is the same whichever the user asked for.
// Raw HTML is therefore rejected, and goldmark's safe mode would drop it
// anyway. The output depends on md and opt only.
func Render(md []byte, opt Options) ([]byte, error) {
	p, err := doc.Parse(md)
	if err != nil {
		return nil, err
	}
	return RenderParsed(p, opt)
}

// RenderParsed is Render of Markdown already parsed (doc.Parse), so that a
// build parses its Markdown once for every format.
func RenderParsed(p *doc.Parsed, opt Options) ([]byte, error) {
	md, root, d := p.Src, p.Root, p.Doc
	css := opt.CSS
	if css == "" {
		css = defaultCSS
	}
	// The stylesheet goes verbatim into <style>; this is the one sequence
	// that would end it early and let the rest be read as markup.
	if strings.Contains(strings.ToLower(css), "</style") {
		return nil, errors.New("样式表中不能出现 </style")
	}

	markLongDates(root, d)

	var b bytes.Buffer
	b.Grow(len(md)*2 + len(css) + 512)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"zongjie\">\n")
	b.WriteString("<title>")
	b.WriteString(html.EscapeString(title(d)))
	b.WriteString("</title>\n<style>\n")
	b.WriteString(css)
	if !strings.HasSuffix(css, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString("</style>\n</head>\n<body>\n")
	if err := p.Renderer().Render(&b, md, root); err != nil {
		return nil, err
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

// title is the text of the document's one Title block (FromAST ensures it).
func title(d *doc.Document) string {
	for _, b := range d.Blocks {
		if b.Kind == doc.Title {
			return b.Text
		}
	}
	return ""
}

// markLongDates sets data-date="long" on each signature div whose date is
// wider than its unit name. GB/T 9704 lays those out differently (the date
// ends 2 characters from the edge, the name is centred over it), and CSS
// cannot compare the widths of two lines, so the stylesheet needs the hint.
// FromAST has checked that every signature is a top-level div of two lines,
// in the same order as the Signature blocks.
func markLongDates(root ast.Node, d *doc.Document) {
	var sigs []doc.Block
	for _, b := range d.Blocks {
		if b.Kind == doc.Signature {
			sigs = append(sigs, b)
		}
	}
	for n := root.FirstChild(); n != nil && len(sigs) > 0; n = n.NextSibling() {
		div, ok := n.(*doc.Div)
		if !ok || div.Class != "signature" {
			continue
		}
		if lines := sigs[0].Lines; ems(lines[1]) > ems(lines[0]) {
			div.SetAttributeString("data-date", "long")
		}
		sigs = sigs[1:]
	}
}

// ems estimates the width of s in characters (em): a wide character is one,
// anything else, digits included, half — as in the body fonts.
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch util.EastAsianWidth(r) {
		case "F", "W":
			w++
		default:
			w += 0.5
		}
	}
	return w
}
