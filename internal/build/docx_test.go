package build

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/docx"
)

// styleNames are the DOCX paragraph styles of the block kinds: what a
// clerk finds in Word's style gallery.
var styleNames = map[doc.Kind]string{
	doc.Title:     "标题",
	doc.Subtitle:  "副标题",
	doc.Heading1:  "一级标题",
	doc.Heading2:  "二级标题",
	doc.Heading3:  "三级标题",
	doc.Paragraph: "正文",
}

// wantParagraphs is what a DOCX reader must find: one paragraph per block
// of the Markdown, a signature's name and date as two.
func wantParagraphs(t *testing.T, md []byte) []docx.Paragraph {
	t.Helper()
	d, err := doc.FromMarkdown(md)
	if err != nil {
		t.Fatal(err)
	}
	var out []docx.Paragraph
	for _, b := range d.Blocks {
		switch b.Kind {
		case doc.Signature:
			out = append(out, docx.Paragraph{Style: "落款", Text: b.Lines[0]}, docx.Paragraph{Style: "成文日期", Text: b.Lines[1]})
		case doc.Subtitle:
			for _, l := range b.Lines {
				out = append(out, docx.Paragraph{Style: styleNames[b.Kind], Text: l})
			}
		case doc.Recipient:
			out = append(out, docx.Paragraph{Style: "主送机关", Text: strings.Join(b.Lines, "")})
		case doc.Attachments:
			for _, l := range b.Lines {
				out = append(out, docx.Paragraph{Style: "附件说明", Text: l})
			}
		case doc.Imprint:
			// A one-column table: 抄送, then 印发机关 and date at a tab.
			var issued []string
			for _, l := range b.Lines {
				if strings.HasPrefix(l, "抄送：") {
					out = append(out, docx.Paragraph{Style: "版记", Text: l, Cell: true})
				} else {
					issued = append(issued, l)
				}
			}
			if len(issued) > 0 {
				out = append(out, docx.Paragraph{Style: "版记", Text: strings.Join(issued, "\t"), Cell: true})
			}
			// The empty paragraph the floating table is anchored to.
			out = append(out, docx.Paragraph{Style: "版记"})
		case doc.Table:
			if b.Text != "" {
				out = append(out, docx.Paragraph{Style: "表题", Text: b.Text})
			}
			for _, c := range b.Table.Header {
				out = append(out, docx.Paragraph{Style: "表头", Text: c, Cell: true})
			}
			for _, r := range b.Table.Rows {
				for _, c := range r {
					out = append(out, docx.Paragraph{Style: "表格", Text: c, Cell: true})
				}
			}
		default:
			out = append(out, docx.Paragraph{Style: styleNames[b.Kind], Text: b.Text})
		}
	}
	return out
}

// zipTest reads every member of a zip archive, which checks each CRC, as
// `unzip -t` does.
func zipTest(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
}

