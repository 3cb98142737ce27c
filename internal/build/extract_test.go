package build

import (
	"cmp"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/sheet"
)

// TestPdftotextLines: pdftotext -layout on every sample's PDF, in
// Simplified and in Traditional script, gives exactly the lines layout
// set, page by page: as many lines, each with the same text. A squeezed or compressed mark used to let the next
// glyph's box overlap its own, and pdftotext then read one line as two.
// Spaces are left out of the comparison: pdftotext infers them from gaps.
func TestPdftotextLines(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	hant, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := hant.SetScript("hant"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, sc := range []string{"hans", "hant"} {
		b := testBuilder(t)
		if sc == "hant" {
			b = hant
		}
		halves := 0
		for _, f := range append(samples(t), "testdata/stress.toml") {
			t.Run(sc+"/"+name(f), func(t *testing.T) {
				src, s, diags := sheet.ReadFileSource(f)
				if diags != nil {
					t.Fatal(diags)
				}
				outs, diags := b.Render(s, src, []Format{Markdown, PDF})
				if diags != nil {
					t.Fatal(diags)
				}
				d, err := doc.FromMarkdown(outs[0].Data)
				if err != nil {
					t.Fatal(err)
				}
				res, err := layout.Layout(d, layout.NewOptions(metricsOfBuilder(b)))
				if err != nil {
					t.Fatal(err)
				}
				pdf := filepath.Join(dir, name(f)+".pdf")
				if err := os.WriteFile(pdf, outs[1].Data, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				got := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
				if len(got) != len(res.Pages) {
					t.Fatalf("pdftotext gives %d pages, layout %d", len(got), len(res.Pages))
				}
				for i, pg := range res.Pages {
					var want []string
					// Lines that share a baseline (a table row's cells) are
					// one line of text, read left to right.
					lines := slices.Clone(pg.Lines)
					slices.SortStableFunc(lines, func(a, b layout.Line) int {
						if math.Abs(a.Baseline-b.Baseline) > 0.5 {
							return cmp.Compare(a.Baseline, b.Baseline)
						}
						return cmp.Compare(firstX(a), firstX(b))
					})
					for k, ln := range lines {
						var sb strings.Builder
						for _, ru := range ln.Runs {
							sb.WriteString(ru.Text)
							halves += len(ru.Halves)
						}
						text := noSpace(sb.String())
						if text == "" {
							continue
						}
						if k > 0 && len(want) > 0 && math.Abs(ln.Baseline-lines[k-1].Baseline) <= 0.5 {
							want[len(want)-1] += text
							continue
						}
						want = append(want, text)
					}
					var have []string
					for _, l := range strings.Split(got[i], "\n") {
						if text := noSpace(l); text != "" {
							have = append(have, text)
						}
					}
					if !slices.Equal(have, want) {
						t.Errorf("page %d: pdftotext -layout has %d lines, layout %d:\n%s", i+1, len(have), len(want), lineDiff(have, want))
					}
				}
				// The body is 仿宋 and the title the heaviest Song.
				if pf, err := exec.LookPath("pdffonts"); err == nil {
					out, err := exec.Command(pf, pdf).Output()
					if err != nil {
						t.Fatal(err)
					}
					for _, face := range []string{"+ZhuqueFangsong-Regular ", "+NotoSerifSC-Black "} {
						if !strings.Contains(string(out), face) {
							t.Errorf("pdffonts does not list %s:\n%s", face[1:], out)
						}
					}
				}
			})
		}
		if halves < 20 {
			t.Errorf("%s: %d half-width marks in all the samples: the test checks little of what it is meant to", sc, halves)
		}
	}
}

func firstX(ln layout.Line) float64 {
	if len(ln.Runs) == 0 {
		return 0
	}
	return ln.Runs[0].X
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// lineDiff lists the lines side by side from the first that differs.
func lineDiff(have, want []string) string {
	var b strings.Builder
	first := 0
	for first < len(have) && first < len(want) && have[first] == want[first] {
		first++
	}
	for i := first; i < max(len(have), len(want)) && i < first+6; i++ {
		h, w := "", ""
		if i < len(have) {
			h = have[i]
		}
		if i < len(want) {
			w = want[i]
		}
		b.WriteString("  pdftotext: " + h + "\n  layout:    " + w + "\n")
	}
	return b.String()
}

// TestRareNames: names with 頔 (U+9814, in no GB 2312 or 通用规范汉字表 list;
// only the Traditional form of 𬱟, so 朱雀仿宋 lacks it),
// 𬌗 (U+2C317, 通用规范汉字表 beyond the BMP) and 𠀀 (U+20000, Extension
// B) build, pdftotext gives them back, the rare ones come from the
// fallback faces and the rest of the text keeps its face.
func TestRareNames(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	src := []byte(minimalSheet + `
[[methods]]
name = "向王頔、李𬌗和张𠀀学习"
text = "王頔、李𬌗、张𠀀三位同志介绍了经验。"
`)
	s, diags := sheet.Decode("rare.toml", src)
	if diags != nil {
		t.Fatal(diags)
	}
	b := testBuilder(t)
	outs, diags := b.Render(s, src, []Format{Markdown, PDF})
	if diags != nil {
		t.Fatal(diags)
	}
	pdf := filepath.Join(t.TempDir(), "rare.pdf")
	if err := os.WriteFile(pdf, outs[1].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := noSpace(string(out))
	for _, want := range []string{"向王頔、李𬌗和张𠀀学习", "王頔、李𬌗、张𠀀三位同志介绍了经验。"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, out)
		}
	}
	fonts, err := exec.Command("pdffonts", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	// 朱雀仿宋 for the text, Noto Serif SC (rare) for 頔, ZJ Rare Ext for 𠀀.
	for _, want := range []string{"ZhuqueFangsong-Regular", "ZJRareExt-Regular", "NotoSerifSC-Regular"} {
		if !strings.Contains(string(fonts), want) {
			t.Errorf("pdffonts lacks %s:\n%s", want, fonts)
		}
	}

	d, err := doc.FromMarkdown(outs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.Layout(d, layout.NewOptions(metricsOfBuilder(b)))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[rune]int{}
	for _, pg := range res.Pages {
		for _, ln := range pg.Lines {
			for _, ru := range ln.Runs {
				for _, r := range ru.Text {
					want := ""
					switch r {
					case '𠀀':
						want = "rare-ext"
					case '頔':
						// 朱雀仿宋 lacks it; ZJ Kai (heading2) has it.
						want = "rare"
						if ru.Role == font.RoleHeading2 {
							want = string(font.RoleHeading2)
						}
					case '王', '张', '𬌗':
						// Common text keeps its face; 𬌗 is in every face.
						want = string(ru.Role)
						if !isRole(ru.Role) {
							want = "a role's own face"
						}
					default:
						continue
					}
					seen[r]++
					if string(ru.Role) != want {
						t.Errorf("%q in %q drawn by %s, want %s", r, ru.Text, ru.Role, want)
					}
				}
			}
		}
	}
	if len(seen) != 5 {
		t.Errorf("drawn: %v", seen)
	}
}
