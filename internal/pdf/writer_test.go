package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdftext"
)

// goldenResult lays out a sample summary the way the build does: the
// build package's golden Markdown, the embedded faces, default options.
func goldenResult(t testing.TB, faces map[font.Role]font.Face, name string) *layout.Result {
	t.Helper()
	md, err := os.ReadFile(filepath.Join("..", "build", "testdata", "golden", name+".md"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.FromMarkdown(md)
	if err != nil {
		t.Fatal(err)
	}
	metrics := map[font.Role]font.Metrics{}
	for ro, f := range faces {
		metrics[ro] = f
	}
	r, err := layout.Layout(d, layout.NewOptions(metrics))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type namedResult struct {
	name string
	r    *layout.Result
}

// results are the layouts the writer is checked on: the hand-made sample
// (odd cases), the three-page benchmark page grid, and two real summaries
// laid out by layout (three and four pages).
func results(t testing.TB, faces map[font.Role]font.Face) []namedResult {
	return []namedResult{
		{"sample", sample(t, faces)},
		{"bench", benchResult(t, faces)},
		{"power-supply-company", goldenResult(t, faces, "power-supply-company")},
		{"county-planning-bureau", goldenResult(t, faces, "county-planning-bureau")},
	}
}

func allRuns(pg layout.Page) []layout.Run {
	var out []layout.Run
	for _, ln := range pg.Lines {
		for _, ru := range ln.Runs {
			if ru.Text != "" {
				out = append(out, ru)
			}
		}
	}
	return out
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestRealistic reads whole documents back with pdftext: every run's text,
// font, size, Tc and baseline, and the page count and size.
func TestRealistic(t *testing.T) {
	faces := roleFaces(t)
	for _, nr := range results(t, faces) {
		t.Run(nr.name, func(t *testing.T) {
			r := nr.r
			b := write(t, r, Options{Faces: faces, Title: "工作总结", Created: created})
			if nr.name == "power-supply-company" && len(r.Pages) != 2 {
				t.Errorf("%d pages; the size budget below is for a two-page summary", len(r.Pages))
			}
			if len(r.Pages) <= 3 && len(b) > 150<<10 {
				t.Errorf("%d-page PDF is %d bytes, budget 150 KiB", len(r.Pages), len(b))
			}
			pages, err := pdftext.Pages(b)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != len(r.Pages) {
				t.Fatalf("%d pages, want %d", len(pages), len(r.Pages))
			}
			for i, pg := range pages {
				if pg.Width != r.Width || pg.Height != r.Height {
					t.Errorf("page %d MediaBox %v × %v, want %v × %v", i+1, pg.Width, pg.Height, r.Width, r.Height)
				}
				runs := allRuns(r.Pages[i])
				if len(pg.Spans) != len(runs) {
					t.Fatalf("page %d: %d spans, want %d", i+1, len(pg.Spans), len(runs))
				}
				for j, want := range runs {
					got := pg.Spans[j]
					if got.S != want.Text || got.Size != want.Size || got.CharSpacing != round3(want.Spacing) ||
						!near(got.X, want.X, 0.0005) || !near(got.Y, r.Height-want.Y, 0.0005) ||
						!subsetName.MatchString(got.Font) || got.Font[7:] != faces[want.Role].Name() {
						t.Errorf("page %d span %d = %+v\nwant run %+v", i+1, j, got, want)
					}
				}
			}
		})
	}
}

// TestDifferential compares Write with the fpdf painter it replaced: the
// same glyphs at the same baselines, sizes, spacings and advances. fpdf
// draws a half-width glyph at full width, half an em further left when
// its left half is cut, so there the box differs by that half.
func TestDifferential(t *testing.T) {
	faces := roleFaces(t)
	for _, nr := range results(t, faces) {
		t.Run(nr.name, func(t *testing.T) {
			opt := Options{Faces: faces, Created: created}
			ours, err := pdftext.Pages(write(t, nr.r, opt))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := writeFpdf(&buf, nr.r, opt); err != nil {
				t.Fatal(err)
			}
			theirs, err := pdftext.Pages(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(ours) != len(theirs) {
				t.Fatalf("%d pages, fpdf %d", len(ours), len(theirs))
			}
			halves := 0
			for i := range ours {
				a, b := ours[i], theirs[i]
				if !near(a.Width, b.Width, 0.01) || !near(a.Height, b.Height, 0.01) {
					t.Fatalf("page %d: %v × %v, fpdf %v × %v", i+1, a.Width, a.Height, b.Width, b.Height)
				}
				want := layoutGlyphs(nr.r.Pages[i])
				ga, gb := spanGlyphs(t, a), spanGlyphs(t, b)
				if len(ga) != len(want) || len(gb) != len(want) {
					t.Fatalf("page %d: %d glyphs, fpdf %d, layout %d", i+1, len(ga), len(gb), len(want))
				}
				for j, x := range ga {
					y, w := gb[j], want[j]
					dx, dadv := 0.0, 0.0
					if w.half {
						halves++
						dadv = w.size / 2
						if w.left {
							dx = w.size / 2
						}
					}
					if x.r != w.r || y.r != w.r || x.size != y.size || x.tc != y.tc ||
						!near(x.x, y.x+dx, 0.01) || !near(x.y, y.y, 0.01) || !near(x.adv, y.adv-dadv, 0.01) {
						t.Errorf("page %d glyph %d (%q, half %v left %v): ours %+v\nfpdf %+v", i+1, j, w.r, w.half, w.left, x, y)
					}
				}
			}
			if strings.Contains(nr.name, "-") && halves == 0 { // the real summaries
				t.Error("no half-width glyph compared")
			}
		})
	}
}

type drawnGlyph struct {
	r                   rune
	x, y, adv, size, tc float64
}

// spanGlyphs places every glyph of a page's spans (horizontal text, Tw 0).
func spanGlyphs(t *testing.T, pg pdftext.Page) []drawnGlyph {
	t.Helper()
	var out []drawnGlyph
	for _, sp := range pg.Spans {
		rs := []rune(sp.S)
		if len(rs) != len(sp.Advances) {
			t.Fatalf("span %q: %d advances", sp.S, len(sp.Advances))
		}
		x := sp.X
		for i, r := range rs {
			out = append(out, drawnGlyph{r, x, sp.Y, sp.Advances[i], sp.Size, sp.CharSpacing})
			x += sp.Advances[i] + sp.CharSpacing
		}
	}
	return out
}

type layoutGlyph struct {
	r          rune
	size       float64
	half, left bool
}

func layoutGlyphs(pg layout.Page) []layoutGlyph {
	var out []layoutGlyph
	for _, ru := range allRuns(pg) {
		h := ru.Halves
		for i, r := range []rune(ru.Text) {
			g := layoutGlyph{r: r, size: ru.Size}
			if len(h) > 0 && h[0].At == i {
				g.half, g.left = true, h[0].Left
				h = h[1:]
			}
			out = append(out, g)
		}
	}
	return out
}

// TestRenderMatchesFpdf rasterises both writers' output with poppler and
// compares the pixels: text extraction alone would not notice a CID that
// shows the wrong glyph, a broken outline or a lost composite component.
func TestRenderMatchesFpdf(t *testing.T) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not on PATH")
	}
	faces := roleFaces(t)
	r := goldenResult(t, faces, "power-supply-company")
	// A line with the composite glyphs of the Kai face and glyphs that
	// two code points share.
	r.Pages[0].Lines = append(r.Pages[0].Lines, line(0, run(t, faces, font.RoleHeading2, 15.75, left, 790, 0, "¨−´∕-～〜")))
	opt := Options{Faces: faces, Created: created}
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours.pdf")
	theirs := filepath.Join(dir, "fpdf.pdf")
	if err := os.WriteFile(ours, write(t, r, opt), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeFpdf(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theirs, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for p := 1; p <= len(r.Pages); p++ {
		a := render(t, bin, ours, p)
		b := render(t, bin, theirs, p)
		if a.Bounds() != b.Bounds() {
			t.Fatalf("page %d: %v vs fpdf %v", p, a.Bounds(), b.Bounds())
		}
		ink, diff := 0, 0
		for i := range a.Pix {
			if a.Pix[i] < 128 {
				ink++
			}
			// A baseline that differs by a thousandth of a point can tip
			// anti-aliasing across a pixel row: a pixel matches if fpdf's
			// pixel above, at or below it does.
			same := false
			for _, j := range []int{i - a.Stride, i, i + a.Stride} {
				if j < 0 || j >= len(b.Pix) {
					continue
				}
				if d := int(a.Pix[i]) - int(b.Pix[j]); d <= 64 && d >= -64 {
					same = true
				}
			}
			if !same {
				diff++
			}
		}
		if ink < 100 {
			t.Errorf("page %d: only %d dark pixels: nothing drawn?", p, ink)
		}
		// Positions agree to 0.005 pt, far below a pixel at 72 dpi; allow
		// a little anti-aliasing noise, far less than one wrong glyph.
		if diff > 20 {
			t.Errorf("page %d: %d of %d inked pixels differ from fpdf's rendering", p, diff, ink)
		}
	}
}

func render(t *testing.T, bin, pdf string, page int) *image.Gray {
	return renderPage(t, bin, pdf, page, 72)
}

// renderAt renders page 1 at dpi.
func renderAt(t *testing.T, bin, pdf string, dpi int) *image.Gray {
	return renderPage(t, bin, pdf, 1, dpi)
}

func renderPage(t *testing.T, bin, pdf string, page, dpi int) *image.Gray {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, ".pdf") + "-" + strconv.Itoa(page)
	n := strconv.Itoa(page)
	out, err := exec.Command(bin, "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", "-f", n, "-l", n, pdf, prefix).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

// TestPopplerReadsBack checks the realistic documents with poppler: the
// exact text, every one-word line's box, and the fonts embedded and subset.
func TestPopplerReadsBack(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH")
	}
	faces := roleFaces(t)
	dir := t.TempDir()
	for _, nr := range results(t, faces) {
		t.Run(nr.name, func(t *testing.T) {
			r := nr.r
			in := filepath.Join(dir, nr.name+".pdf")
			if err := os.WriteFile(in, write(t, r, Options{Faces: faces, Created: created}), 0o644); err != nil {
				t.Fatal(err)
			}
			var want strings.Builder
			for _, pg := range r.Pages {
				for _, ru := range allRuns(pg) {
					want.WriteString(ru.Text)
				}
			}
			plain := poppler(t, bin, "-enc", "UTF-8", in, "-")
			if got := stripSpace(plain); got != stripSpace(want.String()) {
				t.Errorf("pdftotext text differs:\n got %q\nwant %q", got, stripSpace(want.String()))
			}

			pages := bboxWords(poppler(t, bin, "-enc", "UTF-8", "-bbox-layout", in, "-"))
			if len(pages) != len(r.Pages) {
				t.Fatalf("pdftotext found %d pages, want %d", len(pages), len(r.Pages))
			}
			checked := 0
			for i, pg := range r.Pages {
				used := map[int]bool{}
				for _, ln := range pg.Lines {
					if len(ln.Runs) != 1 || strings.ContainsRune(ln.Runs[0].Text, ' ') {
						continue // poppler splits these into several words
					}
					ru := ln.Runs[0]
					top := ru.Y - faces[ru.Role].Ascent()*ru.Size
					found := false
					for k, w := range pages[i] {
						if used[k] || w.s != ru.Text {
							continue
						}
						used[k], found = true, true
						if !near(w.x0, ru.X, 0.5) || !near(w.y0, top, 0.5) || !near(w.x1, ru.X+ru.Width, 0.5) {
							t.Errorf("page %d %q: box x %v–%v top %v, want x %v–%v top %v",
								i+1, ru.Text, w.x0, w.x1, w.y0, ru.X, ru.X+ru.Width, top)
						}
						checked++
						break
					}
					if !found {
						t.Errorf("page %d: no pdftotext word %q", i+1, ru.Text)
					}
				}
			}
			if checked < len(r.Pages) {
				t.Errorf("only %d lines checked", checked)
			}

			if pf, err := exec.LookPath("pdffonts"); err == nil {
				out := poppler(t, pf, in)
				rows := pdffontsRow.FindAllStringSubmatch(out, -1)
				if len(rows) == 0 {
					t.Fatalf("no fonts listed:\n%s", out)
				}
				for _, m := range rows {
					if m[2] != "CID TrueType" || m[3] != "Identity-H" || m[4] != "yes" || m[5] != "yes" || m[6] != "yes" {
						t.Errorf("pdffonts: %s is %s/%s emb %s sub %s uni %s", m[1], m[2], m[3], m[4], m[5], m[6])
					}
				}
			}
		})
	}
}

var pdffontsRow = regexp.MustCompile(`(?m)^([A-Z]{6}\+\S+)\s+(CID TrueType)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)`)

// poppler runs a poppler tool and fails on any message it prints to
// stderr ("Syntax Error", "Bad font", …).
func poppler(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s: %v: %s", bin, err, stderr.Bytes())
		}
		t.Fatal(err)
	}
	if stderr.Len() > 0 {
		t.Errorf("%s complained: %s", filepath.Base(bin), stderr.Bytes())
	}
	return string(out)
}

type wordBox struct {
	x0, y0, x1, y1 float64
	s              string
}

var pageTag = regexp.MustCompile(`<page `)

// bboxWords splits pdftotext -bbox-layout output into pages of words.
func bboxWords(out string) [][]wordBox {
	var pages [][]wordBox
	idx := pageTag.FindAllStringIndex(out, -1)
	for i, m := range idx {
		end := len(out)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		var ws []wordBox
		for _, w := range word.FindAllStringSubmatch(out[m[0]:end], -1) {
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(w[k+1], 64)
			}
			ws = append(ws, wordBox{v[0], v[1], v[2], v[3], html.UnescapeString(w[5])})
		}
		pages = append(pages, ws)
	}
	return pages
}

// TestEmbeddedFonts reads the font objects back: one Type0/CIDFontType2
// font per face, with a ToUnicode map, the ascent layout relies on, and a
// font program that x/image/font/sfnt parses, holding exactly the used
// glyphs and .notdef, each drawing what the face draws for its rune.
func TestEmbeddedFonts(t *testing.T) {
	faces := roleFaces(t)
	r := goldenResult(t, faces, "county-planning-bureau")
	b := write(t, r, Options{Faces: faces, Created: created})
	fonts, err := pdftext.Fonts(b)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]map[rune]bool{}
	narrow := map[string]map[font.Narrow]bool{} // half-width glyphs
	faceOf := map[string]font.Face{}
	for _, pg := range r.Pages {
		for _, ru := range allRuns(pg) {
			f := faces[ru.Role]
			if used[f.Name()] == nil {
				used[f.Name()] = map[rune]bool{}
				narrow[f.Name()] = map[font.Narrow]bool{}
			}
			faceOf[f.Name()] = f
			for _, c := range ru.Text {
				used[f.Name()][c] = true
			}
			rs := []rune(ru.Text)
			for _, h := range ru.Halves {
				narrow[f.Name()][font.Narrow{R: rs[h.At], Left: h.Left}] = true
			}
		}
	}
	if len(fonts) != len(used) {
		t.Fatalf("%d fonts, want %d", len(fonts), len(used))
	}
	var buf sfnt.Buffer
	for _, fi := range fonts {
		if !subsetName.MatchString(fi.BaseFont) {
			t.Errorf("BaseFont %q has no subset tag", fi.BaseFont)
			continue
		}
		face := faceOf[fi.BaseFont[7:]]
		if face == nil {
			t.Errorf("font %q is not a used face", fi.BaseFont)
			continue
		}
		if fi.Subtype != "Type0" || fi.Descendant != "CIDFontType2" || !fi.ToUnicode {
			t.Errorf("%s: %s/%s, ToUnicode %v", fi.BaseFont, fi.Subtype, fi.Descendant, fi.ToUnicode)
		}
		if fi.Ascent != face.Ascent()*1000 {
			t.Errorf("%s: /Ascent %v, face Ascent() %v", fi.BaseFont, fi.Ascent, face.Ascent())
		}
		sub, err := sfnt.Parse(fi.Program)
		if err != nil {
			t.Errorf("%s: font program: %v", fi.BaseFont, err)
			continue
		}
		if n, u, h := sub.NumGlyphs(), len(used[face.Name()]), len(narrow[face.Name()]); n != u+h+1 {
			t.Errorf("%s: %d glyphs, want %d used + %d half-width + .notdef", fi.BaseFont, n, u, h)
		}
		orig, err := sfnt.Parse(face.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		for c := range used[face.Name()] {
			if a, b := outline(t, orig, &buf, c), outline(t, sub, &buf, c); a != b {
				t.Errorf("%s: %q draws differently in the subset", fi.BaseFont, c)
			}
		}
	}
}

// outline describes the glyph f maps c to: its advance and segments.
func outline(t *testing.T, f *sfnt.Font, buf *sfnt.Buffer, c rune) string {
	t.Helper()
	g, err := f.GlyphIndex(buf, c)
	if err != nil || g == 0 {
		t.Fatalf("no glyph for %q: %v", c, err)
	}
	ppem := fixed.Int26_6(f.UnitsPerEm())
	adv, err := f.GlyphAdvance(buf, g, ppem, 0)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(buf, g, ppem, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(adv, segs)
}

// TestCompositeAndSharedGlyphs sets the Kai face's composite glyphs (¨ and
// ´ draw another glyph; − and ∕ draw the glyphs of - and /) and characters
// that share a glyph with another (～ 〜): each is embedded, its
// components too, and each comes back as itself.
func TestCompositeAndSharedGlyphs(t *testing.T) {
	faces := roleFaces(t)
	text := "¨−´∕-～〜"
	res := &layout.Result{Width: a4W, Height: a4H, Pages: []layout.Page{{Number: 1, Lines: []layout.Line{
		line(0, run(t, faces, font.RoleHeading2, 15.75, left, top+22, 0, text)),
	}}}}
	b := write(t, res, Options{Faces: faces, Created: created})
	txt, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	if txt != text {
		t.Errorf("text %q, want %q", txt, text)
	}
	fonts, err := pdftext.Fonts(b)
	if err != nil || len(fonts) != 1 {
		t.Fatalf("fonts %v, %v", fonts, err)
	}
	sub, err := sfnt.Parse(fonts[0].Program)
	if err != nil {
		t.Fatal(err)
	}
	// Seven runes and .notdef, plus each component that is not already
	// the glyph of one of the runes (−'s is -'s).
	g := glyphsFor(t, faces[font.RoleHeading2])
	comps := map[uint16]bool{}
	runeGlyph := map[uint16]bool{}
	for _, c := range text {
		gid, _ := g.GlyphIndex(c)
		runeGlyph[gid] = true
	}
	for _, gid := range []rune("¨−´∕") {
		comps[componentOf(t, faces[font.RoleHeading2], gid)] = true
	}
	want := len([]rune(text)) + 1
	for c := range comps {
		if !runeGlyph[c] {
			want++
		}
	}
	if sub.NumGlyphs() != want {
		t.Errorf("%d glyphs in the subset, want %d", sub.NumGlyphs(), want)
	}
	orig, _ := sfnt.Parse(faces[font.RoleHeading2].Bytes())
	var buf sfnt.Buffer
	for _, c := range text {
		if a, b := outline(t, orig, &buf, c), outline(t, sub, &buf, c); a != b {
			t.Errorf("%q draws differently in the subset", c)
		}
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		in := filepath.Join(t.TempDir(), "c.pdf")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(poppler(t, bin, "-enc", "UTF-8", in, "-")); got != text {
			t.Errorf("pdftotext gave %q, want %q", got, text)
		}
	}
}

func glyphsFor(t *testing.T, f font.Face) *font.Glyphs {
	t.Helper()
	g, err := f.(*font.TrueType).Glyphs()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// componentOf returns the single component of the composite glyph of c,
// reading the face's glyf table through a one-rune subset.
func componentOf(t *testing.T, f font.Face, c rune) uint16 {
	t.Helper()
	g := glyphsFor(t, f)
	s, err := g.Subset([]rune{c})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Source) != 3 {
		t.Fatalf("%q: subset glyphs %v, want .notdef, the composite and one component", c, s.Source)
	}
	return s.Source[2]
}

// plainFace hides font.TrueType's parsed tables, so Write takes the path
// for other Face implementations (parsing Bytes).
type plainFace struct{ font.Face }

func TestOtherFaceImplementations(t *testing.T) {
	faces := roleFaces(t)
	plain := map[font.Role]font.Face{}
	for ro, f := range faces {
		plain[ro] = plainFace{f}
	}
	r := sample(t, faces)
	opt := Options{Faces: faces, Created: created}
	want := write(t, r, opt)
	opt.Faces = plain
	if got := write(t, r, opt); !bytes.Equal(got, want) {
		t.Error("a face without cached tables gives different bytes")
	}
}

func TestBadGeometry(t *testing.T) {
	faces := roleFaces(t)
	for _, c := range []struct {
		name string
		mod  func(*layout.Result)
		want string
	}{
		{"NaN x", func(r *layout.Result) { r.Pages[0].Lines[0].Runs[0].X = math.NaN() }, "position"},
		{"Inf spacing", func(r *layout.Result) { r.Pages[0].Lines[0].Runs[0].Spacing = math.Inf(1) }, "spacing"},
		{"Inf size", func(r *layout.Result) { r.Pages[0].Lines[0].Runs[0].Size = math.Inf(1) }, "font size"},
		{"Inf page", func(r *layout.Result) { r.Height = math.Inf(1) }, "page size"},
		{"half past end", func(r *layout.Result) { r.Pages[0].Lines[0].Runs[0].Halves = []layout.Half{{At: 99}} }, "half-width"},
		{"halves unsorted", func(r *layout.Result) {
			r.Pages[0].Lines[0].Runs[0].Halves = []layout.Half{{At: 1}, {At: 0}}
		}, "half-width"},
	} {
		r := sample(t, faces)
		c.mod(r)
		var buf bytes.Buffer
		err := Write(&buf, r, Options{Faces: faces})
		if err == nil || !strings.Contains(err.Error(), c.want) || buf.Len() != 0 {
			t.Errorf("%s: err = %v, %d bytes written", c.name, err, buf.Len())
		}
	}
}

// TestStructure checks what readers rely on beyond the text: the xref
// offsets point at their objects, the trailer names the catalog and
// info, the file ID is a content hash, and the info strings are right.
func TestStructure(t *testing.T) {
	faces := roleFaces(t)
	r := sample(t, faces)
	opt := Options{Faces: faces, Title: "工作总结 (2011)", Author: "Zhang (a\\b)", Subject: "创先争优", Keywords: "总结", Created: created}
	b := write(t, r, opt)
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Error("header or trailer missing")
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	hdr := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(b[xref:])
	n, _ := strconv.Atoi(string(hdr[1]))
	entries := b[xref+len(hdr[0]):]
	for i := range n {
		e := string(entries[20*i : 20*i+20])
		if i == 0 {
			if e != "0000000000 65535 f \n" {
				t.Errorf("entry 0 = %q", e)
			}
			continue
		}
		off, err := strconv.Atoi(e[:10])
		if err != nil || e[10:] != " 00000 n \n" {
			t.Fatalf("entry %d = %q", i, e)
		}
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("entry %d points at %q", i, b[off:off+12])
		}
	}
	if !bytes.Contains(b, []byte(fmt.Sprintf("trailer\n<</Size %d /Root 1 0 R /Info 4 0 R /ID [<", n))) {
		t.Error("trailer does not name the catalog and the info dictionary")
	}
	if !bytes.Contains(b, []byte("/Type /Catalog /Pages 2 0 R /Lang (zh-CN)")) {
		t.Error("catalog without /Lang (zh-CN)")
	}
	// Author is ASCII: a literal with escapes. The rest UTF-16BE.
	for _, want := range []string{
		`/Author (Zhang \(a\\b\))`,
		"/Subject <FEFF521B51484E894F18>",
		"/Keywords <FEFF603B7ED3>",
		"/Producer (zongjie)",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	// Another title changes the content and so the ID.
	opt.Title = "工作总结"
	id := func(b []byte) string {
		return string(regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindSubmatch(b)[1])
	}
	if id(b) == id(write(t, r, opt)) {
		t.Error("file ID does not depend on the content")
	}
	if pi, err := exec.LookPath("pdfinfo"); err == nil {
		in := filepath.Join(t.TempDir(), "s.pdf")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out := poppler(t, pi, "-enc", "UTF-8", in)
		for _, want := range []string{"Title:           工作总结 (2011)", "Author:          Zhang (a\\b)", "Pages:           3", "Page size:       595.28 x 841.89 pts (A4)"} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, out)
			}
		}
	}
}

