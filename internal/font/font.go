// Package font loads TrueType faces once per process and answers the metric
// questions layout asks (advance widths, coverage).
package font

// Role names the typographic role a face serves (typesetting contract, Fonts).
type Role string

const (
	RoleTitle    Role = "title"    // 小标宋 style: heavy Song
	RoleHeading1 Role = "heading1" // 黑体 style: sans
	RoleHeading2 Role = "heading2" // 楷体 style
	RoleBody     Role = "body"     // 仿宋 style
)

// Roles lists every role in a fixed order (deterministic iteration).
var Roles = []Role{RoleTitle, RoleHeading1, RoleHeading2, RoleBody}

// Metrics is what layout needs from a face.
type Metrics interface {
	// Advance returns the advance width of r in units of the em (1.0 = font
	// size), and false if the face has no glyph for r.
	Advance(r rune) (float64, bool)
	// Ascent is the distance from the baseline to the top of the em box, in
	// em units, as the PDF font descriptor states it (what pdftotext uses
	// for a glyph's top).
	Ascent() float64
}

// Face is a loaded TrueType face: metrics for layout, bytes for the writer.
type Face interface {
	Metrics
	// Name is the face's PostScript name, used as the PDF font name.
	Name() string
	// Bytes is the TrueType (not TTC) data to embed.
	Bytes() []byte
}
