package build

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/pdftext"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	builderOnce sync.Once
	builder     *Builder
	builderErr  error
)

func testBuilder(t testing.TB) *Builder {
	builderOnce.Do(func() { builder, builderErr = New(Options{}) })
	if builderErr != nil {
		t.Fatal(builderErr)
	}
	return builder
}

func samples(t testing.TB) []string {
	files, _ := filepath.Glob("../../samples/*.toml")
	if len(files) < 4 {
		t.Fatalf("found %d samples, want at least 4", len(files))
	}
	return files
}

// render builds every format of a sample in memory.
func render(t testing.TB, path string) map[Format][]byte {
	src, s, diags := sheet.ReadFileSource(path)
	if diags != nil {
		t.Fatal(diags)
	}
	outs, diags := testBuilder(t).Render(s, src, Formats)
	if diags != nil {
		t.Fatal(diags)
	}
	m := map[Format][]byte{}
	for _, o := range outs {
		m[o.Format] = o.Data
	}
	return m
}

func name(path string) string { return strings.TrimSuffix(filepath.Base(path), ".toml") }

// TestGolden compares the Markdown and HTML of every sample with
// testdata/golden; run with -update after a deliberate change.
func TestGolden(t *testing.T) {
	for _, f := range samples(t) {
		t.Run(name(f), func(t *testing.T) {
			out := render(t, f)
			for _, format := range []Format{Markdown, HTML} {
				golden := filepath.Join("testdata/golden", name(f)+"."+string(format))
				if *update {
					if err := os.WriteFile(golden, out[format], 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out[format], want) {
					t.Errorf("%s differs from %s (rerun with -update if intended):\n%s", format, golden, firstDiff(out[format], want))
				}
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

var (
	mdMarkup = regexp.MustCompile(`(?m)^(#+ |::: ?\w*$)`)
	mdEscape = regexp.MustCompile(`\\([[:punct:]])`)
	folio    = regexp.MustCompile(`—\s*\d+\s*—`)
	// A pipe table's delimiter row, and its cell separators (a pipe not
	// escaped by a backslash).
	mdDelimRow = regexp.MustCompile(`(?m)^\|( *:?-+:? *\|)+ *$`)
	mdPipe     = regexp.MustCompile(`(^|[^\\])\|`)
)

// textOf keeps what a reader sees: no Markdown markup, no whitespace; a
// table's cells row by row.
func textOf(md string) string {
	md = mdMarkup.ReplaceAllString(md, "")
	md = mdDelimRow.ReplaceAllString(md, "")
	md = mdPipe.ReplaceAllString(mdPipe.ReplaceAllString(md, "$1"), "$1")
	md = mdEscape.ReplaceAllString(md, "$1")
	return strings.Map(dropSpace, md)
}

// blockText is what a reader sees of a block: a table's caption, then its
// cells row by row.
func blockText(b doc.Block) string {
	if b.Table == nil {
		return b.Text
	}
	var s strings.Builder
	s.WriteString(b.Text)
	for _, r := range append([][]string{b.Table.Header}, b.Table.Rows...) {
		s.WriteString(strings.Join(r, ""))
	}
	return s.String()
}

// dropRepeatedHeaders removes the header rows a table repeats on the pages
// it crosses from a PDF's text (squashed), keeping each table's first.
func dropRepeatedHeaders(text string, d *doc.Document) string {
	for _, b := range d.Blocks {
		if b.Table == nil {
			continue
		}
		h := squash(strings.Join(b.Table.Header, ""))
		if i := strings.Index(text, h); i >= 0 {
			j := i + len(h)
			text = text[:j] + strings.ReplaceAll(text[j:], h, "")
		}
	}
	return text
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// TestPDFTextMatchesMarkdown reads the text back out of each sample's PDF
// and requires it to equal the Markdown's text, character for character.
func TestPDFTextMatchesMarkdown(t *testing.T) {
	for _, f := range samples(t) {
		t.Run(name(f), func(t *testing.T) {
			out := render(t, f)
			got, err := pdftext.Text(out[PDF])
			if err != nil {
				t.Fatal(err)
			}
			d, err := doc.FromMarkdown(out[Markdown])
			if err != nil {
				t.Fatal(err)
			}
			pdfText := dropRepeatedHeaders(strings.Map(dropSpace, folio.ReplaceAllString(got, "")), d)
			mdText := textOf(string(out[Markdown]))
			if pdfText != mdText {
				t.Errorf("PDF text differs from Markdown text:\n pdf: %s\n  md: %s", pdfText, mdText)
			}
		})
	}
}

// TestPdftotext is the same check through poppler, where .ci/run installs it.
func TestPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	for _, f := range samples(t) {
		res := testBuilder(t).File(f, dir, Formats)
		if res.Diags != nil {
			t.Fatal(res.Diags)
		}
		if len(res.Written) != len(Formats) {
			t.Fatalf("%s: wrote %v, want %d files", f, res.Written, len(Formats))
		}
		pdfPath := filepath.Join(dir, name(f)+".pdf")
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		md, _ := os.ReadFile(filepath.Join(dir, name(f)+".md"))
		d, err := doc.FromMarkdown(md)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Map(dropSpace, folio.ReplaceAllString(string(txt), ""))
		want := textOf(string(md))
		if !slices.ContainsFunc(d.Blocks, func(b doc.Block) bool { return b.Table != nil }) {
			if got != want {
				t.Errorf("%s: pdftotext text differs:\n got: %s\nwant: %s", name(f), got, want)
			}
			continue
		}
		// poppler reads a row's cells line by line across the columns, so
		// a cell of several lines interleaves with its neighbours: the same
		// characters in another order, and a header row for each page a
		// table goes on to.
		if extra, ok := without(got, want); !ok || !headersOnly(extra, d) {
			t.Errorf("%s: pdftotext gives other characters than the Markdown (%q left over):\n got: %s\nwant: %s", name(f), runesOf(extra), got, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range samples(t) {
		a, b := render(t, f), render(t, f)
		for _, format := range Formats {
			if !bytes.Equal(a[format], b[format]) {
				t.Errorf("%s: two builds give different %s", name(f), format)
			}
		}
	}
}

var (
	h1Num = regexp.MustCompile(`(?m)^## ([一二三四五六七八九十]+)、`)
	h2Num = regexp.MustCompile(`(?m)^(##|###) (（([一二三四五六七八九十]+)）)?`)
)

// TestNoDefects scans every output for the marks of a broken template.
func TestNoDefects(t *testing.T) {
	for _, f := range samples(t) {
		out := render(t, f)
		for _, format := range []Format{Markdown, HTML} {
			s := string(out[format])
			if i := strings.Index(s, "<body"); i >= 0 {
				s = s[i:] // the stylesheet's comments quote punctuation
			}
			for _, bad := range []string{"<no value>", "（）", "、、", "，，", "。。", "《》", "，。", "、。"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s.%s contains %q", name(f), format, bad)
				}
			}
		}
		md := string(out[Markdown])
		for i, m := range h1Num.FindAllStringSubmatch(md, -1) {
			if want := prose.Numeral(i + 1); m[1] != want {
				t.Errorf("%s: heading %d numbered %s、, want %s、", name(f), i+1, m[1], want)
			}
		}
		n := 0
		for _, m := range h2Num.FindAllStringSubmatch(md, -1) {
			if m[1] == "##" {
				n = 0
				continue
			}
			n++
			if want := prose.Numeral(n); m[3] != want {
				t.Errorf("%s: sub-heading numbered （%s）, want （%s）", name(f), m[3], want)
			}
		}
	}
}

func TestParseFormats(t *testing.T) {
	got, err := ParseFormats("pdf, md,pdf")
	if err != nil || len(got) != 2 || got[0] != Markdown || got[1] != PDF {
		t.Errorf("ParseFormats = %v, %v", got, err)
	}
	if got, err := ParseFormats("docx,md"); err != nil || len(got) != 2 || got[0] != Markdown || got[1] != DOCX {
		t.Errorf("ParseFormats(docx,md) = %v, %v", got, err)
	}
	if _, err := ParseFormats("doc"); err == nil || err.Error() != `未知的输出格式 "doc"：可选 md、html、pdf、docx` {
		t.Errorf("ParseFormats(doc) error = %v", err)
	}
}

func BenchmarkRenderAll(b *testing.B) {
	for _, f := range samples(b) {
		src, s, _ := sheet.ReadFileSource(f)
		b.Run(name(f), func(b *testing.B) {
			for b.Loop() {
				if _, d := testBuilder(b).Render(s, src, Formats); d != nil {
					b.Fatal(d)
				}
			}
		})
	}
}

func readSheet(t *testing.T, path string) ([]byte, *sheet.Sheet, error) {
	t.Helper()
	src, s, diags := sheet.ReadFileSource(path)
	if diags != nil {
		t.Fatal(diags)
	}
	return src, s, nil
}

func dateLine(s *sheet.Sheet) string { return prose.FullDate(s.Document.Date) }

// without removes want's characters from got, as multisets; ok is false
// when got lacks some.
func without(got, want string) (map[rune]int, bool) {
	m := map[rune]int{}
	for _, r := range got {
		m[r]++
	}
	for _, r := range want {
		if m[r]--; m[r] < 0 {
			return m, false
		}
	}
	return m, true
}

// headersOnly reports whether the characters left over are whole header
// rows of the document's tables.
func headersOnly(left map[rune]int, d *doc.Document) bool {
	for _, b := range d.Blocks {
		if b.Table == nil {
			continue
		}
		h := squash(strings.Join(b.Table.Header, ""))
		for h != "" {
			if _, ok := without(runesOf(left), h); !ok {
				break
			}
			for _, r := range h {
				left[r]--
			}
		}
	}
	for _, n := range left {
		if n != 0 {
			return false
		}
	}
	return true
}

func runesOf(m map[rune]int) string {
	var b strings.Builder
	for r, n := range m {
		for range n {
			b.WriteRune(r)
		}
	}
	return b.String()
}
