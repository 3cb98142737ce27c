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
// paragraph saying 我局党组 warns once, where the words stand.
func TestSelfReferenceLine(t *testing.T) {
	s, _ := sheet.ReadFile("testdata/selfref.toml")
	diags := Sheet(s)
	if len(diags) != 1 || diags.HasErrors() {
		t.Fatalf("got %v, want one warning", diags)
	}
	if diags[0].Line != 13 || diags[0].Col != 4 || !strings.Contains(diags[0].Message, "“我局党组”") {
		t.Errorf("got %s, want a warning about 我局党组 at 13:4", diags[0].Error())
	}
}

// school is a 我校 sheet's head; a test appends its own items.
const school = `[document]
title = "工作总结"
unit = "第一中学"
self = "我校"
task = "民主评议"
date = 2011-01-21
`

// checkSource decodes src as s.toml and returns every diagnostic of the
// checks, one line each.
func checkSource(t *testing.T, src string) string {
	t.Helper()
	s, diags := sheet.Decode("s.toml", []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range Sheet(s) {
		got = append(got, d.Error())
	}
	return strings.Join(got, "\n")
}

// The example: a 我校 sheet whose text says both 我局 and 局党组
// gets two warnings, each where its word stands; a word said again in the
// same text is not warned twice.
func TestSelfReferenceEvery(t *testing.T) {
	got := checkSource(t, school+`
[[methods]]
text = """
我局高度重视，
局党组多次研究，我局全体党员参加。"""
`)
	want := "s.toml:10:1: warning: 文字中出现“我局”，但本单位自称“我校”：这段文字可能抄自别的单位，请改为本单位的称呼\n" +
		"s.toml:11:1: warning: 文字中出现“局党组”，但本单位自称“我校”：这段文字可能抄自别的单位，请改为本单位的称呼"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
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

// 我所 warns in a school's text, but 我所在、我所做 are ordinary words.
func TestSelfReferenceNotAWord(t *testing.T) {
	got := checkSource(t, school+`
[[methods]]
text = "结合我所在岗位和我所做的工作查找不足，我所有党员参加。"

[[contents]]
text = "我所党支部组织了评议。"
`)
	want := "s.toml:12:9: warning: 文字中出现“我所党支部”，但本单位自称“我校”：这段文字可能抄自别的单位，请改为本单位的称呼"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A unit's body named inside a longer proper name is another unit, not
// this one's copied self-reference: 县规划局党组, 卫生服务中心党支部.
func TestSelfReferenceInProperName(t *testing.T) {
	got := checkSource(t, school+`
[[methods]]
text = "县规划局党组来校指导，卫生服务中心党支部与我校结对。"

[[contents]]
text = "局党组研究决定开展评议。"
`)
	want := "s.toml:12:9: warning: 文字中出现“局党组”，但本单位自称“我校”：这段文字可能抄自别的单位，请改为本单位的称呼"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
