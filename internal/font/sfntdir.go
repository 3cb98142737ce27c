package font

import (
	"encoding/binary"
	"fmt"
	"sort"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/charmap"
)

// This file reads the sfnt table directory directly. x/image/font/sfnt
// hides it, and we need it for three things: refusing fonts our PDF writer
// cannot embed (it writes TrueType outlines, FontFile2, converting CFF
// ones), the ascent the FontDescriptor states, and cutting one face out of
// a .ttc, since a FontFile2 stream holds a single face.

const (
	tagTrueType = 0x00010000
	tagTrue     = 0x74727565 // "true", old Apple TrueType
	tagOTTO     = 0x4f54544f // "OTTO", CFF outlines
	tagTTCF     = 0x74746366 // "ttcf", collection
)

type tableRecord struct {
	tag      string
	checksum uint32
	offset   uint32 // from the start of the file, also inside a .ttc
	length   uint32
}

type sfntDir struct {
	version uint32
	tables  map[string]tableRecord
}

var be = binary.BigEndian

// readDir reads the offset table that starts at off in data.
func readDir(data []byte, off uint32) (*sfntDir, error) {
	if uint64(off)+12 > uint64(len(data)) {
		return nil, fmt.Errorf("offset table out of range")
	}
	d := &sfntDir{version: be.Uint32(data[off:]), tables: map[string]tableRecord{}}
	n := int(be.Uint16(data[off+4:]))
	recs := uint64(off) + 12
	if recs+uint64(n)*16 > uint64(len(data)) {
		return nil, fmt.Errorf("table directory out of range")
	}
	for i := range n {
		p := recs + uint64(i)*16
		r := tableRecord{
			tag:      string(data[p : p+4]),
			checksum: be.Uint32(data[p+4:]),
			offset:   be.Uint32(data[p+8:]),
			length:   be.Uint32(data[p+12:]),
		}
		if uint64(r.offset)+uint64(r.length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of range", r.tag)
		}
		d.tables[r.tag] = r
	}
	return d, nil
}

// table returns the bytes of tag, or nil if the face has no such table.
func (d *sfntDir) table(data []byte, tag string) []byte {
	r, ok := d.tables[tag]
	if !ok {
		return nil
	}
	return data[r.offset : r.offset+r.length]
}

// ttcOffsets returns the offset table positions of a collection's faces.
func ttcOffsets(data []byte) ([]uint32, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("collection header truncated")
	}
	n := be.Uint32(data[8:])
	if uint64(12)+uint64(n)*4 > uint64(len(data)) {
		return nil, fmt.Errorf("collection header out of range")
	}
	offs := make([]uint32, n)
	for i := range offs {
		offs[i] = be.Uint32(data[12+4*i:])
	}
	return offs, nil
}

// standalone writes the face described by d as a self-contained TrueType
// file: a fresh table directory (sorted by tag, as the spec asks) followed
// by each table, 4-byte aligned, and head.checkSumAdjustment recomputed.
// Collections share tables between faces; the copy duplicates them.
func standalone(data []byte, d *sfntDir) []byte {
	tags := make([]string, 0, len(d.tables))
	size := 12 + 16*len(d.tables)
	for tag, r := range d.tables {
		tags = append(tags, tag)
		size += int(r.length+3) &^ 3
	}
	sort.Strings(tags)

	out := make([]byte, size)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	be.PutUint32(out[0:], tagTrueType)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(n*16-searchRange))

	pos := 12 + 16*n
	headAt := -1
	for i, tag := range tags {
		r := d.tables[tag]
		body := data[r.offset : r.offset+r.length]
		copy(out[pos:], body)
		if tag == "head" && len(body) >= 12 {
			headAt = pos
			be.PutUint32(out[pos+8:], 0) // checkSumAdjustment, set below
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(out[pos:pos+int(r.length)]))
		be.PutUint32(rec[8:], uint32(pos))
		be.PutUint32(rec[12:], r.length)
		pos += int(r.length+3) &^ 3
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the tail padded with zeros.
func checksum(b []byte) uint32 {
	// Sixteen bytes a step, summed in 64 bits: the low 32 bits of the sum
	// are the 32-bit sum. A subset's tables are checksummed twice, and
	// word by word this was a twentieth of a batch.
	var wide uint64
	for len(b) >= 16 {
		x, y := be.Uint64(b), be.Uint64(b[8:])
		wide += x>>32 + x&0xffffffff + y>>32 + y&0xffffffff
		b = b[16:]
	}
	sum := uint32(wide)
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += be.Uint32(last[:])
	}
	return sum
}

// ascent1000 is the /Ascent the FontDescriptor states, in the glyph space
// of a PDF font (thousandths of an em, a whole number): the ascender the
// font's horizontal metrics give (hhea) when it has one; else the typo
// ascender (OS/2); else the top of the tallest glyph (head.yMax). Layout
// places baselines by the same number, so PDF viewers and layout agree.
func ascent1000(data []byte, d *sfntDir) (int, error) {
	head := d.table(data, "head")
	hhea := d.table(data, "hhea")
	if len(head) < 54 || len(hhea) < 36 {
		return 0, fmt.Errorf("head or hhea table truncated")
	}
	upm := be.Uint16(head[18:])
	if upm == 0 {
		return 0, fmt.Errorf("unitsPerEm is 0")
	}
	scale := 1000.0 / float64(upm)
	asc := int(float64(int16(be.Uint16(hhea[4:]))) * scale)
	if asc != 0 {
		return asc, nil
	}
	if os2 := d.table(data, "OS/2"); os2 != nil {
		if len(os2) < 70 {
			return 0, fmt.Errorf("OS/2 table truncated")
		}
		return int(float64(int16(be.Uint16(os2[68:]))) * scale), nil
	}
	return int(float64(int16(be.Uint16(head[42:]))) * scale), nil
}

// hasUnicodeFormat4 reports whether cmap has a format 4 subtable under
// platform 3 encoding 1, or under platform 0: where BMP characters are
// looked up (format12 holds the others).
func hasUnicodeFormat4(cmap []byte) bool {
	recs, _ := cmapRecords(cmap)
	for _, rec := range recs {
		if (rec.pid == 3 && rec.eid == 1) || rec.pid == 0 {
			if uint64(rec.off)+2 <= uint64(len(cmap)) && be.Uint16(cmap[rec.off:]) == 4 {
				return true
			}
		}
	}
	return false
}

// nameOf is sfnt's Font.Name read from a name table alone: the first
// record of the name id that is Macintosh Roman or Windows UCS-2, or ""
// when there is none or the table is cut short.
func nameOf(name []byte, id sfnt.NameID) string {
	if len(name) < 6 {
		return ""
	}
	n, storage := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	if len(name) < 6+12*n {
		return ""
	}
	for i := range n {
		rec := name[6+12*i:]
		if be.Uint16(rec[6:]) != uint16(id) {
			continue
		}
		platform := be.Uint32(rec)
		if platform != 1<<16 && platform != 3<<16|1 { // Macintosh Roman, Windows UCS-2
			continue
		}
		off, length := storage+int(be.Uint16(rec[10:])), int(be.Uint16(rec[8:]))
		if off+length > len(name) {
			return ""
		}
		s := name[off : off+length]
		if platform == 1<<16 {
			b, _ := charmap.Macintosh.NewDecoder().Bytes(s)
			return string(b)
		}
		if len(s)%2 != 0 {
			return ""
		}
		r := make([]rune, len(s)/2) // as sfnt: UCS-2, no surrogate pairs
		for j := range r {
			r[j] = rune(be.Uint16(s[2*j:]))
		}
		return string(r)
	}
	return ""
}
