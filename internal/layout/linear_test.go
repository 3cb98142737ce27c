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
		small := scannedFor(t, gen(100_000))
		large := scannedFor(t, gen(800_000))
		t.Logf("%s: %d steps at 100k, %d at 800k", name, small, large)
		if large > 9*small || large > 3*800_000 {
			t.Errorf("%s: %d steps at 100k characters, %d at 800k: not linear", name, small, large)
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
