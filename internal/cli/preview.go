package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/preview"
)

const previewUsage = `preview 在浏览器中显示正在编辑的事实表生成的 HTML 和 PDF（目录则可选支部），
每次保存自动重新生成并刷新，标出改动的段落和数字，并列出检查发现的问题；
事实表有错误时仍显示上一次生成的文档。页面只在本机（127.0.0.1）可见。

  --port 端口       在该端口提供页面（默认自动选一个空闲端口，并显示网址）
  --open            用系统的浏览器打开页面
  -o 目录           输出目录（默认用临时目录，退出时删除）
  --templates、--font 同 build
`

// runPreview serves the preview until interrupted (Ctrl+C), then exits 0.
func runPreview(args []string, stdout, stderr io.Writer) int {
	releaseGC() // a server: runs for hours
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	port := fs.Int("port", 0, "")
	open := fs.Bool("open", false, "")
	out := fs.String("o", "", "")
	templates := fs.String("templates", "", "")
	fonts := fontFlags{}
	fs.Var(fonts, "font", "")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(stderr, err)
	}
	if len(inputs) != 1 {
		return usageError(stderr, errors.New("preview 只能预览一份事实表或一个目录：zongjie preview 事实表.toml"))
	}
	if inputs[0] == "-" {
		return usageError(stderr, errors.New("preview 要监视事实表文件的改动，不能读标准输入：请指定事实表或目录"))
	}
	if *port < 0 || *port > 65535 {
		return usageError(stderr, fmt.Errorf("端口 %d 不对：应在 1 到 65535 之间", *port))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = preview.Run(ctx, preview.Options{
		Batch: batch.Options{Inputs: inputs, Out: *out, Templates: *templates, Fonts: fontSpecs(fonts), Version: Version},
		Port:  *port, Open: *open, Out: stdout, Err: stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "zongjie：%s\n", err)
		return ExitFatal
	}
	return ExitOK
}
