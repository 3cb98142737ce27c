package sheet

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/files"
)

// Layer is one parsed sheet file, not yet decoded: a branch sheet, or a
// defaults sheet that holds only the facts its branches share. Layers are
// merged before decoding so a branch need hold only what differs.
type Layer struct {
	File string
	Src  []byte
	Raw  map[string]any
	Pos  Positions
}

// ReadLayer reads and parses the sheet file at path.
func ReadLayer(path string) (*Layer, diag.List) {
	src, diags := ReadSource(path)
	if diags != nil {
		return nil, diags
	}
	return ParseLayer(path, src)
}

// ParseLayer parses src, read from file, with the same checks as Decode
// (size, encoding, TOML syntax) but without the schema.
func ParseLayer(file string, src []byte) (*Layer, diag.List) {
	if len(src) > MaxSize {
		err := &files.Error{Path: file, Kind: files.Sheet, TooLarge: true, Size: int64(len(src))}
		return nil, diag.List{diag.Errorf(file, 0, 0, "", "%s", files.Message(err)).OfKind("too-large")}
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if d, bad := checkEncoding(file, src); bad {
		return nil, diag.List{d}
	}
	if d, bad := checkDepth(file, src); bad {
		return nil, diag.List{d}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, diag.List{syntaxError(file, src, err)}
	}
	if raw == nil {
		raw = map[string]any{}
	}
	return &Layer{File: file, Src: src, Raw: raw, Pos: Positions{index: sync.OnceValue(func() *index { return indexPositions(src) }), raw: raw}}, nil
}

// Take removes the top-level key from the layer and returns its value.
// Settings that are not facts (a batch's [batch] table) are taken out
// before decoding, so the schema never sees them.
func (l *Layer) Take(key string) (any, bool) {
	v, ok := l.Raw[key]
	if ok {
		raw := make(map[string]any, len(l.Raw)-1)
		for k, x := range l.Raw {
			if k != key {
				raw[k] = x
			}
		}
		l.Raw, l.Pos.raw = raw, raw
	}
	return v, ok
}

// DecodeTable decodes raw, the value at path in the layer, into the struct
// *v with the sheet's rules: unknown keys (with a suggestion), wrong types
// and blank required values are diagnostics at their place in the file.
// Tables that are settings rather than facts ([batch]) are read with it.
func (l *Layer) DecodeTable(path string, raw any, v any) diag.List {
	d := decoder{file: l.File, pos: l.Pos}
	d.value(path, raw, reflect.ValueOf(v).Elem())
	return d.diags.Sort()
}

// Merged is a branch layer laid over a defaults layer.
//
// The rule: tables merge key by key, recursively; any other value — text,
// number, date, list, list of tables — in the branch replaces the
// default's whole. So a branch that writes [[methods]] has only its own
// methods, and one that writes [document] unit keeps the default title.
type Merged struct {
	base, over *Layer
	raw        map[string]any
	pos        Positions
}

// Merge lays over on top of base. base may be nil. Neither layer is
// modified, so one defaults layer serves many branches at once.
func Merge(base, over *Layer) *Merged {
	m := &Merged{base: base, over: over}
	if base == nil {
		m.raw, m.pos = over.Raw, over.Pos
		return m
	}
	m.raw = mergeTables(base.Raw, over.Raw)
	m.pos = Positions{index: sync.OnceValue(m.index), raw: m.raw, fileOf: m.FileOf}
	return m
}

// index is the merged sheet's: the defaults' positions of what the
// branch does not replace, and the branch's.
func (m *Merged) index() *index {
	base, over := m.base.Pos.ix(), m.over.Pos.ix()
	ix := &index{keys: map[string]Pos{}, values: map[string]Pos{}, strs: map[string][]byte{}}
	for path, p := range base.keys {
		if m.fromBase(path) {
			ix.keys[path] = p
		}
	}
	for path, p := range base.values {
		if m.fromBase(path) {
			ix.values[path] = p
		}
	}
	for path, raw := range base.strs {
		if m.fromBase(path) {
			ix.strs[path] = raw
		}
	}
	maps.Copy(ix.keys, over.keys)
	maps.Copy(ix.values, over.values)
	maps.Copy(ix.strs, over.strs)
	return ix
}

func mergeTables(base, over map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		bt, bok := base[k].(map[string]any)
		ot, ook := v.(map[string]any)
		if bok && ook {
			out[k] = mergeTables(bt, ot)
			continue
		}
		out[k] = v
	}
	return out
}

