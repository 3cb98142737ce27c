package sheet

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/zongjie/zongjie/internal/diag"
)

// Pos is a 1-based line and column in the sheet's source.
type Pos struct{ Line, Col int }

// Positions maps field paths to source positions. BurntSushi/toml reports
// positions for syntax errors only, so the decoder indexes keys itself with
// go-toml's position-aware parser.
//
// Paths look like "document.title", "methods[1].events[0].dates[2]". A path
// maps to its key; an array element maps to the element's value.
//
// The index is built on first use: most sheets of a batch have nothing to
// report, and indexing them cost a third of reading them.
type Positions struct {
	// index builds the index once, for every copy of the Positions, on
	// first use; nil for a sheet without one.
	index func() *index
	// raw is the sheet's decoded tables, which say what Has asks.
	raw map[string]any
	// fileOf names the file a path was written in, for a sheet merged
	// from two files; nil for a sheet of one file.
	fileOf func(path string) string
}

type index struct {
	keys   map[string]Pos
	values map[string]Pos
	// strs holds each string value as written, quotes and escapes
	// included, so a spot inside the text can be found in the file.
	strs map[string][]byte
}

var noIndex = &index{}

func (p Positions) ix() *index {
	if p.index == nil {
		return noIndex
	}
	return p.index()
}

// File names the file the key at path was written in when the sheet was
// merged from two files (sheet.Merge), and "" for a sheet of one file.
func (p Positions) File(path string) string {
	if p.fileOf == nil {
		return ""
	}
	return p.fileOf(path)
}

// RawStartsWithNewline reports whether the string at path was written as
// a multi-line string whose text starts on the line after the quotes.
func (p Positions) RawStartsWithNewline(path string) bool {
	raw := p.ix().strs[path]
	for _, open := range []string{"\"\"\"\n", "\"\"\"\r\n", "'''\n", "'''\r\n"} {
		if bytes.HasPrefix(raw, []byte(open)) {
			return true
		}
	}
	return false
}

// InText returns where the character at byte offset of the decoded string
// at path is written: past the quotes, escapes and line-ending
// backslashes that TOML removes. ok is false when the string's source is
// unknown or offset lies outside it. For several spots in one string, use
// a TextCursor.
func (p Positions) InText(path string, offset int) (pos Pos, ok bool) {
	c, ok := p.Cursor(path)
	if !ok {
		return Pos{}, false
	}
	return c.At(offset)
}

// TextCursor finds spots in one string's source, walking on from the spot
// asked for before: spots asked for in order cost one walk over the
// source, not one each (a text of 20 000 bad dates took 30 s).
type TextCursor struct {
	raw   []byte
	basic bool // a "…" string, with escapes
	end   int  // offset of the closing quotes in raw
	first int  // offset of the text's first byte in raw
	start Pos  // where the text's first byte is written
	i, n  int  // bytes of raw read; bytes of text they decode to
	pos   Pos  // where raw[i] is written
}

// Cursor returns a TextCursor for the string at path; ok is false when its
// source is unknown.
func (p Positions) Cursor(path string) (*TextCursor, bool) {
	raw, ok := p.ix().strs[path]
	if !ok || len(raw) < 2 {
		return nil, false
	}
	c := &TextCursor{raw: raw, basic: raw[0] == '"', end: len(raw) - 1, pos: p.Value(path)}
	quote := raw[0]
	if len(raw) >= 6 && bytes.HasPrefix(raw, []byte{quote, quote, quote}) {
		c.end = len(raw) - 3
		c.step(3)
		if bytes.HasPrefix(raw[c.i:], []byte("\r\n")) {
			c.step(2)
		} else if bytes.HasPrefix(raw[c.i:], []byte("\n")) {
			c.step(1)
		}
	} else {
		c.step(1)
	}
	c.first, c.start = c.i, c.pos
	return c, true
}

// step reads k bytes of raw, moving pos over them.
func (c *TextCursor) step(k int) {
	for _, r := range string(c.raw[c.i : c.i+k]) {
		if r == '\n' {
			c.pos.Line, c.pos.Col = c.pos.Line+1, 1
		} else {
			c.pos.Col++
		}
	}
	c.i += k
}

