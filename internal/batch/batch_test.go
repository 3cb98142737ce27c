package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zongjie/zongjie/fonts"
	"github.com/zongjie/zongjie/internal/batchgen"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/docx"
	"github.com/zongjie/zongjie/internal/font"
)

var sharedBuilder = sync.OnceValues(func() (*build.Builder, error) { return build.New(build.Options{}) })

// folder generates n branch sheets in a temp dir.
func folder(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "branches")
	if err := batchgen.Generate(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

func options(t testing.TB, in, out string, formats ...build.Format) Options {
	t.Helper()
	b, err := sharedBuilder()
	if err != nil {
		t.Fatal(err)
	}
	return Options{Inputs: []string{in}, Out: out, Formats: formats, Version: "test", Builder: b}
}

func mustRun(t testing.TB, opt Options) *Report {
	t.Helper()
	rep, err := Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// snapshot records every file under dir, to tell which a run rewrote:
// a rewrite renames a new file into place, which is never the same file.
func snapshot(t testing.TB, dir string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			m[rel] = info
		}
		return nil
	})
	return m
}

// rewritten lists the files that are new or replaced since before.
func rewritten(before, after map[string]os.FileInfo) []string {
	var out []string
	for p, a := range after {
		if b, ok := before[p]; !ok || !os.SameFile(a, b) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func names(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for p := range snapshot(t, dir) {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func edit(t testing.TB, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(old)
	if !re.Match(b) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, re.ReplaceAll(b, []byte(new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A thousand sheets give a thousand summaries, the roll-up and the index.
// Markdown only: the full-format run is the benchmark's.
func TestThousandSheets(t *testing.T) {
	n := 1000
	if raceEnabled {
		n = 200
	}
	in, out := folder(t, n), t.TempDir()
	rep := mustRun(t, options(t, in, out, build.Markdown))
	if rep.Diags != nil || rep.Built != n || rep.Failed != 0 {
		t.Fatalf("built %d, failed %d: %v", rep.Built, rep.Failed, rep.Diags)
	}
	files := names(t, out)
	md := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".md") && strings.HasPrefix(f, "b") {
			md++
		}
	}
	if md != n || !slices.Contains(files, "_rollup.md") || !slices.Contains(files, "index.html") {
		t.Errorf("%d branch files, roll-up %v, index %v", md, slices.Contains(files, "_rollup.md"), slices.Contains(files, "index.html"))
	}
	if len(files) != n+2+2 { // + manifest and lock
		t.Errorf("%d files in OUT, want %d", len(files), n+4)
	}
}

// nf is the number of formats a branch is built in by default.
var nf = len(build.Formats)

// Every format of a few branches, then a rerun that must write nothing,
// then one edited sheet: exactly its three files, the roll-up's three and
// the index are rewritten, and the manifest.
func TestIncremental(t *testing.T) {
	in, out := folder(t, 6), t.TempDir()
	rep := mustRun(t, options(t, in, out))
	if rep.Built != 6 || len(rep.Written) != 6*nf+nf+1 || !rep.Rollup || !rep.Index {
		t.Fatalf("first run: built %d, wrote %d, %v", rep.Built, len(rep.Written), rep.Diags)
	}
	// The index links every format, the Word file included.
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, link := range []string{`href="./b0001.md"`, `href="./b0001.pdf"`, `href="./b0001.docx">Word</a>`} {
		if !strings.Contains(string(index), link) {
			t.Errorf("index.html lacks %s", link)
		}
	}
	if data, err := os.ReadFile(filepath.Join(out, "_rollup.docx")); err != nil {
		t.Error(err)
	} else if ps, err := docx.Read(data); err != nil || len(ps) == 0 || ps[0].Style != "标题" {
		t.Errorf("_rollup.docx reads as %v, %v", ps, err)
	}
	before := snapshot(t, out)
	rep = mustRun(t, options(t, in, out))
	if rep.UpToDate != 6 || len(rep.Written) != 0 || rep.Rollup || rep.Index {
		t.Fatalf("rerun: up to date %d, wrote %v", rep.UpToDate, rep.Written)
	}
	if w := rewritten(before, snapshot(t, out)); len(w) != 0 {
		t.Fatalf("rerun with nothing changed rewrote %v", w)
	}

	edit(t, filepath.Join(in, "b0003.toml"), `members = \d+`, "members = 60")
	rep = mustRun(t, options(t, in, out))
	got := rewritten(before, snapshot(t, out))
	want := []string{".zongjie/manifest.json", "_rollup.docx", "_rollup.html", "_rollup.md", "_rollup.pdf", "b0003.docx", "b0003.html", "b0003.md", "b0003.pdf", "index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("after editing b0003: rewrote %v, want %v", got, want)
	}
	if rep.Built != 1 || rep.UpToDate != 5 {
		t.Errorf("built %d, up to date %d", rep.Built, rep.UpToDate)
	}
	md, _ := os.ReadFile(filepath.Join(out, "b0003.md"))
	if !strings.Contains(string(md), "共有60名党员") {
		t.Errorf("b0003.md does not carry the edit:\n%s", md)
	}

	// A comment changes no fact: nothing is written but the record.
	before = snapshot(t, out)
	f, _ := os.OpenFile(filepath.Join(in, "b0004.toml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n# 备注：已核对\n")
	f.Close()
	mustRun(t, options(t, in, out))
	if w := rewritten(before, snapshot(t, out)); !slices.Equal(w, []string{".zongjie/manifest.json"}) {
		t.Errorf("a comment rewrote %v", w)
	}

	// --force rebuilds all.
	opt := options(t, in, out)
	opt.Force = true
	if rep := mustRun(t, opt); rep.Built != 6 || len(rep.Written) != 6*nf+nf+1 {
		t.Errorf("--force: built %d, wrote %d", rep.Built, len(rep.Written))
	}

	// A deleted output is made again, and only it.
	os.Remove(filepath.Join(out, "b0002.html"))
	if rep := mustRun(t, options(t, in, out)); !slices.Equal(rep.Written, []string{filepath.Join(out, "b0002.html")}) {
		t.Errorf("after deleting b0002.html: wrote %v", rep.Written)
	}
	// So is one changed by someone else.
	os.WriteFile(filepath.Join(out, "b0003.md"), []byte("改过了\n"), 0o644)
	if rep := mustRun(t, options(t, in, out)); !slices.Equal(rep.Written, []string{filepath.Join(out, "b0003.md")}) {
		t.Errorf("after changing b0003.md: wrote %v", rep.Written)
	}
}

// The defaults reach every branch and the roll-up; a change there
// rebuilds all of them.
func TestDefaultsChangeRebuildsAll(t *testing.T) {
	in, out := folder(t, 4), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown))
	edit(t, filepath.Join(in, DefaultsFile), `date = 2011-01-28`, "date = 2011-01-30")
	rep := mustRun(t, options(t, in, out, build.Markdown))
	if rep.Built != 4 || !rep.Rollup {
		t.Fatalf("built %d, roll-up %v", rep.Built, rep.Rollup)
	}
	for _, n := range []string{"b0001.md", "_rollup.md"} {
		md, _ := os.ReadFile(filepath.Join(out, n))
		if !strings.Contains(string(md), "2011年1月30日") {
			t.Errorf("%s lacks the new date", n)
		}
	}
	// A branch that sets the key itself does not depend on the default.
	f, _ := os.OpenFile(filepath.Join(in, "b0002.toml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n[batch]\nid = \"b0002\"\n")
	f.Close()
	edit(t, filepath.Join(in, "b0002.toml"), `\[document\]\n`, "[document]\ndate = 2011-02-01\n")
	mustRun(t, options(t, in, out, build.Markdown))
	edit(t, filepath.Join(in, DefaultsFile), `date = 2011-01-30`, "date = 2011-01-31")
	before := snapshot(t, out)
	mustRun(t, options(t, in, out, build.Markdown))
	got := rewritten(before, snapshot(t, out))
	if slices.Contains(got, "b0002.md") || !slices.Contains(got, "b0001.md") {
		t.Errorf("changing a default b0002 overrides rewrote %v", got)
	}
}

// A user template rebuilds every branch; a roll-up template only the
// roll-up; a font only the PDFs.
func TestTemplatesAndFontsRebuildWhatUsesThem(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	tdir := filepath.Join(t.TempDir(), "tmpl")
	os.MkdirAll(tdir, 0o755)
	sig := filepath.Join(tdir, "signature.md.tmpl")
	os.WriteFile(sig, []byte("::: signature\n{{.Document.Unit}}\n\n{{date .Document.Date}}\n:::\n"), 0o644)
	body := filepath.Join(t.TempDir(), "body.ttf")
	_, b := fonts.Default("body")
	os.WriteFile(body, b, 0o644)
	opts := func() Options {
		return Options{Inputs: []string{in}, Out: out, Version: "test", Templates: tdir,
			Fonts: map[font.Role]string{font.RoleBody: body}}
	}
	mustRun(t, opts())

	os.WriteFile(sig, []byte("::: signature\n{{.Document.Unit}}（盖章）\n\n{{date .Document.Date}}\n:::\n"), 0o644)
	before := snapshot(t, out)
	mustRun(t, opts())
	got := rewritten(before, snapshot(t, out))
	if len(got) != 3*nf+nf+1 { // every branch, the roll-up, the manifest; the index shows nothing that changed
		t.Errorf("after a template change rewrote %v", got)
	}
	md, _ := os.ReadFile(filepath.Join(out, "b0001.md"))
	if !strings.Contains(string(md), "（盖章）") {
		t.Error("the new template was not used")
	}

	os.WriteFile(filepath.Join(tdir, "rollup.md.tmpl"), []byte("## {{.Num}}各支部情况\n\n共{{len .Branches}}个支部。\n"), 0o644)
	before = snapshot(t, out)
	mustRun(t, opts())
	got = rewritten(before, snapshot(t, out))
	want := []string{".zongjie/manifest.json", "_rollup.docx", "_rollup.html", "_rollup.md", "_rollup.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("after a roll-up template change rewrote %v, want %v", got, want)
	}

	// Same bytes under another name: nothing to do. Other bytes: PDFs, and
	// the DOCX, whose signature is placed with the body face's widths.
	before = snapshot(t, out)
	_, h := fonts.Default("heading2")
	os.WriteFile(body, h, 0o644)
	mustRun(t, opts())
	got = rewritten(before, snapshot(t, out))
	want = []string{".zongjie/manifest.json", "_rollup.docx", "_rollup.pdf", "b0001.docx", "b0001.pdf", "b0002.docx", "b0002.pdf", "b0003.docx", "b0003.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("after a font change rewrote %v, want %v", got, want)
	}
}

// One broken sheet among a hundred: the others are written, the errors
// come at the end with their file, and its previous files stay as they were.
func TestBrokenSheetDoesNotStopTheOthers(t *testing.T) {
	in, out := folder(t, 100), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	before := snapshot(t, out)
	oldMD, _ := os.ReadFile(filepath.Join(out, "b0042.md"))
	edit(t, filepath.Join(in, "b0042.toml"), `members = \d+`, `memebers = 3`)
	edit(t, filepath.Join(in, "b0077.toml"), `\[document\]`, "[document]\ntitle = \"未闭合")
	opt := options(t, in, out, build.Markdown, build.HTML)
	opt.Force = true
	rep := mustRun(t, opt)
	if rep.Built != 98 || rep.Failed != 2 {
		t.Errorf("built %d, failed %d, want 98 and 2", rep.Built, rep.Failed)
	}
	var lines []string
	for _, d := range rep.Diags {
		lines = append(lines, d.Error())
	}
	b42, b77 := filepath.Join(in, "b0042.toml"), filepath.Join(in, "b0077.toml")
	want := []string{
		b42 + `:6:1: error: 未知的键 "memebers"：是不是想写 "members"？`,
		b77 + `:3:13: error: TOML 语法错误（strings cannot contain newlines）：字符串缺少结尾的引号，请补上 "；多行文字请用 """ 包围`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	after := snapshot(t, out)
	for _, f := range []string{"b0042.md", "b0042.html", "b0077.md", "b0077.html"} {
		if !os.SameFile(before[f], after[f]) {
			t.Errorf("%s of a broken sheet was rewritten", f)
		}
	}
	if md, _ := os.ReadFile(filepath.Join(out, "b0042.md")); string(md) != string(oldMD) {
		t.Error("b0042.md changed")
	}
	index, _ := os.ReadFile(filepath.Join(out, IndexFile))
	if !strings.Contains(string(index), "其中 2 个支部本次生成失败") || !strings.Contains(string(index), "b0042.toml:6:1: error: 未知的键") {
		t.Error("the index does not show the failures")
	}
	// Still broken on the next run: the errors come again.
	if rep := mustRun(t, options(t, in, out, build.Markdown, build.HTML)); rep.Failed != 2 || !rep.Diags.HasErrors() {
		t.Errorf("rerun: failed %d, diags %v", rep.Failed, rep.Diags)
	}
}

// Three shards split the branches exactly, write disjoint files into one
// OUT, and a last --rollup-only step sums them.
func TestShardsPartitionAndRollUp(t *testing.T) {
	in, out := folder(t, 100), t.TempDir()
	seen := map[string]int{}
	opt := options(t, in, out, build.Markdown)
	opt.RollupOnly = true
	if rep := mustRun(t, opt); !rep.Diags.HasErrors() {
		t.Error("--rollup-only before any shard ran reported no error")
	}
	for i := 1; i <= 3; i++ {
		opt := options(t, in, out, build.Markdown)
		opt.Shard = Shard{I: i, N: 3}
		rep := mustRun(t, opt)
		if rep.Diags != nil || rep.Rollup || rep.Index {
			t.Fatalf("shard %d: %v, roll-up %v, index %v", i, rep.Diags, rep.Rollup, rep.Index)
		}
		if len(rep.Branches) < 20 {
			t.Errorf("shard %d took only %d of 100", i, len(rep.Branches))
		}
		for _, b := range rep.Branches {
			seen[b.Name]++
		}
	}
	if len(seen) != 100 {
		t.Errorf("shards covered %d branches, want 100", len(seen))
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s built by %d shards", n, c)
		}
	}
	shardFiles, _ := filepath.Glob(filepath.Join(out, StateDir, "shard-*.json"))
	if len(shardFiles) != 3 {
		t.Errorf("shard manifests: %v", shardFiles)
	}
	rep := mustRun(t, opt)
	if rep.Diags != nil || !rep.Rollup || !rep.Index {
		t.Fatalf("--rollup-only: %v, roll-up %v, index %v", rep.Diags, rep.Rollup, rep.Index)
	}
	md, _ := os.ReadFile(filepath.Join(out, "_rollup.md"))
	if !strings.Contains(string(md), "我公司共有100个党支部") {
		t.Errorf("roll-up does not count 100 branches:\n%.400s", md)
	}
	// The shard manifests were folded into one; a whole run now has nothing to do.
	if f, _ := filepath.Glob(filepath.Join(out, StateDir, "shard-*.json")); len(f) != 0 {
		t.Errorf("shard manifests left: %v", f)
	}
	if rep := mustRun(t, options(t, in, out, build.Markdown)); rep.UpToDate != 100 || len(rep.Written) != 0 {
		t.Errorf("whole run after shards: up to date %d, wrote %v", rep.UpToDate, rep.Written)
	}
	// An edit after the shards ran: --rollup-only says which shard is behind.
	edit(t, filepath.Join(in, "b0010.toml"), `members = \d+`, "members = 50")
	rep = mustRun(t, opt)
	if len(rep.Diags) != 1 || !strings.Contains(rep.Diags[0].Error(), "b0010.toml: error: 事实表或 _defaults.toml 在生成后有改动") {
		t.Errorf("stale shard: %v", rep.Diags)
	}
}

// Membership of a shard depends on the name only.
func TestShardIsStable(t *testing.T) {
	var all []string
	for i := range 1000 {
		all = append(all, fmt.Sprintf("支部%d", i))
	}
	count := map[int]int{}
	for _, n := range all {
		k := 0
		for i := 1; i <= 4; i++ {
			if (Shard{I: i, N: 4}).Takes(n) {
				k++
				count[i]++
			}
		}
		if k != 1 {
			t.Fatalf("%s is in %d of 4 shards", n, k)
		}
	}
	for i := 1; i <= 4; i++ {
		if count[i] < 200 || count[i] > 300 {
			t.Errorf("shard %d/4 has %d of 1000", i, count[i])
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1", "a/b", "1/0", ""} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	if s, err := ParseShard(" 2/3 "); err != nil || s != (Shard{2, 3}) {
		t.Errorf("ParseShard(2/3) = %v, %v", s, err)
	}
}

// Names come from the file or a declared id, and may not leave OUT or
// take zongjie's own names.
func TestNames(t *testing.T) {
	in, out := folder(t, 4), t.TempDir()
	add := func(file, text string) {
		f, _ := os.OpenFile(filepath.Join(in, file), os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(text)
		f.Close()
	}
	add("b0001.toml", "\n[batch]\nid = \"../escape\"\n")
	add("b0002.toml", "\n[batch]\nid = \"第二支部\"\n")
	add("b0003.toml", "\n[batch]\nid = \"B0004\"\n")
	data, _ := os.ReadFile(filepath.Join(in, "b0004.toml"))
	os.WriteFile(filepath.Join(in, "index.toml"), data, 0o644)
	rep := mustRun(t, options(t, in, out, build.Markdown))
	var lines []string
	for _, d := range rep.Diags {
		lines = append(lines, strings.TrimPrefix(d.Error(), in+string(filepath.Separator)))
	}
	want := []string{
		`b0001.toml:34:6: error: 编号 "../escape" 不能用作文件名：含有路径，输出会写到输出目录之外`,
		`b0004.toml: error: 输出名 "b0004" 与 b0003.toml 的输出名 "B0004" 重复（文件名不区分大小写时也算重复）：请改文件名，或在 [batch] 中写不同的 id`,
		`index.toml: error: 文件名 "index" 不能用作输出名：index 留给索引页 index.html；请改文件名，或在 [batch] 中写 id = "编号"`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	files := names(t, out)
	if !slices.Contains(files, "第二支部.md") || !slices.Contains(files, "B0004.md") || slices.Contains(files, "b0004.md") {
		t.Errorf("files: %v", files)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "escape.md")); err == nil {
		t.Error("wrote outside OUT")
	}
}

// Keys the defaults supply are reported at the defaults file, once.
func TestDefaultsErrorsAtTheirFile(t *testing.T) {
	in, out := folder(t, 5), t.TempDir()
	f, _ := os.OpenFile(filepath.Join(in, DefaultsFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n[figures]\nleaderz = 3\n")
	f.Close()
	rep := mustRun(t, options(t, in, out, build.Markdown))
	want := filepath.Join(in, DefaultsFile) + `:17:1: error: 未知的键 "leaderz"：是不是想写 "leaders"？`
	if len(rep.Diags) != 1 || rep.Diags[0].Error() != want {
		t.Errorf("diagnostics %v, want %s", rep.Diags, want)
	}
	if rep.Failed != 5 {
		t.Errorf("failed %d, want 5", rep.Failed)
	}
	// A broken [batch] table stops everything before any branch.
	edit(t, filepath.Join(in, DefaultsFile), `\[figures\]\nleaderz = 3`, "[batch]\ntemplate = \"t\"")
	rep = mustRun(t, options(t, in, out, build.Markdown))
	want = filepath.Join(in, DefaultsFile) + `:17:1: error: 未知的键 "template"：是不是想写 "templates"？`
	if len(rep.Diags) != 1 || rep.Diags[0].Error() != want || len(rep.Branches) != 0 {
		t.Errorf("diagnostics %v, want %s", rep.Diags, want)
	}
}

// The roll-up's summed figures cannot be typed.
func TestRollupFiguresAreComputed(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	edit(t, filepath.Join(in, RollupFile), `leaders = 7`, "leaders = 7\nmembers = 999")
	rep := mustRun(t, options(t, in, out, build.Markdown))
	want := filepath.Join(in, RollupFile) + ":9:1: error: 汇总的 figures.members 由各支部的数字相加得出，不能手填：请删除这一行（只有 leaders 可以填写）"
	if len(rep.Diags) != 1 || rep.Diags[0].Error() != want {
		t.Errorf("diagnostics %v, want %s", rep.Diags, want)
	}
	if rep.Built != 3 {
		t.Errorf("a bad roll-up sheet stopped the branches: built %d", rep.Built)
	}
	if _, err := os.Stat(filepath.Join(out, "_rollup.md")); err == nil {
		t.Error("wrote a roll-up from a bad roll-up sheet")
	}
}

// A sheet that leaves the folder takes its files with it.
func TestRemovedSheet(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown))
	os.Remove(filepath.Join(in, "b0002.toml"))
	rep := mustRun(t, options(t, in, out, build.Markdown))
	if !slices.Equal(rep.Removed, []string{filepath.Join(out, "b0002.md")}) || !rep.Index || !rep.Rollup {
		t.Errorf("removed %v, index %v, roll-up %v", rep.Removed, rep.Index, rep.Rollup)
	}
}

// Sheets named one by one build without a roll-up or an index.
func TestSheetsByName(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	opt := options(t, "", out, build.Markdown)
	opt.Inputs = []string{filepath.Join(in, "b0003.toml"), filepath.Join(in, "b0001.toml")}
	rep := mustRun(t, opt)
	if rep.Built != 2 || rep.Index || rep.Rollup {
		t.Errorf("built %d, index %v, roll-up %v", rep.Built, rep.Index, rep.Rollup)
	}
	if got := names(t, out); !slices.Equal(got, []string{".zongjie/lock", ".zongjie/manifest.json", "b0001.md", "b0003.md"}) {
		t.Errorf("files: %v", got)
	}
	opt.Inputs = []string{filepath.Join(in, "b0001.toml"), "elsewhere/b.toml"}
	if _, err := Run(opt); err == nil || !strings.Contains(err.Error(), "不在同一目录") {
		t.Errorf("sheets from two folders: %v", err)
	}
}

// Warnings do not stop a branch; they are printed on every run, up to date
// or not, and shown in the index.
func TestWarningsEveryRun(t *testing.T) {
	in, out := folder(t, 2), t.TempDir()
	edit(t, filepath.Join(in, "b0001.toml"), `dates = \[[0-9-]+\]`, "dates = [2011-01-25]")
	var first []string
	for run := range 2 {
		rep := mustRun(t, options(t, in, out, build.Markdown))
		var lines []string
		for _, d := range rep.Diags {
			lines = append(lines, d.Error())
		}
		if run == 0 {
			first = lines
			if rep.Built != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], filepath.Join(in, "b0001.toml")+":14:12: warning: 2011年1月25日 不在活动期间") {
				t.Fatalf("built %d, diagnostics:\n%s", rep.Built, strings.Join(lines, "\n"))
			}
		} else if rep.UpToDate != 2 || !slices.Equal(lines, first) {
			t.Errorf("rerun: up to date %d (built %d, failed %d), diagnostics:\n%s\nwant:\n%s", rep.UpToDate, rep.Built, rep.Failed, strings.Join(lines, "\n"), strings.Join(first, "\n"))
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, IndexFile))
	if !strings.Contains(string(index), `<li class="warning">b0001.toml:14:12: warning: 2011年1月25日 不在活动期间`) {
		t.Error("the index does not show the warning")
	}
}

// A damaged manifest costs a full rebuild, never a failure.
func TestDamagedManifest(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown))
	man := filepath.Join(out, StateDir, "manifest.json")
	os.WriteFile(man, []byte("{\"format\": 1, \"branches\": {"), 0o644)
	rep := mustRun(t, options(t, in, out, build.Markdown))
	want := man + ": warning: 生成记录已损坏或被改动（不是有效的 JSON），已忽略：本次全部重新生成"
	if rep.Built != 3 || rep.Diags.Error() != want {
		t.Errorf("built %d: %v", rep.Built, rep.Diags)
	}
	if rep := mustRun(t, options(t, in, out, build.Markdown)); rep.UpToDate != 3 {
		t.Errorf("after the rebuild: up to date %d", rep.UpToDate)
	}
}

// TestReportInNaturalOrder: the report lists branches as the roll-up and
// the index do, 第二 before 第三 before 第十, not in code point order (三
// 二 十).
func TestReportInNaturalOrder(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	for i, id := range []string{"第十支部", "第二支部", "第三支部"} {
		f, err := os.OpenFile(filepath.Join(in, fmt.Sprintf("b%04d.toml", i+1)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\n[batch]\nid = %q\n", id)
		f.Close()
	}
	rep := mustRun(t, options(t, in, out, build.Markdown))
	var got []string
	for _, b := range rep.Branches {
		got = append(got, b.Name)
	}
	if want := []string{"第二支部", "第三支部", "第十支部"}; !slices.Equal(got, want) {
		t.Errorf("report lists %v, want %v", got, want)
	}
}
