// Package pdf paints a laid-out document (layout.Result) into a PDF with
// fpdf. Layout has decided every position; this package only places runs
// at their baselines, applies their character spacing (Tc) and embeds the
// faces, subset to the glyphs used.
//
// Output is deterministic: the same Result and Options give the same
// bytes (catalog sorted, dates from Options.Created, fixed producer).
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
)

// Producer is written to the document information dictionary.
const Producer = "zongjie"

// Options are what the writer needs beyond the layout.
type Options struct {
	// Faces maps every role used by a run to its face. Roles other than
	// font.Roles (e.g. fallback faces) are allowed.
	Faces map[font.Role]font.Face
	// Document information; UTF-8.
	Title, Author, Subject, Keywords string
	// Created is the creation and modification date. It should come from
	// the fact sheet so that output is reproducible; the zero time is
	// written as 1970-01-01 (never the wall clock).
	Created time.Time
}

// Write paints r into a PDF and writes it to w. Nothing is written to w
// when an error is returned.
func Write(w io.Writer, r *layout.Result, opt Options) error {
	if r == nil || len(r.Pages) == 0 {
		return fmt.Errorf("pdf: layout result has no pages")
	}
	if !(r.Width > 0 && r.Height > 0) {
		return fmt.Errorf("pdf: bad page size %v × %v", r.Width, r.Height)
	}
	families, famOf, err := registerOrder(r, opt.Faces)
	if err != nil {
		return err
	}

	doc := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: r.Width, Ht: r.Height},
	})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCompression(true)
	// Sorted resource catalogs and fixed dates make the bytes reproducible.
	doc.SetCatalogSort(true)
	created := opt.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	doc.SetCreationDate(created)
	doc.SetModificationDate(created)
	doc.SetProducer(Producer, false)
	doc.SetLang("zh-CN")
	if opt.Title != "" {
		doc.SetTitle(opt.Title, true)
	}
	if opt.Author != "" {
		doc.SetAuthor(opt.Author, true)
	}
	if opt.Subject != "" {
		doc.SetSubject(opt.Subject, true)
	}
	if opt.Keywords != "" {
		doc.SetKeywords(opt.Keywords, true)
	}

	// Only faces some run uses are registered: an unused one would still
	// be parsed and embedded.
	for _, f := range families {
		doc.AddUTF8FontFromBytes(f.family, "", f.face.Bytes())
	}

	curFam, curSize := "", 0.0
	for _, pg := range r.Pages {
		doc.AddPage() // re-selects the current font on the new page
		tc := 0.0     // each page's content starts in the default state
		for _, ln := range pg.Lines {
			for _, run := range ln.Runs {
				if run.Text == "" {
					continue
				}
				fam := famOf[run.Role]
				if fam != curFam || run.Size != curSize {
					doc.SetFont(fam, "", run.Size)
					curFam, curSize = fam, run.Size
				}
				// Tc is a text-state operator, valid outside BT…ET and kept
				// across them; fpdf has no setter, so write it raw.
				if s := round3(run.Spacing); s != tc {
					doc.RawWriteStr(strconv.FormatFloat(s, 'f', -1, 64) + " Tc")
					tc = s
				}
				doc.Text(run.X, run.Y, run.Text)
			}
			if tc != 0 {
				doc.RawWriteStr("0 Tc")
				tc = 0
			}
		}
	}

	// Close before Output so a failure leaves w untouched.
	doc.Close()
	if err := doc.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// round3 rounds to the 1/1000 pt written to the PDF, so equal-looking
// spacings do not emit redundant operators.
func round3(v float64) float64 {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return 0 // no "-0 Tc"
	}
	return v
}

type registered struct {
	family string
	face   font.Face
}

// faceIndex finds f among the registered faces (a handful; linear is fine).
func faceIndex(fams []registered, f font.Face) int {
	for i, r := range fams {
		if sameFace(r.face, f) {
			return i
		}
	}
	return -1
}

