package batch

import (
	"html/template"
	"net/url"
	"path/filepath"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/html"
	"github.com/zongjie/zongjie/internal/prose"
)

func fileLinks(name string, outputs map[build.Format]*Output) []html.Link {
	var out []html.Link
	for _, f := range build.Formats {
		if outputs[f] == nil {
			continue
		}
		// "./" keeps a name such as "a:b" from reading as a URL scheme.
		out = append(out, html.Link{Label: map[build.Format]string{build.Markdown: "Markdown", build.HTML: "HTML", build.PDF: "PDF", build.DOCX: "Word"}[f],
			Href: template.URL("./" + url.PathEscape(name+"."+string(f)))})
	}
	return out
}

// notes renders diagnostics with the file's base name only: the index must
// not depend on where the batch was run from.
func notes(l diag.List) []html.Note {
	var out []html.Note
	for _, d := range l {
		d.File = filepath.Base(d.File)
		out = append(out, html.Note{Error: d.Severity == diag.Error, Text: d.Error()})
	}
	return out
}

func rate(part, whole int) string { return prose.Percent(part, whole) }
