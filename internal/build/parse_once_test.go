package build

import (
	"sync/atomic"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

// The Markdown of a build is parsed once, whatever formats are asked:
// every format is rendered from the one parse.
func TestMarkdownParsedOnce(t *testing.T) {
	var parses atomic.Int64
	doc.ParseHook = func() { parses.Add(1) }
	defer func() { doc.ParseHook = nil }()
	dir := t.TempDir()
	for _, formats := range [][]Format{Formats, {HTML, PDF}, {Markdown}, {PDF}} {
		parses.Store(0)
		res := testBuilder(t).File("../../samples/county-planning-bureau.toml", dir, formats)
		if res.Diags.HasErrors() || len(res.Written) != len(formats) {
			t.Fatalf("%v: %v", formats, res.Diags)
		}
		if n := parses.Load(); n != 1 {
			t.Errorf("%v: the Markdown was parsed %d times, want 1", formats, n)
		}
	}
}
