package sheet

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/zongjie/zongjie/internal/tomldepth"
)

// nest returns open written n times, then mid, then close n times.
func nest(open, mid, close string, n int) string {
	return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
}

// depthCases are sheets one level past MaxDepth (16), each with where the
// first level too many is written, counted by hand: a key part, a "{" does
// not count by itself (its keys do), a "[" does.
var depthCases = []struct {
	name      string
	src       string
	line, col int
}{
	// x is level 1, the k-th a is level k+1: the 16th a, after "x = " and
	// 15 "{a=" and one "{".
	{"inline tables", "x = " + nest("{a=", "1", "}", 16) + "\n", 1, 4 + 15*3 + 2},
	// q and 15 ".a" make 16; the 16th ".a" is one too many.
	{"dotted key", "q" + strings.Repeat(".a", 16) + " = 1\n", 1, 1 + 15*2 + 2},
	{"dotted header", "[document]\n[q" + strings.Repeat(".a", 16) + "]\n", 2, 2 + 15*2 + 2},
	{"header then key", "[" + strings.TrimPrefix(strings.Repeat(".a", 10), ".") + "]\nb.c.d.e.f.g.h = 1\n", 2, 13},
	// x is 1, each "[" one more: the 16th "[" is level 17.
	{"lists", "x = " + nest("[", "1", "]", 16) + "\n", 1, 4 + 15 + 1},
	{"inline table in lists", "x = " + nest("[", nest("{a=", "1", "}", 8), "]", 8) + "\n", 1, 4 + 8 + 7*3 + 2},
	{"dotted keys in an inline table", "x = {" + strings.TrimPrefix(strings.Repeat(".a", 16), ".") + " = 1}\n", 1, 6 + 15*2},
	{"array of tables", "[[" + strings.TrimPrefix(strings.Repeat(".a", 17), ".") + "]]\n", 1, 3 + 16*2},
	{"after a second element", "x = [1, " + nest("[", "1", "]", 15) + "]\n", 1, 9 + 14},
	{"quoted keys", "\"a\"" + strings.Repeat(`."a"`, 16) + " = 1\n", 1, 1 + 16*4},
	{"after a multi-line string", "s = \"\"\"\n{{{{[[[[\n\"\"\"\nx = " + nest("[", "1", "]", 16) + "\n", 4, 4 + 15 + 1},
}

// TestDepthRefused: a sheet one level too deep is refused with the depth
// message at the level that is one too many.
func TestDepthRefused(t *testing.T) {
	for _, c := range depthCases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Decode("f.toml", []byte(c.src))
			want := fmt.Sprintf("f.toml:%d:%d: error: 嵌套过深：表、键和列表最多嵌套 16 层，这里已超过：事实表用不到这么深的结构，请检查是否多写了括号，或键名里多了点", c.line, c.col)
			if diags.Error() != want {
				t.Errorf("%s\ngot  %s\nwant %s", c.src, diags.Error(), want)
			}
		})
	}
}

// TestDepthAccepted: the same shapes one level less deep, and brackets in
// strings and comments, pass the depth check and reach the decoder.
func TestDepthAccepted(t *testing.T) {
	for _, src := range []string{
		"x = " + nest("{a=", "1", "}", 15) + "\n",
		"q" + strings.Repeat(".a", 15) + " = 1\n",
		"[q" + strings.Repeat(".a", 15) + "]\n",
		"x = " + nest("[", "1", "]", 15) + "\n",
		"x = " + nest("[", nest("{a=", "1", "}", 7), "]", 8) + "\n",
		"x = \"" + strings.Repeat("{[", 100) + "\"\n",
		"x = '" + strings.Repeat("{[", 100) + "'\n",
		"x = \"\"\"" + strings.Repeat("{[\n", 100) + "\"\"\"\n",
		"x = '''" + strings.Repeat("{[\n", 100) + "'''\n",
		"x = \"\"\"a\\\"\"\"" + strings.Repeat("{[", 100) + "\"\"\"\"\"\n",
		"# " + strings.Repeat("{[", 100) + "\n",
		"x = [ # " + strings.Repeat("[", 100) + "\n1]\n",
		"\"" + strings.Repeat("a.", 100) + "\" = 1\n",
		"x = [" + strings.Repeat("[1], ", 100) + "]\n",
		"x = [" + strings.Repeat("{a = {b = 1}}, ", 100) + "]\n",
		strings.Repeat("[[a.b.c.d.e.f.g.h.i.j.k.l.m.n.o]]\np = 1\n", 100),
	} {
		if at := tomldepth.Find([]byte(src), MaxDepth); at >= 0 {
			t.Errorf("refused at byte %d: %.80q", at, src)
		}
	}
}

