package layout

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

func TestDefaultsFillTheTextBlock(t *testing.T) {
	o := NewOptions(nil)
	if !near(o.MarginTop, topEdge) || !near(o.MarginLeft, leftEdge) || !near(o.MarginLeft+o.TextWidth, rightEdge) {
		t.Fatalf("margins %.3f/%.3f/%.3f", o.MarginTop, o.MarginLeft, o.MarginLeft+o.TextWidth)
	}
	// 22 grid lines of 三号 must fit the 225 mm block within the ±1 mm
	// tolerance, and 28 characters the 156 mm line.
	h := float64(o.LinesPerPage-1)*o.GridPitch + o.BodySize
	if h > o.TextHeight+tol || o.TextHeight-h > ptPerMM {
		t.Errorf("22 lines take %.2f pt of the %.2f pt text block", h, o.TextHeight)
	}
	if w := 28 * o.BodySize; w > o.TextWidth || o.TextWidth-w > ptPerMM {
		t.Errorf("28 characters take %.2f pt of %.2f", w, o.TextWidth)
	}
}

func TestFirstBodyLineGeometry(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{para(linesOf(3))}}
	res := mustLayout(t, d)
	ln := res.Pages[0].Lines[0]
	if ln.Grid != 0 || !near(ln.Top, topEdge) || !near(ln.Top, 104.88) {
		t.Errorf("first line grid %d top %.3f, want 0 and %.3f", ln.Grid, ln.Top, topEdge)
	}
	if !near(ln.Baseline, ln.Top+0.88*body) || !near(ln.Runs[0].Y, ln.Baseline) {
		t.Errorf("baseline %.3f run Y %.3f, want %.3f", ln.Baseline, ln.Runs[0].Y, ln.Top+0.88*body)
	}
	if x := ln.Runs[0].X; !near(x, leftEdge+2*body) || !near(x, 79.37+31.5) {
		t.Errorf("first line x %.3f, want %.3f", x, leftEdge+2*body)
	}
	if r := ln.Runs[0]; r.Role != font.RoleBody || r.Size != body {
		t.Errorf("run role %s size %v", r.Role, r.Size)
	}
	second := res.Pages[0].Lines[1]
	if second.Grid != 1 || !near(second.Top, topEdge+pitch) || !near(second.Runs[0].X, leftEdge) {
		t.Errorf("second line grid %d top %.3f x %.3f", second.Grid, second.Top, second.Runs[0].X)
	}
	if res.Width != 595.28 || res.Height != 841.89 {
		t.Errorf("page %vx%v", res.Width, res.Height)
	}
}

func TestSampleDocument(t *testing.T) {
	d := sampleDoc()
	res := mustLayout(t, d)
	checkRoundTrip(t, d, res)
	checkJustified(t, d, res)
	checkBreaks(t, d, res)
	if len(res.Pages) < 2 {
		t.Fatalf("sample fits %d page; want a multi-page test", len(res.Pages))
	}
	for _, p := range res.Pages {
		seen := map[int]bool{}
		for _, ln := range p.Lines {
			if ln.Grid < 0 {
				continue
			}
			if ln.Grid >= 22 || seen[ln.Grid] {
				t.Errorf("page %d: grid line %d out of range or used twice", p.Number, ln.Grid)
			}
			seen[ln.Grid] = true
			if want := topEdge + float64(ln.Grid)*pitch; !near(ln.Top, want) {
				t.Errorf("page %d grid %d top %.3f, want %.3f", p.Number, ln.Grid, ln.Top, want)
			}
		}
		if len(seen) > 22 {
			t.Errorf("page %d has %d grid lines", p.Number, len(seen))
		}
	}
}

