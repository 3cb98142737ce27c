package doc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/testutil"
)

// TestFromMarkdown runs testdata/blocks.txt: numbered cases in goldmark's
// format, each a Markdown input and either the expected blocks, one per
// line ("Kind: text", lines of Subtitle and Signature as "  | line"), or
// "error: message".
func TestFromMarkdown(t *testing.T) {
	for _, c := range readCases(t, "testdata/blocks.txt") {
		t.Run(c.name, func(t *testing.T) {
			d, err := FromMarkdown([]byte(c.input))
			var got string
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %v is not a *doc.Error", err)
				}
				got = "error: " + err.Error()
			} else {
				got = dump(t, d)
			}
			if got != c.want {
				t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", c.input, got, c.want)
			}
		})
	}
}

// dump writes blocks in the testdata form, checking the invariant that a
// multi-line block's Text is its Lines joined.
func dump(t *testing.T, d *Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if bl.Table != nil {
			fmt.Fprintf(&b, "%v: %s\n", bl.Kind, bl.Text)
			align := make([]string, len(bl.Table.Align))
			for i, a := range bl.Table.Align {
				align[i] = [...]string{"left", "right", "center"}[a]
			}
			fmt.Fprintf(&b, "  align: %s\n  header: %s\n", strings.Join(align, " "), strings.Join(bl.Table.Header, " | "))
			for _, r := range bl.Table.Rows {
				fmt.Fprintf(&b, "  row: %s\n", strings.Join(r, " | "))
			}
			continue
		}
		if bl.Lines == nil {
			fmt.Fprintf(&b, "%v: %s\n", bl.Kind, bl.Text)
			continue
		}
		if j := strings.Join(bl.Lines, "\n"); bl.Text != j {
			t.Errorf("%v: Text %q is not its Lines joined (%q)", bl.Kind, bl.Text, j)
		}
		fmt.Fprintf(&b, "%v:\n", bl.Kind)
		for _, l := range bl.Lines {
			fmt.Fprintf(&b, "  | %s\n", l)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

type testCase struct{ name, input, want string }

const (
	partSeparator = "//- - - - - - - - -//"
	caseSeparator = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var (
		cases []testCase
		c     testCase
		part  []string
		field = 0 // 0 header, 1 input, 2 want
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case field == 0 && line == "":
		case field == 0:
			c = testCase{name: line}
			field = 1
		case line == partSeparator && field == 1 && part == nil:
		case line == partSeparator:
			c.input, part, field = strings.Join(part, "\n"), nil, 2
		case line == caseSeparator:
			c.want, part, field = strings.Join(part, "\n"), nil, 0
			cases = append(cases, c)
		default:
			part = append(part, line)
		}
	}
	if field != 0 || len(cases) == 0 {
		t.Fatalf("%s: malformed test file", path)
	}
	return cases
}

// TestDivHTML runs the fenced-div cases through goldmark's own harness.
func TestDivHTML(t *testing.T) {
	testutil.DoTestCaseFile(New(), "testdata/div.txt", t)
}

// TestBreakMatchesHTML checks that the block model joins lines exactly as
// the HTML writer renders them, for pairs of characters around a break.
func TestBreakMatchesHTML(t *testing.T) {
	chars := []string{"中", "文", "a", "Z", "1", "，", "。", "（", "）", "、", "“", "”",
		".", ",", "!", "?", "%", "Ａ", "１", "ｶ", "한", "あ", "é", "Ω", "\u3000", "\u200B", "—"}
	md := New()
	for _, x := range chars {
		for _, y := range chars {
			src := "# 题\n\n" + x + "\n" + y + "\n"
			var buf bytes.Buffer
			if err := md.Convert([]byte(src), &buf); err != nil {
				t.Fatal(err)
			}
			// The page shows a kept line break as a space.
			page := buf.String()
			page = page[strings.Index(page, "<p>")+3 : strings.LastIndex(page, "</p>")]
			page = strings.ReplaceAll(html.UnescapeString(page), "\n", " ")

			d, err := FromMarkdown([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Blocks[1].Text; got != page {
				t.Errorf("%q + %q: block text %q, HTML %q", x, y, got, page)
			}
		}
	}
}

func TestUnescape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{``, ``},
		{`纯文本`, `纯文本`},
		{`\*\*粗\*\*`, `**粗**`},
		{`\<script>`, `<script>`},
		{`\&amp;`, `&amp;`},
		{`&amp;amp;`, `&amp;`},
		{`\\&amp;`, `\&`},
		{`1\.`, `1.`},
		{`\中`, `\中`},
		{`\`, `\`},
		{`&#20013;&#x6587;&#X6587;`, `中文文`},
		{`&#12345678;`, `&#12345678;`},
		{`&#x1234567;`, `&#x1234567;`},
		{`&#xD800;`, "\uFFFD"},
		{`&nbsp;`, "\u00A0"},
		{`&ngE;`, "\u2267\u0338"},
		{`&a-b;`, `&a-b;`},
		{`& ;`, `& ;`},
		{"a\x00b", "a\uFFFDb"},
	} {
		if got := unescape([]byte(c.in)); got != c.want {
			t.Errorf("unescape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestErrorWithoutLine(t *testing.T) {
	e := &Error{Msg: "缺少标题"}
	if e.Error() != "缺少标题" {
		t.Errorf("got %q", e.Error())
	}
	e.Line = 12
	if e.Error() != "第12行：缺少标题" {
		t.Errorf("got %q", e.Error())
	}
}

func TestKindString(t *testing.T) {
	if Signature.String() != "Signature" || Kind(42).String() != "Kind(42)" {
		t.Errorf("got %v, %v", Signature, Kind(42))
	}
}

func BenchmarkFromMarkdown(b *testing.B) {
	src, err := os.ReadFile("testdata/summary.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromMarkdown(src); err != nil {
			b.Fatal(err)
		}
	}
}

// Templates edited on Windows arrive with CRLF line endings.
func TestCRLF(t *testing.T) {
	src, err := os.ReadFile("testdata/summary.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := FromMarkdown(src)
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	// Also a paragraph broken across lines.
	crlf = bytes.Replace(crlf, []byte("我局高度重视，"), []byte("我局高度重视，\r\n"), 1)
	got, err := FromMarkdown(crlf)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := dump(t, got), dump(t, want); g != w {
		t.Errorf("CRLF input reads differently:\n%s\nwant:\n%s", g, w)
	}
}
