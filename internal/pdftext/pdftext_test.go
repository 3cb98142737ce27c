package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"github.com/zongjie/zongjie/fonts"
)

// cjkFont returns the project's embedded body face (a CJK TrueType subset).
func cjkFont(t testing.TB) []byte {
	t.Helper()
	_, b := fonts.Default("body")
	if b == nil {
		t.Fatal("no embedded body font")
	}
	return b
}

func newDoc() *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595.28, Ht: 841.89}})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	pdf.SetAutoPageBreak(false, 0)
	return pdf
}

func output(t *testing.T, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestCoreFont(t *testing.T) {
	for _, compress := range []bool{true, false} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			pdf := newDoc()
			pdf.SetCompression(compress)
			pdf.AddPage()
			pdf.SetFont("Helvetica", "", 12)
			pdf.Text(72, 100, `Hello (world) \ back\slash ((nested)`)
			pdf.RawWriteStr("1.500 Tc")
			pdf.SetFont("Courier", "", 10)
			pdf.Text(80.5, 200.25, "spaced)")
			pdf.RawWriteStr("0 Tc")
			pdf.AddPageFormat("L", fpdf.SizeType{Wd: 200, Ht: 300})
			pdf.SetFont("Helvetica", "", 9)
			pdf.Text(10, 20, "second page")
			b := output(t, pdf)

			pages, err := Pages(b)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 {
				t.Fatalf("got %d pages, want 2", len(pages))
			}
			p1 := pages[0]
			if !near(p1.Width, 595.28, 0.01) || !near(p1.Height, 841.89, 0.01) {
				t.Errorf("page 1 size %v×%v", p1.Width, p1.Height)
			}
			want := []Span{
				{X: 72, Y: 841.89 - 100, Size: 12, Font: "Helvetica", S: `Hello (world) \ back\slash ((nested)`},
				{X: 80.5, Y: 841.89 - 200.25, Size: 10, Font: "Courier", CharSpacing: 1.5, S: "spaced)"},
			}
			if len(p1.Spans) != len(want) {
				t.Fatalf("page 1 spans %+v", p1.Spans)
			}
			for i, w := range want {
				g := p1.Spans[i]
				if g.S != w.S || g.Font != w.Font || g.Size != w.Size || g.CharSpacing != w.CharSpacing ||
					!near(g.X, w.X, 0.006) || !near(g.Y, w.Y, 0.006) {
					t.Errorf("span %d = %+v, want %+v", i, g, w)
				}
			}
			// Landscape: fpdf swaps the given size.
			p2 := pages[1]
			if !near(p2.Width, 300, 0.01) || !near(p2.Height, 200, 0.01) {
				t.Errorf("page 2 size %v×%v", p2.Width, p2.Height)
			}
			if len(p2.Spans) != 1 || p2.Spans[0].S != "second page" || !near(p2.Spans[0].Y, 180, 0.006) {
				t.Errorf("page 2 spans %+v", p2.Spans)
			}

			txt, err := Text(b)
			if err != nil {
				t.Fatal(err)
			}
			if w := "Hello (world) \\ back\\slash ((nested)\nspaced)\fsecond page"; txt != w {
				t.Errorf("Text = %q, want %q", txt, w)
			}
		})
	}
}