// TestStressShifted sets the stress paragraph behind 0..40 characters of
// lead-in, so every mark, number and —— lands at a line end somewhere.
func TestStressShifted(t *testing.T) {
	for shift := 0; shift <= 40; shift++ {
		d := &doc.Document{Blocks: []doc.Block{
			para(cycled(shift) + stress),
			{Kind: doc.Heading2, Text: "（" + cycled(shift%5) + "）" + stress[:len(stress)/3]},
		}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		checkJustified(t, d, res)
		checkBreaks(t, d, res)
		if t.Failed() {
			t.Fatalf("shift %d", shift)
		}
	}
}

// TestDigitsKeepTheirWidth: Latin and digits keep their own advance, with
// LatinGap of space between them and hanzi.
func TestDigitsKeepTheirWidth(t *testing.T) {
	for _, gap := range []float64{0, 0.25} {
		opt := NewOptions(fakeFaces())
		opt.LatinGap = gap
		d := &doc.Document{Blocks: []doc.Block{para("共2011名党员")}}
		res, err := Layout(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		gs := glyphs(res.Pages[0].Lines[0])
		// 共 2 0 1 1 名
		if got, want := gs[1].x-gs[0].x, body*(1+gap); !near(got, want) {
			t.Errorf("gap %v: 共→2 %.3f, want %.3f", gap, got, want)
		}
		if got, want := gs[4].x-gs[1].x, 3*body/2; !near(got, want) {
			t.Errorf("gap %v: digits advance %.3f, want %.3f", gap, got, want)
		}
		if got, want := gs[5].x-gs[4].x, body*(0.5+gap); !near(got, want) {
			t.Errorf("gap %v: 1→名 %.3f, want %.3f", gap, got, want)
		}
		if strings.Contains(lineText(res.Pages[0].Lines[0]), " ") {
			t.Error("a space character was inserted")
		}
	}
}

// TestAdjacentMarks: two full-width marks in a row take 1.5 characters,
// and the half removed is a blank half of one of them, drawn half-width:
// the closing mark's right half, else the opening mark's left half.
func TestAdjacentMarks(t *testing.T) {
	cases := []struct {
		text string
		want float64 // ems from the first mark's start to the next hanzi
		half string  // the half-width glyph and the side cut, or ""
	}{
		{"书》，文", 1.5, "》R"},
		{"好。”文", 1.5, "。R"},
		{"文）、文", 1.5, "）R"},
		{"文，“文", 1.5, "，R"},
		{"文（“文", 1.5, "“L"},
		{"文（）文", 2, ""}, // no blank between the glyphs
		{"文，文文", 2, ""}, // a lone mark keeps its full width
		{"文！”文", 2, ""}, // ！ is not squeezed
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: []doc.Block{para(c.text)}}
		res := mustLayout(t, d)
		ln := res.Pages[0].Lines[0]
		gs := glyphs(ln)
		if got := (gs[3].x - gs[1].x) / body; math.Abs(got-c.want) > 1e-6 {
			t.Errorf("%s: %.3f em, want %.3f", c.text, got, c.want)
		}
		half := ""
		for _, ru := range ln.Runs {
			rs := []rune(ru.Text)
			for _, h := range ru.Halves {
				half += string(rs[h.At]) + map[bool]string{true: "L", false: "R"}[h.Left]
			}
		}
		if half != c.half {
			t.Errorf("%s: half-width %q, want %q", c.text, half, c.half)
		}
		if len(ln.Runs) != 1 {
			t.Errorf("%s: %d runs, want 1 (a cut gap needs no new run)", c.text, len(ln.Runs))
		}
	}
}

// TestSqueezeBeforePush: a line whose next character may not start a line
// first squeezes its punctuation to take that character in, and pushes a
// character down only when there is nothing to squeeze.
func TestSqueezeBeforePush(t *testing.T) {
	// The first line holds 26 characters; the 27th is 。.
	withCommas := "推进规划，编制工作严格，耕地保护推进规划编制工作严" + "格。" + cycled(30)
	noCommas := cycled(26) + "。" + cycled(30)
	cases := []struct {
		name, text string
		firstLine  string
	}{
		{"squeeze", withCommas, "推进规划，编制工作严格，耕地保护推进规划编制工作严格。"},
		{"push", noCommas, cycled(25)},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: []doc.Block{para(c.text)}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		checkJustified(t, d, res)
		checkBreaks(t, d, res)
		if got := lineText(res.Pages[0].Lines[0]); got != c.firstLine {
			t.Errorf("%s: first line %q, want %q", c.name, got, c.firstLine)
		}
	}
}

func TestNumbersNeverSplit(t *testing.T) {
	for _, num := range []string{"2011", "96.5%", "1250.6", "5G", "COVID-19", "100%"} {
		for shift := 20; shift <= 28; shift++ {
			text := cycled(shift) + num + "年" + cycled(40)
			d := &doc.Document{Blocks: []doc.Block{para(text)}}
			res := mustLayout(t, d)
			checkRoundTrip(t, d, res)
			for _, ln := range blockLines(res, 0) {
				s := lineText(ln)
				if strings.Contains(s, num[:1]) && !strings.Contains(s, num) {
					t.Errorf("%s split at shift %d: %q", num, shift, s)
				}
			}
		}
	}
}

func TestTitleBalancedAndCentred(t *testing.T) {
	// 30 hanzi at 22 pt: a greedy break gives 20 + 10.
	title := cycled(30)
	d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: title}, para(linesOf(2))}}
	res := mustLayout(t, d)
	checkRoundTrip(t, d, res)
	lines := blockLines(res, 0)
	if len(lines) != 2 {
		t.Fatalf("title in %d lines", len(lines))
	}
	var ws []float64
	for i, ln := range lines {
		gs := glyphs(ln)
		w := gs[len(gs)-1].x + gs[len(gs)-1].w - gs[0].x
		ws = append(ws, w)
		if mid := gs[0].x + w/2; !near(mid, (leftEdge+rightEdge)/2) {
			t.Errorf("title line %d centred at %.2f, want %.2f", i, mid, (leftEdge+rightEdge)/2)
		}
		if ln.Runs[0].Role != font.RoleTitle || ln.Runs[0].Size != 22 {
			t.Errorf("title run %s %v", ln.Runs[0].Role, ln.Runs[0].Size)
		}
		if want := topEdge + float64(i)*33; !near(ln.Top, want) {
			t.Errorf("title line %d top %.2f, want %.2f", i, ln.Top, want)
		}
	}
	if math.Abs(ws[0]-ws[1]) > 22+tol {
		t.Errorf("title lines %.1f and %.1f pt wide: not balanced", ws[0], ws[1])
	}
	// Two title lines cover grid lines 0–1, line 2 is blank, body on 3.
	if _, ln := where(t, res, 1, 0); ln.Grid != 3 {
		t.Errorf("body after a 2-line title on grid %d, want 3", ln.Grid)
	}
}

