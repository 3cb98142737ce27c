// Package build runs the pipeline for one sheet: decode → compose Markdown
// → HTML, and Markdown → doc → layout → PDF, then writes the outputs
// atomically. The CLI, batch and watch all go through it.
package build

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/atomicfile"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/docx"
	"github.com/zongjie/zongjie/internal/files"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/html"
	"github.com/zongjie/zongjie/internal/layout"
	"github.com/zongjie/zongjie/internal/pdf"
	"github.com/zongjie/zongjie/internal/script"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Format is an output format, named by its file extension.
type Format string

const (
	Markdown Format = "md"
	HTML     Format = "html"
	PDF      Format = "pdf"
	DOCX     Format = "docx"
)

// Formats lists every format in output order.
var Formats = []Format{Markdown, HTML, PDF, DOCX}

// ParseFormats reads a comma-separated list such as "md,pdf".
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(Formats, Format(f)) {
			return nil, fmt.Errorf("未知的输出格式 %q：可选 md、html、pdf、docx", f)
		}
		if !slices.Contains(out, Format(f)) {
			out = append(out, Format(f))
		}
	}
	if len(out) == 0 {
		return nil, errors.New("没有指定输出格式：可选 md、html、pdf、docx")
	}
	slices.SortFunc(out, func(a, b Format) int { return slices.Index(Formats, a) - slices.Index(Formats, b) })
	return out, nil
}

// Options configure a Builder.
type Options struct {
	Compose compose.Options
	// Faces overrides the embedded font of a role, and a sheet's [fonts].
	Faces map[font.Role]font.Face
}

// FromSpecs makes a Builder from a user template folder ("" for none) and
// font specs by role ("path", "path#index", or an installed font's family
// or file name: see font.Resolve), as the command line and a batch's
// [batch] table give them.
func FromSpecs(templates string, fonts map[font.Role]string) (*Builder, error) {
	var opt Options
	if templates != "" {
		if err := CheckTemplateDir(templates); err != nil {
			return nil, err
		}
		opt.Compose = compose.Options{Templates: files.DirFS(templates, files.Template), TemplatesDir: templates}
	}
	opt.Faces = map[font.Role]font.Face{}
	for _, role := range font.Roles {
		spec, ok := fonts[role]
		if !ok {
			continue
		}
		f, err := font.Resolve(spec, "")
		if err != nil {
			return nil, err
		}
		opt.Faces[role] = f
	}
	b, err := New(opt)
	if err != nil {
		return nil, err
	}
	b.templates, b.fontSpecs = templates, maps.Clone(fonts)
	return b, nil
}

// For returns the builder for a branch whose folder's [batch] settings are
// st: st's templates and fonts, except where the builder's own (the
// command line's) say otherwise. Builders are made once per setting.
func (b *Builder) For(st Settings) (*Builder, error) {
	if st.Templates == "" && len(st.Fonts) == 0 {
		return b, nil
	}
	templates := cmp.Or(b.templates, st.Templates)
	fonts := maps.Clone(st.Fonts)
	maps.Copy(fonts, b.fontSpecs)
	key := templates
	for _, r := range slices.Sorted(maps.Keys(fonts)) {
		key += "\x00" + string(r) + "=" + fonts[r]
	}
	if v, ok := b.derived.Load(key); ok {
		return v.(*Builder), nil
	}
	nb, err := FromSpecs(templates, fonts)
	if err != nil {
		return nil, err
	}
	v, _ := b.derived.LoadOrStore(key, nb)
	return v.(*Builder), nil
}

// CheckTemplateDir refuses a user template folder that is not one.
func CheckTemplateDir(dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("模板目录 %s 不存在或不是目录", dir)
	}
	return nil
}

// Builder renders sheets. It loads templates and fonts once and is safe for
// concurrent use.
type Builder struct {
	composer *compose.Composer
	// faces gives the embedded faces with the options' over them. They
	// are parsed on goroutines of their own from New on, while a build
	// reads, checks and composes its sheet.
	faces  func() (faceSet, error)
	fixed  map[font.Role]bool // roles the options set; a sheet cannot change them
	loaded sync.Map           // sheet folder + spec → font.Face, loaded once per process
	script script.Script      // --script; "" lets each sheet choose
	// The specs FromSpecs was given, and builders For made from them.
	templates string
	fontSpecs map[font.Role]string
	derived   sync.Map
}

