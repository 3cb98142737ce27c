package compose

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/internal/sheet"
)

// A table is written as a fenced div holding its caption and a GFM pipe
// table, so that every writer reads one block:
//
//	::: table
//	各支部点评情况
//
//	| 支部 | 党员 |
//	| :--- | ---: |
//	| 第一党支部 | 30 |
//	:::
//
// Columns whose cells are all numbers are right-aligned.

// sectionKey names a rendered section the way a table's after does.
func sectionKey(sec Section) string {
	if sec.Name == "custom" && sec.Custom != nil {
		return unescapeMarkdown(sec.Custom.Title)
	}
	return sec.Name
}

// placeTables puts the tables that follow section sec into b, whose
// section text starts at start: after the item a table names, else at the
// section's end. last says sec is the last numbered section, which also
// takes the tables that name no section or one that is not printed.
func placeTables(b *bytes.Buffer, start int, sec Section, last bool, tables []sheet.Table, present map[string]bool) {
	key := sectionKey(sec)
	for _, t := range tables {
		after := unescapeMarkdown(t.After)
		if after != key && !(last && (after == "" || !present[after])) {
			continue
		}
		md := "\n\n" + tableMarkdown(t) + "\n\n"
		if t.Item != "" {
			if at := itemEnd(b.Bytes()[start:], t.Item); at >= 0 {
				rest := append([]byte(md), b.Bytes()[start+at:]...)
				b.Truncate(start + at)
				b.Write(rest)
				continue
			}
		}
		b.WriteString(md)
	}
}

var headingLine = regexp.MustCompile(`(?m)^#{2,4} `)

// itemEnd finds the item named item (escaped, as the templates print it)
// among the headings of a section's Markdown and returns where the next
// heading after it starts, or the end; -1 if no heading names it.
func itemEnd(md []byte, item string) int {
	locs := headingLine.FindAllIndex(md, -1)
	for i, loc := range locs {
		line := md[loc[0]:]
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		if !bytes.HasSuffix(bytes.TrimSpace(line), []byte(item)) {
			continue
		}
		if i+1 < len(locs) {
			return locs[i+1][0]
		}
		return len(md)
	}
	return -1
}

// tableMarkdown writes one table; its strings are escaped already.
func tableMarkdown(t sheet.Table) string {
	cols := len(t.Header)
	rows := make([][]string, 0, len(t.Rows)+1)
	for _, r := range t.Rows {
		row := make([]string, cols)
		copy(row, r)
		rows = append(rows, row)
	}
	right := make([]bool, cols)
	for c := range cols {
		right[c] = len(rows) > 0
		for _, r := range rows {
			if v := strings.TrimSpace(unescapeMarkdown(r[c])); v != "" && !number.MatchString(v) {
				right[c] = false
			}
		}
	}
	if t.Total != "" && cols > 0 {
		total := make([]string, cols)
		total[0] = t.Total
		for c := 1; c < cols; c++ {
			if sum, ok := columnSum(rows, c); ok {
				total[c] = strconv.Itoa(sum)
			}
		}
		rows = append(rows, total)
	}
	var b strings.Builder
	b.WriteString("::: table\n")
	if c := cell(t.Caption); c != "" {
		b.WriteString(c + "\n\n")
	}
	b.WriteString("|")
	for _, h := range t.Header {
		b.WriteString(" " + cell(h) + " |")
	}
	b.WriteString("\n|")
	for c := range cols {
		if right[c] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" :--- |")
		}
	}
	for _, r := range rows {
		b.WriteString("\n|")
		for _, v := range r {
			b.WriteString(" " + cell(v) + " |")
		}
	}
	b.WriteString("\n:::")
	return b.String()
}

// number is a whole or decimal number, possibly a percentage.
var number = regexp.MustCompile(`^[-+]?\d[\d,]*(\.\d+)?%?$`)

// columnSum adds a column whose cells are all whole numbers.
func columnSum(rows [][]string, c int) (int, bool) {
	sum, any := 0, false
	for _, r := range rows {
		v := strings.ReplaceAll(strings.TrimSpace(unescapeMarkdown(r[c])), ",", "")
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, false
		}
		sum, any = sum+n, true
	}
	return sum, any
}

// cell puts escaped text on one line: a pipe table cell cannot hold a
// line break, and a break between hanzi is no space.
func cell(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\n", ""))
}

// unescapeMarkdown undoes escapeMarkdown on one line: \X is X.
func unescapeMarkdown(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	esc := false
	for _, c := range s {
		if c == '\\' && !esc {
			esc = true
			continue
		}
		esc = false
		b.WriteRune(c)
	}
	return b.String()
}
