package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

var update = flag.Bool("update", false, "rewrite the expected .out files")

// TestCases runs every testdata/*.toml through the checks and compares
// the diagnostics with the .out file beside it.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.toml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, diags := sheet.ReadFile(f)
			if diags != nil {
				t.Fatal(diags)
			}
			var b strings.Builder
			for _, d := range Sheet(s) {
				b.WriteString(d.Error() + "\n")
			}
			want := strings.TrimSuffix(f, ".toml") + ".out"
			if *update {
				os.WriteFile(want, []byte(b.String()), 0o644)
				return
			}
			exp, _ := os.ReadFile(want)
			if b.String() != string(exp) {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), exp)
			}
		})
	}
}

// TestSumsOneError pins the example: parts that do not add up give
// exactly one error naming both figures and their sum.
func TestSumsOneError(t *testing.T) {
	s, _ := sheet.ReadFile("testdata/sums.toml")
	diags := Sheet(s)
	if len(diags) != 1 || !diags.HasErrors() {
		t.Fatalf("got %v, want one error", diags)
	}
	for _, want := range []string{"承诺事项（made） 30", "已兑现承诺（kept） 25", "未兑现承诺（pending） 3", "= 28"} {
		if !strings.Contains(diags[0].Message, want) {
			t.Errorf("message %q lacks %q", diags[0].Message, want)
		}
	}
}

// TestSelfReferenceLine pins the other example: a 我校 sheet with a
// paragraph saying 我局 warns at that paragraph's line.
func TestSelfReferenceLine(t *testing.T) {
	s, _ := sheet.ReadFile("testdata/selfref.toml")
	diags := Sheet(s)
	if len(diags) != 1 || diags.HasErrors() {
		t.Fatalf("got %v, want one warning", diags)
	}
	if diags[0].Line != 13 || !strings.Contains(diags[0].Message, "我局") {
		t.Errorf("got %s, want a warning about 我局 at line 13", diags[0].Error())
	}
}

func TestSamplesClean(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	for _, f := range files {
		s, diags := sheet.ReadFile(f)
		if diags != nil {
			t.Fatal(diags)
		}
		if d := Sheet(s); len(d) > 0 {
			t.Errorf("%s: %v", f, d)
		}
	}
}
