// Package watch rebuilds a batch whenever one of its sheets is saved, and
// tells the clerk, in words, what the save changed in the summaries: which
// figures changed value and which paragraphs were rewritten, added or
// removed.
package watch

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/files"
)

// Options configure a watch.
type Options struct {
	// Batch is what to build; its Inputs are one folder or one sheet.
	Batch batch.Options
	// Debounce waits this long after the last event before rebuilding, so
	// an editor's save (write, rename, chmod) is one rebuild. Default 150 ms.
	Debounce time.Duration
	// Out receives the messages, Err the diagnostics.
	Out, Err io.Writer
	// OnBuild, if set, is called after every build with its report
	// (tests wait on it).
	OnBuild func(*batch.Report)
}

// Run builds once, then again after every change until ctx is done. It
// returns an error only when it cannot watch.
func Run(ctx context.Context, opt Options) error {
	if opt.Debounce <= 0 {
		opt.Debounce = 150 * time.Millisecond
	}
	if len(opt.Batch.Inputs) != 1 {
		return fmt.Errorf("watch 只能监视一个目录或一份事实表")
	}
	target := opt.Batch.Inputs[0]
	info, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("%s 不存在：请指定事实表所在的目录，或一份事实表", target)
	}
	folder, single := target, ""
	if !info.IsDir() {
		folder, single = filepath.Dir(target), filepath.Base(target)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("无法监视文件改动：%w", err)
	}
	defer w.Close()
	// Editors save by writing a new file and renaming it over the old
	// one, which a watch on the file itself would lose: watch the folder.
	if err := w.Add(folder); err != nil {
		return fmt.Errorf("无法监视 %s：%w", folder, err)
	}
	// The user's templates: the command line's, else the defaults sheet's.
	tmpl := opt.Batch.Templates
	if tmpl == "" {
		_, st, _ := build.Defaults(folder)
		tmpl = st.Templates
	}
	if tmpl != "" {
		if err := w.Add(tmpl); err != nil {
			return fmt.Errorf("无法监视模板目录 %s：%w", tmpl, err)
		}
	}
	relevant := func(name string) bool {
		base := filepath.Base(name)
		if strings.HasPrefix(base, ".") {
			return false // editors' swap files, our own temp files
		}
		if strings.HasSuffix(base, ".md.tmpl") {
			return true
		}
		if filepath.Dir(name) != filepath.Clean(folder) || !strings.HasSuffix(base, ".toml") {
			return false
		}
		return single == "" || base == single || base == batch.DefaultsFile
	}

	// The block model of every branch's summary, to say what a rebuild
	// changed: from the builds, and for branches that were up to date at
	// the start, from their Markdown on disk.
	docs := map[string]*doc.Document{}
	rep := rebuild(opt, nil, docs)
	if rep != nil {
		for _, br := range rep.Branches {
			if br.State == batch.UpToDate {
				if src, err := files.Read(filepath.Join(opt.Batch.Out, br.Name+".md"), files.Output); err == nil {
					docs[br.Name], _ = doc.FromMarkdown(src)
				}
			}
		}
	}
	fmt.Fprintf(opt.Out, "正在监视 %s，保存事实表后自动重新生成（按 Ctrl+C 退出）\n", target)

	var timer <-chan time.Time
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !relevant(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			changed[filepath.Base(ev.Name)] = true
			timer = time.After(opt.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(opt.Err, "zongjie：监视出错：%s\n", err)
		case <-timer:
			timer = nil
			names := make([]string, 0, len(changed))
			for n := range changed {
				names = append(names, n)
			}
			slices.Sort(names)
			clear(changed)
			rebuild(opt, names, docs)
		}
	}
}

// rebuild runs the batch once and reports it; docs holds each branch's
// block model before, and after.
func rebuild(opt Options, changed []string, docs map[string]*doc.Document) *batch.Report {
	if changed != nil {
		fmt.Fprintf(opt.Out, "\n%s 检测到改动：%s\n", time.Now().Format("15:04:05"), strings.Join(changed, "、"))
	}
	rep, err := batch.Run(opt.Batch)
	if err != nil {
		fmt.Fprintf(opt.Err, "zongjie：%s\n", err)
		return nil
	}
	if changed == nil {
		fmt.Fprintf(opt.Out, "已生成：重新生成 %d 个，未变化 %d 个，失败 %d 个\n", rep.Built, rep.UpToDate, rep.Failed)
	} else {
		fmt.Fprint(opt.Out, Describe(rep, docs))
	}
	for _, br := range rep.Branches {
		if br.Doc != nil {
			docs[br.Name] = br.Doc
		}
	}
	for _, d := range rep.Diags {
		fmt.Fprintln(opt.Err, d.Error())
	}
	if opt.OnBuild != nil {
		opt.OnBuild(rep)
	}
	return rep
}
