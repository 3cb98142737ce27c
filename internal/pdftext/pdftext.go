// Package pdftext extracts positioned text from the PDFs fpdf writes, so
// tests can check both the characters and their rough geometry without
// poppler or any other tool installed.
//
// It reads plain PDF files (no encryption, no object or xref streams, only
// FlateDecode), which is what fpdf produces. Text decodes through the
// font's ToUnicode CMap; fpdf's UTF-8 fonts are Type0/Identity-H with each
// character's code point as a 2-byte code and an identity ToUnicode range
// (<0000> <FFFF> <0000>), so only BMP characters round-trip.
package pdftext

import (
	"math"
	"strings"
)

// Page is the text shown on one page, in content-stream order.
type Page struct {
	Width, Height float64 // from the MediaBox, pt
	Spans         []Span
}

// Span is one string shown by a Tj, TJ, ' or " operator.
type Span struct {
	// X, Y is the start of the baseline in PDF coordinates: pt, origin at
	// the bottom-left corner, y upward (text matrix × CTM applied to the
	// origin of text space).
	X, Y float64
	Size float64 // font size set by Tf
	Font string  // the font's /BaseFont (fpdf: "utf8" + family key)
	// CharSpacing is the Tc in force when the string was shown.
	CharSpacing float64
	// Width is how far the string moved the text position, in user space:
	// glyph advances plus Tc after every glyph (the last one included) and
	// TJ adjustments. It is 0 for standard-14 fonts, whose widths the PDF
	// does not carry.
	Width float64
	S     string
}

// Pages returns the text of every page in document order.
func Pages(pdf []byte) ([]Page, error) {
	f, err := parseFile(pdf)
	if err != nil {
		return nil, err
	}
	nodes, err := f.pages()
	if err != nil {
		return nil, err
	}
	out := make([]Page, 0, len(nodes))
	for _, n := range nodes {
		var pg Page
		if len(n.mediaBox) == 4 {
			var v [4]float64
			for i := range v {
				v[i], _ = f.number(n.mediaBox[i])
			}
			pg.Width, pg.Height = math.Abs(v[2]-v[0]), math.Abs(v[3]-v[1])
		}
		data, err := f.contents(n)
		if err != nil {
			return nil, err
		}
		in := newInterp(f, n.resources)
		if err := in.run(data); err != nil {
			return nil, err
		}
		pg.Spans = in.spans
		out = append(out, pg)
	}
	return out, nil
}

// Text returns all shown strings in order. Within a page, strings on the
// same baseline are concatenated and a change of baseline starts a new
// line ("\n"); pages are separated by "\f".
func Text(pdf []byte) (string, error) {
	pages, err := Pages(pdf)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, pg := range pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		for j, s := range pg.Spans {
			if j > 0 {
				prev := pg.Spans[j-1]
				if math.Abs(s.Y-prev.Y) > math.Max(1, 0.3*math.Min(s.Size, prev.Size)) {
					b.WriteByte('\n')
				}
			}
			b.WriteString(s.S)
		}
	}
	return b.String(), nil
}
