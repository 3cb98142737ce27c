package kind

import (
	"strings"
	"testing"
)

// TestParseTooDeep: a kind.toml nested 10 000 deep (issue 13: gigabytes in
// the TOML decoder) is refused before decoding, at its line.
func TestParseTooDeep(t *testing.T) {
	src := "id = \"x\"\nname = \"X\"\nx = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n"
	_, err := Parse("kinds/x/kind.toml", []byte(src))
	if want := "kinds/x/kind.toml:3: 类型定义错误：嵌套过深：表、键和列表最多嵌套 16 层"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
