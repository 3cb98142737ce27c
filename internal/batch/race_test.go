//go:build race

package batch

// The race detector slows the pipeline about tenfold; the thousand-sheet
// count test scales down under it, the logic being the same.
const raceEnabled = true
