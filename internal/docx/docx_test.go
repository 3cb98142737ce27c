package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/doc"
)

var created = time.Date(2011, 1, 21, 0, 0, 0, 0, time.UTC)

func sampleDoc() *doc.Document {
	return &doc.Document{Blocks: []doc.Block{
		{Kind: doc.Title, Text: "创先争优活动领导点评工作总结"},
		{Kind: doc.Subtitle, Text: "（讨论稿）", Lines: []string{"（讨论稿）"}},
		{Kind: doc.Paragraph, Text: "按照要求，现将有关情况总结如下。"},
		{Kind: doc.Heading1, Text: "一、点评方式灵活"},
		{Kind: doc.Heading2, Text: "（一）组织会议集中点评"},
		{Kind: doc.Heading3, Text: "1. 召开汇报会"},
		{Kind: doc.Paragraph, Text: "A&B <c> \"d\" 参与率100%"},
		{Kind: doc.Signature, Text: "张家口县规划局\n2011年1月21日", Lines: []string{"张家口县规划局", "2011年1月21日"}},
	}}
}

func write(t *testing.T, d *doc.Document, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parts(t *testing.T, data []byte) (*zip.Reader, map[string]string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := xml.Unmarshal(b, new(struct{})); err != nil && err != io.EOF {
			t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
		}
		m[f.Name] = string(b)
	}
	return z, m
}

// TestReadBack writes every kind of block and reads the paragraphs back
// with their style names, the text exactly as given, escapes included.
func TestReadBack(t *testing.T) {
	got, err := Read(write(t, sampleDoc(), Options{Title: "t", Created: created}))
	if err != nil {
		t.Fatal(err)
	}
	want := []Paragraph{
		{Style: "标题", Text: "创先争优活动领导点评工作总结"},
		{Style: "副标题", Text: "（讨论稿）"},
		{Style: "正文", Text: "按照要求，现将有关情况总结如下。"},
		{Style: "一级标题", Text: "一、点评方式灵活"},
		{Style: "二级标题", Text: "（一）组织会议集中点评"},
		{Style: "三级标题", Text: "1. 召开汇报会"},
		{Style: "正文", Text: "A&B <c> \"d\" 参与率100%"},
		{Style: "落款", Text: "张家口县规划局"},
		{Style: "成文日期", Text: "2011年1月21日"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back\n got %+v\nwant %+v", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	opt := Options{Title: "标题", Creator: "单位", Created: created}
	a, b := write(t, sampleDoc(), opt), write(t, sampleDoc(), opt)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes differ")
	}
	z, _ := parts(t, a)
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s modified %v, want the fixed %v", f.Name, f.Modified, zipTime)
		}
	}
	// [Content_Types].xml first, as Office writes it; the rest in a fixed order.
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
		"word/fontTable.xml", "word/footer1.xml", "word/footer2.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("parts %q, want %q", names, want)
	}
}

// TestPartCache: the shared parts are deflated once and then copied from
// the cache; a document written with the cache empty has the same bytes
// as one written from it, and each part's deflated bytes in the file are
// deflatePart's of its text.
func TestPartCache(t *testing.T) {
	opt := Options{Title: "标题", Creator: "单位", Created: created}
	partCache.mu.Lock()
	partCache.m = nil
	partCache.mu.Unlock()
	a := write(t, sampleDoc(), opt)
	partCache.mu.Lock()
	cached := maps.Clone(partCache.m)
	partCache.mu.Unlock()
	if len(cached) != 9 {
		t.Errorf("%d parts cached, want the 9 that do not depend on the document", len(cached))
	}
	b := write(t, sampleDoc(), opt)
	if !bytes.Equal(a, b) {
		t.Fatal("the document written from the cache differs from the one that filled it")
	}
	partCache.mu.Lock()
	for body, dp := range partCache.m {
		if cached[body] != dp {
			t.Errorf("part deflated again: %.60s…", body)
		}
	}
	partCache.mu.Unlock()

	z, p := parts(t, a)
	for _, f := range z.File {
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(r)
		want := deflatePart(p[f.Name])
		if !bytes.Equal(raw, want.z) || f.CRC32 != want.crc {
			t.Errorf("%s: %d deflated bytes (CRC %08x), want %d (%08x)", f.Name, len(raw), f.CRC32, len(want.z), want.crc)
		}
	}

	// Keyed by the text: another text is another entry.
	x, y := partCache.get("<a/>"), partCache.get("<b/>")
	if x == y || partCache.get("<a/>") != x {
		t.Error("the cache does not tell parts apart by their text")
	}
}

