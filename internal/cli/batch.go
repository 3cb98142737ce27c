package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/build"
)

const batchUsage = `batch 的选项：
  -o 目录           输出目录（默认 out）；其中 .zongjie/ 记录已生成的内容，再次运行只重新生成有改动的
  -j 数量           同时生成的份数（默认为处理器核数）
  --shard i/n       只处理第 i 份（共 n 份），按支部名分配，供多台机器分工；最后用 --rollup-only 汇总
  --rollup-only     不生成各支部，只根据输出目录中的记录生成汇总和索引页
  --force           全部重新生成
  --quiet           不显示进度和结果摘要（出错信息照常显示）
  --format、--templates、--font 同 build
`

// batchFlags are the options batch and watch share.
type batchFlags struct {
	out, formats, templates string
	fonts                   fontFlags
}

func (b *batchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&b.out, "o", "out", "")
	fs.StringVar(&b.formats, "format", "md,html,pdf,docx", "")
	fs.StringVar(&b.templates, "templates", "", "")
	b.fonts = fontFlags{}
	fs.Var(b.fonts, "font", "")
}

// options turns the shared flags into batch options; font specs from the
// environment come first and the flags win, as for build.
func (b *batchFlags) options(inputs []string) (batch.Options, error) {
	fmts, err := build.ParseFormats(b.formats)
	if err != nil {
		return batch.Options{}, err
	}
	fonts := fontSpecs(b.fonts)
	return batch.Options{Inputs: inputs, Out: b.out, Formats: fmts, Templates: b.templates, Fonts: fonts, Version: Version}, nil
}

func runBatch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var bf batchFlags
	bf.register(fs)
	jobs := fs.Int("j", 0, "")
	shard := fs.String("shard", "", "")
	force := fs.Bool("force", false, "")
	quiet := fs.Bool("quiet", false, "")
	rollupOnly := fs.Bool("rollup-only", false, "")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(inputs) == 0 {
		return usageError(stderr, errors.New("没有指定目录或事实表：zongjie batch 目录"))
	}
	opt, err := bf.options(inputs)
	if err != nil {
		return usageError(stderr, err)
	}
	if *jobs < 0 {
		return usageError(stderr, errors.New("-j 应为正整数"))
	}
	if *shard != "" {
		if opt.Shard, err = batch.ParseShard(*shard); err != nil {
			return usageError(stderr, err)
		}
	}
	opt.Jobs, opt.Force, opt.RollupOnly = *jobs, *force, *rollupOnly
	opt.Busy = func() { releaseGCAt(batchGC) }
	if !*quiet {
		opt.Progress = NewProgress(stderr)
	}
	// SIGINT or SIGTERM stops the batch cleanly: files being written are
	// finished, none is left half-written, and the next run resumes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A second signal is not caught: it ends the process at once.
	go func() { <-ctx.Done(); stop() }()
	opt.Context = ctx
	rep, err := batch.Run(opt)
	if err != nil {
		var fe *batch.FatalError
		var be *batch.BusyError
		switch {
		case errors.As(err, &fe):
			fmt.Fprintf(stderr, "zongjie：%s\n", err)
			return ExitFatal
		case errors.As(err, &be):
			fmt.Fprintf(stderr, "zongjie：%s\n", err)
			return ExitProblem
		}
		return usageError(stderr, err)
	}
	if !*quiet {
		printSummary(stdout, opt, rep)
	}
	for _, d := range rep.Diags {
		fmt.Fprintln(stderr, d.Error())
	}
	if rep.Interrupted {
		fmt.Fprintf(stderr, "zongjie：已中断，%d 个支部未生成（其原有文件保持不变）；再次运行 zongjie batch 即可继续\n", rep.Skipped)
		return ExitProblem
	}
	if rep.Diags.HasErrors() {
		return ExitProblem
	}
	return ExitOK
}

func printSummary(w io.Writer, opt batch.Options, rep *batch.Report) {
	for _, p := range rep.Removed {
		fmt.Fprintf(w, "已删除 %s（其事实表已不在目录中或已改名）\n", p)
	}
	if !opt.RollupOnly {
		n := rep.Built + rep.UpToDate + rep.Failed
		fmt.Fprintf(w, "共 %d 个支部：重新生成 %d 个，未变化 %d 个，失败 %d 个；写入 %d 个文件，用时 %.1f 秒\n",
			n, rep.Built, rep.UpToDate, rep.Failed, len(rep.Written), rep.Elapsed.Seconds())
	}
	if rep.Rollup {
		fmt.Fprintf(w, "已更新汇总 %s\n", filepath.Join(opt.Out, batch.RollupName+".*"))
	}
	if rep.Index {
		fmt.Fprintf(w, "已更新索引页 %s\n", filepath.Join(opt.Out, batch.IndexFile))
	}
}
