package sheet

import (
	"testing"
)

// Every hint for a TOML syntax error, each with a sheet that needs it, so
// that an upgrade of the TOML library that words or places its errors
// differently cannot silently lose one.
func TestSyntaxHints(t *testing.T) {
	cases := []struct{ name, src, help string }{
		{"chinese double quotes", "title = “总结”\n", "文字要用英文双引号 \"…\" 包围，不能用中文引号 “…”"},
		{"chinese single quotes", "title = ‘总结’\n", "文字要用英文引号 \"…\" 或 '…' 包围，不能用中文引号 ‘…’"},
		{"full-width equals", "title ＝ \"总结\"\n", "等号要用英文的 =，不能用全角的 ＝"},
		{"full-width comma", "reach = [\"a\"，\"b\"]\n", "列表元素之间要用英文逗号 , 分隔，不能用中文逗号 ，"},
		{"full-width brackets", "【document】\n", "表头和列表要用英文方括号 [ ]，不能用中文方括号"},
		{"lone CR", "a = 1\rb = 2\n", "文件用了单独的回车符（CR）换行：请在编辑器中把换行符改为 LF 或 CRLF 后保存"},
		{"unclosed string", "title = \"总结\n", "字符串缺少结尾的引号，请补上 \"；多行文字请用 \"\"\" 包围"},
		{"unclosed string at EOF", "title = \"总结", "字符串缺少结尾的引号，请补上 \"；多行文字请用 \"\"\" 包围"},
		{"unclosed multi-line", "text = \"\"\"总结\n", "多行文字缺少结尾的 \"\"\"，请补上"},
		{"inline table", "p = { from = 2011-01-01\n", "{ … } 缺少结尾的 }，或元素之间缺少逗号；{ … } 必须写在一行内"},
		{"key twice", "a = 1\na = 2\n", "同一个键写了两次，请删除其中一个"},
		{"bad header", "[document\n", "表头应写成 [名称] 或 [[名称]]"},
		{"EOF in a list", "reach = [\"a\",\n", "文件在值写完之前就结束了：检查最后的列表 [ … ] 是否完整"},
		{"no value", "title =\n", "等号后面缺少值：文字要加引号，数字和日期不加"},
		{"date form", "date = 2011-1-21\n", "日期的月和日要各写两位：应写成 2011-01-21"},
		{"bad time", "date = 2011-01-21T25:00:00\n", "日期写法不对：应写成 2011-01-21（年-月-日，月和日各两位，不加引号）"},
		{"no such month", "date = 2011-13-01\n", "日期 2011-13-01 不存在：月份应在 01 到 12 之间"},
		{"no such day", "date = 2011-02-30\n", "日期 2011-02-30 不存在：2011年2月只有 28 天"},
		{"bad escape", "title = \"a\\qb\"\n", "反斜杠 \\ 后面不是有效的转义：要写反斜杠本身请写成 \\\\，或改用单引号 '…' 包围文字"},
		{"bad key", "题目 = \"a\"\n", "键名后缺少等号 =，或键名中有不允许的字符：键名只能用英文字母、数字、- 和 _"},
		{"blank key", "= 1\n", "等号前缺少键名"},
		{"unclosed list", "reach = [\"a\" \"b\"]\n", "列表缺少结尾的 ]，或元素之间缺少逗号"},
		{"table and array", "[a]\n[[a]]\n", "同一个名称既写成了 [名称] 又写成了 [[名称]]：可以重复的项请一律写成 [[名称]]"},
		{"out of range", "n = 99999999999999999999\n", "数字大得超出范围，请检查"},
		{"leading zero", "n = 013\n", "数字写法不对：整数直接写，如 13，不以 0 开头，不加单位"},
		{"trailing text", "n = 13 名\n", "一行只能写一个键和它的值，值后面多了内容：文字要整体加引号，日期写成 2011-01-21"},
		{"escape not UTF-8", "t = \"\\uD800\"\n", "转义写出的不是有效字符：请直接写出该字符，不要用 \\u 转义"},
	}
	for _, c := range cases {
		_, diags := Decode("a.toml", []byte(c.src))
		if len(diags) != 1 || diags[0].Kind != "toml-syntax" {
			t.Errorf("%s: %v", c.name, diags)
			continue
		}
		if diags[0].Help != c.help {
			t.Errorf("%s: help %q\n  want %q\n  (message %q)", c.name, diags[0].Help, c.help, diags[0].Message)
		}
	}
}
