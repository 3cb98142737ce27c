package html

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

// bodyTag matches a tag in the page body.
var bodyTag = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`)

// allowed are the elements the body may hold: what the block model admits
// (headings, paragraphs, the divs, a table's parts) and the inline markup
// of templates.
var allowed = map[string]bool{
	"h1": true, "h2": true, "h3": true, "h4": true, "p": true, "div": true,
	"em": true, "strong": true, "a": true, "code": true, "br": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
}

// FuzzRender renders arbitrary Markdown. It must never panic; it must
// accept exactly the Markdown doc.FromMarkdown accepts, with the same
// error; and a page's body holds only the elements the model admits, with
// no script and no javascript: link.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	golden, _ := filepath.Glob("../build/testdata/golden/*.md")
	for _, p := range append(files, golden...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("# t\n\n[x](javascript:alert(1)) <script>alert(1)</script>\n"))
	// Issue 13: the page lost the spaces the PDF has.
	f.Add([]byte("# t\n\nalpha\n\\<beta\ngamma\n\\$delta\n"))
	f.Add([]byte("# t\n\nalpha\n*beta*\n&amp;gamma  \ndelta\\\nepsilon\n"))
	f.Fuzz(func(t *testing.T, md []byte) {
		page, err := Render(md, Options{})
		_, derr := doc.FromMarkdown(md)
		if (err == nil) != (derr == nil) {
			t.Fatalf("html.Render error %v, doc.FromMarkdown error %v: the writers disagree", err, derr)
		}
		if err != nil {
			if err.Error() != derr.Error() {
				t.Fatalf("html.Render says %q, doc.FromMarkdown %q", err, derr)
			}
			return
		}
		s := string(page)
		i := strings.Index(s, "<body>")
		j := strings.LastIndex(s, "</body>")
		if i < 0 || j < i || !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
			t.Fatalf("not a page:\n%s", s)
		}
		body := s[i+len("<body>") : j]
		for _, m := range bodyTag.FindAllStringSubmatch(body, -1) {
			if !allowed[strings.ToLower(m[2])] {
				t.Fatalf("body holds <%s%s>:\n%s", m[1], m[2], body)
			}
		}
		if strings.Contains(strings.ToLower(body), "href=\"javascript:") {
			t.Fatalf("body links to javascript:\n%s", body)
		}
		d, _ := doc.FromMarkdown(md)
		if got, want := Texts(page), ModelTexts(d); !slices.Equal(got, want) {
			t.Fatalf("the page reads\n%q\nthe block model (and so the PDF)\n%q", got, want)
		}
	})
}
