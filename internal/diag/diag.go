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
	"strings"
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
	Message  string   `json:"message"` // Simplified Chinese, says what to do
}

// Error formats the diagnostic as "file:line:col: error: message".
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
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
			cmp.Compare(a.Message, b.Message))
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
