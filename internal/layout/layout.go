package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
)

// eps absorbs floating-point noise when comparing widths in pt.
const eps = 1e-6

// Layout sets d on A4 pages by the typesetting contract. It fails with
// MissingGlyphs, one *MissingGlyphError per character no face has (at its
// first place), if there are such characters, and on invalid UTF-8. The
// result depends only on d and opt.
//
// Choices where the contract is silent:
//   - Body lines are justified to the full 156 mm text block (Options.TextWidth).
//   - A line's baseline is its grid top plus the block role's ascent, so every
//     run of a line shares one baseline even when a fallback face draws some.
//   - A line that would end badly takes in the text up to the next break
//     opportunity if squeezing blank halves of 、，。：；”）》 etc. (last gap
//     first, never the gap after the line's last glyph) makes it fit; else the
//     tail goes to the next line. Marks already compressed as a pair (1.5
//     characters) are not squeezed further.
//   - Title lines are TitleLeading apart; the body resumes on the first grid
//     line below the title, after one blank grid line (after the subtitle when
//     there is one). A long title is broken to minimise its widest line.
//   - The widow/orphan rule applies to paragraphs of 3+ lines, as the contract
//     says; a 2-line paragraph may split 1+1.
//   - A signature that does not fit with its blank line goes to the next page
//     without the blank line.
//   - An unbreakable stretch wider than a line (a long URL) is broken where
//     it overflows.
func Layout(d *doc.Document, opt Options) (*Result, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	l := newLayouter(opt)
	blocks := make([]blockOut, len(d.Blocks))
	for bi := range d.Blocks {
		if err := l.block(bi, &d.Blocks[bi], &blocks[bi]); err != nil {
			return nil, err
		}
	}
	if len(l.missing) > 0 {
		return nil, l.missing
	}
	pages := paginate(opt, blocks)
	for pi := range pages {
		folio, err := l.folio(pages[pi].Number)
		if err != nil {
			return nil, err
		}
		pages[pi].Lines = append(pages[pi].Lines, folio)
	}
	return &Result{Width: opt.PageWidth, Height: opt.PageHeight, Pages: pages}, nil
}

// item is one rune of the text being set, with what line breaking and
// justification need to know about it. Items live in a scratch slice
// reused for every block, so setting text allocates per line, not per rune.
type item struct {
	off   int  // byte offset of the rune in the text
	r     rune // the rune
	role  int  // index into layouter.roles of the face that draws it
	brk   bool // a line may break before this item
	space bool // hangs at a line end
	sq    bool // the gap before it is squeezed to fit the current line
	adv   float64
	// gap is the fixed change to the gap before this item, in pt: minus
	// the compression of adjacent punctuation, plus the Latin–hanzi gap.
	gap float64
	// extra is the blank in the gap before this item that may be squeezed
	// further when a line would otherwise end badly.
	extra float64
	// fixedCut marks a gap compressed by half an em whatever the line
	// (adjacent marks); cutPrev says whose blank half a cut gap (fixed or
	// squeezed) removes: the previous mark's right half, else this mark's
	// left half. That glyph is drawn half-width (Run.Halves).
	fixedCut, cutPrev bool
}

// seg is one line of items: [s, t) is set, [t, e) are trailing spaces
// that hang past the line's end.
type seg struct{ s, t, e int }

type layouter struct {
	opt   Options
	roles []font.Role    // font.Roles, then any extra (fallback) roles, sorted
	faces []font.Metrics // by index into roles
	// order[i] lists the faces tried for a character of roles[i], by
	// index (font.FallbackOrder).
	order [][]int
	text  string // text of the items
	it    []item
	cum   []float64 // cum[i] = Σ_{j<i} adv_j + gap_j
	xcum  []float64 // xcum[i] = Σ_{j<i} extra_j
	segs  []seg
	runs  []Run // arena the lines' Runs are cut from
	// brkAt[i] is the first j >= i with a break opportunity before it,
	// or len(it): resolve looks it up instead of scanning a long run
	// without breaks once per line.
	brkAt []int
	// scanned counts the items fit and resolve step over, so that a test
	// can check the line breaking is linear in the paragraph.
	scanned int
	// missing collects the characters no face has, each once, so that the
	// user hears of all of them at once.
	missing MissingGlyphs
	seen    map[rune]bool
	halves  []Half // arena the Runs' Halves are cut from
}

