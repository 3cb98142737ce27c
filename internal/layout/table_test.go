package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
)

func TestColumnWidths(t *testing.T) {
	L, R := doc.AlignLeft, doc.AlignRight
	sum := func(w []float64) float64 {
		s := 0.0
		for _, x := range w {
			s += x
		}
		return s
	}
	// Fits: widened in proportion to fill the line.
	w := ColumnWidths([]float64{10, 30}, []doc.Align{L, R}, 100, 5)
	if !near(w[0], 25) || !near(w[1], 75) {
		t.Errorf("fitting columns %v, want [25 75]", w)
	}
	// Too wide: the number column keeps its width, the narrow text column
	// its natural width, the widest takes the rest and wraps.
	w = ColumnWidths([]float64{20, 10, 200}, []doc.Align{L, R, L}, 100, 5)
	if !near(w[1], 10) || !near(w[0], 20) || !near(w[2], 70) || !near(sum(w), 100) {
		t.Errorf("too wide %v, want [20 10 70]", w)
	}
	// Two wide text columns share equally.
	w = ColumnWidths([]float64{200, 200}, []doc.Align{L, L}, 100, 5)
	if !near(w[0], 50) || !near(w[1], 50) {
		t.Errorf("two wide %v, want [50 50]", w)
	}
	// Numbers too wide for the line: all in proportion.
	w = ColumnWidths([]float64{100, 100}, []doc.Align{R, R}, 100, 5)
	if !near(sum(w), 100) || !near(w[0], 50) {
		t.Errorf("wide numbers %v", w)
	}
}

// TestTallRow: a row taller than a page is split where the page ends, the
// header repeated above its rest; rows that fit are never split.
func TestTallRow(t *testing.T) {
	long := strings.Repeat("很长的说明文字，", 150) // many lines in a narrow cell
	d := &doc.Document{Blocks: []doc.Block{
		{Kind: doc.Title, Text: "标题"},
		{Kind: doc.Table, Text: "表题", Table: &doc.TableData{
			Header: []string{"项目", "说明"},
			Align:  []doc.Align{doc.AlignLeft, doc.AlignLeft},
			Rows:   [][]string{{"第一项", "短"}, {"第二项", long}, {"第三项", "短"}},
		}},
	}}
	res := mustLayout(t, d)
	rowPages := map[int][]int{}
	for _, p := range res.Pages {
		first := -2
		for _, l := range p.Lines {
			if l.Kind != doc.Table || l.Row < 0 {
				continue
			}
			if first == -2 {
				first = l.Row
			}
			if !slices.Contains(rowPages[l.Row], p.Number) {
				rowPages[l.Row] = append(rowPages[l.Row], p.Number)
			}
		}
		if first != -2 && first != 0 {
			t.Errorf("page %d: the table goes on with row %d, not the header", p.Number, first)
		}
	}
	if len(rowPages[2]) < 2 {
		t.Fatalf("the tall row is on pages %v: the test needs it taller than a page", rowPages[2])
	}
	if len(rowPages[1]) != 1 || len(rowPages[3]) != 1 {
		t.Errorf("short rows on pages %v and %v, want one page each", rowPages[1], rowPages[3])
	}
	for _, p := range res.Pages {
		for _, l := range p.Lines {
			if l.Grid >= 22 {
				t.Errorf("page %d: line on grid %d, past the page", p.Number, l.Grid)
			}
		}
	}
}

// FuzzTable lays out a table of arbitrary cells: it never panics, every
// cell line lies inside its column's rules and on the page's grid, and
// every row but one taller than a page stands on one page.
func FuzzTable(f *testing.F) {
	f.Add("党支部|党员|说明", "机关第一党支部|32|全部参加", 5, uint8(0b010))
	f.Add("a", "", 1, uint8(0))
	f.Add("项目|很长的列名很长的列名很长的列名很长的列名", "1|"+strings.Repeat("说明，", 80), 30, uint8(1))
	f.Add(strings.Repeat("列|", 40), strings.Repeat("12345|", 40), 3, uint8(255))
	f.Fuzz(func(t *testing.T, header, row string, rows int, right uint8) {
		hs := strings.Split(header, "|")
		// Up to 28 columns: one character each on the 28-character line.
		if len(hs) > 28 || rows < 0 || rows > 80 || len(row) > 2000 {
			return
		}
		td := &doc.TableData{Header: hs}
		for c := range hs {
			a := doc.AlignLeft
			if right>>(c%8)&1 == 1 {
				a = doc.AlignRight
			}
			td.Align = append(td.Align, a)
		}
		cells := strings.Split(row, "|")
		for range rows {
			r := make([]string, len(hs))
			copy(r, cells)
			td.Rows = append(td.Rows, r)
		}
		d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"}, {Kind: doc.Table, Text: "表", Table: td}}}
		res, err := Layout(d, NewOptions(fakeFaces()))
		if err != nil {
			return // a character no face has
		}
		for _, p := range res.Pages {
			var xs []float64
			for _, r := range p.Rules {
				if r.X1 == r.X2 {
					xs = append(xs, r.X1)
				}
			}
			slices.Sort(xs)
			xs = slices.Compact(xs)
			for _, l := range p.Lines {
				if l.Kind != doc.Table || l.Row < 0 {
					continue
				}
				if l.Grid < 0 || l.Grid >= 22 {
					t.Fatalf("page %d: table line on grid %d", p.Number, l.Grid)
				}
				if l.Col+1 >= len(xs) {
					t.Fatalf("page %d: column %d of %d rules", p.Number, l.Col, len(xs))
				}
				for _, r := range l.Runs {
					// A stretch wider than its cell is broken where it
					// overflows, so a single glyph may be wider than a
					// very narrow cell; text never starts left of it.
					if r.X < xs[l.Col]-tol || r.Width > 0 && r.X > xs[l.Col+1]+tol {
						t.Fatalf("page %d: %q at %.1f outside column %.1f–%.1f", p.Number, r.Text, r.X, xs[l.Col], xs[l.Col+1])
					}
				}
			}
		}
	})
}

// A header taller than a page is split where the page ends, like a row
// (FuzzTable found one set past the last grid line).
func TestTallHeader(t *testing.T) {
	td := &doc.TableData{Header: []string{strings.Repeat("f", 3000), "0"}, Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
		Rows: [][]string{{"甲", "1"}, {"乙", "2"}}}
	d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"}, {Kind: doc.Table, Text: "表", Table: td}}}
	res, err := Layout(d, NewOptions(fakeFaces()))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, p := range res.Pages {
		for _, l := range p.Lines {
			if l.Kind == doc.Table && (l.Grid < 0 || l.Grid >= 22) {
				t.Fatalf("page %d: table line on grid %d", p.Number, l.Grid)
			}
			if l.Kind == doc.Table && l.Row > 0 {
				rows++
			}
		}
	}
	if len(res.Pages) < 2 || rows < 2 {
		t.Errorf("%d pages, %d row lines: the header did not go on overleaf or the rows were lost", len(res.Pages), rows)
	}
}
