// Package docx writes the block model (internal/doc) as a Word document
// that a clerk edits in WPS or Word.
//
// It is one more writer beside layout+pdf: the page, the grid and the
// signature follow the same GB/T 9704 figures as the PDF, but the text is
// left to the word processor to set, with named styles rather than direct
// formatting so that the clerk's edits keep the look. The fonts are named,
// not embedded: 方正小标宋简体, 黑体, 楷体_GB2312 and 仿宋_GB2312 with the
// names Windows and WPS machines have declared as fallbacks.
//
// The output is deterministic: the same document and options give the same
// bytes (fixed part order, fixed zip times, no random ids).
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/zongjie/zongjie/internal/doc"
)

// Options are the document properties and the signature's metrics.
type Options struct {
	Title   string // dc:title
	Creator string // dc:creator: the unit
	Subject string // dc:subject: the task
	// Created is dcterms:created and dcterms:modified: the signature date,
	// so the file does not depend on when it was built.
	Created time.Time
	// Advance gives a character's width in em of the body face, to place
	// the signature's date under the unit's name. Nil takes 1 em for
	// East Asian characters and 1/2 em for the rest, as 仿宋_GB2312 has.
	Advance func(r rune) float64
}

// Page geometry in twips (1/20 pt), GB/T 9704 §5, the same figures as
// internal/layout's Options.
const (
	pageW        = 11906 // 210 mm
	pageH        = 16838 // 297 mm
	marginTop    = 2098  // 天头 37 mm
	marginBottom = 1984  // 35 mm
	marginLeft   = 1587  // 订口 28 mm
	marginRight  = 1474  // 26 mm
	textW        = pageW - marginLeft - marginRight
	textH        = pageH - marginTop - marginBottom
	lines        = 22
	chars        = 28
	// linePitch is Word's grid pitch for 22 lines in the 225 mm block,
	// rounded down so that 22 fit (Word's own dialog gives 579 too).
	linePitch = textH / lines
	// Sizes in half-points: Word's 三号 is 16 pt, 二号 22 pt, 四号 14 pt.
	bodySz  = 32
	titleSz = 44
	folioSz = 28
	// charTwips is the grid's character cell. Word's is 8845/28 = 315.9
	// twips; LibreOffice truncates the fraction of charSpace and has 315,
	// and snaps an indent to whole cells, rounding up. Indents of whole
	// LibreOffice cells are whole cells in both.
	charTwips = 315
	// footerDist puts the folio's top 7 mm below the text block: the block
	// ends 35 mm above the page's foot, the 14 pt folio line is 280 twips.
	footerDist = marginBottom - 397 - 280 // 397 twips = 7 mm
)

// charSpace is w:docGrid's charSpace for 28 characters a line: the
// character pitch less the Normal style's 16 pt, in 1/4096 pt, rounded
// down so that 28 fit (the value Word writes for this setup).
func charSpace() int {
	pitch := float64(textW) / chars / 20 // pt
	v := (pitch - bodySz/2) * 4096
	n := int(v)
	if float64(n) > v {
		n--
	}
	return n
}

// Write writes d as a .docx file.
func Write(w io.Writer, d *doc.Document, opt Options) error {
	if opt.Advance == nil {
		opt.Advance = DefaultAdvance
	}
	// shared marks the parts that are the same for every document of a
	// process (they depend on no input today): they are deflated once and
	// copied (partCache). The others are deflated each time.
	parts := []struct {
		name, body string
		shared     bool
	}{
		{"[Content_Types].xml", contentTypes, true},
		{"_rels/.rels", rootRels, true},
		{"docProps/core.xml", coreXML(opt), false},
		{"docProps/app.xml", appXML, true},
		{"word/document.xml", documentXML(d, opt), false},
		{"word/_rels/document.xml.rels", documentRels, true},
		{"word/styles.xml", fixedStyles(), true},
		{"word/settings.xml", settingsXML, true},
		{"word/fontTable.xml", fixedFontTable(), true},
		{"word/footer1.xml", fixedFooters()[0], true},
		{"word/footer2.xml", fixedFooters()[1], true},
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		var dp *deflated
		if p.shared {
			dp = partCache.get(p.body)
		} else {
			dp = deflatePart(p.body)
		}
		// The part goes in as deflated here, with its CRC and sizes in the
		// local header (no data descriptor), and a fixed time: the bytes
		// must not depend on when they were made.
		f, err := z.CreateRaw(&zip.FileHeader{
			Name:               p.name,
			Method:             zip.Deflate,
			CreatorVersion:     20,
			ReaderVersion:      20,
			ModifiedDate:       zipDate,
			Extra:              zipTimeExtra[:len(zipTimeExtra):len(zipTimeExtra)],
			CRC32:              dp.crc,
			CompressedSize64:   uint64(len(dp.z)),
			UncompressedSize64: uint64(len(p.body)),
		})
		if err != nil {
			return err
		}
		if _, err := f.Write(dp.z); err != nil {
			return err
		}
	}
	return z.Close()
}