func newLayouter(opt Options) *layouter {
	l := &layouter{opt: opt, roles: slices.Clone(font.Roles)}
	var extra []font.Role
	for r := range opt.Faces {
		if !slices.Contains(font.Roles, r) {
			extra = append(extra, r)
		}
	}
	slices.Sort(extra)
	l.roles = append(l.roles, extra...)
	l.faces = make([]font.Metrics, len(l.roles))
	var have []font.Role
	for i, r := range l.roles {
		l.faces[i] = opt.Faces[r]
		if l.faces[i] != nil {
			have = append(have, r)
		}
	}
	l.order = make([][]int, len(l.roles))
	for i, r := range l.roles {
		for _, f := range font.FallbackOrder(r, have) {
			l.order[i] = append(l.order[i], slices.Index(l.roles, f))
		}
	}
	return l
}

// blockOut is a block set into lines, not yet placed on pages.
type blockOut struct {
	kind  doc.Kind
	lines []Line
	// ascent is the distance from a line's top to its baseline, in pt.
	ascent float64
	// titleSize is the font size of title lines (they are not on the grid).
	titleSize float64
	// table is a Table block's rows (table.go).
	table *tableOut
	// imprint is the 版记's rules and the index of its 印发 line (report.go).
	imprint *imprintOut
}

func roleIndex(r font.Role) int {
	for i, x := range font.Roles {
		if x == r {
			return i
		}
	}
	return len(font.Roles) - 1
}

// ascent returns the ascent of the role's face in em, or of the first face
// there is when the role has none.
func (l *layouter) ascent(role int) float64 {
	if f := l.faces[role]; f != nil {
		return f.Ascent()
	}
	for _, f := range l.faces {
		if f != nil {
			return f.Ascent()
		}
	}
	return 0
}

func blockRole(k doc.Kind) font.Role {
	switch k {
	case doc.Title:
		return font.RoleTitle
	case doc.Heading1:
		return font.RoleHeading1
	case doc.Subtitle, doc.Heading2:
		return font.RoleHeading2
	}
	return font.RoleBody
}

// block sets one block into lines at their horizontal positions.
func (l *layouter) block(bi int, b *doc.Block, out *blockOut) error {
	o := &l.opt
	role := roleIndex(blockRole(b.Kind))
	size := o.BodySize
	switch b.Kind {
	case doc.Title:
		size = o.TitleSize
	case doc.Imprint:
		size = o.FolioSize // 版记 in 四号
	}
	*out = blockOut{kind: b.Kind, ascent: l.ascent(role) * size, titleSize: size}
	switch b.Kind {
	case doc.Recipient:
		return l.recipient(bi, b, role, size, out)
	case doc.Attachments:
		return l.attachments(bi, b, role, size, out)
	case doc.Imprint:
		return l.imprint(bi, b, role, size, out)
	case doc.Title:
		if err := l.build(b.Text, role, size, bi, 0); err != nil {
			return err
		}
		if len(l.it) == 0 {
			return nil
		}
		if !l.balance(o.TextWidth, size) {
			l.greedy(o.TextWidth, o.TextWidth)
		}
		out.lines = l.centred(bi, b.Kind, size, nil)
	case doc.Subtitle:
		for li, text := range multiLines(b) {
			if err := l.build(text, role, size, bi, li); err != nil {
				return err
			}
			l.greedy(o.TextWidth, o.TextWidth)
			out.lines = l.centred(bi, b.Kind, size, out.lines)
		}
	case doc.Signature:
		return l.signature(bi, b, role, size, out)
	case doc.Table:
		if b.Table == nil {
			return nil
		}
		return l.table(bi, b, out)
	default: // headings and paragraphs
		if err := l.build(b.Text, role, size, bi, 0); err != nil {
			return err
		}
		ind := o.Indent * size
		l.greedy(o.TextWidth-ind, o.TextWidth)
		out.lines = make([]Line, 0, len(l.segs))
		for k, sg := range l.segs {
			x0, avail := o.MarginLeft, o.TextWidth
			if k == 0 {
				x0, avail = x0+ind, avail-ind
			}
			w := l.squeeze(sg, avail)
			spacing := 0.0
			if k < len(l.segs)-1 && sg.t-sg.s > 1 {
				// Justify: the last glyph ends exactly at the right edge.
				spacing = (avail - w) / float64(sg.t-sg.s-1)
			}
			out.lines = append(out.lines, Line{Kind: b.Kind, Block: bi, Runs: l.place(sg, x0, spacing, size)})
		}
	}
	return nil
}