func TestTitleSubtitleBody(t *testing.T) {
	cases := []struct {
		name      string
		blocks    []doc.Block
		bodyBlock int
		bodyGrid  int
	}{
		{"title", []doc.Block{{Kind: doc.Title, Text: "工作总结"}, para("正文。")}, 1, 2},
		{"title+subtitle", []doc.Block{{Kind: doc.Title, Text: "工作总结"}, {Kind: doc.Subtitle, Lines: []string{"（讨论稿）"}}, para("正文。")}, 2, 3},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: c.blocks}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		if _, ln := where(t, res, c.bodyBlock, 0); ln.Grid != c.bodyGrid {
			t.Errorf("%s: body on grid %d, want %d", c.name, ln.Grid, c.bodyGrid)
		}
		if c.bodyBlock == 2 {
			_, sub := where(t, res, 1, 0)
			gs := glyphs(sub)
			mid := (gs[0].x + gs[len(gs)-1].x + gs[len(gs)-1].w) / 2
			if sub.Grid != 1 || sub.Runs[0].Role != font.RoleHeading2 || sub.Runs[0].Size != body || !near(mid, (leftEdge+rightEdge)/2) {
				t.Errorf("subtitle grid %d role %s size %v centre %.2f", sub.Grid, sub.Runs[0].Role, sub.Runs[0].Size, mid)
			}
		}
	}
}

