package layout

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zongjie/zongjie/internal/font"
)

// MissingGlyphError reports a character that no face in Options.Faces can
// draw. Layout never emits such a glyph: an empty box in a filed document
// is worse than a refusal the user can act on.
type MissingGlyphError struct {
	Rune rune
	// Block is the index into doc.Document.Blocks; -1 for the page number.
	Block int
	// Line is the index into Block.Lines for Signature and Subtitle blocks
	// that have Lines; 0 otherwise.
	Line int
	// Offset is the byte offset of the rune in the block's Text (or in
	// Lines[Line]).
	Offset int
	// Role is the role the text asked for; every other face was tried too.
	Role font.Role
}

// CodePoint returns the rune as U+XXXX.
func (e *MissingGlyphError) CodePoint() string { return fmt.Sprintf("U+%04X", e.Rune) }

func (e *MissingGlyphError) Error() string {
	if unicode.IsControl(e.Rune) || e.Rune == 0x2028 || e.Rune == 0x2029 {
		// Layout never draws these, whatever the fonts hold.
		return fmt.Sprintf("layout: block %d, byte %d: control character %s cannot be typeset; remove it from the text",
			e.Block, e.Offset, e.CodePoint())
	}
	return fmt.Sprintf("layout: block %d, byte %d: no font has %q (%s) for role %s or any fallback; configure a font that covers it",
		e.Block, e.Offset, e.Rune, e.CodePoint(), e.Role)
}

// MissingGlyphs lists every character no face has, each once, in the
// order of their first places. errors.As finds its first element as a
// *MissingGlyphError.
type MissingGlyphs []*MissingGlyphError

func (m MissingGlyphs) Error() string {
	msgs := make([]string, len(m))
	for i, e := range m {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (m MissingGlyphs) Unwrap() []error {
	errs := make([]error, len(m))
	for i, e := range m {
		errs[i] = e
	}
	return errs
}