func attrOf(t *testing.T, xmlText, elem, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<` + elem + `\b[^>]*\b` + name + `="([^"]*)"`).FindStringSubmatch(xmlText)
	if m == nil {
		t.Fatalf("no %s with %s in %.200s…", elem, name, xmlText)
	}
	return m[1]
}

func twips(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return float64(v)
}

// TestPageSetup checks A4, the GB/T 9704 margins and the 22 × 28 grid
// from the twips in the file.
func TestPageSetup(t *testing.T) {
	_, p := parts(t, write(t, sampleDoc(), Options{}))
	body := p["word/document.xml"]
	mm := func(tw float64) float64 { return tw / 1440 * 25.4 }
	for _, c := range []struct {
		elem, attr string
		mm         float64
	}{
		{"w:pgSz", "w:w", 210}, {"w:pgSz", "w:h", 297},
		{"w:pgMar", "w:top", 37}, {"w:pgMar", "w:bottom", 35},
		{"w:pgMar", "w:left", 28}, {"w:pgMar", "w:right", 26},
	} {
		if got := mm(twips(t, attrOf(t, body, c.elem, c.attr))); got < c.mm-0.05 || got > c.mm+0.05 {
			t.Errorf("%s %s = %.2f mm, want %.0f", c.elem, c.attr, got, c.mm)
		}
	}
	if g := attrOf(t, body, "w:docGrid", "w:type"); g != "linesAndChars" {
		t.Errorf("docGrid type %q", g)
	}
	// 22 lines of linePitch fill the 225 mm block; a 23rd does not.
	pitch := twips(t, attrOf(t, body, "w:docGrid", "w:linePitch"))
	textH := (297.0 - 37 - 35) / 25.4 * 1440
	if n := int(textH / pitch); n != 22 {
		t.Errorf("linePitch %v gives %d lines a page, want 22", pitch, n)
	}
	// charSpace is the pitch less the Normal style's 16 pt, in 1/4096 pt:
	// 28 characters fill the 156 mm line, 29 do not.
	cs := twips(t, attrOf(t, body, "w:docGrid", "w:charSpace"))
	charPt := 16 + cs/4096
	lineW := (twips(t, attrOf(t, body, "w:pgSz", "w:w")) - twips(t, attrOf(t, body, "w:pgMar", "w:left")) -
		twips(t, attrOf(t, body, "w:pgMar", "w:right"))) / 20
	if n := int(lineW / charPt); n != 28 {
		t.Errorf("charSpace %v gives %.3f pt characters, %d a line, want 28", cs, charPt, n)
	}
	if !strings.Contains(p["word/settings.xml"], "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml does not ask for different odd and even footers")
	}
}

