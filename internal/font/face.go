package font

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// noGlyph marks a BMP rune the face does not map. A real advance of 0xFFFF
// font units (dozens of ems) does not occur; one is clamped to 0xFFFE.
const noGlyph = 0xFFFF

// TrueType is a parsed TrueType face. It is immutable after parsing and safe
// for concurrent use.
type TrueType struct {
	file   string // where the face came from, for messages
	name   string
	data   []byte
	ascent float64
	upm    float64
	// bmp holds the glyph and advance of BMP runes: Advance runs for every
	// character of every document, and a table beats a map and sfnt's
	// per-call cmap search. The PDF writer maps text to glyphs with it.
	bmp *runeTable
	// astral maps the runes above U+FFFF the face has (cmap format 12) to
	// their glyph and advance; most faces have none or a few hundred.
	astral map[rune]astralGlyph
	glyphs func() (*Glyphs, error)
	// cff is the parsed face when its outlines are CFF: the subset
	// converts them (cff.go).
	cff *sfnt.Font
}

type astralGlyph struct{ gid, adv uint16 }

var _ Face = (*TrueType)(nil)

// Advance implements Metrics, for every plane: a rune above U+FFFF is
// found through the face's format 12 cmap.
func (t *TrueType) Advance(r rune) (float64, bool) {
	if r < 0 {
		return 0, false
	}
	if r >= 0x10000 {
		g, ok := t.astral[r]
		return float64(g.adv) / t.upm, ok
	}
	a := t.bmp.at(r).adv
	if a == noGlyph {
		return 0, false
	}
	return float64(a) / t.upm, true
}

// runeTable maps BMP runes to their glyph and advance, 256 runes a page,
// each page filled on first use: a document touches a few dozen pages of
// a face, and filling all 65,536 runes at every start was most of the
// time parsing a face took. Safe for concurrent use: two goroutines
// filling one page fill it alike, and one of the two is kept.
type runeTable struct {
	pages [256]atomic.Pointer[runePage]
	// fill writes the glyphs and advances (noGlyph where unmapped) of the
	// page of runes from lo.
	fill func(lo rune, p *runePage)
}

type runePage [256]glyphAdv

type glyphAdv struct{ gid, adv uint16 }

func (t *runeTable) at(r rune) glyphAdv {
	p := t.pages[r>>8].Load()
	if p == nil {
		p = new(runePage)
		t.fill(r&^0xff, p)
		if !t.pages[r>>8].CompareAndSwap(nil, p) {
			p = t.pages[r>>8].Load()
		}
	}
	return p[r&0xff]
}

// fullTable is a runeTable filled from whole tables (sfntTables').
func fullTable(adv, gid []uint16) *runeTable {
	return &runeTable{fill: func(lo rune, p *runePage) {
		for i := range p {
			p[i] = glyphAdv{gid[lo+rune(i)], adv[lo+rune(i)]}
		}
	}}
}

// Ascent implements Metrics: the FontDescriptor /Ascent the PDF writer
// states for this font (see ascent1000), divided by 1000.
func (t *TrueType) Ascent() float64 { return t.ascent }

// Name implements Face: the PostScript name (name ID 6).
func (t *TrueType) Name() string { return t.name }

// Bytes implements Face. For a face cut out of a .ttc these are the
// rewritten standalone bytes. Callers must not modify them.
func (t *TrueType) Bytes() []byte { return t.data }

// File is the file the face came from (the embedded name for a default
// face), for messages that tell the user which font lacks a character.
func (t *TrueType) File() string { return t.file }

// parse checks that data is a face (TrueType or CFF outlines) the PDF
// writer can embed and builds its metrics. data must be a single face,
// not a collection.
func parse(file string, data []byte) (*TrueType, error) { return parseFace(file, data, false, nil) }

// parseEmbedded is parse for the faces embedded in the binary, which the
// tests check with x/image/font/sfnt (TestEmbeddedParseWithSfnt): a
// TrueType one is read from its own tables alone, without sfnt's parse of
// the whole face (its loca and cmap), which was most of a face's start-up.
// pages, when not nil, is the face's BMP rune table computed ahead of
// time (pages.go).
func parseEmbedded(file string, data, pages []byte) (*TrueType, error) {
	return parseFace(file, data, true, pages)
}

