// Package fonts embeds the default TrueType faces, one per typographic role,
// so a zongjie binary typesets Chinese with no font installed on the machine,
// and two gzip-compressed fallback faces for rare hanzi.
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
	//go:embed zj-title.pages
	titlePages []byte
	//go:embed zj-heading1.pages
	heading1Pages []byte
	//go:embed zj-heading2.pages
	heading2Pages []byte
	//go:embed zj-body.pages
	bodyPages []byte
	//go:embed zj-rare.ttf.gz
	rare []byte
	//go:embed zj-rare-ext.ttf.gz
	rareExt []byte
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

// Pages returns the BMP rune table of role's face computed ahead of time
// (see internal/font/pages.go), or nil for an unknown role.
func Pages(role string) []byte {
	switch role {
	case "title":
		return titlePages
	case "heading1":
		return heading1Pages
	case "heading2":
		return heading2Pages
	case "body":
		return bodyPages
	}
	return nil
}

// Rare returns a fallback face for rare hanzi, gzip-compressed: "rare"
// (CJK Unified Ideographs, Extension A and the supplementary-plane hanzi
// of Noto Serif SC that the role faces lack) or "rare-ext" (supplementary
// dictionary hanzi Noto lacks). The file name is that of the
// uncompressed face. An unknown name returns "" and nil.
func Rare(name string) (file string, gz []byte) {
	switch name {
	case "rare":
		return "zj-rare.ttf", rare
	case "rare-ext":
		return "zj-rare-ext.ttf", rareExt
	}
	return "", nil
}