func TestHeadings(t *testing.T) {
	long := "（二）坚持问题导向，聚焦群众反映强烈的突出问题，持续深化专项整治，推动各项工作落地见效"
	cases := []struct {
		kind doc.Kind
		text string
		role font.Role
	}{
		{doc.Heading1, "一、主要工作及成效", font.RoleHeading1},
		{doc.Heading2, "（一）扎实推进规划编制。", font.RoleHeading2},
		{doc.Heading3, "1. 强化执法监督。", font.RoleBody},
		{doc.Heading2, long, font.RoleHeading2},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: []doc.Block{{Kind: c.kind, Text: c.text}, para(linesOf(3))}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		checkJustified(t, d, res) // 2-character indent, wraps to the margin, justified
		checkBreaks(t, d, res)
		lines := blockLines(res, 0)
		for _, ln := range lines {
			for _, r := range ln.Runs {
				if r.Role != c.role || r.Size != body {
					t.Errorf("%s: run %s %v, want %s %v", c.text, r.Role, r.Size, c.role, body)
				}
			}
		}
		if c.text == long && len(lines) < 2 {
			t.Errorf("long heading did not wrap")
		}
		if _, ln := where(t, res, 1, 0); ln.Grid != len(lines) {
			t.Errorf("%s: body on grid %d, want %d (no extra space)", c.text, ln.Grid, len(lines))
		}
	}
}

// fill returns n one-line paragraphs.
func fill(n int) []doc.Block {
	bs := make([]doc.Block, n)
	for i := range bs {
		bs[i] = para(linesOf(1))
	}
	return bs
}

func TestHeadingKeepWithNext(t *testing.T) {
	cases := []struct {
		name       string
		filled     int
		follow     []doc.Block
		page, grid int // where the heading lands
	}{
		{"room for heading and 2 lines", 19, []doc.Block{para(linesOf(5))}, 0, 19},
		{"only 1 line after heading", 20, []doc.Block{para(linesOf(5))}, 1, 0},
		{"heading at the foot", 21, []doc.Block{para(linesOf(5))}, 1, 0},
		{"2 lines would leave a widow", 19, []doc.Block{para(linesOf(3))}, 1, 0},
		{"1-line paragraph fits", 20, []doc.Block{para(linesOf(1))}, 0, 20},
		{"heading chain", 19, []doc.Block{{Kind: doc.Heading2, Text: "（一）规划编制"}, para(linesOf(5))}, 1, 0},
		{"heading chain fits", 18, []doc.Block{{Kind: doc.Heading2, Text: "（一）规划编制"}, para(linesOf(5))}, 0, 18},
	}
	for _, c := range cases {
		blocks := append(fill(c.filled), doc.Block{Kind: doc.Heading1, Text: "一、主要工作"})
		blocks = append(blocks, c.follow...)
		d := &doc.Document{Blocks: blocks}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		page, ln := where(t, res, c.filled, 0)
		if page != c.page || ln.Grid != c.grid {
			t.Errorf("%s: heading on page %d grid %d, want page %d grid %d", c.name, page+1, ln.Grid, c.page+1, c.grid)
		}
		// Whatever happened, at least two lines (or all) of text follow
		// the heading on its page.
		var after int
		for _, l := range res.Pages[page].Lines {
			if l.Block > c.filled && l.Kind == doc.Paragraph {
				after++
			}
		}
		if after < 1 {
			t.Errorf("%s: no text after the heading on its page", c.name)
		}
	}
}

func TestWidowOrphan(t *testing.T) {
	cases := []struct {
		name        string
		filled, n   int
		onFirstPage int // lines of the paragraph left on page 1
	}{
		{"fits", 17, 5, 5},
		{"orphan moves whole", 21, 5, 0},
		{"widow pulls a line over", 18, 5, 3},
		{"3 lines, 2 free: whole move", 20, 3, 0},
		{"4 lines, 2 free: 2+2", 20, 4, 2},
		{"2-line paragraph may split", 21, 2, 1},
		{"long paragraph", 10, 30, 12},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: append(fill(c.filled), para(linesOf(c.n)))}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		lines := blockLines(res, c.filled)
		if len(lines) != c.n {
			t.Fatalf("%s: paragraph took %d lines, want %d", c.name, len(lines), c.n)
		}
		perPage := map[int]int{}
		for k := range lines {
			p, _ := where(t, res, c.filled, k)
			perPage[p]++
		}
		if perPage[0] != c.onFirstPage {
			t.Errorf("%s: %d lines on page 1, want %d", c.name, perPage[0], c.onFirstPage)
		}
		if c.n >= 3 {
			for p, k := range perPage {
				if k == 1 {
					t.Errorf("%s: single line alone on page %d", c.name, p+1)
				}
			}
		}
	}
}

