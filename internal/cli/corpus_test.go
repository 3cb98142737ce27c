package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/sheet"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus/*.out")

// corpusDir holds bad (and a few good) sheets, NAME.toml, each with
// NAME.out: the exit status on the first line ("exit 1"), then exactly what
// `zongjie build NAME.toml` prints on stderr. Names say what is expected:
//
//   - ok-*: builds, nothing on stderr;
//   - warn-*: builds, warnings only;
//   - anything else: refused with status 1 and nothing written, every line
//     naming the file, and the line and column where there is one.
const corpusDir = "../../testdata/corpus"

// generated are corpus cases too large to commit, or that need this
// machine (a device): each writes NAME.toml into dir. Their NAME.out is
// in corpusDir like the others.
var generated = map[string]func(t *testing.T, dir string) []byte{
	// A 10 MB string: refused by sheet.MaxSize before it is parsed.
	"limit-size-10mb": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "stage = \"" + strings.Repeat("很长的文字", 10<<20/15) + "\"\n")
	},
	// One byte over the size limit.
	"limit-size-one-over": func(t *testing.T, dir string) []byte {
		s := minimalSheet + "# "
		return []byte(s + strings.Repeat("x", sheet.MaxSize+1-len(s)-1) + "\n")
	},
	// 10 000 entries in a list: refused by sheet.MaxItems.
	"limit-items-10000": func(t *testing.T, dir string) []byte {
		var b strings.Builder
		b.WriteString(minimalSheet + "reach = [")
		for i := range 10000 {
			fmt.Fprintf(&b, "\"科室%d\", ", i)
		}
		b.WriteString("]\n")
		return []byte(b.String())
	},
	// 10 000 tables in an array of tables.
	"limit-items-10000-tables": func(t *testing.T, dir string) []byte {
		var b strings.Builder
		b.WriteString(minimalSheet)
		for range 10000 {
			b.WriteString("\n[[problems]]\ntext = \"学习不够深入\"\n")
		}
		return []byte(b.String())
	},
	// Issue 13: inline tables 10 000 deep, 40 KB, ran out of memory.
	"limit-depth-inline-tables": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "x = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n")
	},
	// A dotted key of 20 KB took 1.35 GB.
	"limit-depth-dotted-key": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "q" + strings.Repeat(".a", 10000) + " = 1\n")
	},
	// A dotted header of 200 KB took 63 s and 20 GB.
	"limit-depth-dotted-header": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "[q" + strings.Repeat(".a", 100000) + "]\n")
	},
	// Lists 100 000 deep.
	"limit-depth-lists": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n")
	},
	// Issue 13: a link spanning 100 000 characters gave a 300 KB warning.
	"warn-long-link": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "kind = \"partyday\"\n\n[[methods]]\nname = \"集中学习\"\ntext = \"正文[" + strings.Repeat("很长", 50000) + "](x)\"\n")
	},
	// The parser's own words quote the sheet: a key of 100 KB written
	// twice, and a value of 100 KB without quotes, are quoted cut.
	"syntax-duplicate-long-key": func(t *testing.T, dir string) []byte {
		k := strings.Repeat("k", 100_000)
		return []byte(minimalSheet + k + " = 1\n" + k + " = 2\n")
	},
	"syntax-long-bare-value": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "stage = " + strings.Repeat("很长", 50_000) + "\n")
	},
	// A [fonts] path naming a device that never ends.
	"fonts-dev-zero": func(t *testing.T, dir string) []byte {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero here")
		}
		return []byte(minimalSheet + "\n[fonts]\nbody = \"/dev/zero\"\n")
	},
	// A [fonts] path naming a directory.
	"fonts-directory": func(t *testing.T, dir string) []byte {
		return []byte(minimalSheet + "\n[fonts]\nbody = \".\"\n")
	},
}

const minimalSheet = `[document]
title = "主题党日活动工作总结"
unit = "第一党支部"
self = "我支部"
task = "主题党日活动"
date = 2026-11-20
`