func TestUTF8Font(t *testing.T) {
	ttf := cjkFont(t)
	pdf := newDoc()
	pdf.AddUTF8FontFromBytes("body", "", ttf)
	pdf.AddPage()
	pdf.SetFont("body", "", 15.75)
	// 上 U+4E0A has a raw \n byte, 不 U+4E0D a \r, 小 U+5C0F a backslash,
	// 木 U+6728 a '(' and 天 U+5929 a ')': fpdf escapes all but \n.
	lines := []string{
		"上不小天木",
		"2011年1月21日（一）、(括号) \\ 反斜杠",
		"工作总结：完成了“三个一”任务。",
	}
	for i, s := range lines {
		if i == 1 {
			pdf.RawWriteStr("0.750 Tc")
		}
		pdf.Text(79.37, 104.88+float64(i)*29.6, s)
		if i == 1 {
			pdf.RawWriteStr("0 Tc")
		}
	}
	b := output(t, pdf)
	if !bytes.Contains(b, []byte("<0000> <FFFF> <0000>")) {
		t.Error("fpdf no longer writes the identity ToUnicode range this package was checked against")
	}
	pages, err := Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].Spans) != len(lines) {
		t.Fatalf("pages %+v", pages)
	}
	for i, sp := range pages[0].Spans {
		if sp.S != lines[i] {
			t.Errorf("span %d = %q, want %q", i, sp.S, lines[i])
		}
		if sp.Font != "utf8body" || sp.Size != 15.75 {
			t.Errorf("span %d font %q size %v", i, sp.Font, sp.Size)
		}
		if !near(sp.X, 79.37, 0.006) || !near(sp.Y, 841.89-104.88-float64(i)*29.6, 0.006) {
			t.Errorf("span %d at (%v, %v)", i, sp.X, sp.Y)
		}
		tc := 0.0
		if i == 1 {
			tc = 0.75
		}
		if sp.CharSpacing != tc {
			t.Errorf("span %d Tc %v, want %v", i, sp.CharSpacing, tc)
		}
		// Widths come from the /W array fpdf writes; compare with fpdf's
		// own measure plus Tc after every character.
		pdf.SetFont("body", "", 15.75)
		want := pdf.GetStringWidth(lines[i]) + tc*float64(len([]rune(lines[i])))
		if !near(sp.Width, want, 0.05) {
			t.Errorf("span %d width %v, want %v", i, sp.Width, want)
		}
	}
	txt, err := Text(b)
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(lines, "\n"); txt != w {
		t.Errorf("Text = %q, want %q", txt, w)
	}
}

// handPDF assembles a PDF from a content stream and extra objects, the way
// other producers write: fonts with bfchar CMaps, TJ arrays, matrices.
func handPDF(content string, compress bool) []byte {
	var objs []string
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
	)
	data := content
	filter := ""
	if compress {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		zw.Write([]byte(content))
		zw.Close()
		data = buf.String()
		filter = "/Filter /FlateDecode "
	}
	objs = append(objs, fmt.Sprintf("<< %s/Length %d >>\nstream\n%s\nendstream", filter, len(data), data))
	objs = append(objs,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times#20Roman /FirstChar 32 /LastChar 126 /Widths 8 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Demo /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 9 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /DW 500 /W [1 [1000 900] 3 5 600] >>",
	)
	var w strings.Builder
	w.WriteString("[")
	for c := 32; c <= 126; c++ {
		fmt.Fprintf(&w, " %d", 250)
	}
	w.WriteString(" ]")
	objs = append(objs, w.String())
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"2 beginbfchar\n<0001> <5DE5>\n<0002> <4F5C>\nendbfchar\n" +
		"1 beginbfrange\n<0003> <0004> [<603B> <7ED3>]\nendbfrange\n" +
		"1 beginbfrange\n<0005> <0006> <D83DDE00>\nendbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cm), cm))

	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	for i, o := range objs {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	b.WriteString("trailer\n<< /Size 10 /Root 1 0 R >>\n%%EOF\n")
	return []byte(b.String())
}

func TestOperators(t *testing.T) {
	content := `% a comment
q 1 0 0 1 10 5 cm
BT /F1 10 Tf 20 30 Td (ab) Tj 12 TL T* [(c) -1000 (d)] TJ
2 Tc (e) ' 0 Tc 1 0.5 (f g) " ET
Q
BT /F2 20 Tf 2 0 0 2 50 60 Tm <0001 0002> Tj
0 -10 TD <0003000400050006> Tj ET
BI /W 1 /H 1 /BPC 8 /CS /G ID ` + "\x00EI\xffEI" + ` EI
BT /F1 8 Tf 3 Ts 1 1 Td (\101\102\1033\(\)\\x\
y) Tj ET`
	for _, compress := range []bool{false, true} {
		pages, err := Pages(handPDF(content, compress))
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 1 || pages[0].Width != 200 || pages[0].Height != 100 {
			t.Fatalf("pages %+v", pages)
		}
		want := []Span{
			{X: 30, Y: 35, Size: 10, Font: "Times Roman", Width: 5, S: "ab"},
			{X: 30, Y: 23, Size: 10, Font: "Times Roman", Width: 15, S: "cd"},
			{X: 30, Y: 11, Size: 10, Font: "Times Roman", CharSpacing: 2, Width: 4.5, S: "e"},
			{X: 30, Y: -1, Size: 10, Font: "Times Roman", CharSpacing: 0.5, Width: 2.5*3 + 1.5 + 1, S: "f g"},
			{X: 50, Y: 60, Size: 20, Font: "ABCDEF+Demo", Width: 2 * (20 + 18), S: "工作"},
			{X: 50, Y: 40, Size: 20, Font: "ABCDEF+Demo", Width: 2 * (3*12 + 10), S: "总结😀😁"},
			{X: 1, Y: 4, Size: 8, Font: "Times Roman", Width: 9 * 2, S: "ABC3()\\xy"},
		}
		got := pages[0].Spans
		if len(got) != len(want) {
			t.Fatalf("got %d spans: %+v", len(got), got)
		}
		for i, w := range want {
			g := got[i]
			if g.S != w.S || g.Font != w.Font || g.Size != w.Size || g.CharSpacing != w.CharSpacing ||
				!near(g.X, w.X, 1e-9) || !near(g.Y, w.Y, 1e-9) || !near(g.Width, w.Width, 1e-9) {
				t.Errorf("span %d = %+v\nwant %+v", i, g, w)
			}
		}
	}
}