// New prepares a Builder.
func New(opt Options) (*Builder, error) {
	faces := sync.OnceValues(func() (faceSet, error) {
		faces, err := font.DefaultSet()
		if err != nil {
			return faceSet{}, err
		}
		faces = maps.Clone(faces)
		for r, f := range opt.Faces {
			override(faces, r, f)
		}
		return faceSet{faces, metricsOf(faces)}, nil
	})
	go faces()
	c, err := compose.New(opt.Compose)
	if err != nil {
		return nil, err
	}
	fixed := map[font.Role]bool{}
	for r := range opt.Faces {
		fixed[r] = true
	}
	return &Builder{composer: c, fixed: fixed, faces: faces}, nil
}

// faceSet is a builder's faces and their metrics.
type faceSet struct {
	faces   map[font.Role]font.Face
	metrics map[font.Role]font.Metrics
}

// override puts a user's face in role r and keeps the face it replaces as
// a fallback, so a character the user's font lacks (Windows' simfang.ttf
// lacks many) still prints from the embedded one.
func override(faces map[font.Role]font.Face, r font.Role, f font.Face) {
	if old, ok := faces[r]; ok && old != f {
		if _, kept := faces[fallbackRole(r)]; !kept {
			faces[fallbackRole(r)] = old
		}
	}
	faces[r] = f
}

func fallbackRole(r font.Role) font.Role { return font.FallbackRole(r) }

func metricsOf(faces map[font.Role]font.Face) map[font.Role]font.Metrics {
	m := make(map[font.Role]font.Metrics, len(faces))
	for r, f := range faces {
		m[r] = f
	}
	return m
}

// facesFor applies a sheet's [fonts] over the builder's faces.
func (b *Builder) facesFor(s *sheet.Sheet) (map[font.Role]font.Face, map[font.Role]font.Metrics, diag.List) {
	specs := map[font.Role]string{font.RoleTitle: s.Fonts.Title, font.RoleHeading1: s.Fonts.Heading1,
		font.RoleHeading2: s.Fonts.Heading2, font.RoleBody: s.Fonts.Body}
	set, err := b.faces()
	if err != nil {
		return nil, nil, diag.List{diag.Errorf(s.File, 0, 0, "", "%s", err)}
	}
	var faces map[font.Role]font.Face
	var diags diag.List
	for _, r := range font.Roles {
		spec := specs[r]
		if spec == "" || b.fixed[r] {
			continue
		}
		f, err := b.load(spec, filepath.Dir(s.File))
		if err == nil {
			if faces == nil {
				faces = maps.Clone(set.faces)
			}
			override(faces, r, f)
			continue
		}
		field := "fonts." + string(r)
		if font.ErrNotFound(err) {
			diags = append(diags, s.Pos.ValueError(s.File, field, "font", "%s", err))
			continue
		}
		diags = append(diags, s.Pos.ValueError(s.File, field, "font", "%s（[fonts] 中的路径相对于事实表所在的文件夹）", err))
	}
	if faces == nil {
		return set.faces, set.metrics, diags
	}
	return faces, metricsOf(faces), diags
}

// load resolves a sheet's font spec relative to the sheet's folder, once
// per process for each spec and folder.
func (b *Builder) load(spec, base string) (font.Face, error) {
	key := base + "\x00" + spec
	if f, ok := b.loaded.Load(key); ok {
		return f.(font.Face), nil
	}
	f, err := font.Resolve(spec, base)
	if err != nil {
		return nil, err
	}
	f2, _ := b.loaded.LoadOrStore(key, f)
	return f2.(font.Face), nil
}

// Output is one rendered file.
type Output struct {
	Format Format
	Data   []byte
	// Doc is the block model every format of the render was made from.
	Doc *doc.Document
}

// Render produces the requested formats for a sheet of its own, decoded
// from src.
func (b *Builder) Render(s *sheet.Sheet, src []byte, formats []Format) ([]Output, diag.List) {
	l, diags := sheet.ParseLayer(s.File, src)
	if diags != nil {
		return nil, diags
	}
	return b.RenderMerged(sheet.Merge(nil, l), s, formats)
}