// At is InText for the cursor's string. An offset before the last one
// asked for starts the walk again from the text's start.
func (c *TextCursor) At(offset int) (Pos, bool) {
	if offset < 0 {
		return Pos{}, false
	}
	if offset < c.n {
		c.i, c.n, c.pos = c.first, 0, c.start
	}
	for c.i < c.end {
		if c.n > offset {
			return Pos{}, false
		}
		switch {
		case c.basic && c.raw[c.i] == '\\':
			k, m := escape(c.raw[c.i:c.end])
			if c.n == offset && m > 0 {
				return c.pos, true
			}
			c.step(k) // a line-ending backslash decodes to nothing: skip it
			c.n += m
		case c.n == offset:
			return c.pos, true
		default:
			_, k := utf8.DecodeRune(c.raw[c.i:])
			c.step(k)
			c.n += k
		}
	}
	return Pos{}, false
}

// escape measures the escape sequence at the start of b: k bytes as
// written, m bytes decoded. A backslash at the end of a line (multi-line
// strings) removes itself and all whitespace after it.
func escape(b []byte) (k, m int) {
	if len(b) < 2 {
		return len(b), 0
	}
	switch b[1] {
	case 'x', 'u', 'U':
		// \xHH (TOML 1.1, which BurntSushi reads), \uHHHH, \UHHHHHHHH.
		w := 2
		switch b[1] {
		case 'u':
			w = 4
		case 'U':
			w = 8
		}
		if len(b) < 2+w {
			return len(b), 0
		}
		r, err := strconv.ParseUint(string(b[2:2+w]), 16, 32)
		if err != nil {
			return 2 + w, 0
		}
		return 2 + w, utf8.RuneLen(rune(r))
	case ' ', '\t', '\r', '\n':
		k = 1
		for k < len(b) && strings.IndexByte(" \t\r\n", b[k]) >= 0 {
			k++
		}
		return k, 0
	}
	return 2, 1
}

// Key returns where the key of path is written, or the nearest enclosing
// key that has a position.
func (p Positions) Key(path string) Pos {
	ix := p.ix()
	for path != "" {
		if pos, ok := ix.keys[path]; ok {
			return pos
		}
		if pos, ok := ix.values[path]; ok {
			return pos
		}
		path = parent(path)
	}
	return Pos{}
}

// Has reports whether path was written in the sheet. The decoded tables
// tell, without the index.
func (p Positions) Has(path string) bool {
	var cur any = p.raw
	for _, seg := range strings.Split(path, ".") {
		name, idx, _ := strings.Cut(seg, "[")
		t, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = t[name]; !ok {
			return false
		}
		for idx != "" {
			var i string
			i, idx, _ = strings.Cut(idx, "]")
			idx = strings.TrimPrefix(idx, "[")
			n, err := strconv.Atoi(i)
			if err != nil || n < 0 {
				return false
			}
			switch a := cur.(type) {
			case []any:
				if n >= len(a) {
					return false
				}
				cur = a[n]
			case []map[string]any:
				if n >= len(a) {
					return false
				}
				cur = a[n]
			default:
				return false
			}
		}
	}
	return true
}

// Error is the diagnostic of the given kind about path in file, at its
// key (or the nearest enclosing key written): every diagnostic at a
// sheet's position is made here or by ValueError.
func (p Positions) Error(file, path, kind, format string, args ...any) diag.Diagnostic {
	at := p.Key(path)
	return diag.Errorf(file, at.Line, at.Col, path, format, args...).OfKind(kind)
}

// ValueError is Error at the start of path's value.
func (p Positions) ValueError(file, path, kind, format string, args ...any) diag.Diagnostic {
	at := p.Value(path)
	return diag.Errorf(file, at.Line, at.Col, path, format, args...).OfKind(kind)
}

// Value returns where the value of path starts (the opening quote of a
// string), falling back to its key.
func (p Positions) Value(path string) Pos {
	if pos, ok := p.ix().values[path]; ok {
		return pos
	}
	return p.Key(path)
}

