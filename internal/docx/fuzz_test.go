package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

// FuzzWrite writes any Markdown the block model accepts as DOCX and reads
// it back: the file always opens, and every block's text comes back in
// order (less the control characters XML cannot hold), so a user's text
// never becomes structure in Word either.
func FuzzWrite(f *testing.F) {
	files, _ := filepath.Glob("../build/testdata/golden/*.md")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("# A&B <c>\n\n::: to\n甲：\n:::\n\n正文 ]]> \"'\n\n::: imprint\n抄送：乙。\n\n丙\n\n2011年1月21日印发\n:::\n"))
	f.Fuzz(func(t *testing.T, md []byte) {
		d, err := doc.FromMarkdown(md)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, d, Options{Title: "t", Created: created}); err != nil {
			t.Fatal(err)
		}
		ps, err := Read(buf.Bytes())
		if err != nil {
			t.Fatalf("the DOCX does not read back: %v", err)
		}
		var got, want strings.Builder
		for _, p := range ps {
			got.WriteString(p.Text)
		}
		for _, b := range d.Blocks {
			want.WriteString(b.Text)
			if b.Table != nil {
				for _, r := range append([][]string{b.Table.Header}, b.Table.Rows...) {
					want.WriteString(strings.Join(r, ""))
				}
			}
		}
		keep := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
					return -1
				}
				return r
			}, s)
		}
		if g, w := keep(got.String()), keep(want.String()); g != w {
			t.Fatalf("DOCX text\n%q\nwant\n%q", g, w)
		}
	})
}
