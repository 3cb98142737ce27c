package check

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/kind"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
	"github.com/zongjie/zongjie/templates"
)

// Events checks what an event's sentence is built from: a date given
// twice (printed once), and people reached with nothing said of what was
// done to them, in a kind whose events have no verb of their own.
func Events(s *sheet.Sheet, _ *figures.Table, r *Report) {
	k, known := embeddedKinds().Lookup(s.Document.Kind)
	silent := known && k.Action == "" // a user's kind may have its own templates
	eachEvent(s, func(path string, e sheet.Event) {
		seen := map[sheet.Date]int{}
		for i, d := range e.Dates {
			if first, ok := seen[d]; ok {
				r.Warnf(fmt.Sprintf("%s.dates[%d]", path, i), "日期 %s 写了两次（另见 dates[%d]）：总结中只写一次，请删除重复的日期", prose.FullDate(d), first)
				continue
			}
			seen[d] = i
		}
		if silent && len(e.Targets) > 0 && strings.TrimSpace(e.Action) == "" && strings.TrimSpace(e.Occasion) == "" {
			r.Warnf(path+".targets", "这次活动写了对象（targets），但没有写做了什么：请补上 action，如 action = \"开展安全检查\"；否则总结中不会出现这些对象")
		}
	})
}

// embeddedKinds are the kinds zongjie ships; a user's are known only to
// build, which reports an unknown kind.
var embeddedKinds = sync.OnceValue(func() *kind.Set {
	s, err := kind.Load([]fs.FS{templates.FS}, []string{""})
	if err != nil {
		panic("check: embedded kinds: " + err.Error()) // the binary is broken
	}
	return s
})

// words in a task that name another kind of summary than 领导点评.
var kindHints = []struct{ word, kind string }{
	{"主题党日", "partyday"}, {"主题教育", "study"}, {"学习教育", "study"}, {"党史学习", "study"},
	{"安全生产", "campaign"}, {"专项", "campaign"}, {"整治", "campaign"}, {"创文", "campaign"},
	{"创卫", "campaign"}, {"年度", "annual"}, {"半年", "annual"}, {"全年", "annual"},
}

// KindHint suggests a kind when a sheet names none but its task is plainly
// another kind of work: without kind, zongjie writes a 领导点评 summary.
func KindHint(s *sheet.Sheet, _ *figures.Table, r *Report) {
	// Only where the wording shows: the numbered sections' headings and
	// the events' verbs are the kind's.
	if strings.TrimSpace(s.Document.Kind) != "" || len(s.Methods)+len(s.Contents)+len(s.Effects.Items) == 0 {
		return
	}
	task := s.Document.Task + s.Document.Title
	if strings.Contains(task, "点评") {
		return
	}
	for _, h := range kindHints {
		if strings.Contains(task, h.word) {
			r.Warnf("document.task", "没有写 kind，将按“领导点评”的结构和用语生成；这份总结像是%s：请在 [document] 中写 kind = %q（zongjie kinds 列出所有类型）", h.word, h.kind)
			return
		}
	}
}
