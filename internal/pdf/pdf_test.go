package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdftext"
)

const (
	a4W, a4H = 595.28, 841.89
	left     = 79.37  // 28 mm
	top      = 104.88 // 37 mm
	lineGap  = 29.6
)

var created = time.Date(2011, 1, 21, 0, 0, 0, 0, time.UTC)

// subsetName is a subset font's BaseFont: six capitals, "+", the face.
var subsetName = regexp.MustCompile(`^[A-Z]{6}\+`)

// run builds a layout.Run the way layout does, Width included.
func run(t testing.TB, faces map[font.Role]font.Face, role font.Role, size, x, y, spacing float64, text string) layout.Run {
	t.Helper()
	face := faces[role]
	w, n := 0.0, 0
	for _, r := range text {
		a, ok := face.Advance(r)
		if !ok {
			t.Fatalf("test text: face %s (%s) lacks %q", face.Name(), role, r)
		}
		w += a * size
		n++
	}
	if n > 1 {
		w += spacing * float64(n-1)
	}
	return layout.Run{Role: role, Size: size, X: x, Y: y, Text: text, Spacing: spacing, Width: w}
}

func line(kind doc.Kind, runs ...layout.Run) layout.Line {
	return layout.Line{Kind: kind, Runs: runs}
}

// sample is a three-page document: title, headings, justified body lines
// (Tc ≠ 0) next to unjustified ones, two runs on one line, folios.
func sample(t testing.TB, faces map[font.Role]font.Face) *layout.Result {
	t.Helper()
	title := run(t, faces, font.RoleTitle, 22, 0, top+22, 0, "创先争优活动工作总结")
	title.X = left + (442.2-title.Width)/2
	h2 := run(t, faces, font.RoleHeading2, 15.75, left+31.5, top+22+4*lineGap, 0, "（一）组织会议。")
	var zero doc.Kind
	p1 := layout.Page{Number: 1, Lines: []layout.Line{
		line(zero, title),
		line(zero, run(t, faces, font.RoleHeading1, 15.75, left+31.5, top+22+2*lineGap, 0, "一、主要做法")),
		line(zero, run(t, faces, font.RoleBody, 15.75, left+31.5, top+22+3*lineGap, 0.35, "上不小天木，我局认真贯彻落实（要求）：")),
		line(zero, h2, run(t, faces, font.RoleBody, 15.75, h2.X+h2.Width, h2.Y, 0.125, "召开全体党员参加的汇报会")),
		line(zero, run(t, faces, font.RoleBody, 15.75, left, top+22+5*lineGap, 0, "2011年1月21日 (a\\b) 完成")),
		{Folio: true, Block: -1, Runs: []layout.Run{run(t, faces, font.RoleBody, 14, a4W-left-80, 800, 0, "— 1 —")}},
	}}
	p2 := layout.Page{Number: 2, Lines: []layout.Line{
		line(zero, run(t, faces, font.RoleBody, 15.75, left, top+22, 1.25, "点评既充分肯定成绩，")),
		line(zero, run(t, faces, font.RoleBody, 15.75, left, top+22+lineGap, -0.5, "又指出不足。")),
		line(zero, run(t, faces, font.RoleBody, 15.75, 300, top+22+3*lineGap, 0, "张家口县规划局")),
		{Folio: true, Block: -1, Runs: []layout.Run{run(t, faces, font.RoleBody, 14, left+14, 800, 0, "— 2 —")}},
	}}
	// Page 3 starts in the face and size page 2 ended with, so the writer
	// sets no font: the page must still carry its own Tf.
	p3 := layout.Page{Number: 3, Lines: []layout.Line{
		{Folio: true, Block: -1, Runs: []layout.Run{run(t, faces, font.RoleBody, 14, a4W-left-80, 800, 0, "— 3 —")}},
	}}
	return &layout.Result{Width: a4W, Height: a4H, Pages: []layout.Page{p1, p2, p3}}
}