// TestFooters: "— PAGE —" in 四号 宋体, odd pages right, even pages left,
// one character in from the edge.
func TestFooters(t *testing.T) {
	_, p := parts(t, write(t, sampleDoc(), Options{}))
	body, rels := p["word/document.xml"], p["word/_rels/document.xml.rels"]
	for _, c := range []struct{ typ, side string }{{"default", "right"}, {"even", "left"}} {
		id := regexp.MustCompile(`<w:footerReference w:type="` + c.typ + `" r:id="(\w+)"/>`).FindStringSubmatch(body)
		if id == nil {
			t.Fatalf("no %s footer reference", c.typ)
		}
		target := regexp.MustCompile(`Id="` + id[1] + `"[^>]*Target="([^"]+)"`).FindStringSubmatch(rels)
		if target == nil {
			t.Fatalf("no relationship %s", id[1])
		}
		ftr := p["word/"+target[1]]
		if jc := attrOf(t, ftr, "w:jc", "w:val"); jc != c.side {
			t.Errorf("%s footer aligned %s, want %s", c.typ, jc, c.side)
		}
		if in := attrOf(t, ftr, "w:ind", "w:"+c.side); in != "280" {
			t.Errorf("%s footer indent %s twips, want 280 (one 14 pt character)", c.typ, in)
		}
		text := regexp.MustCompile(`<w:(?:t|instrText)[^>]*>([^<]*)<`).FindAllStringSubmatch(ftr, -1)
		var s strings.Builder
		for _, m := range text {
			s.WriteString(m[1])
		}
		if s.String() != "—  PAGE 1 —" {
			t.Errorf("%s footer reads %q", c.typ, s.String())
		}
	}
	folio := styleXML(t, p["word/styles.xml"], "页码")
	if !strings.Contains(folio, `w:eastAsia="宋体"`) || !strings.Contains(folio, `<w:sz w:val="28"/>`) {
		t.Errorf("页码 style is not 四号 宋体: %s", folio)
	}
}

// styleXML returns the w:style element named name.
func styleXML(t *testing.T, styles, name string) string {
	t.Helper()
	for _, s := range strings.Split(styles, "<w:style ")[1:] {
		if strings.Contains(s, `<w:name w:val="`+name+`"/>`) {
			return s
		}
	}
	t.Fatalf("no style %s", name)
	return ""
}

// TestStyles: the named styles carry the GB/T 9704 fonts and sizes, the
// indent, justification, keep-with-next and widow control.
func TestStyles(t *testing.T) {
	_, p := parts(t, write(t, sampleDoc(), Options{}))
	styles := p["word/styles.xml"]
	for _, c := range []struct {
		name, font string
		sz         string // half-points; "" inherits 三号 from the defaults
		has        []string
	}{
		{"标题", "方正小标宋简体", "44", []string{`<w:jc w:val="center"/>`, "<w:keepNext/>"}},
		{"一级标题", "黑体", "", []string{"<w:keepNext/>", `w:firstLineChars="200"`, `<w:outlineLvl w:val="0"/>`}},
		{"二级标题", "楷体_GB2312", "", []string{"<w:keepNext/>", `w:firstLineChars="200"`, `<w:outlineLvl w:val="1"/>`}},
		{"正文", "仿宋_GB2312", "", []string{"<w:widowControl/>", `w:firstLineChars="200"`, `<w:jc w:val="both"/>`}},
		{"落款", "仿宋_GB2312", "", []string{"<w:keepNext/>", `<w:jc w:val="right"/>`, `w:rightChars="200"`}},
	} {
		s := styleXML(t, styles, c.name)
		if !strings.Contains(s, `w:eastAsia="`+c.font+`"`) {
			t.Errorf("%s: not in %s: %s", c.name, c.font, s)
		}
		if c.sz != "" && !strings.Contains(s, `<w:sz w:val="`+c.sz+`"/>`) {
			t.Errorf("%s: size is not %s half-points", c.name, c.sz)
		}
		for _, h := range c.has {
			if !strings.Contains(s, h) {
				t.Errorf("%s lacks %s", c.name, h)
			}
		}
	}
	if !strings.Contains(styles, `<w:sz w:val="32"/>`) || !strings.Contains(styles, "<w:pPrDefault><w:pPr><w:widowControl/>") {
		t.Error("defaults are not 三号 with widow control")
	}
	// The document's paragraphs name styles and carry no fonts of their own.
	if strings.Contains(p["word/document.xml"], "<w:rPr>") {
		t.Error("document.xml has direct run formatting")
	}
	fonts := p["word/fontTable.xml"]
	for _, f := range [][2]string{{"仿宋_GB2312", "仿宋"}, {"楷体_GB2312", "楷体"}, {"黑体", "SimHei"}, {"方正小标宋简体", "宋体"}} {
		if !strings.Contains(fonts, `<w:font w:name="`+f[0]+`"><w:altName w:val="`+f[1]+`"/>`) {
			t.Errorf("fontTable.xml does not declare %s as the fallback of %s", f[1], f[0])
		}
	}
}

