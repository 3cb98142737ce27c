// Package tomldepth finds where a TOML document nests too deep, before a
// decoder sees it: BurntSushi/toml spends time and memory quadratic in the
// depth of a key (10 000 nested inline tables: 1.9 GB for 16 KB).
package tomldepth

// Find scans src once, the way a TOML parser would tokenise it, and
// returns the byte offset of the first key part, "{" or "[" that sits
// deeper than limit levels, or -1. It never fails: on text that is not TOML it
// counts what it can, and the parser reports the syntax error afterwards.
//
// Depth counts the parts of a table header, plus the parts of a dotted key,
// plus one for each inline table or list a value is inside.
func Find(src []byte, limit int) int {
	type frame struct {
		array bool
		depth int // depth of the values (list) or of the table (inline table)
	}
	var (
		stack []frame
		table int  // depth of the last [header]
		value int  // depth of the value about to be read
		inKey bool // expecting a key (or at the top, a header)
		i     int
	)
	inKey = true
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			if len(stack) == 0 {
				inKey = true
			}
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case inKey && len(stack) == 0 && c == '[':
			i++
			if i < len(src) && src[i] == '[' {
				i++
			}
			n, at, end := keyParts(src, i, 0, limit)
			if at >= 0 {
				return at
			}
			table, i = n, end
			if i < len(src) && src[i] == ']' {
				i++
			}
		case inKey && c == '}' && len(stack) > 0 && !stack[len(stack)-1].array:
			stack = stack[:len(stack)-1] // an empty inline table
			inKey = false
		case inKey:
			base := table
			if len(stack) > 0 {
				base = stack[len(stack)-1].depth
			}
			n, at, end := keyParts(src, i, base, limit)
			if at >= 0 {
				return at
			}
			value, i, inKey = n, end, false
			if i < len(src) && src[i] == '=' {
				i++
			} else if i < len(src) && src[i] != '\n' {
				i++ // not TOML: skip the byte so the scan moves on
			}
		case c == '"' || c == '\'':
			i = skipString(src, i)
		case c == '{':
			stack = append(stack, frame{depth: value})
			inKey = true
			i++
		case c == '[':
			if value+1 > limit {
				return i
			}
			stack = append(stack, frame{array: true, depth: value + 1})
			value++
			i++
		case c == ']' || c == '}':
			if len(stack) > 0 && stack[len(stack)-1].array == (c == ']') {
				stack = stack[:len(stack)-1]
			}
			i++
		case c == ',':
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.array {
					value = top.depth
				} else {
					inKey = true
				}
			}
			i++
		default:
			i++
		}
	}
	return -1
}

// keyParts reads a possibly dotted key starting at i, whose first part sits
// at depth base+1. It returns the depth of the last part, the offset of the
// first part deeper than limit (or -1), and where the key ends.
func keyParts(src []byte, i, base, limit int) (depth, at, end int) {
	depth = base
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= len(src) {
			return depth, -1, i
		}
		start := i
		switch src[i] {
		case '"', '\'':
			i = skipString(src, i)
		default:
			for i < len(src) && !isKeyEnd(src[i]) {
				i++
			}
		}
		if i > start {
			depth++
			if depth > limit {
				return depth, start, i
			}
		}
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= len(src) || src[i] != '.' || i == start {
			return depth, -1, i
		}
		i++
	}
}

func isKeyEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '.', '=', '[', ']', '{', '}', ',', '#', '"', '\'':
		return true
	}
	return false
}

// skipString returns the offset just past the string starting at i: a
// basic or literal string, single- or triple-quoted (a single-line string
// also ends at a line end, where TOML would report it unclosed).
func skipString(src []byte, i int) int {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		i += 3
		for i < len(src) {
			switch {
			case q == '"' && src[i] == '\\':
				i += 2
			case src[i] == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
				i += 3
				// Up to two more quotes belong to the text: """a"""" is `a"`.
				for n := 0; n < 2 && i < len(src) && src[i] == q; n++ {
					i++
				}
				return i
			default:
				i++
			}
		}
		return len(src)
	}
	i++
	for i < len(src) && src[i] != '\n' {
		switch {
		case q == '"' && src[i] == '\\':
			i += 2
			continue
		case src[i] == q:
			return i + 1
		}
		i++
	}
	return min(i, len(src))
}