// parent drops the last segment: "a[1].b" → "a[1]" → "a" → "".
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// indexPositions walks the source once. A sheet BurntSushi accepted but this
// parser does not simply gets no positions.
func indexPositions(src []byte) *index {
	x := indexer{
		ix:     &index{keys: map[string]Pos{}, values: map[string]Pos{}, strs: map[string][]byte{}},
		lines:  lineStarts(src),
		src:    src,
		arrays: map[string]int{},
	}
	x.p.Reset(src)
	prefix := ""
	for x.p.NextExpression() {
		e := x.p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, last := x.keyParts(e.Key())
			if e.Kind == unstable.ArrayTable {
				arr := join(x.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
				x.arrays[arr]++
				prefix = arr + "[" + strconv.Itoa(x.arrays[arr]-1) + "]"
				if _, ok := x.ix.keys[arr]; !ok {
					x.ix.keys[arr] = last
				}
			} else {
				prefix = x.resolve(parts)
			}
			x.ix.keys[prefix] = last
		case unstable.KeyValue:
			x.keyValue(prefix, e)
		}
	}
	return x.ix
}

type indexer struct {
	p      unstable.Parser
	ix     *index
	lines  []int // byte offset of each line's start
	src    []byte
	arrays map[string]int // array-of-tables path → element count

	last    Pos // the last position pos returned, at byte lastOff
	lastOff int
}

// resolve turns header segments into a path; a segment naming an array of
// tables refers to its last element, as TOML says.
func (x *indexer) resolve(parts []string) string {
	path := ""
	for _, part := range parts {
		path = join(path, part)
		if n, ok := x.arrays[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func (x *indexer) keyValue(prefix string, kv *unstable.Node) {
	parts, last := x.keyParts(kv.Key())
	path := prefix
	for _, part := range parts {
		path = join(path, part)
	}
	x.ix.keys[path] = last
	x.value(path, kv.Value())
}

func (x *indexer) value(path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				x.keyValue(path, n)
			}
		}
	case unstable.Array:
		it := v.Children()
		i := 0
		for it.Next() {
			n := it.Node()
			if n.Kind == unstable.Comment {
				continue
			}
			el := path + "[" + strconv.Itoa(i) + "]"
			x.ix.values[el] = x.pos(n)
			x.value(el, n)
			i++
		}
	default:
		x.ix.values[path] = x.pos(v)
		if v.Kind == unstable.String && v.Raw.Length > 0 {
			x.ix.strs[path] = x.src[v.Raw.Offset : v.Raw.Offset+v.Raw.Length]
		}
	}
}

func (x *indexer) keyParts(it unstable.Iterator) ([]string, Pos) {
	var parts []string
	var last Pos
	for it.Next() {
		n := it.Node()
		parts = append(parts, string(n.Data))
		last = x.pos(n)
	}
	return parts, last
}

// pos counts columns on from the last position asked for when it is
// earlier on the same line: counting from the line's start every time is
// quadratic in a long line of many values.
func (x *indexer) pos(n *unstable.Node) Pos {
	off := min(max(int(n.Raw.Offset), 0), len(x.src))
	if x.lastOff > 0 && off >= x.lastOff && (x.last.Line == len(x.lines) || off < x.lines[x.last.Line]) {
		p := Pos{Line: x.last.Line, Col: x.last.Col + utf8.RuneCount(x.src[x.lastOff:off])}
		x.last, x.lastOff = p, off
		return p
	}
	p := posAt(x.src, x.lines, off)
	x.last, x.lastOff = p, off
	return p
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// posAt converts a byte offset to a line and a column counted in
// characters, as editors show them.
func posAt(src []byte, lines []int, offset int) Pos {
	offset = min(max(offset, 0), len(src))
	i := sort.Search(len(lines), func(i int) bool { return lines[i] > offset }) - 1
	return Pos{Line: i + 1, Col: utf8.RuneCount(src[lines[i]:offset]) + 1}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
