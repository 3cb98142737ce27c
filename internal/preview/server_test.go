package preview

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/diag"
)

// newTestServer serves a fresh output folder holding files.
func newTestServer(t *testing.T, folder bool, files map[string]string) (*Server, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	for name, body := range files {
		p := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(out, 0o755)
	s, err := NewServer("总结.toml", out, folder)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, out
}

// serve serves s on 127.0.0.1 until the test ends and returns its URL.
func serve(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: s}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String() + "/"
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = "127.0.0.1:8080"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// readEvent reads one server-sent event: its fields, in order.
func readEvent(t *testing.T, br *bufio.Reader) []string {
	t.Helper()
	var lines []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream ended: %v (read %q)", err, lines)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			return lines
		}
		lines = append(lines, line)
	}
}

func decodeState(t *testing.T, data string) State {
	t.Helper()
	var st State
	if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &st); err != nil {
		t.Fatalf("data is not JSON: %v: %s", err, data)
	}
	return st
}

func TestEventStream(t *testing.T) {
	s, out := newTestServer(t, false, map[string]string{"总结.html": "<p>1</p>", "总结.pdf": "%PDF"})
	resp, err := http.Get(serve(t, s) + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
	br := bufio.NewReader(resp.Body)

	// A page that connects gets the current state at once.
	ev := readEvent(t, br)
	if len(ev) != 3 || ev[0] != "id: 0" || ev[1] != "event: build" || !strings.HasPrefix(ev[2], "data: {") {
		t.Fatalf("first event = %q", ev)
	}
	if st := decodeState(t, ev[2]); st.Seq != 0 || len(st.Docs) != 0 || st.Message != "正在生成……" {
		t.Errorf("state before the first build = %+v", st)
	}

	s.Update(&batch.Report{
		Branches: []batch.BranchReport{{Name: "总结"}},
		Written:  []string{filepath.Join(out, "总结.html"), filepath.Join(out, "总结.pdf")},
	})
	ev = readEvent(t, br)
	if len(ev) != 3 || ev[0] != "id: 1" || ev[1] != "event: build" {
		t.Fatalf("second event = %q", ev)
	}
	st := decodeState(t, ev[2])
	want := []Doc{{Name: "总结", Label: "总结", HTML: "/out/%E6%80%BB%E7%BB%93.html?v=1", PDF: "/out/%E6%80%BB%E7%BB%93.pdf?v=1"}}
	if !st.OK || len(st.Docs) != 1 || st.Docs[0] != want[0] || st.Diags != "" {
		t.Errorf("state = %+v, want docs %+v", st, want)
	}

	// Close ends the stream, so that shutting the server down does not
	// wait for the page to go away.
	s.Close()
	if _, err := io.ReadAll(br); err != nil {
		t.Errorf("stream did not end cleanly: %v", err)
	}
}

func TestEventIsOneLineAndEscaped(t *testing.T) {
	s, _ := newTestServer(t, false, nil)
	s.Update(&batch.Report{Diags: diag.List{
		diag.Errorf("a\n<b>.toml", 3, 5, "", "第一行\n\nid: 99\n<script>alert(1)</script>"),
	}})
	ev := string(s.event)
	if !strings.HasSuffix(ev, "\n\n") || strings.Count(ev, "\n") != 4 {
		t.Fatalf("event is not three lines and a blank: %q", ev)
	}
	if strings.Contains(ev, "<") {
		t.Errorf("raw < in the event: %q", ev)
	}
	lines := strings.Split(strings.TrimSuffix(ev, "\n\n"), "\n")
	st := decodeState(t, lines[2])
	if strings.Contains(st.Diags, "<script>") || strings.Contains(st.Diags, "<b>") {
		t.Errorf("diagnostics HTML not escaped: %s", st.Diags)
	}
	if !strings.Contains(st.Diags, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("diagnostics HTML lost the message: %s", st.Diags)
	}
}

func TestDiagnosticsHTML(t *testing.T) {
	got := renderDiags(diag.List{
		diag.Errorf(`<img src=x onerror="alert(1)">.toml`, 3, 5, "", `数字 "12" & <b>粗</b>`),
		{File: "b.toml", Line: 7, Severity: diag.Warning, Message: "只有行号"},
		{File: "c.toml", Severity: diag.Error, Message: "没有位置"},
	})
	want := `<ul>` +
		`<li class="error"><span class="loc">&lt;img src=x onerror=&#34;alert(1)&#34;&gt;.toml:3:5</span> <span class="sev">错误</span> <span class="msg">数字 &#34;12&#34; &amp; &lt;b&gt;粗&lt;/b&gt;</span></li>` +
		`<li class="warning"><span class="loc">b.toml:7</span> <span class="sev">警告</span> <span class="msg">只有行号</span></li>` +
		`<li class="error"><span class="loc">c.toml</span> <span class="sev">错误</span> <span class="msg">没有位置</span></li>` +
		`</ul>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if renderDiags(nil) != "" {
		t.Error("no diagnostics should render as nothing")
	}
}

func TestPageEscapesTitle(t *testing.T) {
	s, err := NewServer(`<script>alert(1)</script>.toml`, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := get(t, s, "GET", "/")
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("page: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;.toml") {
		t.Errorf("title not escaped in the page")
	}
	if !strings.Contains(body, `new EventSource("/events")`) {
		t.Errorf("page does not subscribe to /events")
	}
}

func TestFilesConfined(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("secret"), 0o644)
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, ".zongjie"), 0o755)
	os.MkdirAll(filepath.Join(out, "sub"), 0o755)
	files := map[string]string{
		"a.html":                 "<p>a</p>",
		"a.pdf":                  "%PDF-1.7",
		"a.md":                   "# a",
		"a.docx":                 "PK",
		"a.bin":                  "?",
		"sub/b.html":             "<p>b</p>",
		".zongjie/manifest.json": "{}",
		".a.html.tmp":            "half",
	}
	for n, b := range files {
		os.WriteFile(filepath.Join(out, n), []byte(b), 0o644)
	}
	if err := os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(out, "link.html")); err != nil {
		t.Fatal(err)
	}
	s, err := NewServer("x", out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	for _, c := range []struct{ path, ctype, body string }{
		{"/out/a.html", "text/html; charset=utf-8", "<p>a</p>"},
		{"/out/a.pdf", "application/pdf", "%PDF-1.7"},
		{"/out/a.md", "text/markdown; charset=utf-8", "# a"},
		{"/out/a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"},
		{"/out/a.bin", "application/octet-stream", "?"},
		{"/out/sub/b.html", "text/html; charset=utf-8", "<p>b</p>"},
	} {
		w := get(t, s, "GET", c.path)
		if w.Code != 200 || w.Header().Get("Content-Type") != c.ctype || w.Body.String() != c.body {
			t.Errorf("%s: %d %q %q, want 200 %q %q", c.path, w.Code, w.Header().Get("Content-Type"), w.Body.String(), c.ctype, c.body)
		}
		if w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", c.path, w.Header())
		}
		if w.Header().Get("Last-Modified") != "" {
			t.Errorf("%s: Last-Modified set", c.path)
		}
	}
	for _, p := range []string{
		"/out/../secret.txt",
		"/out/%2e%2e/secret.txt",
		"/out/sub/../../secret.txt",
		"/out//etc/passwd",
		"/out/..%5csecret.txt",
		"/out/link.html", // a symbolic link out of the folder
		"/out/.zongjie/manifest.json",
		"/out/.a.html.tmp",
		"/out/",
		"/out/sub",
		"/out/nothing.html",
		"/secret.txt",
		"/a.html",
	} {
		w := get(t, s, "GET", p)
		if w.Code != 404 || strings.Contains(w.Body.String(), "secret") {
			t.Errorf("%s: %d %q, want 404", p, w.Code, w.Body.String())
		}
	}
	if w := get(t, s, "POST", "/out/a.html"); w.Code != 405 {
		t.Errorf("POST: %d, want 405", w.Code)
	}
	if w := get(t, s, "PUT", "/out/new.html"); w.Code != 405 {
		t.Errorf("PUT: %d, want 405", w.Code)
	}
	if _, err := os.Stat(filepath.Join(out, "new.html")); err == nil {
		t.Error("PUT wrote a file")
	}
	// Another site's name resolved to 127.0.0.1 (DNS rebinding).
	r := httptest.NewRequest("GET", "/out/a.html", nil)
	r.Host = "evil.example:8080"
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 403 {
		t.Errorf("foreign Host: %d, want 403", w.Code)
	}
	for _, h := range []string{"127.0.0.1:1234", "localhost:1234", "localhost"} {
		r := httptest.NewRequest("GET", "/out/a.html", nil)
		r.Host = h
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Errorf("Host %s: %d, want 200", h, w.Code)
		}
	}
}

func TestListenLoopbackOnly(t *testing.T) {
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) || addr.Port == 0 {
		t.Fatalf("listening on %v, want 127.0.0.1 and a port", addr)
	}
	// The same port on another interface of this machine is closed.
	addrs, _ := net.InterfaceAddrs()
	tried := 0
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil {
			continue
		}
		tried++
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ipn.IP.String(), strconv.Itoa(addr.Port)), time.Second)
		if err == nil {
			c.Close()
			t.Errorf("the preview answers on %s", ipn.IP)
		}
	}
	if tried == 0 {
		t.Log("no other IPv4 interface to try")
	}

	// A port in use says so, in Chinese, with what to do.
	if _, err := Listen(addr.Port); err == nil || !strings.Contains(err.Error(), "端口可能已被占用") {
		t.Errorf("port in use: %v", err)
	}
	if _, err := Listen(70000); err == nil || !strings.Contains(err.Error(), "端口 70000 不对") {
		t.Errorf("port 70000: %v", err)
	}
}

// A build with errors writes nothing: the page keeps the document (same
// URL, same file) and says why.
func TestLastGoodKept(t *testing.T) {
	s, out := newTestServer(t, false, map[string]string{"总结.html": "<p>28</p>", "总结.pdf": "%PDF"})
	good := &batch.Report{
		Branches: []batch.BranchReport{{Name: "总结"}},
		Written:  []string{filepath.Join(out, "总结.html"), filepath.Join(out, "总结.pdf")},
	}
	s.Update(good)
	first := s.State().Docs

	s.Update(&batch.Report{
		Branches: []batch.BranchReport{{Name: "总结"}},
		Diags:    diag.List{diag.Errorf("总结.toml", 20, 1, "", "参与人数 40 大于党员总数 32")},
	})
	st := s.State()
	if st.OK || st.Errors != 1 || len(st.Docs) != 1 || st.Docs[0] != first[0] {
		t.Fatalf("after an error: %+v, want the document of the last build %+v", st, first)
	}
	if !strings.Contains(st.Message, "事实表有 1 处错误：显示的是上一次生成的文档") {
		t.Errorf("message = %q", st.Message)
	}
	if !strings.Contains(st.Diags, "总结.toml:20:1") {
		t.Errorf("diagnostics = %q", st.Diags)
	}
	// A broken defaults sheet builds no branch at all: still the same.
	s.Update(&batch.Report{Diags: diag.List{diag.Errorf("_defaults.toml", 1, 1, "", "坏了")}})
	if st := s.State(); len(st.Docs) != 1 || st.Docs[0] != first[0] {
		t.Errorf("after a failed defaults sheet: %+v", st.Docs)
	}

	s.Update(good)
	if st := s.State(); !st.OK || st.Docs[0].HTML != "/out/%E6%80%BB%E7%BB%93.html?v=4" || st.Message[len(st.Message)-len("已生成"):] != "已生成" {
		t.Errorf("after the fix: %+v", st)
	}
}

func TestNoDocumentYet(t *testing.T) {
	s, _ := newTestServer(t, false, nil)
	s.Update(&batch.Report{
		Branches: []batch.BranchReport{{Name: "总结"}},
		Diags:    diag.List{diag.Errorf("总结.toml", 2, 3, "", "缺少 title")},
	})
	st := s.State()
	if len(st.Docs) != 0 || !strings.Contains(st.Message, "尚未生成文档") {
		t.Errorf("state = %+v", st)
	}
}

func TestFolderDocs(t *testing.T) {
	s, out := newTestServer(t, true, map[string]string{
		"第一党支部.html": "1", "第一党支部.pdf": "1",
		"第二党支部.html":   "2",
		"_rollup.html": "r", "_rollup.pdf": "r",
	})
	s.Update(&batch.Report{
		Branches: []batch.BranchReport{{Name: "第一党支部"}, {Name: "第二党支部"}, {Name: "第三党支部"}},
		Written:  []string{filepath.Join(out, "第二党支部.html"), filepath.Join(out, "_rollup.html"), filepath.Join(out, "_rollup.md")},
	})
	var got []string
	for _, d := range s.State().Docs {
		got = append(got, d.Label+" "+d.HTML+" "+d.PDF)
	}
	want := []string{
		"第一党支部 /out/%E7%AC%AC%E4%B8%80%E5%85%9A%E6%94%AF%E9%83%A8.html?v=0 /out/%E7%AC%AC%E4%B8%80%E5%85%9A%E6%94%AF%E9%83%A8.pdf?v=0",
		"第二党支部 /out/%E7%AC%AC%E4%BA%8C%E5%85%9A%E6%94%AF%E9%83%A8.html?v=1 ",
		"汇总（_rollup） /out/_rollup.html?v=1 /out/_rollup.pdf?v=1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("docs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBrowserCommand(t *testing.T) {
	for _, c := range []struct{ goos, want string }{
		{"linux", "xdg-open http://127.0.0.1:1/"},
		{"freebsd", "xdg-open http://127.0.0.1:1/"},
		{"darwin", "open http://127.0.0.1:1/"},
		{"windows", "rundll32 url.dll,FileProtocolHandler http://127.0.0.1:1/"},
	} {
		name, args := browserCommand(c.goos, "http://127.0.0.1:1/")
		if got := strings.Join(append([]string{name}, args...), " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.goos, got, c.want)
		}
	}
}

// Run with a real build: a sheet with an error leaves the served document
// as it was, byte for byte, and the stream reports the diagnostic.
func TestRunKeepsLastGood(t *testing.T) {
	sheet, src := copySample(t, "party-day.toml")
	r := startPreview(t, sheet)
	resp, err := http.Get(r.url + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	st := decodeState(t, readEvent(t, br)[2])
	if len(st.Docs) != 1 || st.Docs[0].Name != "party-day" || st.Docs[0].PDF == "" {
		t.Fatalf("first state: %+v", st)
	}
	fetch := func(u string) []byte {
		resp, err := http.Get(strings.TrimSuffix(r.url, "/") + u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return b
	}
	html := fetch(st.Docs[0].HTML)
	if !bytes.Contains(html, []byte("其中28名党员")) {
		t.Fatalf("served HTML lacks the figure")
	}

	save(t, sheet, bytes.Replace(src, []byte("participants = 28"), []byte("participants = 40"), 1))
	st = decodeState(t, readEvent(t, br)[2])
	if st.OK || st.Errors != 1 || !strings.Contains(st.Diags, "party-day.toml:20:1") || !strings.Contains(st.Diags, "参与人数 40 大于党员总数 32") {
		t.Fatalf("state after the error: %+v", st)
	}
	if got := fetch(st.Docs[0].HTML); !bytes.Equal(got, html) {
		t.Errorf("the document changed although the sheet has errors")
	}

	save(t, sheet, bytes.Replace(src, []byte("participants = 28"), []byte("participants = 30"), 1))
	st = decodeState(t, readEvent(t, br)[2])
	if !st.OK || !bytes.Contains(fetch(st.Docs[0].HTML), []byte("其中30名党员")) {
		t.Errorf("the fixed sheet did not reach the page: %+v", st)
	}
}

// Run refuses a missing sheet before it listens.
func TestRunMissing(t *testing.T) {
	err := Run(context.Background(), Options{Batch: batch.Options{Inputs: []string{filepath.Join(t.TempDir(), "无.toml")}}, Out: io.Discard, Err: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "无.toml 不存在") {
		t.Errorf("err = %v", err)
	}
}

// --open runs the system's opener with the page's URL; when there is none
// it warns and goes on serving.
func TestOpen(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the fake opener is a shell script named xdg-open")
	}
	sheet, _ := copySample(t, "minimal.toml")
	run := func(path string) (url string, stderr string) {
		t.Setenv("PATH", path)
		ctx, cancel := context.WithCancel(context.Background())
		var errs syncBuffer
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, Options{Batch: batch.Options{Inputs: []string{sheet}}, Open: true,
				Out: io.Discard, Err: &errs, Ready: func(u string) { ready <- u }})
		}()
		select {
		case url = <-ready:
		case err := <-done:
			t.Fatalf("Run: %v", err)
		}
		// The page is served whatever the opener did.
		resp, err := http.Get(url)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("page after --open: %v %v", err, resp)
		}
		resp.Body.Close()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		return url, errs.String()
	}

	bin := t.TempDir()
	log := filepath.Join(bin, "opened")
	script := "#!/bin/sh\necho \"$@\" > " + log + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	url, stderr := run(bin)
	var opened []byte
	for i := 0; i < 100 && len(opened) == 0; i++ {
		time.Sleep(20 * time.Millisecond)
		opened, _ = os.ReadFile(log)
	}
	if string(opened) != url+"\n" || stderr != "" {
		t.Errorf("opener got %q, want %q; stderr %q", opened, url, stderr)
	}

	url, stderr = run(t.TempDir())
	if !strings.Contains(stderr, "zongjie：警告：无法打开浏览器") || !strings.Contains(stderr, "请手动打开 "+url) {
		t.Errorf("no opener: stderr %q", stderr)
	}
}

// Without -o the outputs go to a temporary folder (on Linux in /dev/shm
// unless TMPDIR is set), removed when the preview stops.
func TestTemporaryOutputs(t *testing.T) {
	sheet, _ := copySample(t, "minimal.toml")
	run := func() string {
		ctx, cancel := context.WithCancel(context.Background())
		built := make(chan *batch.Report, 4)
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, Options{Batch: batch.Options{Inputs: []string{sheet}}, Out: io.Discard, Err: io.Discard,
				OnBuild: func(rep *batch.Report) { built <- rep }})
		}()
		var rep *batch.Report
		select {
		case rep = <-built:
		case err := <-done:
			t.Fatalf("Run: %v", err)
		}
		if len(rep.Written) != 2 || filepath.Base(rep.Written[0]) != "minimal.html" || filepath.Base(rep.Written[1]) != "minimal.pdf" {
			t.Fatalf("written: %q, want minimal.html and minimal.pdf", rep.Written)
		}
		dir := filepath.Dir(rep.Written[0])
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s left behind (%v)", dir, err)
		}
		return dir
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if dir := run(); filepath.Dir(dir) != tmp {
		t.Errorf("outputs in %s, want under TMPDIR %s", dir, tmp)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("TMPDIR", "")
		if _, err := os.Stat("/dev/shm"); err == nil {
			if dir := run(); filepath.Dir(dir) != "/dev/shm" {
				t.Errorf("outputs in %s, want under /dev/shm", dir)
			}
		}
	}
}
