// Package pdf paints a laid-out document (layout.Result) into a PDF.
// Layout has decided every position; this package only places runs at
// their baselines, applies their character spacing (Tc) and embeds the
// faces, subset to the glyphs used.
//
// The writer is our own and small: each face is a Type0 font with
// Identity-H encoding over a CIDFontType2 whose CIDs are the glyphs of a
// TrueType subset (font.Glyphs.Subset), with a ToUnicode map so the text
// extracts exactly. Faces are parsed once per process (font.TrueType keeps
// its tables); a document pays only for its own glyphs.
//
// Output is deterministic: the same Result and Options give the same
// bytes (fonts in role order, CIDs in code point order, dates from
// Options.Created, the file ID a hash of the content, fixed producer).
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

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

// Fixed object numbers; the fonts follow, then each page and its content.
const (
	objCatalog = 1 + iota
	objPages
	objResources
	objInfo
	objFirstFont
)

// Write paints r into a PDF and writes it to w. Nothing is written to w
// when an error is returned.
func Write(w io.Writer, r *layout.Result, opt Options) error {
	if r == nil || len(r.Pages) == 0 {
		return fmt.Errorf("pdf: layout result has no pages")
	}
	if !(r.Width > 0 && r.Height > 0) || !finite(r.Width) || !finite(r.Height) {
		return fmt.Errorf("pdf: bad page size %v × %v", r.Width, r.Height)
	}
	fonts, byRole, err := collectFonts(r, opt.Faces)
	if err != nil {
		return err
	}
	for _, e := range fonts {
		e.order()
	}
	// Subsetting and deflating the faces is most of the work and each
	// face is independent: one goroutine each, the first error in face
	// order reported. The pages' CIDs are known from the sorted runes, so
	// their contents are made and deflated meanwhile. The face with the
	// most glyphs (the body's), which takes longest, is done here, not
	// queued behind the others.
	errs := make([]error, len(fonts))
	big := 0
	for i, e := range fonts {
		if e.glyphCount() > fonts[big].glyphCount() {
			big = i
		}
	}
	var wg sync.WaitGroup
	for i, e := range fonts {
		if i != big {
			wg.Go(func() { errs[i] = e.prepare() })
		}
	}
	contents := make([]*bytes.Buffer, len(r.Pages))
	wg.Go(func() {
		var b []byte
		for i, pg := range r.Pages {
			b = appendContent(b[:0], pg, r.Height, byRole)
			contents[i] = deflate(b, false)
		}
	})
	errs[big] = fonts[big].prepare()
	wg.Wait()
	defer func() {
		for _, z := range contents {
			releaseBuf(z)
		}
	}()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}

	// The document is made in w itself when w is an empty bytes.Buffer (as
	// the build's), else in a pooled buffer then copied; either way in one
	// allocation: its streams and 1 KB for each of its other objects, more
	// than they take.
	buf, direct := w.(*bytes.Buffer)
	if !direct || buf.Len() > 0 {
		buf, direct = getBuf(), false
		defer releaseBuf(buf)
	}
	size := 1 << 10 * (len(r.Pages) + fontObjects*len(fonts) + 8)
	for _, e := range fonts {
		size += len(e.zfont) + len(e.zcmap)
	}
	for _, z := range contents {
		size += z.Len()
	}
	buf.Grow(size)
	firstPage := objFirstFont + fontObjects*len(fonts)
	ow := newObjWriter(buf, firstPage+2*len(r.Pages))
	var b []byte

	b = append(b, "/Type /Catalog /Pages "...)
	b = appendRef(b, objPages)
	b = append(b, " /Lang (zh-CN) /ViewerPreferences <</DisplayDocTitle true>>"...)
	ow.dictObj(objCatalog, string(b))

	b = append(b[:0], "/Type /Pages /Count "...)
	b = strconv.AppendInt(b, int64(len(r.Pages)), 10)
	b = append(b, " /Kids ["...)
	for i := range r.Pages {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendRef(b, firstPage+2*i)
	}
	b = append(b, ']')
	ow.dictObj(objPages, string(b))

	b = append(b[:0], "/ProcSet [/PDF /Text] /Font <<"...)
	for i, e := range fonts {
		b = appendName(b, e.res)
		b = append(b, ' ')
		b = appendRef(b, objFirstFont+fontObjects*i)
	}
	b = append(b, ">>"...)
	ow.dictObj(objResources, string(b))

	created := opt.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	b = append(b[:0], "/Producer "...)
	b = appendText(b, Producer)
	for _, kv := range [...]struct{ k, v string }{
		{"Title", opt.Title}, {"Author", opt.Author}, {"Subject", opt.Subject}, {"Keywords", opt.Keywords},
	} {
		if kv.v != "" {
			b = append(b, " /"+kv.k+" "...)
			b = appendText(b, kv.v)
		}
	}
	b = append(b, " /CreationDate "...)
	b = appendDate(b, created)
	b = append(b, " /ModDate "...)
	b = appendDate(b, created)
	ow.dictObj(objInfo, string(b))

	for i, e := range fonts {
		e.write(ow, objFirstFont+fontObjects*i)
	}

	var mediaBox []byte
	mediaBox = append(mediaBox, " /MediaBox [0 0 "...)
	mediaBox = appendNum(mediaBox, r.Width)
	mediaBox = append(mediaBox, ' ')
	mediaBox = appendNum(mediaBox, r.Height)
	mediaBox = append(mediaBox, ']')
	for i := range r.Pages {
		n := firstPage + 2*i
		b = append(b[:0], "/Type /Page /Parent "...)
		b = appendRef(b, objPages)
		b = append(b, mediaBox...)
		b = append(b, " /Resources "...)
		b = appendRef(b, objResources)
		b = append(b, " /Contents "...)
		b = appendRef(b, n+1)
		ow.dictObj(n, string(b))
		ow.deflatedObj(n+1, "", contents[i].Bytes(), 0)
	}
	ow.finish(objCatalog, objInfo)
	for _, e := range fonts {
		e.release()
	}
	if direct {
		return nil
	}
	_, err = buf.WriteTo(w)
	return err
}