func parseFace(file string, data []byte, embedded bool, pages []byte) (*TrueType, error) {
	if len(data) < 12 {
		return nil, loadErr(file, reasonNotFont, nil)
	}
	switch be.Uint32(data) {
	case tagTrueType, tagTrue, tagOTTO:
	default:
		return nil, loadErr(file, reasonNotFont, nil)
	}
	d, err := readDir(data, 0)
	if err != nil {
		return nil, loadErr(file, reasonBroken, err)
	}
	if err := checkEmbeddable(file, data, d); err != nil {
		return nil, err
	}
	asc, err := ascent1000(data, d)
	if err != nil {
		return nil, loadErr(file, reasonBroken, err)
	}

	fillGIDs, ok := bmpLookup(d.table(data, "cmap"))
	adv, ok2 := hmtxAdvance(d.table(data, "maxp"), d.table(data, "hhea"), d.table(data, "hmtx"))
	_, isCFF := d.tables["CFF "]
	head := d.table(data, "head")
	var f *sfnt.Font
	if !embedded || isCFF || !ok || !ok2 || len(head) < 54 {
		if f, err = sfnt.Parse(data); err != nil {
			return nil, loadErr(file, reasonBroken, err)
		}
	}
	var name string
	var upm int
	if f != nil {
		var buf sfnt.Buffer
		name, _ = f.Name(&buf, sfnt.NameIDPostScript)
		upm = int(f.UnitsPerEm())
	} else {
		name, upm = nameOf(d.table(data, "name"), sfnt.NameIDPostScript), int(be.Uint16(head[18:]))
	}
	if name == "" {
		name = psName(file)
	}
	// With ppem equal to unitsPerEm in 26.6 units, GlyphAdvance returns the
	// raw advance in font units, exactly and without overflow.
	ppem := fixed.Int26_6(upm)

	t := &TrueType{file: file, name: name, data: data, ascent: float64(asc) / 1000, upm: float64(upm)}
	if isCFF {
		t.cff = f
	}
	t.glyphs = glyphsOnce(t)
	byGlyph := make(map[sfnt.GlyphIndex]uint16)
	fill, fromPages := decodePages(pages, d)
	switch {
	case fromPages:
		t.bmp = &runeTable{fill: fill}
	case ok && ok2:
		t.bmp = &runeTable{fill: func(lo rune, p *runePage) {
			var gids [256]uint16
			fillGIDs(lo, &gids)
			for i, g := range gids {
				p[i] = glyphAdv{0, noGlyph}
				if r := lo + rune(i); g == 0 || r >= 0xD800 && r <= 0xDFFF {
					continue
				}
				if a, ok := adv(g); ok {
					p[i] = glyphAdv{g, min(a, noGlyph-1)}
				}
			}
		}}
	default:
		t.bmp = fullTable(sfntTables(f, ppem, byGlyph))
	}
	astralAdv := adv
	if f != nil {
		astralAdv = func(g uint16) (uint16, bool) {
			a, ok := byGlyph[sfnt.GlyphIndex(g)]
			if !ok {
				var buf sfnt.Buffer
				x, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, 0)
				if err != nil {
					return 0, false
				}
				a = uint16(min(max(int(x), 0), noGlyph-1))
				byGlyph[sfnt.GlyphIndex(g)] = a
			}
			return a, true
		}
	}
	if err := t.readAstral(data, d, astralAdv); err != nil {
		return nil, loadErr(file, reasonBroken, err)
	}
	return t, nil
}

// sfntTables looks every BMP rune up through sfnt, one by one: the answer
// cmapBMP must give, and the way for cmaps it does not read. byGlyph
// collects the advances it read.
func sfntTables(f *sfnt.Font, ppem fixed.Int26_6, byGlyph map[sfnt.GlyphIndex]uint16) (adv, gid []uint16) {
	var buf sfnt.Buffer
	adv, gid = make([]uint16, 0x10000), make([]uint16, 0x10000)
	for r := range rune(0x10000) {
		adv[r] = noGlyph
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		a, ok := byGlyph[g]
		if !ok {
			x, err := f.GlyphAdvance(&buf, g, ppem, 0)
			if err != nil {
				continue
			}
			a = uint16(min(max(int(x), 0), noGlyph-1))
			byGlyph[g] = a
		}
		adv[r] = a
		gid[r] = uint16(g)
	}
	return adv, gid
}

// readAstral fills t.astral from the face's format 12 cmap subtable
// (Windows UCS-4 or Unicode full repertoire), if it has one. Only runes
// above U+FFFF are taken: the BMP came from the format 4 table already.
func (t *TrueType) readAstral(data []byte, d *sfntDir, adv func(g uint16) (uint16, bool)) error {
	sub := format12(d.table(data, "cmap"))
	if sub == nil {
		return nil
	}
	n := int(be.Uint32(sub[12:]))
	if n > (len(sub)-16)/12 {
		return fmt.Errorf("cmap format 12: %d groups do not fit", n)
	}
	numGlyphs := 0
	if maxp := d.table(data, "maxp"); len(maxp) >= 6 {
		numGlyphs = int(be.Uint16(maxp[4:]))
	}
	next := uint32(0) // groups are sorted and disjoint, so at most 1.1M code points are visited
	for i := range n {
		g := sub[16+12*i:]
		lo, hi, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
		if hi > 0x10FFFF || lo > hi || lo < next {
			return fmt.Errorf("cmap format 12: bad group U+%X–U+%X", lo, hi)
		}
		next = hi + 1
		if hi < 0x10000 {
			continue
		}
		for c := max(lo, 0x10000); c <= hi; c++ {
			gl := gid + (c - lo)
			if gl == 0 || int(gl) >= numGlyphs {
				continue
			}
			a, ok := adv(uint16(gl))
			if !ok {
				continue
			}
			if t.astral == nil {
				t.astral = map[rune]astralGlyph{}
			}
			t.astral[rune(c)] = astralGlyph{gid: uint16(gl), adv: min(a, noGlyph-1)}
		}
	}
	return nil
}

