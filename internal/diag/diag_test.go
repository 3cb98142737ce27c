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

func TestKindHelpExcerpt(t *testing.T) {
	d := Errorf("a.toml", 2, 9, "document.title", "文字要用英文双引号").OfKind("toml-syntax").WithHelp("把 “%s” 改为 \"%s\"", "总结", "总结")
	if got, want := d.Error(), `a.toml:2:9: error: 文字要用英文双引号：把 “总结” 改为 "总结"`; got != want {
		t.Errorf("text: %s, want %s", got, want)
	}
	js, _ := List{d}.JSON()
	for _, w := range []string{`"kind": "toml-syntax"`, `"message": "文字要用英文双引号"`, `"help": "把 “总结” 改为 \"总结\""`} {
		if !strings.Contains(string(js), w) {
			t.Errorf("JSON lacks %s:\n%s", w, js)
		}
	}
	src := []byte("[document]\ntitle = “总结”\n")
	want := d.Error() + "\n 2 | title = “总结”\n   |         ^"
	if got := d.Excerpt(src); got != want {
		t.Errorf("excerpt:\n%s\nwant:\n%s", got, want)
	}
	// Wide characters before the column take two columns each; a tab stays
	// a tab; a control character is shown escaped.
	d2 := Errorf("a.toml", 1, 5, "", "x")
	if got, want := d2.Excerpt([]byte("\t总结\x01x\n")), d2.Error()+"\n 1 | \t总结\\x01x\n   | \t        ^"; got != want {
		t.Errorf("excerpt:\n%q\nwant:\n%q", got, want)
	}
	if got := Errorf("a.toml", 0, 0, "", "x").Excerpt(src); got != "a.toml: error: x" {
		t.Errorf("no line: %q", got)
	}
}
