package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// PDF object model: nil, bool, float64, name, []byte (string), []any (array),
// dict, ref, *stream, and keyword (content-stream operators and file
// keywords such as obj/endobj/stream).
type (
	name    string
	keyword string
	dict    map[name]any
	ref     struct{ num, gen int }
	stream  struct {
		dict dict
		raw  []byte // still encoded
	}
)

// Delimiters end the token pending in a keyword or number.
type delim byte

var errEOF = errors.New("pdftext: unexpected end of data")

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

type lexer struct {
	b []byte
	p int
}

// skip passes whitespace and comments.
func (l *lexer) skip() {
	for l.p < len(l.b) {
		c := l.b[l.p]
		if isSpace(c) {
			l.p++
			continue
		}
		if c == '%' {
			for l.p < len(l.b) && l.b[l.p] != '\n' && l.b[l.p] != '\r' {
				l.p++
			}
			continue
		}
		return
	}
}

// token returns the next primitive token: float64, name, []byte, keyword,
// or a delim for [ ] { } and '<'/'>' standing for << and >>.
func (l *lexer) token() (any, error) {
	l.skip()
	if l.p >= len(l.b) {
		return nil, errEOF
	}
	c := l.b[l.p]
	switch {
	case c == '(':
		return l.literal()
	case c == '<':
		if l.p+1 < len(l.b) && l.b[l.p+1] == '<' {
			l.p += 2
			return delim('<'), nil
		}
		return l.hex()
	case c == '>':
		if l.p+1 < len(l.b) && l.b[l.p+1] == '>' {
			l.p += 2
			return delim('>'), nil
		}
		return nil, fmt.Errorf("pdftext: stray '>' at %d", l.p)
	case c == '[' || c == ']' || c == '{' || c == '}':
		l.p++
		return delim(c), nil
	case c == '/':
		l.p++
		return name(l.nameText()), nil
	case c == ')':
		return nil, fmt.Errorf("pdftext: stray ')' at %d", l.p)
	}
	start := l.p
	for l.p < len(l.b) && !isSpace(l.b[l.p]) && !isDelim(l.b[l.p]) {
		l.p++
	}
	w := l.b[start:l.p]
	if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		if v, err := strconv.ParseFloat(string(w), 64); err == nil {
			return v, nil
		}
	}
	return keyword(w), nil
}

// nameText reads a name after '/', decoding #xx escapes.
func (l *lexer) nameText() string {
	var out []byte
	for l.p < len(l.b) && !isSpace(l.b[l.p]) && !isDelim(l.b[l.p]) {
		c := l.b[l.p]
		if c == '#' && l.p+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.p+1:l.p+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				l.p += 3
				continue
			}
		}
		out = append(out, c)
		l.p++
	}
	return string(out)
}

// literal reads a (string) with nested parentheses and escapes (PDF 32000
// §7.3.4.2).
func (l *lexer) literal() ([]byte, error) {
	l.p++ // '('
	var out []byte
	depth := 1
	for l.p < len(l.b) {
		c := l.b[l.p]
		l.p++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\r':
			// An unescaped end of line reads as a single \n.
			if l.p < len(l.b) && l.b[l.p] == '\n' {
				l.p++
			}
			c = '\n'
		case '\\':
			if l.p >= len(l.b) {
				return nil, errEOF
			}
			e := l.b[l.p]
			l.p++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.p < len(l.b) && l.b[l.p] == '\n' {
					l.p++
				}
				continue // line continuation
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.p < len(l.b) && l.b[l.p] >= '0' && l.b[l.p] <= '7'; i++ {
						v = v*8 + int(l.b[l.p]-'0')
						l.p++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes keep the char
				}
			}
		}
		out = append(out, c)
	}
	return nil, errEOF
}

// hex reads a <hex string>; an odd final digit is padded with 0.
func (l *lexer) hex() ([]byte, error) {
	l.p++ // '<'
	end := bytes.IndexByte(l.b[l.p:], '>')
	if end < 0 {
		return nil, errEOF
	}
	var out []byte
	hi, have := byte(0), false
	for _, c := range l.b[l.p : l.p+end] {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		case isSpace(c):
			continue
		default:
			return nil, fmt.Errorf("pdftext: bad hex digit %q at %d", c, l.p)
		}
		if have {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		have = !have
	}
	if have {
		out = append(out, hi<<4)
	}
	l.p += end + 1
	return out, nil
}

// object reads one complete object. With refs set, "n g R" becomes a ref
// (file syntax); content streams never contain references.
func (l *lexer) object(refs bool) (any, error) {
	t, err := l.token()
	if err != nil {
		return nil, err
	}
	return l.build(t, refs)
}

func (l *lexer) build(t any, refs bool) (any, error) {
	switch v := t.(type) {
	case delim:
		switch v {
		case '[':
			var arr []any
			for {
				t, err := l.token()
				if err != nil {
					return nil, err
				}
				if t == delim(']') {
					return arr, nil
				}
				o, err := l.build(t, refs)
				if err != nil {
					return nil, err
				}
				arr = append(arr, o)
			}
		case '<':
			d := dict{}
			for {
				t, err := l.token()
				if err != nil {
					return nil, err
				}
				if t == delim('>') {
					return d, nil
				}
				k, ok := t.(name)
				if !ok {
					return nil, fmt.Errorf("pdftext: dictionary key %v is not a name", t)
				}
				o, err := l.object(refs)
				if err != nil {
					return nil, err
				}
				d[k] = o
			}
		}
		return nil, fmt.Errorf("pdftext: unexpected %q at %d", byte(v), l.p)
	case float64:
		if refs && v == float64(int(v)) && v >= 0 {
			save := l.p
			if g, err := l.token(); err == nil {
				if gen, ok := g.(float64); ok && gen == float64(int(gen)) {
					if r, err := l.token(); err == nil && r == keyword("R") {
						return ref{int(v), int(gen)}, nil
					}
				}
			}
			l.p = save
		}
		return v, nil
	case keyword:
		switch v {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return v, nil
	}
	return t, nil
}
