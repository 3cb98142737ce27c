// Package preview shows the document being edited in the browser: a page
// on 127.0.0.1 with the HTML and the PDF of a sheet (or of a folder's
// branches), rebuilt by watch on every save and pushed to the page with
// server-sent events. The page marks the paragraphs and figures the save
// changed, and lists the sheet's diagnostics; while the sheet has errors it
// keeps showing the last good document. See docs/preview.md.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/watch"
)

// DefaultDebounce is shorter than watch's: an editor's save is a few
// events within milliseconds, and the clerk is looking at the page.
const DefaultDebounce = 20 * time.Millisecond

// Options configure a preview.
type Options struct {
	// Batch is what to build: Inputs is one sheet or one folder. An empty
	// Out builds into a temporary folder, removed at the end; nil Formats
	// builds HTML and PDF, what the page shows.
	Batch batch.Options
	// Port to listen on at 127.0.0.1; 0 picks a free one.
	Port int
	// Open opens the page in the system's browser.
	Open     bool
	Debounce time.Duration
	// Out receives the URL and watch's messages, Err the diagnostics and
	// warnings.
	Out, Err io.Writer
	// Ready, if set, is called with the page's URL once it is served;
	// OnBuild after each build has reached the page's state (tests).
	Ready   func(url string)
	OnBuild func(*batch.Report)
}

// Run serves the preview until ctx is done.
func Run(ctx context.Context, opt Options) error {
	if len(opt.Batch.Inputs) != 1 {
		return errors.New("preview 只能预览一个目录或一份事实表")
	}
	target := opt.Batch.Inputs[0]
	info, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("%s 不存在：请指定一份事实表，或事实表所在的目录", target)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.Batch.Formats == nil {
		opt.Batch.Formats = []build.Format{build.HTML, build.PDF}
	}
	if opt.Batch.Out == "" {
		dir, err := tempDir()
		if err != nil {
			return fmt.Errorf("无法创建临时输出目录：%s", err)
		}
		defer os.RemoveAll(dir)
		opt.Batch.Out = dir
	} else if err := os.MkdirAll(opt.Batch.Out, 0o755); err != nil {
		return fmt.Errorf("无法创建输出目录 %s：%s", opt.Batch.Out, err)
	}
	srv, err := NewServer(target, opt.Batch.Out, info.IsDir())
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := Listen(opt.Port)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer func() {
		srv.Close() // ends the event streams, which Shutdown would wait for
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()

	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(opt.Out, "预览：%s（只在本机可见）\n", url)
	if opt.Open {
		if err := OpenBrowser(url); err != nil {
			fmt.Fprintf(opt.Err, "zongjie：警告：无法打开浏览器（%s），请手动打开 %s\n", err, url)
		}
	}
	if opt.Ready != nil {
		opt.Ready(url)
	}
	return watch.Run(ctx, watch.Options{
		Batch:    opt.Batch,
		Debounce: opt.Debounce,
		Out:      opt.Out,
		Err:      opt.Err,
		OnBuild: func(rep *batch.Report) {
			srv.Update(rep)
			if opt.OnBuild != nil {
				opt.OnBuild(rep)
			}
		},
	})
}

// tempDir makes the folder for throwaway outputs: on Linux, unless TMPDIR
// says otherwise, in the RAM-backed /dev/shm, where the build's fsync
// before each rename costs nothing (10–15 ms a save on this machine's
// disk); elsewhere, or when /dev/shm will not do, in the usual place.
func tempDir() (string, error) {
	if runtime.GOOS == "linux" && os.Getenv("TMPDIR") == "" {
		if dir, err := os.MkdirTemp("/dev/shm", "zongjie-preview-"); err == nil {
			return dir, nil
		}
	}
	return os.MkdirTemp("", "zongjie-preview-")
}

// Listen listens on the loopback address only: the sheets are the unit's
// internal facts, not for the rest of the network.
func Listen(port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("端口 %d 不对：应在 1 到 65535 之间（不写则自动选一个空闲端口）", port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("无法在 127.0.0.1:%d 上提供预览：%s（端口可能已被占用，请换一个 --port，或不写 --port 自动选择）", port, err)
	}
	return ln, nil
}

// browserCommand is how each system opens a URL in the default browser.
func browserCommand(goos, url string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	default:
		return "xdg-open", []string{url}
	}
}

// OpenBrowser opens url in the system's browser without waiting for it.
func OpenBrowser(url string) error {
	name, args := browserCommand(runtime.GOOS, url)
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
