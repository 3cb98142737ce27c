package prose

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNaturalLess(t *testing.T) {
	cases := []struct {
		a, b string
		less bool
	}{
		{"第一党支部", "第二党支部", true},
		{"第二党支部", "第三党支部", true},
		{"第九党支部", "第十党支部", true},
		{"第十党支部", "第十一党支部", true},
		{"第十一党支部", "第二十党支部", true},
		{"第二十党支部", "第二十一党支部", true},
		{"第九十九党支部", "第一百党支部", true},
		{"第一百党支部", "第一百零五党支部", true},
		{"第三党支部", "第二党支部", false},
		{"第十党支部", "第九党支部", false},
		{"2号支部", "10号支部", true},
		{"支部2", "支部10", true},
		{"支部10", "支部9", false},
		{"支部9", "支部10", true},
		{"支部02", "支部2", true}, // equal numbers: string order decides
		{"第2党支部", "第二党支部", true},
		{"第二党支部", "第2党支部", false},
		{"物资供应第一党支部", "调度控制第二党支部", true}, // text first, by code point: 物 < 调
		{"机关一支部", "机关二支部", true},
		{"机关二支部", "机关十二支部", true},
		{"第一党支部", "机关党支部", false}, // 第 > 机 as strings
		{"1支部", "机关党支部", true},    // numbers before text
		{"党支部", "党支部2", true},     // a prefix first
		{"零售党支部", "批发党支部", false}, // 零 starts a word, not a number
		{"十百党支部", "十一党支部", true},  // 十百 is not a numeral: 10, then text
		{"二〇一一年", "二〇一〇年", false},
		{"", "a", true},
		{"a", "a", false},
		{"第一党支部", "第一党支部", false},
		{"支部99999999999999999999", "支部100000000000000000000", true}, // beyond int64
	}
	for _, c := range cases {
		if got := NaturalLess(c.a, c.b); got != c.less {
			t.Errorf("NaturalLess(%q, %q) = %v, want %v", c.a, c.b, got, c.less)
		}
	}
}

// Sorting any shuffle gives the same order, and it is the clerk's.
func TestNaturalSort(t *testing.T) {
	want := []string{
		"机关1支部", "机关2支部", "机关10支部", // 机 < 第 by code point
		"第一党支部", "第二党支部", "第三党支部", "第四党支部", "第五党支部", "第六党支部",
		"第七党支部", "第八党支部", "第九党支部", "第十党支部", "第十一党支部", "第十二党支部",
		"第二十党支部", "第二十一党支部",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		got := slices.Clone(want)
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, NaturalCompare)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted to %q", got)
		}
	}
}
