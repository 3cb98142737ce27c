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
	parent, diags := sheet.Decode("_rollup.toml", []byte(`[document]
title = "创先争优活动领导点评工作总结"
unit = "县供电公司"
self = "我公司"
leader = "公司党委"
task = "领导点评"
date = 2011-01-28
`))
	if diags != nil {
		t.Fatal(diags)
	}
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