// sameFace compares by name and data: Face values need not be comparable.
func sameFace(a, b font.Face) bool {
	if a.Name() != b.Name() {
		return false
	}
	ab, bb := a.Bytes(), b.Bytes()
	if len(ab) != len(bb) {
		return false
	}
	if len(ab) == 0 || &ab[0] == &bb[0] {
		return true
	}
	return bytes.Equal(ab, bb)
}

// registerOrder checks every run and returns the faces used, each once,
// in a deterministic order (font.Roles first, then other roles sorted),
// with unique fpdf family names derived from the PostScript names, and the
// family of each used role.
func registerOrder(r *layout.Result, faces map[font.Role]font.Face) ([]registered, map[font.Role]string, error) {
	used := map[font.Role]bool{}
	for _, pg := range r.Pages {
		for _, ln := range pg.Lines {
			for _, run := range ln.Runs {
				if run.Text == "" {
					continue
				}
				face := faces[run.Role]
				if face == nil {
					return nil, nil, fmt.Errorf("pdf: page %d: no face for role %q", pg.Number, run.Role)
				}
				if !(run.Size > 0) {
					return nil, nil, fmt.Errorf("pdf: page %d: run %q has font size %v", pg.Number, run.Text, run.Size)
				}
				if err := checkText(face, run.Text); err != nil {
					return nil, nil, fmt.Errorf("pdf: page %d: %w", pg.Number, err)
				}
				used[run.Role] = true
			}
		}
	}
	var roles []font.Role
	for _, ro := range font.Roles {
		if used[ro] {
			roles = append(roles, ro)
		}
	}
	var extra []font.Role
	for ro := range used {
		if !slices.Contains(font.Roles, ro) {
			extra = append(extra, ro)
		}
	}
	slices.Sort(extra)
	roles = append(roles, extra...)

	var out []registered
	famOf := map[font.Role]string{}
	names := map[string]bool{}
	for _, ro := range roles {
		face := faces[ro]
		if i := faceIndex(out, face); i >= 0 {
			famOf[ro] = out[i].family
			continue
		}
		if err := checkTrueType(face); err != nil {
			return nil, nil, err
		}
		fam := familyName(face.Name(), ro)
		for i := 2; names[fam]; i++ {
			fam = familyName(face.Name(), ro) + "-" + strconv.Itoa(i)
		}
		names[fam] = true
		famOf[ro] = fam
		out = append(out, registered{family: fam, face: face})
	}
	return out, famOf, nil
}

// familyName makes a PDF-name-safe family from a PostScript name; fpdf
// writes it unescaped after "/utf8" in BaseFont and lower-cases it.
func familyName(ps string, role font.Role) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return -1
	}, ps)
	if s == "" {
		s = strings.ToLower(string(role))
	}
	return s
}

// checkText rejects what fpdf would silently get wrong: characters outside
// the BMP (its UTF-16 conversion and CIDToGIDMap are 16-bit) and characters
// the face lacks (they would print as .notdef boxes).
func checkText(face font.Face, s string) error {
	for _, r := range s {
		if r > 0xFFFF {
			return fmt.Errorf("character %q (U+%04X) in %q is outside the Basic Multilingual Plane, which the PDF writer cannot encode", r, r, s)
		}
		if _, ok := face.Advance(r); !ok {
			return fmt.Errorf("face %s has no glyph for %q (U+%04X) in %q", face.Name(), r, r, s)
		}
	}
	return nil
}

// checkTrueType catches data fpdf would reject by printing to stdout and
// carrying on without the font.
func checkTrueType(face font.Face) error {
	b := face.Bytes()
	if len(b) < 12 {
		return fmt.Errorf("pdf: face %s: no font data", face.Name())
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return fmt.Errorf("pdf: face %s: CFF-flavoured OpenType is not supported, use TrueType outlines", face.Name())
	case "ttcf":
		return fmt.Errorf("pdf: face %s: a TrueType collection must be split into a single face", face.Name())
	}
	return fmt.Errorf("pdf: face %s: not TrueType data", face.Name())
}