// RenderMerged produces the requested formats for s, decoded from m.
// Errors that stem from the sheet's text come back as diagnostics at the
// place in the file — branch or defaults — the text was written.
func (b *Builder) RenderMerged(m *sheet.Merged, s *sheet.Sheet, formats []Format) ([]Output, diag.List) {
	md, err := b.composer.Markdown(s)
	if err != nil {
		return nil, composeError(s, err)
	}
	md, diags := b.convert(s, md)
	if diags != nil {
		return nil, diags
	}
	return b.fromMarkdown(m, s, md, formats)
}

// RenderRollup renders a parent unit's roll-up over its branches (see
// compose.Rollup); m is the parent sheet merged over the defaults.
func (b *Builder) RenderRollup(m *sheet.Merged, parent *sheet.Sheet, branches []compose.Branch, formats []Format) ([]Output, diag.List) {
	md, err := b.composer.Rollup(parent, branches)
	if err != nil {
		return nil, composeError(parent, err)
	}
	md, diags := b.convert(parent, md)
	if diags != nil {
		return nil, diags
	}
	return b.fromMarkdown(m, parent, md, formats)
}

func composeError(s *sheet.Sheet, err error) diag.List {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return diag.List{d} // at its place in the sheet (document.kind)
	}
	var te *compose.TemplateError
	if errors.As(err, &te) {
		return diag.List{diag.Errorf(te.File, te.Line, te.Col, "", "模板错误：%s", te.Message).OfKind("template")}
	}
	return diag.List{diag.Errorf(s.File, 0, 0, "", "%s", err)}
}

// fromMarkdown parses the Markdown once into the block model and renders
// every format from it.
func (b *Builder) fromMarkdown(m *sheet.Merged, s *sheet.Sheet, md []byte, formats []Format) ([]Output, diag.List) {
	faces, metrics, fdiags := b.facesFor(s)
	if fdiags != nil {
		return nil, m.Attribute(fdiags)
	}
	// Every format, Markdown alone included, must be what the block model
	// accepts: HTML, PDF and DOCX read the Markdown strictly.
	parsed, err := doc.Parse(md)
	if err != nil {
		return nil, b.diagnose(m, s, err)
	}
	var out []Output
	for _, f := range formats {
		var data []byte
		switch f {
		case Markdown:
			data = md
		case HTML:
			data, err = html.RenderParsed(parsed, html.Options{})
		case PDF:
			data, err = b.pdf(s, parsed.Doc, faces, metrics)
		case DOCX:
			data, err = b.docx(s, parsed.Doc, metrics)
		}
		if err != nil {
			return nil, b.diagnose(m, s, err)
		}
		out = append(out, Output{f, data, parsed.Doc})
	}
	return out, nil
}

func (b *Builder) pdf(s *sheet.Sheet, d *doc.Document, faces map[font.Role]font.Face, metrics map[font.Role]font.Metrics) ([]byte, error) {
	res, err := layout.Layout(d, layout.NewOptions(metrics))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = pdf.Write(&buf, res, pdf.Options{
		Faces:   faces,
		Title:   plain(s.Document.Title),
		Author:  plain(s.Document.Unit),
		Subject: plain(s.Document.Task),
		Created: signatureDate(s),
	})
	return buf.Bytes(), err
}

// docx writes the Word file. The body face's metrics place the signature
// as in the PDF; the fonts themselves are named, not embedded.
func (b *Builder) docx(s *sheet.Sheet, d *doc.Document, metrics map[font.Role]font.Metrics) ([]byte, error) {
	body := metrics[font.RoleBody]
	var buf bytes.Buffer
	buf.Grow(16 << 10) // a summary's DOCX is 6–10 KB: one allocation
	err := docx.Write(&buf, d, docx.Options{
		Title:   plain(s.Document.Title),
		Creator: plain(s.Document.Unit),
		Subject: plain(s.Document.Task),
		Created: signatureDate(s),
		Advance: func(r rune) float64 {
			if a, ok := body.Advance(r); ok {
				return a
			}
			return docx.DefaultAdvance(r)
		},
	})
	return buf.Bytes(), err
}

func signatureDate(s *sheet.Sheet) time.Time {
	return time.Date(s.Document.Date.Year, time.Month(s.Document.Date.Month), s.Document.Date.Day, 0, 0, 0, 0, time.UTC)
}

func plain(s string) string { return strings.Join(strings.Fields(s), " ") }

