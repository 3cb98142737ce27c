package font

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

// Subset is a TrueType font program holding some of a face's glyphs.
type Subset struct {
	// Font is the font program, a complete .ttf file. Release hands its
	// memory on to the next subset.
	Font []byte
	// Source[i] is the face's glyph that subset glyph i copies (for a
	// Narrow glyph, the glyph it draws); Source[0] is .notdef (glyph 0).
	Source []uint16
	// Advance[i] is subset glyph i's advance width in font units.
	Advance []int
}

// programs keeps released font programs: a batch subsets a face for every
// document, a hundred kilobytes each.
var programs sync.Pool

// programBuf returns size zero bytes, from a released program if one is
// large enough.
func programBuf(size int) []byte {
	if p, ok := programs.Get().(*[]byte); ok && cap(*p) >= size {
		b := (*p)[:size]
		clear(b)
		return b
	}
	return make([]byte, size)
}

// Release gives s.Font's memory back for another subset; s.Font is nil
// after it. The caller must not keep other references to it.
func (s *Subset) Release() {
	if s.Font != nil && cap(s.Font) <= 4<<20 {
		b := s.Font
		programs.Put(&b)
	}
	s.Font = nil
}

// Narrow asks Subset for a half-width glyph of R: R's outline with an
// advance half an em less, shifted left by half an em when Left. Layout
// draws a full-width mark whose blank half it cut (、，。 squeezed, 》，
// compressed) with one, so no glyph box overlaps the next and text
// extraction keeps the line whole.
type Narrow struct {
	R    rune
	Left bool
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// Subset builds a font program with the glyphs of runes, which must be
// sorted, unique and mapped by the face (GlyphIndex). Glyph 0 is .notdef,
// runes[i] gets glyph i+1, and the components of composite glyphs follow,
// renumbered, with the composites' references rewritten. Runes the face
// draws with one glyph get a copy each, so that every glyph stands for
// exactly one rune and a PDF's ToUnicode map can give each rune back.
//
// The program has what a PDF viewer needs (head, hhea, maxp, loca in the
// long format, glyf, hmtx, and cvt, fpgm and prep when the face has them,
// for its hinting instructions), the face's OS/2, a post table without
// glyph names, a cmap mapping runes to their glyphs and a name table, so
// that it is also a well-formed font on its own (Load accepts it). The
// name table is the face's, copyright notice included, unless that is
// over 4 KiB; then it holds only the PostScript name.
//
// Each of narrow (sorted by R, right before left; every R one of runes)
// gets glyph len(runes)+1+i: a composite glyph of R's glyph, offset by
// minus half an em when Left, with the advance half an em less.
func (g *Glyphs) Subset(runes []rune, narrow ...Narrow) (*Subset, error) {
	if len(runes)+len(narrow)+1 > 0xFFFF {
		return nil, fmt.Errorf("font %s: %d glyphs do not fit one font", g.PostScriptName, len(runes)+len(narrow))
	}
	src := make([]uint16, 1, len(runes)+len(narrow)+1)
	// newOf maps a face glyph to its first subset glyph; 0 means none yet
	// (.notdef is 0 in both). A map, not a slice of NumGlyphs: a CJK face
	// has tens of thousands of glyphs and a document a few hundred, and
	// each page of a fresh slice touched costs a page fault.
	newOf := make(map[uint16]uint16, len(runes)+len(narrow)+1)
	for i, r := range runes {
		if i > 0 && r <= runes[i-1] {
			return nil, fmt.Errorf("font %s: runes not sorted and unique at %q", g.PostScriptName, r)
		}
		gid, ok := g.GlyphIndex(r)
		if !ok || int(gid) >= g.NumGlyphs {
			return nil, fmt.Errorf("font %s has no glyph for %q (U+%04X)", g.PostScriptName, r, r)
		}
		src = append(src, gid)
		if newOf[gid] == 0 {
			newOf[gid] = uint16(len(src) - 1)
		}
	}
	half := g.UnitsPerEm / 2
	firstNarrow := len(src)
	for i, nw := range narrow {
		if i > 0 && !narrowLess(narrow[i-1], nw) {
			return nil, fmt.Errorf("font %s: narrow glyphs not sorted and unique at %q", g.PostScriptName, nw.R)
		}
		k, ok := slices.BinarySearch(runes, nw.R)
		if !ok {
			return nil, fmt.Errorf("font %s: narrow glyph for %q (U+%04X), which is not among the runes", g.PostScriptName, nw.R, nw.R)
		}
		src = append(src, src[k+1])
	}
	lastNarrow := len(src)
	// lsbDelta[i] shifts the left side bearing of narrow glyph i.
	lsbDelta := func(i int) int {
		if i >= firstNarrow && i < lastNarrow && narrow[i-firstNarrow].Left {
			return -half
		}
		return 0
	}

	// Walk the glyphs as a work list: components appended here are
	// visited in turn, so nested composites close over too, and newOf
	// stops a cycle.
	data := make([][]byte, 0, len(src))
	glyfLen := 0
	for i := 0; i < len(src); i++ {
		b, err := g.glyph(src[i])
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", g.PostScriptName, err)
		}
		if i >= firstNarrow && i < lastNarrow {
			nw := narrow[i-firstNarrow]
			k, _ := slices.BinarySearch(runes, nw.R)
			b = narrowGlyph(b, uint16(k+1), lsbDelta(i))
			data = append(data, b)
			glyfLen += pad4(len(b))
			continue
		}
		if len(b) >= 10 && int16(be.Uint16(b)) < 0 {
			b = append([]byte(nil), b...)
			err := components(b, func(at int) error {
				c := be.Uint16(b[at:])
				if int(c) >= g.NumGlyphs {
					return fmt.Errorf("glyph %d: component %d out of range", src[i], c)
				}
				if c != 0 && newOf[c] == 0 {
					if len(src) == 0xFFFF {
						return fmt.Errorf("too many glyphs")
					}
					src = append(src, c)
					newOf[c] = uint16(len(src) - 1)
				}
				be.PutUint16(b[at:], newOf[c])
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("font %s: %w", g.PostScriptName, err)
			}
		}
		data = append(data, b)
		glyfLen += pad4(len(b))
	}

	n := len(src)
	adv := make([]int, n)
	for i, s := range src {
		adv[i] = g.AdvanceWidth(s)
		if i >= firstNarrow && i < lastNarrow {
			adv[i] = max(adv[i]-half, 0)
		}
	}
	tables := []sfntTable{
		{tag: "glyf", size: glyfLen, fill: func(out []byte) {
			p := 0
			for _, b := range data {
				copy(out[p:], b)
				p += pad4(len(b))
			}
		}},
		{tag: "loca", size: 4 * (n + 1), fill: func(out []byte) {
			p := 0
			for i, b := range data {
				be.PutUint32(out[4*i:], uint32(p))
				p += pad4(len(b))
			}
			be.PutUint32(out[4*n:], uint32(p))
		}},
		{tag: "hmtx", size: 4 * n, fill: func(out []byte) {
			for i, s := range src {
				be.PutUint16(out[4*i:], uint16(adv[i]))
				be.PutUint16(out[4*i+2:], uint16(int(int16(g.lsb(s)))+lsbDelta(i)))
			}
		}},
		{tag: "head", size: len(g.head), fill: func(out []byte) {
			copy(out, g.head)
			be.PutUint32(out[8:], 0) // checkSumAdjustment, set by assemble
			be.PutUint16(out[50:], 1)
		}},
		{tag: "hhea", size: len(g.hhea), fill: func(out []byte) {
			copy(out, g.hhea)
			be.PutUint16(out[34:], uint16(n))
		}},
		{tag: "maxp", size: max(len(g.maxp), 32*btoi(g.cff != nil)), fill: func(out []byte) {
			copy(out, g.maxp)
			if g.cff != nil {
				copy(out, cffMaxp(data))
			}
			be.PutUint16(out[4:], uint16(n))
			if len(narrow) > 0 && len(out) >= 32 {
				// A narrow glyph is a composite one level above its rune's.
				be.PutUint16(out[28:], max(be.Uint16(out[28:]), 1))
				be.PutUint16(out[30:], be.Uint16(out[30:])+1)
			}
		}},
		{tag: "post", size: 32, fill: func(out []byte) {
			// Format 3: no glyph names, the face's angle, underline and pitch.
			copy(out[4:16], g.post[min(4, len(g.post)):min(16, len(g.post))])
			be.PutUint32(out, 0x00030000)
		}},
		cmapTable(runes),
		nameTable(g.name, g.PostScriptName),
	}
	for _, t := range []struct {
		tag string
		b   []byte
	}{{"OS/2", g.os2}, {"cvt ", g.cvt}, {"fpgm", g.fpgm}, {"prep", g.prep}} {
		if t.b != nil {
			b := t.b
			tables = append(tables, sfntTable{tag: t.tag, size: len(b), fill: func(out []byte) { copy(out, b) }})
		}
	}
	return &Subset{Font: assemble(tables), Source: src, Advance: adv}, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func narrowLess(a, b Narrow) bool {
	return a.R < b.R || a.R == b.R && !a.Left && b.Left
}

// narrowGlyph is a composite glyph of one component, subset glyph gid,
// moved dx font units; orig is gid's glyph data, for the bounding box. A
// glyph without an outline stays without one.
func narrowGlyph(orig []byte, gid uint16, dx int) []byte {
	if len(orig) < 10 {
		return nil
	}
	const argsAreXY = 0x0002
	b := make([]byte, 18)
	be.PutUint16(b[0:], 0xFFFF) // numberOfContours -1: composite
	be.PutUint16(b[2:], uint16(int(int16(be.Uint16(orig[2:])))+dx))
	copy(b[4:6], orig[4:6])
	be.PutUint16(b[6:], uint16(int(int16(be.Uint16(orig[6:])))+dx))
	copy(b[8:10], orig[8:10])
	be.PutUint16(b[10:], argsAreWords|argsAreXY)
	be.PutUint16(b[12:], gid)
	be.PutUint16(b[14:], uint16(int16(dx)))
	return b
}

// components calls fn with the offset of each component's glyph index in
// the composite glyph b, stopping at the first error.
func components(b []byte, fn func(at int) error) error {
	p := 10 // after numberOfContours and the bounding box
	for {
		if p+4 > len(b) {
			return fmt.Errorf("composite glyph truncated")
		}
		flags := be.Uint16(b[p:])
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			if p > len(b) {
				return fmt.Errorf("composite glyph truncated")
			}
			return nil
		}
	}
}

// cmapTable maps runes[i] to glyph i+1 with a format 4 subtable (Windows,
// Unicode BMP) for the BMP runes and, when there are runes above U+FFFF,
// a format 12 subtable (Windows, UCS-4) for all of them. Sorted runes get
// ascending glyphs, so every run of consecutive code points is one
// segment (group). A PDF viewer does not read it (the PDF maps CIDs to
// glyphs), so a format 4 subtable too long for its 16-bit length maps
// nothing instead of failing.
func cmapTable(runes []rune) sfntTable {
	type seg struct {
		start, end rune
		gid        int // glyph of start
	}
	var segs []seg
	for i, r := range runes {
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == r && (r != 0x10000) {
			segs[k].end++
			continue
		}
		segs = append(segs, seg{r, r, i + 1})
	}
	var bmp []seg
	for _, sg := range segs {
		if sg.start <= 0xFFFF {
			bmp = append(bmp, sg)
		}
	}
	astral := len(bmp) < len(segs)
	if 16+8*(len(bmp)+1) > 0xFFFF {
		bmp = nil
	}
	if len(bmp) == 0 || bmp[len(bmp)-1].end != 0xFFFF {
		bmp = append(bmp, seg{0xFFFF, 0xFFFF, 0}) // required final segment, maps to .notdef
	}
	nseg := len(bmp)
	sub4 := 16 + 8*nseg
	size, nsub := 4+8+sub4, 1
	if astral {
		size += 8 + 16 + 12*len(segs)
		nsub = 2
	}
	return sfntTable{tag: "cmap", size: size, fill: func(out []byte) {
		be.PutUint16(out[2:], uint16(nsub)) // version 0
		be.PutUint16(out[4:], 3)
		be.PutUint16(out[6:], 1)
		be.PutUint32(out[8:], uint32(4+8*nsub))
		s := out[4+8*nsub:]
		be.PutUint16(s[0:], 4)
		be.PutUint16(s[2:], uint16(sub4))
		es := 0
		for 1<<(es+1) <= nseg {
			es++
		}
		be.PutUint16(s[6:], uint16(2*nseg))
		be.PutUint16(s[8:], uint16(2<<es))
		be.PutUint16(s[10:], uint16(es))
		be.PutUint16(s[12:], uint16(2*nseg-2<<es))
		for i, sg := range bmp {
			delta := uint16(sg.gid) - uint16(sg.start)
			if sg.gid == 0 {
				delta = 1 // 0xFFFF + 1 = glyph 0
			}
			be.PutUint16(s[14+2*i:], uint16(sg.end))
			be.PutUint16(s[16+2*nseg+2*i:], uint16(sg.start))
			be.PutUint16(s[16+4*nseg+2*i:], delta)
			// idRangeOffset stays 0: glyph = code + delta.
		}
		if !astral {
			return
		}
		off := 4 + 8*nsub + sub4
		be.PutUint16(out[12:], 3)
		be.PutUint16(out[14:], 10)
		be.PutUint32(out[16:], uint32(off))
		s = out[off:]
		be.PutUint16(s[0:], 12)
		be.PutUint32(s[4:], uint32(16+12*len(segs)))
		be.PutUint32(s[12:], uint32(len(segs)))
		for i, sg := range segs {
			be.PutUint32(s[16+12*i:], uint32(sg.start))
			be.PutUint32(s[20+12*i:], uint32(sg.end))
			be.PutUint32(s[24+12*i:], uint32(sg.gid))
		}
	}}
}

// nameTable returns the face's name table if it is small, else one that
// names the PostScript name only (ID 6, Macintosh Roman and Windows
// Unicode), which is all a PDF viewer could want from it.
func nameTable(orig []byte, ps string) sfntTable {
	if len(orig) > 0 && len(orig) <= 4<<10 {
		return sfntTable{tag: "name", size: len(orig), fill: func(out []byte) { copy(out, orig) }}
	}
	var ascii []byte
	for _, c := range []byte(ps) {
		if c > ' ' && c < 0x7F && len(ascii) < 63 {
			ascii = append(ascii, c)
		}
	}
	n := len(ascii)
	return sfntTable{tag: "name", size: 30 + 3*n, fill: func(out []byte) {
		// format 0, two records, strings from offset 30.
		be.PutUint16(out[2:], 2)
		be.PutUint16(out[4:], 30)
		for i, rec := range [2][6]int{{1, 0, 0, 6, n, 0}, {3, 1, 0x409, 6, 2 * n, n}} {
			for k, v := range rec {
				be.PutUint16(out[6+12*i+2*k:], uint16(v))
			}
		}
		copy(out[30:], ascii)
		for i, c := range ascii {
			out[30+n+2*i+1] = c
		}
	}}
}

// sfntTable is a table of a font being assembled: its size and a function
// that writes it into a zeroed slice of that size.
type sfntTable struct {
	tag  string
	size int
	fill func(out []byte)
}

// assemble writes a TrueType file: the table directory sorted by tag, each
// table 4-byte aligned with zero padding and its checksum, and
// head.checkSumAdjustment set so that the whole file sums to 0xB1B0AFBA.
func assemble(tables []sfntTable) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += pad4(t.size)
	}
	out := programBuf(size)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	be.PutUint32(out[0:], tagTrueType)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*n-16<<es))
	pos, headAt := 12+16*n, -1
	for i, t := range tables {
		body := out[pos : pos+t.size]
		t.fill(body)
		if t.tag == "head" {
			headAt = pos
		}
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(body))
		be.PutUint32(rec[8:], uint32(pos))
		be.PutUint32(rec[12:], uint32(t.size))
		pos += pad4(t.size)
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func pad4(n int) int { return (n + 3) &^ 3 }