// fromBase reports whether the value at path comes from the defaults: some
// table on the way down lacks the key in the branch. A path the branch
// reaches through tables only, or that the branch replaced with a value or
// list, belongs to the branch.
func (m *Merged) fromBase(path string) bool {
	if m.base == nil {
		return false
	}
	var cur any = m.over.Raw
	for _, seg := range pathKeys(path) {
		t, ok := cur.(map[string]any)
		if !ok {
			return false // inside a value or list the branch wrote
		}
		v, ok := t[seg]
		if !ok {
			return true
		}
		cur = v
	}
	return false
}

// pathKeys splits "methods[1].events[0].dates" into its keys, dropping
// indexes: the walk stops at the first list anyway.
func pathKeys(path string) []string {
	var keys []string
	for _, part := range strings.Split(path, ".") {
		if i := strings.IndexByte(part, '['); i >= 0 {
			part = part[:i]
		}
		keys = append(keys, part)
	}
	return keys
}

// FileOf names the file the key at path was written in.
func (m *Merged) FileOf(path string) string {
	if path != "" && m.fromBase(path) {
		return m.base.File
	}
	return m.over.File
}

// Attribute moves each diagnostic about a key the defaults supplied to the
// defaults file; positions are already the defaults file's. Diagnostics of
// later stages (checks) that name a Field go through it too.
func (m *Merged) Attribute(l diag.List) diag.List {
	if m.base == nil {
		return l
	}
	for i, d := range l {
		if d.File == m.over.File && d.Field != "" {
			l[i].File = m.FileOf(d.Field)
		}
	}
	return l
}

// Decode decodes the merged facts as one sheet named after the branch.
// A key from the defaults is reported at the defaults file's line and
// column.
func (m *Merged) Decode() (*Sheet, diag.List) {
	d := decoder{file: m.over.File, pos: m.pos}
	s := &Sheet{File: m.over.File, Pos: m.pos}
	d.object("", m.raw, reflect.ValueOf(s).Elem())
	if s.Version != 0 && s.Version != Version {
		d.errorf("bad-version", "version", "不支持的格式版本 %d：本程序读取第 %d 版，请把 version 改为 %d", s.Version, Version, Version)
	}
	if len(d.diags) > 0 {
		return nil, m.Attribute(d.diags).Sort()
	}
	s.Version = Version
	return s, nil
}

// Place is where something is written: a file, and a line and column.
type Place struct {
	File string
	Pos
}

// LocateAll finds every place r is written in a text value the merged
// sheet uses, in the branch or in the defaults, as the character itself or
// as its TOML escape (\u4E00): sorted by file, then line and column. None
// when no value holds r (a template wrote it).
func (m *Merged) LocateAll(r rune) []Place {
	var out []Place
	walkStrings("", m.raw, func(path, s string) {
		n := strings.Count(s, string(r))
		if n == 0 {
			return
		}
		l := m.over
		if m.fromBase(path) {
			l = m.base
		}
		for _, p := range runesAfter(l.Src, m.pos.Value(path), r, n) {
			out = append(out, Place{l.File, p})
		}
	})
	slices.SortFunc(out, func(a, b Place) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return slices.Compact(out)
}

// walkStrings calls f with every text value under v and its path, in the
// form Positions uses.
func walkStrings(path string, v any, f func(path, s string)) {
	switch x := v.(type) {
	case string:
		f(path, x)
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			walkStrings(join(path, k), x[k], f)
		}
	case []any:
		for i, el := range x {
			walkStrings(path+"["+strconv.Itoa(i)+"]", el, f)
		}
	case []map[string]any:
		for i, el := range x {
			walkStrings(path+"["+strconv.Itoa(i)+"]", el, f)
		}
	}
}

// runesAfter finds the first n places of r, or its escape, in src at or
// after the value that starts at p.
func runesAfter(src []byte, p Pos, r rune, n int) []Pos {
	if p.Line < 1 {
		return nil
	}
	lines := lineStarts(src)
	if p.Line > len(lines) {
		return nil
	}
	off := lines[p.Line-1]
	for range p.Col - 1 {
		if off >= len(src) {
			break
		}
		_, k := utf8.DecodeRune(src[off:])
		off += k
	}
	esc := fmt.Sprintf(`\\U(?i:%08x)`, r)
	if r <= 0xFFFF {
		esc = fmt.Sprintf(`\\u(?i:%04x)|`, r) + esc
	}
	re := regexp.MustCompile(esc)
	var out []Pos
	for len(out) < n && off < len(src) {
		rest := src[off:]
		i, w := bytes.IndexRune(rest, r), utf8.RuneLen(r)
		if loc := re.FindIndex(rest); loc != nil && (i < 0 || loc[0] < i) {
			i, w = loc[0], loc[1]-loc[0]
		}
		if i < 0 {
			break
		}
		out = append(out, posAt(src, lines, off+i))
		off += i + w
	}
	return out
}
