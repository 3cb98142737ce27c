package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/diag"
)

//go:embed page.html
var pageHTML string

// The page's templates are parsed when the preview starts, not at every
// start of zongjie.
var (
	pageTmpl = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("page").Parse(pageHTML))
	})
	diagsTmpl = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("diags").Parse(
			`<ul>{{range .}}<li class="{{.Severity}}"><span class="loc">{{.Loc}}</span> <span class="sev">{{.Label}}</span> <span class="msg">{{.Message}}</span></li>{{end}}</ul>`))
	})
)

// Doc is one document the page can show: a branch, the sheet, or the
// roll-up. The URLs carry the build that last wrote the file, so a
// rewritten file has a new URL and an unchanged one keeps its own.
type Doc struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	HTML  string `json:"html"`
	PDF   string `json:"pdf,omitempty"`
}

// State is what the page shows after a build; every event carries the
// whole of it, so a page that missed events catches up with the next.
type State struct {
	Seq      int    `json:"seq"`
	Docs     []Doc  `json:"docs"`
	OK       bool   `json:"ok"` // no errors
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Message  string `json:"message"`
	// Diags is the diagnostics as an HTML fragment, every text escaped.
	Diags string `json:"diags"`
}

// Server serves the preview page, its events and the output folder.
type Server struct {
	title  string
	out    string
	root   *os.Root
	folder bool

	mu       sync.Mutex
	state    State
	event    []byte        // state as an SSE event
	changed  chan struct{} // closed and replaced on every update
	names    []string      // documents of the last build that had any
	versions map[string]int
	done     chan struct{}
	closed   bool
}

// NewServer serves the outputs in out. title names what is previewed
// (the sheet or folder); folder adds the roll-up to the documents.
func NewServer(title, out string, folder bool) (*Server, error) {
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, fmt.Errorf("无法打开输出目录 %s：%s", out, err)
	}
	s := &Server{title: title, out: out, root: root, folder: folder,
		changed: make(chan struct{}), versions: map[string]int{}, done: make(chan struct{})}
	s.state = State{Docs: []Doc{}, OK: true, Message: "正在生成……"}
	s.event = encodeEvent(s.state)
	return s, nil
}

// Close ends the event streams (http.Server.Shutdown waits for them) and
// releases the output folder.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
	return s.root.Close()
}

