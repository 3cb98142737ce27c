package font

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// checkSfnt verifies a font file's structure the way a strict reader
// would: directory sorted and sized, tables 4-byte aligned inside the
// file with zero padding, each table's checksum, and the whole-file sum
// that head.checkSumAdjustment makes 0xB1B0AFBA.
func checkSfnt(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	d, err := readDir(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := int(be.Uint16(b[4:]))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	if be.Uint16(b[6:]) != uint16(16<<es) || be.Uint16(b[8:]) != uint16(es) || be.Uint16(b[10:]) != uint16(16*n-16<<es) {
		t.Errorf("search fields %v for %d tables", b[6:12], n)
	}
	tables := map[string][]byte{}
	prev := ""
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		if tag <= prev {
			t.Errorf("table %q after %q: directory not sorted", tag, prev)
		}
		prev = tag
		r := d.tables[tag]
		if r.offset%4 != 0 {
			t.Errorf("table %q at %d: not 4-byte aligned", tag, r.offset)
		}
		body := b[r.offset : r.offset+r.length]
		if tag == "head" {
			body = slices.Clone(body)
			be.PutUint32(body[8:], 0)
		}
		if got := checksum(body); got != r.checksum {
			t.Errorf("table %q checksum %08x, directory says %08x", tag, got, r.checksum)
		}
		end := int(r.offset + r.length)
		for _, c := range b[end:min(pad4(end), len(b))] {
			if c != 0 {
				t.Errorf("table %q: padding not zero", tag)
			}
		}
		tables[tag] = b[r.offset : r.offset+r.length]
	}
	if len(b)%4 != 0 {
		t.Errorf("file length %d not a multiple of 4", len(b))
	}
	if s := checksum(b); s != 0xB1B0AFBA {
		t.Errorf("file checksum %08x, want B1B0AFBA", s)
	}
	return tables
}