// TestDOCXSamples builds every sample as DOCX: the file passes a zip test
// (ours, and unzip -t where installed) and its paragraphs read back equal
// the Markdown's blocks, with the style names.
func TestDOCXSamples(t *testing.T) {
	unzip, _ := exec.LookPath("unzip")
	dir := t.TempDir()
	for _, f := range samples(t) {
		t.Run(name(f), func(t *testing.T) {
			res := testBuilder(t).File(f, dir, []Format{Markdown, DOCX})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags)
			}
			path := filepath.Join(dir, name(f)+".docx")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			zipTest(t, data)
			if unzip != "" {
				if out, err := exec.Command(unzip, "-tq", path).CombinedOutput(); err != nil {
					t.Fatalf("unzip -t: %v\n%s", err, out)
				}
			}
			md, _ := os.ReadFile(filepath.Join(dir, name(f)+".md"))
			got, err := docx.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			if want := wantParagraphs(t, md); !slices.Equal(got, want) {
				t.Errorf("paragraphs read back differ from the Markdown:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// pythonDocx finds a Python that imports docx (Debian's python3-docx
// installs it for /usr/bin/python3).
func pythonDocx() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import docx").Run() == nil {
			return p
		}
	}
	return ""
}

const pyReadDocx = `
import json, sys, docx
out = []
for path in sys.argv[1:]:
    d = docx.Document(path)
    cp, sec = d.core_properties, d.sections[0]
    out.append({
        "paragraphs": [{"Style": p.style.name, "Text": p.text} for p in d.paragraphs],
        "title": cp.title, "author": cp.author,
        "created": cp.created.strftime("%Y-%m-%d") if cp.created else "",
        "page_mm": [round(x / 36000, 1) for x in (sec.page_width, sec.page_height,
                    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)],
        "odd_even": d.settings.odd_and_even_pages_header_footer,
        "even_footer": [p.text for p in sec.even_page_footer.paragraphs],
        "tables": [{
            "cells": [c.text for r in t.rows for c in r.cells],
            "first_style": t.rows[0].cells[0].paragraphs[0].style.name,
            "repeat": [bool(r._tr.xpath("./w:trPr/w:tblHeader")) for r in t.rows],
        } for t in d.tables],
    })
print(json.dumps(out, ensure_ascii=False))
`

// TestDOCXPythonDocx reads every sample's DOCX with python-docx, a reader
// we did not write: paragraphs and style names equal the Markdown's, the
// core properties and the page setup are what the sheet and GB/T 9704 say.
func TestDOCXPythonDocx(t *testing.T) {
	py := pythonDocx()
	if py == "" {
		t.Skip("python-docx not installed (apt-get install python3-docx): DOCX not checked with a second reader")
	}
	dir := t.TempDir()
	files := samples(t)
	var paths []string
	for _, f := range files {
		if res := testBuilder(t).File(f, dir, []Format{Markdown, DOCX}); res.Diags.HasErrors() {
			t.Fatal(res.Diags)
		}
		paths = append(paths, filepath.Join(dir, name(f)+".docx"))
	}
	out, err := exec.Command(py, append([]string{"-c", pyReadDocx}, paths...)...).Output()
	if err != nil {
		t.Fatalf("python-docx: %v", err)
	}
	var got []struct {
		Paragraphs []docx.Paragraph `json:"paragraphs"`
		Title      string           `json:"title"`
		Author     string           `json:"author"`
		Created    string           `json:"created"`
		PageMM     []float64        `json:"page_mm"`
		OddEven    bool             `json:"odd_even"`
		EvenFooter []string         `json:"even_footer"`
		Tables     []struct {
			Cells      []string `json:"cells"`
			FirstStyle string   `json:"first_style"`
			Repeat     []bool   `json:"repeat"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	for i, f := range files {
		t.Run(name(f), func(t *testing.T) {
			_, s, _ := readSheet(t, f)
			md, _ := os.ReadFile(filepath.Join(dir, name(f)+".md"))
			g := got[i]
			want := wantParagraphs(t, md)
			var cells []string
			for _, p := range want {
				if p.Cell {
					cells = append(cells, p.Text)
				}
			}
			want = slices.DeleteFunc(want, func(p docx.Paragraph) bool { return p.Cell })
			if !slices.Equal(g.Paragraphs, want) {
				t.Errorf("python-docx reads\n%+v\nwant\n%+v", g.Paragraphs, want)
			}
			// Tables: the same cells, and only the header row repeats on
			// the pages a table crosses.
			var got []string
			for _, tb := range g.Tables {
				got = append(got, tb.Cells...)
				if tb.FirstStyle != "表头" { // the 版记
					if slices.Contains(tb.Repeat, true) {
						t.Errorf("版记 rows marked to repeat: %v", tb.Repeat)
					}
					continue
				}
				if len(tb.Repeat) == 0 || !tb.Repeat[0] || slices.Contains(tb.Repeat[1:], true) {
					t.Errorf("rows marked to repeat: %v, want the header row only", tb.Repeat)
				}
			}
			if !slices.Equal(got, cells) {
				t.Errorf("python-docx reads table cells\n%q\nwant\n%q", got, cells)
			}
			d := s.Document.Date
			if g.Title != s.Document.Title || g.Author != s.Document.Unit || g.Created != fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) {
				t.Errorf("core properties: title %q author %q created %q", g.Title, g.Author, g.Created)
			}
			if want := []float64{210, 297, 37, 35, 28, 26}; !slices.Equal(g.PageMM, want) {
				t.Errorf("page and margins %v mm, want %v", g.PageMM, want)
			}
			if !g.OddEven || len(g.EvenFooter) != 1 || g.EvenFooter[0] != "— 1 —" {
				t.Errorf("odd/even footers %v, even footer %q", g.OddEven, g.EvenFooter)
			}
		})
	}
}

// fontsConf points LibreOffice's fontconfig at the embedded faces under
// the names the DOCX asks for, so that it sets the text with the PDF's
// metrics on a machine with no Chinese fonts.
const fontsConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>%s</dir>
  <cachedir>%s</cachedir>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Zhuque Fangsong</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>ZJ Kai</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif SC</family></prefer></alias>
</fontconfig>
`

// TestDOCXLibreOffice has a real client, LibreOffice, convert every
// sample's DOCX to PDF headless. The result is A4, has zongjie's page count
// give or take one, and its lines stand where the typesetting contract
// puts them: body lines from the 28 mm margin, first lines of paragraphs
// and headings 2 characters in, the title centred, the signature's name
// ending 2 characters from the right edge with the date 2 characters
// right of its start, the folios "— N —" right on odd pages and left on
// even ones.
func TestDOCXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui): DOCX not checked in a real client")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	fontsDir, err := filepath.Abs("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, fontsConf, fontsDir, filepath.Join(dir, "fccache")), 0o644); err != nil {
		t.Fatal(err)
	}
	files := samples(t)
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo")}
	for _, f := range files {
		if res := testBuilder(t).File(f, dir, []Format{Markdown, PDF, DOCX}); res.Diags.HasErrors() {
			t.Fatal(res.Diags)
		}
		args = append(args, filepath.Join(dir, name(f)+".docx"))
	}
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf, "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range files {
		t.Run(name(f), func(t *testing.T) {
			_, s, _ := readSheet(t, f)
			md, _ := os.ReadFile(filepath.Join(dir, name(f)+".md"))
			d, err := doc.FromMarkdown(md)
			if err != nil {
				t.Fatal(err)
			}
			lo, loPages := bbox(t, filepath.Join(dir, "lo", name(f)+".pdf"))
			zj, zjPages := bbox(t, filepath.Join(dir, name(f)+".pdf"))
			for _, p := range lo.Pages {
				if math.Abs(p.Width-595.28) > 1 || math.Abs(p.Height-841.89) > 1 {
					t.Fatalf("LibreOffice's page is %.1f × %.1f pt, not A4", p.Width, p.Height)
				}
			}
			if n, m := len(lo.Pages), len(zj.Pages); n < m-1 || n > m+1 {
				t.Errorf("LibreOffice sets %d pages, zongjie %d", n, m)
			}
			checkClientLines(t, loPages, d, s.Document.Unit, longDate(t, zjPages, s.Document.Unit))
		})
	}
}