// appendContent writes the page's content stream: one text object, each
// run placed by an absolute text matrix at its baseline. Layout's y grows
// down from the top edge and PDF's up from the bottom, hence height − y.
// Font and Tc are set only when they change; each page starts from the
// default text state, as a content stream does.
func appendContent(b []byte, pg layout.Page, height float64, byRole map[font.Role]*embedded) []byte {
	var cur *embedded
	size, tc := 0.0, 0.0
	open := false
	for _, ln := range pg.Lines {
		for _, run := range ln.Runs {
			if run.Text == "" {
				continue
			}
			if !open {
				b = append(b, "BT\n"...)
				open = true
			}
			e := byRole[run.Role]
			if s := round3(run.Size); e != cur || s != size {
				b = appendName(b, e.res)
				b = append(b, ' ')
				b = appendNum(b, s)
				b = append(b, " Tf\n"...)
				cur, size = e, s
			}
			if s := round3(run.Spacing); s != tc {
				b = appendNum(b, s)
				b = append(b, " Tc\n"...)
				tc = s
			}
			b = append(b, "1 0 0 1 "...)
			b = appendNum(b, run.X)
			b = append(b, ' ')
			b = appendNum(b, height-run.Y)
			b = append(b, " Tm <"...)
			i, h := 0, run.Halves
			for _, r := range run.Text {
				if len(h) > 0 && h[0].At == i {
					b = appendHex16(b, e.narrowCID(font.Narrow{R: r, Left: h[0].Left}))
					h = h[1:]
				} else {
					b = appendHex16(b, e.cid(r))
				}
				i++
			}
			b = append(b, "> Tj\n"...)
		}
	}
	if open {
		b = append(b, "ET\n"...)
	}
	// Tables' rules, stroked in black (the default colour) with butt caps;
	// the width is set when it changes.
	width := -1.0
	for _, r := range pg.Rules {
		if w := round3(r.Width); w != width {
			b = appendNum(b, w)
			b = append(b, " w\n"...)
			width = w
		}
		b = appendNum(b, r.X1)
		b = append(b, ' ')
		b = appendNum(b, height-r.Y1)
		b = append(b, " m "...)
		b = appendNum(b, r.X2)
		b = append(b, ' ')
		b = appendNum(b, height-r.Y2)
		b = append(b, " l S\n"...)
	}
	return b
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// round3 rounds to the 1/1000 pt written to the PDF, so equal-looking
// values do not emit redundant operators.
func round3(v float64) float64 {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return 0 // no "-0 Tc"
	}
	return v
}

