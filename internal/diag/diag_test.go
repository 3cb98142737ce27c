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
