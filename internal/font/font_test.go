package font

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/zongjie/zongjie/fonts"
)

// sample mixes what the default templates and a real fact sheet contain:
// official phrasing, paired and doubled punctuation, digits, names.
const sample = "创先争优活动领导点评工作总结，按照《关于……的通知》要求（〔2010〕13号）——参与率100%。" +
	"“五模范”、高峰、李润干、龙兴润城小区、涿鹿、崇礼"

func defaultSet(t testing.TB) map[Role]Face {
	t.Helper()
	set, err := DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestDefaultCoverage(t *testing.T) {
	set := defaultSet(t)
	extra := "·—‘’＂％×÷°№℃①Ⅻ　、。〇ÀéüāáǎàǖêΩя"
	// 朱雀仿宋 lacks a few office symbols; the other faces draw them.
	lacks := map[Role]string{RoleBody: "℃①Ⅻ"}
	for _, role := range Roles {
		f := set[role]
		for _, r := range sample + extra {
			_, ok := f.Advance(r)
			if want := !strings.ContainsRune(lacks[role], r); ok != want {
				t.Errorf("%s (%s): glyph for %q U+%04X %v, want %v", role, f.Name(), r, r, ok, want)
			}
			if _, ok := Fallback(set, role, r); !ok {
				t.Errorf("no face draws %q U+%04X", r, r)
			}
		}
	}
}

func TestDefaultNames(t *testing.T) {
	want := map[Role]string{
		RoleTitle:    "NotoSerifSC-Black", // the heaviest Song: 小标宋
		RoleHeading1: "NotoSansSC-Medium",
		RoleHeading2: "ZJKai-Regular",          // renamed: LXGW is a reserved font name
		RoleBody:     "ZhuqueFangsong-Regular", // 朱雀仿宋, built from source
	}
	set := defaultSet(t)
	for _, role := range Roles {
		f := set[role]
		if f.Name() != want[role] {
			t.Errorf("%s: Name() = %q, want %q", role, f.Name(), want[role])
		}
		if file := f.(*TrueType).File(); file != "zj-"+string(role)+".ttf" {
			t.Errorf("%s: File() = %q", role, file)
		}
	}
	if _, err := Default("footnote"); err == nil {
		t.Error("Default accepted an unknown role")
	}
}

func TestAdvance(t *testing.T) {
	set := defaultSet(t)
	for _, role := range Roles {
		f := set[role]
		for _, r := range "汉，。（" {
			if a, ok := f.Advance(r); !ok || a != 1.0 {
				t.Errorf("%s: Advance(%q) = %v, %v; want 1 em", role, r, a, ok)
			}
		}
		a, ok := f.Advance('a')
		if !ok || a <= 0.3 || a >= 1 {
			t.Errorf("%s: Advance('a') = %v, %v; want a proportional width in (0.3, 1)", role, a, ok)
		}
		if _, ok := f.Advance(0xE000); ok {
			t.Errorf("%s: claims a private-use glyph", role)
		}
		// 通用规范汉字表's characters beyond the BMP are in every face;
		// 𠀀 is in none of them (rare-ext has it).
		if a, ok := f.Advance(0x2C317); !ok || a != 1 {
			t.Errorf("%s: Advance(U+2C317 𬌗) = %v, %v; want 1 em", role, a, ok)
		}
		for _, r := range []rune{0x20000, -1, 0x110000} {
			if _, ok := f.Advance(r); ok {
				t.Errorf("%s: Advance(U+%X) reported a glyph", role, r)
			}
		}
	}
}

// TestRareFaces: the fallbacks have what the role faces lack (頔 is in
// neither GB 2312 nor 通用规范汉字表; 㐀 Extension A, 𠀀 Extension B, 﨑
// a compatibility ideograph) and nothing that charset.txt gives the role
// faces, so common text never lands in them.
func TestRareFaces(t *testing.T) {
	set := defaultSet(t)
	body := set[RoleBody]
	cases := []struct {
		r    rune
		role Role
	}{
		{'頔', RoleRare}, {'𬌗', RoleBody}, {'汉', RoleBody}, {'㐀', RoleRare}, {'䶵', RoleRare}, {'鿯', RoleRare},
		{'﨑', RoleRare}, {'𠀀', RoleRareExt},
	}
	for _, c := range cases {
		role, ok := Fallback(set, RoleBody, c.r)
		if !ok || role != c.role {
			t.Errorf("%q U+%04X: drawn from %q (%v), want %q", c.r, c.r, role, ok, c.role)
		}
	}
	for _, role := range RareRoles {
		lz := set[role].(*Lazy)
		tt, err := lz.Face()
		if err != nil {
			t.Fatal(err)
		}
		if lz.File() != "zj-"+string(role)+".ttf" || lz.Name() == "" || lz.Ascent() <= 0 {
			t.Errorf("%s: file %q name %q ascent %v", role, lz.File(), lz.Name(), lz.Ascent())
		}
		if _, err := lz.Glyphs(); err != nil {
			t.Error(err)
		}
		for r := range rune(0x10000) {
			if _, ok := tt.Advance(r); ok {
				if _, common := body.Advance(r); common {
					t.Fatalf("%s has %q U+%04X, which the body face has", role, r, r)
				}
			}
		}
	}
	// Every CJK Unified Ideograph and Extension A character is drawn by
	// some face.
	for _, rng := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}} {
		for r := rng[0]; r <= rng[1]; r++ {
			if _, ok := Fallback(set, RoleBody, r); !ok {
				t.Fatalf("no face has U+%04X", r)
			}
		}
	}
}

