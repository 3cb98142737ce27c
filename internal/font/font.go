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
}
