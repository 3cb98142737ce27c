// Command zongjie drafts Chinese work summaries (工作总结) from TOML fact
// sheets, as Markdown, HTML and PDF.
package main

import (
	"os"

	"github.com/zongjie/zongjie/internal/cli"
)

func main() {
	cli.HoldGC()
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