// TestToUnicodeRanges: runs of consecutive code points become bfrange
// entries, split where the CID's or the code point's high byte changes
// (a bfrange may only vary the last byte), and everything still reads
// back exactly, through pdftext and through poppler.
func TestToUnicodeRanges(t *testing.T) {
	faces := roleFaces(t)
	body := faces[font.RoleBody]
	var all []rune
	for r := rune(0x4E00); r < 0x5100; r++ {
		if _, ok := body.Advance(r); ok {
			all = append(all, r)
		}
	}
	all = append(all, []rune("0123456789")...)
	e := &embedded{face: body, res: "F1"}
	for _, r := range all {
		e.used.add(r)
	}
	e.order()
	if err := e.prepare(); err != nil {
		t.Fatal(err)
	}
	cm := string(e.toUnicode())
	// Digits are CIDs 1–10.
	if !strings.Contains(cm, "<0001> <000A> <0030>\n") {
		t.Errorf("digits not one bfrange:\n%s", cm)
	}
	rng := regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]{4})>\n`)
	n := 0
	for _, m := range rng.FindAllStringSubmatch(cm, -1) {
		lo, _ := strconv.ParseUint(m[1], 16, 16)
		hi, _ := strconv.ParseUint(m[2], 16, 16)
		dst, _ := strconv.ParseUint(m[3], 16, 16)
		if lo>>8 != hi>>8 || dst>>8 != (dst+hi-lo)>>8 || lo >= hi {
			t.Errorf("bfrange %s–%s → %s crosses a high byte", m[1], m[2], m[3])
		}
		for k := lo; k <= hi; k++ {
			if e.runes[k-1] != rune(dst+k-lo) {
				t.Errorf("bfrange %s maps CID %d to U+%04X, want %q", m[0], k, dst+k-lo, e.runes[k-1])
			}
		}
		n++
	}
	if n < 3 {
		t.Errorf("only %d bfrange entries", n)
	}
	for _, sec := range regexp.MustCompile(`(\d+) begin(bfchar|bfrange)\n`).FindAllStringSubmatch(cm, -1) {
		if k, _ := strconv.Atoi(sec[1]); k < 1 || k > 100 {
			t.Errorf("section of %d entries", k)
		}
	}

	// The same runes on a page, 28 to a line.
	res := &layout.Result{Width: a4W, Height: a4H, Pages: []layout.Page{{Number: 1}}}
	var want []string
	for i := 0; i < len(all); i += 28 {
		s := string(all[i:min(i+28, len(all))])
		want = append(want, s)
		y := top + 22 + float64(len(want)-1)*lineGap/2
		res.Pages[0].Lines = append(res.Pages[0].Lines, line(0, run(t, faces, font.RoleBody, 10, left, y, 0, s)))
	}
	b := write(t, res, Options{Faces: faces, Created: created})
	txt, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	if txt != strings.Join(want, "\n") {
		t.Errorf("pdftext read\n%s\nwant\n%s", txt, strings.Join(want, "\n"))
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		in := filepath.Join(t.TempDir(), "u.pdf")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := stripSpace(poppler(t, bin, "-enc", "UTF-8", in, "-")); got != string(all) {
			t.Errorf("pdftotext read %q", got)
		}
	}
}

// TestCFFRendersLikeTrueType: a body face with CFF outlines (made from
// font/testdata/test-fangsong.ttf) is embedded, as TrueType outlines
// converted from its charstrings, and poppler draws the same pixels and
// reads the same text as with the TrueType face it was made from; a
// squeezed mark's half-width glyph works for it too.
func TestCFFRendersLikeTrueType(t *testing.T) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not on PATH")
	}
	text := []string{"主题党日活动工作总结", "我支部把主题党日活动作为改进工作的重要抓手，精心组织", "周密部署，扎实开展。现将有关情况总结如下"}
	dir := t.TempDir()
	var pages []*image.Gray
	var texts []string
	for _, file := range []string{"test-fangsong.ttf", "test-fangsong-cff.otf"} {
		f, err := font.Load(filepath.Join("..", "font", "testdata", file), 0)
		if err != nil {
			t.Fatal(err)
		}
		faces := map[font.Role]font.Face{font.RoleBody: f}
		r := &layout.Result{Width: 595.28, Height: 841.89, Pages: []layout.Page{{Number: 1}}}
		for i, s := range text {
			ru := run(t, faces, font.RoleBody, 18, 60, 120+40*float64(i), 0, s)
			if i == 1 {
				ru.Halves = []layout.Half{{At: strings.Index(s, "，") / 3}}
			}
			r.Pages[0].Lines = append(r.Pages[0].Lines, line(doc.Paragraph, ru))
		}
		p := filepath.Join(dir, file+".pdf")
		b := write(t, r, Options{Faces: faces, Created: created})
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, renderAt(t, bin, p, 300))
		texts = append(texts, poppler(t, strings.Replace(bin, "pdftoppm", "pdftotext", 1), "-enc", "UTF-8", p, "-"))
	}
	if texts[0] != texts[1] || !strings.Contains(stripSpace(texts[1]), stripSpace(strings.Join(text, ""))) {
		t.Errorf("text %q, TrueType %q", texts[1], texts[0])
	}
	a, b := pages[0], pages[1]
	ink, diff := 0, 0
	for i := range a.Pix {
		if a.Pix[i] < 128 {
			ink++
		}
		if d := int(a.Pix[i]) - int(b.Pix[i]); d > 64 || d < -64 {
			diff++
		}
	}
	// A crude conversion (one quadratic per cubic) moves 0.16% of the ink.
	if ink < 500 || diff > ink/2000 {
		t.Errorf("%d of %d inked pixels differ between the CFF and the TrueType face", diff, ink)
	}
}
