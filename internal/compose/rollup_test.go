package compose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

// Twenty branches of eleven members, four of them with a probationary
// member, give the power-supply company's own figures, computed.
func TestRollupSumsBranches(t *testing.T) {
	parent := rollupParent(t, "")
	var branches []Branch
	for i := range 20 {
		f := sheet.Figures{Members: 11, Participants: 11}
		if i < 4 {
			f.Probationary = 1
		}
		branches = append(branches, Branch{Name: fmt.Sprintf("b%02d", i+1), Unit: fmt.Sprintf("第%d党支部", i+1), Figures: f})
	}
	branches[2].Suggestions = 3
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	md, err := c.Rollup(parent, branches)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"我公司共有20个党支部、220名党员，其中预备党员4名，全体党员均参加了此次领导点评，参与率100%。领导点评中，共收到意见建议3条。",
		"## 一、各党支部点评情况",
		"第1党支部共有11名党员，其中预备党员1名，全体党员均参加了领导点评，参与率100%。",
		"第3党支部共有11名党员，其中预备党员1名，全体党员均参加了领导点评，参与率100%，收到意见建议3条。",
		"第20党支部共有11名党员，全体党员均参加了领导点评，参与率100%。",
		"::: signature\n县供电公司",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("roll-up lacks %q:\n%s", want, md)
		}
	}
}

