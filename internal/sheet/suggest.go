package sheet

import (
	"strings"

	"github.com/zongjie/zongjie/internal/diag"
)

// Suggest returns the known key closest to key by edit distance, if it is
// close enough to be a typo (memebers → members).
func Suggest(key string, known []string) string {
	best, bestDist := "", len(key)/3+1
	for _, k := range known {
		if d := distance(key, k); d < bestDist || (d == bestDist && best != "" && k < best) {
			best, bestDist = k, d
		}
	}
	if best != "" && distance(key, best) > len(key)/3+1 {
		return ""
	}
	return best
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// UnknownKey is the diagnostic for key, at path, that is none of known:
// the message names it, the help suggests the nearest known key or lists
// them all.
func (p Positions) UnknownKey(file, path, key string, known []string) diag.Diagnostic {
	d := p.Error(file, path, "unknown-key", "未知的键 %q", diag.Cut(key))
	if s := Suggest(key, known); s != "" {
		return d.WithHelp("是不是想写 %q？", s)
	}
	return d.WithHelp("这里可以写的键有 %s", strings.Join(known, "、"))
}