// TestDepthLinear reproduces issue 13: nesting 10 000 deep in any of the
// shapes took hundreds of megabytes to gigabytes at 10–20 KB. Each is now
// refused having allocated a small multiple of its size.
func TestDepthLinear(t *testing.T) {
	for name, src := range map[string]string{
		"inline tables": "x = " + nest("{a=", "1", "}", 10000) + "\n",
		"dotted key":    "q" + strings.Repeat(".a", 10000) + "=1\n",
		"dotted header": "[q" + strings.Repeat(".a", 100000) + "]\n",
		"lists":         "x = " + nest("[", "1", "]", 100000) + "\n",
	} {
		alloc := allocated(func() { Decode("f.toml", []byte(src)) })
		if alloc > 64*uint64(len(src))+64<<10 {
			t.Errorf("%s: %d bytes allocated for a %d-byte sheet", name, alloc, len(src))
		}
	}
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// FuzzDepth checks tomldepth.Find against what the decoder builds: a sheet it
// lets through nests at most 2×MaxDepth deep (an array of tables is two
// levels to the decoder, one to the scan), and one it refuses is deeper
// than MaxDepth.
func FuzzDepth(f *testing.F) {
	addSeeds(f)
	for _, c := range depthCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		at := tomldepth.Find(src, MaxDepth)
		if at >= len(src) {
			t.Fatalf("offset %d past the end of %d bytes", at, len(src))
		}
		if len(src) > 4096 {
			return // the decoder's own cost on a deep sheet is what Find prevents
		}
		var raw map[string]any
		if _, err := toml.Decode(string(src), &raw); err != nil {
			return
		}
		d := depthOf(raw)
		if at < 0 && d > 2*MaxDepth {
			t.Fatalf("let through a sheet %d deep", d)
		}
		if at >= 0 && d <= MaxDepth {
			t.Fatalf("refused at byte %d a sheet only %d deep", at, d)
		}
	})
}

// depthOf counts keys and lists down to the deepest value.
func depthOf(x any) int {
	d := 0
	switch v := x.(type) {
	case map[string]any:
		for _, el := range v {
			d = max(d, 1+depthOf(el))
		}
	case []map[string]any:
		for _, el := range v {
			d = max(d, 1+depthOf(el))
		}
	case []any:
		for _, el := range v {
			d = max(d, 1+depthOf(el))
		}
	}
	return d
}

// TestDecodeAllocBound runs the costliest shapes found at the depth limit,
// about 64 KB each, against the bound FuzzDecode asserts on any input.
func TestDecodeAllocBound(t *testing.T) {
	shapes := map[string]func(i int) string{
		"lines of inline tables 15 deep": func(i int) string { return fmt.Sprintf("x%d = %s\n", i, nest("{a=", "1", "}", 15)) },
		"dotted keys 16 parts":           func(i int) string { return fmt.Sprintf("q%s.k%d = 1\n", strings.Repeat(".a", 14), i) },
		"dotted headers 16 parts":        func(i int) string { return fmt.Sprintf("[q%s.k%d]\n", strings.Repeat(".a", 14), i) },
		"unknown keys":                   func(i int) string { return fmt.Sprintf("k%d=1\n", i) },
		"inline tables in a list":        func(i int) string { return map[bool]string{true: "x = [", false: "{a=1},"}[i == 0] },
		"numbers in a list":              func(i int) string { return map[bool]string{true: "x = [", false: "1,"}[i == 0] },
		"lists 15 deep in a list": func(i int) string {
			return map[bool]string{true: "x = [", false: nest("[", "1", "]", 14) + ","}[i == 0]
		},
	}
	for name, line := range shapes {
		var b strings.Builder
		for i := 0; b.Len() < 64<<10; i++ {
			b.WriteString(line(i))
		}
		if strings.HasPrefix(b.String(), "x = [") {
			b.WriteString("]\n")
		}
		src := []byte(b.String())
		alloc := allocated(func() { Decode("f.toml", src) })
		t.Logf("%s: %.0f bytes allocated per byte", name, float64(alloc)/float64(len(src)))
		if limit := allocPerByte*uint64(len(src)) + allocBase; alloc > limit {
			t.Errorf("%s: %d bytes allocated for %d bytes, more than %d", name, alloc, len(src), limit)
		}
	}
	small := allocated(func() { Decode("f.toml", []byte(minimalSrc)) })
	t.Logf("a minimal sheet: %d bytes allocated", small)
}

const minimalSrc = `[document]
title = "主题党日活动工作总结"
unit = "第一党支部"
self = "我支部"
task = "主题党日活动"
date = 2026-11-20
`

// TestDepthLayer: a batch's layers (branch sheets, _defaults.toml) are
// checked the same way before they are parsed.
func TestDepthLayer(t *testing.T) {
	_, diags := ParseLayer("_defaults.toml", []byte("x = "+nest("{a=", "1", "}", 10000)+"\n"))
	if len(diags) != 1 || diags[0].Line != 1 || diags[0].Col != 4+15*3+2 || !strings.HasPrefix(diags[0].Message, "嵌套过深") {
		t.Errorf("got %v", diags)
	}
}