// diagnose turns errors into diagnostics: every character no face has,
// at every place it is written in the branch or defaults file (each
// character once when a template wrote it), so the user sees them all at
// once.
func (b *Builder) diagnose(m *sheet.Merged, s *sheet.Sheet, err error) diag.List {
	var all layout.MissingGlyphs
	if errors.As(err, &all) {
		var out diag.List
		for _, mg := range all {
			places := m.LocateAll(mg.Rune)
			if len(places) == 0 {
				places = []sheet.Place{{File: s.File}}
			}
			for _, p := range places {
				out = append(out, glyphDiag(p.File, p.Line, p.Col, mg))
			}
		}
		return out.Sort()
	}
	return diag.List{b.diagnoseOther(s, err)}
}

func glyphDiag(file string, line, col int, mg *layout.MissingGlyphError) diag.Diagnostic {
	if unicode.In(mg.Rune, unicode.Cf, unicode.Zs) {
		// Invisible: the user cannot see what to replace.
		return diag.Errorf(file, line, col, "",
			"文字中有不可见的字符 %s（零宽字符、方向控制符或特殊空格，常见于从网页或 Word 复制的文字），无法排版：请删除它，空格请用普通空格",
			mg.CodePoint()).OfKind("invisible-character")
	}
	return diag.Errorf(file, line, col, "",
		"字符“%c”（%s）在内置字体和指定的字体中都没有字形，无法排版：请用 --font 或 [fonts] 指定含有该字的字体（如 Windows 的 simsunb.ttf、Linux 的 HanaMinB.ttf）",
		mg.Rune, mg.CodePoint()).OfKind("missing-glyph")
}

func (b *Builder) diagnoseOther(s *sheet.Sheet, err error) diag.Diagnostic {
	var de *doc.Error
	if errors.As(err, &de) {
		// The sheet's text is escaped, so structure the block model
		// refuses comes from a template; the line is the Markdown's.
		where := "生成的 Markdown"
		if de.Line > 0 {
			where += fmt.Sprintf(" 第 %d 行", de.Line)
		}
		return diag.Errorf(s.File, 0, 0, "", "%s：%s。事实表中的文字不会产生这种结构，是模板写出的：请检查模板", where, de.Msg).OfKind("template")
	}
	return diag.Errorf(s.File, 0, 0, "", "%s", err)
}

// Result reports what one build did.
type Result struct {
	Sheet   string
	Written []string // paths, in format order
	Diags   diag.List
}

// File builds the sheet at path — laid over its folder's defaults, if
// any, as batch does — and writes its outputs into dir as NAME.md,
// NAME.html, NAME.pdf and NAME.docx, NAME being the sheet's file name.
// Every output is rendered before any is written, so a failure writes
// nothing; they are written together, with one sync.
func (b *Builder) File(path, dir string, formats []Format) Result {
	return b.FileFrom(path, nil, dir, formats)
}

// FileFrom is File where the path "-" reads the sheet from in and names
// the outputs stdin.md, stdin.html ….
func (b *Builder) FileFrom(path string, in io.Reader, dir string, formats []Format) Result {
	return b.FileOf(Read(path, in), dir, formats)
}

