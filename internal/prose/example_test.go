package prose_test

import (
	"fmt"

	"github.com/zongjie/zongjie/internal/prose"
	"github.com/zongjie/zongjie/internal/sheet"
)

func ExampleNumeral() {
	for _, n := range []int{0, 10, 11, 20, 100, 101} {
		fmt.Print(prose.Numeral(n), " ")
	}
	// Output: 零 十 十一 二十 一百 一百零一
}

func ExampleDates() {
	d := func(m, day int) sheet.Date { return sheet.Date{Year: 2011, Month: m, Day: day} }
	fmt.Println(prose.Dates(2011, []sheet.Date{d(1, 10), d(1, 17)}))
	fmt.Println(prose.Range(2011, d(1, 6), d(1, 14)))
	fmt.Println(prose.Range(2011, sheet.Date{Year: 2010, Month: 12, Day: 31}, d(1, 1)))
	// Output:
	// 1月10日、17日
	// 1月6日至14日
	// 2010年12月31日至2011年1月1日
}

func ExampleList() {
	fmt.Println(prose.List([]string{"科室", "分局", "党支部", "全体党员"}))
	fmt.Println(prose.ListJi([]string{"理想信念", "服务群众", "组织纪律"}))
	// Output:
	// 科室、分局、党支部和全体党员
	// 理想信念、服务群众及组织纪律
}

func ExampleCount() {
	fmt.Println(prose.Count(13, "", "意见建议"), prose.Count(5, "", "班子成员"), prose.Count(20, "", "党支部"))
	// Output: 13条意见建议 5名班子成员 20个党支部
}

func ExamplePercent() {
	fmt.Println(prose.Rate("参与", 220, 220), prose.Percent(193, 200))
	// Output: 参与率100% 96.5%
}

func ExampleDocNumber() {
	fmt.Println(prose.DocNumber("张创组[2010]13号"), prose.DocNumber("(2010)13号"))
	// Output: 张创组〔2010〕13号 〔2010〕13号
}

func ExamplePerson() {
	fmt.Println(prose.Person(sheet.Person{Title: "党组书记", Name: "高峰"}))
	// Output: 党组书记高峰
}

func ExampleEnumerate() {
	fmt.Println(prose.Enumerate("；", []string{"学习还需加强", "队伍建设还需加强。"}))
	// Output: 一是学习还需加强；二是队伍建设还需加强。
}

func ExampleMeasureWord() {
	for _, noun := range []string{"群众", "企业", "学校", "村", "意见建议", "措施", "会议", "讲座", "隐患", "人次"} {
		fmt.Print(prose.Count(3, "", noun), " ")
	}
	// Output: 3名群众 3家企业 3所学校 3个村 3条意见建议 3项措施 3次会议 3场讲座 3处隐患 3人次
}