func TestCoreProperties(t *testing.T) {
	_, p := parts(t, write(t, sampleDoc(), Options{Title: "创先争优 & 点评", Creator: "张家口县规划局", Subject: "领导点评", Created: created}))
	core := p["docProps/core.xml"]
	for _, want := range []string{
		"<dc:title>创先争优 &amp; 点评</dc:title>",
		"<dc:creator>张家口县规划局</dc:creator>",
		"<dc:subject>领导点评</dc:subject>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2011-01-21T00:00:00Z</dcterms:created>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, core)
		}
	}
}

// TestSignature places the name 2 characters from the right edge and the
// date 2 characters right of the name's start, or, when the date is the
// longer, the date 2 characters from the edge and the name centred over it.
func TestSignature(t *testing.T) {
	ind := regexp.MustCompile(`<w:pStyle w:val="(ZJSignature|ZJDate)"/>(?:<w:ind w:right="(-?\d+)" w:rightChars="(-?\d+)"/>)?`)
	rightChars := func(name, date string) (float64, float64) {
		d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"},
			{Kind: doc.Signature, Text: name + "\n" + date, Lines: []string{name, date}}}}
		_, p := parts(t, write(t, d, Options{}))
		ms := ind.FindAllStringSubmatch(p["word/document.xml"], -1)
		if len(ms) != 2 {
			t.Fatalf("%d signature paragraphs", len(ms))
		}
		var r [2]float64
		for i, m := range ms {
			r[i] = 2 // the style's
			if m[3] != "" {
				r[i] = twips(t, m[3]) / 100
				// Whole cells of LibreOffice's grid (315 twips), which
				// are within Word's (8845/28 = 315.9).
				if w, cell := twips(t, m[2]), 315.0; w > r[i]*cell || w < r[i]*cell-1 {
					t.Errorf("right indent %v twips for %v characters of %.1f twips", w, r[i], cell)
				}
			}
		}
		return r[0], r[1]
	}
	// 张家口县规划局 is 7 characters; 2011年1月21日 is 3 + 7 halves = 6.5.
	n, d := rightChars("张家口县规划局", "2011年1月21日")
	if n != 2 || d != 0.5 {
		t.Errorf("short date: name %v, date %v characters from the edge, want 2 and 0.5", n, d)
	}
	// The date starts 2 characters right of the name's start.
	if start := func(r, w float64) float64 { return 28 - r - w }; start(d, 6.5) != start(n, 7)+2 {
		t.Errorf("date starts at %v, name at %v", start(d, 6.5), start(n, 7))
	}
	n, d = rightChars("第一党支部", "2026年11月20日")
	// name 5, date 3 + 8 halves = 7: date at the edge, name centred over it.
	if d != 2 || n != 3 {
		t.Errorf("long date: name %v, date %v characters from the edge, want 3 and 2", n, d)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a&b<c>\"d\"\x01\x0b\t": "a&amp;b&lt;c&gt;&quot;d&quot;\t",
		"参与率100%\n第二行\r\t":      "参与率100%\n第二行\r\t", // nothing to escape
		"非字符\uFFFE\uFFFF在此":     "非字符在此",
		"坏\xe5\x8f字节\xff":       "坏\uFFFD\uFFFD字节\uFFFD",
		"":                      "",
	} {
		if got := esc(in); got != want {
			t.Errorf("esc(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkWrite writes a four-page summary's worth of blocks.
func BenchmarkWrite(b *testing.B) {
	d := &doc.Document{}
	d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Title, Text: "创先争优活动领导点评工作总结"})
	para := strings.Repeat("按照县委创先争优活动领导小组的通知要求，局党组把领导点评作为重要抓手，", 4)
	for range 20 {
		d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Heading2, Text: "（一）组织会议集中点评"}, doc.Block{Kind: doc.Paragraph, Text: para})
	}
	d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Signature, Text: "张家口县规划局\n2011年1月21日", Lines: []string{"张家口县规划局", "2011年1月21日"}})
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, d, Options{Title: "t", Created: created}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}

