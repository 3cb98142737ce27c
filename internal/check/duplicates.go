package check

import (
	"fmt"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Duplicates warns about an event listed twice, the usual result of
// copying a block and forgetting to edit it.
func Duplicates(s *sheet.Sheet, _ *figures.Table, r *Report) {
	seen := map[string]string{}
	eachEvent(s, func(path string, e sheet.Event) {
		key := fmt.Sprintf("%#v", e)
		if first, ok := seen[key]; ok {
			r.Warnf(path, "这次活动与 %s 完全相同，像是重复填写：请删除其中一个或改正内容", first)
			return
		}
		seen[key] = path
	})
}
