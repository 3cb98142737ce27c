package check

import (
	"regexp"
	"strconv"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

var textDate = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日`)

var monthDays = [...]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// TextDates checks dates written inside free text (2月30日), which TOML
// cannot check because they are only words.
func TextDates(s *sheet.Sheet, _ *figures.Table, r *Report) {
	for _, t := range r.allTexts() {
		for _, m := range textDate.FindAllStringSubmatchIndex(t.Value, -1) {
			month, _ := strconv.Atoi(t.Value[m[4]:m[5]])
			day, _ := strconv.Atoi(t.Value[m[6]:m[7]])
			max := 0
			if month >= 1 && month <= 12 {
				max = monthDays[month]
				if month == 2 && m[2] >= 0 {
					if y, _ := strconv.Atoi(t.Value[m[2]:m[3]]); !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
						max = 28
					}
				}
			}
			if day < 1 || day > max {
				r.WarnInText(t.Path, t.Value, m[0], "%s 中的日期“%s”不存在：请核对", t.Path, diag.Quote(t.Value[m[0]:m[1]]))
			}
		}
	}
}
