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
