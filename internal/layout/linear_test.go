package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

// longRuns are paragraphs with no break opportunity for their whole
// length, which issue 13 measured quadratic: 100k a took 0.25 s, 800k 13 s.
var longRuns = map[string]func(n int) string{
	"latin":    func(n int) string { return strings.Repeat("a", n) },
	"digits":   func(n int) string { return strings.Repeat("7", n) },
	"ellipsis": func(n int) string { return strings.Repeat("……", n/2) },
}

// scannedFor lays out one paragraph and returns how many items the line
// breaking stepped over.
func scannedFor(t testing.TB, text string) int {
	l := newLayouter(NewOptions(fakeFaces()))
	var out blockOut
	if err := l.block(0, &doc.Block{Kind: doc.Paragraph, Text: text}, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.lines) < 2 {
		t.Fatalf("one line for %d characters", len([]rune(text)))
	}
	return l.scanned
}

// TestLayoutLinear: line breaking steps over each character a bounded
// number of times, so eight times the text is at most about eight times
// the work.
func TestLayoutLinear(t *testing.T) {
	for name, gen := range longRuns {
		n := 100_000 // the sizes for its case, an eighth for the others
		if name != "latin" {
			n /= 8
		}
		small := scannedFor(t, gen(n))
		large := scannedFor(t, gen(8*n))
		if large > 9*small || large > 3*8*n {
			t.Errorf("%s: %d steps at %d characters, %d at %d: not linear", name, small, n, large, 8*n)
		}
	}
}

func BenchmarkLongRun(b *testing.B) {
	for _, n := range []int{100_000, 800_000} {
		for name, gen := range longRuns {
			text := gen(n)
			b.Run(fmt.Sprintf("%s/%dk", name, n/1000), func(b *testing.B) {
				d := &doc.Document{Blocks: []doc.Block{para(text)}}
				for b.Loop() {
					mustLayout(b, d)
				}
			})
		}
	}
}

// TestLongTitleLinear: a title is balanced over at most maxBalanced lines;
// one longer is set greedily, in linear time (issue 13: a title of 5000
// hanzi took 9 s, of 20 000 over two minutes).
func TestLongTitleLinear(t *testing.T) {
	for name, gen := range map[string]func(n int) string{
		"hanzi": func(n int) string { return strings.Repeat("工作", n/2) },
		"latin": func(n int) string { return strings.Repeat("a", n) },
	} {
		steps := func(n int) int {
			l := newLayouter(NewOptions(fakeFaces()))
			var out blockOut
			if err := l.block(0, &doc.Block{Kind: doc.Title, Text: gen(n)}, &out); err != nil {
				t.Fatal(err)
			}
			return l.scanned
		}
		small, large := steps(20_000), steps(160_000)
		if small == 0 || large > 9*small {
			t.Errorf("%s: %d steps at 20k characters, %d at 160k: not linear", name, small, large)
		}
	}
}
