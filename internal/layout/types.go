// Package layout turns a doc.Document into pages of positioned glyph runs.
//
// It is pure Go with no PDF inside: the PDF writer only paints what layout
// decided, and tests assert geometry on this model directly.
//
// Units are PDF points. The origin is the top-left corner of the page and y
// grows downward, as text is read; the PDF writer flips it.
package layout

import (
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

// Run is a stretch of text drawn with one face, size and character spacing.
type Run struct {
	Role font.Role
	Size float64 // font size in pt
	X, Y float64 // start of the baseline
	Text string
	// Spacing is added after every character of Text (PDF's Tc operator),
	// used to justify a line to both edges.
	Spacing float64
	// Width is the distance from X to the right edge of the last glyph,
	// spacing included between glyphs but not after the last one.
	Width float64
	// Halves lists the glyphs of Text drawn half-width, in Text order: a
	// full-width mark whose blank half layout cut (》， compressed, or a
	// mark squeezed to fit a line). Such a glyph's advance is its font
	// advance minus half an em; Left cuts the blank left half of an
	// opening mark, so its ink starts where its box does.
	Halves []Half
}

// Half is a glyph drawn half-width; see Run.Halves.
type Half struct {
	At   int  // index of the rune in Run.Text (runes, not bytes)
	Left bool // the left half is cut (opening marks); else the right
}

// Line is one typeset line: a grid line of body text, a heading line, a
// title line, a signature line or the page number.
type Line struct {
	Kind  doc.Kind
	Block int // index into doc.Document.Blocks; -1 for a page number
	// Folio marks the page-number line.
	Folio bool
	Runs  []Run
	// Top is the y of the top of the line's em box; Baseline is Top plus
	// the face's ascent at the line's size (what the Runs' Y equal).
	Top, Baseline float64
	// Grid is the index of the grid line the line sits on (0 is the top
	// line of the text block), or -1 for title and page-number lines,
	// which are off the grid.
	Grid int
	// Row and Col place a table's line (Kind doc.Table): Row -1 is the
	// caption, 0 the header, 1… the body rows; Col is the column.
	Row, Col int
}

// Rule is a straight line of a table's grid, from (X1, Y1) to (X2, Y2).
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // line width in pt
	Block          int     // the table's index into doc.Document.Blocks
}

// Page is one A4 page.
type Page struct {
	Number int // 1-based
	Lines  []Line
	Rules  []Rule // tables' rules, in drawing order
}

// Result is a laid-out document.
type Result struct {
	Width, Height float64 // page size in pt
	Pages         []Page
}
