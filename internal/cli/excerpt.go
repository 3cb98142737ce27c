package cli

import (
	"fmt"
	"io"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/files"
)

// printDiags prints one diagnostic a line; with excerpt, each that has a
// line is followed by that line of its file and a caret under the column.
func printDiags(w io.Writer, l diag.List, excerpt bool) {
	srcs := map[string][]byte{}
	for _, d := range l {
		if !excerpt || d.Line == 0 {
			fmt.Fprintln(w, d.Error())
			continue
		}
		src, ok := srcs[d.File]
		if !ok {
			src, _ = files.Read(d.File, files.Sheet)
			srcs[d.File] = src
		}
		fmt.Fprintln(w, d.Excerpt(src))
	}
}
