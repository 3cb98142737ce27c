// Command gen writes a folder of generated branch sheets for trying and
// benchmarking zongjie batch:
//
//	go run ./internal/batch/gen -n 1000 -o /tmp/branches
//	go run ./cmd/zongjie batch /tmp/branches -o /tmp/out
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/batchgen"
)

func main() {
	n := flag.Int("n", 100, "how many branch sheets")
	out := flag.String("o", "branches", "folder to write into")
	seed := flag.Uint64("seed", 1, "the same seed gives the same sheets")
	flag.Parse()
	if err := batchgen.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("已在 %s 中写入 %d 份支部事实表、%s 和 %s\n", *out, *n, batch.DefaultsFile, batch.RollupFile)
}