func write(t testing.TB, r *layout.Result, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestRoundTrip(t *testing.T) {
	faces := roleFaces(t)
	r := sample(t, faces)
	b := write(t, r, Options{Faces: faces, Title: "创先争优活动工作总结", Created: created})

	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(r.Pages) {
		t.Fatalf("%d pages, want %d", len(pages), len(r.Pages))
	}
	for i, pg := range pages {
		if !near(pg.Width, a4W, 0.005) || !near(pg.Height, a4H, 0.005) {
			t.Errorf("page %d is %v × %v pt", i+1, pg.Width, pg.Height)
		}
		var runs []layout.Run
		for _, ln := range r.Pages[i].Lines {
			runs = append(runs, ln.Runs...)
		}
		if len(pg.Spans) != len(runs) {
			t.Fatalf("page %d: %d strings shown, want %d: %+v", i+1, len(pg.Spans), len(runs), pg.Spans)
		}
		for j, want := range runs {
			got := pg.Spans[j]
			if got.S != want.Text {
				t.Errorf("page %d run %d: text %q, want %q", i+1, j, got.S, want.Text)
			}
			// Positions are written to 0.001 pt; PDF y grows upward.
			if !near(got.X, want.X, 0.0005) || !near(got.Y, a4H-want.Y, 0.0005) {
				t.Errorf("page %d run %d %q: baseline (%v, %v), want (%v, %v)",
					i+1, j, want.Text, got.X, a4H-got.Y, want.X, want.Y)
			}
			if got.Size != want.Size {
				t.Errorf("page %d run %d: size %v, want %v", i+1, j, got.Size, want.Size)
			}
			if !subsetName.MatchString(got.Font) || got.Font[7:] != faces[want.Role].Name() {
				t.Errorf("page %d run %d: font %q, want a subset of %q", i+1, j, got.Font, faces[want.Role].Name())
			}
			// Tc applied to this run and reset after a justified line.
			if got.CharSpacing != want.Spacing {
				t.Errorf("page %d run %d %q: Tc %v, want %v", i+1, j, want.Text, got.CharSpacing, want.Spacing)
			}
			// The PDF's advance is the run's width plus Tc after the last
			// glyph; widths in the PDF are rounded to 1/1000 em.
			n := float64(len([]rune(want.Text)))
			if !near(got.Width-want.Spacing, want.Width, n*want.Size/2000+0.001) {
				t.Errorf("page %d run %d %q: advance %v, want %v", i+1, j, want.Text, got.Width-want.Spacing, want.Width)
			}
		}
	}
	if !bytes.Contains(b, []byte("/CreationDate (D:20110121000000Z)")) ||
		!bytes.Contains(b, []byte("/ModDate (D:20110121000000Z)")) {
		t.Error("creation/modification date not taken from Options.Created")
	}
	if !bytes.Contains(b, []byte("/Producer (zongjie)")) {
		t.Error("producer not fixed")
	}
	// 创先… in UTF-16BE after a byte order mark.
	if !bytes.Contains(b, []byte("/Title <FEFF521B5148")) {
		t.Error("title not written as UTF-16BE with a BOM")
	}
}

func TestDeterministic(t *testing.T) {
	faces := roleFaces(t)
	r := sample(t, faces)
	opt := Options{Faces: faces, Title: "工作总结", Author: "张家口县规划局", Created: created}
	first := write(t, r, opt)
	// Concurrent writers share only read-only face tables and pools, and
	// map iteration order must not leak into the bytes.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := Write(&buf, r, opt); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, b := range outs {
		if !bytes.Equal(b, first) {
			t.Fatalf("output %d differs from the first (%d vs %d bytes)", i, len(b), len(first))
		}
	}
	// Same faces under a fresh map: registration order comes from roles.
	faces2 := map[font.Role]font.Face{}
	for i := len(font.Roles) - 1; i >= 0; i-- {
		faces2[font.Roles[i]] = faces[font.Roles[i]]
	}
	opt.Faces = faces2
	if b := write(t, r, opt); !bytes.Equal(b, first) {
		t.Fatal("output depends on the Faces map instance")
	}
	// The subset cache changes nothing: a write that finds every subset
	// kept (above) equals one that finds none.
	subsets.Lock()
	hits := len(subsets.m)
	subsets.m, subsets.size = nil, 0
	subsets.Unlock()
	if hits == 0 {
		t.Error("no subset was kept")
	}
	if b := write(t, r, opt); !bytes.Equal(b, first) {
		t.Fatal("output depends on the subset cache")
	}
	// An empty bytes.Buffer gets the document made in it; any other
	// writer, a buffer holding text already included, the same bytes.
	held := bytes.NewBufferString("held")
	if err := Write(held, r, opt); err != nil || !bytes.Equal(held.Bytes(), append([]byte("held"), first...)) {
		t.Errorf("into a buffer holding text: %v, %d bytes", err, held.Len())
	}
	var w struct{ bytes.Buffer } // an io.Writer, not a *bytes.Buffer
	if err := Write(&w, r, opt); err != nil || !bytes.Equal(w.Bytes(), first) {
		t.Errorf("into another writer: %v, %d bytes", err, w.Len())
	}
}

