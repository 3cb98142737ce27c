package prose

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// NaturalLess orders names as a clerk lists them: numbers by their value,
// whether written 1, 2, 10 or 第一、第二 … 第十、第十一, and the text
// between them by string. 第二党支部 comes before 第十党支部, 2号 before 10号.
// Names equal but for how a number is written (第2 and 第二) fall back to
// plain string order, so the order is total and the same on every run.
func NaturalLess(a, b string) bool {
	if c := naturalCompare(a, b); c != 0 {
		return c < 0
	}
	return a < b
}

// NaturalCompare is NaturalLess as a three-way comparison for
// slices.SortFunc.
func NaturalCompare(a, b string) int {
	if c := naturalCompare(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		na, ra, oka := leadingNumber(a)
		nb, rb, okb := leadingNumber(b)
		switch {
		case oka && okb:
			if c := na.Cmp(nb); c != 0 {
				return c
			}
			a, b = ra, rb
		case oka:
			return -1 // a number before text
		case okb:
			return 1
		default:
			ta, tb := leadingText(a), leadingText(b)
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			a, b = a[len(ta):], b[len(tb):]
		}
	}
	return len(a) - len(b) // a name that is the start of the other comes first
}

// leadingText is s up to its first number.
func leadingText(s string) string {
	for i := range s {
		if _, _, ok := leadingNumber(s[i:]); ok && i > 0 {
			return s[:i]
		}
	}
	return s
}

const (
	cnDigits = "零〇一二两三四五六七八九"
	cnUnits  = "十百千"
)

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// leadingNumber reads the number s starts with: ASCII digits of any
// length, or a Chinese numeral below 万 (一, 十一, 一百零五, and digit by
// digit as in 二〇一一).
func leadingNumber(s string) (*big.Int, string, bool) {
	n := 0
	for n < len(s) && isDigit(rune(s[n])) {
		n++
	}
	if n > 0 {
		v, _ := new(big.Int).SetString(s[:n], 10)
		return v, s[n:], true
	}
	var runes []rune
	for _, r := range s {
		if !strings.ContainsRune(cnDigits, r) && !strings.ContainsRune(cnUnits, r) {
			break
		}
		runes = append(runes, r)
	}
	// The longest run that is a well-formed numeral: in 十百 only 十 is.
	if len(runes) > 0 && (runes[0] == '零' || runes[0] == '〇') {
		return nil, s, false // 零售 is a word; no name counts from zero
	}
	for k := len(runes); k > 0; k-- {
		if v, ok := chineseValue(runes[:k]); ok {
			rest := s
			for range k {
				_, w := utf8.DecodeRuneInString(rest)
				rest = rest[w:]
			}
			return big.NewInt(int64(v)), rest, true
		}
	}
	return nil, s, false
}

func digitValue(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '两':
		return 2
	}
	return strings.IndexRune("零一二三四五六七八九", r) / 3
}

func unitValue(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// chineseValue parses a Chinese numeral below 万: 十一, 二十, 一百零五,
// 两千; or a digit-by-digit number without units: 二〇一一.
func chineseValue(rs []rune) (int, bool) {
	hasUnit := false
	for _, r := range rs {
		if unitValue(r) > 0 {
			hasUnit = true
		}
	}
	if !hasUnit {
		v := 0
		for _, r := range rs {
			v = v*10 + digitValue(r)
		}
		return v, true
	}
	total, digit, lastUnit := 0, -1, 10000
	for i, r := range rs {
		if u := unitValue(r); u > 0 {
			if u >= lastUnit {
				return 0, false // units must fall: 十百 is not a number
			}
			d := digit
			if d < 0 {
				if u != 10 || i != 0 {
					return 0, false // only 十 may stand alone, at the start: 十一
				}
				d = 1
			}
			if d == 0 {
				return 0, false
			}
			total += d * u
			digit, lastUnit = -1, u
			continue
		}
		if digit >= 0 {
			if digit != 0 {
				return 0, false // two digits in a row: 二三十
			}
		}
		digit = digitValue(r)
	}
	if digit > 0 {
		total += digit
	}
	return total, true
}
