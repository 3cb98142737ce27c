package cli

import (
	"fmt"
	"io"

	"github.com/zongjie/zongjie/internal/schema"
)

// Schema is the fact sheet's JSON Schema.
func Schema() ([]byte, error) { return schema.Generate() }

// runSchema prints the JSON Schema, for editors and docs/factsheet.schema.json.
func runSchema(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "用法：zongjie schema > factsheet.schema.json")
		return ExitUsage
	}
	b, err := Schema()
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	stdout.Write(b)
	return ExitOK
}
