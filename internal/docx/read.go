package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Paragraph is a paragraph read back from a .docx: its style's name and
// its text.
type Paragraph struct {
	Style string
	Text  string
	// Cell is true for a paragraph inside a table cell.
	Cell bool
}

// Read returns the paragraphs of a .docx's main document in order, with
// their style names resolved through styles.xml. It reads what Write
// writes and what Word writes for plain text; field instructions are not
// text.
func Read(data []byte) ([]Paragraph, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	part := func(name string) ([]byte, error) {
		for _, f := range z.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(rc)
			}
		}
		return nil, fmt.Errorf("docx: no part %s", name)
	}
	styles, err := part("word/styles.xml")
	if err != nil {
		return nil, err
	}
	names, err := styleNames(styles)
	if err != nil {
		return nil, err
	}
	body, err := part("word/document.xml")
	if err != nil {
		return nil, err
	}
	return paragraphs(body, names)
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == wNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

func styleNames(data []byte) (map[string]string, error) {
	names := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(data))
	id := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return names, nil
		}
		if err != nil {
			return nil, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Space == wNS {
			switch e.Name.Local {
			case "style":
				id = attr(e, "styleId")
			case "name":
				if id != "" {
					names[id] = attr(e, "val")
				}
			}
		}
	}
}

func paragraphs(data []byte, names map[string]string) ([]Paragraph, error) {
	var out []Paragraph
	var cur *Paragraph
	var text strings.Builder
	inText, inRun, cells := false, false, 0
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != wNS {
				continue
			}
			switch e.Name.Local {
			case "tc":
				cells++
			case "p":
				cur = &Paragraph{Style: "Normal", Cell: cells > 0}
				text.Reset()
			case "pStyle":
				if cur != nil {
					id := attr(e, "val")
					cur.Style = names[id]
					if cur.Style == "" {
						cur.Style = id
					}
				}
			case "r":
				inRun = true
			case "t":
				inText = true
			case "tab":
				// A w:tab in a run is a tab character; in w:tabs, a stop.
				if inRun {
					text.WriteByte('\t')
				}
			case "br":
				if inRun {
					text.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if e.Name.Space != wNS {
				continue
			}
			switch e.Name.Local {
			case "tc":
				cells--
			case "r":
				inRun = false
			case "t":
				inText = false
			case "p":
				if cur != nil {
					cur.Text = text.String()
					out = append(out, *cur)
					cur = nil
				}
			}
		case xml.CharData:
			if inText {
				text.Write(e)
			}
		}
	}
}
