// Package diag is the one diagnostic type every stage reports with.
//
// A Diagnostic prints as "file:line:col: severity: message", the form editors
// and CI logs already understand; Field carries the TOML path (e.g.
// "methods[1].events[0].dates") for rules that know a key but not a place.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity orders diagnostics by how much they block.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText lets --json print "error"/"warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in a file.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"` // 1-based; 0 when unknown
	Col      int      `json:"column,omitempty"`
	Field    string   `json:"field,omitempty"` // TOML key path, when known
	Severity Severity `json:"severity"`
	// Kind names the rule or error for machines and documentation:
	// "unknown-key", "sum", "missing-glyph", "toml-syntax" … (docs/errors.md).
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message"` // Simplified Chinese: what is wrong
	// Help says what to do, when that is apart from Message; the text
	// form prints it after the message, as "message：help".
	Help string `json:"help,omitempty"`
}

// Error formats the diagnostic as "file:line:col: error: message", always
// on one line: a line end or control character in the file name or the
// message is shown escaped, so no text can forge a diagnostic of its own.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(escape(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(escape(d.Text()))
	return b.String()
}

// Text is the message and its help as one line of prose.
func (d Diagnostic) Text() string {
	if d.Help == "" {
		return d.Message
	}
	return d.Message + "：" + d.Help
}

// OfKind returns d with its kind set.
func (d Diagnostic) OfKind(kind string) Diagnostic {
	d.Kind = kind
	return d
}

// WithHelp returns d with its help set.
func (d Diagnostic) WithHelp(format string, args ...any) Diagnostic {
	d.Help = fmt.Sprintf(format, args...)
	return d
}

// List is a set of diagnostics; as an error it prints one per line.
type List []Diagnostic

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic is an error (not a warning).
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders by file, line, column, then message, and drops exact duplicates.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message), cmp.Compare(a.Help, b.Help), cmp.Compare(a.Kind, b.Kind))
	})
	return slices.Compact(l)
}

// JSON renders the list for machines, one array.
func (l List) JSON() ([]byte, error) {
	if l == nil {
		l = List{}
	}
	return json.MarshalIndent(l, "", "  ")
}

// Errorf builds an error-severity diagnostic.
func Errorf(file string, line, col int, field, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Field: field, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// QuoteLen is how many characters of a user's text a message quotes.
const QuoteLen = 60

// Quote prepares a user's text for quoting in a message: cut to QuoteLen
// characters (Cut), line ends and other invisible controls shown as
// escapes (\n, \u202e), so that a message stays one short line whatever
// the sheet holds.
func Quote(s string) string { return escape(Cut(s)) }

// Cut shortens s to QuoteLen characters, the last an "…", for a message
// that quotes it with %q (which escapes by itself).
func Cut(s string) string {
	if len(s) <= QuoteLen || utf8.RuneCountInString(s) <= QuoteLen {
		return s
	}
	n := 0
	for i := range s {
		if n == QuoteLen-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// escape writes the characters that would break a line, or reorder it on
// a terminal, as Go escapes; other text is left as is.
func escape(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case hidden(r):
			q := strconv.QuoteRuneToASCII(r) // '\x01', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hidden reports control characters, line and paragraph separators and
// the bidirectional controls that can make text display out of order.
func hidden(r rune) bool {
	return unicode.IsControl(r) || r == 0x2028 || r == 0x2029 ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}