// pdfAscent renders one line with f through fpdf and returns the /Ascent
// of the font descriptor fpdf wrote.
func pdfAscent(t *testing.T, f Face, text string) (ascent int, pdf []byte) {
	t.Helper()
	doc := fpdf.New("P", "pt", "A4", "")
	doc.SetCompression(false)
	doc.AddUTF8FontFromBytes("f", "", f.Bytes())
	doc.AddPage()
	doc.SetFont("f", "", 8) // the sample fits one A4 line at 8 pt
	doc.Text(36, 72, text)
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatalf("%s: fpdf: %v", f.Name(), err)
	}
	m := regexp.MustCompile(`/FontDescriptor /FontName /\S+\s+/Ascent (-?\d+)`).FindSubmatch(buf.Bytes())
	if m == nil {
		t.Fatalf("%s: no /Ascent in the PDF", f.Name())
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n, buf.Bytes()
}

func TestAscentMatchesFpdf(t *testing.T) {
	// hhea.ascender of the sources, unitsPerEm 1000 (朱雀仿宋's is its
	// ascender metric).
	want := map[Role]float64{RoleTitle: 1.151, RoleHeading1: 1.160, RoleHeading2: 0.928, RoleBody: 0.85}
	for _, role := range Roles {
		f, err := Default(role)
		if err != nil {
			t.Fatal(err)
		}
		if f.Ascent() != want[role] {
			t.Errorf("%s: Ascent() = %v, want %v", role, f.Ascent(), want[role])
		}
		got, _ := pdfAscent(t, f, "工作总结")
		if float64(got) != f.Ascent()*1000 {
			t.Errorf("%s: fpdf wrote /Ascent %d, Ascent() = %v", role, got, f.Ascent())
		}
	}
}

// TestPDFTextExtracts is the end-to-end promise of the contract: text set
// in an embedded face comes back from pdftotext exactly.
func TestPDFTextExtracts(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	set := defaultSet(t)
	for _, role := range Roles {
		f := set[role]
		_, pdf := pdfAscent(t, f, sample)
		path := filepath.Join(dir, string(role)+".pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", role, err)
		}
		if got := strings.TrimSpace(string(out)); got != sample {
			t.Errorf("%s: pdftotext gave\n%q\nwant\n%q", role, got, sample)
		}
	}
}

// fakeFace covers only the runes it is given.
type fakeFace string

func (f fakeFace) Advance(r rune) (float64, bool) { return 1, strings.ContainsRune(string(f), r) }
func (fakeFace) Ascent() float64                  { return 1 }
func (f fakeFace) Name() string                   { return "Fake" }
func (fakeFace) Bytes() []byte                    { return nil }

