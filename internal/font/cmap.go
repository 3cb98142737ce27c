package font

// The embedded faces are parsed at every start of zongjie, and looking up
// each of the 65,536 BMP characters through x/image/font/sfnt took most
// of that time. bmpLookup searches the map's segments itself, for the
// pages of characters a document uses (runeTable); it picks the subtable
// sfnt would pick, and TestCmapMatchesSfnt holds the two to the same
// answer for every character.

// bmpLookup returns the glyph lookup of BMP runes (0 where unmapped) of
// the widest Unicode subtable when it is format 4 or 12 and well formed;
// false otherwise (the caller then asks sfnt rune by rune).
func bmpLookup(cmap []byte) (func(c rune) uint16, bool) {
	if len(cmap) < 4 {
		return nil, false
	}
	n := int(be.Uint16(cmap[2:]))
	bestWidth, bestOff := 0, 0
	for i := range n {
		p := 4 + 8*i
		if p+8 > len(cmap) {
			return nil, false
		}
		w := encodingWidth(be.Uint16(cmap[p:]), be.Uint16(cmap[p+2:]))
		if w <= bestWidth {
			continue
		}
		off := int(be.Uint32(cmap[p+4:]))
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
// sfnt's search decides) and returns a binary search over them.
func format4Lookup(t []byte) (func(c rune) uint16, bool) {
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
	return func(c rune) uint16 {
		lo, hi := 0, seg
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if rune(be.Uint16(ends[2*m:])) < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo == seg {
			return 0
		}
		start := rune(be.Uint16(starts[2*lo:]))
		if c < start {
			return 0
		}
		delta, ro := be.Uint16(deltas[2*lo:]), int(be.Uint16(offs[2*lo:]))
		if ro == 0 {
			return uint16(c) + delta
		}
		// idRangeOffset counts bytes from its own slot, as sfnt reads it.
		p := 16 + 3*segX2 + 2*lo + ro + 2*int(c-start)
		if p+2 > len(t) {
			return 0
		}
		return be.Uint16(t[p:])
	}, true
}

// format12Lookup checks that the groups are sorted and disjoint and
// returns a binary search over them, for BMP runes.
func format12Lookup(t []byte) (func(c rune) uint16, bool) {
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
	return func(c rune) uint16 {
		lo, hi := 0, n
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if int64(be.Uint32(t[16+12*m+4:])) < int64(c) {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo == n {
			return 0
		}
		g := t[16+12*lo:]
		start := int64(be.Uint32(g))
		if int64(c) < start {
			return 0
		}
		return uint16(uint32(int64(c)-start) + be.Uint32(g[8:]))
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