// TestCorpus runs `zongjie build` in process on every corpus sheet and
// compares the exit status and stderr with NAME.out. Run with -update to
// rewrite the .out files after a deliberate change of wording.
func TestCorpus(t *testing.T) {
	dir, err := filepath.Abs(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(files) < 50 {
		t.Fatalf("found %d corpus sheets, want at least 50", len(files))
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".toml"))
	}
	for name := range generated {
		names = append(names, name)
	}
	slices.Sort(names)
	checkNoOrphans(t, dir, names)

	// Run from inside the directory so that messages name the sheet as a
	// user who typed `zongjie build NAME.toml` sees it.
	gen := t.TempDir()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			work := dir
			if g := generated[name]; g != nil {
				work = gen
				if err := os.WriteFile(filepath.Join(gen, name+".toml"), g(t, gen), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(work)
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			code := Main([]string{"build", name + ".toml", "-o", out}, &stdout, &stderr)
			got := fmt.Sprintf("exit %d\n%s", code, stderr.String())

			golden := filepath.Join(dir, name+".out")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			} else if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			checkCorpusCase(t, name, code, stderr.String(), out)
			checkCorpusCheck(t, name, code)
		})
	}
}

// noLine are the cases whose problem has no line to point at.
var noLine = map[string]bool{
	"missing-document":    true, // the table that is not there
	"empty-file":          true,
	"limit-size-10mb":     true, // refused before reading
	"limit-size-one-over": true,
}

var diagLine = regexp.MustCompile(`^(\S+?\.toml)(:(\d+):(\d+))?: (error|warning): \S`)

// checkCorpusCase asserts what the issue asks of every bad input, beyond
// the exact wording the golden file pins: status 1, no Go failure on
// stderr, every line naming the file (and its line and column), and no
// output written; ok- and warn- cases build.
func checkCorpusCase(t *testing.T, name string, code int, stderr, out string) {
	t.Helper()
	if strings.Contains(stderr, "panic:") || strings.Contains(stderr, "goroutine") {
		t.Fatalf("stderr shows a Go failure:\n%s", stderr)
	}
	written, _ := os.ReadDir(out)
	switch {
	case strings.HasPrefix(name, "ok-"):
		if code != ExitOK || stderr != "" {
			t.Errorf("exit %d, stderr %q; want a clean build", code, stderr)
		}
		if len(written) != len(build.Formats) {
			t.Errorf("wrote %d files, want %d", len(written), len(build.Formats))
		}
		return
	case strings.HasPrefix(name, "warn-"):
		if code != ExitOK || stderr == "" || hasError(stderr) {
			t.Errorf("exit %d, stderr %q; want a build with warnings", code, stderr)
		}
		if len(written) != len(build.Formats) {
			t.Errorf("wrote %d files, want %d", len(written), len(build.Formats))
		}
	default:
		if code != ExitProblem {
			t.Errorf("exit %d, want %d", code, ExitProblem)
		}
		if !strings.Contains(stderr, ": error: ") {
			t.Errorf("no error reported:\n%s", stderr)
		}
		if len(written) != 0 {
			t.Errorf("a refused sheet wrote %v", written)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		m := diagLine.FindStringSubmatch(line)
		switch {
		case m == nil:
			t.Errorf("not a diagnostic: %q", line)
		case m[1] != name+".toml":
			t.Errorf("names %q, want %s.toml: %q", m[1], name, line)
		case m[2] == "" && !noLine[name]:
			t.Errorf("no line and column: %q", line)
		}
	}
}

// hasError reports whether a line of stderr is an error diagnostic (the
// text a warning quotes may say ": error: " itself).
func hasError(stderr string) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if m := diagLine.FindStringSubmatch(line); m != nil && m[5] == "error" {
			return true
		}
	}
	return false
}

// checkNoOrphans fails on an .out file with neither a sheet nor a
// generator, which would otherwise be silently skipped.
func checkNoOrphans(t *testing.T, dir string, names []string) {
	outs, _ := filepath.Glob(filepath.Join(dir, "*.out"))
	for _, o := range outs {
		if !slices.Contains(names, strings.TrimSuffix(filepath.Base(o), ".out")) {
			t.Errorf("%s has no sheet and no generator", o)
		}
	}
}

