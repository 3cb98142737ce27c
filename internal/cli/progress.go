package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Progress reports a batch as it goes: a redrawn bar on a terminal, a plain
// line at every tenth of the work elsewhere (logs, CI, pipes). A nil
// *Progress reports nothing (--quiet).
type Progress struct {
	w    io.Writer
	tty  bool
	now  func() time.Time
	mu   sync.Mutex
	done int
	all  int
	t0   time.Time
	last time.Time // last redraw on a terminal
	step int       // last tenth reported in plain mode
}

// NewProgress reports to w, drawing a bar when w is a terminal.
func NewProgress(w io.Writer) *Progress {
	return &Progress{w: w, tty: IsTerminal(w), now: time.Now}
}

// IsTerminal reports whether w is a character device (and not a dumb one).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// Start begins a run of total branches.
func (p *Progress) Start(total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.all, p.done, p.step = total, 0, 0
	p.t0 = p.now()
	p.last = time.Time{}
}

// Tick counts one branch done.
func (p *Progress) Tick() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	now := p.now()
	if p.tty {
		if p.done == p.all || now.Sub(p.last) >= 100*time.Millisecond {
			p.last = now
			fmt.Fprintf(p.w, "\r%s\033[K", p.bar(now))
		}
		return
	}
	if step := p.done * 10 / max(p.all, 1); step > p.step || p.done == p.all {
		p.step = step
		fmt.Fprintln(p.w, p.line(now))
	}
}

// Finish ends the bar's line.
func (p *Progress) Finish() {
	if p == nil || !p.tty || p.all == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w)
}

func (p *Progress) rate(now time.Time) (perSec float64, left time.Duration) {
	el := now.Sub(p.t0).Seconds()
	if el <= 0 || p.done == 0 {
		return 0, -1
	}
	perSec = float64(p.done) / el
	return perSec, time.Duration(float64(p.all-p.done) / perSec * float64(time.Second))
}

func (p *Progress) bar(now time.Time) string {
	const width = 24
	filled := p.done * width / max(p.all, 1)
	r, left := p.rate(now)
	return fmt.Sprintf("[%s%s] %d/%d  每秒 %.1f 份  %s", strings.Repeat("█", filled), strings.Repeat("░", width-filled),
		p.done, p.all, r, remaining(left))
}

func (p *Progress) line(now time.Time) string {
	r, left := p.rate(now)
	return fmt.Sprintf("已完成 %d/%d（%d%%），每秒 %.1f 份，%s", p.done, p.all, p.done*100/max(p.all, 1), r, remaining(left))
}

func remaining(d time.Duration) string {
	switch {
	case d < 0:
		return "剩余时间未知"
	case d == 0:
		return "已全部完成"
	case d < time.Second:
		return "剩余不到 1 秒"
	case d < time.Minute:
		return fmt.Sprintf("剩余约 %d 秒", int(d.Seconds()+0.5))
	}
	return fmt.Sprintf("剩余约 %d 分 %d 秒", int(d.Minutes()), int(d.Seconds())%60)
}
