package doc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// markdownSeeds adds the generated summaries and every case input of
// testdata/blocks.txt and div.txt as seeds.
func markdownSeeds(f *testing.F) {
	files, _ := filepath.Glob("../build/testdata/golden/*.md")
	files = append(files, "testdata/summary.md")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, p := range []string{"testdata/blocks.txt", "testdata/div.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// Cases are separated by goldmark's //= = = … and //- - - … lines;
		// every piece, input or expectation, is a fine seed.
		for _, part := range bytes.Split(b, []byte("//")) {
			f.Add(part)
		}
	}
}

// FuzzFromMarkdown reads arbitrary Markdown into blocks. It must never
// panic; it either returns a document that keeps the model's promises or a
// *doc.Error whose line lies inside the input.
func FuzzFromMarkdown(f *testing.F) {
	markdownSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := FromMarkdown(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not a *doc.Error", err, err)
			}
			if lines := bytes.Count(src, []byte{'\n'}) + 1; e.Line < 0 || e.Line > lines {
				t.Fatalf("error on line %d of a %d-line input: %v", e.Line, lines, e)
			}
			if e.Msg == "" || !utf8.ValidString(e.Msg) {
				t.Fatalf("empty or invalid message %q", e.Msg)
			}
			return
		}
		checkDocument(t, d)
	})
}

// checkDocument asserts the block model's invariants.
func checkDocument(t *testing.T, d *Document) {
	t.Helper()
	titles := 0
	for i, b := range d.Blocks {
		if b.Kind < Title || b.Kind > Imprint {
			t.Fatalf("block %d has kind %v", i, b.Kind)
		}
		if (b.Kind == Table) != (b.Table != nil) {
			t.Fatalf("block %d: %v with table data %v", i, b.Kind, b.Table)
		}
		switch b.Kind {
		case Table:
			n := len(b.Table.Align)
			if len(b.Table.Header) != n {
				t.Fatalf("block %d: %d header cells, %d columns", i, len(b.Table.Header), n)
			}
			for _, r := range b.Table.Rows {
				if len(r) != n {
					t.Fatalf("block %d: row of %d cells, %d columns", i, len(r), n)
				}
			}
		case Title:
			titles++
			fallthrough
		case Heading1, Heading2, Heading3:
			if b.Text == "" {
				t.Fatalf("block %d: empty %v", i, b.Kind)
			}
			if b.Lines != nil {
				t.Fatalf("block %d: %v has Lines %q", i, b.Kind, b.Lines)
			}
		case Signature:
			if len(b.Lines) != 2 {
				t.Fatalf("block %d: signature with %d lines", i, len(b.Lines))
			}
			fallthrough
		case Subtitle, Recipient, Attachments, Imprint:
			if len(b.Lines) == 0 || b.Text != strings.Join(b.Lines, "\n") {
				t.Fatalf("block %d: %v Text %q is not its Lines %q joined", i, b.Kind, b.Text, b.Lines)
			}
		}
	}
	if titles != 1 {
		t.Fatalf("%d titles", titles)
	}
}
