package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func fakeProgress(tty bool) (*Progress, *bytes.Buffer, *time.Time) {
	var buf bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &Progress{w: &buf, tty: tty, now: func() time.Time { return now }}
	return p, &buf, &now
}

// On a terminal: one line redrawn with done/total, rate and time left.
func TestProgressBar(t *testing.T) {
	p, buf, now := fakeProgress(true)
	p.Start(100)
	for range 25 {
		*now = now.Add(200 * time.Millisecond)
		p.Tick()
	}
	last := buf.String()[strings.LastIndex(buf.String(), "\r")+1:]
	want := "[██████░░░░░░░░░░░░░░░░░░] 25/100  每秒 5.0 份  剩余约 15 秒\033[K"
	if last != want {
		t.Errorf("bar = %q, want %q", last, want)
	}
	if strings.Contains(buf.String(), "\n") {
		t.Error("a terminal bar wrote a newline before the end")
	}
	for range 75 {
		p.Tick()
	}
	p.Finish()
	if !strings.HasSuffix(buf.String(), "100/100  每秒 20.0 份  已全部完成\033[K\n") {
		t.Errorf("end of bar: %q", buf.String()[max(0, buf.Len()-80):])
	}
}

// Elsewhere: a plain line at every tenth.
func TestProgressLines(t *testing.T) {
	p, buf, now := fakeProgress(false)
	p.Start(20)
	for range 20 {
		*now = now.Add(time.Second)
		p.Tick()
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines:\n%s", len(lines), buf)
	}
	if lines[0] != "已完成 2/20（10%），每秒 1.0 份，剩余约 18 秒" || lines[9] != "已完成 20/20（100%），每秒 1.0 份，已全部完成" {
		t.Errorf("lines:\n%s", buf)
	}
	var nilp *Progress // --quiet
	nilp.Start(3)
	nilp.Tick()
	nilp.Finish()
}
