package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check on a branch sheet merges the folder's defaults: no errors for the
// keys the defaults supply, and what is wrong is reported in the file it
// is written in.
func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	defaults := write(DefaultsFile, `[batch]
templates = "模板"

[document]
title = "领导点评工作总结"
self = "我支部"
task = "领导点评"
date = 2011-01-28

[[problems]]
text = "2月30日的学习流于形式"
`)
	branch := write("第一党支部.toml", `[document]
unit = "第一党支部"

[figures]
members = 3
participants = 4
`)
	rollup := write(RollupFile, `[document]
unit = "县供电公司"
self = "我公司"

[figures]
leaders = 7
members = 40
`)
	lines := func(path string) string {
		diags, ok := CheckFile(path)
		if !ok {
			t.Fatalf("%s: not checked as a batch sheet", path)
		}
		var out []string
		for _, d := range diags.Sort() {
			out = append(out, d.Error())
		}
		return strings.Join(out, "\n")
	}
	textDate := defaults + ":11:9: warning: problems[0].text 中的日期“2月30日”不存在：请核对"
	for _, c := range []struct{ path, want string }{
		{branch, textDate + "\n" + branch + ":6:1: error: 参与人数 4 大于党员总数 3（参与率将超过100%）：请核对 figures.participants 和 figures.members"},
		{rollup, textDate + "\n" + rollup + ":7:1: error: 汇总的 figures.members 由各支部的数字相加得出，不能手填：请删除这一行（只有 leaders 可以填写）"},
		{defaults, ""}, // not a whole sheet: no required keys missing
	} {
		if got := lines(c.path); got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", filepath.Base(c.path), got, c.want)
		}
	}
	alone := filepath.Join(t.TempDir(), "s.toml")
	os.WriteFile(alone, []byte("[document]\n"), 0o644)
	if _, ok := CheckFile(alone); ok {
		t.Error("a sheet without defaults beside it was checked as a branch")
	}
}

// A text in a branch that contradicts a figure the defaults define is
// warned in the branch, and the message names the defaults' line.
func TestCheckFileFigureInDefaults(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, DefaultsFile), []byte(`[document]
title = "安全生产月活动总结"
self = "我局"
task = "安全生产月活动"
kind = "campaign"
date = 2024-06-30

[[counts]]
id = "companies"
label = "企业"
value = 86
`), 0o644)
	branch := filepath.Join(dir, "城关.toml")
	os.WriteFile(branch, []byte(`[document]
unit = "城关安监站"

[[methods]]
name = "集中检查"
text = "共检查企业90家。"
`), 0o644)
	diags, ok := CheckFile(branch)
	want := branch + ":6:14: warning: methods[0].text 中“共检查企业90家”的 90 与 counts[0] companies（企业） = 86（_defaults.toml 第 11 行）不一致：同一个数只应有一个，请核对哪个正确；文字中写 {companies} 即引用该数字，不必再写一遍"
	if !ok || len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("got %v, want\n%s", diags, want)
	}
}
