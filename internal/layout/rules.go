package layout

import "unicode"

// Line-breaking and punctuation classes (typesetting contract, "Line
// breaking"; clreq).
//
// We keep our own table rather than github.com/rivo/uniseg's UAX #14
// segmentation, because UAX #14 (Unicode 15.0 in uniseg v0.4.7) disagrees
// with the contract on Chinese punctuation: it allows a line to start with
// · and ～, and forbids breaks before “ ‘ …… and after ” ’ (quotation marks
// are class QU there, which never breaks on either side). The test
// TestUnisegDisagrees pins these differences.

// noStart reports a character that may not begin a line.
func noStart(r rune) bool {
	switch r {
	case '、', '，', '。', '：', '；', '！', '？', '”', '’', '）', '〕', '］', '】',
		'》', '〉', '」', '』', '〗', '〙', '·', '～', '/', '％', '‰', '℃',
		// ASCII closing marks as they turn up in mixed text.
		')', ']', '}', '!', '?', ';', ':', ',', '.', '%', '~':
		return true
	}
	return false
}

// noEnd reports a character that may not end a line.
func noEnd(r rune) bool {
	switch r {
	case '“', '‘', '（', '〔', '［', '【', '《', '〈', '「', '『', '〖', '〘',
		'(', '[', '{':
		return true
	}
	return false
}

// closingBlank reports a full-width mark whose glyph sits in the left half
// of its em box in Simplified Chinese fonts, leaving the right half blank
// and squeezable. ！ and ？ are left out: fonts disagree on where their
// glyphs sit, and squeezing a centred one would collide with the next.
func closingBlank(r rune) bool {
	switch r {
	case '、', '，', '。', '：', '；', '”', '’', '）', '〕', '］', '】', '》', '〉',
		'」', '』', '〗', '〙':
		return true
	}
	return false
}

// openingBlank reports a full-width mark whose left half is blank.
func openingBlank(r rune) bool {
	switch r {
	case '“', '‘', '（', '〔', '［', '【', '《', '〈', '「', '『', '〖', '〘':
		return true
	}
	return false
}

// pairedMark reports a mark that is never split from an identical
// neighbour: —— and …… are one two-character mark.
func pairedMark(r rune) bool { return r == '—' || r == '…' }

// latin reports a letter or digit that keeps its own width and is never
// split from its neighbours of the same kind (English words, numbers).
func latin(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	// Latin-1 to Cyrillic letters; CJK punctuation starts well above.
	return r < 0x0530 && unicode.IsLetter(r)
}

// infix joins two Latin characters: 96.5, 1,000, 10:30, COVID-19, km/h.
func infix(r rune) bool {
	switch r {
	case '.', ',', ':', '-', '/', '\'', '_', '&':
		return true
	}
	return false
}

// suffix sticks to the Latin character before it: 100%, 30℃.
func suffix(r rune) bool {
	switch r {
	case '%', '％', '‰', '℃', '°':
		return true
	}
	return false
}

// prefix sticks to the digit after it: ¥100, -5, +3.
func prefix(r rune) bool {
	switch r {
	case '$', '¥', '￥', '€', '£', '+', '-', '−', '#':
		return true
	}
	return false
}

func digit(r rune) bool { return '0' <= r && r <= '9' }

// han reports a CJK ideograph, for the Latin–hanzi gap.
func han(r rune) bool { return unicode.Is(unicode.Han, r) }

// clings reports a character that is never separated from the one before
// it: combining marks, variation selectors, joiners.
func clings(r rune) bool {
	// Fast path: ASCII, Latin-1 and the common ideographs and full-width
	// forms have no combining marks.
	if r < 0x300 || 0x4E00 <= r && r <= 0x9FFF || 0xFF00 <= r && r <= 0xFFEF {
		return false
	}
	return r == 0x200D || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		(0xFE00 <= r && r <= 0xFE0F) || (0xE0100 <= r && r <= 0xE01EF)
}

// breakBetween reports whether a line may break between b and c, where a
// is the character before b and d the one after c (0 at the text's ends).
// A combining mark b is looked through once, so é in a word stays whole.
func breakBetween(a, b, c, d rune) bool {
	switch {
	case noStart(c) || noEnd(b):
		return false
	case pairedMark(b) && b == c:
		return false
	case clings(c) || b == 0x200D:
		return false
	case c == ' ' || c == 0x00A0 || b == 0x00A0:
		// A space hangs at the end of the line it follows.
		return false
	case latin(b) && latin(c), clings(b) && latin(a) && latin(c):
		return false
	case latin(b) && infix(c) && latin(d), infix(b) && latin(a) && latin(c):
		return false
	case latin(b) && suffix(c):
		return false
	case prefix(b) && digit(c):
		return false
	}
	return true
}
