package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/html"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// member is one branch as the roll-up and index see it.
type member struct {
	b      *branch
	entry  *Entry    // the record its figures come from; nil if none
	notes  diag.List // this run's diagnostics of the branch
	failed bool
}

// members pairs every branch of the folder with its record. A branch that
// failed keeps its last good record, flagged; with --rollup-only a branch
// whose record is missing or older than its sheet is an error, since its
// shard has not run since.
func (r *runner) members(bs []*branch) []member {
	reports := map[string]*BranchReport{}
	for i := range r.report.Branches {
		reports[r.report.Branches[i].Sheet] = &r.report.Branches[i]
	}
	var out []member
	for _, b := range bs {
		m := member{b: b, entry: r.man.Branches[b.file]}
		if rep := reports[b.path]; rep != nil {
			m.notes, m.failed = rep.Diags, rep.State == Failed
		} else {
			// --rollup-only: nothing was built, judge the record.
			m.notes = b.diags
			switch e := m.entry; {
			case b.diags.HasErrors():
			case e == nil:
				m.notes = append(m.notes, diag.Errorf(b.path, 0, 0, "", "还没有生成记录：它所在的分片尚未运行或运行失败；请先运行全部分片（--shard i/n），再运行 --rollup-only").OfKind("record"))
			case e.Inputs.Sheet != b.hash || e.Inputs.Defaults != r.defHash:
				m.notes = append(m.notes, diag.Errorf(b.path, 0, 0, "", "事实表或 %s 在生成后有改动：请重新运行它所在的分片，再运行 --rollup-only", DefaultsFile).OfKind("record"))
			case e.Inputs.Version != r.version:
				m.notes = append(m.notes, diag.Errorf(b.path, 0, 0, "", "由另一版本的 zongjie 生成：请用同一程序重新运行它所在的分片").OfKind("record"))
			default:
				m.notes = append(m.notes, r.replay(e.Warnings)...)
			}
			m.failed = m.notes.HasErrors()
			if m.failed {
				r.report.Diags = append(r.report.Diags, m.notes...)
			}
		}
		if m.failed && m.entry != nil {
			m.notes = append(m.notes, diag.Diagnostic{File: b.path, Severity: diag.Warning, Kind: "failed",
				Message: "本次未能生成，汇总和下表沿用上次成功生成时的数字，文件也是上次的"})
		}
		out = append(out, m)
	}
	// Natural order: 第二党支部 before 第十党支部, 2 before 10.
	slices.SortFunc(out, func(a, b member) int {
		return prose.NaturalCompare(a.name(), b.name())
	})
	return out
}

func (m member) name() string {
	if m.entry != nil {
		return m.entry.Name
	}
	if m.b.name != "" {
		return m.b.name
	}
	return m.b.file
}

// rollupAndIndex rebuilds the roll-up when a figure it sums, its own
// sheet, the defaults, a template or a font changed, and rewrites the index
// when what it shows changed.
func (r *runner) rollupAndIndex(bs []*branch) error {
	r.scanned = bs
	err := r.rollupAndIndexOnce(bs)
	if errors.Is(err, errRecount) {
		// --rollup-only dropped records that did not match: count again.
		err = r.rollupAndIndexOnce(bs)
	}
	return err
}

func (r *runner) rollupAndIndexOnce(bs []*branch) error {
	ms := r.members(bs)
	var branches []compose.Branch
	var facts []string
	for _, m := range ms {
		if m.entry != nil {
			branches = append(branches, m.entry.Branch)
			facts = append(facts, m.entry.Facts)
		}
	}
	var rollupFiles map[build.Format]*Output
	if r.rollup != nil || r.rollupDiags.HasErrors() {
		outs, err := r.buildRollup(branches, facts)
		if err != nil {
			return err
		}
		rollupFiles = outs
	} else if r.man.Rollup != nil {
		// The roll-up sheet was removed: so are its files.
		r.removeOutputs(&Entry{Name: RollupName, Outputs: r.man.Rollup.Outputs})
		r.man.Rollup, r.dirty = nil, true
	}
	return r.writeIndex(ms, branches, rollupFiles)
}