// A line of a client's rendering, placed in the document.
type placed struct {
	pdfLine
	kind  doc.Kind
	first bool // the block's first line
}

// placeLines walks the client's lines in reading order and assigns each
// to the block whose text it continues. Folios are returned apart.
func placeLines(t *testing.T, pages [][]pdfLine, d *doc.Document) (lines []placed, folios []pdfLine) {
	t.Helper()
	bi, rest, inTable, skipKind := 0, "", false, doc.Table
	for _, page := range pages {
		for _, l := range page {
			text := strings.Map(dropSpace, l.text)
			if folioText.MatchString(l.text) || folioText.MatchString(text) {
				folios = append(folios, l)
				continue
			}
			first := false
			if inTable && (bi >= len(d.Blocks) || !strings.HasPrefix(strings.Map(dropSpace, strings.Join(multi(d.Blocks[bi]), "")), text)) {
				// A table's lines: its cells read across the columns in
				// the client's order; they must stay in the text block.
				// So do the 附件说明's, whose numbers poppler may read apart
				// from the names, 2 characters in.
				from := leftEdge
				if skipKind == doc.Attachments {
					from += 2 * 16
				}
				if l.xMin < from-clientTol || l.xMax > rightEdge+clientTol {
					t.Errorf("page %d: %v line %q at %.1f–%.1f mm, outside its place in the text block", l.page, skipKind, l.text, l.xMin/mm, l.xMax/mm)
				}
				continue
			}
			inTable = false
			if rest == "" {
				if bi >= len(d.Blocks) {
					t.Fatalf("page %d: line %q after the last block", l.page, l.text)
				}
				if k := d.Blocks[bi].Kind; k == doc.Table || k == doc.Imprint || k == doc.Attachments {
					inTable, skipKind = true, k
					bi++
					continue
				}
				rest, first = strings.Map(dropSpace, strings.Join(multi(d.Blocks[bi]), "")), true
				bi++
			}
			if !strings.HasPrefix(rest, text) {
				t.Fatalf("page %d: line %q does not continue %q", l.page, text, rest)
			}
			rest = rest[len(text):]
			lines = append(lines, placed{l, d.Blocks[bi-1].Kind, first})
			if k := d.Blocks[bi-1].Kind; k == doc.Signature || k == doc.Subtitle || k == doc.Attachments {
				// Each line of these is its own paragraph.
				lines[len(lines)-1].first = true
			}
		}
	}
	if rest != "" || bi != len(d.Blocks) {
		t.Fatalf("text ends with %q unread, %d of %d blocks", rest, bi, len(d.Blocks))
	}
	return lines, folios
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func multi(b doc.Block) []string {
	if b.Lines != nil {
		return b.Lines
	}
	return []string{b.Text}
}

// clientTol is the tolerance for a word processor's placement: its 三号 is
// 16 pt to our 15.75, and its indents are whole twips.
const clientTol = 1 * mm

// longDate reports whether zongjie's PDF sets the signature's date wider
// than the unit's name, which decides where both go.
func longDate(t *testing.T, pages [][]pdfLine, unit string) bool {
	t.Helper()
	for p := len(pages) - 1; p >= 0; p-- {
		for i, l := range pages[p] {
			if l.text == strings.Map(dropSpace, unit) && i+1 < len(pages[p]) {
				return pages[p][i+1].xMax-pages[p][i+1].xMin > l.xMax-l.xMin
			}
		}
	}
	t.Fatalf("no signature %s in the PDF", unit)
	return false
}

func checkClientLines(t *testing.T, pages [][]pdfLine, d *doc.Document, unit string, long bool) {
	t.Helper()
	lines, folios := placeLines(t, pages, d)
	em := 16.0
	centre := (leftEdge + rightEdge) / 2
	var sig []*placed
	for i := range lines {
		l := &lines[i]
		switch {
		case l.kind == doc.Title || l.kind == doc.Subtitle:
			if c := (l.xMin + l.xMax) / 2; math.Abs(c-centre) > clientTol {
				t.Errorf("page %d: %v line %q centred at %.1f mm, want %.1f", l.page, l.kind, l.text, c/mm, centre/mm)
			}
		case l.kind == doc.Signature:
			sig = append(sig, l)
		case l.kind == doc.Recipient:
			if math.Abs(l.xMin-leftEdge) > clientTol {
				t.Errorf("page %d: 主送机关 line %q starts at %.1f mm, want the 28 mm margin", l.page, l.text, l.xMin/mm)
			}
		case l.first:
			if math.Abs(l.xMin-(leftEdge+2*em)) > clientTol {
				t.Errorf("page %d: first line %q of a %v starts at %.1f mm, want 2 characters in from 28 mm (%.1f)", l.page, l.text, l.kind, l.xMin/mm, (leftEdge+2*em)/mm)
			}
		default:
			if math.Abs(l.xMin-leftEdge) > clientTol {
				t.Errorf("page %d: line %q starts at %.1f mm, want the 28 mm margin", l.page, l.text, l.xMin/mm)
			}
			// No line runs past the text block but by a mark hanging
			// there (LibreOffice hangs 、，。 in grid mode).
			if end := rightEdge + clientTol; l.xMax > end && !(strings.ContainsRune(noStartSet, lastRune(l.text)) && l.xMax < end+em) {
				t.Errorf("page %d: line %q ends at %.1f mm, past the text block's %.1f", l.page, l.text, l.xMax/mm, rightEdge/mm)
			}
		}
	}
	checkClientSignature(t, sig, unit, em, long)
	if len(folios) != len(pages) {
		t.Errorf("%d folios on %d pages", len(folios), len(pages))
	}
	for _, f := range folios {
		m := folioText.FindStringSubmatch(f.text)
		if m == nil || m[1] != fmt.Sprint(f.page) {
			t.Errorf("page %d: folio %q", f.page, f.text)
		}
		if f.page%2 == 1 && math.Abs(f.xMax-(rightEdge-14)) > clientTol+0.5*em ||
			f.page%2 == 0 && math.Abs(f.xMin-(leftEdge+14)) > clientTol+0.5*em {
			t.Errorf("page %d: folio at %.1f–%.1f mm, want one character in from the %s edge", f.page, f.xMin/mm, f.xMax/mm,
				map[bool]string{true: "right", false: "left"}[f.page%2 == 1])
		}
	}
}

// checkClientSignature: the name ends 2 characters from the right edge and
// the date starts 2 characters right of the name's start; a date longer
// than the name ends 2 characters from the edge, the name centred over it.
// Which case applies is the PDF's (long). LibreOffice
// puts 1/5 em between hanzi and digits, which the PDF does not: the date
// may be that much wider.
func checkClientSignature(t *testing.T, sig []*placed, unit string, em float64, long bool) {
	t.Helper()
	if len(sig) != 2 || sig[0].text != strings.Map(dropSpace, unit) {
		t.Fatalf("signature lines %v, want the unit %s and the date", sig, unit)
	}
	name, date := sig[0], sig[1]
	edge := rightEdge - 2*em
	extra := 0.2 * em * float64(scriptChanges(date.text))
	if !long {
		if math.Abs(name.xMax-edge) > clientTol {
			t.Errorf("signature name %q ends at %.1f mm, want 2 characters from the right edge (%.1f)", name.text, name.xMax/mm, edge/mm)
		}
		if math.Abs(date.xMin-(name.xMin+2*em)) > clientTol+extra {
			t.Errorf("date starts at %.1f mm, want 2 characters right of the name's %.1f", date.xMin/mm, name.xMin/mm)
		}
		return
	}
	if math.Abs(date.xMax-edge) > clientTol {
		t.Errorf("long date ends at %.1f mm, want 2 characters from the right edge (%.1f)", date.xMax/mm, edge/mm)
	}
	if c, d := (name.xMin+name.xMax)/2, (date.xMin+date.xMax)/2; math.Abs(c-d) > clientTol+extra/2 {
		t.Errorf("name centred at %.1f mm, date at %.1f: the name should be centred over the longer date", c/mm, d/mm)
	}
}

// scriptChanges counts the places where s turns from hanzi to other
// characters or back.
func scriptChanges(s string) int {
	n, prev := 0, -1
	for _, r := range s {
		c := 0
		if r >= 0x2E80 {
			c = 1
		}
		if prev >= 0 && c != prev {
			n++
		}
		prev = c
	}
	return n
}
