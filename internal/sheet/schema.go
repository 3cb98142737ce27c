package sheet

import "fmt"

// Version is the fact-sheet format this package reads.
const Version = 1

// Sheet is a decoded fact sheet, format version 1 (docs/factsheet.md).
//
// It holds facts only: names, dates, counts and the user's own sentences.
// All connecting prose lives in the templates.
type Sheet struct {
	Version    int         `toml:"version"`
	Document   Document    `toml:"document" required:"true"`
	Directives []Directive `toml:"directives"`
	Figures    Figures     `toml:"figures"`
	Methods    []Item      `toml:"methods"`  // 一、方式灵活: one （一） per review method
	Contents   []Item      `toml:"contents"` // 二、内容具体: one （一） per thing reviewed
	Effects    Effects     `toml:"effects"`  // 三、效果明显
	Problems   []Item      `toml:"problems"` // 存在的问题和不足
	Measures   []Item      `toml:"measures"` // 整改措施
	Plans      []Item      `toml:"plans"`    // 下步打算: what comes next, in the future tense
	Sections   []Section   `toml:"sections"` // sections of the user's own, after the standard ones
	// Order, when given, lists the sections to print and their order: the
	// standard names (methods, contents, effects, problems, measures,
	// plans, basics), custom section titles, and preamble and closing. It
	// replaces the kind's structure.
	Order  []string `toml:"order"`
	Counts []Count  `toml:"counts"` // figures of the user's own, referenced as {id}
	// Names are words and phrases of the user's own, referenced as {id}
	// like figures, so a name is typed once: secretary = "支部书记李华".
	Names map[string]string `toml:"names"`
	// Preamble is the clerk's own opening; Closing a last paragraph
	// without a heading, before the signature.
	Preamble Preamble `toml:"preamble"`
	Closing  Closing  `toml:"closing"`
	// Parts replace a standard section's heading or give its lead sentence.
	Parts Parts `toml:"parts"`
	Fonts Fonts `toml:"fonts"`
	Sums  []Sum `toml:"sums"` // totals that must equal the sum of their parts

	// Tables are tables of the clerk's own (tables.go).
	Tables []Table `toml:"tables"`

	// File is the path the sheet was read from (not a TOML key).
	File string `toml:"-"`
	// Variant picks the kind's wordings for a branch of a batch: its place
	// among the folder's sheets (not a TOML key; 0 for a single sheet).
	Variant int `toml:"-"`
	// Pos maps a field path ("methods[0].events[1].text") to where its key
	// or value stands in the file (not a TOML key).
	Pos Positions `toml:"-"`
}

// Document describes the summary as a whole.
type Document struct {
	Title string `toml:"title" required:"true"` // 标题
	Unit  string `toml:"unit" required:"true"`  // 单位全称, printed in the signature
	Self  string `toml:"self" required:"true"`  // 自称: 我局, 我校, 我办事处
	// Leader is the body that led the work (局党组, 办事处党委); the
	// subject of the preamble. Empty: the unit's self-reference.
	Leader   string `toml:"leader"`
	Activity string `toml:"activity"`             // 所属活动: 创先争优活动
	Task     string `toml:"task" required:"true"` // 所总结的工作: 领导点评
	// Verb is the short word for the work used in headings (点评 → 点评方式灵活).
	Verb   string  `toml:"verb"`
	Date   Date    `toml:"date" required:"true"` // 成文日期
	Period *Period `toml:"period"`
	// Reach lists whom the work reached: 科室, 分局, 党支部, 全体党员.
	Reach []string `toml:"reach"`
	Draft bool     `toml:"draft"` // prints （讨论稿） under the title
	// Stage is a sentence-free note on where the work stands, e.g.
	// 第一次点评已经完成，第二次点评正在进行.
	Stage string `toml:"stage"`
	// Kind picks the kind of summary (zongjie kinds lists them): its
	// headings, lead sentences and verbs. Empty: 领导点评.
	Kind string `toml:"kind"`
	// The parts of a 报告 (GB/T 9704), all optional: 主送机关, 附件说明,
	// and the 版记's 抄送 and 印发机关/印发日期.
	To          string   `toml:"to"`          // 县委创先争优活动领导小组
	Attachments []string `toml:"attachments"` // the attachments' names
	CC          []string `toml:"cc"`          // 抄送机关
	IssuedBy    string   `toml:"issued_by"`   // 印发机关: 县规划局办公室
	IssuedOn    *Date    `toml:"issued_on"`   // 印发日期
	// Script is the script of every output: "hans" (default) or "hant"
	// (Traditional; converted after compose, names never: internal/script).
	Script string `toml:"script"`
	// Typed = "hant" says the sheet's own text is Traditional already, so
	// only the template prose is converted.
	Typed string `toml:"typed"`
}

