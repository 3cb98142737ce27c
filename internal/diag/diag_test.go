package diag

import (
	"strings"
	"testing"
)

func TestFormatSortJSON(t *testing.T) {
	w := Errorf("b.toml", 3, 1, "x", "警告")
	w.Severity = Warning
	l := List{
		Errorf("b.toml", 9, 2, "figures.members", "第二"),
		w,
		Errorf("a.toml", 0, 0, "", "无位置"),
		Errorf("b.toml", 9, 2, "figures.members", "第二"), // an exact duplicate
	}.Sort()
	want := "a.toml: error: 无位置\nb.toml:3:1: warning: 警告\nb.toml:9:2: error: 第二"
	if got := l.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !l.HasErrors() || (List{w}).HasErrors() {
		t.Error("HasErrors wrong")
	}
	js, _ := l.JSON()
	if !strings.Contains(string(js), `"severity": "warning"`) || !strings.Contains(string(js), `"field": "figures.members"`) {
		t.Errorf("json:\n%s", js)
	}
	if js, _ := List(nil).JSON(); string(js) != "[]" {
		t.Errorf("empty list as JSON = %s", js)
	}
}

// TestOneLine reproduces issue 13: a warning quoting "正文<b⏎fake.toml:1:1:
// error: 伪造的一行" printed over two lines, the second looking like a real
// error. Whatever a message or file name holds, a diagnostic is one line.
func TestOneLine(t *testing.T) {
	d := Diagnostic{File: "a\nb.toml", Line: 3, Col: 4, Severity: Warning,
		Message: "含有 HTML 标签“<b\nfake.toml:1:1: error: 伪造的一行”\r\t\x1b[31m\u202e\u2028"}
	want := `a\nb.toml:3:4: warning: 含有 HTML 标签“<b\nfake.toml:1:1: error: 伪造的一行”\r\t\x1b[31m\u202e\u2028`
	if got := d.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := (List{d, d}).Error(); strings.Count(got, "\n") != 1 {
		t.Errorf("two diagnostics print as %d lines:\n%s", strings.Count(got, "\n")+1, got)
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("甲", 100_000)
	for in, want := range map[string]string{
		"":                             "",
		"<b\nfake":                     `<b\nfake`,
		strings.Repeat("a", 60):        strings.Repeat("a", 60),
		strings.Repeat("a", 61):        strings.Repeat("a", 59) + "…",
		long:                           strings.Repeat("甲", 59) + "…",
		"[" + long + "](x)":            "[" + strings.Repeat("甲", 58) + "…",
		strings.Repeat("\n", 100):      strings.Repeat(`\n`, 59) + "…",
		"\x00\x7f\u0085\u200e\u2066 x": `\x00\x7f\u0085\u200e\u2066 x`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%.40q) = %q, want %q", in, got, want)
		}
	}
	if got := Cut("a\nb"); got != "a\nb" {
		t.Errorf("Cut escapes: %q", got)
	}
}
