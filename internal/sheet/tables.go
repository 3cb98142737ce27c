package sheet

// Table is a table of the clerk's own, printed after a section or an item:
// a caption, a header row and rows of cells. Cells are text; a cell may
// reference figures ({members}, a count's {id}, a sum's total) like any
// text of the sheet.
type Table struct {
	Caption string     `toml:"caption"`
	Header  []string   `toml:"header" required:"true"`
	Rows    [][]string `toml:"rows"`
	// After names the section the table follows: methods, contents,
	// effects, problems, measures, plans, basics, or a custom section's
	// title. Empty: after the last section.
	After string `toml:"after"`
	// Item, when given, is the name of the item of that section the table
	// follows, instead of the section's end.
	Item string `toml:"item"`
	// Total, when given, adds a last row with this label in the first
	// column and the sum of every column whose cells are all whole numbers.
	Total string `toml:"total"`
}
