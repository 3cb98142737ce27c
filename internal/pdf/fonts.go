package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"

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

// runeSet is a set of runes, iterated in code point order: a bitmap for
// the BMP, a map for the rare runes above it.
type runeSet struct {
	bmp    [0x10000 / 64]uint64
	astral map[rune]bool
}

func (s *runeSet) add(r rune) {
	if r >= 0x10000 {
		if s.astral == nil {
			s.astral = map[rune]bool{}
		}
		s.astral[r] = true
		return
	}
	s.bmp[r>>6] |= 1 << (r & 63)
}

func (s *runeSet) sorted() []rune {
	var out []rune
	for i, w := range s.bmp {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6|b))
			w &= w - 1
		}
	}
	return append(out, slices.Sorted(maps.Keys(s.astral))...)
}

// embedded is one face as the document uses it.
type embedded struct {
	face  font.Face
	res   string // resource name, e.g. F1
	used  runeSet
	runes []rune // used runes, sorted; runes[i] is CID i+1
	// narrowUsed collects the half-width glyphs the runs ask for
	// (layout.Run.Halves); narrow is them sorted, CIDs after the runes'.
	narrowUsed map[font.Narrow]bool
	narrow     []font.Narrow
	g          *font.Glyphs
	sub        *font.Subset
	// zfont and zcmap are the font program (of fontLen bytes) and the
	// ToUnicode CMap, deflated.
	zfont, zcmap []byte
	fontLen      int
	// pooled holds zfont when it is a pooled buffer's, returned by release
	// once the document is written.
	pooled *bytes.Buffer
}

// release returns the deflated font program's buffer to the pool.
func (e *embedded) release() {
	if e.pooled != nil {
		releaseBuf(e.pooled)
		e.pooled, e.zfont = nil, nil
	}
}

// The subsets of recent documents, deflated. A batch's summaries share
// their title and most headings, so the subsets of the heading faces
// repeat from one document to the next, and subsetting and deflating
// them need not be done again. Only faces parsed once per process are
// kept (their *font.Glyphs identifies them), and the cache is emptied
// when it grows past maxSubsetCache bytes. Output is the same with or
// without it: deflate is deterministic.
type subsetKey struct {
	g     *font.Glyphs
	runes string
}

type subsetEntry struct {
	source       []uint16
	advance      []int
	zfont, zcmap []byte
	fontLen      int
}

// A body face's subset is large and rarely repeats; a heading face's is
// small and often does: only small ones are kept.
const (
	maxSubsetCache = 4 << 20
	maxSubsetEntry = 48 << 10
)

var subsets struct {
	sync.Mutex
	m    map[subsetKey]*subsetEntry
	size int
}

// cid returns the CID (the subset's glyph) that shows r.
func (e *embedded) cid(r rune) uint16 {
	i, _ := slices.BinarySearch(e.runes, r)
	return uint16(i + 1)
}

// narrowCID returns the CID of r's half-width glyph.
func (e *embedded) narrowCID(n font.Narrow) uint16 {
	i, _ := slices.BinarySearchFunc(e.narrow, n, compareNarrow)
	return uint16(len(e.runes) + 1 + i)
}

func compareNarrow(a, b font.Narrow) int {
	if a.R != b.R {
		return int(a.R - b.R)
	}
	if a.Left == b.Left {
		return 0
	}
	if b.Left {
		return -1
	}
	return 1
}

// order numbers the CIDs: the used runes in code point order, then the
// half-width glyphs.
func (e *embedded) order() {
	e.runes = e.used.sorted()
	for n := range e.narrowUsed {
		e.narrow = append(e.narrow, n)
	}
	slices.SortFunc(e.narrow, compareNarrow)
}

// glyphCount is how many glyphs the face's subset holds (after order).
func (e *embedded) glyphCount() int { return len(e.runes) + len(e.narrow) }

