package pdf

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/bits"
	"slices"
	"strconv"

	"github.com/zongjie/zongjie/internal/font"
)

// glyphSource is implemented by faces that keep their glyph tables parsed
// (font.TrueType does, once per process); other faces are parsed on each
// Write.
type glyphSource interface {
	Glyphs() (*font.Glyphs, error)
}

func glyphsOf(face font.Face) (*font.Glyphs, error) {
	if s, ok := face.(glyphSource); ok {
		return s.Glyphs()
	}
	return font.ParseGlyphs(face.Bytes())
}

// runeSet is a set of BMP runes (Write refuses the others), iterated in
// code point order.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) { s[r>>6] |= 1 << (r & 63) }

func (s *runeSet) sorted() []rune {
	var out []rune
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6|b))
			w &= w - 1
		}
	}
	return out
}

// embedded is one face as the document uses it.
type embedded struct {
	face  font.Face
	res   string // resource name, e.g. F1
	used  runeSet
	runes []rune // used runes, sorted; runes[i] is CID i+1
	g     *font.Glyphs
	sub   *font.Subset
}

// cid returns the CID (the subset's glyph) that shows r.
func (e *embedded) cid(r rune) uint16 {
	i, _ := slices.BinarySearch(e.runes, r)
	return uint16(i + 1)
}

// prepare subsets the face to the runes the document uses.
func (e *embedded) prepare() error {
	g, err := glyphsOf(e.face)
	if err != nil {
		return fmt.Errorf("pdf: face %s: %w", e.face.Name(), err)
	}
	e.g = g
	e.runes = e.used.sorted()
	e.sub, err = g.Subset(e.runes)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// baseFont is the subset's PostScript name: a tag of six capitals derived
// from the glyph set (PDF 32000 §9.6.4), "+", the face's name.
func (e *embedded) baseFont() string {
	h := fnv.New64a()
	var b [4]byte
	for i, s := range e.sub.Source {
		r := rune(0)
		if i > 0 && i <= len(e.runes) {
			r = e.runes[i-1]
		}
		b[0], b[1] = byte(s>>8), byte(s)
		b[2], b[3] = byte(r>>8), byte(r)
		h.Write(b[:])
	}
	h.Write([]byte(e.g.PostScriptName))
	v := h.Sum64()
	tag := make([]byte, 6, 7+len(e.g.PostScriptName))
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(append(append(tag, '+'), e.g.PostScriptName...))
}

// fontObjects is how many objects write uses, numbered from n.
const fontObjects = 5

// write writes the face's objects, numbered n to n+4: the Type0 font, its
// CIDFontType2 descendant, the font descriptor, the font program and the
// ToUnicode CMap.
func (e *embedded) write(w *objWriter, n int) {
	base := e.baseFont()
	var b []byte

	b = append(b, "/Type /Font /Subtype /Type0 /BaseFont "...)
	b = appendName(b, base)
	b = append(b, " /Encoding /Identity-H /DescendantFonts ["...)
	b = appendRef(b, n+1)
	b = append(b, "] /ToUnicode "...)
	b = appendRef(b, n+4)
	w.dictObj(n, string(b))

	// CID = subset glyph (/CIDToGIDMap /Identity); /DW is the default
	// 1000, so /W lists only the other widths.
	b = append(b[:0], "/Type /Font /Subtype /CIDFontType2 /BaseFont "...)
	b = appendName(b, base)
	b = append(b, " /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor "...)
	b = appendRef(b, n+2)
	b = append(b, " /CIDToGIDMap /Identity /W ["...)
	b = e.appendWidths(b)
	b = append(b, ']')
	w.dictObj(n+1, string(b))

	g := e.g
	scale := 1000 / float64(g.UnitsPerEm)
	flags := 4 // symbolic: glyphs are chosen by CID, not by a standard encoding
	if g.FixedPitch {
		flags |= 1
	}
	if g.ItalicAngle != 0 {
		flags |= 64
	}
	b = append(b[:0], "/Type /FontDescriptor /FontName "...)
	b = appendName(b, base)
	b = append(b, " /Flags "...)
	b = strconv.AppendInt(b, int64(flags), 10)
	b = append(b, " /FontBBox ["...)
	for i, v := range g.BBox {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(float64(v)*scale), 10)
	}
	// Ascent is the face's own Ascent() in thousandths: layout puts the
	// top of a line's em box where a reader puts the glyph tops, and
	// readers (pdftotext) take that top from here.
	b = append(b, "] /ItalicAngle "...)
	b = appendNum(b, g.ItalicAngle)
	b = append(b, " /Ascent "...)
	b = strconv.AppendInt(b, int64(math.Round(e.face.Ascent()*1000)), 10)
	b = append(b, " /Descent "...)
	b = strconv.AppendInt(b, int64(float64(g.Descender)*scale), 10)
	b = append(b, " /CapHeight "...)
	b = strconv.AppendInt(b, int64(float64(g.CapHeight)*scale), 10)
	// No font states its stem width; this is fpdf's (and others') guess
	// from the weight class.
	b = append(b, " /StemV "...)
	b = strconv.AppendInt(b, int64(50+math.Pow(float64(g.Weight)/65, 2)), 10)
	b = append(b, " /FontFile2 "...)
	b = appendRef(b, n+3)
	w.dictObj(n+2, string(b))

	w.streamObj(n+3, "", e.sub.Font, len(e.sub.Font))

	cm := e.toUnicode()
	w.streamObj(n+4, "", cm, 0)
}

