// Package fonts embeds the default TrueType faces, one per typographic role,
// so a zongjie binary typesets Chinese with no font installed on the machine.
//
// The files are subsets built by build.sh (see README.md for sources and
// licences). This package only hands out bytes; parsing and metrics live in
// internal/font, which imports this package and not the other way round.
package fonts

import _ "embed"

var (
	//go:embed zj-title.ttf
	title []byte
	//go:embed zj-heading1.ttf
	heading1 []byte
	//go:embed zj-heading2.ttf
	heading2 []byte
	//go:embed zj-body.ttf
	body []byte
)

// Default returns the embedded face for role ("title", "heading1",
// "heading2" or "body"): its file name, for messages, and its bytes. The
// bytes are shared and must not be modified. An unknown role returns ""
// and nil.
func Default(role string) (file string, data []byte) {
	switch role {
	case "title":
		return "zj-title.ttf", title
	case "heading1":
		return "zj-heading1.ttf", heading1
	case "heading2":
		return "zj-heading2.ttf", heading2
	case "body":
		return "zj-body.ttf", body
	}
	return "", nil
}
