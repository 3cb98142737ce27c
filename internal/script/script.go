// Package script writes a summary in Traditional characters: Simplified
// text is converted phrase by phrase with OpenCC's dictionaries
// (github.com/longbridgeapp/opencc, a Go port under the Apache License 2.0
// carrying OpenCC's data), in the s2tw configuration: OpenCC's phrase
// table, then Taiwan's standard character forms (為, 裡, 麵). Strings the
// caller names, people's names above all, are never converted: a name is
// what the person writes.
package script

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Script is a writing system for the output.
type Script string

const (
	Simplified  Script = "hans" // the default
	Traditional Script = "hant"
)

// Parse reads a script name as a sheet or the command line gives it;
// "" is Simplified.
func Parse(s string) (Script, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "hans", "zh-hans", "简体":
		return Simplified, nil
	case "hant", "zh-hant", "繁体", "繁體":
		return Traditional, nil
	}
	return "", fmt.Errorf("未知的文字 %q：可选 hans（简体，默认）或 hant（繁体）", s)
}

// converter is built on first use (about 50 ms: the phrase table is
// 1 MB), so Simplified output never pays for it.
var converter = sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New("s2tw") })

// ToTraditional converts text to Traditional characters, leaving every
// occurrence of the keep strings as it is. Text between them is converted
// on its own, so a phrase is never matched across a kept string.
func ToTraditional(text string, keep []string) (string, error) {
	cc, err := converter()
	if err != nil {
		return "", fmt.Errorf("繁体转换表无法载入：%w", err)
	}
	keep = slices.DeleteFunc(slices.Clone(keep), func(s string) bool { return s == "" })
	// Longest first, so 欧阳修 is kept whole where 欧阳 is a name too.
	slices.SortFunc(keep, func(a, b string) int { return len(b) - len(a) })
	keep = slices.Compact(keep)
	// next[i] is where keep[i] next occurs at or after pos (-1: never),
	// searched again only once pos has passed it: linear in the text for
	// a fixed number of names.
	next := make([]int, len(keep))
	for i, k := range keep {
		next[i] = strings.Index(text, k)
	}
	var b strings.Builder
	for pos := 0; pos < len(text); {
		at, n := len(text), 0
		for i, k := range keep {
			if next[i] >= 0 && next[i] < pos {
				if j := strings.Index(text[pos:], k); j >= 0 {
					next[i] = pos + j
				} else {
					next[i] = -1
				}
			}
			if next[i] >= 0 && next[i] < at {
				at, n = next[i], len(k) // ties go to the longer: keep is sorted so
			}
		}
		out, err := cc.Convert(andFor(text[pos:at]))
		if err != nil {
			return "", err
		}
		b.WriteString(out)
		b.WriteString(text[at : at+n])
		pos = at + n
	}
	return b.String(), nil
}

// andFor writes 并为 as 並為 (and … for: 并为他们提供) ahead of OpenCC,
// whose phrase table makes it 併為 (merge into) wherever it stands; in a
// work summary it is the conjunction. Merging is left to OpenCC: after
// 合 兼 吞 归 (合并为, whose 合并 it converts as a phrase) and before 一
// (并为一个, 并为一体).
func andFor(s string) string {
	const hans, hant = "并为", "並為"
	if !strings.Contains(s, hans) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, hans)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(hans):])
		b.WriteString(s[:i])
		if strings.ContainsRune("合兼吞归", before) || after == '一' {
			b.WriteString(hans)
		} else {
			b.WriteString(hant)
		}
		s = s[i+len(hans):]
	}
}