// format12 returns the cmap's format 12 subtable for Unicode (platform 3
// encoding 10, or platform 0 encoding 4 or 6), or nil.
func format12(cmap []byte) []byte {
	recs, _ := cmapRecords(cmap)
	for _, rec := range recs {
		pid, eid, off := rec.pid, rec.eid, rec.off
		if !(pid == 3 && eid == 10 || pid == 0 && (eid == 4 || eid == 6)) {
			continue
		}
		if uint64(off)+16 > uint64(len(cmap)) || be.Uint16(cmap[off:]) != 12 {
			continue
		}
		length := be.Uint32(cmap[off+4:])
		if uint64(off)+uint64(length) > uint64(len(cmap)) || length < 16 {
			continue
		}
		return cmap[off : off+length]
	}
	return nil
}

// checkEmbeddable refuses, in Chinese and naming the file, what the PDF
// writer cannot embed (CFF2, a face without the tables it reads, or one
// without a Unicode cmap it can look characters up in) or may not (a
// licence that forbids embedding or subsetting).
func checkEmbeddable(file string, data []byte, d *sfntDir) error {
	if _, ok := d.tables["CFF2"]; ok {
		return loadErr(file, reasonCFF2, nil)
	}
	outlines := []string{"loca", "glyf"}
	if _, ok := d.tables["CFF "]; ok {
		outlines = []string{"CFF "}
	}
	for _, tag := range append([]string{"head", "hhea", "hmtx", "maxp", "cmap", "post", "name"}, outlines...) {
		if _, ok := d.tables[tag]; !ok {
			return loadErr(file, fmt.Sprintf(reasonMissingTable, tag), nil)
		}
	}
	if cmap := d.table(data, "cmap"); !hasUnicodeFormat4(cmap) && format12(cmap) == nil {
		return loadErr(file, reasonNoCmap, nil)
	}
	if os2 := d.table(data, "OS/2"); len(os2) >= 10 {
		fsType := be.Uint16(os2[8:])
		if fsType&0x000F == 0x0002 || fsType&0x0300 != 0 {
			return loadErr(file, fmt.Sprintf(reasonRestricted, fsType), nil)
		}
	}
	return nil
}

// psName derives a PDF-safe font name from a file name, for the rare face
// without a PostScript name.
func psName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	for _, r := range base {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("[](){}<>/%#", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// Error is a font that cannot be used. Its message is Simplified Chinese,
// for the end user, and names the file.
type Error struct {
	File   string
	Reason string
	Err    error // underlying cause, if any
}

func (e *Error) Error() string { return "字体文件 " + e.File + "：" + e.Reason }

func (e *Error) Unwrap() error { return e.Err }

func loadErr(file, reason string, err error) error {
	if err != nil && (reason == reasonBroken || reason == reasonRead) {
		reason += "（" + err.Error() + "）"
	}
	return &Error{File: file, Reason: reason, Err: err}
}

// Reasons, kept as constants so tests can assert the exact text.
const (
	reasonNotExist     = "文件不存在"
	reasonRead         = "无法读取"
	reasonNotFont      = "不是字体文件（.ttf、.otf 或字体集合 .ttc、.otc）"
	reasonBroken       = "字体数据已损坏"
	reasonCFF2         = "是 CFF2 轮廓的可变 OpenType 字体，无法嵌入 PDF；请改用静态的 .otf 或 .ttf 字体"
	reasonMissingTable = "缺少必需的 %q 表，无法嵌入 PDF"
	reasonNoCmap       = "没有 Unicode 字符映射表（cmap 格式 4 或 12），无法用于中文排版"
	reasonRestricted   = "授权不允许嵌入或子集化（OS/2 fsType=0x%04X），请换一个字体"
	reasonTTCIndex     = "是字体集合（.ttc），共 %d 个字体，没有编号 %d（编号从 0 开始）"
	reasonNotTTC       = "不是字体集合（.ttc），字体编号只能是 0，不能是 %d"
)