// zipTime is every part's modification time: 1980-01-01 00:00 UTC, the
// first the MS-DOS fields can hold. zipDate is its MS-DOS date (the time
// is 0) and zipTimeExtra the Info-ZIP extended timestamp that
// archive/zip's CreateHeader would add for it.
var (
	zipTime      = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zipDate      = uint16(zipTime.Year()-1980)<<9 | uint16(zipTime.Month())<<5 | uint16(zipTime.Day())
	zipTimeExtra = []byte{0x55, 0x54, 5, 0, 1,
		byte(zipTime.Unix()), byte(zipTime.Unix() >> 8), byte(zipTime.Unix() >> 16), byte(zipTime.Unix() >> 24)}
)

// The parts built from package constants only, built once.
var (
	fixedStyles    = sync.OnceValue(stylesXML)
	fixedFontTable = sync.OnceValue(fontTableXML)
	fixedFooters   = sync.OnceValue(func() [2]string { return [2]string{footerXML("right"), footerXML("left")} })
)

// deflated is a part's body deflated, with the CRC-32 of the body.
type deflated struct {
	crc uint32
	z   []byte
}

// deflatePart deflates a part of this document with klauspost/compress's
// StatelessDeflate: on a branch summary's document.xml (3 KB, CPU cache
// cold) it takes 18 µs for 1.47 KB, where level 3 takes 28 µs for 1.44 KB
// and compress/flate's level 5 about three times as long. The shared parts
// are deflated so too, once per process (partCache): at the best level
// they took a fifth of a one-sheet build's CPU, for 1.2 KB less.
func deflatePart(body string) *deflated {
	b := []byte(body)
	var out bytes.Buffer
	out.Grow(len(b)/2 + 64)
	flate.StatelessDeflate(&out, b, true, nil) // writes to a bytes.Buffer do not fail
	return &deflated{crc32.ChecksumIEEE(b), out.Bytes()}
}

// partCache holds the shared parts deflated, keyed by their text: the
// same bytes as deflatePart's (deflate is deterministic), so a part that
// came to depend on the input would only miss the cache. It is emptied
// if it ever holds maxCachedParts.
var partCache = &deflatedCache{}

const maxCachedParts = 64

type deflatedCache struct {
	mu sync.Mutex
	m  map[string]*deflated
}

func (c *deflatedCache) get(body string) *deflated {
	c.mu.Lock()
	dp := c.m[body]
	c.mu.Unlock()
	if dp != nil {
		return dp
	}
	dp = deflatePart(body)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedParts {
		c.m = map[string]*deflated{}
	}
	c.m[body] = dp
	c.mu.Unlock()
	return dp
}

// DefaultAdvance is 仿宋_GB2312's advance: 1 em for East Asian characters,
// 1/2 em for the rest.
func DefaultAdvance(r rune) float64 {
	if wide(r) {
		return 1
	}
	return 0.5
}

// wide reports whether r takes a full character cell: hanzi, CJK
// punctuation, full-width forms.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 ||
		r == '—' || r == '…' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·'
}

