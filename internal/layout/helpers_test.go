package layout

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

// fakeFace: hanzi and full-width marks 1 em, ASCII 0.5 em, ascent 0.88;
// nothing above U+FFFF, nothing in lacks.
type fakeFace struct{ lacks string }

func (f fakeFace) Advance(r rune) (float64, bool) {
	if r > 0xFFFF || r < 0x20 || strings.ContainsRune(f.lacks, r) {
		return 0, false
	}
	return fakeAdv(r), true
}

func (fakeFace) Ascent() float64 { return 0.88 }

func fakeAdv(r rune) float64 {
	if r < 0x80 {
		return 0.5
	}
	return 1
}

func fakeFaces() map[font.Role]font.Metrics {
	m := map[font.Role]font.Metrics{}
	for _, r := range font.Roles {
		m[r] = fakeFace{}
	}
	return m
}

// Page geometry in pt, computed here from the contract's millimetres so
// the tests do not trust the package's constants.
const (
	ptPerMM   = 72 / 25.4
	leftEdge  = 28 * ptPerMM
	rightEdge = (28 + 156) * ptPerMM
	topEdge   = 37 * ptPerMM
	pitch     = 15.75 * 1.875
	body      = 15.75
	tol       = 0.01
)

func near(a, b float64) bool { return math.Abs(a-b) <= tol }

func mustLayout(t testing.TB, d *doc.Document) *Result {
	t.Helper()
	res, err := Layout(d, NewOptions(fakeFaces()))
	if err != nil {
		t.Fatalf("Layout: %v", err)
	}
	return res
}

func para(text string) doc.Block { return doc.Block{Kind: doc.Paragraph, Text: text} }

// glyph is one drawn character, positioned from its run.
type glyph struct {
	r    rune
	x, w float64 // box start and advance, pt
	role font.Role
}

// A half-width glyph (Run.Halves) advances half an em less; its box is
// the half that holds the ink.
func glyphs(ln Line) []glyph {
	var gs []glyph
	for _, run := range ln.Runs {
		x := run.X
		h := 0
		for i, r := range []rune(run.Text) {
			w := fakeAdv(r) * run.Size
			if h < len(run.Halves) && run.Halves[h].At == i {
				w -= run.Size / 2
				h++
			}
			gs = append(gs, glyph{r: r, x: x, w: w, role: run.Role})
			x += w + run.Spacing
		}
		if h != len(run.Halves) {
			panic("run " + run.Text + ": Halves out of order or out of range")
		}
	}
	return gs
}

