package script

import (
	"strings"
	"sync"
	"testing"
)

// phrases are Simplified words whose Traditional form depends on the
// phrase: one Simplified character stands for several Traditional ones
// (干 幹 乾, 后 後, 发 發 髮, 面 麵, 里 裡, 只 隻, 复 複 覆, 系 係 繫,
// 台 臺 颱, 钟 鐘 鍾, 准 準, 云 雲, 采 採, 松 鬆, 征 徵, 表 錶, 历 歷 曆),
// and the words of a work summary.
var phrases = []struct{ hans, hant string }{
	{"干部", "幹部"}, {"干净", "乾淨"}, {"饼干", "餅乾"}, {"树干", "樹幹"}, {"干涉", "干涉"}, {"干活", "幹活"},
	{"后来", "後來"}, {"以后", "以後"}, {"皇后", "皇后"},
	{"发展", "發展"}, {"发挥", "發揮"}, {"头发", "頭髮"}, {"理发", "理髮"},
	{"面对", "面對"}, {"面条", "麵條"}, {"面粉", "麵粉"}, {"方便面", "方便麵"},
	{"里面", "裡面"}, {"一只", "一隻"}, {"只有", "只有"},
	{"复习", "複習"}, {"答复", "答覆"}, {"关系", "關係"}, {"联系", "聯繫"}, {"系统", "系統"},
	{"台风", "颱風"}, {"钟表", "鐘錶"}, {"钟情", "鍾情"}, {"准备", "準備"}, {"批准", "批准"},
	{"云南", "雲南"}, {"人云亦云", "人云亦云"}, {"采取", "採取"}, {"开采", "開採"},
	{"轻松", "輕鬆"}, {"松树", "松樹"}, {"征求", "徵求"}, {"特征", "特徵"}, {"手表", "手錶"}, {"表达", "表達"},
	{"历史", "歷史"}, {"日历", "日曆"}, {"于是", "於是"}, {"范围", "範圍"},
	{"点评", "點評"}, {"党支部", "黨支部"}, {"局党组", "局黨組"}, {"发挥模范作用", "發揮模範作用"},
	{"主题党日活动", "主題黨日活動"}, {"周密部署", "周密部署"}, {"扎实开展", "紮實開展"},
	{"作为", "作為"}, {"创先争优", "創先爭優"}, {"总结如下", "總結如下"}, {"意见建议", "意見建議"},
	// 并为: 並為 (and … for), which OpenCC's table makes 併為 (merge
	// into); merging stays 併.
	{"并为他们提供学习机会", "並為他們提供學習機會"}, {"积极参与并为此努力", "積極參與並為此努力"},
	{"并为", "並為"}, {"合并为一个支部", "合併為一個支部"}, {"兼并为", "兼併為"},
	{"两个科室并为一个", "兩個科室併為一個"}, {"并为一体", "併為一體"},
}

func TestPhrases(t *testing.T) {
	if len(phrases) < 40 {
		t.Fatalf("%d phrases; the issue asks for at least 40", len(phrases))
	}
	for _, p := range phrases {
		got, err := ToTraditional(p.hans, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got != p.hant {
			t.Errorf("%s → %s, want %s", p.hans, got, p.hant)
		}
	}
}

// TestNamesKept: names are never converted, wherever they stand, and the
// text around them is.
func TestNamesKept(t *testing.T) {
	text := "党组书记高峰听取纪检组长李润干的汇报后，对于发和干云进行了点评。高峰发言。"
	got, err := ToTraditional(text, []string{"高峰", "李润干", "于发", "干云", ""})
	if err != nil {
		t.Fatal(err)
	}
	want := "黨組書記高峰聽取紀檢組長李润干的彙報後，對于发和干云進行了點評。高峰發言。"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Markdown structure is ASCII and passes through.
	md := "# 关于点评工作的总结\n\n::: signature\n张家口县规划局\n:::\n"
	if got, _ := ToTraditional(md, nil); got != strings.NewReplacer("关于", "關於", "点评", "點評", "总结", "總結", "张家口县规划局", "張家口縣規劃局").Replace(md) {
		t.Errorf("markdown: %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Script{"": Simplified, "hans": Simplified, "HANT": Traditional, " zh-Hant ": Traditional, "繁體": Traditional} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := Parse("hk"); err == nil || err.Error() != `未知的文字 "hk"：可选 hans（简体，默认）或 hant（繁体）` {
		t.Errorf("Parse(hk): %v", err)
	}
}

func BenchmarkToTraditional(b *testing.B) {
	text := strings.Repeat("我支部把主题党日活动作为改进工作的重要抓手，精心组织，周密部署，扎实开展主题党日活动。", 100)
	for b.Loop() {
		if _, err := ToTraditional(text, []string{"高峰", "李润干"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrent: batch converts sheets in parallel with the one
// converter.
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, p := range phrases {
				if got, err := ToTraditional(p.hans, nil); err != nil || got != p.hant {
					t.Errorf("%s → %s, %v", p.hans, got, err)
				}
			}
		})
	}
	wg.Wait()
}