// buildRollup brings the roll-up up to date; facts are the branches'
// records' Facts, which decide what branches holds.
func (r *runner) buildRollup(branches []compose.Branch, facts []string) (map[build.Format]*Output, error) {
	prev := map[build.Format]*Output{}
	if r.man.Rollup != nil {
		prev = r.man.Rollup.Outputs
	}
	if r.rollupDiags.HasErrors() {
		return prev, nil // reported already; the old files stay
	}
	// Hashing the branches' facts, not their figures as JSON: marshalling
	// 1000 branches was a tenth of a rerun with nothing changed.
	ks := keys(sum(append([]string{r.version, r.defHash, r.rollHash}, facts...)...), r.tmplAll, r.fontKey)
	need := r.stale(RollupName, prev, ks, nil)
	if len(need) == 0 {
		return prev, nil
	}
	if err := r.verify(r.scanned); err != nil {
		return nil, err
	}
	fail := func(d diag.List) (map[build.Format]*Output, error) {
		r.report.Diags = append(r.report.Diags, d...)
		return prev, nil
	}
	if r.report.Diags.HasErrors() && len(branches) == 0 {
		return prev, nil // nothing to sum; the errors say why
	}
	m := sheet.Merge(r.defaults, r.rollup)
	s, diags := m.Decode()
	if diags != nil {
		return fail(diags)
	}
	// Check the parent as it will print: with its figures summed.
	checked := *s
	checked.Figures = compose.Sum(branches, s.Figures.Leaders)
	checker := r.opt.Check
	if checker == nil {
		checker = check.Sheet
	}
	cd := m.Attribute(checker(&checked))
	r.report.Diags = append(r.report.Diags, cd...)
	if cd.HasErrors() {
		return prev, nil
	}
	bld, err := r.builder()
	if err != nil {
		return nil, &FatalError{err}
	}
	outs, rd := bld.RenderRollup(m, s, branches, need)
	if rd != nil {
		return fail(m.Attribute(rd))
	}
	next := map[build.Format]*Output{}
	for f, o := range prev {
		next[f] = o
	}
	// One sync for the roll-up's files.
	g := newGroup()
	var files []*staged
	for _, o := range outs {
		s, d := stage(g, r.rollup.File, o.Format, r.outPath(RollupName, o.Format), o.Data, ks[o.Format])
		if d != nil {
			r.report.Diags = append(r.report.Diags, d...)
			continue
		}
		files = append(files, s)
	}
	g.Commit()
	for _, s := range files {
		rec, d := s.record(r.rollup.File)
		if d != nil {
			r.report.Diags = append(r.report.Diags, d...)
			continue
		}
		next[s.format] = rec
		r.report.Written = append(r.report.Written, s.p.Path)
		r.report.Rollup = true
	}
	r.man.Rollup, r.dirty = &RollupEntry{Outputs: next}, true
	return next, nil
}

func (r *runner) writeIndex(ms []member, branches []compose.Branch, rollupFiles map[build.Format]*Output) error {
	page := &html.Index{}
	if r.rollup != nil {
		if doc, ok := r.rollup.Raw["document"].(map[string]any); ok {
			page.Unit, _ = doc["unit"].(string)
		}
		if page.Unit == "" && r.defaults != nil {
			if doc, ok := r.defaults.Raw["document"].(map[string]any); ok {
				page.Unit, _ = doc["unit"].(string)
			}
		}
		page.Rollup = fileLinks(RollupName, rollupFiles)
	}
	total := compose.Sum(branches, 0)
	page.Total = html.Row{Members: total.Members, Participants: total.Participants, Suggestions: total.Suggestions,
		Rate: rate(total.Participants, total.Members)}
	for _, m := range ms {
		rw := html.Row{Name: m.name(), Unit: m.b.file, Failed: m.failed, Notes: notes(m.notes)}
		if e := m.entry; e != nil {
			f := e.Branch.Figures
			rw.Unit = e.Branch.Unit
			rw.Members, rw.Participants, rw.Suggestions = f.Members, f.Participants, e.Branch.Suggestions
			rw.Rate = rate(f.Participants, f.Members)
			rw.Files = fileLinks(e.Name, e.Outputs)
		}
		if m.failed {
			page.Problems++
		}
		page.Rows = append(page.Rows, rw)
	}
	// The page's key is its data: rendering it only to compare would
	// cost a rerun with nothing changed more than all else.
	data, err := json.Marshal(page)
	if err != nil {
		return fmt.Errorf("索引页：%w", err)
	}
	p := filepath.Join(r.opt.Out, IndexFile)
	key := sum([]byte(r.version), data)
	if !r.opt.Force && r.man.Index != nil && r.man.Index.Key == key && fresh(p, r.man.Index) {
		return nil
	}
	if err := r.verify(r.scanned); err != nil {
		return err
	}
	body, err := page.Render()
	if err != nil {
		return fmt.Errorf("索引页：%w", err)
	}
	rec, d := write(p, p, body, key)
	if d != nil {
		r.report.Diags = append(r.report.Diags, d...)
		return nil
	}
	r.man.Index, r.dirty = rec, true
	r.report.Written = append(r.report.Written, p)
	r.report.Index = true
	return nil
}

