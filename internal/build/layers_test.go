package build

import (
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

// [batch] is read with the sheet's own rules: a misspelt key gets a
// suggestion, a wrong type and a blank path an error at the value.
func TestReadSettings(t *testing.T) {
	cases := []struct{ src, want string }{
		{"[batch]\ntemplates = \"模板\"\nfonts = { body = \"f.ttf\" }\n", ""},
		{"[batch]\ntemplate = \"模板\"\n", `d/_defaults.toml:2:1: error: 未知的键 "template"：是不是想写 "templates"？`},
		{"[batch]\nfonts = { bdy = \"f.ttf\" }\n", `d/_defaults.toml:2:11: error: 未知的键 "bdy"：是不是想写 "body"？`},
		{"[batch]\ntemplates = 3\n", `d/_defaults.toml:2:13: error: batch.templates 应为文字（加引号，如 "…"），这里是整数`},
		{"[batch]\ntemplates = \" \"\n", `d/_defaults.toml:2:13: error: batch.templates 不能为空：请写文件夹或文件的路径（相对于 _defaults.toml 所在目录），或删去这一行`},
		{"batch = 1\n", `d/_defaults.toml:1:9: error: batch 应为表（[batch] 或 { … }），这里是整数`},
	}
	for _, c := range cases {
		l, diags := sheet.ParseLayer("d/_defaults.toml", []byte(c.src))
		if diags != nil {
			t.Fatal(diags)
		}
		st, diags := ReadSettings(l)
		if got := diags.Error(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
		if c.want == "" && (st.Templates != "d/模板" || st.Fonts["body"] != "d/f.ttf") {
			t.Errorf("settings %+v", st)
		}
	}
}