func lineText(ln Line) string {
	var b strings.Builder
	for _, r := range ln.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// blockLines returns the lines of block bi, in page order.
func blockLines(res *Result, bi int) []Line {
	var out []Line
	for _, p := range res.Pages {
		for _, ln := range p.Lines {
			if ln.Block == bi && !ln.Folio {
				out = append(out, ln)
			}
		}
	}
	return out
}

// where returns the page index and line of block bi's k-th line.
func where(t *testing.T, res *Result, bi, k int) (page int, ln Line) {
	t.Helper()
	n := 0
	for pi, p := range res.Pages {
		for _, ln := range p.Lines {
			if ln.Block == bi && !ln.Folio {
				if n == k {
					return pi, ln
				}
				n++
			}
		}
	}
	t.Fatalf("block %d has no line %d", bi, k)
	return 0, Line{}
}

// checkRoundTrip asserts that the runs give back every block's text
// exactly: nothing lost, added or duplicated at a wrap.
func checkRoundTrip(t *testing.T, d *doc.Document, res *Result) {
	t.Helper()
	for bi, b := range d.Blocks {
		lines := blockLines(res, bi)
		if b.Kind == doc.Signature || (b.Kind == doc.Subtitle && len(b.Lines) > 0) {
			want := b.Lines
			if want == nil {
				want = strings.Split(b.Text, "\n")
			}
			if b.Kind == doc.Signature {
				if len(lines) != len(want) {
					t.Fatalf("block %d: %d lines, want %d", bi, len(lines), len(want))
				}
				for i := range want {
					if got := lineText(lines[i]); got != want[i] {
						t.Errorf("block %d line %d: %q, want %q", bi, i, got, want[i])
					}
				}
				continue
			}
			var got strings.Builder
			for _, ln := range lines {
				got.WriteString(lineText(ln))
			}
			if got.String() != strings.Join(want, "") {
				t.Errorf("block %d: %q, want %q", bi, got.String(), strings.Join(want, ""))
			}
			continue
		}
		var got strings.Builder
		for _, ln := range lines {
			got.WriteString(lineText(ln))
		}
		if got.String() != b.Text {
			t.Errorf("block %d round trip:\n got %q\nwant %q", bi, got.String(), b.Text)
		}
	}
}

// checkJustified asserts that every line but the last of each paragraph
// and heading ends exactly at the right edge, that nothing leaves the text
// block, and that no glyph box overlaps the next (a cut blank half is a
// half-width glyph, so text extraction reads the line as one).
func checkJustified(t *testing.T, d *doc.Document, res *Result) {
	t.Helper()
	for bi, b := range d.Blocks {
		if !flows(b.Kind) {
			continue
		}
		lines := blockLines(res, bi)
		for k, ln := range lines {
			gs := glyphs(ln)
			if len(gs) == 0 {
				t.Fatalf("block %d line %d: no glyphs", bi, k)
			}
			last := len(gs) - 1
			for last > 0 && gs[last].r == ' ' {
				last--
			}
			end := gs[last].x + gs[last].w
			if k < len(lines)-1 && !near(end, rightEdge) {
				t.Errorf("block %d line %d %q ends at %.3f, want %.3f", bi, k, lineText(ln), end, rightEdge)
			}
			if end > rightEdge+tol {
				t.Errorf("block %d line %d overflows: %.3f", bi, k, end)
			}
			startX := leftEdge
			if k == 0 {
				startX += 2 * body
			}
			if !near(gs[0].x, startX) {
				t.Errorf("block %d line %d starts at %.3f, want %.3f", bi, k, gs[0].x, startX)
			}
			for _, r := range ln.Runs {
				if r.Spacing < -tol {
					t.Errorf("block %d line %d: negative spacing %.3f (overfull line)", bi, k, r.Spacing)
				}
				if k == len(lines)-1 && r.Spacing != 0 {
					t.Errorf("block %d last line: spacing %.3f, want natural", bi, r.Spacing)
				}
			}
			for i := 1; i <= last; i++ {
				p, c := gs[i-1], gs[i]
				if overlap := p.x + p.w - c.x; overlap > tol {
					t.Errorf("block %d line %d: %q overlaps %q by %.2f", bi, k, p.r, c.r, overlap)
				}
			}
		}
	}
}

// checkBreaks asserts the contract's line-breaking prohibitions at every
// line boundary of paragraphs and headings, using the contract's own lists.
func checkBreaks(t *testing.T, d *doc.Document, res *Result) {
	t.Helper()
	const notStart = "、，。：；！？”’）〕］】》〉」』·～/"
	const notEnd = "“‘（〔［【《〈「『"
	alnum := func(r rune) bool {
		return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}
	for bi, b := range d.Blocks {
		if !flows(b.Kind) {
			continue
		}
		lines := blockLines(res, bi)
		for k := 1; k < len(lines); k++ {
			prev, cur := lineText(lines[k-1]), lineText(lines[k])
			last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(prev, " "))
			first, _ := utf8.DecodeRuneInString(cur)
			bad := ""
			switch {
			case strings.ContainsRune(notStart, first):
				bad = "line starts with a closing mark"
			case strings.ContainsRune(notEnd, last):
				bad = "line ends with an opening mark"
			case last == '—' && first == '—', last == '…' && first == '…':
				bad = "—— or …… split"
			case alnum(last) && (alnum(first) || strings.ContainsRune("%.,", first)) && !strings.HasSuffix(prev, " "):
				bad = "number or word split"
			case first == ' ':
				bad = "line starts with a space"
			}
			if bad != "" {
				t.Errorf("block %d, lines %d/%d: %s:\n  %q\n  %q", bi, k-1, k, bad, prev, cur)
			}
		}
	}
}

// flows reports the kinds set as justified, indented text in the flow.
func flows(k doc.Kind) bool {
	switch k {
	case doc.Heading1, doc.Heading2, doc.Heading3, doc.Paragraph:
		return true
	}
	return false
}