// multiLines returns a multi-line block's lines: Lines, else Text split at
// newlines.
func multiLines(b *doc.Block) []string {
	if len(b.Lines) > 0 {
		return b.Lines
	}
	if b.Text == "" {
		return nil
	}
	return strings.Split(b.Text, "\n")
}

// centred turns l.segs into centred lines at natural spacing.
func (l *layouter) centred(bi int, k doc.Kind, size float64, lines []Line) []Line {
	o := &l.opt
	for _, sg := range l.segs {
		w := l.squeeze(sg, o.TextWidth)
		x0 := o.MarginLeft + (o.TextWidth-w)/2
		lines = append(lines, Line{Kind: k, Block: bi, Runs: l.place(sg, x0, 0, size)})
	}
	return lines
}

// signature sets the unit name and the date (GB/T 9704 §7.3.5.2, unsealed):
// the name ends 2 characters from the right edge and the date starts 2
// characters right of the name's start; a date longer than the name ends
// 2 characters from the edge instead, with the name centred over it.
// Further lines, if any, are set like the date.
func (l *layouter) signature(bi int, b *doc.Block, role int, size float64, out *blockOut) error {
	o := &l.opt
	texts := multiLines(b)
	if len(texts) == 0 {
		return nil
	}
	type set struct {
		runs []Run
		w    float64
	}
	sets := make([]set, len(texts))
	for li, text := range texts {
		if err := l.build(text, role, size, bi, li); err != nil {
			return err
		}
		n := len(l.it)
		sg := seg{0, l.trim(0, n), n}
		w := l.squeeze(sg, math.Inf(1))
		sets[li] = set{runs: l.place(sg, 0, 0, size), w: w}
	}
	right := o.MarginLeft + o.TextWidth - 2*size
	nameW := sets[0].w
	dateW := 0.0
	for _, s := range sets[1:] {
		dateW = math.Max(dateW, s.w)
	}
	nameX := right - nameW
	dateX := nameX + 2*size
	if dateW > nameW+eps {
		dateX = right - dateW
		nameX = dateX + (dateW-nameW)/2
	}
	for li, s := range sets {
		x := dateX
		if li == 0 {
			x = nameX
		}
		for k := range s.runs {
			s.runs[k].X += x
		}
		out.lines = append(out.lines, Line{Kind: doc.Signature, Block: bi, Runs: s.runs})
	}
	return nil
}

// folio sets the page number "— N —" at the contract's place for page n.
func (l *layouter) folio(n int) (Line, error) {
	o := &l.opt
	role := roleIndex(font.RoleBody)
	size := o.FolioSize
	text := fmt.Sprintf("— %d —", n)
	if err := l.build(text, role, size, -1, 0); err != nil {
		return Line{}, err
	}
	k := len(l.it)
	sg := seg{0, k, k}
	w := l.squeeze(sg, math.Inf(1))
	x := o.MarginLeft + size // even pages: one character in from the left
	if n%2 == 1 {
		x = o.MarginLeft + o.TextWidth - size - w
	}
	top := o.MarginTop + o.TextHeight + o.FolioGap
	line := Line{Kind: doc.Paragraph, Block: -1, Folio: true, Grid: -1, Runs: l.place(sg, x, 0, size)}
	line.setY(top, l.ascent(role)*size)
	return line, nil
}

// setY puts the line's em-box top at top.
func (ln *Line) setY(top, ascent float64) {
	ln.Top = top
	ln.Baseline = top + ascent
	for i := range ln.Runs {
		ln.Runs[i].Y = ln.Baseline
	}
}