var length1 = regexp.MustCompile(`/Length1 (\d+)`)

func TestSubset(t *testing.T) {
	faces := roleFaces(t)
	b := write(t, sample(t, faces), Options{Faces: faces, Created: created})
	if len(b) > 150<<10 {
		t.Errorf("PDF is %d bytes; subsetting should keep it far below 150 KiB", len(b))
	}
	ms := length1.FindAllSubmatch(b, -1)
	distinct := map[string]bool{} // the sample uses every role's face, no fallback
	for _, r := range font.Roles {
		distinct[faces[r].Name()] = true
	}
	if len(ms) != len(distinct) {
		t.Errorf("%d embedded font files, want %d (one per distinct face)", len(ms), len(distinct))
	}
	for _, m := range ms {
		n, _ := strconv.Atoi(string(m[1]))
		// A few dozen glyphs: tens of KiB at most, against MiBs of source.
		if n > 100<<10 {
			t.Errorf("embedded font program is %d bytes: not subset", n)
		}
	}
}

func TestSharedFace(t *testing.T) {
	faces := roleFaces(t)
	body := faces[font.RoleBody]
	shared := map[font.Role]font.Face{}
	for _, ro := range font.Roles {
		shared[ro] = body
	}
	shared["fallback"] = body
	r := sample(t, shared)
	r.Pages[1].Lines[2].Runs[0].Role = "fallback"
	b := write(t, r, Options{Faces: shared, Created: created})
	if n := bytes.Count(b, []byte("/Subtype /Type0")); n != 1 {
		t.Errorf("%d Type0 fonts for one shared face, want 1", n)
	}
	txt, err := pdftext.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt, "张家口县规划局") {
		t.Errorf("fallback-role run missing from %q", txt)
	}
}

func TestErrors(t *testing.T) {
	faces := roleFaces(t)
	body := faces[font.RoleBody]
	lacks := rune(0)
	for r := rune(0x4E00); r < 0xA000; r++ {
		if _, ok := body.Advance(r); !ok {
			lacks = r
			break
		}
	}
	page := func(runs ...layout.Run) *layout.Result {
		return &layout.Result{Width: a4W, Height: a4H, Pages: []layout.Page{{Number: 1, Lines: []layout.Line{{Runs: runs}}}}}
	}
	okRun := layout.Run{Role: font.RoleBody, Size: 15.75, X: 80, Y: 100, Text: "工作"}
	cases := []struct {
		name string
		r    *layout.Result
		opt  Options
		want string
	}{
		{"nil", nil, Options{Faces: faces}, "no pages"},
		{"no pages", &layout.Result{Width: a4W, Height: a4H}, Options{Faces: faces}, "no pages"},
		{"page size", &layout.Result{Pages: page(okRun).Pages}, Options{Faces: faces}, "page size"},
		{"no face", page(okRun), Options{}, `no face for role "body"`},
		{"size", page(layout.Run{Role: font.RoleBody, Text: "工作"}), Options{Faces: faces}, "font size"},
		{"astral", page(layout.Run{Role: font.RoleBody, Size: 15, Text: "𠮷野"}), Options{Faces: faces}, "U+20BB7"},
		{"broken CFF face", page(okRun), Options{Faces: map[font.Role]font.Face{font.RoleBody: dataFace{body, []byte("OTTO00000000")}}}, "字体数据已损坏"},
		{"no data", page(okRun), Options{Faces: map[font.Role]font.Face{font.RoleBody: dataFace{body, nil}}}, "no font data"},
	}
	if lacks == 0 {
		t.Fatal("the body face covers all of U+4E00–U+9FFF; pick another missing character")
	}
	cases = append(cases, struct {
		name string
		r    *layout.Result
		opt  Options
		want string
	}{"missing glyph", page(layout.Run{Role: font.RoleBody, Size: 15, Text: "工" + string(lacks)}), Options{Faces: faces}, "no glyph"})
	for _, c := range cases {
		var buf bytes.Buffer
		err := Write(&buf, c.r, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written despite the error", c.name, buf.Len())
		}
	}
}