// FileOf is File of a sheet already read.
func (b *Builder) FileOf(in *Input, dir string, formats []Format) Result {
	path := in.Path
	res := Result{Sheet: path}
	if i := strings.IndexFunc(filepath.Base(path), unicode.IsControl); i >= 0 {
		// The outputs are named after the sheet: a line end in a file
		// name would reach them, and every message about them.
		r, _ := utf8.DecodeRuneInString(filepath.Base(path)[i:])
		res.Diags = diag.List{diag.Errorf(path, 0, 0, "", "文件名含有控制字符 U+%04X：输出文件以事实表命名，请改文件名", r)}
		return res
	}
	outs, diags := b.OutputsOf(in, formats)
	res.Diags = diags
	if diags.HasErrors() || outs == nil {
		return res
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if path == StdinPath {
		name = Stdin
	}
	// One sync for all the files. A file that cannot be started writes
	// none; one that fails to be put in place fails alone.
	g := atomicfile.NewGroup(atomicfile.Hooks{})
	staged := make([]*atomicfile.Pending, len(outs))
	for i, o := range outs {
		p := filepath.Join(dir, name+"."+string(o.Format))
		var d diag.List
		if staged[i], d = StageOutput(g, path, p, o.Data); d != nil {
			g.Abort()
			res.Diags = append(res.Diags, d...)
			return res
		}
	}
	g.Commit()
	for _, st := range staged {
		if _, d := Committed(path, st); d != nil {
			res.Diags = append(res.Diags, d...)
			continue
		}
		res.Written = append(res.Written, st.Path)
	}
	return res
}

// StdinPath is the sheet name that means standard input; Stdin names it
// in messages and outputs.
const (
	StdinPath = "-"
	Stdin     = "stdin"
)

// Outputs loads, checks and renders the sheet at path without writing:
// "-" reads the sheet from in (standard input), which has no folder and so
// no defaults. Warnings come back with the outputs; an error means none.
func (b *Builder) Outputs(path string, in io.Reader, formats []Format) ([]Output, diag.List) {
	return b.OutputsOf(Read(path, in), formats)
}

// Input is a sheet read, laid over its folder's defaults, decoded and
// checked: what a Builder renders. Reading and checking need no Builder,
// so a command can read its first sheet while the Builder parses its
// templates.
type Input struct {
	Path   string
	m      *sheet.Merged
	s      *sheet.Sheet
	st     Settings
	loaded diag.List // reading and decoding; an error stops there
	checks diag.List // check.Sheet's
}

// Read reads, decodes and checks the sheet at path as Outputs does ("-"
// reads in).
func Read(path string, in io.Reader) *Input {
	r := &Input{Path: path}
	if path == StdinPath {
		src, d := sheet.ReadSourceFrom(Stdin, in)
		if d != nil {
			r.loaded = d
			return r
		}
		l, d := sheet.ParseLayer(Stdin, src) // encoding and syntax as for a file
		if d != nil {
			r.loaded = d
			return r
		}
		r.m = sheet.Merge(nil, l)
		r.s, r.loaded = r.m.Decode()
	} else {
		r.m, r.s, r.st, r.loaded = Load(path)
	}
	if !r.loaded.HasErrors() {
		// The checks run first: errors stop the build with nothing
		// written, warnings are reported and the build goes on.
		r.checks = r.m.Attribute(check.Sheet(r.s))
	}
	return r
}

// OutputsOf is Outputs of a sheet already read.
func (b *Builder) OutputsOf(in *Input, formats []Format) ([]Output, diag.List) {
	diags := slices.Clip(in.loaded) // appends below must not write into in
	if diags.HasErrors() {
		return nil, diags
	}
	bld, err := b.For(in.st)
	if err != nil {
		return nil, append(diags, diag.Errorf(filepath.Join(filepath.Dir(in.Path), DefaultsFile), 0, 0, "batch", "%s", err).OfKind("batch"))
	}
	diags = append(diags, in.checks...)
	if diags.HasErrors() {
		return nil, diags
	}
	outs, rd := bld.RenderMerged(in.m, in.s, formats)
	if rd != nil {
		return nil, append(diags, rd...)
	}
	return outs, diags
}

// WriteOutput writes data to path atomically and returns what is there
// now. A failure is a diagnostic about from, the file the output was made
// from, saying why in Chinese; path is then untouched.
func WriteOutput(from, path string, data []byte) (os.FileInfo, diag.List) {
	err := atomicfile.Write(path, data, 0o666)
	var info os.FileInfo
	if err == nil {
		info, err = os.Stat(path)
	}
	if err != nil {
		return nil, writeError(from, path, err)
	}
	return info, nil
}

// StageOutput is WriteOutput through a group: data waits in a temp file
// for g's commit, after which Committed tells what came of it.
func StageOutput(g *atomicfile.Group, from, path string, data []byte) (*atomicfile.Pending, diag.List) {
	p, err := g.Write(path, data, 0o666)
	if err != nil {
		return nil, writeError(from, path, err)
	}
	return p, nil
}

// Committed is what is at a staged output's path after its group's
// commit, or the diagnostic WriteOutput would give.
func Committed(from string, p *atomicfile.Pending) (os.FileInfo, diag.List) {
	info, err := p.Result()
	if err != nil {
		return nil, writeError(from, p.Path, err)
	}
	return info, nil
}

func writeError(from, path string, err error) diag.List {
	return diag.List{diag.Errorf(from, 0, 0, "", "无法写入 %s：%s", path, files.WriteReason(err)).OfKind("write")}
}
