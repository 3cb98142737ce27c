package build

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/docx"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdftext"
)

// laidOut lays out a built Markdown file as the PDF writer gets it.
func laidOut(t *testing.T, mdPath string) (*doc.Document, *layout.Result) {
	t.Helper()
	md, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.FromMarkdown(md)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.Layout(d, layout.NewOptions(metricsOfBuilder(testBuilder(t))))
	if err != nil {
		t.Fatal(err)
	}
	return d, res
}

type gridKey struct{ page, grid int }

// tableGrid lists the grid lines that tables' lines sit on, and the
// 附件说明's and the 版记's, which TestReportParts checks.
func tableGrid(res *layout.Result) map[gridKey]bool {
	m := map[gridKey]bool{}
	for _, p := range res.Pages {
		for _, l := range p.Lines {
			if l.Kind == doc.Table || l.Kind == doc.Attachments || l.Kind == doc.Imprint {
				m[gridKey{p.Number, l.Grid}] = true
			}
		}
	}
	return m
}

const tableSample = "../../samples/housing-bureau-table.toml"

// TestTableGeometry sets the sample whose table crosses a page and checks
// the table in the laid-out pages and, through pdftotext, in the PDF: the
// header row is repeated at the top of the page the table goes on to, no
// row is split, every cell's text lies inside its cell's rules.
func TestTableGeometry(t *testing.T) {
	dir := t.TempDir()
	if res := testBuilder(t).File(tableSample, dir, []Format{Markdown, PDF}); res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	d, res := laidOut(t, filepath.Join(dir, name(tableSample)+".md"))
	type rowKey struct{ block, row int }
	rowPage := map[rowKey]int{}
	crossed := 0
	for _, p := range res.Pages {
		first := map[int]int{} // table block → Row of its first line on the page (not the caption)
		for _, l := range p.Lines {
			if l.Kind != doc.Table {
				continue
			}
			if _, seen := first[l.Block]; !seen && l.Row >= 0 {
				first[l.Block] = l.Row
			}
			if l.Row < 0 {
				continue
			}
			k := rowKey{l.Block, l.Row}
			if pg, ok := rowPage[k]; ok && pg != p.Number && l.Row > 0 {
				t.Errorf("table %d row %d is split over pages %d and %d", l.Block, l.Row, pg, p.Number)
			}
			if l.Row > 0 || rowPage[k] == 0 {
				rowPage[k] = p.Number
			}
			// Inside its cell: between the column's rules, and between
			// the rules above and below its grid line.
			xs, ys := ruleLines(p.Rules, l.Block)
			if l.Col+1 >= len(xs) {
				t.Fatalf("page %d: %d column rules for column %d", p.Number, len(xs), l.Col)
			}
			for _, r := range l.Runs {
				if r.X < xs[l.Col]+1 || r.X+r.Width > xs[l.Col+1]-1 {
					t.Errorf("page %d: %q at %.1f–%.1f outside its column %.1f–%.1f", p.Number, r.Text, r.X, r.X+r.Width, xs[l.Col], xs[l.Col+1])
				}
			}
			above := slices.IndexFunc(ys, func(y float64) bool { return y > l.Top }) - 1
			if above < 0 || above+1 >= len(ys) || l.Top+bodySize > ys[above+1] {
				t.Errorf("page %d: line %q (%.1f–%.1f) is not between two rules %v", p.Number, l.Runs[0].Text, l.Top, l.Top+bodySize, ys)
			}
		}
		for b, row := range first {
			if row != 0 {
				t.Errorf("page %d: table %d starts with row %d, not the header", p.Number, b, row)
			}
			if p.Number > 1 && slices.ContainsFunc(res.Pages[p.Number-2].Lines, func(l layout.Line) bool { return l.Block == b }) {
				crossed++
			}
		}
	}
	if crossed == 0 {
		t.Fatal("the sample's table does not cross a page")
	}

	// The same in the PDF's text: the page the table goes on to starts
	// with the header row's cells on one baseline, and each row's first
	// cell begins on one page only.
	var tbl *doc.TableData
	for _, b := range d.Blocks {
		if b.Table != nil && tbl == nil {
			tbl = b.Table
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, name(tableSample)+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	headers := 0
	for pi, pg := range pages {
		for i, sp := range pg.Spans {
			if sp.S != tbl.Header[0] {
				continue
			}
			var row []string
			for _, o := range pg.Spans[i:] {
				if o.Y == sp.Y {
					row = append(row, o.S)
				}
			}
			if !slices.Equal(row, tbl.Header) {
				continue // the same word in another table's cell
			}
			headers++
			if pi > 0 && i != 0 {
				t.Errorf("page %d: the repeated header is span %d, not the first on the page", pi+1, i+1)
			}
		}
	}
	if headers != crossed+1 {
		t.Errorf("the PDF shows the header %d times, want %d", headers, crossed+1)
	}
	for _, r := range tbl.Rows {
		on := 0
		for _, pg := range pages {
			if slices.ContainsFunc(pg.Spans, func(sp pdftext.Span) bool {
				return utf8.RuneCountInString(sp.S) >= 2 && strings.HasPrefix(r[0], sp.S)
			}) {
				on++
			}
		}
		if on != 1 {
			t.Errorf("row %q begins on %d pages", r[0], on)
		}
	}
}

// ruleLines returns the x of a table's vertical rules and the y of its
// horizontal ones on a page, sorted and distinct.
func ruleLines(rules []layout.Rule, block int) (xs, ys []float64) {
	for _, r := range rules {
		if r.Width <= 0 || r.Block != block {
			continue
		}
		if r.X1 == r.X2 {
			xs = append(xs, r.X1)
		} else if r.Y1 == r.Y2 {
			ys = append(ys, r.Y1)
		}
	}
	slices.Sort(xs)
	slices.Sort(ys)
	return slices.Compact(xs), slices.Compact(ys)
}

var htmlCell = regexp.MustCompile(`(?s)<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>`)

// TestTableCellsEverywhere: the table sample's HTML and DOCX hold the same
// cells as its Markdown, in order.
func TestTableCellsEverywhere(t *testing.T) {
	out := render(t, tableSample)
	d, err := doc.FromMarkdown(out[Markdown])
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, b := range d.Blocks {
		if b.Table != nil {
			for _, r := range append([][]string{b.Table.Header}, b.Table.Rows...) {
				want = append(want, r...)
			}
		}
	}
	if len(want) < 40 {
		t.Fatalf("only %d cells in the sample's tables", len(want))
	}
	var inHTML []string
	for _, m := range htmlCell.FindAllStringSubmatch(string(out[HTML]), -1) {
		inHTML = append(inHTML, html.UnescapeString(m[1]))
	}
	if !slices.Equal(inHTML, want) {
		t.Errorf("HTML cells\n%q\nwant\n%q", inHTML, want)
	}
	ps, err := docx.Read(out[DOCX])
	if err != nil {
		t.Fatal(err)
	}
	var inDOCX []string
	for _, p := range ps {
		if p.Cell {
			inDOCX = append(inDOCX, p.Text)
		}
	}
	if !slices.Equal(inDOCX, want) {
		t.Errorf("DOCX cells\n%q\nwant\n%q", inDOCX, want)
	}
}