func TestFallback(t *testing.T) {
	faces := map[Role]Face{
		RoleTitle:    fakeFace("工作"),
		RoleHeading1: fakeFace("工作堃"),
		RoleHeading2: fakeFace("工作堃喆"),
		RoleBody:     fakeFace("工作喆"),
	}
	cases := []struct {
		role Role
		r    rune
		want Role
		ok   bool
	}{
		{RoleBody, '工', RoleBody, true},         // own face first
		{RoleBody, '堃', RoleHeading1, true},     // first other in Roles order
		{RoleTitle, '喆', RoleHeading2, true},    // heading2 precedes body in Roles
		{RoleHeading2, '喆', RoleHeading2, true}, // own face even if later in order
		{RoleTitle, '𠀀', "", false},
	}
	for _, c := range cases {
		got, ok := Fallback(faces, c.role, c.r)
		if got != c.want || ok != c.ok {
			t.Errorf("Fallback(%s, %q) = %q, %v; want %q, %v", c.role, c.r, got, ok, c.want, c.ok)
		}
	}
	// A role with no face at all still falls back.
	delete(faces, RoleBody)
	if got, ok := Fallback(faces, RoleBody, '工'); got != RoleTitle || !ok {
		t.Errorf("missing body face: got %q, %v", got, ok)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "simfang.ttf")
	text := write("notes.ttf", []byte("这不是字体，只是一段文字。"))
	// A CFF OpenType header without the tables a face needs: "OTTO", one
	// table, 'CFF '.
	otf := []byte("OTTO\x00\x01\x00\x10\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x04\x01\x00\x04\x02")
	otfPath := write("SourceHanSerifSC-Regular.otf", otf)
	_, body := defaultFile(t, RoleBody)
	ttf := write("body.ttf", body)
	ttc := write("pair.ttc", packTTC(t, body, body))

	cases := []struct {
		path  string
		index int
		want  string
	}{
		{missing, 0, "字体文件 " + missing + "：文件不存在"},
		{text, 0, "字体文件 " + text + "：不是字体文件（.ttf、.otf 或字体集合 .ttc、.otc）"},
		{otfPath, 0, "字体文件 " + otfPath + "：缺少必需的 \"head\" 表，无法嵌入 PDF"},
		{ttf, 1, "字体文件 " + ttf + "：不是字体集合（.ttc），字体编号只能是 0，不能是 1"},
		{ttc, 2, "字体文件 " + ttc + "：是字体集合（.ttc），共 2 个字体，没有编号 2（编号从 0 开始）"},
		{ttc, -1, "字体文件 " + ttc + "：是字体集合（.ttc），共 2 个字体，没有编号 -1（编号从 0 开始）"},
	}
	for _, c := range cases {
		f, err := Load(c.path, c.index)
		if err == nil {
			t.Errorf("Load(%s, %d) = %v, want an error", c.path, c.index, f.Name())
			continue
		}
		if err.Error() != c.want {
			t.Errorf("Load(%s, %d):\n got %s\nwant %s", c.path, c.index, err, c.want)
		}
		var fe *Error
		if !errors.As(err, &fe) || fe.File != c.path {
			t.Errorf("Load(%s): error %T does not name the file", c.path, err)
		}
	}
	if _, err := Load(missing, 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file error does not wrap fs.ErrNotExist: %v", err)
	}
}

func TestLoadRefusesRestrictedAndCFFTable(t *testing.T) {
	_, body := defaultFile(t, RoleBody)
	d, err := readDir(body, 0)
	if err != nil {
		t.Fatal(err)
	}
	// fsType 2: the licence forbids embedding.
	restricted := standalone(body, d)
	rd, _ := readDir(restricted, 0)
	be.PutUint16(restricted[rd.tables["OS/2"].offset+8:], 0x0002)
	_, err = fromBytes("x.ttf", restricted, 0)
	if err == nil || err.Error() != "字体文件 x.ttf：授权不允许嵌入或子集化（OS/2 fsType=0x0002），请换一个字体" {
		t.Errorf("restricted font: %v", err)
	}
	// CFF2 (variable) outlines are refused with their own reason.
	cff := standalone(body, d)
	cd, _ := readDir(cff, 0)
	copy(cff[12+16*tableIndex(t, cd, "post"):], "CFF2")
	_, err = fromBytes("y.otf", cff, 0)
	if err == nil || err.Error() != "字体文件 y.otf：是 CFF2 轮廓的可变 OpenType 字体，无法嵌入 PDF；请改用静态的 .otf 或 .ttf 字体" {
		t.Errorf("CFF2 table: %v", err)
	}
}

