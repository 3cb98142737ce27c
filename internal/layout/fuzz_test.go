package layout

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

var (
	realOnce  sync.Once
	realFaces map[font.Role]font.Metrics
	realErr   error
)

// embeddedMetrics returns the embedded fonts, the ones a build uses by
// default, so the fuzzer meets their real gaps in coverage.
func embeddedMetrics(t testing.TB) map[font.Role]font.Metrics {
	realOnce.Do(func() {
		set, err := font.DefaultSet()
		if err != nil {
			realErr = err
			return
		}
		realFaces = map[font.Role]font.Metrics{}
		for r, f := range set {
			realFaces[r] = f
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realFaces
}

// FuzzLayout sets arbitrary text as each kind of block, with the embedded
// fonts and with the test faces. Layout must never panic: text it cannot
// set is a *MissingGlyphError pointing at the very rune, or an error for
// invalid UTF-8; text it sets comes back whole from the runs.
func FuzzLayout(f *testing.F) {
	for _, b := range sampleDoc().Blocks {
		f.Add(uint8(b.Kind), b.Text, "2024年1月21日", uint8(1))
	}
	f.Add(uint8(doc.Paragraph), stress, stress, uint8(30))
	f.Add(uint8(doc.Heading1), "一、"+strings.Repeat("很长的标题", 20), "", uint8(0))
	f.Add(uint8(doc.Title), "标题 with Latin — and 12.5%", "（讨论稿）", uint8(3))
	f.Add(uint8(doc.Paragraph), "规划𠀀编制", "😀", uint8(2))
	f.Add(uint8(doc.Signature), "", "", uint8(0))
	f.Fuzz(func(t *testing.T, kind uint8, a, b string, n uint8) {
		k := doc.Kind(kind % uint8(doc.Signature+1))
		blk := doc.Block{Kind: k, Text: a}
		if k == doc.Signature || k == doc.Subtitle {
			blk.Lines = []string{a, b}
			blk.Text = a + "\n" + b
		}
		d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"}, blk}}
		for range int(n % 64) {
			d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Paragraph, Text: b})
		}
		for _, faces := range []map[font.Role]font.Metrics{embeddedMetrics(t), fakeFaces()} {
			res, err := Layout(d, NewOptions(faces))
			if err != nil {
				checkLayoutError(t, d, err)
				continue
			}
			if len(res.Pages) == 0 {
				t.Fatal("no pages")
			}
			checkRoundTrip(t, d, res)
		}
	})
}

// checkLayoutError asserts that err names a rune that is really there, or
// that the text really is not UTF-8.
func checkLayoutError(t *testing.T, d *doc.Document, err error) {
	t.Helper()
	var mg *MissingGlyphError
	if !errors.As(err, &mg) {
		for _, b := range d.Blocks {
			if !utf8.ValidString(b.Text) && strings.Contains(err.Error(), "invalid UTF-8") {
				return
			}
		}
		t.Fatalf("error %v (%T) for valid text", err, err)
	}
	if mg.Block < 0 || mg.Block >= len(d.Blocks) {
		t.Fatalf("%v: block %d of %d", err, mg.Block, len(d.Blocks))
	}
	b := d.Blocks[mg.Block]
	text := b.Text
	if b.Lines != nil {
		if mg.Line < 0 || mg.Line >= len(b.Lines) {
			t.Fatalf("%v: line %d of %d", err, mg.Line, len(b.Lines))
		}
		text = b.Lines[mg.Line]
	}
	if mg.Offset < 0 || mg.Offset >= len(text) {
		t.Fatalf("%v: offset %d in %q", err, mg.Offset, text)
	}
	if r, _ := utf8.DecodeRuneInString(text[mg.Offset:]); r != mg.Rune {
		t.Fatalf("%v: the text has %q at offset %d", err, r, mg.Offset)
	}
}
