package layout

import (
	"errors"

	"github.com/zongjie/zongjie/internal/font"
)

// mm is one millimetre in points.
const mm = 72 / 25.4

// Options are the page geometry and type sizes. The defaults (NewOptions)
// are the GB/T 9704-2012 figures from the typesetting contract; a zero
// field given to Layout takes its default, so Options{Faces: f} works.
type Options struct {
	// Faces gives the metrics of each role's face. A role without a face,
	// or a face without a glyph, falls back to the other faces in
	// font.FallbackOrder: the embedded face a user's font replaced, the
	// rare-hanzi faces, the other roles' faces, then any other.
	Faces map[font.Role]font.Metrics

	PageWidth, PageHeight float64 // A4: 595.28 × 841.89 pt
	MarginTop             float64 // 天头 37 mm: top of grid line 0
	MarginLeft            float64 // 订口 28 mm
	// TextWidth is the text block (版心) width, 156 mm. Body lines are
	// justified to exactly this width. 28 characters of 三号 are 441 pt,
	// 1.2 pt short of 156 mm; the contract calls the 156 mm line the
	// 28-character line, so the slack goes into inter-character spacing
	// rather than into a ragged right edge.
	TextWidth  float64
	TextHeight float64 // 225 mm; the folio is placed from its bottom

	BodySize     float64 // 三号 15.75 pt: body, headings, subtitle, signature
	LinesPerPage int     // 22 grid lines per page
	// GridPitch is the distance between grid lines: one character plus
	// 7/8 of a character, 15.75 × 1.875 = 29.53125 pt, so 21 pitches plus
	// one character height come to 224.3 mm, inside the 225 mm block.
	GridPitch float64

	TitleSize float64 // 二号 22 pt
	// TitleLeading is the distance between the tops of successive title
	// lines (1.5 × 22 pt). The title block sits from grid line 0's top;
	// the body resumes on the first grid line below it.
	TitleLeading float64

	FolioSize float64 // 四号 14 pt
	FolioGap  float64 // 7 mm from the text block bottom to the folio top

	// Indent is the first-line indent of paragraphs and headings, in
	// characters (em of BodySize).
	Indent float64
	// LatinGap is the space set between Latin letters or digits and
	// adjacent hanzi, in em. The contract allows up to 1/4; the default is
	// 0 because pdftotext reads a gap of ≥0.1 em as a word space and would
	// put a space into extracted text that the document does not have.
	LatinGap float64
}

// NewOptions returns the contract's defaults, spelled out, with faces.
func NewOptions(faces map[font.Role]font.Metrics) Options {
	return Options{
		Faces:        faces,
		PageWidth:    595.28,
		PageHeight:   841.89,
		MarginTop:    37 * mm,
		MarginLeft:   28 * mm,
		TextWidth:    156 * mm,
		TextHeight:   225 * mm,
		BodySize:     15.75,
		LinesPerPage: 22,
		GridPitch:    15.75 * 15 / 8,
		TitleSize:    22,
		TitleLeading: 33,
		FolioSize:    14,
		FolioGap:     7 * mm,
		Indent:       2,
		LatinGap:     0,
	}
}

// withDefaults fills zero fields from NewOptions and checks the rest.
func (o Options) withDefaults() (Options, error) {
	d := NewOptions(o.Faces)
	fill := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&o.PageWidth, d.PageWidth)
	fill(&o.PageHeight, d.PageHeight)
	fill(&o.MarginTop, d.MarginTop)
	fill(&o.MarginLeft, d.MarginLeft)
	fill(&o.TextWidth, d.TextWidth)
	fill(&o.TextHeight, d.TextHeight)
	fill(&o.BodySize, d.BodySize)
	fill(&o.GridPitch, o.BodySize*15/8)
	fill(&o.TitleSize, d.TitleSize)
	fill(&o.TitleLeading, o.TitleSize*1.5)
	fill(&o.FolioSize, d.FolioSize)
	fill(&o.FolioGap, d.FolioGap)
	fill(&o.Indent, d.Indent)
	if o.LinesPerPage == 0 {
		o.LinesPerPage = d.LinesPerPage
	}
	if o.LinesPerPage < 0 || o.BodySize < 0 || o.TitleSize < 0 || o.FolioSize < 0 ||
		o.GridPitch < 0 || o.TextWidth < 0 || o.LatinGap < 0 || o.Indent < 0 {
		return o, errors.New("layout: negative size in Options")
	}
	for _, r := range font.Roles {
		if o.Faces[r] != nil {
			return o, nil
		}
	}
	return o, errors.New("layout: Options.Faces has no face for any role")
}