// prepare subsets the face to the runes the document uses (after order).
func (e *embedded) prepare() error {
	g, err := glyphsOf(e.face)
	if err != nil {
		return fmt.Errorf("pdf: face %s: %w", e.face.Name(), err)
	}
	e.g = g
	_, shared := e.face.(glyphSource)
	key := subsetKey{g, string(e.runes) + fmt.Sprint(e.narrow)}
	if shared {
		subsets.Lock()
		c := subsets.m[key]
		subsets.Unlock()
		if c != nil {
			e.sub = &font.Subset{Source: c.source, Advance: c.advance}
			e.zfont, e.zcmap, e.fontLen = c.zfont, c.zcmap, c.fontLen
			return nil
		}
	}
	e.sub, err = g.Subset(e.runes, e.narrow...)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	e.pooled = deflate(e.sub.Font, len(e.sub.Font) >= bigFontLength)
	e.zfont, e.zcmap, e.fontLen = e.pooled.Bytes(), deflateBytes(e.toUnicode(), false), len(e.sub.Font)
	e.sub.Release() // deflated: the program itself is not needed again
	if n := len(e.zfont) + len(e.zcmap) + 10*len(e.sub.Source); shared && n <= maxSubsetEntry {
		// Kept beyond this document: a copy of its own.
		z := bytes.Clone(e.zfont)
		e.release()
		e.zfont = z
		subsets.Lock()
		if subsets.m == nil || subsets.size+n > maxSubsetCache {
			subsets.m, subsets.size = map[subsetKey]*subsetEntry{}, 0
		}
		subsets.m[key] = &subsetEntry{e.sub.Source, e.sub.Advance, e.zfont, e.zcmap, e.fontLen}
		subsets.size += n
		subsets.Unlock()
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
		} else if k := i - len(e.runes) - 1; k >= 0 && k < len(e.narrow) {
			r = -1 - e.narrow[k].R // a narrow glyph, distinct from any rune
			if e.narrow[k].Left {
				r -= 0x200000
			}
		}
		b[0], b[1] = byte(s>>8), byte(s)
		b[2], b[3] = byte(r>>8), byte(r)
		h.Write(b[:])
		if r >= 0x10000 || r < 0 {
			h.Write([]byte{byte(r >> 16), byte(r >> 24)})
		}
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
	// No font states its stem width; this is the usual estimate from the
	// weight class (viewers use it only to synthesise a missing font).
	b = append(b, " /StemV "...)
	b = strconv.AppendInt(b, int64(50+math.Pow(float64(g.Weight)/65, 2)), 10)
	b = append(b, " /FontFile2 "...)
	b = appendRef(b, n+3)
	w.dictObj(n+2, string(b))

	w.deflatedObj(n+3, "", e.zfont, e.fontLen)
	w.deflatedObj(n+4, "", e.zcmap, 0)
}

func appendRef(b []byte, n int) []byte {
	return append(strconv.AppendInt(b, int64(n), 10), " 0 R"...)
}

// appendWidths writes the /W entries of the runes' and narrow glyphs'
// CIDs whose advance is not 1000 (thousandths of an em, from the subset's
// hmtx): "c [w1 w2 …]" per run of consecutive CIDs.
func (e *embedded) appendWidths(b []byte) []byte {
	scale := 1000 / float64(e.g.UnitsPerEm)
	open := false
	for cid := 1; cid <= len(e.runes)+len(e.narrow); cid++ {
		w := float64(e.sub.Advance[cid]) * scale
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
// Runs of consecutive CIDs and BMP code points within one low byte become
// bfrange entries, the rest bfchar; at most 100 per section. A narrow
// glyph maps to its rune too, and a rune above U+FFFF to its UTF-16
// surrogate pair.
func (e *embedded) toUnicode() []byte {
	type entry struct {
		lo, hi uint16 // CIDs
		r      rune
	}
	var ranges, chars []entry
	for i := 0; i < len(e.runes); {
		j := i + 1
		// Extend while both the CID and the code point keep their high byte.
		for j < len(e.runes) && e.runes[j] == e.runes[j-1]+1 && e.runes[j] <= 0xFFFF &&
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
	for k, n := range e.narrow {
		cid := uint16(len(e.runes) + 1 + k)
		chars = append(chars, entry{cid, cid, n.R})
	}

	b := make([]byte, 0, 256+22*len(chars)+26*len(ranges))
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
			b = appendUTF16(b, c.r)
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

// appendUTF16 writes r in UTF-16BE hex: four digits, or eight for a
// surrogate pair.
func appendUTF16(b []byte, r rune) []byte {
	if r <= 0xFFFF {
		return appendHex16(b, uint16(r))
	}
	hi, lo := utf16.EncodeRune(r)
	return appendHex16(appendHex16(b, uint16(hi)), uint16(lo))
}