func appendRef(b []byte, n int) []byte {
	return append(strconv.AppendInt(b, int64(n), 10), " 0 R"...)
}

// appendWidths writes the /W entries of the runes' CIDs whose advance is
// not 1000 (thousandths of an em, from hmtx): "c [w1 w2 …]" per run of
// consecutive CIDs.
func (e *embedded) appendWidths(b []byte) []byte {
	scale := 1000 / float64(e.g.UnitsPerEm)
	open := false
	for i := range e.runes {
		cid := i + 1
		w := float64(e.g.AdvanceWidth(e.sub.Source[cid])) * scale
		if w == 1000 {
			if open {
				b = append(b, ']')
				open = false
			}
			continue
		}
		if !open {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(cid), 10)
			b = append(b, " ["...)
			open = true
		} else {
			b = append(b, ' ')
		}
		b = appendNum(b, w)
	}
	if open {
		b = append(b, ']')
	}
	return b
}

// toUnicode is the CMap that maps each CID back to its rune, so copy and
// paste and text extraction give the exact characters (PDF 32000 §9.10.3).
// Runs of consecutive CIDs and code points within one low byte become
// bfrange entries, the rest bfchar; at most 100 per section.
func (e *embedded) toUnicode() []byte {
	type entry struct {
		lo, hi uint16 // CIDs
		r      rune
	}
	var ranges, chars []entry
	for i := 0; i < len(e.runes); {
		j := i + 1
		// Extend while both the CID and the code point keep their high byte.
		for j < len(e.runes) && e.runes[j] == e.runes[j-1]+1 &&
			(j+1)>>8 == (i+1)>>8 && e.runes[j]>>8 == e.runes[i]>>8 {
			j++
		}
		en := entry{uint16(i + 1), uint16(j), e.runes[i]}
		if j-i > 1 {
			ranges = append(ranges, en)
		} else {
			chars = append(chars, en)
		}
		i = j
	}

	b := make([]byte, 0, 256+18*len(chars)+26*len(ranges))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for k := 0; k < len(chars); k += 100 {
		part := chars[k:min(k+100, len(chars))]
		b = strconv.AppendInt(b, int64(len(part)), 10)
		b = append(b, " beginbfchar\n"...)
		for _, c := range part {
			b = append(b, '<')
			b = appendHex16(b, c.lo)
			b = append(b, "> <"...)
			b = appendHex16(b, uint16(c.r))
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	for k := 0; k < len(ranges); k += 100 {
		part := ranges[k:min(k+100, len(ranges))]
		b = strconv.AppendInt(b, int64(len(part)), 10)
		b = append(b, " beginbfrange\n"...)
		for _, c := range part {
			b = append(b, '<')
			b = appendHex16(b, c.lo)
			b = append(b, "> <"...)
			b = appendHex16(b, c.hi)
			b = append(b, "> <"...)
			b = appendHex16(b, uint16(c.r))
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	return b
}