// Preamble is the clerk's own opening paragraph.
type Preamble struct {
	Text string `toml:"text"`
	// Replace drops the generated opening; otherwise Text follows it,
	// before 现将有关情况总结如下.
	Replace bool `toml:"replace"`
}

// Closing is a paragraph after the last section, without a heading.
type Closing struct {
	Text string `toml:"text"`
}

// Parts holds the clerk's heading and lead sentence for each standard
// section; what is left empty comes from the kind.
type Parts struct {
	Basics   Part `toml:"basics"`
	Methods  Part `toml:"methods"`
	Contents Part `toml:"contents"`
	Effects  Part `toml:"effects"`
	Problems Part `toml:"problems"`
	Measures Part `toml:"measures"`
	Plans    Part `toml:"plans"`
}

// Get returns the part of the standard section name.
func (p *Parts) Get(name string) Part {
	switch name {
	case "basics":
		return p.Basics
	case "methods":
		return p.Methods
	case "contents":
		return p.Contents
	case "effects":
		return p.Effects
	case "problems":
		return p.Problems
	case "measures":
		return p.Measures
	case "plans":
		return p.Plans
	}
	return Part{}
}

// Part is one standard section's heading and lead, in the clerk's words.
type Part struct {
	Title string `toml:"title"` // replaces the kind's heading (without 一、)
	Lead  string `toml:"lead"`  // the section's first paragraph
}

// Period is the activity period.
type Period struct {
	From Date `toml:"from" required:"true"`
	To   Date `toml:"to" required:"true"`
}

// Directive is a document the work answers to.
type Directive struct {
	Issuer string `toml:"issuer"`                // 县委创先争优活动领导小组
	Title  string `toml:"title" required:"true"` // without 《》
	Number string `toml:"number"`                // 张创组〔2010〕13号
}

// Figures are the organisation's counts. Zero means not given.
type Figures struct {
	Branches     int `toml:"branches"`     // 党支部
	Members      int `toml:"members"`      // 党员
	Probationary int `toml:"probationary"` // 预备党员 (of Members)
	Participants int `toml:"participants"` // 参与的党员
	Leaders      int `toml:"leaders"`      // 领导班子成员
	Suggestions  int `toml:"suggestions"`  // 收到的意见建议
}

// Fonts maps typographic roles to TrueType files, relative to the sheet's
// folder; "file.ttc#1" picks a face of a collection. --font and
// ZONGJIE_FONT_* take precedence.
type Fonts struct {
	Title    string `toml:"title"`
	Heading1 string `toml:"heading1"`
	Heading2 string `toml:"heading2"`
	Body     string `toml:"body"`
}

// Count is a figure of the user's own. Text anywhere in the sheet refers
// to it as {id}; a count without a value is computed from a Sum.
type Count struct {
	ID    string `toml:"id" required:"true"` // ASCII name: kept, made
	Label string `toml:"label"`              // what is counted: 已兑现承诺
	Unit  string `toml:"unit"`               // measure word: 项
	Value *int   `toml:"value"`
	// Last is the same figure a year earlier: the summary gives 同比.
	Last *int `toml:"last"`
}

// Sum declares that a total equals the sum of its parts, e.g. made = kept +
// pending, or members = leaders + others. Names are figure keys or count ids.
type Sum struct {
	Total string   `toml:"total" required:"true"`
	Parts []string `toml:"parts" required:"true"`
}

