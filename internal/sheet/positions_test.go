package sheet

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// InText finds a spot of the decoded text where it is written, in every
// kind of TOML string: past quotes, escapes, the newline after """ and
// line-ending backslashes.
func TestInText(t *testing.T) {
	src := `[document]
title = "标题\"我局\""
unit = '单位\我局'
self = "\u6211局"
task = "点评"
date = 2011-01-21
[[methods]]
text = """
甲
  乙我局"""
[[methods]]
text = '''` + "\r\n" + `丙我局'''
[[methods]]
text = """一\
    二我局"""
`
	s, diags := Decode("t.toml", []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	cases := []struct {
		path, text string
		want       Pos
	}{
		{"document.title", s.Document.Title, Pos{2, 14}},   // escaped quotes
		{"document.unit", s.Document.Unit, Pos{3, 12}},     // a literal: the backslash is text
		{"document.self", s.Document.Self, Pos{4, 9}},      // an escaped character
		{"methods[0].text", s.Methods[0].Text, Pos{10, 4}}, // the newline after """ is dropped
		{"methods[1].text", s.Methods[1].Text, Pos{13, 2}}, // CRLF after '''
		{"methods[2].text", s.Methods[2].Text, Pos{16, 6}}, // a line-ending backslash
	}
	for _, c := range cases {
		at := strings.Index(c.text, "我局")
		if at < 0 {
			t.Fatalf("%s = %q has no 我局", c.path, c.text)
		}
		if got, ok := s.Pos.InText(c.path, at); !ok || got != c.want {
			t.Errorf("InText(%s, %d) = %v, %v; want %v", c.path, at, got, ok, c.want)
		}
	}
	if _, ok := s.Pos.InText("document.title", len(s.Document.Title)); ok {
		t.Error("an offset past the text was found")
	}
	if _, ok := s.Pos.InText("document.nothing", 0); ok {
		t.Error("a path without a string was found")
	}
	if !s.Pos.RawStartsWithNewline("methods[0].text") || !s.Pos.RawStartsWithNewline("methods[1].text") || s.Pos.RawStartsWithNewline("methods[2].text") {
		t.Error("RawStartsWithNewline is wrong")
	}
}

// checkInText asserts, for every string the sheet holds and every
// character of its decoded text, that InText points at that character in
// src, or at the backslash of the escape that wrote it, and that the
// places advance with the text.
func checkInText(t *testing.T, src []byte, s *Sheet) {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	for path, raw := range s.Pos.ix().strs {
		var v map[string]any
		if _, err := toml.Decode("x = "+string(raw), &v); err != nil {
			t.Fatalf("%s: %s does not decode alone: %v", path, raw, err)
		}
		text := v["x"].(string)
		prev := Pos{}
		// InText walks from the start, so checking every offset of a long
		// text is quadratic: check about 256 spread over it.
		every, k := max(1, utf8.RuneCountInString(text)/256), 0
		for i, r := range text {
			if k++; k%every != 0 && k != 1 {
				continue
			}
			p, ok := s.Pos.InText(path, i)
			if !ok {
				t.Fatalf("%s: offset %d of %q not found", path, i, text)
			}
			if p.Line < prev.Line || (p.Line == prev.Line && p.Col <= prev.Col) {
				t.Fatalf("%s: offset %d at %v, not after %v", path, i, p, prev)
			}
			prev = p
			if p.Line < 1 || p.Line > len(lines) {
				t.Fatalf("%s: offset %d at line %d of %d", path, i, p.Line, len(lines))
			}
			line := []rune(lines[p.Line-1])
			if r == '\n' && p.Col == len(line)+1 {
				continue // a line end written as one
			}
			if p.Col < 1 || p.Col > len(line) {
				t.Fatalf("%s: offset %d at %v, outside line %q", path, i, p, lines[p.Line-1])
			}
			if got := line[p.Col-1]; got != r && got != '\\' {
				t.Fatalf("%s: offset %d (%q) at %v, where the file has %q", path, i, r, p, got)
			}
		}
	}
}

// Every sample and corpus sheet: each character of each text is found.
func TestInTextEverySheet(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	more, _ := filepath.Glob("../../testdata/corpus/*.toml")
	checks, _ := filepath.Glob("../check/testdata/*.toml")
	n := 0
	for _, f := range append(append(files, more...), checks...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, diags := Decode(f, src)
		if diags != nil {
			continue // a corpus sheet with errors
		}
		checkInText(t, bytes.TrimPrefix(src, []byte("\uFEFF")), s)
		n++
	}
	if n < 10 {
		t.Fatalf("only %d sheets decoded", n)
	}
}

// Has answers from the decoded tables what the index would: every path the
// index has a key for is written, and nothing else.
func TestHasAgreesWithIndex(t *testing.T) {
	src := []byte(`[document]
title = "甲"
[figures]
members = 0
[[methods]]
name = "乙"
  [[methods.events]]
  dates = [2011-01-10]
  targets = [{ who = "党员", count = 5 }]
[[counts]]
id = "企业"
value = 3
`)
	l, diags := ParseLayer("a.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	ix := l.Pos.ix()
	if len(ix.keys) < 10 {
		t.Fatalf("the index has %d keys", len(ix.keys))
	}
	for path := range ix.keys {
		if !l.Pos.Has(path) {
			t.Errorf("Has(%q) = false; the index has it", path)
		}
	}
	for _, path := range []string{"figures.leaders", "methods[1]", "methods[0].events[1]", "counts[0].label",
		"methods[0].events[0].targets[1]", "document.title.x", "methods[x]", "figures.members[0]"} {
		if l.Pos.Has(path) {
			t.Errorf("Has(%q) = true", path)
		}
	}
}