// build fills l.it with the text's runes: their faces, advances, break
// opportunities and punctuation adjustments.
func (l *layouter) build(text string, role int, size float64, block, line int) error {
	l.text = text
	l.it = l.it[:0]
	for off, r := range text {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(text[off:]); n == 1 {
				return fmt.Errorf("layout: block %d, byte %d: invalid UTF-8", block, off)
			}
		}
		adv, face, ok := l.advance(r, role)
		if !ok {
			if !l.seen[r] {
				if l.seen == nil {
					l.seen = map[rune]bool{}
				}
				l.seen[r] = true
				l.missing = append(l.missing, &MissingGlyphError{Rune: r, Block: block, Line: line, Offset: off, Role: l.roles[role]})
			}
			adv, face = 0, role // set on, to find the other missing characters
		}
		l.it = append(l.it, item{off: off, r: r, role: face, adv: adv * size, space: r == ' '})
	}
	n := len(l.it)
	if cap(l.cum) < n+1 {
		l.cum = make([]float64, n+1, 2*n+1)
		l.xcum = make([]float64, n+1, 2*n+1)
	}
	l.cum, l.xcum = l.cum[:n+1], l.xcum[:n+1]
	half := size / 2
	latinGap := l.opt.LatinGap * size
	for i := range l.it {
		it := &l.it[i]
		if i > 0 {
			p := &l.it[i-1]
			var a, d rune
			if i > 1 {
				a = l.it[i-2].r
			}
			if i+1 < n {
				d = l.it[i+1].r
			}
			it.brk = breakBetween(a, p.r, it.r, d)

			// Adjacent punctuation: the blank halves between two marks
			// shrink to one half (》， 。” ）、 take 1.5 characters).
			// Otherwise a mark's blank half may be squeezed to fit a line.
			pClose := closingBlank(p.r) && p.adv >= 0.9*size
			pOpen := openingBlank(p.r) && p.adv >= 0.9*size
			open := openingBlank(it.r) && it.adv >= 0.9*size
			cls := closingBlank(it.r) && it.adv >= 0.9*size
			blank := 0.0
			if pClose {
				blank += half
			}
			if open {
				blank += half
			}
			if (pClose || pOpen) && (open || cls) && blank > 0 {
				// Already compressed: squeezing the other half too would
				// jam the two glyphs (”“ in one em).
				it.gap -= half
				it.fixedCut = true
				blank = 0
			}
			it.extra = blank
			// A cut gap (fixed or squeezed) takes one blank half: the
			// previous mark's if it has one, else this mark's.
			it.cutPrev = pClose
			if latinGap > 0 && (latinish(p.r) && han(it.r) || han(p.r) && latinish(it.r)) {
				it.gap += latinGap
			}
		}
		l.cum[i+1] = l.cum[i] + it.adv + it.gap
		l.xcum[i+1] = l.xcum[i] + it.extra
	}
	return nil
}

func latinish(r rune) bool { return latin(r) || suffix(r) }

// advance finds r in the role's face, else in the other faces in
// font.FallbackOrder. Control and line-separator characters have no glyph
// by decision, even if a font maps them.
func (l *layouter) advance(r rune, role int) (float64, int, bool) {
	if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 {
		return 0, 0, false
	}
	for _, j := range l.order[role] {
		if a, ok := l.faces[j].Advance(r); ok {
			return a, j, true
		}
	}
	return 0, 0, false
}

// width is the natural width of items [s, e): advances plus the fixed gap
// adjustments inside the range.
func (l *layouter) width(s, e int) float64 {
	if e <= s {
		return 0
	}
	return l.cum[e] - l.cum[s] - l.it[s].gap
}

// extraIn is the squeezable blank inside [s, e).
func (l *layouter) extraIn(s, e int) float64 {
	if e <= s+1 {
		return 0
	}
	return l.xcum[e] - l.xcum[s+1]
}

// trim drops trailing spaces from [s, e).
func (l *layouter) trim(s, e int) int {
	for e > s && l.it[e-1].space {
		e--
	}
	return e
}

// greedy breaks l.it into lines: the first line holds first pt, the others
// w. A line takes as much as fits; where it would end badly (a mark that
// may not start or end a line, inside —— or a number), it first squeezes
// its punctuation to take in the text up to the next break opportunity,
// else pushes back to the previous one.
func (l *layouter) greedy(first, w float64) {
	l.segs = l.segs[:0]
	n := len(l.it)
	l.brkAt = slices.Grow(l.brkAt[:0], n+1)[:n+1]
	l.brkAt[n] = n
	for i := n - 1; i >= 0; i-- {
		l.brkAt[i] = l.brkAt[i+1]
		if l.it[i].brk {
			l.brkAt[i] = i
		}
	}
	avail := first
	for s := 0; s < n; {
		e := l.fit(s, avail)
		if e < n && !l.it[e].brk {
			e = l.resolve(s, e, avail)
		}
		l.segs = append(l.segs, seg{s, l.trim(s, e), e})
		s, avail = e, w
	}
}

