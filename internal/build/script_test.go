package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/script"
	"github.com/zongjie/zongjie/internal/sheet"
)

// TestTraditional builds every sample with --script hant: it builds (no
// character lacks a glyph), the text is Traditional (converting it again
// changes nothing but names), people's names are as typed, every hanzi is
// drawn by its role's own face, and pdftotext reads the Traditional text.
func TestTraditional(t *testing.T) {
	b, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetScript("hant"); err != nil {
		t.Fatal(err)
	}
	words := map[string]string{"点评": "點評", "党支部": "黨支部", "发挥": "發揮", "工作总结": "工作總結"}
	for _, f := range samples(t) {
		t.Run(name(f), func(t *testing.T) {
			src, s, diags := sheet.ReadFileSource(f)
			if diags != nil {
				t.Fatal(diags)
			}
			outs, diags := b.Render(s, src, []Format{Markdown, PDF})
			if diags != nil {
				t.Fatalf("hant: %v", diags)
			}
			hans := string(render(t, f)[Markdown])
			md := string(outs[0].Data)
			for sc, tc := range words {
				if strings.Contains(hans, sc) && (!strings.Contains(md, tc) || strings.Contains(md, sc)) {
					t.Errorf("%s is not written %s", sc, tc)
				}
			}
			names := personNames(s)
			for _, n := range names {
				if strings.Count(md, n) != strings.Count(hans, n) {
					t.Errorf("name %s: %d times in the Traditional text, %d in the Simplified", n, strings.Count(md, n), strings.Count(hans, n))
				}
			}
			again, err := script.ToTraditional(md, names)
			if err != nil {
				t.Fatal(err)
			}
			if again != md {
				t.Errorf("the text still has Simplified characters:\n%s", diffAt(md, again))
			}

			d, err := doc.FromMarkdown(outs[0].Data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := layout.Layout(d, layout.NewOptions(metricsOfBuilder(b)))
			if err != nil {
				t.Fatal(err)
			}
			for _, pg := range res.Pages {
				for _, ln := range pg.Lines {
					for _, ru := range ln.Runs {
						if !isRole(ru.Role) && strings.IndexFunc(ru.Text, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
							t.Errorf("%q drawn by the fallback %s: a role face lacks it", ru.Text, ru.Role)
						}
					}
				}
			}
			if _, err := exec.LookPath("pdftotext"); err == nil {
				pdf := writeTemp(t, outs[1].Data)
				out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				got := noSpace(string(out))
				for _, bl := range d.Blocks[:2] {
					if want := noSpace(bl.Text); !strings.Contains(got, want[:min(len(want), 60)]) {
						t.Errorf("pdftotext lacks %q: %s", want, got[:min(len(got), 300)])
					}
				}
			}
		})
	}
}

func isRole(r font.Role) bool {
	for _, x := range font.Roles {
		if x == r {
			return true
		}
	}
	return false
}

func diffAt(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	for i := range min(len(ra), len(rb)) {
		if ra[i] != rb[i] {
			lo := max(0, i-10)
			return string(ra[lo:min(len(ra), i+10)]) + " → " + string(rb[lo:min(len(rb), i+10)])
		}
	}
	return ""
}

// TestScriptErrors: an unknown script in the sheet is an error at its
// place; typed = "hant" keeps the clerk's Traditional text as typed.
func TestScriptErrors(t *testing.T) {
	src := []byte(strings.Replace(minimalSheet, "[document]\n", "[document]\nscript = \"hk\"\n", 1))
	s, diags := sheet.Decode("f.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	_, diags = testBuilder(t).Render(s, src, []Format{Markdown})
	if len(diags) != 1 || diags[0].Error() != `f.toml:2:10: error: 未知的文字 "hk"：可选 hans（简体，默认）或 hant（繁体）` {
		t.Errorf("diags %v", diags)
	}

	src = []byte(`[document]
script = "hant"
typed = "hant"
title = "主題黨日活動工作總結"
unit = "第一黨支部"
self = "我支部"
task = "主題黨日活動"
date = 2026-11-20

[[methods]]
name = "集中學習"
text = "于是後來組織了學習，理髮店也參加了。"
`)
	s, diags = sheet.Decode("f.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	outs, diags := testBuilder(t).Render(s, src, []Format{Markdown, PDF})
	if diags != nil {
		t.Fatal(diags)
	}
	md := string(outs[0].Data)
	if !strings.Contains(md, "于是後來組織了學習，理髮店也參加了。") || !strings.Contains(md, "現將有關情況總結如下") ||
		!strings.Contains(md, "第一黨支部") {
		t.Errorf("typed Traditional text changed or prose not converted:\n%s", md)
	}
	// Without typed, the clerk's 于是 is taken for Simplified (於是).
	src = []byte(strings.Replace(string(src), "typed = \"hant\"\n", "", 1))
	s, _ = sheet.Decode("f.toml", src)
	outs, diags = testBuilder(t).Render(s, src, []Format{Markdown})
	if diags != nil || !strings.Contains(string(outs[0].Data), "於是後來") {
		t.Errorf("%v\n%s", diags, outs[0].Data)
	}
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
