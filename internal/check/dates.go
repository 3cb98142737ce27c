package check

import (
	"fmt"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Dates checks that events fall inside the activity period and none is
// after the signature date.
func Dates(s *sheet.Sheet, _ *figures.Table, r *Report) {
	d := s.Document
	if p := d.Period; p != nil && p.To.Before(p.From) {
		r.Errorf("document.period", "活动期间的结束日期 %s 早于开始日期 %s：请对调或改正", prose.FullDate(p.To), prose.FullDate(p.From))
	}
	eachEvent(s, func(path string, e sheet.Event) {
		for i, date := range e.Dates {
			at := fmt.Sprintf("%s.dates[%d]", path, i)
			switch {
			case d.Date.Before(date):
				r.Errorf(at, "%s 晚于成文日期 %s：总结不能写尚未发生的事，请核对日期", prose.FullDate(date), prose.FullDate(d.Date))
			case d.Period != nil && (date.Before(d.Period.From) || d.Period.To.Before(date)):
				r.Warnf(at, "%s 不在活动期间（%s）内：请核对日期或 document.period", prose.FullDate(date), prose.Range(d.Date.Year, d.Period.From, d.Period.To))
			}
		}
		if e.Month != 0 && (e.Month < 1 || e.Month > 12) {
			r.Errorf(path+".month", "月份 %d 不存在：应为 1 到 12", e.Month)
		}
		if e.Part != "" && e.Part != "上旬" && e.Part != "中旬" && e.Part != "下旬" && e.Part != "初" && e.Part != "底" {
			r.Warnf(path+".part", "part 通常写 上旬、中旬、下旬、初 或 底，这里是 %q", diag.Cut(e.Part))
		}
	})
}

// eachEvent visits every event with its field path.
func eachEvent(s *sheet.Sheet, fn func(path string, e sheet.Event)) { figures.EachEvent(s, fn) }