// describe is what a glyph draws: advance and outline segments.
func describe(t *testing.T, f *sfnt.Font, buf *sfnt.Buffer, g sfnt.GlyphIndex) string {
	t.Helper()
	ppem := fixed.Int26_6(f.UnitsPerEm())
	adv, err := f.GlyphAdvance(buf, g, ppem, 0)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(buf, g, ppem, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(adv, segs)
}

func uniqueRunes(s string, has func(rune) bool) []rune {
	var out []rune
	for _, r := range s {
		if has(r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestSubsetDefaultFaces(t *testing.T) {
	for _, role := range Roles {
		t.Run(string(role), func(t *testing.T) {
			f, err := Default(role)
			if err != nil {
				t.Fatal(err)
			}
			tt := f.(*TrueType)
			g, err := tt.Glyphs()
			if err != nil {
				t.Fatal(err)
			}
			runes := uniqueRunes(sample+"ABCxyz0123～〜•·‧", func(r rune) bool { _, ok := g.GlyphIndex(r); return ok })
			s, err := g.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			tables := checkSfnt(t, s.Font)
			for _, tag := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
				if tables[tag] == nil {
					t.Errorf("no %q table", tag)
				}
			}
			d, _ := readDir(f.Bytes(), 0)
			if !bytes.Equal(tables["name"], d.table(f.Bytes(), "name")) {
				t.Error("the face's name table (with its copyright notice) was not kept")
			}
			// The subset is a font Load would accept.
			if sg, err := ParseGlyphs(s.Font); err != nil || sg.PostScriptName != f.Name() || sg.NumGlyphs != len(runes)+1 {
				t.Errorf("subset read back: %v", err)
			}
			if be.Uint16(tables["head"][50:]) != 1 {
				t.Error("loca is not in the long format")
			}
			sub, err := sfnt.Parse(s.Font)
			if err != nil {
				t.Fatal(err)
			}
			if sub.NumGlyphs() != len(runes)+1 || len(s.Source) != len(runes)+1 {
				t.Errorf("%d glyphs (%d sources), want %d runes + .notdef", sub.NumGlyphs(), len(s.Source), len(runes))
			}
			orig, err := sfnt.Parse(f.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			if a, b := describe(t, orig, &buf, 0), describe(t, sub, &buf, 0); a != b {
				t.Errorf(".notdef differs: %s vs %s", a, b)
			}
			for i, r := range runes {
				gid, err := sub.GlyphIndex(&buf, r)
				if err != nil || int(gid) != i+1 {
					t.Errorf("subset cmap maps %q to %d (%v), want %d", r, gid, err, i+1)
					continue
				}
				og, _ := g.GlyphIndex(r)
				if s.Source[i+1] != og {
					t.Errorf("glyph %d copies %d, want %d (%q)", i+1, s.Source[i+1], og, r)
				}
				if a, b := describe(t, orig, &buf, sfnt.GlyphIndex(og)), describe(t, sub, &buf, gid); a != b {
					t.Errorf("%q draws differently in the subset", r)
				}
			}
			// Glyph 0 and the subset's metrics tables stay consistent.
			if got := int(be.Uint16(tables["hhea"][34:])); got != len(runes)+1 {
				t.Errorf("numberOfHMetrics %d", got)
			}
			if got := int(be.Uint16(tables["maxp"][4:])); got != len(runes)+1 {
				t.Errorf("maxp.numGlyphs %d", got)
			}
		})
	}
}

// TestSubsetSharedGlyph: ～ and 〜 are one glyph in the Kai face; each gets
// its own copy, so that each glyph stands for one character.
func TestSubsetSharedGlyph(t *testing.T) {
	f, _ := Default(RoleHeading2)
	g, err := f.(*TrueType).Glyphs()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := g.GlyphIndex('〜')
	b, _ := g.GlyphIndex('～')
	if a != b || a == 0 {
		t.Fatalf("〜 and ～ are glyphs %d and %d; pick another shared pair", a, b)
	}
	s, err := g.Subset([]rune{'〜', '～'})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Source, []uint16{0, a, a}) {
		t.Errorf("sources %v, want [0 %d %d]", s.Source, a, a)
	}
}

// TestSubsetComposite: − in the Kai face is a composite of the glyph of -.
// Alone, the component comes along; with -, both share -'s glyph.
func TestSubsetComposite(t *testing.T) {
	f, _ := Default(RoleHeading2)
	g, err := f.(*TrueType).Glyphs()
	if err != nil {
		t.Fatal(err)
	}
	minus, _ := g.GlyphIndex('−')
	hyphen, _ := g.GlyphIndex('-')
	data, _ := g.glyph(minus)
	if int16(be.Uint16(data)) >= 0 {
		t.Fatal("− is not a composite glyph in the Kai face any more")
	}
	orig, _ := sfnt.Parse(f.Bytes())
	var buf sfnt.Buffer
	want := describe(t, orig, &buf, sfnt.GlyphIndex(minus))
	for _, c := range []struct {
		runes   []rune
		sources []uint16
		comp    uint16 // the composite's component in the subset
		gid     sfnt.GlyphIndex
	}{
		{[]rune{'−'}, []uint16{0, minus, hyphen}, 2, 1},
		{[]rune{'-', '−'}, []uint16{0, hyphen, minus}, 1, 2},
	} {
		s, err := g.Subset(c.runes)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Source, c.sources) {
			t.Errorf("%q: sources %v, want %v", string(c.runes), s.Source, c.sources)
		}
		checkSfnt(t, s.Font)
		sub, err := sfnt.Parse(s.Font)
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(t, sub, &buf, c.gid); got != want {
			t.Errorf("%q: − draws %s, want %s", string(c.runes), got, want)
		}
		sg := subsetGlyph(t, s.Font, uint16(c.gid))
		if got := be.Uint16(sg[12:]); got != c.comp {
			t.Errorf("%q: component %d, want %d", string(c.runes), got, c.comp)
		}
	}
}

// subsetGlyph returns glyph gid's glyf data from a subset's long loca
// (a subset has no name table, so ParseGlyphs would refuse it).
func subsetGlyph(t *testing.T, data []byte, gid uint16) []byte {
	t.Helper()
	d, err := readDir(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	loca, glyf := d.table(data, "loca"), d.table(data, "glyf")
	a, b := be.Uint32(loca[4*int(gid):]), be.Uint32(loca[4*int(gid)+4:])
	return glyf[a:b]
}

// readGlyphsOf reads the tables of font data (a subset) like a face's.
func readGlyphsOf(t *testing.T, data []byte) *Glyphs {
	t.Helper()
	g, err := ParseGlyphs(data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// synthetic builds a five-glyph font: .notdef, a triangle, a composite of
// the triangle moved by (10, 0), a composite of that moved by (0, 20) with
// word arguments and a scale, and a composite of the triangle and glyph
// 3, so components nest three deep and one glyph has two.
func synthetic(cmap map[rune]uint16) []byte {
	tri := []byte{0, 1, 0, 0, 0, 0, 0, 100, 0, 100, // 1 contour, bbox
		0, 2, 0, 0, // last point 2, no instructions
		1, 1, 1, // on-curve, int16 deltas
		0, 0, 0, 100, 0xFF, 0xCE, // x: 0, +100, −50
		0, 0, 0, 0, 0, 100} // y: 0, 0, +100
	comp1 := []byte{0xFF, 0xFF, 0, 10, 0, 0, 0, 110, 0, 100,
		0x00, 0x02, 0, 1, 10, 0} // XY values, byte args: glyph 1 at (10, 0)
	comp2 := []byte{0xFF, 0xFF, 0, 10, 0, 20, 0, 110, 0, 120,
		0x00, 0x0B, 0, 2, 0, 0, 0, 20, 0x40, 0} // words, XY, scale 1.0: glyph 2 at (0, 20)
	comp3 := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 210, 0, 120,
		0x00, 0x22, 0, 1, 0, 0, // more components: glyph 1 at (0, 0)
		0x00, 0x02, 0, 3, 100, 0} // glyph 3 at (100, 0)
	glyphs := [][]byte{nil, tri, comp1, comp2, comp3}
	n := len(glyphs)
	var glyf, loca []byte
	for _, gl := range glyphs {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, gl...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))

	head := make([]byte, 54)
	be.PutUint32(head[0:], 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[18:], 1000)
	be.PutUint16(head[40:], 400) // xMax
	be.PutUint16(head[42:], 800) // yMax
	be.PutUint16(head[50:], 1)
	hhea := make([]byte, 36)
	be.PutUint32(hhea, 0x00010000)
	be.PutUint16(hhea[4:], 800)
	be.PutUint16(hhea[6:], 0xFF38) // −200
	be.PutUint16(hhea[34:], 3)     // glyphs 3 and 4 reuse glyph 2's advance
	var hmtx []byte
	for i := range 3 {
		hmtx = be.AppendUint16(hmtx, uint16(500+100*i))
		hmtx = be.AppendUint16(hmtx, uint16(i))
	}
	hmtx = be.AppendUint16(hmtx, 7)
	hmtx = be.AppendUint16(hmtx, 8)
	maxp := make([]byte, 32)
	be.PutUint32(maxp, 0x00010000)
	be.PutUint16(maxp[4:], uint16(n))
	os2 := make([]byte, 96)
	be.PutUint16(os2, 4)
	be.PutUint16(os2[4:], 700)
	post := make([]byte, 32)
	be.PutUint32(post, 0x00030000)
	name := []byte{0, 0, 0, 0, 0, 6}

	// One format 4 segment per rune, then the final one.
	runes := make([]rune, 0, len(cmap))
	for r := range cmap {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	nseg := len(runes) + 1
	sub := make([]byte, 16+8*nseg)
	be.PutUint16(sub, 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*nseg))
	for i, r := range append(runes, 0xFFFF) {
		d := uint16(1)
		if r != 0xFFFF {
			d = cmap[r] - uint16(r)
		}
		be.PutUint16(sub[14+2*i:], uint16(r))
		be.PutUint16(sub[16+2*nseg+2*i:], uint16(r))
		be.PutUint16(sub[16+4*nseg+2*i:], d)
	}
	cm := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, sub...)

	tab := func(tag string, b []byte) sfntTable {
		return sfntTable{tag: tag, size: len(b), fill: func(out []byte) { copy(out, b) }}
	}
	return assemble([]sfntTable{
		tab("head", head), tab("hhea", hhea), tab("hmtx", hmtx), tab("maxp", maxp), tab("OS/2", os2),
		tab("post", post), tab("name", name), tab("cmap", cm), tab("loca", loca), tab("glyf", glyf),
	})
}

func TestSubsetNestedComposites(t *testing.T) {
	data := synthetic(map[rune]uint16{'A': 3, 'B': 1, 'C': 4})
	checkSfnt(t, data)
	g := readGlyphsOf(t, data)
	if g.UnitsPerEm != 1000 || g.NumGlyphs != 5 || g.Ascender != 800 || g.Descender != -200 ||
		g.CapHeight != 800 || g.Weight != 700 || g.BBox != [4]int{0, 0, 400, 800} {
		t.Errorf("metrics: upm %d, %d glyphs, ascender %d, descender %d, cap height %d, weight %d, bbox %v",
			g.UnitsPerEm, g.NumGlyphs, g.Ascender, g.Descender, g.CapHeight, g.Weight, g.BBox)
	}
	if g.AdvanceWidth(1) != 600 || g.AdvanceWidth(4) != 700 || g.lsb(2) != 2 || g.lsb(4) != 8 {
		t.Errorf("hmtx read wrong")
	}
	orig, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, c := range []struct {
		runes   string
		sources []uint16
	}{
		// A is glyph 3 → 2 → 1: the work list appends them in turn.
		{"A", []uint16{0, 3, 2, 1}},
		// B's glyph is used directly, so A's chain ends on B's glyph.
		{"AB", []uint16{0, 3, 1, 2}},
		// C has two components, one of them A's chain.
		{"C", []uint16{0, 4, 1, 3, 2}},
		{"ABC", []uint16{0, 3, 1, 4, 2}},
	} {
		runes := []rune(c.runes)
		s, err := g.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Source, c.sources) {
			t.Errorf("%s: sources %v, want %v", c.runes, s.Source, c.sources)
		}
		checkSfnt(t, s.Font)
		sub, err := sfnt.Parse(s.Font)
		if err != nil {
			t.Fatalf("%s: %v", c.runes, err)
		}
		for _, r := range runes {
			og, _ := orig.GlyphIndex(&buf, r)
			ng, _ := sub.GlyphIndex(&buf, r)
			if a, b := describe(t, orig, &buf, og), describe(t, sub, &buf, ng); a != b {
				t.Errorf("%s: %q draws %s, want %s", c.runes, r, b, a)
			}
		}
		// Every component reference points at the subset glyph that
		// copies the referenced source glyph.
		for i, src := range s.Source {
			b := subsetGlyph(t, s.Font, uint16(i))
			if len(b) == 0 || int16(be.Uint16(b)) >= 0 {
				continue
			}
			ob, _ := g.glyph(src)
			var got, want []uint16
			components(b, func(at int) error { got = append(got, s.Source[be.Uint16(b[at:])]); return nil })
			components(ob, func(at int) error { want = append(want, be.Uint16(ob[at:])); return nil })
			if !slices.Equal(got, want) {
				t.Errorf("%s: glyph %d's components copy %v, want %v", c.runes, i, got, want)
			}
		}
	}
}

// TestSubsetLargeName: a face with a big name table (CJK system fonts
// carry many languages) gets one naming only its PostScript name.
func TestSubsetLargeName(t *testing.T) {
	data := synthetic(map[rune]uint16{'A': 3})
	d, _ := readDir(data, 0)
	var tables []sfntTable
	for tag := range d.tables {
		b := d.table(data, tag)
		if tag == "name" {
			b = make([]byte, 5000)
			be.PutUint16(b[4:], 6)
		}
		tables = append(tables, sfntTable{tag: tag, size: len(b), fill: func(out []byte) { copy(out, b) }})
	}
	g := readGlyphsOf(t, assemble(tables))
	s, err := g.Subset([]rune{'A'})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(checkSfnt(t, s.Font)["name"]); n != 30+3*len("fontdata") {
		t.Errorf("name table of %d bytes", n)
	}
	f, err := sfnt.Parse(s.Font)
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := f.Name(nil, sfnt.NameIDPostScript); err != nil || ps != "fontdata" {
		t.Errorf("PostScript name %q, %v", ps, err)
	}
}

func TestSubsetErrors(t *testing.T) {
	g := readGlyphsOf(t, synthetic(map[rune]uint16{'A': 3, 'B': 1}))
	for _, c := range []struct {
		runes []rune
		want  string
	}{
		{[]rune{'Z'}, "no glyph"},
		{[]rune{'B', 'A'}, "not sorted"},
		{[]rune{'A', 'A'}, "not sorted"},
		{[]rune{0x1F600}, "no glyph"},
	} {
		if _, err := g.Subset(c.runes); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.runes, err, c.want)
		}
	}
	// A composite whose component lies beyond the glyph count, and a
	// truncated one.
	data := synthetic(map[rune]uint16{'A': 3})
	i := bytes.Index(data, []byte{0x00, 0x0B, 0, 2})
	bad := slices.Clone(data)
	be.PutUint16(bad[i+2:], 9)
	if _, err := readGlyphsOf(t, bad).Subset([]rune{'A'}); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("component out of range: err = %v", err)
	}
	if err := components([]byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x21, 0, 1}, func(int) error { return nil }); err == nil {
		t.Error("truncated composite accepted")
	}
}