func TestPageNumbers(t *testing.T) {
	d := &doc.Document{Blocks: fill(50)}
	res := mustLayout(t, d)
	if len(res.Pages) != 3 {
		t.Fatalf("%d pages, want 3", len(res.Pages))
	}
	top := (37 + 225 + 7) * ptPerMM
	for i, p := range res.Pages {
		var folios []Line
		for _, ln := range p.Lines {
			if ln.Folio {
				folios = append(folios, ln)
			}
		}
		if len(folios) != 1 {
			t.Fatalf("page %d: %d folios", i+1, len(folios))
		}
		f := folios[0]
		want := "— " + string(rune('1'+i)) + " —"
		if got := lineText(f); got != want || f.Block != -1 || p.Number != i+1 {
			t.Errorf("page %d folio %q block %d, want %q", p.Number, got, f.Block, want)
		}
		gs := glyphs(f)
		start, end := gs[0].x, gs[len(gs)-1].x+gs[len(gs)-1].w
		if p.Number%2 == 1 {
			if !near(end, rightEdge-14) {
				t.Errorf("odd page %d folio ends at %.2f, want %.2f", p.Number, end, rightEdge-14)
			}
		} else if !near(start, leftEdge+14) {
			t.Errorf("even page %d folio starts at %.2f, want %.2f", p.Number, start, leftEdge+14)
		}
		if !near(f.Top, top) || !near(f.Runs[0].Y, top+0.88*14) || f.Runs[0].Size != 14 || f.Runs[0].Role != font.RoleBody {
			t.Errorf("page %d folio top %.2f Y %.2f size %v role %s", p.Number, f.Top, f.Runs[0].Y, f.Runs[0].Size, f.Runs[0].Role)
		}
	}
}

func TestSignature(t *testing.T) {
	cases := []struct {
		name, unit, date string
		filled           int
		page, grid       int // where the unit line lands
	}{
		{"name longer", "某某县自然资源局", "2024年1月21日", 3, 0, 4},
		{"date longer", "某某局", "2024年1月21日", 3, 0, 4},
		{"fits at the foot", "某某县自然资源局", "2024年1月21日", 19, 0, 20},
		{"kept together on next page", "某某县自然资源局", "2024年1月21日", 20, 1, 0},
	}
	for _, c := range cases {
		blocks := append(fill(c.filled), doc.Block{Kind: doc.Signature, Text: c.unit + "\n" + c.date, Lines: []string{c.unit, c.date}})
		d := &doc.Document{Blocks: blocks}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		np, name := where(t, res, c.filled, 0)
		dp, date := where(t, res, c.filled, 1)
		if np != c.page || name.Grid != c.grid || dp != np || date.Grid != name.Grid+1 {
			t.Errorf("%s: name page %d grid %d, date page %d grid %d; want page %d grid %d", c.name, np+1, name.Grid, dp+1, date.Grid, c.page+1, c.grid)
		}
		ng, dg := glyphs(name), glyphs(date)
		nx, nEnd := ng[0].x, ng[len(ng)-1].x+ng[len(ng)-1].w
		dx, dEnd := dg[0].x, dg[len(dg)-1].x+dg[len(dg)-1].w
		if nEnd-nx >= dEnd-dx { // name at least as long
			if !near(nEnd, rightEdge-2*body) || !near(dx, nx+2*body) {
				t.Errorf("%s: name ends %.2f (want %.2f), date starts %.2f (want %.2f)", c.name, nEnd, rightEdge-2*body, dx, nx+2*body)
			}
		} else {
			if !near(dEnd, rightEdge-2*body) || !near((nx+nEnd)/2, (dx+dEnd)/2) {
				t.Errorf("%s: date ends %.2f (want %.2f), name centre %.2f date centre %.2f", c.name, dEnd, rightEdge-2*body, (nx+nEnd)/2, (dx+dEnd)/2)
			}
		}
		if c.name == "date longer" && nEnd-nx >= dEnd-dx {
			t.Errorf("test data: date should be longer")
		}
	}
}

