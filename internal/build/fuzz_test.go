package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/pdftext"
	"github.com/zongjie/zongjie/internal/sheet"
)

// missingGlyph is the one kind of render error a sheet that decodes and
// passes the checks may still cause with the embedded templates.
var missingGlyph = regexp.MustCompile(`^(字符“.*”（|文字中有不可见的字符 )U\+[0-9A-F]{4,6}`)

// FuzzBuild runs the whole pipeline, decode → check → Markdown, HTML and
// PDF, on arbitrary bytes. Nothing may panic. A sheet that decodes and
// passes the checks renders, or fails only on a character no font has,
// named at its place in the sheet: any other failure means the sheet's
// text changed the document's structure or broke a template. What renders
// says the same in the PDF as in the Markdown. Memory is linear in the
// sheet (checkAlloc).
func FuzzBuild(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	corpus, _ := filepath.Glob("../../testdata/corpus/*.toml")
	for _, p := range append(seeds, corpus...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	b := testBuilder(f)
	// What a process loads once, when a sheet first needs it (a kind's
	// templates, the rare-hanzi fallback faces, the Traditional
	// dictionaries), is not the sheet's cost: load it before measuring.
	warm := append(seeds, "../../testdata/corpus/ok-rare-names.toml")
	for _, p := range warm {
		src, _ := os.ReadFile(p)
		if s, diags := sheet.Decode(p, src); diags == nil {
			b.Render(s, src, Formats)
			s.Document.Script = "hant"
			b.Render(s, src, Formats)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var start runtime.MemStats
		runtime.ReadMemStats(&start)
		s, diags := sheet.Decode("f.toml", src)
		checkDiags(t, diags)
		if s == nil {
			return
		}
		// Fonts named by the sheet are files on this machine; what they
		// hold is font.Load's business, not this target's.
		s.Fonts = sheet.Fonts{}
		diags = append(check.Sheet(s), b.composer.Check(s)...)
		checkDiags(t, diags)
		if diags.HasErrors() {
			return
		}
		outs, diags := b.Render(s, src, Formats)
		checkAlloc(t, &start, len(src))
		if diags != nil {
			checkDiags(t, diags)
			for _, d := range diags {
				if !missingGlyph.MatchString(d.Message) {
					t.Fatalf("a checked sheet failed to render: %v", d)
				}
			}
			return
		}
		out := map[Format][]byte{}
		for _, o := range outs {
			out[o.Format] = o.Data
		}
		d, err := doc.FromMarkdown(out[Markdown])
		if err != nil {
			t.Fatalf("the Markdown does not read back: %v", err)
		}
		if !bytes.HasPrefix(out[HTML], []byte("<!DOCTYPE html>")) || !bytes.HasPrefix(out[PDF], []byte("%PDF-")) {
			t.Fatal("HTML or PDF missing")
		}
		got, err := pdftext.Text(out[PDF])
		if err != nil {
			t.Fatalf("PDF does not read back: %v", err)
		}
		var want strings.Builder
		for _, b := range d.Blocks {
			want.WriteString(blockText(b))
		}
		if g, w := dropRepeatedHeaders(squash(folio.ReplaceAllString(got, "")), d), squash(want.String()); g != w {
			t.Fatalf("PDF text differs from the Markdown's:\n pdf: %s\n  md: %s", g, w)
		}
	})
}

// Decoding, checking and rendering all three formats may allocate
// allocPerByte bytes per byte of sheet, plus allocBase. Measured (issue
// 13): 1.5 MB for a minimal sheet (fonts subset, PDF), 170–500 bytes per
// byte for 10–100 KB of text, headings or list entries; decoding alone is
// held to 1024 per byte by sheet.FuzzDecode.
const (
	allocPerByte = 2048
	allocBase    = 8 << 20
)

// checkAlloc fails if more was allocated since start than a sheet of n
// bytes may take.
func checkAlloc(t *testing.T, start *runtime.MemStats, n int) {
	t.Helper()
	var now runtime.MemStats
	runtime.ReadMemStats(&now)
	if alloc, limit := now.TotalAlloc-start.TotalAlloc, allocPerByte*uint64(n)+allocBase; alloc > limit {
		t.Fatalf("%d bytes allocated for a %d-byte sheet, more than %d", alloc, n, limit)
	}
}

// checkDiags asserts what every diagnostic must be: placed in the sheet or
// a template, readable, and no Go failure.
func checkDiags(t *testing.T, diags diag.List) {
	t.Helper()
	for _, d := range diags {
		if d.File != "f.toml" && !strings.HasSuffix(d.File, ".md.tmpl") {
			t.Fatalf("diagnostic names %q: %v", d.File, d)
		}
		if d.Message == "" || strings.Contains(d.Message, "panic") || strings.Contains(d.Message, "goroutine") {
			t.Fatalf("bad message: %v", d)
		}
	}
}

func squash(s string) string { return strings.Map(dropSpace, s) }

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789ABCDEF"[r>>4])
			b.WriteByte("0123456789ABCDEF"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// textSheet puts s where the templates print a user's text verbatim (the
// title, a heading, a paragraph, the signature), where prose helpers cut
// it (an enumerated problem), and task where the short verb is cut from it.
func textSheet(s, task string) []byte {
	q := tomlString(s)
	return []byte(`[document]
title = ` + q + `
unit = ` + q + `
self = "我支部"
task = ` + tomlString(task) + `
date = 2026-11-20

[[methods]]
name = ` + q + `
text = ` + q + `

[[problems]]
text = ` + q + `
`)
}

// FuzzTextIsText puts arbitrary text into a sheet's names and paragraphs.
// Whatever it holds, Markdown or HTML included, the document keeps the
// structure it has with plain text, and every block reads back as the
// text the user typed; between the lines of a paragraph, the HTML reads
// as the block model does.
func FuzzTextIsText(f *testing.F) {
	for _, s := range markups {
		f.Add(s)
	}
	b := testBuilder(f)
	f.Add("alpha\n<beta\ngamma\n$delta") // issue 13
	f.Fuzz(func(t *testing.T, s string) {
		assertTextIsText(t, b, s, false)
		if utf8.ValidString(s) {
			// Between lines of a paragraph, the HTML says what the PDF says.
			multilineOuts(t, b, "alpha\n"+s+"\n末行", false)
		}
	})
}

// Placeholders of the plain sheet that assertTextIsText compares with.
const (
	plainText = "甲"
	plainTask = "丙丁戊"
	plainVerb = "丁戊"
)

// assertTextIsText builds textSheet(s, s) and compares it block by block
// with the same sheet holding plain text; withPDF also reads the PDF back.
func assertTextIsText(t *testing.T, b *Builder, s string, withPDF bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		return // a sheet cannot hold it: the file is refused as not UTF-8
	}
	text := strings.TrimSpace(s)
	clause := strings.TrimRight(strings.TrimSpace(text), "。，、；：！？,.;:!?")
	if text == "" || clause == "" {
		return // nothing to print: the item is left out
	}
	base, _ := renderText(t, b, plainText, plainTask, nil)
	var formats []Format
	if withPDF {
		formats = []Format{PDF}
	}
	d, out := renderText(t, b, s, s, formats)
	if d == nil {
		return // refused at decode or by a check, with a message
	}
	if len(d.Blocks) != len(base.Blocks) {
		t.Fatalf("%q: %d blocks, want %d:\n%s", s, len(d.Blocks), len(base.Blocks), dumpBlocks(d))
	}
	verb := text
	if r := []rune(text); len(r) > 2 {
		verb = strings.TrimSpace(string(r[len(r)-2:]))
	}
	// The plain sheet's text with the placeholders replaced is what the
	// user must read: a paragraph is closed with its full stop, a point
	// after a colon loses its final punctuation.
	expect := strings.NewReplacer("："+plainText+"。", "："+clause+"。", plainText+"。", closed(text),
		plainTask, text, plainVerb, verb, plainText, text)
	pdfText := ""
	if withPDF {
		got, err := pdftext.Text(out[PDF])
		if err != nil {
			t.Fatal(err)
		}
		pdfText = squash(got)
	}
	for i, bb := range base.Blocks {
		got := d.Blocks[i]
		if got.Kind != bb.Kind {
			t.Fatalf("%q: block %d is %v, want %v:\n%s", s, i, got.Kind, bb.Kind, dumpBlocks(d))
		}
		want := expect.Replace(bb.Text)
		if got.Text != want {
			t.Errorf("%q: block %d (%v) = %q, want %q", s, i, got.Kind, got.Text, want)
		}
		for _, line := range strings.Split(want, "\n") {
			if !bytes.Contains(out[HTML], []byte(escapeHTML(line))) {
				t.Errorf("%q: the HTML lacks %q", s, escapeHTML(line))
			}
			if withPDF && !strings.Contains(pdfText, squash(line)) {
				t.Errorf("%q: the PDF lacks %q:\n%s", s, squash(line), pdfText)
			}
		}
	}
}

// closed is prose.Sentence on the text as typed. Sentence runs on
// Markdown-escaped text, where a backslash left before a cut mark is half
// an escape and goes; typed, every backslash is the clerk's and stays.
func closed(text string) string {
	r, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune("。！？…”』」）：", r) {
		return text
	}
	return strings.TrimRight(text, "，、；,;:") + "。"
}

// renderText builds textSheet(s, task) as Markdown, HTML and the extra formats,
// and reads the Markdown back; nil when the sheet is refused.
func renderText(t testing.TB, b *Builder, s, task string, extra []Format) (*doc.Document, map[Format][]byte) {
	t.Helper()
	src := textSheet(s, task)
	sh, diags := sheet.Decode("f.toml", src)
	if sh == nil {
		return nil, nil
	}
	if diags = check.Sheet(sh); diags.HasErrors() {
		return nil, nil
	}
	outs, diags := b.Render(sh, src, append([]Format{Markdown, HTML}, extra...))
	if diags != nil {
		t.Fatalf("%q: %v", s, diags)
	}
	out := map[Format][]byte{}
	for _, o := range outs {
		out[o.Format] = o.Data
	}
	d, err := doc.FromMarkdown(out[Markdown])
	if err != nil {
		t.Fatalf("%q: Markdown does not read back: %v\n%s", s, err, out[Markdown])
	}
	return d, out
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func dumpBlocks(d *doc.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		b.WriteString(bl.Kind.String() + ": " + strings.ReplaceAll(bl.Text, "\n", " | ") + "\n")
	}
	return b.String()
}
