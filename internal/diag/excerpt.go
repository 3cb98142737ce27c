package diag

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rivo/uniseg"
)

// Excerpt is the diagnostic followed by the line of src it points at and
// a caret under its column, as compilers print them:
//
//	a.toml:3:9: error: …
//	    3 | title = “总结”
//	      |         ^
//
// Wide (CJK) characters take two columns; control characters are shown
// escaped, so the excerpt stays two lines. Without a line, or when src
// has no such line, it is the diagnostic alone.
func (d Diagnostic) Excerpt(src []byte) string {
	head := d.Error()
	if d.Line < 1 {
		return head
	}
	lines := bytes.Split(src, []byte("\n"))
	if d.Line > len(lines) {
		return head
	}
	line := strings.TrimSuffix(string(lines[d.Line-1]), "\r")
	var shown, pad strings.Builder
	col := 1
	for _, r := range line {
		s := string(r)
		if r < 0x20 && r != '\t' || r == 0x7f {
			s = fmt.Sprintf(`\x%02x`, r)
		}
		shown.WriteString(s)
		if col < d.Col {
			if r == '\t' {
				pad.WriteByte('\t')
			} else {
				pad.WriteString(strings.Repeat(" ", uniseg.StringWidth(s)))
			}
		}
		col++
	}
	num := fmt.Sprint(d.Line)
	gutter := strings.Repeat(" ", len(num))
	caret := ""
	if d.Col > 0 {
		caret = " " + pad.String() + "^"
	}
	return fmt.Sprintf("%s\n %s | %s\n %s |%s", head, num, shown.String(), gutter, caret)
}
