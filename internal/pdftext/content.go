package pdftext

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// matrix is a PDF transformation [a b c d e f]; points are row vectors.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// gstate is the part of the graphics state that q/Q saves and text needs.
type gstate struct {
	ctm           matrix
	tc, tw, th    float64
	tl, rise, tfs float64
	font          *fontInfo
}

type interp struct {
	f        *file
	res      dict
	fonts    map[name]*fontInfo
	gs       gstate
	stack    []gstate
	tm, tlm  matrix
	spans    []Span
	operands []any
}

func newInterp(f *file, res dict) *interp {
	return &interp{
		f:     f,
		res:   res,
		fonts: map[name]*fontInfo{},
		gs:    gstate{ctm: identity, th: 1, font: &fontInfo{noWidths: true}},
		tm:    identity,
		tlm:   identity,
	}
}

func (in *interp) run(data []byte) error {
	l := &lexer{b: data}
	for {
		l.skip()
		if l.p >= len(data) {
			return nil
		}
		o, err := l.object(false)
		if err != nil {
			return fmt.Errorf("pdftext: content stream: %w", err)
		}
		op, ok := o.(keyword)
		if !ok {
			in.operands = append(in.operands, o)
			continue
		}
		if op == "BI" {
			if err := skipInlineImage(l); err != nil {
				return err
			}
		} else if err := in.exec(op); err != nil {
			return err
		}
		in.operands = in.operands[:0]
	}
}

// skipInlineImage passes "… ID <binary> EI" after BI.
func skipInlineImage(l *lexer) error {
	i := bytes.Index(l.b[l.p:], []byte("ID"))
	if i < 0 {
		return fmt.Errorf("pdftext: inline image without ID")
	}
	p := l.p + i + 2
	for {
		j := bytes.Index(l.b[p:], []byte("EI"))
		if j < 0 {
			return fmt.Errorf("pdftext: inline image without EI")
		}
		e := p + j
		if isSpace(l.b[e-1]) && (e+2 == len(l.b) || isSpace(l.b[e+2])) {
			l.p = e + 2
			return nil
		}
		p = e + 2
	}
}

func (in *interp) nums(n int) ([]float64, bool) {
	if len(in.operands) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, o := range in.operands[len(in.operands)-n:] {
		v, ok := o.(float64)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

func (in *interp) exec(op keyword) error {
	switch op {
	case "q":
		in.stack = append(in.stack, in.gs)
	case "Q":
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := in.nums(6); ok {
			in.gs.ctm = matrix(v).mul(in.gs.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tc":
		if v, ok := in.nums(1); ok {
			in.gs.tc = v[0]
		}
	case "Tw":
		if v, ok := in.nums(1); ok {
			in.gs.tw = v[0]
		}
	case "Tz":
		if v, ok := in.nums(1); ok {
			in.gs.th = v[0] / 100
		}
	case "TL":
		if v, ok := in.nums(1); ok {
			in.gs.tl = v[0]
		}
	case "Ts":
		if v, ok := in.nums(1); ok {
			in.gs.rise = v[0]
		}
	case "Tf":
		if len(in.operands) >= 2 {
			n, _ := in.operands[len(in.operands)-2].(name)
			size, _ := in.operands[len(in.operands)-1].(float64)
			in.gs.font = in.font(n)
			in.gs.tfs = size
		}
	case "Td", "TD":
		if v, ok := in.nums(2); ok {
			if op == "TD" {
				in.gs.tl = -v[1]
			}
			in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if v, ok := in.nums(6); ok {
			in.tm = matrix(v)
			in.tlm = in.tm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if s, ok := in.lastString(); ok {
			in.show([]any{s})
		}
	case "'":
		if s, ok := in.lastString(); ok {
			in.nextLine()
			in.show([]any{s})
		}
	case "\"":
		if len(in.operands) >= 3 {
			aw, _ := in.operands[len(in.operands)-3].(float64)
			ac, _ := in.operands[len(in.operands)-2].(float64)
			if s, ok := in.lastString(); ok {
				in.gs.tw, in.gs.tc = aw, ac
				in.nextLine()
				in.show([]any{s})
			}
		}
	case "TJ":
		if len(in.operands) > 0 {
			if arr, ok := in.operands[len(in.operands)-1].([]any); ok {
				in.show(arr)
			}
		}
	}
	return nil
}

func (in *interp) lastString() ([]byte, bool) {
	if len(in.operands) == 0 {
		return nil, false
	}
	s, ok := in.operands[len(in.operands)-1].([]byte)
	return s, ok
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.tl}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) font(n name) *fontInfo {
	if fi, ok := in.fonts[n]; ok {
		return fi
	}
	var fi *fontInfo
	if fonts := in.f.dict(in.res["Font"]); fonts != nil && fonts[n] != nil {
		fi = in.f.font(fonts[n])
	} else {
		fi = &fontInfo{base: string(n), noWidths: true}
	}
	in.fonts[n] = fi
	return fi
}

// show paints the strings and numbers of a TJ array (a Tj is a one-string
// array), advancing the text matrix as PDF 32000 §9.4.4 says.
func (in *interp) show(items []any) {
	gs := &in.gs
	trm := in.tm.mul(gs.ctm)
	x0, y0 := trm.apply(0, gs.rise)
	var b strings.Builder
	var advs []float64
	for _, it := range items {
		switch v := it.(type) {
		case float64:
			in.advance(-v / 1000 * gs.tfs * gs.th)
		case []byte:
			for _, c := range gs.font.codes(v) {
				b.WriteString(gs.font.text(c))
				tx := gs.tc
				if c.n == 1 && c.c == ' ' {
					tx += gs.tw
				}
				if !gs.font.noWidths {
					w := gs.font.width(c) / 1000 * gs.tfs
					tx += w
					advs = append(advs, w*gs.th)
				}
				in.advance(tx * gs.th)
			}
		}
	}
	x1, y1 := in.tm.mul(gs.ctm).apply(0, gs.rise)
	w := math.Hypot(x1-x0, y1-y0)
	if gs.font.noWidths {
		w = 0
	}
	in.spans = append(in.spans, Span{
		X: x0, Y: y0, Size: gs.tfs, Font: gs.font.base,
		CharSpacing: gs.tc, Width: w, S: b.String(), Advances: advs,
	})
}

func (in *interp) advance(tx float64) {
	in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
}
