package preview

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/build"
)

// chromium finds a Chromium to drive, or skips.
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Skip("没有 chromium：跳过浏览器测试（Debian 上 apt-get install chromium；.ci/run 会安装）")
	return ""
}

// browser starts a fresh headless Chromium; the network is closed, so
// everything that would call out is off.
func browser(tb testing.TB) (context.Context, context.CancelFunc) {
	exe := chromium(tb)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	return ctx, func() { cancelCtx(); cancelAlloc() }
}

// startPreview serves a preview of sheet (a copy in a temp folder) and
// returns its URL and a function that waits for the next build.
type running struct {
	url    string
	mu     sync.Mutex
	builds int
	reps   chan *batch.Report
	stderr bytes.Buffer
}

func startPreview(tb testing.TB, target string) *running {
	tb.Helper()
	r := &running{reps: make(chan *batch.Report, 16)}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out syncBuffer
	go func() {
		done <- Run(ctx, Options{
			Batch: batch.Options{Inputs: []string{target}, Formats: []build.Format{build.HTML, build.PDF}},
			Out:   &out, Err: &out,
			Ready:   func(u string) { ready <- u },
			OnBuild: func(rep *batch.Report) { r.reps <- rep },
		})
	}()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("Run: %v", err)
		}
	})
	select {
	case r.url = <-ready:
	case err := <-done:
		tb.Fatalf("Run stopped: %v\n%s", err, out.String())
	}
	select {
	case <-r.reps:
	case <-time.After(30 * time.Second):
		tb.Fatal("no first build")
	}
	return r
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copySample copies a sample sheet into a fresh folder.
func copySample(tb testing.TB, name string) (string, []byte) {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "samples", name))
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p, src
}

// save writes a sheet as an editor does: a new file renamed over the old.
func save(tb testing.TB, path string, src []byte) {
	tb.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".save.tmp")
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}

// eval evaluates a JS expression in the page.
func eval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("%s: %v", expr, err)
	}
	return v
}

// within waits up to d, inside the page, until cond (a JS expression)
// holds.
func within(ctx context.Context, d time.Duration, cond string) error {
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	_, err := chromedp.Run(c, chromedp.Evaluate[chromedp.Void]("window.zjPreview.waitFor(() => "+cond+")", chromedp.EvalAwaitPromise))
	return err
}

func TestBrowserPreview(t *testing.T) {
	if testing.Short() {
		t.Skip("浏览器测试较慢，-short 时跳过")
	}
	ctx, cancel := browser(t)
	defer cancel()
	sheet, src := copySample(t, "party-day.toml")
	r := startPreview(t, sheet)

	if _, err := chromedp.Run(ctx, chromedp.Navigate(r.url)); err != nil {
		t.Fatalf("cannot load the page: %v", err)
	}
	if err := within(ctx, 5*time.Second, `window.zjPreview.docText().includes("其中28名党员")`); err != nil {
		t.Fatalf("the first document never showed: %v", err)
	}

	if err := within(ctx, 5*time.Second, `window.zjPreview.pdfLoaded()`); err != nil {
		t.Fatalf("the PDF never loaded: %v", err)
	}
	// Marks that a reload, of the page or of the document's frame, would
	// wipe out.
	eval[chromedp.Void](t, ctx, `window.zjMarker = 1; document.getElementById("html").contentWindow.zjMarker = 1`)

	// A figure changes on disk: the page shows it within a second, marked.
	save(t, sheet, bytes.Replace(src, []byte("participants = 28"), []byte("participants = 30"), 1))
	t0 := time.Now()
	if err := within(ctx, time.Second, `window.zjPreview.docText().includes("其中30名党员")`); err != nil {
		t.Fatalf("the new figure did not reach the page within 1 s: %v", err)
	}
	t.Logf("save to page: %v", time.Since(t0))
	if !eval[bool](t, ctx, `window.zjMarker === 1 && document.getElementById("html").contentWindow.zjMarker === 1`) {
		t.Error("the page or its document was reloaded instead of swapped")
	}
	marks := eval[[]string](t, ctx, `window.zjPreview.marks()`)
	// 28 → 30 and the share it makes of 32, 87.5% → 93.8%; the 32 stays.
	if strings.Join(marks, " ") != "30 93.8%" {
		t.Errorf("marked figures = %q, want [30 93.8%%]", marks)
	}
	// The new PDF comes to the front once loaded; the old one stays behind.
	if err := within(ctx, 5*time.Second, `window.zjPreview.pdfLoaded()`); err != nil {
		t.Fatalf("the new PDF never loaded: %v", err)
	}
	front := eval[string](t, ctx, `document.querySelector("#pdf iframe.front").getAttribute("src")`)
	if want := eval[string](t, ctx, `window.zjPreview.state().docs[0].pdf`); front != want+"#navpanes=0&view=FitH" {
		t.Errorf("PDF in front = %q, want %q", front, want)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#pdf iframe.front").length`); n != 1 {
		t.Errorf("%d PDF frames in front", n)
	}
	changed := eval[int](t, ctx, `document.getElementById("html").contentDocument.querySelectorAll(".zj-changed").length`)
	if changed != 1 {
		t.Errorf("%d paragraphs marked changed, want 1 (the opening)", changed)
	}

	// An error: its diagnostic shows, the last good document stays.
	bad := bytes.Replace(src, []byte("participants = 28"), []byte("participants = 40"), 1)
	save(t, sheet, bad)
	if err := within(ctx, 2*time.Second, `window.zjPreview.diagsText().includes("error") || window.zjPreview.diagsText().includes("错误")`); err != nil {
		t.Fatalf("the diagnostic never showed: %v", err)
	}
	diags := eval[string](t, ctx, `window.zjPreview.diagsText()`)
	doc := eval[string](t, ctx, `window.zjPreview.docText()`)
	status := eval[string](t, ctx, `document.getElementById("status").textContent`)
	if !strings.Contains(diags, "party-day.toml:20:1 错误 参与人数 40 大于党员总数 32") {
		t.Errorf("diagnostics on the page = %q, want party-day.toml:20:1 and the message", diags)
	}
	if !strings.Contains(doc, "其中30名党员") {
		t.Errorf("the last good document is gone; the page shows %q", doc)
	}
	if !strings.Contains(status, "错误") {
		t.Errorf("status = %q, want it to say the sheet has errors", status)
	}
}

