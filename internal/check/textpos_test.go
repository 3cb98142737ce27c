package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

// TestTextPosInOrder: textPos walks on from the spot before in the same
// text (a text of 20 000 bad dates took 30 s); spots in two texts, or asked
// for out of order, are still placed right.
func TestTextPosInOrder(t *testing.T) {
	src := []byte(`[document]
title = "总结"
unit = "第一党支部"
self = "我支部"
task = "主题党日活动"
date = 2026-11-20

[[methods]]
name = "甲"
text = """
2月30日
正文
2月31日 4月31日

6月31日"""

[[problems]]
text = """
2月30日
正文
2月30日"""
`)
	s, diags := sheet.Decode("f.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range Sheet(s) {
		if strings.Contains(d.Message, "中的日期") {
			got = append(got, fmt.Sprintf("%d:%d", d.Line, d.Col))
		}
	}
	want := []string{"11:1", "13:1", "13:7", "15:1", "19:1", "21:1"}
	if !slices.Equal(got, want) {
		t.Errorf("warnings at %v, want %v", got, want)
	}
	r := &Report{s: s}
	text := s.Methods[0].Text
	for _, c := range []struct{ off, line int }{{0, 11}, {20, 13}, {5, 11}, {len(text), 15}} {
		if p := r.textPos("methods[0].text", text, c.off); p.Line != c.line {
			t.Errorf("offset %d: line %d, want %d", c.off, p.Line, c.line)
		}
	}
}
