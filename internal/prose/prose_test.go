package prose

import (
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

func d(y, m, dd int) sheet.Date { return sheet.Date{Year: y, Month: m, Day: dd} }

func TestNumeral(t *testing.T) {
	for n, want := range map[int]string{
		0: "零", 1: "一", 9: "九", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一",
		99: "九十九", 100: "一百", 101: "一百零一", 110: "一百一十", 111: "一百一十一",
		1000: "一千", 1001: "一千零一", 1010: "一千零一十", 2011: "二千零一十一", 12345: "12345",
	} {
		if got := Numeral(n); got != want {
			t.Errorf("Numeral(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrdinals(t *testing.T) {
	cases := []struct{ got, want string }{
		{Heading1(0), "一、"}, {Heading1(9), "十、"}, {Heading1(10), "十一、"},
		{Heading2(0), "（一）"}, {Heading2(19), "（二十）"},
		{Heading3(0), "1."}, {Heading3(10), "11."},
		{Nth(0), "一是"}, {Nth(6), "七是"}, {Nth(10), "十一是"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	cases := []struct {
		year int
		in   []sheet.Date
		want string
	}{
		{2011, []sheet.Date{d(2011, 1, 11)}, "1月11日"},
		{2011, []sheet.Date{d(2011, 1, 10), d(2011, 1, 17)}, "1月10日、17日"},
		{2011, []sheet.Date{d(2011, 1, 6), d(2011, 2, 14)}, "1月6日、2月14日"},
		{2011, []sheet.Date{d(2011, 1, 6), d(2011, 1, 14), d(2011, 2, 1)}, "1月6日、14日、2月1日"},
		{2011, []sheet.Date{d(2010, 12, 30), d(2011, 1, 4)}, "2010年12月30日、2011年1月4日"},
		{2011, []sheet.Date{d(2010, 12, 30), d(2010, 12, 31)}, "2010年12月30日、31日"},
		{2011, nil, ""},
	}
	for _, c := range cases {
		if got := Dates(c.year, c.in); got != c.want {
			t.Errorf("Dates(%d, %v) = %q, want %q", c.year, c.in, got, c.want)
		}
	}
}

func TestRange(t *testing.T) {
	cases := []struct {
		year     int
		from, to sheet.Date
		want     string
	}{
		{2011, d(2011, 1, 6), d(2011, 1, 14), "1月6日至14日"},
		{2011, d(2011, 1, 26), d(2011, 2, 3), "1月26日至2月3日"},
		{2011, d(2010, 12, 31), d(2011, 1, 1), "2010年12月31日至2011年1月1日"},
		{2011, d(2010, 12, 1), d(2010, 12, 20), "2010年12月1日至20日"},
		{2011, d(2010, 11, 1), d(2010, 12, 20), "2010年11月1日至12月20日"},
		{2011, d(2011, 1, 6), d(2011, 1, 6), "1月6日"},
		{2011, d(2010, 1, 6), d(2010, 1, 6), "2010年1月6日"},
	}
	for _, c := range cases {
		if got := Range(c.year, c.from, c.to); got != c.want {
			t.Errorf("Range(%v, %v) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
	if got := FullDate(d(2011, 1, 21)); got != "2011年1月21日" {
		t.Errorf("FullDate = %q", got)
	}
}

func TestLists(t *testing.T) {
	cases := []struct {
		in      []string
		and, ji string
	}{
		{nil, "", ""},
		{[]string{"科室"}, "科室", "科室"},
		{[]string{"科室", "分局"}, "科室和分局", "科室及分局"},
		{[]string{"科室", "分局", "党支部", "全体党员"}, "科室、分局、党支部和全体党员", "科室、分局、党支部及全体党员"},
		{[]string{"科室", " ", "分局"}, "科室和分局", "科室及分局"},
	}
	for _, c := range cases {
		if got := List(c.in); got != c.and {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.and)
		}
		if got := ListJi(c.in); got != c.ji {
			t.Errorf("ListJi(%q) = %q, want %q", c.in, got, c.ji)
		}
	}
}

func TestCount(t *testing.T) {
	cases := []struct {
		n          int
		unit, noun string
		want       string
	}{
		{13, "", "意见建议", "13条意见建议"},
		{5, "", "班子成员", "5名班子成员"},
		{20, "", "党支部", "20个党支部"},
		{220, "", "党员", "220名党员"},
		{4, "", "预备党员", "4名预备党员"},
		{48, "", "重点工程", "48项重点工程"},
		{87, "", "攻坚项目", "87个攻坚项目"},
		{3, "次", "点评", "3次点评"},
		{0, "", "党员", "0名党员"},
		// the lexicon
		{1200, "", "群众", "1200名群众"},
		{86, "", "企业", "86家企业"},
		{12, "", "学校", "12所学校"},
		{9, "", "社区", "9个社区"},
		{35, "", "安全隐患", "35处安全隐患"},
		{1200, "", "人次", "1200人次"},
		{300, "", "农户", "300户农户"},
		{300, "", "户", "300户"},
		{3, "", "讲座", "3场讲座"},
		{2, "", "应急演练", "2次应急演练"},
		{6, "", "简报", "6期简报"},
		{20, "", "展板", "20块展板"},
		{40, "", "横幅", "40幅横幅"},
		{500, "", "宣传资料", "500份宣传资料"},
		{15, "", "心得体会", "15篇心得体会"},
		{8, "", "问题", "8项问题"},
		{2, "个", "问题", "2个问题"}, // the sheet's own unit wins
		{1200, "人次", "", "1200人次"},
	}
	for _, c := range cases {
		if got := Count(c.n, c.unit, c.noun); got != c.want {
			t.Errorf("Count(%d, %q, %q) = %q, want %q", c.n, c.unit, c.noun, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		part, whole int
		want        string
	}{
		{220, 220, "100%"}, {193, 200, "96.5%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"},
		{0, 10, "0%"}, {5, 0, ""}, {999, 1000, "99.9%"}, {9995, 10000, "100%"},
	}
	for _, c := range cases {
		if got := Percent(c.part, c.whole); got != c.want {
			t.Errorf("Percent(%d, %d) = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
	if got := Rate("参与", 220, 220); got != "参与率100%" {
		t.Errorf("Rate = %q", got)
	}
	if got := Rate("参与", 1, 0); got != "" {
		t.Errorf("Rate with zero whole = %q", got)
	}
}

func TestDocNumber(t *testing.T) {
	for in, want := range map[string]string{
		"张创组[2010]13号":   "张创组〔2010〕13号",
		"(2010)13号":      "〔2010〕13号",
		"（2010）13号":      "〔2010〕13号",
		"【2010】13号":      "〔2010〕13号",
		"?2010?13号":      "〔2010〕13号",
		"张创组〔2010〕13号":   "张创组〔2010〕13号",
		" 张创组[2010] 13号": "张创组〔2010〕13号",
		"第13号":           "第13号",
		"[10]13号":        "[10]13号",
	} {
		if got := DocNumber(in); got != want {
			t.Errorf("DocNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPeopleAndText(t *testing.T) {
	ps := []sheet.Person{{Title: "党组书记", Name: "高峰"}, {Title: "纪检组长", Name: "李润干"}}
	if got := People(ps); got != "党组书记高峰和纪检组长李润干" {
		t.Errorf("People = %q", got)
	}
	if got := Person(sheet.Person{Title: "各党支部书记"}); got != "各党支部书记" {
		t.Errorf("Person(title only) = %q", got)
	}
	if got := Book("《关于…的通知》"); got != "《关于…的通知》" {
		t.Errorf("Book = %q", got)
	}
	for in, want := range map[string]string{"点评有一说一": "点评有一说一。", "好。": "好。", "好，": "好。", "“十佳”": "“十佳”", "": ""} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Clause("取得成效。"); got != "取得成效" {
		t.Errorf("Clause = %q", got)
	}
}

// One point is not a list: no 一是 without 二是.
func TestEnumerate(t *testing.T) {
	for _, c := range []struct {
		sep    string
		points []string
		want   string
	}{
		{"；", nil, ""},
		{"；", []string{"学习不够深入。"}, "学习不够深入。"},
		{"；", []string{"学习不够深入", " ", "作风还需改进。"}, "一是学习不够深入；二是作风还需改进。"},
		{"。", []string{"通过验收", "获得表彰", "完成任务"}, "一是通过验收。二是获得表彰。三是完成任务。"},
	} {
		if got := Enumerate(c.sep, c.points); got != c.want {
			t.Errorf("Enumerate(%q, %q) = %q, want %q", c.sep, c.points, got, c.want)
		}
	}
}

func TestQuantityAndYoY(t *testing.T) {
	for n, want := range map[int]string{1: "一", 2: "两", 3: "三", 10: "十", 12: "十二", 20: "二十"} {
		if got := Quantity(n); got != want {
			t.Errorf("Quantity(%d) = %s, want %s", n, got, want)
		}
	}
	for _, c := range []struct {
		cur, last int
		want      string
	}{
		{450, 400, "同比增长12.5%"}, {368, 400, "同比下降8%"}, {400, 400, "与上年持平"}, {5, 0, ""}, {142, 118, "同比增长20.3%"},
	} {
		if got := YoY(c.cur, c.last); got != c.want {
			t.Errorf("YoY(%d, %d) = %s, want %s", c.cur, c.last, got, c.want)
		}
	}
}