func (o Options) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += o.Advance(r)
	}
	return w
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	if !needsEsc(s) {
		return s // most text: no copy
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			b.WriteRune(r)
		default:
			// XML 1.0 has no place for other control characters.
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsEsc reports whether esc changes s: it has a character to escape or
// drop, or bytes that are not UTF-8 (which esc turns into U+FFFD).
func needsEsc(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '&' || c == '<' || c == '>' || c == '"' {
			return true
		}
	}
	return !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF")
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>zongjie</Application></Properties>`

func coreXML(o Options) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title>`, esc(o.Title))
	if o.Subject != "" {
		fmt.Fprintf(&b, `<dc:subject>%s</dc:subject>`, esc(o.Subject))
	}
	fmt.Fprintf(&b, `<dc:creator>%s</dc:creator>`, esc(o.Creator))
	fmt.Fprintf(&b, `<cp:lastModifiedBy>%s</cp:lastModifiedBy>`, esc(o.Creator))
	if !o.Created.IsZero() {
		t := o.Created.UTC().Format("2006-01-02T15:04:05Z")
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, t)
		fmt.Fprintf(&b, `<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, t)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

const settingsXML = xmlHeader + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="420"/>` +
	// Odd pages carry the folio at the right, even pages at the left.
	`<w:evenAndOddHeaders/>` +
	// Adjacent full-width punctuation is compressed, as in the PDF.
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// sectPr is the one section: A4, GB/T 9704 margins, the 22 × 28 grid,
// different odd and even footers.
func sectPr() string {
	return fmt.Sprintf(`<w:sectPr>`+
		`<w:footerReference w:type="default" r:id="rId4"/>`+
		`<w:footerReference w:type="even" r:id="rId5"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
		`<w:pgNumType w:fmt="decimal"/>`+
		`<w:cols w:space="425"/>`+
		`<w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="%d"/>`+
		`</w:sectPr>`, pageW, pageH, marginTop, marginRight, marginBottom, marginLeft, footerDist, linePitch, charSpace())
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
	` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func documentXML(d *doc.Document, o Options) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document ` + wordNS + `><w:body>`)
	for _, blk := range d.Blocks {
		switch blk.Kind {
		case doc.Title:
			para(&b, styleTitle.id, "", blk.Text)
		case doc.Subtitle:
			for _, l := range lineTexts(blk) {
				para(&b, styleSubtitle.id, "", l)
			}
		case doc.Heading1:
			para(&b, styleHeading1.id, "", blk.Text)
		case doc.Heading2:
			para(&b, styleHeading2.id, "", blk.Text)
		case doc.Heading3:
			para(&b, styleHeading3.id, "", blk.Text)
		case doc.Signature:
			signature(&b, lineTexts(blk), o)
		case doc.Table:
			table(&b, blk, o)
		case doc.Recipient:
			para(&b, styleRecipient.id, "", strings.Join(lineTexts(blk), ""))
		case doc.Attachments:
			attachments(&b, blk, o)
		case doc.Imprint:
			imprint(&b, blk)
		default:
			para(&b, styleBody.id, "", blk.Text)
		}
	}
	b.WriteString(sectPr())
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func lineTexts(b doc.Block) []string {
	if len(b.Lines) > 0 {
		return b.Lines
	}
	return strings.Split(b.Text, "\n")
}

// para writes one paragraph of a style; extra is direct paragraph
// properties, used only where the place depends on the text (signature).
func para(b *strings.Builder, style, extra, text string) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s</w:pPr>`, style, extra)
	if text != "" {
		fmt.Fprintf(b, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, esc(text))
	}
	b.WriteString(`</w:p>`)
}

// signature places the unit's name and the date as the PDF does (GB/T 9704
// §7.3.5.2, unsealed): the name ends 2 characters from the right edge and
// the date starts 2 characters right of the name's start; a date longer
// than the name ends 2 characters from the edge, the name centred over it.
// Both are right-aligned, so the places are right indents in characters,
// which Word keeps when the clerk edits the name.
func signature(b *strings.Builder, texts []string, o Options) {
	if len(texts) == 0 {
		return
	}
	nameW := o.width(texts[0])
	dateW := 0.0
	for _, t := range texts[1:] {
		dateW = max(dateW, o.width(t))
	}
	nameR, dateR := 2.0, 2+nameW-2-dateW
	if dateW > nameW {
		nameR, dateR = 2+(dateW-nameW)/2, 2
	}
	for i, t := range texts {
		style, r := styleSignature.id, nameR
		if i > 0 {
			style, r = styleDate.id, dateR
		}
		extra := ""
		if r != 2 {
			extra = rightIndent(r)
		}
		para(b, style, extra, t)
	}
}

// rightIndent is a right indent of n characters: in character units for
// Word and WPS, in twips of grid cells for readers that ignore those.
func rightIndent(n float64) string {
	hundredths := int(math.Round(n * 100))
	return fmt.Sprintf(`<w:ind w:right="%d" w:rightChars="%d"/>`, cells(n), hundredths)
}

// cells is n character cells of the grid in twips, rounded down: a reader
// that snaps indents to the grid (LibreOffice) must not round up to n+1.
func cells(n float64) int { return int(math.Floor(n * charTwips)) }

// footerXML is a footer with the folio "— N —", 四号 宋体, one character
// in from the given edge.
func footerXML(side string) string {
	ind := `w:right="280"`
	if side == "left" {
		ind = `w:left="280"`
	}
	return xmlHeader + `<w:ftr ` + wordNS + `>` +
		`<w:p><w:pPr><w:pStyle w:val="` + styleFolio.id + `"/><w:jc w:val="` + side + `"/><w:ind ` + ind + `/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>1</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r>` +
		`</w:p></w:ftr>`
}