func TestMissingGlyph(t *testing.T) {
	faces := fakeFaces()
	faces[font.RoleBody] = fakeFace{lacks: "囧"}
	faces[font.RoleHeading1] = fakeFace{lacks: "囧"}
	opt := NewOptions(faces)

	// Falls back to the first face in font.Roles order that has it.
	d := &doc.Document{Blocks: []doc.Block{para("今天囧了")}}
	res, err := Layout(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, d, res)
	for _, g := range glyphs(res.Pages[0].Lines[0]) {
		want := font.RoleBody
		if g.r == '囧' {
			want = font.RoleTitle
		}
		if g.role != want {
			t.Errorf("%q drawn with %s, want %s", g.r, g.role, want)
		}
	}

	cases := []struct {
		text   string
		r      rune
		cp     string
		offset int
	}{
		{"规划𠀀编制", '𠀀', "U+20000", len("规划")},
		{"控制\x01字符", 0x01, "U+0001", len("控制")},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: []doc.Block{para("第一段。"), para(c.text)}}
		_, err := Layout(d, opt)
		var mg *MissingGlyphError
		if !errors.As(err, &mg) {
			t.Fatalf("%q: error %v, want *MissingGlyphError", c.text, err)
		}
		if mg.Rune != c.r || mg.CodePoint() != c.cp || mg.Block != 1 || mg.Offset != c.offset || mg.Role != font.RoleBody {
			t.Errorf("%q: %+v", c.text, mg)
		}
		if !strings.Contains(err.Error(), c.cp) {
			t.Errorf("message %q lacks %s", err, c.cp)
		}
	}
}

// TestMissingGlyphsAll: every character no face has is reported, each
// once, at its first place, in text order.
func TestMissingGlyphsAll(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		para("甲𠀀乙"), {Kind: doc.Heading1, Text: "一、𠀁标题𠀀"},
		{Kind: doc.Signature, Text: "单位\n𠀂", Lines: []string{"单位", "𠀂"}},
	}}
	_, err := Layout(d, NewOptions(fakeFaces()))
	var all MissingGlyphs
	if !errors.As(err, &all) {
		t.Fatalf("error %v (%T), want MissingGlyphs", err, err)
	}
	var got []string
	for _, m := range all {
		got = append(got, fmt.Sprintf("%c %d/%d/%d", m.Rune, m.Block, m.Line, m.Offset))
	}
	want := []string{"𠀀 0/0/3", "𠀁 1/0/6", "𠀂 2/1/0"}
	if !slices.Equal(got, want) {
		t.Errorf("missing %v, want %v", got, want)
	}
	var first *MissingGlyphError
	if !errors.As(err, &first) || first.Rune != '𠀀' {
		t.Errorf("errors.As gives %v, want the first", first)
	}
}

func TestInvalidInput(t *testing.T) {
	if _, err := Layout(&doc.Document{Blocks: []doc.Block{para("坏\xff字")}}, NewOptions(fakeFaces())); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
	if _, err := Layout(&doc.Document{}, Options{}); err == nil {
		t.Error("no faces accepted")
	}
}

func TestDeterministic(t *testing.T) {
	a := mustLayout(t, sampleDoc())
	b := mustLayout(t, sampleDoc())
	if !reflect.DeepEqual(a, b) {
		t.Error("two layouts of the same document differ")
	}
}

func TestZeroOptionsTakeDefaults(t *testing.T) {
	a := mustLayout(t, sampleDoc())
	b, err := Layout(sampleDoc(), Options{Faces: fakeFaces()})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("Options{Faces} lays out differently from NewOptions")
	}
}

