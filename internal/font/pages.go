package font

import "bytes"

// A pages file holds the BMP part of an embedded face's rune table,
// computed ahead of time: filling a page from the cmap and hmtx costs
// about 4 µs, and a one-sheet build fills some 130 pages of its four
// faces, mostly while laying out. fonts/zj-ROLE.pages are written by
//
//	go test ./internal/font -run TestPagesFiles -update
//
// (fonts/build.sh runs it); TestPagesFiles fails when one is stale, and
// a face whose tables are not those a file was computed from ignores it.
//
// Layout: pagesMagic; the key (pagesKey); 256 big-endian uint16, the
// slot of each page of 256 runes, 0 for a page the face maps none of;
// then each slot's 256 glyphs and advances, big-endian uint16 pairs.
const pagesMagic = "zjpages1"

const pagesHeader = len(pagesMagic) + 16 + 2*256

// pagesKey is what a rune table is computed from: the checksums the
// table directory records for cmap, hmtx, hhea and maxp.
func pagesKey(d *sfntDir) []byte {
	var key []byte
	for _, tag := range []string{"cmap", "hmtx", "hhea", "maxp"} {
		key = be.AppendUint32(key, d.tables[tag].checksum)
	}
	return key
}

// encodePages writes t's BMP rune table as a pages file with key.
func encodePages(t *runeTable, key []byte) []byte {
	var index, slots []byte
	n := uint16(0)
	for page := range 256 {
		t.at(rune(page << 8)) // fills the page
		pg := t.pages[page].Load()
		empty := true
		for _, g := range pg {
			if g != (glyphAdv{0, noGlyph}) {
				empty = false
				break
			}
		}
		if empty {
			index = be.AppendUint16(index, 0)
			continue
		}
		n++
		index = be.AppendUint16(index, n)
		for _, g := range pg {
			slots = be.AppendUint16(slots, g.gid)
			slots = be.AppendUint16(slots, g.adv)
		}
	}
	out := append([]byte(pagesMagic), key...)
	return append(append(out, index...), slots...)
}

// decodePages returns the page filler of a pages file computed from the
// tables of the face whose directory is d, or false when b is not one, or
// one of other tables.
func decodePages(b []byte, d *sfntDir) (func(lo rune, p *runePage), bool) {
	if len(b) < pagesHeader || string(b[:len(pagesMagic)]) != pagesMagic || !bytes.Equal(b[len(pagesMagic):len(pagesMagic)+16], pagesKey(d)) {
		return nil, false
	}
	index := b[len(pagesMagic)+16 : pagesHeader]
	for i := range 256 {
		if s := int(be.Uint16(index[2*i:])); pagesHeader+s*1024 > len(b) {
			return nil, false
		}
	}
	return func(lo rune, p *runePage) {
		s := int(be.Uint16(index[2*(lo>>8):]))
		if s == 0 {
			for i := range p {
				p[i] = glyphAdv{0, noGlyph}
			}
			return
		}
		src := b[pagesHeader+(s-1)*1024:]
		for i := range p {
			p[i] = glyphAdv{be.Uint16(src[4*i:]), be.Uint16(src[4*i+2:])}
		}
	}, true
}
