package compose

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/sheet"
)

// factStrings lists every string a sheet holds, and its names expanded,
// longest first: what a clause may be built from.
func factStrings(s *sheet.Sheet) []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			for _, part := range regexp.MustCompile(`[。，；：、\n“”《》（）]+`).Split(v.String(), -1) {
				if part = strings.TrimSpace(part); utf8.RuneCountInString(part) >= 2 {
					out = append(out, part)
				}
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		}
	}
	walk(reflect.ValueOf(s).Elem())
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// claims are what a template must never say unless the sheet does: the
// invented sentences the issue lists, and their kin.
var claims = []string{"逐项登记建账", "逐条研究", "明确整改方向", "根据不同对象", "有的放矢", "全覆盖",
	"规范有序", "每一项都有明确的对象", "满意度"}

var update = flag.Bool("update", false, "rewrite testdata/framing")

var clauseSplit = regexp.MustCompile(`[。，；：！？]`)

// framing lists the clauses of a document that hold no fact of the sheet:
// the connecting words the templates add.
func framing(md string, facts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, para := range strings.Split(md, "\n\n") {
		if strings.HasPrefix(para, "#") || strings.HasPrefix(para, ":::") {
			continue // headings are the kind's structure; the signature is facts
		}
		for _, c := range clauseSplit.Split(para, -1) {
			c = strings.TrimSpace(c)
			if c == "" || strings.ContainsAny(c, "0123456789") || seen[c] {
				continue
			}
			fact := false
			for _, f := range facts {
				if strings.Contains(c, f) {
					fact = true
					break
				}
			}
			if !fact {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestNothingInvented lists, for each sample, every clause of the output
// that is not built from a sheet fact or the clerk's own text; the list is
// testdata/framing/NAME.txt, reviewed by hand: short, and each entry
// neutral framing. No sample says any of the invented claims.
func TestNothingInvented(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range sampleSheets(t) {
		md, err := c.Markdown(s)
		if err != nil {
			t.Fatal(err)
		}
		facts := factStrings(s)
		for _, claim := range claims {
			if strings.Contains(string(md), claim) && !slices.ContainsFunc(facts, func(f string) bool { return strings.Contains(f, claim) }) {
				t.Errorf("%s says %q, which its sheet does not", name, claim)
			}
		}
		if strings.Contains(string(md), "参与率") && s.Figures.Participants == 0 {
			t.Errorf("%s gives a 参与率 but no participants", name)
		}
		got := framing(string(md), facts)
		if len(got) > 12 {
			t.Errorf("%s: %d clauses of framing, more than 12: %q", name, len(got), got)
		}
		file := filepath.Join("testdata", "framing", strings.ReplaceAll(strings.TrimSuffix(name, ".toml"), "/", "-")+".txt")
		text := strings.Join(got, "\n") + "\n"
		if *update {
			os.MkdirAll(filepath.Dir(file), 0o755)
			os.WriteFile(file, []byte(text), 0o644)
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update and review the list)", err)
		}
		if string(want) != text {
			t.Errorf("%s: framing changed (review, then -update):\ngot:\n%s\nwant:\n%s", name, text, want)
		}
	}
}
