package sheet

import (
	"strings"
	"testing"
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
