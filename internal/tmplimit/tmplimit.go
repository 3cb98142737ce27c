// Package tmplimit bounds what running a user's text/template may cost:
// steps (loop iterations and template calls), wall time and output size.
//
// text/template has no way to stop an execution from outside, so Instrument
// puts a call to a tick function at the start of every {{range}} body and
// every template once, after parsing; each Run binds the tick to its own
// budget, and the tick's error stops the execution at the loop that
// overran, with the loop's line and column in the error.
package tmplimit

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"
)

// Limits is one execution's budget.
type Limits struct {
	Steps  int           // {{range}} iterations and template calls
	Time   time.Duration // wall time, a safety net behind Steps
	Output int64         // bytes written
}

// Default is far above what a summary needs (a few thousand steps and
// tens of kilobytes; the roll-up takes one step per branch) and far below
// what exhausts a machine: 200 000 steps take about 0.2 s, 2 s under the
// race detector (text/template calls the tick through reflection), so the
// deterministic step limit, not the time, is what a runaway loop meets.
var Default = Limits{Steps: 200_000, Time: 10 * time.Second, Output: 64 << 20}

// tick is the function Instrument inserts; the name is one no template
// would choose.
const tick = "zongjieLimitTick"

// Funcs returns the tick function, to add to the template's functions
// before Parse: Instrument's calls must resolve.
func Funcs() template.FuncMap {
	return template.FuncMap{tick: func() (string, error) { return "", nil }}
}

// Instrument inserts the tick calls into every template of t's set. Call it
// once, after parsing and before any execution.
func Instrument(t *template.Template) {
	done := map[*parse.Tree]bool{}
	for _, tt := range t.Templates() {
		tr := tt.Tree
		if tr == nil || tr.Root == nil || done[tr] {
			continue
		}
		done[tr] = true
		instrument(tr, tr.Root)
		prepend(tr, tr.Root, tr.Root.Pos)
	}
}

func instrument(tr *parse.Tree, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			instrument(tr, c)
		}
	case *parse.RangeNode:
		instrument(tr, n.List)
		instrument(tr, n.ElseList)
		prepend(tr, n.List, n.Pos)
	case *parse.IfNode:
		instrument(tr, n.List)
		instrument(tr, n.ElseList)
	case *parse.WithNode:
		instrument(tr, n.List)
		instrument(tr, n.ElseList)
	}
}

// prepend puts {{tick}} first in list, placed at pos for error messages.
func prepend(tr *parse.Tree, list *parse.ListNode, pos parse.Pos) {
	if list == nil {
		return
	}
	id := parse.NewIdentifier(tick).SetTree(tr).SetPos(pos)
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{id}}
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{cmd}}
	action := &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: pipe}
	list.Nodes = append([]parse.Node{action}, list.Nodes...)
}

// Error is a limit reached. Run.Execute returns it with text/template's
// "template: NAME:LINE:COL: executing …" prefix placing it.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Run is one budget over one or more executions into one writer.
type Run struct {
	t     *template.Template
	w     *limitedWriter
	lim   Limits
	steps int
	end   time.Time
	// c and pool: the clone this run holds, and where Close returns it.
	c    *clone
	pool *Pool
}

// clone is a clone of a template set whose tick counts against the budget
// of the Run holding it.
type clone struct {
	t   *template.Template
	run *Run
}

// Pool starts runs of one instrumented template set, reusing its clones:
// cloning the set for every document was a quarter of composing one. It
// is safe for concurrent use; each clone serves one Run at a time.
type Pool struct {
	t *template.Template
	p sync.Pool
}

// NewPool returns a Pool for t, instrumented and not to be changed after.
func NewPool(t *template.Template) *Pool { return &Pool{t: t} }

// Start binds a clone of the set to a fresh budget. Close the Run when
// done with it.
func (p *Pool) Start(w io.Writer, lim Limits) (*Run, error) {
	c, _ := p.p.Get().(*clone)
	if c == nil {
		t, err := p.t.Clone()
		if err != nil {
			return nil, err
		}
		c = &clone{t: t}
		t.Funcs(template.FuncMap{tick: func() (string, error) { return c.run.tick() }})
	}
	r := &Run{t: c.t, w: &limitedWriter{w: w, limit: lim.Output}, lim: lim, end: time.Now().Add(lim.Time), c: c, pool: p}
	c.run = r
	return r, nil
}

// Close hands the run's clone on to the next Run. r must not be used
// after.
func (r *Run) Close() {
	if r.pool != nil {
		r.c.run = nil
		r.pool.p.Put(r.c)
		r.pool = nil
	}
}

// Start clones t (instrumented) and binds its tick to a fresh budget,
// for a single run.
func Start(t *template.Template, w io.Writer, lim Limits) (*Run, error) {
	return NewPool(t).Start(w, lim)
}

// Execute runs the named template with data, within the budget left.
func (r *Run) Execute(name string, data any) error {
	err := r.t.ExecuteTemplate(r.w, name, data)
	if err == nil && r.w.over {
		return r.w.err() // past the limit after the last loop
	}
	var le *Error
	if errors.As(err, &le) {
		// text/template says "error calling zongjieLimitTick: MSG":
		// keep its place, drop the name that means nothing to the user.
		return errors.New(strings.Replace(err.Error(), "error calling "+tick+": ", "", 1))
	}
	return err
}

func (r *Run) tick() (string, error) {
	r.steps++
	switch {
	case r.steps > r.lim.Steps:
		return "", &Error{fmt.Sprintf("模板循环次数过多（超过 %d 次）：{{range}} 的次数应来自事实表中的列表，{{template}} 不应无限调用自己", r.lim.Steps)}
	case r.w.over:
		return "", r.w.err()
	case r.steps%1024 == 0 && time.Now().After(r.end):
		return "", &Error{fmt.Sprintf("模板运行超时（超过 %s）：请检查模板中的 {{range}} 和 {{template}}", r.lim.Time)}
	}
	return "", nil
}

// limitedWriter passes on the first limit bytes and drops the rest, noting
// it: the next tick then stops the execution at its loop, which a failed
// write would not tell.
type limitedWriter struct {
	w     io.Writer
	limit int64
	n     int64
	over  bool
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n+int64(len(p)) > l.limit {
		l.over = true
		return len(p), nil
	}
	l.n += int64(len(p))
	return l.w.Write(p)
}

func (l *limitedWriter) err() error {
	return &Error{fmt.Sprintf("模板输出过多（超过 %d MB）：一份总结不应这么长，请检查模板中的 {{range}} 和 {{template}}", l.limit>>20)}
}
