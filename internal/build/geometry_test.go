package build

import (
	"encoding/xml"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The typesetting contract in points (1 mm = 72/25.4 pt).
const (
	mm         = 72 / 25.4
	leftEdge   = 28 * mm
	rightEdge  = (28 + 156) * mm
	topEdge    = 37 * mm
	bodySize   = 15.75
	gridPitch  = bodySize * 15 / 8
	folioTop   = (37 + 225 + 7) * mm
	folioSize  = 14
	linesPage  = 22
	tolerance  = 0.5
	noStartSet = "、，。：；！？”’）〕］】》〉」』·～/"
	noEndSet   = "“‘（〔［【《〈「『"
)

type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Lines  []struct {
			XMin  float64  `xml:"xMin,attr"`
			YMin  float64  `xml:"yMin,attr"`
			XMax  float64  `xml:"xMax,attr"`
			Words []string `xml:"word"`
		} `xml:"flow>block>line"`
	} `xml:"body>doc>page"`
}

type pdfLine struct {
	page             int
	xMin, yMin, xMax float64
	text             string
}

// bbox runs pdftotext -bbox-layout on a PDF and returns its lines.
func bbox(t *testing.T, pdf string) (bboxDoc, [][]pdfLine) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var d bboxDoc
	if err := xml.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	pages := make([][]pdfLine, len(d.Pages))
	for i, p := range d.Pages {
		for _, l := range p.Lines {
			pl := pdfLine{i + 1, l.XMin, l.YMin, l.XMax, strings.Join(l.Words, "")}
			pages[i] = append(pages[i], pl)
		}
	}
	return d, pages
}

var folioText = regexp.MustCompile(`^—\s*(\d+)\s*—$`)

func near(a, b float64) bool { return math.Abs(a-b) <= tolerance }

// TestGeometry reads every sample's PDF back with pdftotext -bbox-layout
// and checks it against the typesetting contract.
func TestGeometry(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	sheets := append(samples(t), "testdata/stress.toml")
	dir := t.TempDir()
	for _, f := range sheets {
		t.Run(name(f), func(t *testing.T) {
			res := testBuilder(t).File(f, dir, []Format{Markdown, PDF})
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags)
			}
			src, s, _ := readSheet(t, f)
			_ = src
			d, pages := bbox(t, filepath.Join(dir, name(f)+".pdf"))
			_, lay := laidOut(t, filepath.Join(dir, name(f)+".md"))
			tables := tableGrid(lay)
			startsWithTable := map[int]bool{}
			for i := range pages {
				// Table lines have their own test (TestTableGeometry).
				startsWithTable[i+1] = tables[gridKey{i + 1, 0}]
				pages[i] = slices.DeleteFunc(pages[i], func(l pdfLine) bool {
					return tables[gridKey{l.page, int(math.Round((l.yMin - topEdge) / gridPitch))}]
				})
			}
			checkGeometry(t, d, pages, s.Document.Title, []string{s.Document.Unit, dateLine(s)}, startsWithTable)
		})
	}
}