// errForged stops a roll-up or index whose figures would come from a
// record that does not match its sheet.
var errForged = errors.New("forged record")

// errRecount: with --rollup-only, records that did not match were dropped.
var errRecount = errors.New("records dropped")

// verify decodes, once per run and only when the roll-up or the index is
// about to be written, every branch whose record this run did not make
// and whose sheet and defaults still hash as recorded, and compares what
// the record says of its unit and figures with what the sheet says. A mismatch is a warning, and
// errForged: the caller rebuilds everything (with --rollup-only, the
// record is dropped and the branch reported as not built). A branch that
// failed this run keeps its last record, flagged as such; its sheet has
// changed, so there is nothing to compare it with.
func (r *runner) verify(bs []*branch) error {
	if r.verified {
		return nil
	}
	r.verified = true
	var todo []*branch
	for _, b := range bs {
		e := r.man.Branches[b.file]
		if e != nil && !r.recorded[b.file] && !b.diags.HasErrors() &&
			e.Inputs.Sheet == b.hash && e.Inputs.Defaults == r.defHash && e.Inputs.Version == r.version {
			todo = append(todo, b)
		}
	}
	if len(todo) > 0 {
		r.busy()
	}
	bad := make([]bool, len(todo))
	r.parallel(len(todo), func(i int) {
		b := todo[i]
		e := r.man.Branches[b.file]
		// A sheet trusted on its stat is read now; one that changed since
		// is not the record's to compare.
		bad[i] = b.source() && b.hash == e.Inputs.Sheet && !r.matches(b, e)
	})
	var forged []string
	for i, b := range todo {
		if bad[i] {
			forged = append(forged, b.file)
			if r.opt.RollupOnly {
				delete(r.man.Branches, b.file)
				r.dirty = true
			}
		}
	}
	if forged == nil {
		return nil
	}
	what := "已忽略生成记录：全部重新生成"
	if r.opt.RollupOnly {
		what = "已忽略这些记录"
	}
	r.report.Diags = append(r.report.Diags, diagWarning(filepath.Join(r.opt.Out, StateDir),
		fmt.Sprintf("生成记录中 %s 的内容与其事实表不符（记录被改动过），%s", strings.Join(forged, "、"), what)))
	if r.opt.RollupOnly {
		return errRecount
	}
	return errForged
}

// matches reports whether e says of b what b's sheet says.
func (r *runner) matches(b *branch, e *Entry) bool {
	l, _, diags := build.Branch(b.path, b.src)
	if diags != nil {
		return false
	}
	s, diags := sheet.Merge(r.defaults, l).Decode()
	if diags != nil {
		return false
	}
	s.Variant = b.variant
	// Only what the roll-up and the index show is compared: a forged
	// Facts only makes output keys miss, which rebuilds those files.
	if s.Document.Title != e.Title {
		return false
	}
	got, err1 := json.Marshal(compose.BranchOf(e.Name, s))
	want, err2 := json.Marshal(e.Branch)
	return err1 == nil && err2 == nil && bytes.Equal(got, want)
}