func TestGlyphsOfDefaultFaces(t *testing.T) {
	for _, role := range Roles {
		f, _ := Default(role)
		g, err := f.(*TrueType).Glyphs()
		if err != nil {
			t.Fatal(err)
		}
		g2, _ := f.(*TrueType).Glyphs()
		if g != g2 {
			t.Errorf("%s: tables read twice", role)
		}
		if g.PostScriptName != f.Name() || g.UnitsPerEm != 1000 {
			t.Errorf("%s: %q, %d units per em", role, g.PostScriptName, g.UnitsPerEm)
		}
		// The ascent the PDF states is hhea's (see ascent1000).
		if float64(g.Ascender) != f.Ascent()*1000 || g.Descender >= 0 || g.CapHeight <= 0 {
			t.Errorf("%s: ascender %d descender %d cap height %d, Ascent() %v", role, g.Ascender, g.Descender, g.CapHeight, f.Ascent())
		}
		// Every rune the face reports has a glyph, and no other.
		for r := rune(0); r < 0x10000; r++ {
			_, ok := f.Advance(r)
			gid, gok := g.GlyphIndex(r)
			if ok != gok {
				t.Fatalf("%s: %q Advance %v, GlyphIndex %d %v", role, r, ok, gid, gok)
			}
			if ok {
				a, _ := f.Advance(r)
				if a != float64(g.AdvanceWidth(gid))/float64(g.UnitsPerEm) {
					t.Fatalf("%s: %q advance %v vs hmtx %d", role, r, a, g.AdvanceWidth(gid))
				}
			}
		}
		if _, ok := g.GlyphIndex(0x20BB7); ok {
			t.Errorf("%s: GlyphIndex answers beyond the BMP", role)
		}
	}
}