func checkGeometry(t *testing.T, d bboxDoc, pages [][]pdfLine, title string, signature []string, startsWithTable map[int]bool) {
	var body []pdfLine // every body line, in reading order
	for i, p := range d.Pages {
		if !near(p.Width, 595.28) || !near(p.Height, 841.89) {
			t.Errorf("page %d is %.2f × %.2f pt, want A4 595 × 842", i+1, p.Width, p.Height)
		}
		folios, grid := 0, map[int]bool{}
		for _, l := range pages[i] {
			if m := folioText.FindStringSubmatch(l.text); m != nil {
				folios++
				checkFolio(t, l, m[1])
				continue
			}
			if i == 0 && strings.Contains(title, l.text) && l.yMin < topEdge+3*gridPitch {
				continue // a title line
			}
			if isSignature(l.text, signature) {
				continue
			}
			g := (l.yMin - topEdge) / gridPitch
			if math.Abs(g-math.Round(g)) > 0.02 || g < -0.01 {
				t.Errorf("page %d: line %q top at %.2f pt is off the grid", l.page, l.text, l.yMin)
			}
			grid[int(math.Round(g))] = true
			if !near(l.xMin, leftEdge) && !near(l.xMin, leftEdge+2*bodySize) {
				t.Errorf("page %d: line %q starts at %.2f pt, want %.2f or %.2f", l.page, l.text, l.xMin, leftEdge, leftEdge+2*bodySize)
			}
			if l.xMax > rightEdge+tolerance {
				t.Errorf("page %d: line %q runs past the right edge to %.2f pt", l.page, l.text, l.xMax)
			}
			body = append(body, l)
		}
		if folios != 1 {
			t.Errorf("page %d has %d page numbers, want 1", i+1, folios)
		}
		if len(grid) > linesPage {
			t.Errorf("page %d holds %d body lines, more than %d", i+1, len(grid), linesPage)
		}
		if i > 0 && len(pages[i]) > 0 && !startsWithTable[i+1] {
			if first := firstBody(pages[i], signature); first != nil && !near(first.yMin, topEdge) {
				t.Errorf("page %d: first body line top at %.2f pt, want %.2f (37 mm)", i+1, first.yMin, topEdge)
			}
		}
	}
	// The signature is on the last page, or the one before when a 版记
	// has a page of its own.
	last := pages[len(pages)-1]
	if len(pages) > 1 && !slices.ContainsFunc(last, func(l pdfLine) bool { return l.text == signature[0] }) {
		last = pages[len(pages)-2]
	}
	checkSignature(t, last, signature)
	for j, l := range body {
		runes := []rune(l.text)
		if strings.ContainsRune(noStartSet, runes[0]) || strings.HasPrefix(l.text, "—") && j > 0 && strings.HasSuffix(body[j-1].text, "—") && !strings.HasSuffix(body[j-1].text, "——") {
			t.Errorf("page %d: line starts with %q: %s", l.page, runes[0], l.text)
		}
		if strings.ContainsRune(noEndSet, runes[len(runes)-1]) {
			t.Errorf("page %d: line ends with %q: %s", l.page, runes[len(runes)-1], l.text)
		}
		if strings.HasPrefix(l.text, "…") && j > 0 && strings.HasSuffix(body[j-1].text, "…") && strings.Count(body[j-1].text, "…")%2 == 1 {
			t.Errorf("page %d: …… split across lines at %q", l.page, l.text)
		}
		// A line that stops short of the right edge ends its paragraph:
		// the next line starts a new block, indented, or nothing follows.
		if !near(l.xMax, rightEdge) && j+1 < len(body) && !near(body[j+1].xMin, leftEdge+2*bodySize) {
			t.Errorf("page %d: line %q ends at %.2f pt, not at %.2f, but is not its paragraph's last line", l.page, l.text, l.xMax, rightEdge)
		}
	}
}

func firstBody(lines []pdfLine, signature []string) *pdfLine {
	for i, l := range lines {
		if !folioText.MatchString(l.text) && !isSignature(l.text, signature) {
			return &lines[i]
		}
	}
	return nil
}

func isSignature(text string, sig []string) bool {
	for _, s := range sig {
		if text == s {
			return true
		}
	}
	return false
}

func checkFolio(t *testing.T, l pdfLine, num string) {
	n, _ := strconv.Atoi(num)
	if n != l.page {
		t.Errorf("page %d is numbered %d", l.page, n)
	}
	// pdftotext puts a glyph's top at the font's ascent, which for the
	// body face exceeds the em box; allow a point either way.
	if math.Abs(l.yMin-folioTop) > 1.5 {
		t.Errorf("page %d: number top at %.2f pt, want 7 mm below the text block (%.2f)", l.page, l.yMin, folioTop)
	}
	if l.page%2 == 1 && !near(l.xMax, rightEdge-folioSize) {
		t.Errorf("odd page %d: number ends at %.2f, want one character in from the right edge (%.2f)", l.page, l.xMax, rightEdge-folioSize)
	}
	if l.page%2 == 0 && !near(l.xMin, leftEdge+folioSize) {
		t.Errorf("even page %d: number starts at %.2f, want one character in from the left edge (%.2f)", l.page, l.xMin, leftEdge+folioSize)
	}
}

// checkSignature places the unit and the date as the contract says.
func checkSignature(t *testing.T, lines []pdfLine, sig []string) {
	var unit, date *pdfLine
	for i := range lines {
		switch lines[i].text {
		case sig[0]:
			unit = &lines[i]
		case sig[1]:
			date = &lines[i]
		}
	}
	if unit == nil || date == nil {
		t.Fatalf("signature %q not found on the last page", sig)
	}
	if !near(date.yMin-unit.yMin, gridPitch) {
		t.Errorf("date %.2f pt below the unit, want the next grid line (%.2f)", date.yMin-unit.yMin, gridPitch)
	}
	two := 2 * bodySize
	if date.xMax-date.xMin <= unit.xMax-unit.xMin {
		if !near(unit.xMax, rightEdge-two) || !near(date.xMin, unit.xMin+two) {
			t.Errorf("unit %.2f–%.2f, date from %.2f; want the unit ending at %.2f and the date starting 2 characters right of the unit",
				unit.xMin, unit.xMax, date.xMin, rightEdge-two)
		}
		return
	}
	if !near(date.xMax, rightEdge-two) || !near((unit.xMin+unit.xMax)/2, (date.xMin+date.xMax)/2) {
		t.Errorf("long date: date ends at %.2f (want %.2f), unit centred at %.2f over the date's %.2f",
			date.xMax, rightEdge-two, (unit.xMin+unit.xMax)/2, (date.xMin+date.xMax)/2)
	}
}
