package doc

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// text is the literal text of n's inline children: escapes and entities
// resolved, emphasis and links reduced to their text, line breaks joined
// by the rule the HTML writer uses, so both writers show the same words.
func (r *reader) text(n ast.Node) (string, error) {
	var t textBuilder
	if err := r.inlines(n, &t); err != nil {
		return "", err
	}
	return t.b.String(), nil
}

func (r *reader) inlines(n ast.Node, t *textBuilder) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(r.src)
			if c.IsRaw() {
				t.write(string(v))
			} else {
				t.write(unescape(v))
			}
			// A paragraph is reflowed, so a hard break joins like a soft one.
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.lineBreak(c)
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				t.write(string(c.Value))
			} else {
				t.write(unescape(c.Value))
			}
		case *ast.CodeSpan:
			// Verbatim; a line ending inside becomes a space (CommonMark).
			for s := c.FirstChild(); s != nil; s = s.NextSibling() {
				if s, ok := s.(*ast.Text); ok {
					t.write(strings.ReplaceAll(string(s.Value(r.src)), "\n", " "))
				}
			}
		case *ast.Emphasis, *ast.Link:
			if err := r.inlines(c, t); err != nil {
				return err
			}
		case *ast.AutoLink:
			t.write(string(c.Label(r.src)))
		default:
			return r.unsupported(c)
		}
	}
	return nil
}

// textBuilder joins text pieces, deciding at each line break whether the
// break reads as a space.
type textBuilder struct {
	b       strings.Builder
	pending []*ast.Text // line breaks that wait for the next piece
	// spaces, when not nil, records each break's decision, for the HTML
	// writer (breakRenderer).
	spaces map[*ast.Text]bool
}

func (t *textBuilder) write(s string) {
	if s == "" {
		return
	}
	if len(t.pending) > 0 {
		last, _ := utf8.DecodeLastRuneInString(t.b.String())
		first, _ := utf8.DecodeRuneInString(s)
		space := t.b.Len() > 0 && breakIsSpace(last, first)
		if space {
			t.b.WriteByte(' ')
		}
		if t.spaces != nil {
			for _, n := range t.pending {
				t.spaces[n] = space
			}
		}
		t.pending = t.pending[:0]
	}
	t.b.WriteString(s)
}

func (t *textBuilder) lineBreak(n *ast.Text) { t.pending = append(t.pending, n) }

// breakIsSpace reports whether a line break between before and after reads
// as a space. It is goldmark's EastAsianLineBreaksCSS3Draft rule (CSS Text 3
// segment break transformation, renderer/html/html.go), copied because
// goldmark does not export it: the HTML page and the block model must agree.
// Note that its rule 3 drops the space after any punctuation, ASCII too.
func breakIsSpace(before, after rune) bool {
	if before == '\u200B' || after == '\u200B' {
		return false
	}
	if isWideOrHalf(before) && isWideOrHalf(after) {
		return unicode.Is(unicode.Hangul, before) || unicode.Is(unicode.Hangul, after)
	}
	discards := func(r rune) bool {
		return util.IsSpaceDiscardingUnicodeRune(r) || unicode.IsPunct(r) || r == '\u3000'
	}
	return !discards(before) && !discards(after)
}

func isWideOrHalf(r rune) bool {
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return true
	}
	return false
}

// unescape resolves backslash escapes and entity references in one pass,
// as CommonMark reads text: `\&amp;` is the five characters "&amp;".
func unescape(b []byte) string {
	if !hasEscapes(b) {
		return string(b)
	}
	var s strings.Builder
	s.Grow(len(b))
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			s.WriteByte(b[i+1])
			i += 2
		case c == '&':
			if v, n := entity(b[i:]); n > 0 {
				s.WriteString(v)
				i += n
				continue
			}
			s.WriteByte(c)
			i++
		case c == 0:
			s.WriteRune(utf8.RuneError)
			i++
		default:
			s.WriteByte(c)
			i++
		}
	}
	return s.String()
}

func hasEscapes(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c == '&' || c == 0 {
			return true
		}
	}
	return false
}

// entity decodes the reference at the start of b ("&amp;", "&#35;",
// "&#x4E2D;") and returns its text and length, or n == 0 if b does not
// start with a valid one.
func entity(b []byte) (v string, n int) {
	semi := -1
	for i := 1; i < len(b) && i < 40; i++ {
		if b[i] == ';' {
			semi = i
			break
		}
	}
	if semi < 2 {
		return "", 0
	}
	body := string(b[1:semi])
	if body[0] != '#' {
		for i := range len(body) {
			if !util.IsAlphaNumeric(body[i]) {
				return "", 0
			}
		}
		e, ok := util.LookUpHTML5EntityByName(body)
		if !ok {
			return "", 0
		}
		return string(e.Characters), semi + 1
	}
	digits, base, maxLen := body[1:], 10, 7
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base, maxLen = digits[1:], 16, 6
	}
	if len(digits) == 0 || len(digits) > maxLen {
		return "", 0
	}
	code, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return "", 0
	}
	r := rune(code)
	if r == 0 || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return string(r), semi + 1
}
