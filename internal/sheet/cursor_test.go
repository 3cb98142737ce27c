package sheet

import (
	"math/rand/v2"
	"testing"
)

// TestCursorMatchesInText: a TextCursor asked for offsets in order, then
// in any order, answers as InText does from the start each time.
func TestCursorMatchesInText(t *testing.T) {
	src := []byte("[document]\ntitle = \"甲\\\\乙\\u4E19 丁\"\nunit = \"u\"\nself = \"我支部\"\ntask = \"t\"\ndate = 2026-11-20\n\n[[methods]]\nname = \"x\"\ntext = \"\"\"\n第一行 \\\n   接续\\\"引号\\\"\n末行\\U0001F600。\"\"\"\n\n[[problems]]\ntext = '''\n字面\\n量'''\n")
	s, diags := Decode("f.toml", src)
	if s == nil {
		t.Fatal(diags)
	}
	for path, text := range map[string]string{"document.title": s.Document.Title, "methods[0].text": s.Methods[0].Text, "problems[0].text": s.Problems[0].Text} {
		c, ok := s.Pos.Cursor(path)
		if !ok {
			t.Fatalf("%s: no cursor", path)
		}
		offsets := make([]int, 0, 2*len(text)+4)
		for off := range len(text) + 2 {
			offsets = append(offsets, off)
		}
		r := rand.New(rand.NewPCG(1, 2))
		for range len(text) + 2 {
			offsets = append(offsets, r.IntN(len(text)+2))
		}
		found := 0
		for _, off := range offsets {
			want, wok := s.Pos.InText(path, off)
			got, gok := c.At(off)
			if got != want || gok != wok {
				t.Errorf("%s offset %d: cursor %v %v, InText %v %v", path, off, got, gok, want, wok)
			}
			if wok {
				found++
			}
		}
		if found < len([]rune(text)) {
			t.Errorf("%s: only %d spots found in %q", path, found, text)
		}
	}
	if p, ok := s.Pos.InText("methods[0].text", len("第一行 ")); !ok || p != (Pos{12, 4}) {
		t.Errorf("接 is at %v %v, want 12:4", p, ok)
	}
}
