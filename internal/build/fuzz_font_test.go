package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdf"
)

// fontText is what FuzzUserFont sets with the user's face.
const fontText = "主题党日活动工作总结一二三，。12ab"

// FuzzUserFont loads arbitrary bytes as a user's font (--font, [fonts]),
// then sets and paints text with it as the body face. A file that is not a
// usable TrueType face must be refused by font.Load with a *font.Error;
// one that is accepted must never make layout or the PDF writer panic.
// The seeds are small real fonts: a subset of the embedded body face and
// a face with CFF outlines.
func FuzzUserFont(f *testing.F) {
	def, err := font.DefaultSet()
	if err != nil {
		f.Fatal(err)
	}
	g, err := def[font.RoleBody].(*font.TrueType).Glyphs()
	if err != nil {
		f.Fatal(err)
	}
	runes := []rune(fontText)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	sub, err := g.Subset(runes)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sub.Font)
	// A face with CFF outlines, which the subset converts.
	if otf, err := os.ReadFile("../font/testdata/test-fangsong-cff.otf"); err == nil {
		f.Add(otf)
	}
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0c"))
	f.Add([]byte("\x00\x01\x00\x00\x00\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "user.ttf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		face, err := font.Load(path, 0)
		if err != nil {
			var fe *font.Error
			if !errors.As(err, &fe) {
				t.Fatalf("font.Load error %v (%T) is not a *font.Error", err, err)
			}
			return
		}
		faces := map[font.Role]font.Face{}
		metrics := map[font.Role]font.Metrics{}
		for r, f := range def {
			faces[r], metrics[r] = f, f
		}
		faces[font.RoleBody], metrics[font.RoleBody] = face, face
		d := &doc.Document{Blocks: []doc.Block{
			{Kind: doc.Title, Text: "工作总结"},
			{Kind: doc.Paragraph, Text: fontText},
		}}
		res, err := layout.Layout(d, layout.NewOptions(metrics))
		if err != nil {
			return
		}
		var out bytes.Buffer
		_ = pdf.Write(&out, res, pdf.Options{Faces: faces})
	})
}
