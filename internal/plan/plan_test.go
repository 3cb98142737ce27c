package plan

import (
	"testing"

	"github.com/zongjie/zongjie/internal/figures"
	"github.com/zongjie/zongjie/internal/sheet"
)

func d(m, day int) sheet.Date { return sheet.Date{Year: 2024, Month: m, Day: day} }

func num(n int) sheet.Amount { return sheet.Amount{N: n, Set: true} }

var (
	gao   = []sheet.Person{{Title: "党组书记", Name: "高峰"}}
	li    = []sheet.Person{{Title: "支部书记", Name: "李华"}}
	cadre = []sheet.Target{{Who: "班子成员", Count: num(5)}}
)

func review() *Planner {
	return &Planner{Year: 2024, Verb: "点评", Action: "[对{targets}]进行了{verb}", Subject: "局党组"}
}

func campaign() *Planner { return &Planner{Year: 2024, Verb: "活动", Subject: "我局"} }

// Each case is one paragraph of events, as an item prints it.
func TestEvents(t *testing.T) {
	for _, c := range []struct {
		name string
		p    *Planner
		es   []sheet.Event
		want string
	}{
		{"one event, its people named", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 11)}, By: gao, Targets: []sheet.Target{{Who: "局党组"}}}},
			"1月11日，党组书记高峰对局党组进行了点评。"},
		{"no people: the leader opens the paragraph", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(3, 16)}, Occasion: "支部点评会议", Targets: []sheet.Target{{Who: "党支部", Count: num(14)}}}},
			"3月16日，局党组召开支部点评会议，对14个党支部进行了点评。"},
		{"undated, no people: still a subject", review(),
			[]sheet.Event{{Targets: []sheet.Target{{Who: "全体党员"}}, Aspects: []string{"理想信念", "服务群众"}}},
			"局党组围绕理想信念和服务群众两个方面，对全体党员进行了点评。"},
		{"dates sorted and given once", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 17), d(1, 10), d(1, 10)}, By: gao, Targets: cadre}},
			"1月10日、17日，党组书记高峰对5名班子成员进行了点评。"},
		{"three days in a row are a span", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(4, 13), d(4, 12), d(4, 14)}, Occasion: "读书班"}},
			"4月12日至14日，我局举办读书班。"},
		{"each had its own: 分别 (explicit)", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 10), d(1, 17)}, By: gao, Targets: cadre, Each: true}},
			"1月10日、17日，党组书记高峰对5名班子成员分别进行了点评。"},
		{"one actor, a meeting, each reviewed: 分别 on the review", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 10), d(1, 17)}, By: gao, Occasion: "民主生活会", Targets: cadre, Each: true}},
			"1月10日、17日，党组书记高峰主持召开民主生活会，对5名班子成员分别进行了点评。"},
		{"as many dates as invited groups: 分别", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 6), d(1, 14)}, Occasion: "座谈会", Invited: []string{"评议员", "建言团成员"}, Targets: []sheet.Target{{Who: "党员"}}}},
			"1月6日、14日，局党组分别邀请评议员和建言团成员召开座谈会，对党员进行了点评。"},
		{"one date, two invited: together, no 分别", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 6)}, Occasion: "座谈会", Invited: []string{"评议员", "建言团成员"}, Targets: []sheet.Target{{Who: "党员"}}}},
			"1月6日，局党组召开座谈会，邀请评议员和建言团成员对党员进行了点评。"},
		{"each branch its own meeting", review(),
			[]sheet.Event{{Month: 3, Part: "中旬", By: []sheet.Person{{Title: "各支部"}}, Occasion: "支部大会", Each: true, Targets: []sheet.Target{{Who: "全体党员"}}}},
			"3月中旬，各支部分别召开支部大会，对全体党员进行了点评。"},
		{"same day, same people: one sentence", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 5)}, By: li, Occasion: "动员会"}, {Dates: []sheet.Date{d(6, 5)}, By: li, Action: "带队检查重点企业"}},
			"6月5日，支部书记李华主持召开动员会，并带队检查重点企业。"},
		{"same people, another day: the subject carried", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 5)}, By: li, Action: "带队检查企业"}, {Dates: []sheet.Date{d(6, 9)}, By: li, Action: "走访社区"}},
			"6月5日，支部书记李华带队检查企业。6月9日，走访社区。"},
		{"after a person, the unit named again", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 5)}, By: li, Action: "带队检查企业"}, {Dates: []sheet.Date{d(6, 9)}, Action: "开展安全大检查"}},
			"6月5日，支部书记李华带队检查企业。6月9日，我局开展安全大检查。"},
		{"zero suggestions are said", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 6)}, Occasion: "座谈会", Targets: []sheet.Target{{Who: "党员"}}, Suggestions: num(0)}},
			"1月6日，局党组召开座谈会，对党员进行了点评，未收到意见建议。"},
		{"suggestions counted", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 6)}, Occasion: "座谈会", Targets: []sheet.Target{{Who: "党员"}}, Suggestions: num(13)}},
			"1月6日，局党组召开座谈会，对党员进行了点评，共收到意见建议13条。"},
		{"suggestions not given: silence", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 6)}, Occasion: "座谈会", Targets: []sheet.Target{{Who: "党员"}}}},
			"1月6日，局党组召开座谈会，对党员进行了点评。"},
		{"an activity is 开展, not 召开", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 16)}, Occasion: "宣传咨询日活动"}},
			"6月16日，我局开展宣传咨询日活动。"},
		{"a meeting with people reached: they attend", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(5, 15)}, Occasion: "业务培训班", Targets: []sheet.Target{{Who: "信访干部", Count: num(60)}}}},
			"5月15日，我局举办业务培训班，60名信访干部参加。"},
		{"no default verb, no action: only the facts", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 1)}, Place: "县城广场", Text: "发放资料3500份"}},
			"6月1日，在县城广场，发放资料3500份。"},
		{"nothing but the clerk's text: no subject is added", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 2)}, Text: "县领导到场指导"}},
			"6月2日，县领导到场指导。"},
		{"only a date: nothing to say", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 2)}}},
			""},
		{"the action's own verb, targets joined by 对", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 20)}, Action: "开展安全生产大检查", Targets: []sheet.Target{{Who: "企业", Count: num(86)}}}},
			"6月20日，我局对86家企业开展安全生产大检查。"},
		{"a lesson is given 为 its hearers", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(5, 9)}, By: li, Action: "讲授专题党课", Targets: []sheet.Target{{Who: "全体党员"}}}},
			"5月9日，支部书记李华为全体党员讲授专题党课。"},
		{"an activity reaches people: 面向", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 16)}, Place: "人民广场", Action: "开展安全宣传咨询", Targets: []sheet.Target{{Who: "群众", Count: num(1200)}}}},
			"6月16日，我局在人民广场面向1200名群众开展安全宣传咨询。"},
		{"two dates, one deed each time: 先后两次", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 20), d(6, 12)}, Action: "组织应急演练"}},
			"6月12日、20日，我局先后两次组织应急演练。"},
		{"the clerk's text is closed", campaign(),
			[]sheet.Event{{Dates: []sheet.Date{d(6, 12)}, Action: "组织应急演练", Text: "演练检验了预案"}},
			"6月12日，我局组织应急演练。演练检验了预案。"},
		{"a heard report before the review", review(),
			[]sheet.Event{{Dates: []sheet.Date{d(1, 11)}, By: gao, Heard: &sheet.Report{By: sheet.Person{Title: "纪检组长", Name: "李润干"}, Topic: "工作情况"}, Targets: []sheet.Target{{Who: "局党组"}}}},
			"1月11日，党组书记高峰听取纪检组长李润干关于工作情况的汇报后，对局党组进行了点评。"},
	} {
		if got := c.p.Events(c.es); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// A count written as {name} takes the figure and the [[counts]] entry's
// measure word.
func TestTargetsByFigure(t *testing.T) {
	v := 86
	s := &sheet.Sheet{Counts: []sheet.Count{{ID: "companies", Label: "企业", Unit: "家", Value: &v}}}
	figs, diags := figures.Compute(s)
	if diags != nil {
		t.Fatal(diags)
	}
	p := campaign()
	p.Figs = figs
	got := p.Targets([]sheet.Target{{Who: "重点企业", Count: sheet.Amount{Ref: "companies", Set: true}}, {Who: "各乡镇"}})
	if want := "86家重点企业和各乡镇"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// One form is not a list; two are 一是……二是…….
func TestWays(t *testing.T) {
	p := review()
	one := []sheet.Way{{Form: "召开支部大会", Events: []sheet.Event{{Targets: []sheet.Target{{Who: "全体党员"}}}}}}
	if got, want := p.Ways(one), "局党组召开支部大会，对全体党员进行了点评。"; got != want {
		t.Errorf("one way:\n got %s\nwant %s", got, want)
	}
	two := []sheet.Way{{Form: "召开民主生活会"}, {Form: "召开支部大会", Text: "点评有一说一"}}
	if got, want := p.Ways(two), "一是召开民主生活会；二是召开支部大会。点评有一说一。"; got != want {
		t.Errorf("two ways:\n got %s\nwant %s", got, want)
	}
	dated := []sheet.Way{{Form: "召开汇报会", Events: []sheet.Event{{Dates: []sheet.Date{d(1, 11)}, By: gao, Targets: []sheet.Target{{Who: "局党组"}}}}}, {Form: "个别谈话"}}
	if got, want := p.Ways(dated), "一是召开汇报会。1月11日，党组书记高峰对局党组进行了点评。二是个别谈话。"; got != want {
		t.Errorf("dated way:\n got %s\nwant %s", got, want)
	}
}

func TestAspects(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"服务群众"}, "围绕服务群众"},
		{[]string{"服务群众", "组织纪律"}, "围绕服务群众和组织纪律两个方面"},
		{[]string{"甲", "乙", "丙"}, "围绕甲、乙和丙三个方面"},
		{[]string{"甲", " ", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子"}, "围绕甲、乙、丙、丁、戊、己、庚、辛、壬、癸和子十一个方面"},
	} {
		if got := Aspects(c.in); got != c.want {
			t.Errorf("Aspects(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// Outcomes: one is a sentence, more are enumerated.
func TestOutcomes(t *testing.T) {
	if got, want := Outcomes([]sheet.Outcome{{Text: "通过验收"}}), "通过验收。"; got != want {
		t.Errorf("one: %s, want %s", got, want)
	}
	if got, want := Outcomes([]sheet.Outcome{{Text: "通过验收。"}, {Text: "获奖", Awards: []string{"先进集体"}}}), "一是通过验收。二是获奖，被评为先进集体。"; got != want {
		t.Errorf("two: %s, want %s", got, want)
	}
	if got := Outcomes(nil); got != "" {
		t.Errorf("none: %q", got)
	}
}

func TestOccasionVerb(t *testing.T) {
	for occ, want := range map[string]string{
		"创先争优座谈会": "召开", "支部大会": "召开", "领导班子专题民主生活会": "召开", "动员会议": "召开",
		"专题讲座": "举办", "信访业务培训班": "举办", "主题教育读书班": "举办", "成果展": "举办",
		"应急疏散演练": "组织", "岗前培训": "组织", "“安全宣传咨询日”活动": "开展", "主题党日活动": "开展",
		"知识竞赛": "举办",
	} {
		if got := OccasionVerb(occ); got != want {
			t.Errorf("OccasionVerb(%s) = %s, want %s", occ, got, want)
		}
	}
}

func TestPreposition(t *testing.T) {
	for action, want := range map[string]string{
		"开展安全检查": "对", "开展隐患排查": "对", "进行点评": "对", "讲授专题党课": "为", "作专题辅导讲座": "为",
		"发放宣传资料": "向", "传达会议精神": "向", "开展安全宣传咨询": "面向", "开展义诊": "面向",
	} {
		if got := Preposition(action); got != want {
			t.Errorf("Preposition(%s) = %s, want %s", action, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	for in, want := range map[string]string{
		"点评有一说一":      "点评有一说一。",
		"第一段\n\n第二段。": "第一段。\n\n第二段。",
		"取得成效！":       "取得成效！",
		"  ":          "",
		"他说：“好。”":     "他说：“好。”",
		"分三步：一是学习；二是对照；": "分三步：一是学习；二是对照。",
	} {
		if got := Paragraphs(in); got != want {
			t.Errorf("Paragraphs(%q) = %q, want %q", in, got, want)
		}
	}
}