// Item is one numbered point: a heading and what stands under it.
type Item struct {
	Name string `toml:"name"` // heading text; empty: the item runs as a paragraph
	Text string `toml:"text"` // the user's own paragraph(s), blank line between paragraphs
	// Ways are the forms the item took, enumerated 一是……二是…….
	Ways   []Way   `toml:"ways"`
	Events []Event `toml:"events"`
	// Outcomes are concrete results, enumerated 一是……二是…….
	Outcomes []Outcome `toml:"outcomes"`
}

// Way is one form a method took (一是召开……进行点评).
type Way struct {
	Form   string  `toml:"form" required:"true"` // 召开全体党员参加的创先争优汇报会
	Text   string  `toml:"text"`
	Events []Event `toml:"events"`
}

// Event is one dated occurrence: who did what, where, with whom, on what.
type Event struct {
	Dates []Date `toml:"dates"`
	Month int    `toml:"month"` // when only the month is known (3月中旬 → month=3, part="中旬")
	Part  string `toml:"part"`  // 上旬, 中旬, 下旬
	// Action says what happened, as a verb phrase: 开展安全宣传咨询,
	// 组织应急演练, 讲授专题党课. Empty: the kind's default verb.
	Action   string   `toml:"action"`
	Place    string   `toml:"place"`    // 县城人民广场: 在……
	By       []Person `toml:"by"`       // who acted
	Heard    *Report  `toml:"heard"`    // a report heard first
	Occasion string   `toml:"occasion"` // 领导班子专题民主生活会
	Invited  []string `toml:"invited"`  // 政风行风评议员
	Targets  []Target `toml:"targets"`  // who or what was reviewed
	Aspects  []string `toml:"aspects"`  // 从……等方面
	Text     string   `toml:"text"`     // anything else, as the user's own sentence
	// Suggestions counts the suggestions this event brought in; 0 is
	// said (未收到意见建议), absent is silence.
	Suggestions Amount `toml:"suggestions"`
	// Each says every date, group or person had an occasion of its own
	// (分别); with as many dates as invited groups it is assumed.
	Each bool `toml:"each"`
}

// Amount is a count written as a number (86) or as a figure's name
// ("{companies}"), so a number typed once in [[counts]] is used
// everywhere.
type Amount struct {
	N   int
	Ref string // the figure's name, without braces
	Set bool   // written in the sheet: 0 is a fact, absent is silence
}

// Person is a name with its title (党组书记高峰).
type Person struct {
	Title string `toml:"title"` // 党组书记; a title alone is fine (各党支部书记)
	Name  string `toml:"name"`
}

// Report is a report heard at an event (听取纪检组长李润干关于……的汇报).
type Report struct {
	By    Person `toml:"by" required:"true"`
	Topic string `toml:"topic" required:"true"`
}

// Target is who or what was reviewed, optionally counted (5名班子成员).
type Target struct {
	Who   string `toml:"who" required:"true"`
	Count Amount `toml:"count"`
	Unit  string `toml:"unit"` // measure word; empty: from the lexicon by Who (名, 家, 所)
}

// Effects is 三、效果明显.
type Effects struct {
	// Steps are what was set up to secure the work (成立了领导小组).
	Steps []string `toml:"steps"`
	// Records are what the ledgers recorded (点评领导, 点评时间).
	Records []string `toml:"records"`
	Text    string   `toml:"text"`
	Items   []Item   `toml:"items"`
}

// Outcome is one concrete result, optionally with awards.
type Outcome struct {
	Text   string   `toml:"text" required:"true"`
	Awards []string `toml:"awards"`
}

// Section is a section of the user's own (坚持的原则).
type Section struct {
	Title string `toml:"title" required:"true"`
	// After names the standard section this one follows: preamble,
	// methods, contents, effects, problems or measures. Empty: at the end.
	After string `toml:"after"`
	Text  string `toml:"text"`
	Items []Item `toml:"items"`
}

// Date is a calendar date without time or zone (a TOML local date).
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }
