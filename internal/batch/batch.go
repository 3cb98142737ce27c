// Package batch builds every branch of a unit at once: one summary per
// branch sheet, in parallel, over facts shared through a defaults sheet;
// a roll-up for the parent unit and an index page; and only what changed
// since the last run, recorded in a manifest in the output folder.
//
// See docs/batch.md for the folder layout, the merge rule, the manifest
// and sharding over several machines.
package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/zongjie/zongjie/internal/atomicfile"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/files"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Options configure a run.
type Options struct {
	// Inputs is one folder, or sheets in one folder.
	Inputs []string
	Out    string
	// Formats to write; nil means all.
	Formats []build.Format
	// Jobs is how many branches build at once; 0 means one per CPU.
	Jobs  int
	Shard Shard
	// Force rebuilds every output, up to date or not.
	Force bool
	// RollupOnly builds the roll-up and the index from the manifest that
	// earlier (sharded) runs left in Out, and no branch.
	RollupOnly bool
	// Templates and Fonts override the defaults sheet's [batch] choices
	// (the command line's --templates and --font, ZONGJIE_FONT_*).
	Templates string
	Fonts     map[font.Role]string
	// Version is zongjie's version; with the binary's build ID it is part
	// of every output's key.
	Version string
	// Progress, when set, is told how far the branches are (the command
	// line draws it).
	Progress Progress
	// Check reviews a decoded sheet; nil means check.Sheet, as build does.
	Check func(*sheet.Sheet) diag.List
	// Builder, when set, is used instead of one made from the settings
	// (tests and benchmarks share one across runs).
	Builder *build.Builder
	// Busy, when set, is called once, before the run first parses a
	// sheet or renders a document (the command line holds garbage
	// collection back until a run has such work).
	Busy func()
	// Context, when cancelled (SIGINT, SIGTERM), stops the run: no new
	// branch starts, files being written are finished, and the manifest
	// records what was done. The roll-up and index are left as they were.
	Context context.Context
}

// Progress follows a run's branches: Start with their number, Tick as
// each is done (from several goroutines), Finish at the end.
type Progress interface {
	Start(total int)
	Tick()
	Finish()
}

type noProgress struct{}

func (noProgress) Start(int) {}
func (noProgress) Tick()     {}
func (noProgress) Finish()   {}

// State is what happened to a branch.
type State int

const (
	UpToDate State = iota // nothing to do
	Built                 // some output was written
	Failed                // diagnostics with errors; its files untouched
)

// BranchReport is one branch's part of a run.
type BranchReport struct {
	Name, Sheet string
	State       State
	Written     []string
	// Old and New are the branch's roll-up facts before and after; Old
	// is nil for a new branch.
	Old, New *compose.Branch
	// Doc is the block model of the branch's summary, when this run
	// rendered it.
	Doc *doc.Document
	// Diags are the branch's own diagnostics: its errors when it failed,
	// its warnings otherwise.
	Diags diag.List
}

// Report is what a run did.
type Report struct {
	Branches                []BranchReport // the branches this run handled, by name
	Written                 []string       // every file written, sorted
	Removed                 []string       // outputs of sheets no longer in the folder
	Diags                   diag.List      // sorted; errors make the exit status 1
	Built, UpToDate, Failed int
	Rollup                  bool // the roll-up was rebuilt
	Index                   bool // the index was rewritten
	Elapsed                 time.Duration
	// Interrupted says the run was stopped before every branch was built;
	// Skipped counts the branches it did not reach.
	Interrupted bool
	Skipped     int
}

// FatalError is a problem that stops the whole run before any branch:
// bad templates or fonts, an output folder that cannot be made.
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }
func (e *FatalError) Unwrap() error { return e.Err }

// runner holds one run's shared state; workers read it concurrently.
type runner struct {
	opt      Options
	in       input
	formats  []build.Format
	defaults *sheet.Layer // nil without a defaults sheet
	rollup   *sheet.Layer // nil without a roll-up sheet
	version  string
	defHash  string
	rollHash string
	// rollupDiags are the roll-up sheet's own problems: they stop the
	// roll-up, not the branches.
	rollupDiags diag.List
	tmplBr      string // user templates a branch depends on
	tmplAll     string // all user templates (the roll-up's)
	fontKey     string
	builder     func() (*build.Builder, error)
	busy        func() // Options.Busy, once
	man         *Manifest
	manOld      []byte
	// recorded are the branches whose record this run made; the others'
	// come from the manifest and are verified before their figures are
	// printed (verify).
	recorded map[string]bool
	verified bool
	// dirty: the manifest changed in this run and must be saved.
	dirty   bool
	scanned []*branch

	mu     sync.Mutex
	report Report
}

// branch is one sheet on its way through a run.
type branch struct {
	path, file string // path as given; file name, the manifest key
	src        []byte
	hash       string
	layer      *sheet.Layer
	name       string
	prev       *Entry
	diags      diag.List
	selected   bool
	// variant is the branch's place among the folder's sheets: sibling
	// summaries take different wordings (compose.MarkdownVariant).
	variant int
	// stat is the sheet's stat before it was read (ok: one was taken);
	// src stays nil while the record's hash is trusted on its stat.
	stat   SheetStat
	statOK bool
	// outs are the lstats of the files named after the sheet, taken
	// while the manifest is decoded (see prestat).
	outs []outStat
}

// Run builds the batch. Problems with sheets come back as diagnostics in
// the report; an error means the run could not start.
func Run(opt Options) (*Report, error) {
	t0 := time.Now()
	in, err := resolve(opt.Inputs)
	if err != nil {
		return nil, err
	}
	if opt.RollupOnly && (!in.full || !opt.Shard.All()) {
		return nil, errors.New("--rollup-only 需要指定事实表所在的目录，且不能与 --shard 同用")
	}
	r := &runner{opt: opt, in: in, formats: opt.Formats, recorded: map[string]bool{}}
	if r.formats == nil {
		r.formats = build.Formats
	}
	if opt.Jobs <= 0 {
		r.opt.Jobs = runtime.GOMAXPROCS(0)
	}
	if r.opt.Context == nil {
		r.opt.Context = context.Background()
	}
	if err := r.setup(); err != nil {
		return nil, err
	}
	if r.report.Diags.HasErrors() {
		// The defaults are broken: every branch depends on them.
		r.report.Diags = r.report.Diags.Sort()
		r.report.Elapsed = time.Since(t0)
		return &r.report, nil
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, &FatalError{fmt.Errorf("无法创建输出目录 %s：%s", opt.Out, err)}
	}
	lk, exclusive, err := lockOut(opt.Out, opt.Shard)
	if err != nil {
		return nil, err
	}
	defer lk.release()
	// The manifest is decoded while the sheets and outputs are statted:
	// on a rerun with nothing changed these two are most of the time.
	var md diag.List
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		if exclusive {
			// A run killed outright (SIGKILL, power loss) can leave temp
			// files; the outputs themselves are whole, old or new. Only a
			// run holding OUT alone can tell them from another run's.
			atomicfile.RemoveStale(opt.Out)
		}
		r.man, r.manOld, md = loadManifest(opt.Out, opt.Shard)
	}()
	branches := r.scan(loaded)
	r.report.Diags = append(r.report.Diags, md...)
	r.dirty = r.dirty || md != nil || r.manOld == nil
	if opt.Shard.All() {
		// Shard files to fold into manifest.json.
		shards, _ := filepath.Glob(filepath.Join(stateDir(opt.Out), "shard-*.json"))
		r.dirty = r.dirty || len(shards) > 0
	}

	if !opt.RollupOnly {
		if err := r.buildBranches(branches); err != nil {
			return nil, err
		}
	}
	whole := in.full && opt.Shard.All() && !r.report.Interrupted
	present, mine := map[string]bool{}, map[string]bool{}
	for _, b := range branches {
		present[b.file] = true
		mine[b.file] = b.selected
	}
	if whole {
		r.report.Diags = append(r.report.Diags, r.rollupDiags...)
		err := r.rollupAndIndex(branches)
		if errors.Is(err, errForged) && !opt.RollupOnly {
			// The records lied: forget them all and build everything.
			// Files of sheets that left the folder still go (a file is
			// deleted only if its bytes are what its record says).
			r.prune(present)
			r.man = &Manifest{Format: manifestFormat, Branches: map[string]*Entry{}}
			r.report.Branches, r.report.Written = nil, nil
			r.report.Built, r.report.UpToDate, r.report.Failed = 0, 0, 0
			r.opt.Force, r.manOld, r.dirty = true, nil, true
			for _, b := range branches {
				b.prev = nil
			}
			if err := r.buildBranches(branches); err != nil {
				return nil, err
			}
			err = r.rollupAndIndex(branches)
		}
		if err != nil {
			return nil, err
		}
	}
	// A shard's file holds its own branches; the whole manifest, every
	// branch still in the folder (or every one known, for named sheets).
	keep := func(file string) bool {
		if !opt.Shard.All() {
			return mine[file]
		}
		return !whole || present[file]
	}
	if whole {
		r.prune(present)
	}

	// A run that changed no record writes nothing, and does not even
	// marshal the manifest to find that out.
	if r.dirty {
		if err := r.man.save(opt.Out, opt.Shard, keep, r.manOld, opt.Shard.All()); err != nil {
			r.report.Diags = append(r.report.Diags, diag.Errorf(filepath.Join(opt.Out, StateDir), 0, 0, "", "无法写入生成记录：%s（下次运行将全部重新生成）", files.WriteReason(err)).OfKind("write"))
		}
	}
	// As the roll-up and the index list them: 第二党支部 before 第十党支部.
	slices.SortFunc(r.report.Branches, func(a, b BranchReport) int { return prose.NaturalCompare(a.Name, b.Name) })
	slices.Sort(r.report.Written)
	r.report.Diags = r.report.Diags.Sort()
	r.report.Elapsed = time.Since(t0)
	return &r.report, nil
}

// setup reads the defaults and roll-up sheets and the settings, and hashes
// what every output depends on.
func (r *runner) setup() error {
	r.version = r.opt.Version + "+" + SelfID()
	l, st, diags := build.Defaults(r.in.folder)
	r.report.Diags = append(r.report.Diags, diags...)
	if l != nil {
		r.defHash = contentHash(l.Src)
		r.defaults = l
	}
	if p := filepath.Join(r.in.folder, RollupFile); r.in.full && exists(p) {
		l, diags := sheet.ReadLayer(p)
		r.rollupDiags = diags
		if l != nil {
			r.rollHash = contentHash(l.Src)
			r.rollupDiags = append(r.rollupDiags, checkRollupLayer(l)...)
			r.rollup = l
		}
	}
	if r.opt.Templates != "" {
		st.Templates = r.opt.Templates
	}
	fonts := map[font.Role]string{}
	for k, v := range st.Fonts {
		fonts[k] = v
	}
	for k, v := range r.opt.Fonts {
		fonts[k] = v
	}
	var err error
	if r.tmplBr, r.tmplAll, err = hashTemplates(st.Templates); err != nil {
		return &FatalError{err}
	}
	if r.fontKey, err = hashFonts(fonts); err != nil {
		return &FatalError{err}
	}
	if r.opt.Builder != nil {
		b := r.opt.Builder
		r.builder = func() (*build.Builder, error) { return b, nil }
	} else {
		// Made on first use: a run with nothing to rebuild never parses fonts.
		r.builder = sync.OnceValues(func() (*build.Builder, error) {
			return build.FromSpecs(st.Templates, fonts)
		})
	}
	r.busy = func() {}
	if r.opt.Busy != nil {
		r.busy = sync.OnceFunc(r.opt.Busy)
	}
	builder := r.builder
	r.builder = func() (*build.Builder, error) {
		r.busy()
		return builder()
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// checkRollupLayer refuses figures the roll-up computes: they are sums
// over the branches and must not be typed. Leaders are the parent's own.
func checkRollupLayer(l *sheet.Layer) diag.List {
	var diags diag.List
	if _, ok := l.Take("batch"); ok {
		diags = append(diags, l.Pos.Error(l.File, "batch", "batch", "%s 中不能写 [batch]：批量设置请写在 %s 中", RollupFile, DefaultsFile))
	}
	if f, ok := l.Raw["figures"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(f)) {
			if k == "leaders" {
				continue
			}
			path := "figures." + k
			diags = append(diags, l.Pos.Error(l.File, path, "rollup-figure",
				"汇总的 %s 由各支部的数字相加得出，不能手填：请删除这一行（只有 leaders 可以填写）", path))
		}
	}
	return diags
}

// scan reads every sheet, learns its name and picks the shard's branches.
func (r *runner) scan(loaded <-chan struct{}) []*branch {
	bs := make([]*branch, len(r.in.sheets))
	for i, p := range r.in.sheets {
		bs[i] = &branch{path: p, file: filepath.Base(p), variant: i}
	}
	out, _ := os.Open(r.opt.Out) // nil if it cannot be opened: lstatIn then uses paths
	r.parallel(len(bs), func(i int) {
		bs[i].stat, bs[i].statOK = statSheet(bs[i].path)
		r.prestat(bs[i], out)
	})
	if out != nil {
		out.Close()
	}
	<-loaded
	r.parallel(len(bs), func(i int) { r.identify(bs[i]) })
	// Names must be unique, also to a file system that ignores case.
	seen := map[string]*branch{}
	for _, b := range bs {
		if b.name == "" {
			continue
		}
		k := strings.ToLower(b.name)
		if other := seen[k]; other != nil {
			b.diags = append(b.diags, diag.Errorf(b.path, 0, 0, "", "输出名 %q 与 %s 的输出名 %q 重复（文件名不区分大小写时也算重复）：请改文件名，或在 [batch] 中写不同的 id", b.name, other.file, other.name).OfKind("name"))
			continue
		}
		seen[k] = b
	}
	for _, b := range bs {
		name := b.name
		if name == "" {
			name = strings.TrimSuffix(b.file, ".toml")
		}
		b.selected = r.opt.Shard.Takes(name)
	}
	return bs
}

// source reads and hashes the sheet if that was not needed so far, and
// reports false when it cannot be read (b.diags says why).
func (b *branch) source() bool {
	if b.src != nil || b.diags != nil {
		return b.diags == nil
	}
	sheetReads.Add(1)
	src, diags := sheet.ReadSource(b.path)
	if diags != nil {
		b.diags = diags
		return false
	}
	b.src, b.hash = src, contentHash(src)
	return true
}

// identify finds a sheet's record and name: the [batch] id when it
// declares one, else its file name. A sheet whose stat is what its record
// says is not read (see SheetStat.trusts); one unchanged since the last
// run keeps its recorded name without being parsed.
func (r *runner) identify(b *branch) {
	b.prev = r.man.Branches[b.file]
	if b.prev != nil && b.prev.Name != "" && b.statOK && b.prev.Stat.trusts(b.stat) {
		b.hash, b.name = b.prev.Inputs.Sheet, b.prev.Name
		return
	}
	if !b.source() {
		return
	}
	stem := strings.TrimSuffix(b.file, ".toml")
	if b.prev != nil && b.prev.Inputs.Sheet == b.hash && b.prev.Name != "" {
		b.name = b.prev.Name
		if b.statOK && !b.prev.Stat.trusts(b.stat) && b.stat.trusts(b.stat) {
			// Touched, not changed, or changed too recently to be trusted
			// then: record the new stat, so that the next run need not
			// read it either.
			st := b.stat
			b.prev.Stat = &st
			r.mu.Lock()
			r.dirty = true
			r.mu.Unlock()
		}
		return
	}
	r.busy()
	if !b.parse() || b.name != "" {
		return
	}
	if why := build.BadName(stem); why != "" {
		b.diags = append(b.diags, diag.Errorf(b.path, 0, 0, "", "文件名 %q 不能用作输出名：%s；请改文件名，或在 [batch] 中写 id = \"编号\"", stem, why).OfKind("name"))
		return
	}
	b.name = stem
}

// parse parses the sheet and takes out its [batch] id. It reports false
// on errors, which are in b.diags.
func (b *branch) parse() bool {
	if b.layer != nil {
		return true
	}
	if !b.source() {
		return false
	}
	l, id, diags := build.Branch(b.path, b.src)
	if diags != nil {
		b.diags = append(b.diags, diags...)
		return false
	}
	b.layer = l
	if id != "" {
		b.name = id
	}
	return true
}

// parallel runs f(0..n-1) on Jobs goroutines until the run's context is
// cancelled, and returns how many it started.
func (r *runner) parallel(n int, f func(i int)) int {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opt.Jobs, max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	started := 0
feed:
	for i := range n {
		select {
		case next <- i:
			started++
		case <-r.opt.Context.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return started
}

func (r *runner) buildBranches(bs []*branch) error {
	var todo []*branch
	for _, b := range bs {
		if b.selected {
			todo = append(todo, b)
		}
	}
	progress := r.opt.Progress
	if progress == nil {
		progress = noProgress{}
	}
	progress.Start(len(todo))
	var fatal error
	var once sync.Once
	done := func(rep BranchReport) {
		r.mu.Lock()
		r.report.Branches = append(r.report.Branches, rep)
		r.report.Written = append(r.report.Written, rep.Written...)
		switch rep.State {
		case Built:
			r.report.Built++
		case UpToDate:
			r.report.UpToDate++
		case Failed:
			r.report.Failed++
		}
		r.mu.Unlock()
		progress.Tick()
	}
	// Rendering takes the CPUs; writing waits on the disk. Writers of
	// their own keep the renderers busy while files are written and
	// chunks of them synced; a branch is done when its chunk is.
	c := newCommitter(done)
	writes := make(chan func(*atomicfile.Group) func() BranchReport, 4*r.opt.Jobs)
	var writers sync.WaitGroup
	for range max(4, 2*r.opt.Jobs) {
		writers.Go(func() {
			for commit := range writes {
				c.add(commit)
			}
		})
	}
	started := r.parallel(len(todo), func(i int) {
		rep, commit, err := r.buildBranch(todo[i])
		if err != nil {
			once.Do(func() { fatal = err })
		}
		if commit != nil {
			writes <- commit
			return
		}
		done(rep)
	})
	close(writes)
	writers.Wait()
	// Stopped or finished: what was rendered is written before the
	// manifest is saved.
	c.flush()
	progress.Finish()
	if started < len(todo) {
		r.report.Interrupted, r.report.Skipped = true, len(todo)-started
	}
	return fatal
}

// keys gives each format's key for the given facts.
func keys(facts, templates, fonts string) map[build.Format]string {
	md := sum("md", facts, templates)
	return map[build.Format]string{
		build.Markdown: md,
		build.HTML:     sum("html", md),
		build.PDF:      sum("pdf", md, fonts),
		// The body face's metrics place the signature's date.
		build.DOCX: sum("docx", md, fonts),
	}
}

// stale lists the formats whose file is missing, changed, or made from
// other inputs. pre, when not nil, holds the files' lstats in r.formats'
// order (see prestat); else they are taken now.
func (r *runner) stale(name string, outputs map[build.Format]*Output, ks map[build.Format]string, pre []outStat) []build.Format {
	var need []build.Format
	for i, f := range r.formats {
		rec := outputs[f]
		if r.opt.Force || rec == nil || rec.Key != ks[f] {
			need = append(need, f)
			continue
		}
		var st outStat
		if pre != nil {
			st = pre[i]
		} else {
			st = lstatPath(r.outPath(name, f))
		}
		if !st.records(rec) {
			need = append(need, f)
		}
	}
	return need
}

func (r *runner) outPath(name string, f build.Format) string {
	return filepath.Join(r.opt.Out, name+"."+string(f))
}

func (r *runner) inputs(b *branch) Inputs {
	return Inputs{Version: r.version, Sheet: b.hash, Defaults: r.defHash}
}

// buildBranch brings one branch's outputs up to date. What it rendered
// comes back as commit, which writes the files into a group and returns
// what records them once the group is committed.
func (r *runner) buildBranch(b *branch) (rep BranchReport, commit func(*atomicfile.Group) func() BranchReport, err error) {
	rep = BranchReport{Name: b.name, Sheet: b.path, State: Failed}
	if rep.Name == "" {
		rep.Name = strings.TrimSuffix(b.file, ".toml")
	}
	if b.diags.HasErrors() || b.name == "" {
		return r.failed(rep, b.diags), nil, nil
	}
	prev := b.prev
	if prev != nil {
		old := prev.Branch
		rep.Old = &old
	}
	in := r.inputs(b)
	// Unchanged sheet, defaults and program: the facts are known without
	// decoding; the files are up to date if their keys and stats agree.
	if prev != nil && prev.Inputs == in && prev.Name == b.name {
		if len(r.stale(b.name, prev.Outputs, keys(prev.Facts, r.tmplBr, r.fontKey), b.statted())) == 0 {
			warnings := r.replay(prev.Warnings)
			rep.State, rep.New, rep.Diags = UpToDate, rep.Old, warnings
			r.mu.Lock()
			r.report.Diags = append(r.report.Diags, warnings...)
			r.mu.Unlock()
			return rep, nil, nil
		}
	}
	r.busy()
	if !b.parse() {
		return r.failed(rep, b.diags), nil, nil
	}
	in = r.inputs(b) // the sheet may have been read only now
	m := sheet.Merge(r.defaults, b.layer)
	s, diags := m.Decode()
	if diags != nil {
		return r.failed(rep, diags), nil, nil
	}
	s.Variant = b.variant
	checker := r.opt.Check
	if checker == nil {
		checker = check.Sheet
	}
	cd := m.Attribute(checker(s))
	if cd.HasErrors() {
		return r.failed(rep, cd), nil, nil
	}
	facts, err := factsHash(s, b.name, r.version)
	if err != nil {
		return r.failed(rep, diag.List{diag.Errorf(b.path, 0, 0, "", "%s", err)}), nil, nil
	}
	ks := keys(facts, r.tmplBr, r.fontKey)
	entry := &Entry{
		Sheet: b.file, Name: b.name, Seq: time.Now().UnixNano(), Inputs: in, Facts: facts,
		Outputs: map[build.Format]*Output{}, Branch: compose.BranchOf(b.name, s), Title: s.Document.Title, Warnings: r.portable(cd),
	}
	if b.statOK {
		st := b.stat
		entry.Stat = &st
	}
	nb := entry.Branch
	rep.New = &nb
	renamed := prev != nil && prev.Name != b.name
	if prev != nil && !renamed {
		for f, o := range prev.Outputs {
			entry.Outputs[f] = o
		}
	}
	need := r.stale(b.name, entry.Outputs, ks, nil)
	var outs []build.Output
	if len(need) > 0 {
		bld, err := r.builder()
		if err != nil {
			return r.failed(rep, nil), nil, &FatalError{err}
		}
		var rd diag.List
		outs, rd = bld.RenderMerged(m, s, need)
		if rd != nil {
			return r.failed(rep, m.Attribute(append(cd, rd...))), nil, nil
		}
	}
	// Done with the sheet: a thousand parsed sheets held to the end of the
	// run were most of its live heap. verify reads it again if it must.
	b.layer, b.src = nil, nil
	commit = func(g *atomicfile.Group) func() BranchReport {
		var werr diag.List
		var files []*staged
		for _, o := range outs {
			rep.Doc = o.Doc
			s, d := stage(g, b.path, o.Format, r.outPath(b.name, o.Format), o.Data, ks[o.Format])
			if d != nil {
				werr = append(werr, d...)
				continue
			}
			files = append(files, s)
		}
		return func() BranchReport { return r.committed(b, rep, entry, prev, renamed, files, werr, cd) }
	}
	if len(outs) == 0 {
		return commit(nil)(), nil, nil
	}
	return rep, commit, nil
}

// failed is rep failed with d, which also joins the run's diagnostics.
func (r *runner) failed(rep BranchReport, d diag.List) BranchReport {
	rep.State, rep.Diags = Failed, d.Sort()
	r.mu.Lock()
	r.report.Diags = append(r.report.Diags, d...)
	r.mu.Unlock()
	return rep
}

// committed records a branch whose files' group was committed: only the
// files now on disk for good are written and on record.
func (r *runner) committed(b *branch, rep BranchReport, entry *Entry, prev *Entry, renamed bool, files []*staged, werr, cd diag.List) BranchReport {
	for _, s := range files {
		rec, d := s.record(b.path)
		if d != nil {
			werr = append(werr, d...)
			continue
		}
		entry.Outputs[s.format] = rec
		rep.Written = append(rep.Written, s.p.Path)
	}
	if werr != nil {
		// Keep what was written on record; the rest rebuilds next time.
		r.record(entry)
		return r.failed(rep, werr)
	}
	if renamed {
		r.removeOutputs(prev)
	}
	r.record(entry)
	r.mu.Lock()
	r.report.Diags = append(r.report.Diags, cd...)
	r.mu.Unlock()
	rep.State, rep.Diags = UpToDate, cd
	if len(rep.Written) > 0 {
		rep.State = Built
	}
	return rep
}

// portable records a branch's warnings, files in the folder by name only,
// so that a later run from another working directory reports them at the
// paths it was given; replay restores them.
func (r *runner) portable(l diag.List) []Warning {
	var out []Warning
	for _, d := range l {
		if d.Severity != diag.Warning {
			continue
		}
		w := Warning{File: d.File, Line: d.Line, Col: d.Col, Field: d.Field, Kind: d.Kind, Message: d.Message, Help: d.Help}
		if filepath.Dir(d.File) == filepath.Clean(r.in.folder) {
			w.File = filepath.Base(d.File)
		}
		out = append(out, w)
	}
	return out
}

func (r *runner) replay(ws []Warning) diag.List {
	var out diag.List
	for _, w := range ws {
		d := diag.Diagnostic{File: w.File, Line: w.Line, Col: w.Col, Field: w.Field, Severity: diag.Warning, Kind: w.Kind, Message: w.Message, Help: w.Help}
		if d.File != "" && filepath.Base(d.File) == d.File {
			d.File = filepath.Join(r.in.folder, d.File)
		}
		out = append(out, d)
	}
	return out
}

func (r *runner) record(e *Entry) {
	r.mu.Lock()
	r.man.Branches[e.Sheet] = e
	r.recorded[e.Sheet] = true
	r.dirty = true
	r.mu.Unlock()
}

// factsHash hashes what the sheet says, not how it is written: the
// decoded, merged sheet without its file name and key positions.
func factsHash(s *sheet.Sheet, name, version string) (string, error) {
	c := *s
	c.File, c.Pos = "", sheet.Positions{}
	b, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	return sum([]byte(version), []byte(name), b), nil
}

// removeOutputs deletes the files an entry records, if they still hold
// the bytes zongjie wrote. Names and formats were checked on loading, so
// the paths are inside OUT.
func (r *runner) removeOutputs(e *Entry) {
	for f, rec := range e.Outputs {
		p := r.outPath(e.Name, f)
		if !filepath.IsLocal(e.Name + "." + string(f)) {
			continue
		}
		if ours(p, rec) && os.Remove(p) == nil {
			r.mu.Lock()
			r.report.Removed = append(r.report.Removed, p)
			r.mu.Unlock()
		}
	}
}

// prune forgets branches whose sheet left the folder, and their files.
func (r *runner) prune(present map[string]bool) {
	for _, k := range slices.Sorted(maps.Keys(r.man.Branches)) {
		if !present[k] {
			r.removeOutputs(r.man.Branches[k])
			delete(r.man.Branches, k)
			r.dirty = true
		}
	}
}

// hashTemplates hashes a user template directory: once without the
// roll-up's own templates (rollup*.md.tmpl), which no branch uses, and once
// with them. No directory: both empty, the embedded templates being part
// of the build ID.
func hashTemplates(dir string) (branch, all string, err error) {
	if dir == "" {
		return "", "", nil
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.md.tmpl"))
	if err != nil {
		return "", "", err
	}
	// A kind's own templates and data change every branch of that kind.
	kinds, _ := filepath.Glob(filepath.Join(dir, "kinds", "*", "*"))
	names = append(names, kinds...)
	if err := build.CheckTemplateDir(dir); err != nil {
		return "", "", err
	}
	slices.Sort(names)
	var br, al [][]byte
	for _, n := range names {
		b, err := files.Read(n, files.Template)
		if err != nil {
			return "", "", err
		}
		rel, _ := filepath.Rel(dir, n)
		part := [][]byte{[]byte(filepath.ToSlash(rel)), b}
		al = append(al, part...)
		if !strings.HasPrefix(filepath.Base(n), "rollup") {
			br = append(br, part...)
		}
	}
	return sum(br...), sum(al...), nil
}

// hashFonts hashes the user's font files by role. They affect PDFs only.
func hashFonts(fonts map[font.Role]string) (string, error) {
	var parts [][]byte
	for _, role := range font.Roles {
		spec, ok := fonts[role]
		if !ok {
			continue
		}
		path, index, err := font.Locate(spec, "")
		if err != nil {
			return "", err
		}
		b, err := files.Read(path, files.Font)
		if err != nil {
			return "", err
		}
		parts = append(parts, []byte(role), []byte(fmt.Sprint(index)), []byte(contentHash(b)))
	}
	return sum(parts...), nil
}
