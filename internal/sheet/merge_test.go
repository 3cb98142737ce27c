package sheet

import (
	"strings"
	"testing"
)

const defaultsSrc = `# shared by every branch
[document]
title = "创先争优活动领导点评工作总结"
self = "我支部"
task = "领导点评"
date = 2011-01-28
period = { from = 2010-12-20, to = 2011-01-20 }
reach = ["党员", "群众"]

[[directives]]
title = "关于认真做好领导点评工作的通知"

[[methods]]
name = "集中点评"
`

func layer(t *testing.T, file, src string) *Layer {
	t.Helper()
	l, diags := ParseLayer(file, []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	return l
}

func TestMergeBranchOverridesListsReplace(t *testing.T) {
	base := layer(t, "_defaults.toml", defaultsSrc)
	over := layer(t, "b1.toml", `[document]
unit = "第一党支部"
period = { to = 2011-01-25 }
reach = ["党员"]

[[methods]]
name = "个别点评"

[[methods]]
name = "随机点评"
`)
	s, diags := Merge(base, over).Decode()
	if diags != nil {
		t.Fatal(diags)
	}
	d := s.Document
	if d.Title != "创先争优活动领导点评工作总结" || d.Unit != "第一党支部" || d.Self != "我支部" {
		t.Errorf("document = %+v", d)
	}
	// Tables merge key by key: the branch's "to", the default's "from".
	if d.Period == nil || d.Period.From.String() != "2010-12-20" || d.Period.To.String() != "2011-01-25" {
		t.Errorf("period = %+v", d.Period)
	}
	if strings.Join(d.Reach, ",") != "党员" {
		t.Errorf("reach = %v, want the branch's list only", d.Reach)
	}
	if len(s.Methods) != 2 || s.Methods[0].Name != "个别点评" {
		t.Errorf("methods = %+v, want the branch's two", s.Methods)
	}
	if len(s.Directives) != 1 {
		t.Errorf("directives = %+v, want the default's", s.Directives)
	}
	if s.File != "b1.toml" {
		t.Errorf("File = %q", s.File)
	}
	// The layers themselves are untouched: the defaults serve the next branch.
	if _, ok := base.Raw["document"].(map[string]any)["unit"]; ok {
		t.Error("merge wrote into the defaults layer")
	}
}

func TestMergeDiagnosticsNameTheirFile(t *testing.T) {
	base := layer(t, "_defaults.toml", defaultsSrc+"\n[figures]\nmemebers = 3\n")
	over := layer(t, "b1.toml", "[document]\nunit = \"第一党支部\"\n\n[figures]\nbranches = \"1\"\n")
	_, diags := Merge(base, over).Decode()
	got := diags.Error()
	want := `_defaults.toml:17:1: error: 未知的键 "memebers"：是不是想写 "members"？
b1.toml:5:12: error: figures.branches 应为整数（如 13，不加引号），这里是文字：去掉引号即可`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestMergeMissingKeyAtBranch(t *testing.T) {
	base := layer(t, "_defaults.toml", defaultsSrc)
	over := layer(t, "b1.toml", "[document]\nself = \"我支部\"\n")
	_, diags := Merge(base, over).Decode()
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), "b1.toml:1:2: error: 缺少必填的键 \"unit\"") {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestMergeWithoutDefaultsIsDecode(t *testing.T) {
	src := "[document]\ntitle = \"t\"\nunit = \"u\"\nself = \"我局\"\ntask = \"点评\"\ndate = 2011-01-21\n"
	a, da := Merge(nil, layer(t, "a.toml", src)).Decode()
	b, db := Decode("a.toml", []byte(src))
	if da != nil || db != nil || a.Document.Title != b.Document.Title || a.Document.Date != b.Document.Date {
		t.Errorf("merge %+v %v, decode %+v %v", a, da, b, db)
	}
}

func TestLayerTake(t *testing.T) {
	l := layer(t, "b.toml", "[batch]\nid = \"b01\"\n\n[document]\ntitle = \"t\"\n")
	v, ok := l.Take("batch")
	if !ok || v.(map[string]any)["id"] != "b01" {
		t.Fatalf("Take = %v, %v", v, ok)
	}
	if _, ok := l.Raw["batch"]; ok {
		t.Error("batch still in Raw")
	}
}