func TestLiteralStrings(t *testing.T) {
	cases := map[string]string{
		`(plain)`:               "plain",
		`(a(b)c)`:               "a(b)c",
		`(\(\)\\)`:              `()\`,
		`(\n\r\t\b\f)`:          "\n\r\t\b\f",
		`(\0533\7)`:             "+3\a",
		"(line\r\nbreak\rx)":    "line\nbreak\nx",
		"(cont\\\r\ninued\\\n)": "continued",
		`(\q)`:                  "q",
		`<48 65 6c6C 6>`:        "Hell`",
	}
	for in, want := range cases {
		l := &lexer{b: []byte(in)}
		o, err := l.object(false)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if s, _ := o.([]byte); string(s) != want {
			t.Errorf("%q = %q, want %q", in, s, want)
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := Pages([]byte("hello")); err == nil {
		t.Error("no error for a non-PDF")
	}
	if _, err := Pages([]byte("%PDF-1.4\n")); err == nil {
		t.Error("no error for a PDF without objects")
	}
	bad := handPDF("BT", false)
	bad = bytes.Replace(bad, []byte("/Length 2 >>"), []byte("/Filter /LZWDecode /Length 2 >>"), 1)
	if _, err := Pages(bad); err == nil || !strings.Contains(err.Error(), "LZWDecode") {
		t.Errorf("unsupported filter: err = %v", err)
	}
}

func TestFonts(t *testing.T) {
	fonts, err := Fonts(handPDF("BT ET", false))
	if err != nil {
		t.Fatal(err)
	}
	want := []Font{
		{BaseFont: "Times Roman", Subtype: "Type1"},
		{BaseFont: "ABCDEF+Demo", Subtype: "Type0", Descendant: "CIDFontType2", ToUnicode: true},
	}
	if len(fonts) != len(want) {
		t.Fatalf("fonts %+v", fonts)
	}
	for i, w := range want {
		if g := fonts[i]; g.BaseFont != w.BaseFont || g.Subtype != w.Subtype || g.Descendant != w.Descendant ||
			g.ToUnicode != w.ToUnicode || g.Program != nil {
			t.Errorf("font %d = %+v, want %+v", i, g, w)
		}
	}

	// fpdf embeds a compressed TrueType subset under the CIDFont's
	// descriptor; two pages share the font and it is listed once.
	pdf := newDoc()
	pdf.AddUTF8FontFromBytes("body", "", cjkFont(t))
	for range 2 {
		pdf.AddPage()
		pdf.SetFont("body", "", 12)
		pdf.Text(72, 72, "工作总结")
	}
	fonts, err = Fonts(output(t, pdf))
	if err != nil {
		t.Fatal(err)
	}
	if len(fonts) != 1 {
		t.Fatalf("fonts %+v", fonts)
	}
	f := fonts[0]
	if f.BaseFont != "utf8body" || f.Descendant != "CIDFontType2" || !f.ToUnicode || f.Ascent != 850 || f.Descent != -150 { // the body face's hhea (朱雀仿宋)
		t.Errorf("font %+v", f)
	}
	sf, err := sfnt.Parse(f.Program)
	if err != nil {
		t.Fatalf("embedded program: %v", err)
	}
	var buf sfnt.Buffer
	if g, err := sf.GlyphIndex(&buf, '总'); err != nil || g == 0 {
		t.Errorf("embedded program lacks 总: %v", err)
	}
}