// State returns the current state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// Update takes a build's report and pushes the new state to the pages.
// A sheet with errors leaves its files as they were, so the page keeps
// the last good document: only files the build wrote get a new version.
func (s *Server) Update(rep *batch.Report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seq := s.state.Seq + 1
	if len(rep.Branches) > 0 {
		// A broken defaults sheet builds no branch; keep the last list.
		s.names = s.names[:0]
		for _, b := range rep.Branches {
			s.names = append(s.names, b.Name)
		}
	}
	for _, p := range rep.Written {
		base := filepath.Base(p)
		if ext := filepath.Ext(base); ext == ".html" || ext == ".pdf" {
			s.versions[strings.TrimSuffix(base, ext)] = seq
		}
	}
	names := s.names
	if s.folder {
		names = append(names[:len(names):len(names)], batch.RollupName)
	}
	st := State{Seq: seq, Docs: []Doc{}}
	for _, n := range names {
		if !s.exists(n + ".html") {
			continue
		}
		d := Doc{Name: n, Label: n, HTML: s.fileURL(n + ".html")}
		if n == batch.RollupName {
			d.Label = "汇总（" + n + "）"
		}
		if s.exists(n + ".pdf") {
			d.PDF = s.fileURL(n + ".pdf")
		}
		st.Docs = append(st.Docs, d)
	}
	for _, d := range rep.Diags {
		if d.Severity == diag.Error {
			st.Errors++
		} else {
			st.Warnings++
		}
	}
	st.OK = st.Errors == 0
	now := time.Now().Format("15:04:05")
	switch {
	case !st.OK && len(st.Docs) > 0:
		st.Message = fmt.Sprintf("%s 事实表有 %d 处错误：显示的是上一次生成的文档", now, st.Errors)
	case !st.OK:
		st.Message = fmt.Sprintf("%s 事实表有 %d 处错误，尚未生成文档", now, st.Errors)
	case st.Warnings > 0:
		st.Message = fmt.Sprintf("%s 已生成（%d 条警告）", now, st.Warnings)
	default:
		st.Message = now + " 已生成"
	}
	st.Diags = renderDiags(rep.Diags)
	s.state = st
	s.event = encodeEvent(st)
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) exists(name string) bool {
	fi, err := s.root.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func (s *Server) fileURL(name string) string {
	return "/out/" + url.PathEscape(name) + "?v=" + strconv.Itoa(s.versions[strings.TrimSuffix(name, filepath.Ext(name))])
}

type diagView struct {
	diag.Diagnostic
	Loc, Label string
}

// renderDiags writes the diagnostics as HTML; html/template escapes the
// file names and messages, which quote the user's sheet.
func renderDiags(l diag.List) string {
	if len(l) == 0 {
		return ""
	}
	vs := make([]diagView, len(l))
	for i, d := range l {
		loc := d.File
		if d.Line > 0 {
			loc += ":" + strconv.Itoa(d.Line)
			if d.Col > 0 {
				loc += ":" + strconv.Itoa(d.Col)
			}
		}
		label := "错误"
		if d.Severity == diag.Warning {
			label = "警告"
		}
		vs[i] = diagView{d, loc, label}
	}
	var b bytes.Buffer
	if err := diagsTmpl().Execute(&b, vs); err != nil {
		return template.HTMLEscapeString(l.Error())
	}
	return b.String()
}

// encodeEvent writes one server-sent event. JSON has no raw line ends, so
// the data is one line; its <, > and & come escaped as \u003c etc.
func encodeEvent(st State) []byte {
	data, err := json.Marshal(st)
	if err != nil {
		panic(err) // State holds only strings, ints and bools
	}
	return fmt.Appendf(nil, "id: %d\nevent: build\ndata: %s\n\n", st.Seq, data)
}

// ServeHTTP routes: / the page, /events the build events, /out/NAME the
// output files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !localHost(r.Host) {
		// A page on another site that resolves its own name to 127.0.0.1
		// (DNS rebinding) must not read the clerk's documents.
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case r.URL.Path == "/":
		s.servePage(w)
	case r.URL.Path == "/events":
		s.serveEvents(w, r)
	case strings.HasPrefix(r.URL.Path, "/out/"):
		s.serveFile(w, r, strings.TrimPrefix(r.URL.Path, "/out/"))
	default:
		http.NotFound(w, r)
	}
}

// localHost accepts only the names of the loopback address the server
// listens on.
func localHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	return h == "127.0.0.1" || h == "localhost"
}

func (s *Server) servePage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTmpl().Execute(w, struct{ Title string }{s.title})
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// A comment keeps proxies and idle timers from closing the stream.
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	sent := -1
	for {
		s.mu.Lock()
		ev, seq, changed := s.event, s.state.Seq, s.changed
		s.mu.Unlock()
		if seq != sent {
			if _, err := w.Write(ev); err != nil {
				return
			}
			fl.Flush()
			sent = seq
		}
		select {
		case <-changed:
		case <-ping.C:
			if _, err := w.Write([]byte(": ping\n\n")); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".pdf":  "application/pdf",
	".md":   "text/markdown; charset=utf-8",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

// serveFile serves one output file, read only and confined to the output
// folder: os.Root refuses .. and symbolic links that lead out of it, and
// hidden files (the manifest, temp files) are not served at all.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, `\:`) {
		http.NotFound(w, r)
		return
	}
	for _, el := range strings.Split(name, "/") {
		if strings.HasPrefix(el, ".") {
			http.NotFound(w, r)
			return
		}
	}
	f, err := s.root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	ct, ok := contentTypes[filepath.Ext(name)]
	if !ok {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	// A zero time: no Last-Modified, so nothing is revalidated from a cache.
	http.ServeContent(w, r, name, time.Time{}, f)
}
