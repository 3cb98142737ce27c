// Package doc is the block model of a summary, read back from its Markdown.
//
// Markdown is the one source of truth; the PDF side walks goldmark's AST into
// this small model so that layout never sees Markdown syntax.
package doc

// Kind says what role a block plays in the document.
type Kind int

const (
	Title     Kind = iota // "# text": the document title
	Subtitle              // "::: subtitle" div: e.g. the draft marker （讨论稿）
	Heading1              // "## 一、…"
	Heading2              // "### （一）…"
	Heading3              // "#### 1. …"
	Paragraph             // body text
	Signature             // "::: signature" div: Lines[0] is the unit, Lines[1] the date
	Table                 // "::: table" div: a caption paragraph and a pipe table
	// The parts of a 报告 (GB/T 9704), each a div of paragraphs in Lines:
	Recipient   // "::: to": 主送机关, e.g. 县委创先争优活动领导小组：
	Attachments // "::: attachments": 附件：1. … then 2. …, one line each
	Imprint     // "::: imprint": 版记: 抄送：…。, 印发机关, …印发
)

// Block is one title, heading, paragraph or signature.
type Block struct {
	Kind Kind
	// Text is the literal text, Markdown escapes resolved. For Signature it
	// is the lines joined with "\n".
	Text string
	// Lines holds the separate lines of a multi-line block (Signature,
	// Subtitle); nil otherwise.
	Lines []string
	// Table holds a Table block's cells; its Text is the caption.
	Table *TableData
}

// Align is a table column's alignment.
type Align int

const (
	AlignLeft Align = iota
	AlignRight
	AlignCenter
)

// TableData is a table: a header row and body rows of equal length, the
// cells' literal text, and each column's alignment.
type TableData struct {
	Header []string
	Rows   [][]string
	Align  []Align
}

// Document is the ordered list of blocks.
type Document struct {
	Blocks []Block
}
