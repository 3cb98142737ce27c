package build

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdftext"
)

const reportSample = "../../samples/planning-bureau-report.toml"

// TestReportParts builds the sample 报告 and checks where GB/T 9704 puts
// its parts, in the PDF's own text (pdftext) and in the layout's rules:
//   - 主送机关 on the grid line after the title's blank line, flush left,
//     the body's first line right under it;
//   - 附件说明 one blank line under the body, 附件 2 characters in, the
//     second number under the first, a wrapped name under its first
//     character; then the signature;
//   - the 版记 on the last page's last grid lines in 四号: 抄送 one
//     character in, the 印发机关 one character in from the left and the
//     印发日期 ending one character in from the right on the last line; a
//     thick rule above it and on the text block's bottom edge, a thin one
//     between 抄送 and 印发.
func TestReportParts(t *testing.T) {
	dir := t.TempDir()
	if res := testBuilder(t).File(reportSample, dir, []Format{Markdown, PDF}); res.Diags.HasErrors() || len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	_, s, _ := readSheet(t, reportSample)
	data, err := os.ReadFile(filepath.Join(dir, name(reportSample)+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	// Spans in layout coordinates (y down, top of the em box).
	type span struct {
		page    int
		x, top  float64
		size, w float64
		s       string
	}
	body := metricsOfBuilder(testBuilder(t))[font.RoleBody]
	var spans []span
	for pi, p := range pages {
		for _, sp := range p.Spans {
			asc := body.Ascent() * sp.Size // layout's baseline: the top plus the body face's ascent
			spans = append(spans, span{pi + 1, sp.X, p.Height - sp.Y - asc, sp.Size, sp.Width - sp.CharSpacing, sp.S})
		}
	}
	find := func(prefix string) span {
		t.Helper()
		i := slices.IndexFunc(spans, func(sp span) bool { return strings.HasPrefix(sp.s, prefix) })
		if i < 0 {
			t.Fatalf("no text starting %q in the PDF", prefix)
		}
		return spans[i]
	}
	gridOf := func(sp span) float64 { return (sp.top - topEdge) / gridPitch }
	em := func(s string, size float64) float64 {
		w := 0.0
		for _, r := range s {
			a, _ := body.Advance(r)
			w += a
		}
		return w * size
	}

	// 主送机关.
	to := find("县委创先争优活动领导小组：")
	if to.page != 1 || !near(to.x, leftEdge) {
		t.Errorf("主送机关 on page %d at x %.2f, want page 1 flush left at %.2f", to.page, to.x, leftEdge)
	}
	title := find(s.Document.Title[:9])
	if g := gridOf(to); math.Abs(g-math.Round(g)) > 0.05 || to.top-title.top < 33 || to.top-title.top > 2*gridPitch+33 {
		t.Errorf("主送机关 at grid %.2f, %.1f pt under the title: want the grid line after the title's blank line", g, to.top-title.top)
	}
	next := spans[slices.IndexFunc(spans, func(sp span) bool { return sp == to })+1]
	if !near(next.top-to.top, gridPitch) || !near(next.x, leftEdge+2*bodySize) {
		t.Errorf("the body starts %.2f pt under the 主送机关 at x %.2f, want the next grid line, 2 characters in", next.top-to.top, next.x)
	}

	// 附件说明.
	a1, a2 := find("附件："), find("2. ")
	if !near(a1.x, leftEdge+2*bodySize) {
		t.Errorf("附件 at x %.2f, want 2 characters in (%.2f)", a1.x, leftEdge+2*bodySize)
	}
	if want := a1.x + em("附件：", bodySize); math.Abs(a2.x-want) > 0.5 {
		t.Errorf("2. at x %.2f, want under 1. at %.2f", a2.x, want)
	}
	if a2.page != a1.page || !near(a2.top-a1.top, gridPitch) {
		t.Errorf("2. is %.2f pt under 附件：1., want the next grid line", a2.top-a1.top)
	}
	prev := spans[slices.IndexFunc(spans, func(sp span) bool { return sp == a1 })-1]
	if prev.page == a1.page && !near(a1.top-prev.top, 2*gridPitch) {
		t.Errorf("附件说明 %.2f pt under the body's last line, want one blank grid line (%.2f)", a1.top-prev.top, 2*gridPitch)
	}
	// The long second name wraps under its own first character.
	i2 := slices.IndexFunc(spans, func(sp span) bool { return sp == a2 })
	if wrap := spans[i2+1]; wrap.page == a2.page && near(wrap.top-a2.top, gridPitch) {
		if want := a2.x + em("2. ", bodySize); math.Abs(wrap.x-want) > 0.5 {
			t.Errorf("the wrapped name starts at %.2f, want under its first character at %.2f", wrap.x, want)
		}
	} else {
		t.Errorf("the sample's second attachment does not wrap (next span %q)", wrap.s)
	}
	sig := find(s.Document.Unit)
	if sig.page < a1.page || sig.page == a1.page && sig.top < a2.top {
		t.Error("the signature is not under the 附件说明")
	}

	// 版记.
	last := len(pages)
	cc, issued := find("抄送："), find(s.Document.IssuedBy)
	date := find("2011年1月21日印发")
	for _, sp := range []span{cc, issued, date} {
		if sp.page != last || sp.size != folioSize {
			t.Errorf("%q on page %d in %.2f pt, want the last page (%d) in 四号 (14 pt)", sp.s, sp.page, sp.size, last)
		}
	}
	lastGrid := topEdge + float64(linesPage-1)*gridPitch
	if math.Abs(issued.top-lastGrid) > 1 || math.Abs(date.top-lastGrid) > 1 {
		t.Errorf("印发 line at %.2f pt, want the last grid line (%.2f)", issued.top, lastGrid)
	}
	if !near(cc.x, leftEdge+folioSize) || !near(issued.x, leftEdge+folioSize) {
		t.Errorf("抄送 at %.2f and 印发机关 at %.2f, want one character in (%.2f)", cc.x, issued.x, leftEdge+folioSize)
	}
	if end := date.x + em(date.s, folioSize); math.Abs(end-(rightEdge-folioSize)) > 0.5 {
		t.Errorf("印发日期 ends at %.2f, want one character in from the right (%.2f)", end, rightEdge-folioSize)
	}
	if cc.top >= issued.top {
		t.Error("抄送 is not above the 印发 line")
	}

	// The rules, from the layout.
	d, res := laidOut(t, filepath.Join(dir, name(reportSample)+".md"))
	_ = d
	var rules []layout.Rule
	for _, r := range res.Pages[last-1].Rules {
		if r.Block == -1 {
			rules = append(rules, r)
		}
	}
	if len(rules) != 3 {
		t.Fatalf("版记 has %d rules, want 3", len(rules))
	}
	slices.SortFunc(rules, func(a, b layout.Rule) int { return int(a.Y1 - b.Y1) })
	for _, r := range rules {
		if r.Y1 != r.Y2 || !near(r.X1, leftEdge) || !near(r.X2, rightEdge) {
			t.Errorf("rule %+v is not a horizontal line across the text block", r)
		}
	}
	if !(rules[0].Y1 < cc.top && cc.top < rules[1].Y1 && rules[1].Y1 < issued.top && issued.top < rules[2].Y1) {
		t.Errorf("rules at %.1f, %.1f, %.1f do not frame 抄送 (%.1f) and 印发 (%.1f)", rules[0].Y1, rules[1].Y1, rules[2].Y1, cc.top, issued.top)
	}
	if !near(rules[2].Y1, topEdge+225*mm) {
		t.Errorf("the last rule at %.2f, want the text block's bottom edge (%.2f)", rules[2].Y1, topEdge+225*mm)
	}
	if !near(rules[0].Width, 0.35*mm) || !near(rules[1].Width, 0.25*mm) || !near(rules[2].Width, 0.35*mm) {
		t.Errorf("rule widths %.2f %.2f %.2f pt, want 0.35 mm, 0.25 mm, 0.35 mm", rules[0].Width, rules[1].Width, rules[2].Width)
	}
	for _, b := range d.Blocks {
		if b.Kind == doc.Imprint && len(b.Lines) != 3 {
			t.Errorf("版记 block has %d lines", len(b.Lines))
		}
	}
}