// fit returns the largest e such that [s, e) fits in avail, at least s+1.
func (l *layouter) fit(s int, avail float64) int {
	n := len(l.it)
	e := s + 1
	for e < n && (l.it[e].space || l.width(s, e+1) <= avail+eps) {
		e++
	}
	l.scanned += e - s
	return e
}

// resolve picks the end of a line starting at s whose natural end e falls
// where no break is allowed.
func (l *layouter) resolve(s, e int, avail float64) int {
	next := l.brkAt[min(e+1, len(l.it))]
	if t := l.trim(s, next); l.width(s, t)-l.extraIn(s, t) <= avail+eps {
		return next // squeeze the punctuation
	}
	for b := e - 1; b > s; b-- {
		l.scanned++
		if l.it[b].brk {
			return b // push the tail to the next line
		}
	}
	// Nothing breakable fits (a number or word longer than the line):
	// break where it overflows, but never before a combining mark.
	for e > s+1 && clings(l.it[e].r) {
		e--
	}
	return e
}

// maxBalanced is the most lines balance sets a title in; a real title
// takes one to three.
const maxBalanced = 6

// balance breaks a title that does not fit one line into the fewest lines
// of near-equal width: it minimises the widest line, then the sum of
// squared widths. GB/T 9704 asks a broken title to keep its words whole, so
// breaks at word-like boundaries (titleBreak) are tried first and kept
// unless they cost more than two characters of balance. It reports false
// if no breaking exists.
func (l *layouter) balance(w float64, size float64) bool {
	n := len(l.it)
	l.segs = l.segs[:0]
	total := l.width(0, l.trim(0, n))
	if total <= w+eps {
		l.segs = append(l.segs, seg{0, l.trim(0, n), n})
		return true
	}
	if total > maxBalanced*w {
		// Balancing costs the square of the length; a title this long is
		// no title, and greedy lines serve it (issue 13).
		return false
	}
	all, words := []int{0}, []int{0}
	for e := 1; e < n; e++ {
		if l.it[e].brk {
			all = append(all, e)
			if l.titleBreak(e) {
				words = append(words, e)
			}
		}
	}
	all, words = append(all, n), append(words, n)
	best, bestMax, ok := l.balanceAt(all, w, total)
	if !ok {
		return false
	}
	if byWord, wordMax, ok := l.balanceAt(words, w, total); ok && len(byWord) <= len(best) && wordMax <= bestMax+2*size+eps {
		best = byWord
	}
	s := 0
	for _, e := range best {
		l.segs = append(l.segs, seg{s, l.trim(s, e), e})
		s = e
	}
	return true
}

// titleWords are words a title is commonly broken before; titleAfter are
// characters it is broken after.
var (
	titleWords = []string{"关于", "推动", "推进", "加强", "进一步", "做好", "开展", "深化", "深入", "全面", "切实", "认真", "扎实", "创先争优", "工作总结", "的通知", "的意见", "实施方案", "领导点评", "活动"}
	titleAfter = "的和与及暨并之、，：；"
)

func (l *layouter) titleBreak(e int) bool {
	if strings.ContainsRune(titleAfter, l.it[e-1].r) || !han(l.it[e].r) || !han(l.it[e-1].r) {
		return true
	}
	for _, w := range titleWords {
		if l.startsWith(e, w) {
			return true
		}
	}
	return false
}

func (l *layouter) startsWith(e int, w string) bool {
	for _, r := range w {
		if e >= len(l.it) || l.it[e].r != r {
			return false
		}
		e++
	}
	return true
}

