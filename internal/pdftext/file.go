package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// file holds the objects of a PDF, found by scanning for "n g obj" rather
// than trusting the xref table: fpdf writes plain (non-stream) xref tables
// and no object streams, and a scan survives slightly wrong offsets.
type file struct {
	objs    map[int]any
	trailer dict
}

var objHeader = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)

func parseFile(b []byte) (*file, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, fmt.Errorf("pdftext: not a PDF (no %%PDF- header)")
	}
	f := &file{objs: map[int]any{}}
	p := 0
	for {
		m := objHeader.FindSubmatchIndex(b[p:])
		if m == nil {
			break
		}
		num, _ := strconv.Atoi(string(b[p+m[2] : p+m[3]]))
		l := &lexer{b: b, p: p + m[1]}
		o, err := l.object(true)
		if err != nil {
			return nil, fmt.Errorf("pdftext: object %d: %w", num, err)
		}
		save := l.p
		if t, err := l.token(); err == nil && t == keyword("stream") {
			d, ok := o.(dict)
			if !ok {
				return nil, fmt.Errorf("pdftext: object %d: stream without dictionary", num)
			}
			raw, end, err := streamData(b, l.p, d)
			if err != nil {
				return nil, fmt.Errorf("pdftext: object %d: %w", num, err)
			}
			o = &stream{dict: d, raw: raw}
			l.p = end
		} else {
			l.p = save
		}
		f.objs[num] = o // a later definition (incremental update) wins
		p = l.p
	}
	if i := bytes.LastIndex(b, []byte("trailer")); i >= 0 {
		l := &lexer{b: b, p: i + len("trailer")}
		if o, err := l.object(true); err == nil {
			f.trailer, _ = o.(dict)
		}
	}
	if len(f.objs) == 0 {
		return nil, fmt.Errorf("pdftext: no objects found")
	}
	return f, nil
}

// streamData returns the bytes between "stream<EOL>" at p and "endstream",
// and the offset after "endstream".
func streamData(b []byte, p int, d dict) ([]byte, int, error) {
	if p < len(b) && b[p] == '\r' {
		p++
	}
	if p < len(b) && b[p] == '\n' {
		p++
	}
	// Trust a direct /Length when "endstream" follows it.
	if n, ok := d["Length"].(float64); ok {
		end := p + int(n)
		if end <= len(b) {
			l := &lexer{b: b, p: end}
			if t, err := l.token(); err == nil && t == keyword("endstream") {
				return b[p:end], l.p, nil
			}
		}
	}
	i := bytes.Index(b[p:], []byte("endstream"))
	if i < 0 {
		return nil, 0, fmt.Errorf("no endstream")
	}
	raw := b[p : p+i]
	raw = bytes.TrimSuffix(raw, []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	return raw, p + i + len("endstream"), nil
}

// resolve follows references (bounded, in case of a cycle).
func (f *file) resolve(o any) any {
	for range 32 {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o = f.objs[r.num]
	}
	return nil
}

func (f *file) dict(o any) dict {
	switch v := f.resolve(o).(type) {
	case dict:
		return v
	case *stream:
		return v.dict
	}
	return nil
}

func (f *file) array(o any) []any {
	a, _ := f.resolve(o).([]any)
	return a
}

func (f *file) number(o any) (float64, bool) {
	v, ok := f.resolve(o).(float64)
	return v, ok
}

// decode returns a stream's data with its filters undone. Only FlateDecode
// (without predictors) is supported: it is all fpdf writes.
func (f *file) decode(s *stream) ([]byte, error) {
	var filters []any
	switch v := f.resolve(s.dict["Filter"]).(type) {
	case nil:
	case name:
		filters = []any{v}
	case []any:
		filters = v
	default:
		return nil, fmt.Errorf("pdftext: bad /Filter %v", v)
	}
	data := s.raw
	for _, fl := range filters {
		switch f.resolve(fl) {
		case name("FlateDecode"), name("Fl"):
			if parms := f.dict(s.dict["DecodeParms"]); parms != nil {
				if p, _ := f.number(parms["Predictor"]); p > 1 {
					return nil, fmt.Errorf("pdftext: FlateDecode predictor %v unsupported", p)
				}
			}
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("pdftext: inflate: %w", err)
			}
			out, err := io.ReadAll(zr)
			if err != nil {
				return nil, fmt.Errorf("pdftext: inflate: %w", err)
			}
			data = out
		default:
			return nil, fmt.Errorf("pdftext: filter %v unsupported", fl)
		}
	}
	return data, nil
}

// pageNode is a leaf of the page tree with its inherited attributes.
type pageNode struct {
	d         dict
	mediaBox  []any
	resources dict
}

// pages walks the page tree from the catalog in document order.
func (f *file) pages() ([]pageNode, error) {
	root := f.dict(f.trailer["Root"])
	if root == nil {
		// No usable trailer: find the catalog by type.
		for _, o := range f.objs {
			if d, ok := o.(dict); ok && d["Type"] == name("Catalog") {
				root = d
				break
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("pdftext: no document catalog")
	}
	var out []pageNode
	var walk func(o any, mb []any, res dict, depth int) error
	walk = func(o any, mb []any, res dict, depth int) error {
		if depth > 64 {
			return fmt.Errorf("pdftext: page tree too deep")
		}
		d := f.dict(o)
		if d == nil {
			return fmt.Errorf("pdftext: page tree node %v is not a dictionary", o)
		}
		if a := f.array(d["MediaBox"]); a != nil {
			mb = a
		}
		if r := f.dict(d["Resources"]); r != nil {
			res = r
		}
		if d["Type"] == name("Page") || d["Kids"] == nil {
			out = append(out, pageNode{d: d, mediaBox: mb, resources: res})
			return nil
		}
		for _, k := range f.array(d["Kids"]) {
			if err := walk(k, mb, res, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root["Pages"], nil, nil, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// contents returns a page's decoded content, streams joined by a newline.
func (f *file) contents(pg pageNode) ([]byte, error) {
	var refs []any
	switch v := f.resolve(pg.d["Contents"]).(type) {
	case nil:
		return nil, nil
	case *stream:
		refs = []any{v}
	case []any:
		refs = v
	default:
		return nil, fmt.Errorf("pdftext: bad /Contents %T", v)
	}
	var out []byte
	for _, r := range refs {
		s, ok := f.resolve(r).(*stream)
		if !ok {
			return nil, fmt.Errorf("pdftext: /Contents entry is not a stream")
		}
		data, err := f.decode(s)
		if err != nil {
			return nil, err
		}
		out = append(out, data...)
		out = append(out, '\n')
	}
	return out, nil
}
