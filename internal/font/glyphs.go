package font

import (
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Glyphs is a TrueType face's glyph tables, read once, for embedding a
// subset of the face in a PDF (see Subset). It is immutable and safe for
// concurrent use. Table lengths are checked when it is built and glyph
// offsets when a glyph is read, so Subset cannot read out of range.
type Glyphs struct {
	PostScriptName string
	UnitsPerEm     int
	NumGlyphs      int
	// BBox is head's xMin, yMin, xMax, yMax in font units.
	BBox [4]int
	// Ascender and Descender are hhea's, in font units. Descender falls
	// back to OS/2 sTypoDescender, then to BBox's yMin, when hhea says 0.
	Ascender, Descender int
	// CapHeight is OS/2 sCapHeight (version 2 and later) if set, else
	// Ascender.
	CapHeight int
	// ItalicAngle is post's, in degrees counter-clockwise.
	ItalicAngle float64
	// Weight is OS/2 usWeightClass (400 without an OS/2 table).
	Weight     int
	FixedPitch bool

	bmp      *runeTable // BMP rune → glyph (shared with TrueType)
	astral   map[rune]astralGlyph
	locaLong bool
	loca     []byte
	glyf     []byte
	hmtx     []byte
	nHMetric int
	// Tables copied into a subset as they are (nil when absent).
	head, hhea, maxp, os2, post, name, cvt, fpgm, prep []byte
	// cff is set for a face with CFF outlines: glyph converts them.
	cff *sfnt.Font
}

// GlyphIndex returns the glyph of r, and false when the face does not map
// it.
func (g *Glyphs) GlyphIndex(r rune) (uint16, bool) {
	if r < 0 {
		return 0, false
	}
	if r >= 0x10000 {
		a, ok := g.astral[r]
		return a.gid, ok
	}
	gid := g.bmp.at(r).gid
	return gid, gid != 0
}

// AdvanceWidth returns the advance of glyph gid in font units (hmtx).
func (g *Glyphs) AdvanceWidth(gid uint16) int {
	i := min(int(gid), g.nHMetric-1)
	return int(be.Uint16(g.hmtx[4*i:]))
}

// lsb returns the left side bearing of gid (hmtx).
func (g *Glyphs) lsb(gid uint16) uint16 {
	if int(gid) < g.nHMetric {
		return be.Uint16(g.hmtx[4*int(gid)+2:])
	}
	return be.Uint16(g.hmtx[4*g.nHMetric+2*(int(gid)-g.nHMetric):])
}

// glyph returns the glyf data of gid (empty for a glyph without outline).
func (g *Glyphs) glyph(gid uint16) ([]byte, error) {
	if g.cff != nil {
		return cffGlyph(g.cff, gid)
	}
	var a, b int
	if g.locaLong {
		a, b = int(be.Uint32(g.loca[4*int(gid):])), int(be.Uint32(g.loca[4*int(gid)+4:]))
	} else {
		a, b = 2*int(be.Uint16(g.loca[2*int(gid):])), 2*int(be.Uint16(g.loca[2*int(gid)+2:]))
	}
	if a > b || b > len(g.glyf) {
		return nil, fmt.Errorf("glyph %d: loca offsets %d–%d outside glyf (%d bytes)", gid, a, b, len(g.glyf))
	}
	return g.glyf[a:b], nil
}

// Glyphs returns the face's glyph tables, read on first use and kept for
// the life of the face, so a PDF writer pays for them once per process.
func (t *TrueType) Glyphs() (*Glyphs, error) {
	if t.glyphs == nil {
		return nil, fmt.Errorf("font %s: not parsed", t.name)
	}
	return t.glyphs()
}

// ParseGlyphs reads the glyph tables of TrueType data that did not come
// from Load or Default (which cache them: use TrueType.Glyphs then).
func ParseGlyphs(data []byte) (*Glyphs, error) {
	t, err := parse("font data", data)
	if err != nil {
		return nil, err
	}
	return t.Glyphs()
}

var errTruncated = errors.New("table truncated")

// readGlyphs builds t's Glyphs from its tables. The cmap is t's rune table,
// which parse built with x/image/font/sfnt.
func readGlyphs(t *TrueType) (*Glyphs, error) {
	d, err := readDir(t.data, 0)
	if err != nil {
		return nil, err
	}
	tab := func(tag string) []byte { return d.table(t.data, tag) }
	g := &Glyphs{
		PostScriptName: t.name,
		bmp:            t.bmp,
		astral:         t.astral,
		cff:            t.cff,
		head:           tab("head"),
		hhea:           tab("hhea"),
		maxp:           tab("maxp"),
		os2:            tab("OS/2"),
		post:           tab("post"),
		name:           tab("name"),
		cvt:            tab("cvt "),
		fpgm:           tab("fpgm"),
		prep:           tab("prep"),
		loca:           tab("loca"),
		glyf:           tab("glyf"),
		hmtx:           tab("hmtx"),
	}
	if len(g.head) < 54 || len(g.hhea) < 36 || len(g.maxp) < 6 {
		return nil, fmt.Errorf("head, hhea or maxp: %w", errTruncated)
	}
	g.UnitsPerEm = int(be.Uint16(g.head[18:]))
	if g.UnitsPerEm == 0 {
		return nil, fmt.Errorf("unitsPerEm is 0")
	}
	for i := range g.BBox {
		g.BBox[i] = int(int16(be.Uint16(g.head[36+2*i:])))
	}
	g.locaLong = be.Uint16(g.head[50:]) != 0
	g.NumGlyphs = int(be.Uint16(g.maxp[4:]))
	if g.NumGlyphs == 0 {
		return nil, fmt.Errorf("maxp: no glyphs")
	}
	locaLen := 2 * (g.NumGlyphs + 1)
	if g.locaLong {
		locaLen *= 2
	}
	if len(g.loca) < locaLen && g.cff == nil {
		return nil, fmt.Errorf("loca: %w", errTruncated)
	}
	g.nHMetric = int(be.Uint16(g.hhea[34:]))
	if g.nHMetric == 0 || g.nHMetric > g.NumGlyphs || len(g.hmtx) < 4*g.nHMetric+2*(g.NumGlyphs-g.nHMetric) {
		return nil, fmt.Errorf("hmtx: %w", errTruncated)
	}

	g.Ascender = int(int16(be.Uint16(g.hhea[4:])))
	g.Descender = int(int16(be.Uint16(g.hhea[6:])))
	g.CapHeight = g.Ascender
	g.Weight = 400
	if len(g.os2) >= 72 {
		g.Weight = int(be.Uint16(g.os2[4:]))
		if g.Descender == 0 {
			g.Descender = int(int16(be.Uint16(g.os2[70:])))
		}
		if be.Uint16(g.os2) >= 2 && len(g.os2) >= 90 {
			if ch := int(int16(be.Uint16(g.os2[88:]))); ch > 0 {
				g.CapHeight = ch
			}
		}
	}
	if g.Descender == 0 {
		g.Descender = g.BBox[1]
	}
	if len(g.post) >= 16 {
		g.ItalicAngle = float64(int32(be.Uint32(g.post[4:]))) / 65536
		g.FixedPitch = be.Uint32(g.post[12:]) != 0
	}
	return g, nil
}

// glyphsOnce makes the lazily built Glyphs of t; parse installs it.
func glyphsOnce(t *TrueType) func() (*Glyphs, error) {
	return sync.OnceValues(func() (*Glyphs, error) {
		g, err := readGlyphs(t)
		if err != nil {
			return nil, fmt.Errorf("font %s (%s): %w", t.name, t.file, err)
		}
		return g, nil
	})
}
