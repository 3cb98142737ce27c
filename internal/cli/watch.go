package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/zongjie/zongjie/internal/watch"
)

const watchUsage = `watch 先生成一次，之后每次保存事实表（或 _defaults.toml、模板）就自动重新生成，
并说明改动了哪些数字、哪些段落；选项同 batch 的 -o、--format、--templates、--font
`

// runWatch runs until interrupted (Ctrl+C), then exits 0.
func runWatch(args []string, stdout, stderr io.Writer) int {
	releaseGC() // a server: runs for hours
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var bf batchFlags
	bf.register(fs)
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(inputs) != 1 {
		return usageError(stderr, errors.New("watch 只能监视一个目录或一份事实表：zongjie watch 目录"))
	}
	opt, err := bf.options(inputs)
	if err != nil {
		return usageError(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := watch.Run(ctx, watch.Options{Batch: opt, Out: stdout, Err: stderr}); err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	return ExitOK
}
