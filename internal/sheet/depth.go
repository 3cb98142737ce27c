package sheet

import (
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/tomldepth"
)

// MaxDepth is how deep tables, keys and lists may nest. The deepest path a
// fact sheet has is methods[i].events[j].dates[k], six levels; BurntSushi's
// decoder and the position index spend time and memory quadratic in the
// depth, so a sheet past this limit is refused before either sees it.
const MaxDepth = 16

// checkDepth refuses a sheet nested deeper than MaxDepth, at the place
// where it first is.
func checkDepth(file string, src []byte) (diag.Diagnostic, bool) {
	at := tomldepth.Find(src, MaxDepth)
	if at < 0 {
		return diag.Diagnostic{}, false
	}
	p := posAt(src, lineStarts(src), at)
	return diag.Errorf(file, p.Line, p.Col, "", "嵌套过深：表、键和列表最多嵌套 %d 层，这里已超过：事实表用不到这么深的结构，请检查是否多写了括号，或键名里多了点", MaxDepth), true
}
