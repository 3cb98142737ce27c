package font

import "sort"

// The embedded faces are parsed at every start of zongjie, and looking up
// each of the 65,536 BMP characters through x/image/font/sfnt took most
// of that time. bmpLookup searches the map's segments itself, for the
// pages of characters a document uses (runeTable); it picks the subtable
// sfnt would pick, and TestEmbeddedParseWithSfnt holds the two to the
// same answer for every character.

// pageFiller writes the glyphs of the 256 runes from lo (a multiple of
// 256) into out, 0 where unmapped.
type pageFiller func(lo rune, out *[256]uint16)

// bmpLookup returns the page filler of BMP runes of the widest Unicode
// subtable when it is format 4 or 12 and well formed; false otherwise
// (the caller then asks sfnt rune by rune).
func bmpLookup(cmap []byte) (pageFiller, bool) {
	recs, whole := cmapRecords(cmap)
	if !whole {
		return nil, false
	}
	bestWidth, bestOff := 0, 0
	for _, rec := range recs {
		w := encodingWidth(rec.pid, rec.eid)
		if w <= bestWidth {
			continue
		}
		off := int(rec.off)
		if off+4 > len(cmap) {
			return nil, false
		}
		switch be.Uint16(cmap[off:]) {
		case 4, 12:
		case 0, 6:
			// Supported by sfnt, not here: let it answer.
			bestWidth, bestOff = w, -1
			continue
		default:
			continue
		}
		bestWidth, bestOff = w, off
	}
	if bestWidth == 0 || bestOff < 0 {
		return nil, false
	}
	if be.Uint16(cmap[bestOff:]) == 4 {
		return format4Lookup(cmap[bestOff:])
	}
	return format12Lookup(cmap[bestOff:])
}

// cmapRecord is a cmap's encoding record: a platform, an encoding and the
// offset of their subtable in the cmap.
type cmapRecord struct {
	pid, eid uint16
	off      uint32
}

// cmapRecords reads the cmap's encoding records, up to the first that
// does not fit; whole is false when one did not.
func cmapRecords(cmap []byte) (recs []cmapRecord, whole bool) {
	if len(cmap) < 4 {
		return nil, false
	}
	n := int(be.Uint16(cmap[2:]))
	for i := range n {
		p := 4 + 8*i
		if p+8 > len(cmap) {
			return recs, false
		}
		recs = append(recs, cmapRecord{be.Uint16(cmap[p:]), be.Uint16(cmap[p+2:]), be.Uint32(cmap[p+4:])})
	}
	return recs, true
}

// encodingWidth ranks a subtable's platform and encoding as sfnt does:
// how much of Unicode it can hold.
func encodingWidth(pid, eid uint16) int {
	switch {
	case pid == 0 && eid == 3, pid == 3 && (eid == 0 || eid == 1):
		return 2
	case pid == 0 && eid == 4, pid == 3 && eid == 10:
		return 4
	case pid == 1 && eid == 0:
		return 1
	}
	return 0
}

// format4Lookup checks that the segments are sorted and disjoint (else
// sfnt's search decides) and returns a filler that finds a page's first
// segment by binary search and walks on from there.
func format4Lookup(t []byte) (pageFiller, bool) {
	if len(t) < 14 {
		return nil, false
	}
	segX2 := int(be.Uint16(t[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(t) {
		return nil, false
	}
	seg := segX2 / 2
	ends, starts := t[14:], t[16+segX2:]
	deltas, offs := t[16+2*segX2:], t[16+3*segX2:]
	prevEnd := -1
	for i := range seg {
		end, start := int(be.Uint16(ends[2*i:])), int(be.Uint16(starts[2*i:]))
		if start > end || start <= prevEnd {
			return nil, false
		}
		prevEnd = end
	}
	return func(lo rune, out *[256]uint16) {
		*out = [256]uint16{}
		first := sort.Search(seg, func(i int) bool { return rune(be.Uint16(ends[2*i:])) >= lo })
		for i := first; i < seg; i++ {
			start, end := rune(be.Uint16(starts[2*i:])), rune(be.Uint16(ends[2*i:]))
			if start > lo+255 {
				return
			}
			delta, ro := be.Uint16(deltas[2*i:]), int(be.Uint16(offs[2*i:]))
			for c := max(start, lo); c <= min(end, lo+255); c++ {
				if ro == 0 {
					out[c-lo] = uint16(c) + delta
					continue
				}
				// idRangeOffset counts bytes from its own slot, as sfnt reads it.
				if p := 16 + 3*segX2 + 2*i + ro + 2*int(c-start); p+2 <= len(t) {
					out[c-lo] = be.Uint16(t[p:])
				}
			}
		}
	}, true
}

// format12Lookup checks that the groups are sorted and disjoint and
// returns a filler for BMP pages, as format4Lookup's.
func format12Lookup(t []byte) (pageFiller, bool) {
	if len(t) < 16 {
		return nil, false
	}
	n := int(be.Uint32(t[12:]))
	if 16+12*n > len(t) {
		return nil, false
	}
	prevEnd := int64(-1)
	for i := range n {
		g := t[16+12*i:]
		start, end := int64(be.Uint32(g)), int64(be.Uint32(g[4:]))
		if start > end || start <= prevEnd {
			return nil, false
		}
		prevEnd = end
	}
	return func(lo rune, out *[256]uint16) {
		*out = [256]uint16{}
		first := sort.Search(n, func(i int) bool { return int64(be.Uint32(t[16+12*i+4:])) >= int64(lo) })
		for i := first; i < n; i++ {
			g := t[16+12*i:]
			start, end, gid := int64(be.Uint32(g)), int64(be.Uint32(g[4:])), be.Uint32(g[8:])
			if start > int64(lo)+255 {
				return
			}
			for c := max(start, int64(lo)); c <= min(end, int64(lo)+255); c++ {
				out[c-int64(lo)] = uint16(uint32(c-start) + gid)
			}
		}
	}, true
}

// hmtxAdvance returns a function giving glyph g's advance in font units,
// as sfnt's GlyphAdvance does, and false for a glyph the face lacks.
func hmtxAdvance(maxp, hhea, hmtx []byte) (func(g uint16) (uint16, bool), bool) {
	if len(maxp) < 6 || len(hhea) < 36 {
		return nil, false
	}
	numGlyphs, numH := int(be.Uint16(maxp[4:])), int(be.Uint16(hhea[34:]))
	if numH == 0 || 4*numH > len(hmtx) {
		return nil, false
	}
	return func(g uint16) (uint16, bool) {
		if int(g) >= numGlyphs {
			return 0, false
		}
		return be.Uint16(hmtx[4*min(int(g), numH-1):]), true
	}, true
}
