package html

import (
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/zongjie/zongjie/internal/doc"
)

// Compiled on first use: only tests call Texts.
var (
	blockElement = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<(h[1-4]|p)[^>]*>(.*?)</(?:h[1-4]|p)>`) })
	anyTag       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<[^>]*>`) })
)

// Texts is the text of each heading and paragraph of a page Render wrote,
// as a browser shows it: tags dropped, entities resolved, white space
// collapsed to one space. Tests compare it with ModelTexts: the page must
// say what the PDF says.
func Texts(page []byte) []string {
	body := string(page)
	if i := strings.Index(body, "<body>"); i >= 0 {
		body = body[i:]
	}
	var out []string
	for _, m := range blockElement().FindAllStringSubmatch(body, -1) {
		out = append(out, collapse(html.UnescapeString(anyTag().ReplaceAllString(m[2], ""))))
	}
	return out
}

// ModelTexts is Texts for the block model the PDF is laid out from: one
// entry per block, or per line of a multi-line block.
func ModelTexts(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Lines != nil {
			for _, l := range b.Lines {
				out = append(out, collapse(l))
			}
			continue
		}
		if b.Kind == doc.Table && strings.TrimSpace(b.Text) == "" {
			continue // a table without a caption: no paragraph, in the page or the PDF
		}
		out = append(out, collapse(b.Text))
	}
	return out
}

// collapse is HTML's white-space rule: runs of space, tab and line end
// are one space, none at the ends.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}), " ")
}
