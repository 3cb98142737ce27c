package check

import (
	"regexp"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

var markupPatterns = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*[\s/>]`), "HTML 标签"},
	{regexp.MustCompile(`&[A-Za-z]+;|&#[0-9]+;`), "HTML 字符实体"},
	{regexp.MustCompile(`\*\*|__`), "Markdown 加粗标记"},
	{regexp.MustCompile(`\[[^\]]*\]\([^)]*\)`), "Markdown 链接"},
	{regexp.MustCompile(`(?m)^\s*(#{1,6}\s|>\s|[-+*]\s|\d+[.)]\s|:::|---|===|\|)`), "行首的 Markdown 结构标记"},
}

// Markup warns about text that would change the document's structure if
// it were taken as Markdown or HTML. zongjie prints it literally, which may
// not be what the clerk meant.
func Markup(s *sheet.Sheet, _ *figures.Table, r *Report) {
	for _, t := range r.allTexts() {
		for _, p := range markupPatterns {
			if loc := p.re.FindStringIndex(t.Value); loc != nil {
				r.WarnInText(t.Path, t.Value, loc[0], "%s 含有 %s“%s”：zongjie 会把它原样印出，不会当作格式；如需分段请用空行，如需强调请改写措辞", t.Path, p.what, diag.Quote(t.Value[loc[0]:loc[1]]))
				break
			}
		}
	}
}