// balanceAt runs the balancing over the break points pts (first 0, last
// len(l.it)) and returns the line ends and the widest line.
func (l *layouter) balanceAt(pts []int, w, total float64) ([]int, float64, bool) {
	type cost struct {
		max, sq float64
		prev    int
		ok      bool
	}
	better := func(a, b cost) bool {
		if !b.ok {
			return true
		}
		if math.Abs(a.max-b.max) > eps {
			return a.max < b.max
		}
		return a.sq < b.sq-eps
	}
	P := len(pts)
	for m := max(2, int(math.Ceil(total/w-eps))); m < P && m <= maxBalanced; m++ {
		// dp[k][j]: best way to set pts[0]..pts[j] in k lines.
		dp := make([][]cost, m+1)
		for k := range dp {
			dp[k] = make([]cost, P)
		}
		dp[0][0] = cost{ok: true}
		for k := 1; k <= m; k++ {
			for j := 1; j < P; j++ {
				for i := j - 1; i >= 0; i-- {
					if !dp[k-1][i].ok {
						continue
					}
					s, e := pts[i], pts[j]
					lw := l.width(s, l.trim(s, e))
					if lw > w+eps {
						break // earlier starts only widen the line
					}
					c := cost{max: math.Max(dp[k-1][i].max, lw), sq: dp[k-1][i].sq + lw*lw, prev: i, ok: true}
					if better(c, dp[k][j]) {
						dp[k][j] = c
					}
				}
			}
		}
		if !dp[m][P-1].ok {
			continue
		}
		ends := make([]int, m)
		for k, j := m, P-1; k > 0; k-- {
			ends[k-1] = pts[j]
			j = dp[k][j].prev
		}
		return ends, dp[m][P-1].max, true
	}
	return nil, 0, false
}

// squeeze fits the set part of sg into avail by squeezing the blank halves
// of punctuation, last gap first, and returns the resulting width at zero
// spacing. The gap after the line's last glyph is never squeezed, so a
// justified line's last glyph box ends at the right edge.
func (l *layouter) squeeze(sg seg, avail float64) float64 {
	w := l.width(sg.s, sg.t)
	for i := sg.s; i < sg.t; i++ {
		l.it[i].sq = false
	}
	for i := sg.t - 1; i > sg.s && w > avail+eps; i-- {
		if x := l.it[i].extra; x > 0 {
			l.it[i].sq = true
			w -= x
		}
	}
	return w
}

// place cuts the line's runs: a new run starts where the face changes or
// a gap departs from the uniform spacing (a Latin gap). A cut gap between
// marks does not start a run: the mark whose blank half it removes is
// drawn half-width (Run.Halves), so every glyph box ends where the next
// begins and text extraction reads the line as one.
// Trailing spaces go in their own run after the last glyph.
func (l *layouter) place(sg seg, x0, spacing, size float64) []Run {
	start := len(l.runs)
	end := l.placeRange(sg.s, sg.t, x0, spacing, size)
	if sg.e > sg.t {
		l.placeRange(sg.t, sg.e, end, 0, size)
	}
	return l.runs[start:len(l.runs):len(l.runs)]
}

// cut reports whether the gap before item i loses a blank half.
func (it *item) cut() bool { return it.fixedCut || it.sq }

// placeRange appends the runs of items [s, e) from x and returns the x at
// which the last glyph's box ends.
func (l *layouter) placeRange(s, e int, x, spacing, size float64) float64 {
	if s >= e {
		return x
	}
	half := size / 2
	cur, first, curOff, halves := -1, s, 0, len(l.halves)
	closeRun := func(i int, xEnd float64) {
		r := &l.runs[cur]
		r.Width = xEnd - r.X
		endOff := len(l.text)
		if i < len(l.it) {
			endOff = l.it[i].off
		}
		r.Text = l.text[curOff:endOff]
		if len(l.halves) > halves {
			r.Halves = l.halves[halves:len(l.halves):len(l.halves)]
		}
	}
	// x is where item i's box starts, w its drawn advance.
	w := 0.0
	for i := s; i < e; i++ {
		it := &l.it[i]
		left := i > s && it.cut() && !it.cutPrev
		right := i+1 < e && l.it[i+1].cut() && l.it[i+1].cutPrev
		if i > s {
			dev := it.gap
			if it.sq {
				dev -= it.extra
			}
			if it.cut() {
				dev += half // the half-width glyph takes it
			}
			xEnd := x + w
			x = xEnd + spacing + dev
			if math.Abs(dev) > eps || it.role != l.it[i-1].role {
				closeRun(i, xEnd)
				cur = -1
			}
		}
		if cur < 0 {
			l.runs = append(l.runs, Run{Role: l.roles[it.role], Size: size, X: x, Spacing: spacing})
			cur, first, curOff, halves = len(l.runs)-1, i, it.off, len(l.halves)
		}
		w = it.adv
		if left || right {
			w -= half
			l.halves = append(l.halves, Half{At: i - first, Left: left})
		}
	}
	xEnd := x + w
	closeRun(e, xEnd)
	return xEnd
}