// TestSubsetNarrow: a narrow glyph draws its rune's outline, moved left by
// half an em for Left, with an advance half an em less, in every default
// face; the file stays well-formed.
func TestSubsetNarrow(t *testing.T) {
	for _, role := range Roles {
		f, _ := Default(role)
		g, err := f.(*TrueType).Glyphs()
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune("“《一，。")
		slices.Sort(runes)
		narrow := []Narrow{{'“', true}, {'《', true}, {'，', false}, {'，', true}, {'。', false}}
		// Layout halves full-width marks only (ZJ Kai's “ is proportional).
		narrow = slices.DeleteFunc(narrow, func(n Narrow) bool {
			gid, _ := g.GlyphIndex(n.R)
			return g.AdvanceWidth(gid) < g.UnitsPerEm*9/10
		})
		slices.SortFunc(narrow, func(a, b Narrow) int {
			if narrowLess(a, b) {
				return -1
			}
			return 1
		})
		s, err := g.Subset(runes, narrow...)
		if err != nil {
			t.Fatal(err)
		}
		checkSfnt(t, s.Font)
		sub, err := sfnt.Parse(s.Font)
		if err != nil {
			t.Fatal(err)
		}
		if sub.NumGlyphs() != 1+len(runes)+len(narrow) || len(s.Advance) != sub.NumGlyphs() {
			t.Fatalf("%s: %d glyphs, %d advances", role, sub.NumGlyphs(), len(s.Advance))
		}
		var buf sfnt.Buffer
		ppem := fixed.Int26_6(sub.UnitsPerEm())
		half := fixed.Int26_6(g.UnitsPerEm / 2)
		for i, nw := range narrow {
			k, _ := slices.BinarySearch(runes, nw.R)
			full, nar := sfnt.GlyphIndex(k+1), sfnt.GlyphIndex(1+len(runes)+i)
			fa, _ := sub.GlyphAdvance(&buf, full, ppem, 0)
			na, _ := sub.GlyphAdvance(&buf, nar, ppem, 0)
			if na != fa-half || s.Advance[nar] != int(na) || s.Advance[full] != int(fa) {
				t.Errorf("%s %q: advance %v (Advance %d), want %v − %v", role, nw.R, na, s.Advance[nar], fa, half)
			}
			fs, err := sub.LoadGlyph(&buf, full, ppem, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprint(shift(fs, map[bool]fixed.Int26_6{true: -half}[nw.Left]))
			ns, err := sub.LoadGlyph(&buf, nar, ppem, nil)
			if err != nil {
				t.Fatalf("%s %q: %v", role, nw.R, err)
			}
			if got := fmt.Sprint(ns); got != want || len(ns) == 0 {
				t.Errorf("%s %q left=%v: outline\n%s\nwant\n%s", role, nw.R, nw.Left, got, want)
			}
		}
	}
	f, _ := Default(RoleBody)
	g, _ := f.(*TrueType).Glyphs()
	if _, err := g.Subset([]rune("，"), Narrow{R: '。'}); err == nil {
		t.Error("a narrow glyph of a rune not in the subset was accepted")
	}
	if _, err := g.Subset([]rune("，"), Narrow{R: '，', Left: true}, Narrow{R: '，'}); err == nil {
		t.Error("unsorted narrow glyphs were accepted")
	}
}

func shift(segs sfnt.Segments, dx fixed.Int26_6) sfnt.Segments {
	out := slices.Clone(segs)
	for i := range out {
		for j := range out[i].Args {
			out[i].Args[j].X += dx
		}
	}
	return out
}

// A subset assembled in a released program's memory, whatever it held, is
// the subset assembled in fresh memory.
func TestSubsetInReleasedMemory(t *testing.T) {
	f, err := Default(RoleBody)
	if err != nil {
		t.Fatal(err)
	}
	g, err := f.(*TrueType).Glyphs()
	if err != nil {
		t.Fatal(err)
	}
	runes := uniqueRunes(sample, func(r rune) bool { _, ok := g.GlyphIndex(r); return ok })
	fresh, err := g.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Clone(fresh.Font)
	reused := false
	for range 10 {
		dirty := bytes.Repeat([]byte{0xAB}, 2*len(want))
		(&Subset{Font: dirty}).Release()
		s, err := g.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(s.Font, want) {
			t.Fatal("a subset in released memory differs from one in fresh memory")
		}
		if cap(s.Font) == 2*len(want) {
			reused = true
			break
		}
	}
	if !reused {
		t.Error("no subset took the released memory")
	}
}

// checksum sums big-endian 32-bit words, the last padded with zeros.
func TestChecksum(t *testing.T) {
	slow := func(b []byte) uint32 {
		var sum uint32
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:])
			sum += uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
		}
		return sum
	}
	b := make([]byte, 1000)
	for i := range b {
		b[i] = byte(i*131 + i>>3 + 0xF0) // high bytes, so the 64-bit sum carries
	}
	for n := range len(b) {
		if got, want := checksum(b[:n]), slow(b[:n]); got != want {
			t.Fatalf("checksum of %d bytes = %#x, want %#x", n, got, want)
		}
	}
}
