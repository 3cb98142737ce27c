package doc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// New returns the goldmark every writer uses, so that HTML and PDF read the
// same Markdown the same way: CJK line breaks (a soft break between two
// hanzi is no space), fenced divs, no heading attributes, and raw HTML never
// passed through (goldmark's safe default), and soft line breaks in the HTML
// where the block model has spaces (breakRenderer).
func New() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft)),
		extension.Table,
		Divs,
	), goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&breakRenderer{}, 100))))
}

// Error is Markdown the block model cannot hold.
type Error struct {
	Line int    // 1-based; 0 when the problem is the document as a whole
	Msg  string // Simplified Chinese, for the user
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("第%d行：%s", e.Line, e.Msg)
	}
	return e.Msg
}

// FromMarkdown parses src with New and reads it into blocks.
func FromMarkdown(src []byte) (*Document, error) {
	p, err := Parse(src)
	if err != nil {
		return nil, err
	}
	return p.Doc, nil
}

// Parsed is Markdown parsed once: goldmark's tree, which the HTML writer
// renders, and the block model read from it, which layout and watch use.
type Parsed struct {
	Src  []byte
	Root ast.Node
	Doc  *Document
	md   goldmark.Markdown
}

// Renderer is the goldmark renderer that matches the parser.
func (p *Parsed) Renderer() renderer.Renderer { return p.md.Renderer() }

// ParseHook, when set, is called on every parse of Markdown: tests count
// parses with it. Every parse in zongjie goes through Parse.
var ParseHook func()

// Parse parses src with New and reads it into blocks (see FromAST).
func Parse(src []byte) (*Parsed, error) {
	if ParseHook != nil {
		ParseHook()
	}
	m := New()
	root := m.Parser().Parse(text.NewReader(src))
	d, err := FromAST(root, src)
	if err != nil {
		return nil, err
	}
	return &Parsed{Src: src, Root: root, Doc: d, md: m}, nil
}

// FromAST reads a document parsed by New's parser into blocks. It is strict:
// anything the generator never writes (lists, quotes, code, raw HTML, fifth
// level headings, unknown divs) is an *Error naming its line, so a template
// that uses it fails loudly instead of losing text in the PDF.
func FromAST(root ast.Node, src []byte) (*Document, error) {
	r := reader{src: src}
	// goldmark's renderer panics on some invalid UTF-8 (a soft break
	// before a stray byte), and no writer can set such text anyway.
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			c, n := utf8.DecodeRune(src[i:])
			if c == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, &Error{Line: r.lineAt(i), Msg: "含有无效的 UTF-8 字节：Markdown 应以 UTF-8 编码保存"}
	}
	d := &Document{}
	var title ast.Node
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		b, err := r.block(n)
		if err != nil {
			return nil, err
		}
		if b.Kind == Title {
			if title != nil {
				return nil, r.errorf(n, "标题（# 开头的一行）只能有一个，第%d行已有标题", r.line(title))
			}
			title = n
		}
		d.Blocks = append(d.Blocks, b)
	}
	if title == nil {
		return nil, &Error{Msg: "缺少标题：文档中应有一行以 # 开头的标题"}
	}
	return d, nil
}

type reader struct {
	src []byte
}

var headingKinds = [...]Kind{1: Title, 2: Heading1, 3: Heading2, 4: Heading3}

func (r *reader) block(n ast.Node) (Block, error) {
	switch n := n.(type) {
	case *ast.Heading:
		if n.Level >= len(headingKinds) {
			return Block{}, r.errorf(n, "不支持 %d 级标题（最多 4 级：# ## ### ####）", n.Level)
		}
		s, err := r.text(n)
		if err != nil {
			return Block{}, err
		}
		if s == "" {
			return Block{}, r.errorf(n, "标题内容为空")
		}
		return Block{Kind: headingKinds[n.Level], Text: s}, nil
	case *ast.Paragraph:
		if err := r.fenceLike(n); err != nil {
			return Block{}, err
		}
		s, err := r.text(n)
		return Block{Kind: Paragraph, Text: s}, err
	case *Div:
		return r.div(n)
	}
	return Block{}, r.unsupported(n)
}