// collectFonts checks every run and returns the faces used, each once, in
// a deterministic order (font.Roles first, then other roles sorted), with
// resource names F1, F2, … and the runes each shows, and the font of each
// used role.
func collectFonts(r *layout.Result, faces map[font.Role]font.Face) ([]*embedded, map[font.Role]*embedded, error) {
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
				if !(run.Size > 0) || !finite(run.Size) {
					return nil, nil, fmt.Errorf("pdf: page %d: run %q has font size %v", pg.Number, run.Text, run.Size)
				}
				if !finite(run.X) || !finite(run.Y) || !finite(run.Spacing) {
					return nil, nil, fmt.Errorf("pdf: page %d: run %q has position (%v, %v) and spacing %v", pg.Number, run.Text, run.X, run.Y, run.Spacing)
				}
				if err := checkText(face, run.Text); err != nil {
					return nil, nil, fmt.Errorf("pdf: page %d: %w", pg.Number, err)
				}
				if err := checkHalves(run); err != nil {
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

	var out []*embedded
	byRole := map[font.Role]*embedded{}
	for _, ro := range roles {
		face := faces[ro]
		if i := slices.IndexFunc(out, func(e *embedded) bool { return sameFace(e.face, face) }); i >= 0 {
			byRole[ro] = out[i]
			continue
		}
		if err := checkTrueType(face); err != nil {
			return nil, nil, err
		}
		e := &embedded{face: face, res: "F" + strconv.Itoa(len(out)+1)}
		byRole[ro] = e
		out = append(out, e)
	}
	for _, pg := range r.Pages {
		for _, ln := range pg.Lines {
			for _, run := range ln.Runs {
				if run.Text == "" {
					continue
				}
				e := byRole[run.Role]
				for _, c := range run.Text {
					e.used.add(c)
				}
				if len(run.Halves) > 0 {
					rs := []rune(run.Text)
					if e.narrowUsed == nil {
						e.narrowUsed = map[font.Narrow]bool{}
					}
					for _, h := range run.Halves {
						e.narrowUsed[font.Narrow{R: rs[h.At], Left: h.Left}] = true
					}
				}
			}
		}
	}
	return out, byRole, nil
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

// checkText rejects what would print wrong: characters the face lacks
// (they would print as .notdef boxes). Characters above U+FFFF are fine:
// CIDs are subset glyphs, and ToUnicode gives them back as surrogate pairs.
func checkText(face font.Face, s string) error {
	for _, r := range s {
		if _, ok := face.Advance(r); !ok {
			return fmt.Errorf("face %s has no glyph for %q (U+%04X) in %q", face.Name(), r, r, s)
		}
	}
	return nil
}

// checkHalves refuses half-width glyph indexes out of order or outside
// the run's text.
func checkHalves(run layout.Run) error {
	n := utf8.RuneCountInString(run.Text)
	for i, h := range run.Halves {
		if h.At < 0 || h.At >= n || i > 0 && h.At <= run.Halves[i-1].At {
			return fmt.Errorf("run %q: half-width glyph index %d out of order or range", run.Text, h.At)
		}
	}
	return nil
}

// checkTrueType refuses data the subsetter cannot read, with a reason.
func checkTrueType(face font.Face) error {
	b := face.Bytes()
	if len(b) < 12 {
		return fmt.Errorf("pdf: face %s: no font data", face.Name())
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true":
		return nil
	case "OTTO":
		return nil // its glyphs become TrueType outlines in the subset
	case "ttcf":
		return fmt.Errorf("pdf: face %s: a TrueType collection must be split into a single face", face.Name())
	}
	return fmt.Errorf("pdf: face %s: not TrueType data", face.Name())
}
