package doc

import "strconv"

var kindNames = [...]string{
	Title:       "Title",
	Subtitle:    "Subtitle",
	Heading1:    "Heading1",
	Heading2:    "Heading2",
	Heading3:    "Heading3",
	Paragraph:   "Paragraph",
	Signature:   "Signature",
	Table:       "Table",
	Recipient:   "Recipient",
	Attachments: "Attachments",
	Imprint:     "Imprint",
}

// String returns the constant's name, for tests and debugging.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}
