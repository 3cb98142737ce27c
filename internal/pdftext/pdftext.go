// Package pdftext extracts positioned text from the PDFs internal/pdf and
// fpdf write, so tests can check both the characters and their geometry
// without poppler or any other tool installed.
//
// It reads plain PDF files (no encryption, no object or xref streams, only
// FlateDecode), which is what both produce. Text decodes through the
// font's ToUnicode CMap (bfchar and bfrange). internal/pdf's fonts are
// Type0/Identity-H whose 2-byte codes are subset glyph numbers, mapped to
// text by bfchar and bfrange entries; fpdf's use each character's code
// point as the code and an identity range (<0000> <FFFF> <0000>).
package pdftext

import (
	"fmt"
	"math"
	"slices"
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
	// Advances holds each shown glyph's advance from the font's widths
	// (Tc and Tw not included), in text space scaled by Tf and Tz; nil
	// for standard-14 fonts.
	Advances []float64
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

// Font is a font resource as the PDF describes it.
type Font struct {
	BaseFont string
	Subtype  string // Type0, TrueType, Type1, …
	// Descendant is the CIDFont subtype of a Type0 font (CIDFontType2).
	Descendant string
	// Ascent and Descent are the font descriptor's, in 1/1000 em.
	Ascent, Descent float64
	// Program is the embedded font program (FontFile, FontFile2 or
	// FontFile3) with its filters undone; nil when the font is not embedded.
	Program []byte
	// ToUnicode reports whether the font has a ToUnicode CMap.
	ToUnicode bool
}

// Fonts returns the fonts the pages use, each once, in page order and, on
// a page, in resource name order.
func Fonts(pdf []byte) ([]Font, error) {
	f, err := parseFile(pdf)
	if err != nil {
		return nil, err
	}
	nodes, err := f.pages()
	if err != nil {
		return nil, err
	}
	var out []Font
	seen := map[any]bool{}
	for _, n := range nodes {
		fonts := f.dict(n.resources["Font"])
		keys := make([]string, 0, len(fonts))
		for k := range fonts {
			keys = append(keys, string(k))
		}
		slices.Sort(keys)
		for _, k := range keys {
			o := fonts[name(k)]
			id := o
			if r, ok := o.(ref); ok {
				id = r.num
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			fi, err := f.describe(o)
			if err != nil {
				return nil, fmt.Errorf("pdftext: font %s: %w", k, err)
			}
			out = append(out, fi)
		}
	}
	return out, nil
}

func (f *file) describe(o any) (Font, error) {
	d := f.dict(o)
	var fi Font
	if b, ok := f.resolve(d["BaseFont"]).(name); ok {
		fi.BaseFont = string(b)
	}
	if s, ok := f.resolve(d["Subtype"]).(name); ok {
		fi.Subtype = string(s)
	}
	_, fi.ToUnicode = f.resolve(d["ToUnicode"]).(*stream)
	desc := d
	if fi.Subtype == "Type0" {
		if kids := f.array(d["DescendantFonts"]); len(kids) > 0 {
			desc = f.dict(kids[0])
			if s, ok := f.resolve(desc["Subtype"]).(name); ok {
				fi.Descendant = string(s)
			}
		}
	}
	fd := f.dict(desc["FontDescriptor"])
	if fd == nil {
		return fi, nil
	}
	fi.Ascent, _ = f.number(fd["Ascent"])
	fi.Descent, _ = f.number(fd["Descent"])
	for _, key := range []name{"FontFile2", "FontFile", "FontFile3"} {
		if s, ok := f.resolve(fd[key]).(*stream); ok {
			data, err := f.decode(s)
			if err != nil {
				return fi, err
			}
			fi.Program = data
			break
		}
	}
	return fi, nil
}
