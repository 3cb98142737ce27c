package compose

import (
	"reflect"
	"strings"
)

// escapeMarkdown makes a user's text literal in Markdown: a name or
// paragraph may contain "# ", "**", "[x](y)", "|", "<script>" or a leading
// "1." and must come out as those characters, never as structure. Single
// newlines stay (a soft break, which the CJK extension joins without a
// space); blank lines stay paragraph breaks.
func escapeMarkdown(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		// Indentation would make a code block, trailing spaces a hard break.
		line = strings.TrimSpace(line)
		for j, c := range line {
			switch c {
			case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!', '$', '{', '}':
				b.WriteByte('\\')
			case '-', '+', '=', ':':
				if j == 0 {
					b.WriteByte('\\')
				}
			case '.', ')':
				if j > 0 && allDigits(line[:j]) {
					b.WriteByte('\\')
				}
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// escaped returns a deep copy of v with every string passed through fix
// and escaped, so templates cannot forget to escape a user's text.
func escaped[T any](v *T, fix func(string) string) *T {
	out := new(T)
	copyEscaped(reflect.ValueOf(out).Elem(), reflect.ValueOf(v).Elem(), fix)
	return out
}

func copyEscaped(dst, src reflect.Value, fix func(string) string) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(escapeMarkdown(fix(src.String())))
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyEscaped(dst.Field(i), src.Field(i), fix)
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
		for i := range src.Len() {
			copyEscaped(dst.Index(i), src.Index(i), fix)
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.New(src.Type().Elem()))
		copyEscaped(dst.Elem(), src.Elem(), fix)
	case reflect.Map:
		// Positions and other bookkeeping: not text, shared as is.
		dst.Set(src)
	default:
		dst.Set(src)
	}
}