// tableIndex is the position of tag in a directory written by standalone.
func tableIndex(t *testing.T, d *sfntDir, tag string) int {
	i := 0
	for other := range d.tables {
		if other < tag {
			i++
		}
	}
	if _, ok := d.tables[tag]; !ok {
		t.Fatalf("no %s table", tag)
	}
	return i
}

func defaultFile(t testing.TB, role Role) (string, []byte) {
	t.Helper()
	f, err := Default(role)
	if err != nil {
		t.Fatal(err)
	}
	return f.(*TrueType).File(), f.Bytes()
}

// packTTC builds a TrueType collection (version 1.0) of standalone fonts,
// each keeping its own copy of every table.
func packTTC(t testing.TB, faces ...[]byte) []byte {
	t.Helper()
	dirs := make([]*sfntDir, len(faces))
	dirSize := 0
	for i, f := range faces {
		d, err := readDir(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		dirs[i] = d
		dirSize += 12 + 16*len(d.tables)
	}
	head := 12 + 4*len(faces)
	out := make([]byte, head+dirSize)
	copy(out, "ttcf")
	be.PutUint32(out[4:], 0x00010000)
	be.PutUint32(out[8:], uint32(len(faces)))
	at := head
	for i, f := range faces {
		be.PutUint32(out[12+4*i:], uint32(at))
		n := int(be.Uint16(f[4:]))
		copy(out[at:], f[:12])
		for j := range n {
			rec := f[12+16*j : 28+16*j]
			r := dirs[i].tables[string(rec[:4])]
			dst := out[at+12+16*j:]
			copy(dst, rec)
			be.PutUint32(dst[8:], uint32(len(out)))
			out = append(out, f[r.offset:r.offset+r.length]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
		at += 12 + 16*n
	}
	return out
}

func TestLoadTTC(t *testing.T) {
	_, sans := defaultFile(t, RoleHeading1)
	_, kai := defaultFile(t, RoleHeading2)
	path := filepath.Join(t.TempDir(), "pair.ttc")
	if err := os.WriteFile(path, packTTC(t, sans, kai), 0o644); err != nil {
		t.Fatal(err)
	}
	for index, role := range []Role{RoleHeading1, RoleHeading2} {
		want, _ := Default(role)
		got, err := Load(path, index)
		if err != nil {
			t.Fatalf("Load(ttc, %d): %v", index, err)
		}
		if got.Name() != want.Name() || got.Ascent() != want.Ascent() {
			t.Errorf("index %d: %s/%v, want %s/%v", index, got.Name(), got.Ascent(), want.Name(), want.Ascent())
		}
		for r := range rune(0x10000) {
			a1, ok1 := got.Advance(r)
			a2, ok2 := want.Advance(r)
			if a1 != a2 || ok1 != ok2 {
				t.Fatalf("index %d: Advance(U+%04X) = %v,%v; source %v,%v", index, r, a1, ok1, a2, ok2)
			}
		}
		b := got.Bytes()
		if be.Uint32(b) != tagTrueType {
			t.Fatalf("index %d: extracted bytes are not a TrueType file", index)
		}
		if sum := checksum(b); sum != 0xB1B0AFBA {
			t.Errorf("index %d: whole-file checksum %#x, want 0xB1B0AFBA", index, sum)
		}
		if _, err := sfnt.Parse(b); err != nil {
			t.Errorf("index %d: sfnt cannot parse the extracted face: %v", index, err)
		}
		// fpdf must embed the extracted face and write its ascent.
		if asc, _ := pdfAscent(t, got, "工作总结"); float64(asc) != want.Ascent()*1000 {
			t.Errorf("index %d: fpdf /Ascent %d", index, asc)
		}
	}
}

func TestLoadTTF(t *testing.T) {
	file, body := defaultFile(t, RoleBody)
	path := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Bytes(), body) {
		t.Error("a plain .ttf should be embedded as read")
	}
	if f.(*TrueType).File() != path {
		t.Errorf("File() = %q, want %q", f.(*TrueType).File(), path)
	}
	if a, ok := f.Advance('汉'); !ok || a != 1 {
		t.Errorf("Advance(汉) = %v, %v", a, ok)
	}
}

func TestDefaultConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]Face, 16)
	for i := range got {
		wg.Go(func() {
			set, err := DefaultSet()
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = set[Roles[i%len(Roles)]]
			got[i].Advance('汉')
		})
	}
	wg.Wait()
	for i, f := range got {
		want, _ := Default(Roles[i%len(Roles)])
		if f != want {
			t.Errorf("call %d got a different %s face: parsed more than once", i, Roles[i%len(Roles)])
		}
	}
}