func BenchmarkLayout(b *testing.B) {
	d := sampleDoc()
	opt := NewOptions(fakeFaces())
	res, err := Layout(d, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(res.Pages)), "pages")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(d, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpacesHang: a space at a line end hangs past the right edge, so the
// last glyph still ends on it, and no line starts with a space.
func TestSpacesHang(t *testing.T) {
	const mixed = "推广使用 AI 辅助审查 and GIS 空间分析工具，审查效率提升 30% 以上。"
	for shift := 0; shift <= 30; shift++ {
		d := &doc.Document{Blocks: []doc.Block{para(cycled(shift) + mixed + mixed + cycled(20))}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		checkJustified(t, d, res)
		checkBreaks(t, d, res)
		if t.Failed() {
			t.Fatalf("shift %d", shift)
		}
	}
}

// TestUnbreakable: text with no break opportunity that does not fit a line
// is broken where it overflows rather than running off the page.
func TestUnbreakable(t *testing.T) {
	cases := map[string]string{
		"long word":   "网址" + strings.Repeat("abcdefghij", 9) + "。",
		"long number": strings.Repeat("1234567890", 8),
		"marks only":  strings.Repeat("。", 70),
		"spaces only": "   ",
		"combining":   "文e\u0301" + strings.Repeat("e\u0301", 60),
	}
	for name, text := range cases {
		d := &doc.Document{Blocks: []doc.Block{para(text)}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		for k, ln := range blockLines(res, 0) {
			for _, r := range ln.Runs {
				if r.X+r.Width > rightEdge+tol && strings.TrimSpace(r.Text) != "" {
					t.Errorf("%s line %d overflows: %.2f", name, k, r.X+r.Width)
				}
			}
			if s := lineText(ln); strings.HasPrefix(s, "\u0301") {
				t.Errorf("%s line %d starts with a combining mark", name, k)
			}
		}
	}
}

func TestEmptyDocument(t *testing.T) {
	res := mustLayout(t, &doc.Document{Blocks: []doc.Block{para("")}})
	if len(res.Pages) != 1 || len(res.Pages[0].Lines) != 1 || !res.Pages[0].Lines[0].Folio {
		t.Errorf("empty document: %+v", res.Pages)
	}
}

// A signature that does not fit takes the last two lines of a long
// paragraph with it rather than standing alone on a page; a paragraph too
// short to spare two lines leaves the signature to move alone.
func TestSignatureNotAlone(t *testing.T) {
	sig := doc.Block{Kind: doc.Signature, Text: "某某县自然资源局\n2024年1月21日", Lines: []string{"某某县自然资源局", "2024年1月21日"}}
	cases := []struct {
		name     string
		blocks   []doc.Block
		moved    int // paragraph lines on the signature's page
		sigGrid  int
		lastPara int // index of the paragraph block
	}{
		{"long paragraph lends two lines", append(fill(14), para(linesOf(6)), sig), 2, 3, 14},
		{"short paragraph lends none", append(fill(18), para(linesOf(3)), sig), 0, 0, 18},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: c.blocks}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		if len(res.Pages) != 2 {
			t.Fatalf("%s: %d pages, want 2", c.name, len(res.Pages))
		}
		var paras int
		for _, l := range res.Pages[1].Lines {
			if l.Block == c.lastPara {
				paras++
			}
		}
		_, name := where(t, res, len(c.blocks)-1, 0)
		if paras != c.moved || name.Grid != c.sigGrid {
			t.Errorf("%s: %d paragraph lines before the signature on page 2 (want %d), signature on grid %d (want %d)", c.name, paras, c.moved, name.Grid, c.sigGrid)
		}
	}
}

// A broken title keeps its words whole where a word-like boundary costs
// little balance, and falls back to pure balance where none fits.
func TestTitleBreaksBetweenWords(t *testing.T) {
	cases := []struct{ title, first string }{
		// 37 hanzi: pure balance would break 19|18 inside 建设推动; the
		// nearest word boundary is before 推动 or 创先争优.
		{"关于进一步加强和改进基层党组织建设推动创先争优活动常态化长效化的工作总结", "关于进一步加强和改进基层党组织建设推动"},
		// 26 hanzi: pure balance gives 13|13, leaving 关于 at a line end.
		{"某某县自然资源和规划局关于国土空间规划编制工作的总结", "某某县自然资源和规划局"},
	}
	for _, c := range cases {
		d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: c.title}, para(linesOf(1))}}
		res := mustLayout(t, d)
		checkRoundTrip(t, d, res)
		lines := blockLines(res, 0)
		if got := lineText(lines[0]); got != c.first {
			t.Errorf("title %q: first line %q, want %q", c.title, got, c.first)
		}
	}
}