// TestCorpusDevices covers paths that are not files: a device that never
// ends, a directory and a FIFO no one writes to (which must not hang),
// given as the sheet, to build and to check.
func TestCorpusDevices(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	fifo := filepath.Join(t.TempDir(), "管道.toml")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"/dev/zero": "/dev/zero: error: 无法读取事实表：不是普通文件，而是设备、管道之类\n",
		".":         ".: error: 无法读取事实表：这是一个文件夹，不是事实表\n",
		fifo:        fifo + ": error: 无法读取事实表：不是普通文件，而是设备、管道之类\n",
	}
	for path, want := range cases {
		code, _, errs := runWithin(t, "build", path, "-o", t.TempDir())
		if code != ExitProblem || errs != want {
			t.Errorf("build %s: exit %d, stderr %q; want exit 1, %q", path, code, errs, want)
		}
		if path == "." {
			// check reads a folder as a batch folder: this one has no sheets.
			want = ".: error: 这个文件夹中没有事实表（*.toml）：请指定事实表，或批量生成用的文件夹\n"
		}
		code, out, _ := runWithin(t, "check", path)
		if code != ExitProblem || out != want {
			t.Errorf("check %s: exit %d, stdout %q; want exit 1, %q", path, code, out, want)
		}
	}
}

// TestLimitsAccepted: a sheet at the limits still builds, so the limits
// refuse only what is past them.
func TestLimitsAccepted(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(minimalSheet + "reach = [")
	for i := range sheet.MaxItems {
		fmt.Fprintf(&b, "\"科室%d\", ", i)
	}
	b.WriteString("]\n# ")
	b.WriteString(strings.Repeat("x", sheet.MaxSize-b.Len()-1))
	b.WriteString("\n")
	if b.Len() != sheet.MaxSize {
		t.Fatalf("built %d bytes, want %d", b.Len(), sheet.MaxSize)
	}
	p := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run("build", p, "-o", dir, "--format", "md"); code != ExitOK {
		t.Errorf("a sheet of %d bytes with %d entries: exit %d, %s", sheet.MaxSize, sheet.MaxItems, code, errs)
	}
}

var docQuote = regexp.MustCompile("([a-z0-9-]+)\\.toml(?::\\d+:\\d+)?: (?:error|warning): [^`\\n]+")

// TestErrorsDocQuotesCorpus keeps docs/errors.md honest: every message it
// quotes for a corpus sheet is a line of that sheet's .out file, where
// "…" stands for any text.
func TestErrorsDocQuotesCorpus(t *testing.T) {
	text, err := os.ReadFile("../../docs/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	quotes := docQuote.FindAllStringSubmatch(string(text), -1)
	if len(quotes) < 30 {
		t.Fatalf("found %d quoted messages in docs/errors.md", len(quotes))
	}
	for _, q := range quotes {
		if q[1] == "nope" {
			continue // a file that does not exist: TestMissingSheet
		}
		out, err := os.ReadFile(filepath.Join(corpusDir, q[1]+".out"))
		if err != nil {
			t.Errorf("docs/errors.md quotes %s, which is not in the corpus", q[1])
			continue
		}
		if !slices.ContainsFunc(strings.Split(string(out), "\n"), func(line string) bool { return matchElided(q[0], line) }) {
			t.Errorf("docs/errors.md quotes\n  %s\nbut %s.out says\n  %s", q[0], q[1], out)
		}
	}
}

// matchElided reports whether line is quote with each "…" standing for any
// text ("…" inside a message itself matches itself too).
func matchElided(quote, line string) bool {
	parts := strings.Split(quote, "…")
	if !strings.HasPrefix(line, parts[0]) {
		return false
	}
	rest := line[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return rest == "" || strings.HasSuffix(quote, "…")
}

// checkCorpusCheck runs `zongjie check` and `zongjie check --json` on the
// case: no Go failure, the same verdict as build except for what only
// rendering finds (a glyph, a font file), and JSON that parses, every
// entry naming the sheet.
func checkCorpusCheck(t *testing.T, name string, buildCode int) {
	t.Helper()
	want := buildCode
	if strings.HasPrefix(name, "glyph-") || strings.HasPrefix(name, "fonts-") {
		want = ExitOK
	}
	code, out, errs := run("check", name+".toml")
	if code != want || errs != "" {
		t.Errorf("check: exit %d, stderr %q; want exit %d", code, errs, want)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
		t.Errorf("check shows a Go failure:\n%s", out)
	}
	_, out, _ = run("check", "--json", name+".toml")
	var list []struct{ File, Severity, Message string }
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out)
	}
	for _, d := range list {
		if d.File != name+".toml" || d.Message == "" {
			t.Errorf("check --json: %+v", d)
		}
	}
}