func TestZeroCreated(t *testing.T) {
	faces := roleFaces(t)
	b := write(t, sample(t, faces), Options{Faces: faces})
	if !bytes.Contains(b, []byte("/CreationDate (D:19700101000000Z)")) {
		t.Error("zero Created should give a fixed date, not the clock")
	}
}

var word = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestPdftotext checks the PDF with an independent reader when poppler's
// pdftotext is installed (apt-get install poppler-utils).
func TestPdftotext(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH")
	}
	faces := roleFaces(t)
	r := sample(t, faces)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, write(t, r, Options{Faces: faces, Created: created}), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-bbox-layout", in, "-").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("pdftotext: %v: %s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	type box struct {
		x0, y0, x1, y1 float64
		s              string
	}
	var words []box
	var all strings.Builder
	for _, m := range word.FindAllStringSubmatch(string(out), -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		s := html.UnescapeString(m[5])
		words = append(words, box{v[0], v[1], v[2], v[3], s})
		all.WriteString(s)
	}
	for _, pg := range r.Pages {
		for _, ln := range pg.Lines {
			for _, ru := range ln.Runs {
				if !strings.Contains(all.String(), strings.ReplaceAll(ru.Text, " ", "")) {
					t.Errorf("pdftotext lost %q; got %q", ru.Text, all.String())
				}
			}
		}
	}
	// The title is one word: its box starts at the run's x and its top is
	// the baseline minus the face's ascent.
	title := r.Pages[0].Lines[0].Runs[0]
	for _, w := range words {
		if w.s != title.Text {
			continue
		}
		top := title.Y - faces[font.RoleTitle].Ascent()*title.Size
		if !near(w.x0, title.X, 0.5) || !near(w.y0, top, 0.5) || !near(w.x1, title.X+title.Width, 0.5) {
			t.Errorf("title box x %v–%v top %v, want x %v–%v top %v", w.x0, w.x1, w.y0, title.X, title.X+title.Width, top)
		}
		return
	}
	t.Errorf("no pdftotext word %q", title.Text)
}

// TestDeflate: both ways of compressing give zlib streams that a reader we
// did not write inflates back to the input (header, Adler-32 and all),
// from empty to inputs of several deflate blocks.
func TestDeflate(t *testing.T) {
	faces := roleFaces(t)
	prog := faces[font.RoleBody].Bytes()
	inputs := map[string][]byte{
		"empty":        nil,
		"short":        []byte("BT /F1 16 Tf 1 0 0 1 79.37 700 Tm <0001> Tj ET"),
		"text":         []byte(strings.Repeat("按照县委创先争优活动领导小组的通知要求，局党组高度重视。", 3000)),
		"font program": prog[:min(len(prog), 200<<10)],
	}
	for name, in := range inputs {
		for _, huffmanOnly := range []bool{false, true} {
			z := deflateBytes(in, huffmanOnly)
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatalf("%s (Huffman only %v): %v", name, huffmanOnly, err)
			}
			out, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%s (Huffman only %v): %v", name, huffmanOnly, err)
			}
			if !bytes.Equal(out, in) {
				t.Errorf("%s (Huffman only %v): %d bytes in, %d out", name, huffmanOnly, len(in), len(out))
			}
			if len(in) > 1000 && len(z) >= len(in) {
				t.Errorf("%s (Huffman only %v): %d bytes deflated to %d", name, huffmanOnly, len(in), len(z))
			}
		}
	}
}