// BenchmarkSaveToPage measures what the clerk waits for: from a saved
// sheet to its new figure in the page's DOM, through fsnotify, the
// debounce, the build (HTML and PDF), the event and the swap. It reports
// the part up to the finished build as build-ms, and the page's part, from
// the event to the new HTML in place, as swap-ms.
func BenchmarkSaveToPage(b *testing.B) {
	ctx, cancel := browser(b)
	defer cancel()
	sheet, src := copySample(b, "party-day.toml")
	r := startPreview(b, sheet)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(r.url)); err != nil {
		b.Fatal(err)
	}
	if err := within(ctx, 5*time.Second, `window.zjPreview.docText().includes("其中28名党员")`); err != nil {
		b.Fatal(err)
	}
	var built time.Duration
	var swap float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		n := strconv.Itoa(20 + i%10)
		save(b, sheet, bytes.Replace(src, []byte("participants = 28"), []byte("participants = "+n), 1))
		t0 := time.Now()
		select {
		case <-r.reps:
			built += time.Since(t0)
		case <-time.After(5 * time.Second):
			b.Fatal("no build")
		}
		if err := within(ctx, 5*time.Second, `window.zjPreview.docText().includes("其中`+n+`名党员")`); err != nil {
			b.Fatal(err)
		}
		// The PDF viewer loads after the HTML shows; a clerk's next save
		// comes after it, and so does the benchmark's.
		b.StopTimer()
		swap += eval[float64](b, ctx, `window.zjPreview.swapMs`)
		if err := within(ctx, 5*time.Second, `window.zjPreview.pdfLoaded()`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(built.Microseconds())/1000/float64(b.N), "build-ms")
	b.ReportMetric(swap/float64(b.N), "swap-ms")
}