// TestTableXML: the header row alone repeats on every page, no row splits,
// rules all round, numbers right-aligned, the columns fill the text block.
func TestTableXML(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"},
		{Kind: doc.Table, Text: "表题", Table: &doc.TableData{
			Header: []string{"支部", "党员"}, Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
			Rows: [][]string{{"第一党支部", "32"}, {"第二党支部", "28"}}}}}}
	_, p := parts(t, write(t, d, Options{}))
	body := p["word/document.xml"]
	if n := strings.Count(body, "<w:tblHeader/>"); n != 1 || !strings.Contains(body, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>") {
		t.Errorf("%d rows marked as header; want the first only", n)
	}
	if n := strings.Count(body, "<w:cantSplit/>"); n != 3 {
		t.Errorf("%d rows kept whole, want 3", n)
	}
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		if !strings.Contains(body, "<w:"+side+` w:val="single"`) {
			t.Errorf("no %s rule", side)
		}
	}
	if strings.Count(body, `<w:jc w:val="right"/>`) != 2 {
		t.Error("the number column is not right-aligned in both rows")
	}
	sum := 0
	for _, m := range regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	if sum != 8845 {
		t.Errorf("columns add up to %d twips, want the text block's 8845", sum)
	}
}

// TestReportXML: 附件说明's numbers align (hanging indents), the 版记 is a
// table floated to the bottom of the text block with thick rules above and
// below and a thin one between 抄送 and 印发.
func TestReportXML(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{{Kind: doc.Title, Text: "标题"},
		{Kind: doc.Recipient, Text: "县委：", Lines: []string{"县委："}},
		{Kind: doc.Attachments, Text: "附件：1. 统计表\n2. 方案", Lines: []string{"附件：1. 统计表", "2. 方案"}},
		{Kind: doc.Imprint, Text: "抄送：县委组织部。\n县规划局办公室\n2011年1月21日印发", Lines: []string{"抄送：县委组织部。", "县规划局办公室", "2011年1月21日印发"}}}}
	_, p := parts(t, write(t, d, Options{}))
	body := p["word/document.xml"]
	ind := regexp.MustCompile(`<w:pStyle w:val="ZJAttachments"/><w:ind w:left="(\d+)" w:leftChars="(\d+)" w:hanging="(\d+)" w:hangingChars="(\d+)"/>`).FindAllStringSubmatch(body, -1)
	if len(ind) != 2 {
		t.Fatalf("%d 附件说明 paragraphs with indents", len(ind))
	}
	// Both names start at the same place; the first line starts 2
	// characters in (附件：), the second under 1. (3 characters further).
	if ind[0][2] != ind[1][2] {
		t.Errorf("names start at %s and %s hundredths of a character", ind[0][2], ind[1][2])
	}
	left, _ := strconv.Atoi(ind[0][2])
	h0, _ := strconv.Atoi(ind[0][4])
	h1, _ := strconv.Atoi(ind[1][4])
	if left-h0 != 200 || left-h1 != 500 {
		t.Errorf("附件 at %d and 2. at %d hundredths of a character, want 200 and 500", left-h0, left-h1)
	}
	if !strings.Contains(body, `w:tblpYSpec="bottom"`) || !strings.Contains(body, `w:vertAnchor="margin"`) {
		t.Error("the 版记 is not floated to the bottom of the text block")
	}
	if !strings.Contains(body, `<w:top w:val="single" w:sz="8"`) || !strings.Contains(body, `<w:bottom w:val="single" w:sz="8"`) || !strings.Contains(body, `<w:insideH w:val="single" w:sz="6"`) {
		t.Error("the 版记's rules are not thick, thick and thin")
	}
	ps, err := Read(write(t, d, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	want := []Paragraph{{Style: "标题", Text: "标题"}, {Style: "主送机关", Text: "县委："},
		{Style: "附件说明", Text: "附件：1. 统计表"}, {Style: "附件说明", Text: "2. 方案"},
		{Style: "版记", Text: "抄送：县委组织部。", Cell: true}, {Style: "版记", Text: "县规划局办公室\t2011年1月21日印发", Cell: true},
		{Style: "版记"}}
	if !slices.Equal(ps, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", ps, want)
	}
}
