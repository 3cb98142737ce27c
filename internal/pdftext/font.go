package pdftext

import "unicode/utf16"

// fontInfo decodes the codes of one font resource into text and advances.
type fontInfo struct {
	base     string // /BaseFont
	twoByte  bool   // Type0 (composite) font: 2-byte codes (Identity-H)
	toUni    *cmap  // ToUnicode, if any
	widths   map[int]float64
	dw       float64 // default width, glyph units (1/1000 em)
	noWidths bool    // standard 14 font without /Widths: advances unknown
}

// code is one character code of a shown string.
type code struct {
	c int
	n int // bytes in the code
}

func (fi *fontInfo) codes(s []byte) []code {
	var out []code
	if fi.twoByte {
		for i := 0; i+1 < len(s); i += 2 {
			out = append(out, code{int(s[i])<<8 | int(s[i+1]), 2})
		}
		return out
	}
	for _, b := range s {
		out = append(out, code{int(b), 1})
	}
	return out
}

func (fi *fontInfo) text(c code) string {
	if fi.toUni != nil {
		if s, ok := fi.toUni.lookup(c); ok {
			return s
		}
	}
	if fi.twoByte {
		// Identity-H without a usable ToUnicode: assume CID = code point,
		// which is how fpdf's UTF-8 fonts are built.
		return string(rune(c.c))
	}
	return string(winAnsi(byte(c.c)))
}

func (fi *fontInfo) width(c code) float64 {
	if w, ok := fi.widths[c.c]; ok {
		return w
	}
	return fi.dw
}

// winAnsi maps a WinAnsiEncoding byte to a rune (Latin-1 plus the cp1252
// additions in 0x80–0x9F).
func winAnsi(b byte) rune {
	if b >= 0x80 && b <= 0x9f {
		if r := cp1252[b-0x80]; r != 0 {
			return r
		}
	}
	return rune(b)
}

var cp1252 = [32]rune{
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
}

func (f *file) font(o any) *fontInfo {
	d := f.dict(o)
	fi := &fontInfo{widths: map[int]float64{}}
	if d == nil {
		fi.noWidths = true
		return fi
	}
	if b, ok := f.resolve(d["BaseFont"]).(name); ok {
		fi.base = string(b)
	}
	if s, ok := f.resolve(d["ToUnicode"]).(*stream); ok {
		if data, err := f.decode(s); err == nil {
			fi.toUni = parseCMap(data)
		}
	}
	if f.resolve(d["Subtype"]) == name("Type0") {
		fi.twoByte = true
		fi.dw = 1000
		if desc := f.array(d["DescendantFonts"]); len(desc) > 0 {
			cid := f.dict(desc[0])
			if v, ok := f.number(cid["DW"]); ok {
				fi.dw = v
			}
			f.cidWidths(f.array(cid["W"]), fi.widths)
		}
		return fi
	}
	first, _ := f.number(d["FirstChar"])
	ws := f.array(d["Widths"])
	if ws == nil {
		fi.noWidths = true
	}
	for i, w := range ws {
		if v, ok := f.number(w); ok {
			fi.widths[int(first)+i] = v
		}
	}
	if fd := f.dict(d["FontDescriptor"]); fd != nil {
		fi.dw, _ = f.number(fd["MissingWidth"])
	}
	return fi
}

// cidWidths reads a /W array: "c [w1 w2 …]" and "c1 c2 w" forms.
func (f *file) cidWidths(w []any, out map[int]float64) {
	for i := 0; i < len(w); {
		c, ok := f.number(w[i])
		if !ok || i+1 >= len(w) {
			return
		}
		if arr := f.array(w[i+1]); arr != nil {
			for j, v := range arr {
				if n, ok := f.number(v); ok {
					out[int(c)+j] = n
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			return
		}
		c2, _ := f.number(w[i+1])
		n, _ := f.number(w[i+2])
		for k := int(c); k <= int(c2) && k-int(c) < 1<<16; k++ {
			out[k] = n
		}
		i += 3
	}
}

// cmap is a parsed ToUnicode CMap (bfchar and bfrange sections).
type cmap struct {
	chars  map[code]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi code
	dst    []byte // UTF-16BE of lo; later codes increment it
	list   []string
}

func (m *cmap) lookup(c code) (string, bool) {
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if c.n != r.lo.n || c.c < r.lo.c || c.c > r.hi.c {
			continue
		}
		off := c.c - r.lo.c
		if r.list != nil {
			if off < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		// Increment the destination as one big-endian number: fpdf's
		// identity range <0000> <FFFF> <0000> relies on that.
		d := append([]byte(nil), r.dst...)
		carry := off
		for i := len(d) - 1; i >= 0 && carry > 0; i-- {
			v := int(d[i]) + carry
			d[i] = byte(v)
			carry = v >> 8
		}
		return utf16be(d), true
	}
	return "", false
}

func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

func codeOf(b []byte) code {
	c := 0
	for _, x := range b {
		c = c<<8 | int(x)
	}
	return code{c, len(b)}
}

func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[code]string{}}
	l := &lexer{b: data}
	var ops []any
	for {
		t, err := l.object(false)
		if err != nil {
			break
		}
		k, ok := t.(keyword)
		if !ok {
			ops = append(ops, t)
			continue
		}
		switch k {
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				src, ok1 := ops[i].([]byte)
				dst, ok2 := ops[i+1].([]byte)
				if ok1 && ok2 {
					m.chars[codeOf(src)] = utf16be(dst)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, ok1 := ops[i].([]byte)
				hi, ok2 := ops[i+1].([]byte)
				if !ok1 || !ok2 {
					continue
				}
				r := cmapRange{lo: codeOf(lo), hi: codeOf(hi)}
				switch d := ops[i+2].(type) {
				case []byte:
					r.dst = d
				case []any:
					for _, e := range d {
						s, _ := e.([]byte)
						r.list = append(r.list, utf16be(s))
					}
				}
				m.ranges = append(m.ranges, r)
			}
		}
		ops = ops[:0]
	}
	return m
}