// A folder: the page lists its branches and the roll-up; picking one shows
// it, and a save to that branch's sheet swaps it in place.
func TestBrowserFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("浏览器测试较慢，-short 时跳过")
	}
	ctx, cancel := browser(t)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "branches")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "samples", "branches"))); err != nil {
		t.Fatal(err)
	}
	r := startPreview(t, dir)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(r.url)); err != nil {
		t.Fatalf("cannot load the page: %v", err)
	}
	if err := within(ctx, 5*time.Second, `window.zjPreview.docText().includes("物资供应第一党支部")`); err != nil {
		t.Fatalf("the first branch never showed: %v", err)
	}
	options := eval[[]string](t, ctx, `[...document.querySelectorAll("#docs option")].map(o => o.value + "=" + o.textContent)`)
	if got := strings.Join(options, " "); got != "第一党支部=第一党支部 第二党支部=第二党支部 第三党支部=第三党支部 _rollup=汇总（_rollup）" {
		t.Errorf("branches offered: %s", got)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById("pick").hidden`); hidden {
		t.Error("the branch list is hidden")
	}
	eval[chromedp.Void](t, ctx, `(s => { s.value = "第二党支部"; s.dispatchEvent(new Event("change")); })(document.getElementById("docs"))`)
	if err := within(ctx, 2*time.Second, `window.zjPreview.docText().includes("调度控制第二党支部")`); err != nil {
		t.Fatalf("picking 第二党支部 did not show it: %v", err)
	}
	if h := eval[string](t, ctx, `decodeURIComponent(location.hash)`); h != "#第二党支部" {
		t.Errorf("location.hash = %q", h)
	}

	sheet := filepath.Join(dir, "第二党支部.toml")
	src, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	save(t, sheet, bytes.Replace(src, []byte("suggestions = 3"), []byte("suggestions = 4"), 1))
	if err := within(ctx, time.Second, `window.zjPreview.marks().length > 0`); err != nil {
		t.Fatalf("the changed figure was not marked within 1 s: %v (marks %q)", err, eval[[]string](t, ctx, `window.zjPreview.marks()`))
	}
	// 3 → 4 suggestions; nothing else in the document changed.
	if marks := eval[[]string](t, ctx, `window.zjPreview.marks()`); strings.Join(marks, " ") != "4" {
		t.Errorf("marked figures = %q, want [4]", marks)
	}
	if doc := eval[string](t, ctx, `window.zjPreview.docText()`); !strings.Contains(doc, "调度控制第二党支部") {
		t.Errorf("the page left 第二党支部 after the save")
	}
}

// The page's comparison: which paragraphs count as changed and which
// figures in them are marked.
func TestBrowserHighlight(t *testing.T) {
	if testing.Short() {
		t.Skip("浏览器测试较慢，-short 时跳过")
	}
	ctx, cancel := browser(t)
	defer cancel()
	s, _ := newTestServer(t, false, nil)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(serve(t, s))); err != nil {
		t.Fatal(err)
	}
	type result struct{ Changed, Marks []string }
	body := func(ps ...string) string { return "<body><p>" + strings.Join(ps, "</p><p>") + "</p></body>" }
	big := func(mid string) string {
		ps := make([]string, 3000)
		for i := range ps {
			ps[i] = "第" + strconv.Itoa(i) + "段"
		}
		ps[1500] = mid
		return body(ps...)
	}
	for _, c := range []struct {
		name, old, new string
		want           result
	}{
		{"same", body("共32名党员", "参与率87.5%"), body("共32名党员", "参与率87.5%"), result{}},
		{"one figure of three", body("1月有12人、2月有15人、3月有18人"), body("1月有12人、2月有16人、3月有18人"),
			result{[]string{"1月有12人、2月有16人、3月有18人"}, []string{"16"}}},
		{"a paragraph inserted", body("甲", "乙"), body("甲", "新增3项，占25.5%", "乙"),
			result{[]string{"新增3项，占25.5%"}, []string{"3", "25.5%"}}},
		{"a paragraph removed", body("甲", "删去的7项", "乙"), body("甲", "乙"), result{}},
		{"words only", body("认真开展学习"), body("扎实开展学习"), result{[]string{"扎实开展学习"}, nil}},
		{"a figure inside other markup", "<body><ul><li>完成<strong>12</strong>项，1,200元</li></ul></body>", "<body><ul><li>完成<strong>14</strong>项，1,200元</li></ul></body>",
			result{[]string{"完成14项，1,200元"}, []string{"14"}}},
		{"a long document, one paragraph changed", big("第1500段有7人"), big("第1500段有8人"), result{[]string{"第1500段有8人"}, []string{"8"}}},
	} {
		js, _ := json.Marshal([]string{c.old, c.new})
		got := eval[result](t, ctx, "window.zjPreview.compare(..."+string(js)+")")
		if strings.Join(got.Changed, "|") != strings.Join(c.want.Changed, "|") || strings.Join(got.Marks, "|") != strings.Join(c.want.Marks, "|") {
			t.Errorf("%s: changed %q marks %q, want %q %q", c.name, got.Changed, got.Marks, c.want.Changed, c.want.Marks)
		}
	}
}
