package layout

import (
	"testing"

	"github.com/rivo/uniseg"
)

// canBreak asks our rules whether "文" + a | b + "文" may break at |.
func canBreak(a, b string) bool {
	x := []rune("文" + a + b + "文")
	i := 1 + len([]rune(a)) // index of b's first rune
	return breakBetween(x[i-2], x[i-1], x[i], x[i+1])
}

func TestBreakRules(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"文", "文", true},
		// Never at the start of a line.
		{"文", "、", false}, {"文", "，", false}, {"文", "。", false}, {"文", "：", false},
		{"文", "；", false}, {"文", "！", false}, {"文", "？", false}, {"文", "”", false},
		{"文", "’", false}, {"文", "）", false}, {"文", "〕", false}, {"文", "］", false},
		{"文", "】", false}, {"文", "》", false}, {"文", "〉", false}, {"文", "」", false},
		{"文", "』", false}, {"文", "·", false}, {"文", "～", false}, {"文", "/", false},
		// Never at the end of a line.
		{"“", "文", false}, {"‘", "文", false}, {"（", "文", false}, {"〔", "文", false},
		{"［", "文", false}, {"【", "文", false}, {"《", "文", false}, {"〈", "文", false},
		{"「", "文", false}, {"『", "文", false},
		// Opening marks may start a line, closing marks end one.
		{"文", "“", true}, {"文", "（", true}, {"。", "文", true}, {"”", "文", true},
		{"，", "“", true},
		// —— and …… are one mark; the line may break around them.
		{"—", "—", false}, {"…", "…", false}, {"文", "—", true}, {"——", "文", true},
		{"文", "…", true}, {"……", "文", true},
		// Numbers and words are never split; hanzi next to them may break.
		{"201", "1", false}, {"96", ".5", false}, {"96.5", "%", false}, {"5", "G", false},
		{"COVID", "-19", false}, {"1", ",000", false}, {"¥", "100", false},
		{"2011", "年", true}, {"年", "2011", true}, {"e\u0301", "t", false},
		// A space hangs at the end of its line.
		{"AI", " 工具", false}, {"AI ", "工具", true},
	}
	for _, c := range cases {
		if got := canBreak(c.a, c.b); got != c.want {
			t.Errorf("break in %s|%s = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestUnisegDisagrees pins why the rules are our own table: UAX #14 as
// github.com/rivo/uniseg implements it differs from the contract on these
// pairs. If uniseg changes, revisit the choice.
func TestUnisegDisagrees(t *testing.T) {
	uniBreak := func(a, b string) bool {
		s := "文" + a + b + "文"
		at := len("文" + a)
		state, pos := -1, 0
		for len(s) > 0 {
			var seg string
			seg, s, _, state = uniseg.FirstLineSegmentInString(s, state)
			pos += len(seg)
			if pos == at {
				return true
			}
		}
		return false
	}
	cases := []struct{ a, b string }{
		{"文", "·"}, // UAX #14 lets · and ～ start a line
		{"文", "～"},
		{"文", "“"}, // QU: no break before an opening quote
		{"”", "文"}, // QU: no break after a closing quote
		{"文", "…"}, // IN: no break before ……
	}
	for _, c := range cases {
		if uniBreak(c.a, c.b) == canBreak(c.a, c.b) {
			t.Errorf("uniseg now agrees on %s|%s; reconsider using it", c.a, c.b)
		}
	}
	// Where they agree, the basics match.
	for _, c := range []struct{ a, b string }{{"文", "文"}, {"文", "，"}, {"（", "文"}, {"—", "—"}, {"201", "1"}, {"2011", "年"}} {
		if uniBreak(c.a, c.b) != canBreak(c.a, c.b) {
			t.Errorf("uniseg and our rules differ on %s|%s", c.a, c.b)
		}
	}
}