func BenchmarkAdvance(b *testing.B) {
	f, err := Default(RoleBody)
	if err != nil {
		b.Fatal(err)
	}
	runes := []rune(sample)
	for i := 0; b.Loop(); i++ {
		f.Advance(runes[i%len(runes)])
	}
}

// BenchmarkDefaultSet measures what DefaultSet pays once per process:
// parsing the four embedded faces.
func BenchmarkDefaultSet(b *testing.B) {
	for b.Loop() {
		var wg sync.WaitGroup
		for _, role := range Roles {
			wg.Go(func() {
				if _, err := parseDefault(role); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
}

// BenchmarkRareLoad measures what the first rare hanzi of a process
// costs: unpacking and parsing both fallback faces.
func BenchmarkRareLoad(b *testing.B) {
	for b.Loop() {
		for _, role := range RareRoles {
			file, gz := fonts.Rare(string(role))
			r, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(r)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := parse(file, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestCFFFace: a face with CFF outlines loads, measures like the TrueType
// face it was made from, and subsets to a well-formed TrueType font whose
// glyphs have the same contours and, within cffTolerance and rounding,
// the same bounding boxes.
func TestCFFFace(t *testing.T) {
	otf, err := Load("testdata/test-fangsong-cff.otf", 0)
	if err != nil {
		t.Fatal(err)
	}
	ttf, err := Load("testdata/test-fangsong.ttf", 0)
	if err != nil {
		t.Fatal(err)
	}
	if otf.Name() != "ZJTestFangsongCFF-Regular" || otf.Ascent() != ttf.Ascent() {
		t.Errorf("name %s ascent %v", otf.Name(), otf.Ascent())
	}
	var runes []rune
	for r := range rune(0x10000) {
		a, ok := otf.Advance(r)
		b, ok2 := ttf.Advance(r)
		if ok != ok2 || a != b {
			t.Errorf("%q: advance %v %v, TrueType %v %v", r, a, ok, b, ok2)
		}
		if ok {
			runes = append(runes, r)
		}
	}
	g, err := otf.(*TrueType).Glyphs()
	if err != nil {
		t.Fatal(err)
	}
	s, err := g.Subset(runes, Narrow{R: '，'})
	if err != nil {
		t.Fatal(err)
	}
	tables := checkSfnt(t, s.Font)
	if tables["CFF "] != nil || tables["glyf"] == nil || len(tables["maxp"]) != 32 {
		t.Errorf("subset tables: %v", slices.Sorted(maps.Keys(tables)))
	}
	sub, err := ParseGlyphs(s.Font)
	if err != nil {
		t.Fatalf("subset does not load: %v", err)
	}
	tg, _ := ttf.(*TrueType).Glyphs()
	for i, r := range runes {
		gid, _ := tg.GlyphIndex(r)
		want, _ := tg.glyph(gid)
		got, err := sub.glyph(uint16(i + 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || len(got) == 0 {
			if len(want) != len(got) {
				t.Errorf("%q: %d bytes, TrueType %d", r, len(got), len(want))
			}
			continue
		}
		if be.Uint16(got) != be.Uint16(want) {
			t.Errorf("%q: %d contours, TrueType %d", r, be.Uint16(got), be.Uint16(want))
		}
		for k := 0; k < 4; k++ {
			a, b := int16(be.Uint16(got[2+2*k:])), int16(be.Uint16(want[2+2*k:]))
			if d := int(a) - int(b); d < -2 || d > 2 {
				t.Errorf("%q: bbox %d is %d, TrueType %d", r, k, a, b)
			}
		}
	}
}

// bmpLookup and hmtxAdvance read every embedded face, the rare-hanzi faces
// and a CFF face exactly as looking each character up through sfnt does.
// TestEmbeddedParseWithSfnt: every embedded face (and a CFF one) reads
// the same through our own tables as through x/image/font/sfnt — each BMP
// rune's glyph and advance, and, without sfnt's parse (parseEmbedded), the
// same name, units per em and supplementary-plane glyphs as with it.
func TestEmbeddedParseWithSfnt(t *testing.T) {
	type face struct {
		file string
		data []byte
	}
	var faces []face
	for _, role := range Roles {
		file, data := fonts.Default(string(role))
		faces = append(faces, face{file, data})
	}
	for _, role := range RareRoles {
		file, gz := fonts.Rare(string(role))
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, face{file, data})
	}
	cff, err := os.ReadFile("testdata/test-fangsong-cff.otf")
	if err != nil {
		t.Fatal(err)
	}
	faces = append(faces, face{"test-fangsong-cff.otf", cff})
	for _, fc := range faces {
		f, err := sfnt.Parse(fc.data)
		if err != nil {
			t.Fatal(err)
		}
		wantAdv, wantGid := sfntTables(f, fixed.Int26_6(f.UnitsPerEm()), map[sfnt.GlyphIndex]uint16{})
		d, err := readDir(fc.data, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := bmpLookup(d.table(fc.data, "cmap")); !ok {
			t.Fatalf("%s: bmpLookup cannot read its cmap", fc.file)
		}
		wantName, err := f.Name(nil, sfnt.NameIDPostScript)
		if err != nil || wantName == "" {
			t.Fatalf("%s: no PostScript name: %v", fc.file, err)
		}
		var first *TrueType
		for _, embedded := range []bool{false, true} {
			tt, err := parseFace(fc.file, fc.data, embedded, nil)
			if err != nil {
				t.Fatal(err)
			}
			for r := range 0x10000 {
				if got := tt.bmp.at(rune(r)); got.adv != wantAdv[r] || got.gid != wantGid[r] {
					t.Fatalf("%s: U+%04X: advance %d glyph %d, sfnt says %d, %d", fc.file, r, got.adv, got.gid, wantAdv[r], wantGid[r])
				}
			}
			if tt.name != wantName || tt.upm != float64(f.UnitsPerEm()) {
				t.Errorf("%s (embedded %v): name %q, %v units per em; sfnt says %q, %d", fc.file, embedded, tt.name, tt.upm, wantName, f.UnitsPerEm())
			}
			if first == nil {
				first = tt
			} else if !maps.Equal(tt.astral, first.astral) || tt.ascent != first.ascent {
				t.Errorf("%s: parseEmbedded gives %d supplementary glyphs, parse %d", fc.file, len(tt.astral), len(first.astral))
			}
		}
	}
}

// TestNameOf: the records nameOf takes and passes over, as sfnt's Name.
func TestNameOf(t *testing.T) {
	type rec struct {
		platform, encoding, id uint16
		s                      string
	}
	table := func(recs ...rec) []byte {
		b := binary.BigEndian.AppendUint16(nil, 0)
		b = binary.BigEndian.AppendUint16(b, uint16(len(recs)))
		b = binary.BigEndian.AppendUint16(b, uint16(6+12*len(recs)))
		var strs []byte
		for _, r := range recs {
			for _, v := range []uint16{r.platform, r.encoding, 0, r.id, uint16(len(r.s)), uint16(len(strs))} {
				b = binary.BigEndian.AppendUint16(b, v)
			}
			strs = append(strs, r.s...)
		}
		return append(b, strs...)
	}
	ucs2 := func(s string) string {
		var b []byte
		for _, r := range s {
			b = binary.BigEndian.AppendUint16(b, uint16(r))
		}
		return string(b)
	}
	for _, c := range []struct {
		name  string
		table []byte
		want  string
	}{
		{"Windows UCS-2", table(rec{3, 1, 6, ucs2("Zhuque-Regular")}), "Zhuque-Regular"},
		{"Macintosh Roman, non-ASCII", table(rec{1, 0, 6, "Caf\x8e"}), "Café"},
		{"other ids and encodings passed over", table(rec{3, 1, 4, ucs2("Full")}, rec{3, 10, 6, ucs2("UCS4")}, rec{0, 3, 6, ucs2("Unicode")}, rec{1, 0, 6, "Mac"}), "Mac"},
		{"odd UCS-2 length", table(rec{3, 1, 6, "abc"}), ""},
		{"none", table(rec{3, 1, 1, ucs2("Family")}), ""},
		{"string outside the table", table(rec{3, 1, 6, ucs2("Name")})[:20], ""},
		{"records cut short", table(rec{3, 1, 6, ucs2("Name")})[:10], ""},
		{"empty", nil, ""},
	} {
		if got := nameOf(c.table, sfnt.NameIDPostScript); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