// The parent's own sections follow the branches' and number on from them;
// branch names are text like any other and cannot make structure.
func TestRollupOwnSectionsAndEscaping(t *testing.T) {
	parent, diags := sheet.Decode("_rollup.toml", []byte(`[document]
title = "总结"
unit = "县供电公司"
self = "我公司"
task = "领导点评"
date = 2011-01-28

[[problems]]
text = "学习还需加强"
`))
	if diags != nil {
		t.Fatal(diags)
	}
	c, _ := New(Options{})
	md, err := c.Rollup(parent, []Branch{
		{Name: "a", Unit: "# 第一*支部*", Figures: sheet.Figures{Members: 10, Participants: 9}},
		{Name: "b", Unit: "第二党总支", Figures: sheet.Figures{Branches: 3, Members: 30}},
		{Name: "c", Unit: "第三党支部"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"全公司共有5个党支部、40名党员，其中9名党员参加了此次领导点评，参与率22.5%。",
		`\# 第一\*支部\*共有10名党员，9名党员参加了领导点评，参与率90%。`,
		"第二党总支共有3个党支部、30名党员。",
		"第三党支部按要求开展了领导点评。",
		"## 二、存在的问题和不足",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("roll-up lacks %q:\n%s", want, md)
		}
	}
}

func rollupParent(t *testing.T, extra string) *sheet.Sheet {
	t.Helper()
	parent, diags := sheet.Decode("_rollup.toml", []byte(`[document]
title = "创先争优活动领导点评工作总结"
unit = "县供电公司"
self = "我公司"
leader = "公司党委"
task = "领导点评"
date = 2011-01-28
`+extra))
	if diags != nil {
		t.Fatal(diags)
	}
	return parent
}

// The lead paragraph of the branches' section says the parent's leaders
// and which methods more than one branch used, by how many; a method one
// branch used is that branch's own and is not mentioned.
func TestRollupSharedMethodsAndLeaders(t *testing.T) {
	b := func(name string, methods ...string) Branch {
		return Branch{Name: name, Unit: name, Methods: methods}
	}
	const tail = "各党支部开展领导点评的情况如下。"
	cases := []struct {
		leaders  string
		branches []Branch
		want     string
	}{
		{"", []Branch{b("第一", "集中点评"), b("第二", "座谈点评")}, tail},
		{"", []Branch{b("第一", "集中点评")}, tail}, // one branch shares nothing
		{"\n[figures]\nleaders = 7\n", []Branch{b("第一", "集中点评"), b("第二")},
			"公司党委领导班子共有成员7名。" + tail},
		{"", []Branch{b("第一", "随机点评"), b("第二", "座谈点评"), b("第三", "座谈点评", "集中点评")},
			"从点评方式看，2个党支部采用了座谈点评。" + tail},
		{"", []Branch{b("第一", "集中点评", "座谈点评"), b("第二", "座谈点评", "集中点评")},
			"从点评方式看，各党支部均采用了集中点评和座谈点评。" + tail},
		{"", []Branch{b("第一", "集中点评", "随机点评"), b("第二", "集中点评", "个别谈话"), b("第三", "集中点评", "个别谈话", "随机点评")},
			"从点评方式看，各党支部均采用了集中点评，随机点评和个别谈话各有2个党支部采用。" + tail},
		{"\n[figures]\nleaders = 5\n", []Branch{
			b("第一", "集中点评", "随机点评"), b("第二", "个别谈话", "集中点评"), b("第三", "集中点评"), b("第四", "个别谈话"),
		}, "公司党委领导班子共有成员5名。从点评方式看，3个党支部采用了集中点评，2个党支部采用了个别谈话。" + tail},
		{"", []Branch{
			b("第一", "个别谈话", "随机点评"), b("第二", "集中点评", "个别谈话"), b("第三", "集中点评"), b("第四", "个别谈话", "集中点评"),
		}, "从点评方式看，个别谈话和集中点评各有3个党支部采用。" + tail}, // in the order the branches first name them
		{"", []Branch{b("第一", "*集中*点评"), b("第二", "*集中*点评")}, `从点评方式看，各党支部均采用了\*集中\*点评。` + tail},
	}
	c, _ := New(Options{})
	for _, cs := range cases {
		md, err := c.Rollup(rollupParent(t, cs.leaders), cs.branches)
		if err != nil {
			t.Fatal(err)
		}
		_, after, _ := strings.Cut(string(md), "## 一、各党支部点评情况\n\n")
		lead, _, _ := strings.Cut(after, "\n")
		if lead != cs.want {
			t.Errorf("branches %v:\ngot  %s\nwant %s", cs.branches, lead, cs.want)
		}
	}
}

// Branches print in natural order whatever order they come in: 第二 before
// 第十, 2 before 10.
func TestRollupNaturalOrder(t *testing.T) {
	var bs []Branch
	for _, n := range []string{"第十一党支部", "第二党支部", "第十党支部", "第一党支部", "机关10支部", "机关2支部"} {
		bs = append(bs, Branch{Name: n, Unit: n})
	}
	c, _ := New(Options{})
	md, err := c.Rollup(rollupParent(t, ""), bs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(md), "\n") {
		if u, ok := strings.CutSuffix(line, "按要求开展了领导点评。"); ok {
			got = append(got, u)
		}
	}
	want := "机关2支部 机关10支部 第一党支部 第二党支部 第十党支部 第十一党支部"
	if strings.Join(got, " ") != want {
		t.Errorf("order %q, want %q", strings.Join(got, " "), want)
	}
}

// Problems several branches wrote alike are quoted with how many wrote
// them; a long or many-paragraph problem is not quoted, and references
// are expanded first.
func TestRollupSharedProblems(t *testing.T) {
	branch := func(name, problems string) Branch {
		s, diags := sheet.Decode(name+".toml", []byte(`[document]
title = "总结"
unit = "`+name+`"
self = "我支部"
task = "领导点评"
date = 2011-01-28

[figures]
members = 12
`+problems))
		if diags != nil {
			t.Fatal(diags)
		}
		return BranchOf(name, s)
	}
	const (
		p1   = "[[problems]]\ntext = \"点评记录还不够规范。\"\n"
		p2   = "[[problems]]\ntext = \"整改落实还需跟踪\"\n"
		p3   = "[[problems]]\ntext = \"{members}名党员中仍有人学习不够\"\n"
		long = "[[problems]]\ntext = \"" + "部分党员学习不够深入，对创先争优活动的意义认识不足，参加组织生活的积极性还不够高，需要进一步加强。" + "\"\n"
		tail = "各党支部开展领导点评的情况如下。"
	)
	cases := []struct {
		bs   []Branch
		want string
	}{
		{[]Branch{branch("第一", p1), branch("第二", p2)}, tail},
		{[]Branch{branch("第一", p1+p2), branch("第二", p2), branch("第三", p2+p1)},
			"从存在的问题看，各党支部都提到了“整改落实还需跟踪”，2个党支部都提到了“点评记录还不够规范”。" + tail},
		{[]Branch{branch("第一", p1+p2), branch("第二", p2+p1), branch("第三", "")},
			"从存在的问题看，2个党支部都提到了“点评记录还不够规范”和“整改落实还需跟踪”。" + tail},
		{[]Branch{branch("第一", p3), branch("第二", p3)}, "从存在的问题看，各党支部都提到了“12名党员中仍有人学习不够”。" + tail},
		{[]Branch{branch("第一", long), branch("第二", long)}, tail},
	}
	c, _ := New(Options{})
	for _, cs := range cases {
		md, err := c.Rollup(rollupParent(t, ""), cs.bs)
		if err != nil {
			t.Fatal(err)
		}
		_, after, _ := strings.Cut(string(md), "## 一、各党支部点评情况\n\n")
		lead, _, _ := strings.Cut(after, "\n")
		if lead != cs.want {
			t.Errorf("got  %s\nwant %s", lead, cs.want)
		}
	}
}
