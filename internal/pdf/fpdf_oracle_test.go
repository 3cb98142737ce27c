package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
)

// writeFpdf is the painter Write replaced, kept as an oracle: an
// independent writer (fpdf v0.12.0) that the differential tests compare
// Write's text and glyph positions against. It is test-only, so the binary
// does not carry fpdf.
func writeFpdf(w io.Writer, r *layout.Result, opt Options) error {
	if r == nil || len(r.Pages) == 0 {
		return fmt.Errorf("pdf: layout result has no pages")
	}
	families, famOf, err := fpdfFamilies(r, opt.Faces)
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
	for _, f := range families {
		doc.AddUTF8FontFromBytes(f.family, "", f.face.Bytes())
	}
	curFam, curSize := "", 0.0
	for _, pg := range r.Pages {
		doc.AddPage()
		tc := 0.0
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
				// fpdf has no Tc setter; Tc is valid outside BT…ET.
				if s := round3(run.Spacing); s != tc {
					doc.RawWriteStr(strconv.FormatFloat(s, 'f', -1, 64) + " Tc")
					tc = s
				}
				for _, pc := range fullWidthPieces(run, opt.Faces[run.Role]) {
					doc.Text(pc.x, run.Y, pc.text)
				}
			}
			if tc != 0 {
				doc.RawWriteStr("0 Tc")
				tc = 0
			}
		}
	}
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

type piece struct {
	x    float64
	text string
}

// fullWidthPieces cuts a run at its half-width glyphs, which fpdf cannot
// draw: each is drawn alone at full width where its ink is (half an em
// further left when its left half is cut), the rest as they are.
func fullWidthPieces(run layout.Run, face font.Face) []piece {
	var out []piece
	x, start := run.X, -1
	h := run.Halves
	rs := []rune(run.Text)
	for i, r := range rs {
		adv, _ := face.Advance(r)
		w := adv * run.Size
		if len(h) > 0 && h[0].At == i {
			if start >= 0 {
				out[len(out)-1].text = string(rs[start:i])
				start = -1
			}
			ink := x
			if h[0].Left {
				ink -= run.Size / 2
			}
			out = append(out, piece{ink, string(r)})
			w -= run.Size / 2
			h = h[1:]
		} else if start < 0 {
			start = i
			out = append(out, piece{x: x})
		}
		x += w + run.Spacing
	}
	if start >= 0 {
		out[len(out)-1].text = string(rs[start:])
	}
	return out
}

type fpdfFamily struct {
	family string
	face   font.Face
}

// fpdfFamilies registers each used face once, under a family name fpdf
// accepts (it writes the name unescaped and lower-cases it).
func fpdfFamilies(r *layout.Result, faces map[font.Role]font.Face) ([]fpdfFamily, map[font.Role]string, error) {
	fonts, _, err := collectFonts(r, faces)
	if err != nil {
		return nil, nil, err
	}
	var out []fpdfFamily
	famOf := map[font.Role]string{}
	for _, e := range fonts {
		fam := strings.ToLower(e.res) + strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
				return r
			}
			if r >= 'A' && r <= 'Z' {
				return r + ('a' - 'A')
			}
			return -1
		}, e.face.Name())
		out = append(out, fpdfFamily{fam, e.face})
	}
	roles := slices.Sorted(func(yield func(font.Role) bool) {
		for ro := range faces {
			if !yield(ro) {
				return
			}
		}
	})
	for _, ro := range roles {
		for _, f := range out {
			if sameFace(f.face, faces[ro]) {
				famOf[ro] = f.family
				break
			}
		}
	}
	return out, famOf, nil
}
