package prose

import (
	"testing"
	"unicode/utf8"
)

// Every noun the lexicon decides, and endings it reaches through: the word
// a clerk would write between the count and the noun.
func TestMeasureWord(t *testing.T) {
	cases := []struct{ noun, want string }{
		// people
		{"党员", "名"}, {"预备党员", "名"}, {"群众", "名"}, {"专家", "名"}, {"企业家", "名"},
		{"干部", "名"}, {"党员干部", "名"}, {"职工", "名"}, {"员工", "名"}, {"居民", "名"},
		{"村民", "名"}, {"学员", "名"}, {"教师", "名"}, {"学生", "名"}, {"志愿者", "名"},
		{"班子成员", "名"}, {"代表", "名"}, {"人大代表", "名"}, {"评议员", "名"},
		{"政风行风评议员", "名"}, {"责任人", "名"}, {"工程师", "名"}, {"农民工", "名"},
		// businesses and institutions
		{"企业", "家"}, {"重点企业", "家"}, {"单位", "家"}, {"医院", "家"}, {"卫生院", "家"},
		{"商户", "家"}, {"门店", "家"}, {"公司", "家"}, {"超市", "家"},
		{"学校", "所"}, {"幼儿园", "所"}, {"中小学", "所"}, {"学院", "所"},
		// places and bodies
		{"村", "个"}, {"行政村", "个"}, {"社区", "个"}, {"支部", "个"}, {"党支部", "个"},
		{"部门", "个"}, {"科室", "个"}, {"项目", "个"}, {"攻坚项目", "个"}, {"委员会", "个"},
		{"俱乐部", "个"}, {"工会", "个"},
		// things said or found
		{"意见建议", "条"}, {"意见", "条"}, {"建议", "条"}, {"线索", "条"}, {"问题线索", "条"},
		{"措施", "项"}, {"整改措施", "项"}, {"问题", "项"}, {"制度", "项"}, {"任务", "项"},
		{"工程", "项"}, {"重点工程", "项"},
		{"隐患", "处"}, {"安全隐患", "处"}, {"点位", "处"},
		// occasions
		{"会议", "次"}, {"座谈会", "次"}, {"民主生活会", "次"}, {"活动", "次"}, {"培训", "次"},
		{"检查", "次"}, {"演练", "次"}, {"应急演练", "次"},
		{"讲座", "场"}, {"演出", "场"}, {"报告会", "场"}, {"宣讲", "场"},
		// writings and material
		{"文章", "篇"}, {"心得体会", "篇"},
		{"材料", "份"}, {"资料", "份"}, {"宣传资料", "份"}, {"方案", "份"}, {"文件", "份"},
		{"问卷", "份"}, {"调查问卷", "份"}, {"责任书", "份"},
		{"书籍", "本"}, {"读本", "本"}, {"简报", "期"}, {"培训班", "期"},
		{"展板", "块"}, {"标语", "幅"}, {"横幅", "幅"},
		// households and nouns that are measure words themselves
		{"农户", "户"}, {"贫困户", "户"}, {"户", ""}, {"人次", ""}, {"培训人次", ""},
		{"人", ""}, {"学时", ""},
		// unknown
		{"网点", "个"}, {"", "个"}, {"Ｘ", "个"},
	}
	if len(cases) < 40 {
		t.Fatalf("only %d nouns", len(cases))
	}
	for _, c := range cases {
		if got := MeasureWord(c.noun); got != c.want {
			t.Errorf("MeasureWord(%q) = %q, want %q", c.noun, got, c.want)
		}
	}
}

// Every entry of the lexicon is a well-formed noun and gives its own word:
// no entry is shadowed by a longer one or by selfCounting by accident.
func TestLexiconEntries(t *testing.T) {
	for noun, word := range lexicon {
		if noun == "" || !utf8.ValidString(noun) {
			t.Errorf("bad lexicon key %q", noun)
		}
		want := word
		if selfCounting[noun] {
			want = ""
		}
		if got := MeasureWord(noun); got != want {
			t.Errorf("MeasureWord(%q) = %q, want the lexicon's %q", noun, got, want)
		}
	}
}