func (r *reader) div(n *Div) (Block, error) {
	var kind Kind
	switch n.Class {
	case "signature":
		kind = Signature
	case "subtitle":
		kind = Subtitle
	case "table":
		return r.table(n)
	case "to":
		kind = Recipient
	case "attachments":
		kind = Attachments
	case "imprint":
		kind = Imprint
	default:
		return Block{}, r.errorf(n, "不支持的块 ::: %s（只支持 ::: signature、::: subtitle、::: table、::: to、::: attachments 和 ::: imprint）", n.Class)
	}
	var lines []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*ast.Paragraph)
		if !ok {
			if _, isDiv := c.(*Div); isDiv {
				return Block{}, r.errorf(c, "::: %s 块中只能有段落，不能再嵌套 ::: 块", n.Class)
			}
			if _, known := unsupportedNames[c.Kind()]; known {
				return Block{}, r.unsupported(c)
			}
			return Block{}, r.errorf(c, "::: %s 块中只能有段落", n.Class)
		}
		if err := r.fenceLike(p); err != nil {
			return Block{}, err
		}
		s, err := r.text(p)
		if err != nil {
			return Block{}, err
		}
		lines = append(lines, s)
	}
	switch {
	case len(lines) == 0:
		return Block{}, r.errorf(n, "::: %s 块是空的", n.Class)
	case kind == Signature && len(lines) != 2:
		return Block{}, r.errorf(n, "落款应为两段：单位名称、成文日期，中间空一行；这里有 %d 段", len(lines))
	}
	return Block{Kind: kind, Text: strings.Join(lines, "\n"), Lines: lines}, nil
}

// fenceLike catches a paragraph line that looks like a div fence but did
// not parse as one: a ":::" with no open div, or an opening line with a
// malformed class. goldmark keeps such lines as text, which would end up
// printed; in a template they are almost surely mistakes.
func (r *reader) fenceLike(p *ast.Paragraph) error {
	lines := p.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := seg.Value(r.src)
		if colons(util.TrimLeftSpace(line)) < 3 {
			continue
		}
		msg := "无法识别的 ::: 开始行：::: 后应是一个类名（字母、数字、- 或 _），如 ::: signature"
		if isDivCloser(line, 0) {
			msg = "多余的 ::: 结束行，前面没有对应的 ::: 开始行"
		}
		return &Error{Line: r.lineAt(seg.Start), Msg: msg}
	}
	return nil
}

// unsupportedNames names, for the user, the CommonMark structures the block
// model has no place for.
var unsupportedNames = map[ast.NodeKind]string{
	ast.KindList:            "列表",
	ast.KindListItem:        "列表",
	ast.KindBlockquote:      "引用块",
	ast.KindCodeBlock:       "代码块",
	ast.KindFencedCodeBlock: "代码块",
	ast.KindHTMLBlock:       "HTML 代码",
	ast.KindRawHTML:         "HTML 代码",
	ast.KindThematicBreak:   "分隔线",
	ast.KindImage:           "图片",
	east.KindTable:          "表格",
}

func (r *reader) unsupported(n ast.Node) error {
	name, ok := unsupportedNames[n.Kind()]
	if !ok {
		name = n.Kind().String()
	}
	return r.errorf(n, "不支持的 Markdown 结构（%s）", name)
}

func (r *reader) errorf(n ast.Node, format string, args ...any) *Error {
	return &Error{Line: r.line(n), Msg: fmt.Sprintf(format, args...)}
}

// line is the 1-based line where n starts: its own position, or its first
// segment, or failing both its parent's.
func (r *reader) line(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return r.lineAt(p)
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				return r.lineAt(n.Segments.At(0).Start)
			}
		case *ast.Text:
			return r.lineAt(n.Segment.Start)
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return r.lineAt(n.Lines().At(0).Start)
		}
	}
	return 0
}

func (r *reader) lineAt(offset int) int {
	offset = min(max(offset, 0), len(r.src))
	return 1 + bytes.Count(r.src[:offset], []byte{'\n'})
}
