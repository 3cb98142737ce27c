//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/zongjie/zongjie/internal/batch"
	"github.com/zongjie/zongjie/internal/batchgen"
)

// Issue 13's reproductions against batch: files that are not files, an
// untrusted manifest, two batches on one OUT. Each case gives the exact
// exit status and message.

func genFolder(t *testing.T, n int) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "b")
	if err := batchgen.Generate(in, n, 1); err != nil {
		t.Fatal(err)
	}
	return in
}

const notRegular = "不是普通文件，而是设备、管道之类"

// TestBatchRefusesFilesThatAreNot: a FIFO (which must not hang the run)
// or a link to /dev/zero (which must not exhaust memory) wherever batch
// reads a file.
func TestBatchRefusesFilesThatAreNot(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	special := map[string]func(path string) error{
		"fifo": mkfifo,
		"zero": func(path string) error { return os.Symlink("/dev/zero", path) },
	}
	for kind, mk := range special {
		t.Run(kind, func(t *testing.T) {
			t.Run("branch", func(t *testing.T) {
				in := genFolder(t, 2)
				p := filepath.Join(in, "b0003.toml")
				mk(p)
				code, _, errs := runWithin(t, "batch", in, "-o", t.TempDir(), "--quiet", "--format", "md")
				if want := p + ": error: 无法读取事实表：" + notRegular + "\n"; code != ExitProblem || errs != want {
					t.Errorf("exit %d, stderr %q; want 1, %q", code, errs, want)
				}
			})
			for _, name := range []string{batch.DefaultsFile, batch.RollupFile} {
				t.Run(name, func(t *testing.T) {
					in := genFolder(t, 2)
					p := filepath.Join(in, name)
					os.Remove(p)
					mk(p)
					code, _, errs := runWithin(t, "batch", in, "-o", t.TempDir(), "--quiet", "--format", "md")
					if want := p + ": error: 无法读取事实表：" + notRegular + "\n"; code != ExitProblem || errs != want {
						t.Errorf("exit %d, stderr %q; want 1, %q", code, errs, want)
					}
				})
			}
			t.Run("--font", func(t *testing.T) {
				in := genFolder(t, 1)
				p := filepath.Join(t.TempDir(), "f.ttf")
				mk(p)
				code, _, errs := runWithin(t, "batch", in, "-o", t.TempDir(), "--quiet", "--font", "body="+p)
				if want := "zongjie：字体文件 " + p + "：" + notRegular + "\n"; code != ExitFatal || errs != want {
					t.Errorf("exit %d, stderr %q; want 3, %q", code, errs, want)
				}
				code, _, errs = runWithin(t, "build", "../../samples/minimal.toml", "-o", t.TempDir(), "--font", "body="+p)
				if want := "zongjie：字体文件 " + p + "：无法读取（" + notRegular + "）\n"; code != ExitFatal || errs != want {
					t.Errorf("build: exit %d, stderr %q; want 3, %q", code, errs, want)
				}
			})
			t.Run("[fonts]", func(t *testing.T) {
				dir := t.TempDir()
				mk(filepath.Join(dir, "f.ttf"))
				min, _ := os.ReadFile("../../samples/minimal.toml")
				p := filepath.Join(dir, "a.toml")
				os.WriteFile(p, append(min, "\n[fonts]\nbody = \"f.ttf\"\n"...), 0o644)
				line := bytes.Count(min, []byte("\n")) + 3
				code, _, errs := runWithin(t, "build", p, "-o", t.TempDir(), "--format", "pdf")
				want := p + ":" + strconv.Itoa(line) + ":8: error: 字体文件 " + filepath.Join(dir, "f.ttf") + "：无法读取（" + notRegular + "）（[fonts] 中的路径相对于事实表所在的文件夹）\n"
				if code != ExitProblem || errs != want {
					t.Errorf("exit %d, stderr %q; want 1, %q", code, errs, want)
				}
			})
			t.Run("[batch] fonts", func(t *testing.T) {
				in := genFolder(t, 1)
				mk(filepath.Join(in, "f.ttf"))
				d := filepath.Join(in, batch.DefaultsFile)
				src, _ := os.ReadFile(d)
				os.WriteFile(d, append(src, "\n[batch]\nfonts = { body = \"f.ttf\" }\n"...), 0o644)
				code, _, errs := runWithin(t, "batch", in, "-o", t.TempDir(), "--quiet")
				if want := "zongjie：字体文件 " + filepath.Join(in, "f.ttf") + "：" + notRegular + "\n"; code != ExitFatal || errs != want {
					t.Errorf("exit %d, stderr %q; want 3, %q", code, errs, want)
				}
			})
			t.Run("template", func(t *testing.T) {
				in, tmpl := genFolder(t, 1), t.TempDir()
				p := filepath.Join(tmpl, "opening.md.tmpl")
				mk(p)
				code, _, errs := runWithin(t, "batch", in, "-o", t.TempDir(), "--quiet", "--templates", tmpl)
				if want := "zongjie：模板 " + p + "：" + notRegular + "\n"; code != ExitFatal || errs != want {
					t.Errorf("exit %d, stderr %q; want 3, %q", code, errs, want)
				}
				code, _, errs = runWithin(t, "build", "../../samples/minimal.toml", "-o", t.TempDir(), "--templates", tmpl)
				if want := "zongjie：模板 " + p + "：" + notRegular + "\n"; code != ExitFatal || errs != want {
					t.Errorf("build: exit %d, stderr %q; want 3, %q", code, errs, want)
				}
				code, _, errs = runWithin(t, "check", "../../samples/minimal.toml", "--templates", tmpl)
				if want := "zongjie：模板 " + p + "：" + notRegular + "\n"; code != ExitFatal || errs != want {
					t.Errorf("check: exit %d, stderr %q; want 3, %q", code, errs, want)
				}
			})
			t.Run("shard record", func(t *testing.T) {
				in, out := genFolder(t, 2), t.TempDir()
				os.MkdirAll(filepath.Join(out, batch.StateDir), 0o755)
				p := filepath.Join(out, batch.StateDir, "shard-1-of-2.json")
				mk(p)
				code, _, errs := runWithin(t, "batch", in, "-o", out, "--quiet", "--format", "md")
				want := p + ": warning: 生成记录已损坏或被改动（" + notRegular + "），已忽略：本次全部重新生成\n"
				if code != ExitOK || errs != want {
					t.Errorf("exit %d, stderr %q; want 0, %q", code, errs, want)
				}
			})
		})
	}
}

// editManifest applies f to OUT's manifest.json.
func editManifest(t *testing.T, out string, f func(m map[string]any)) string {
	t.Helper()
	p := filepath.Join(out, batch.StateDir, "manifest.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber() // times in nanoseconds do not survive a float64
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ = json.Marshal(m)
	os.WriteFile(p, b, 0o644)
	return p
}

func entry(m map[string]any, sheet string) map[string]any {
	return m["branches"].(map[string]any)[sheet].(map[string]any)
}

// TestManifestIsNotTrusted: what the manifest says never moves a write or
// a deletion outside OUT, nor a figure into the roll-up.
func TestManifestIsNotTrusted(t *testing.T) {
	t.Run("name leaves OUT", func(t *testing.T) {
		in, parent := genFolder(t, 2), t.TempDir()
		out := filepath.Join(parent, "out")
		run("batch", in, "-o", out, "--quiet", "--format", "md")
		p := editManifest(t, out, func(m map[string]any) {
			e := entry(m, "b0001.toml")
			e["name"] = "../escaped"
			e["branch"].(map[string]any)["Name"] = "../escaped"
			e["inputs"].(map[string]any)["sheet"] = "changed" // force a rebuild
		})
		code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md")
		want := p + `: warning: 生成记录已损坏或被改动（"b0001.toml" 的输出名 "../escaped" 不可用），已忽略：本次全部重新生成` + "\n"
		if code != ExitOK || errs != want {
			t.Errorf("exit %d, stderr %q; want 0, %q", code, errs, want)
		}
		if _, err := os.Stat(filepath.Join(parent, "escaped.md")); err == nil {
			t.Error("wrote escaped.md outside OUT")
		}
	})
	t.Run("deletion outside OUT", func(t *testing.T) {
		in, parent := genFolder(t, 2), t.TempDir()
		out := filepath.Join(parent, "out")
		victim := filepath.Join(parent, "victim.md")
		os.WriteFile(victim, []byte("not zongjie's"), 0o644)
		info, _ := os.Stat(victim)
		run("batch", in, "-o", out, "--quiet", "--format", "md")
		p := editManifest(t, out, func(m map[string]any) {
			m["branches"].(map[string]any)["gone.toml"] = map[string]any{
				"sheet": "gone.toml", "name": "../victim", "seq": 1,
				"outputs": map[string]any{"md": map[string]any{"key": "k", "sha256": "x", "size": info.Size(), "mtime": info.ModTime().UnixNano()}},
				"branch":  map[string]any{"Name": "../victim"},
			}
		})
		code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md")
		want := p + `: warning: 生成记录已损坏或被改动（"gone.toml" 的输出名 "../victim" 不可用），已忽略：本次全部重新生成` + "\n"
		if code != ExitOK || errs != want {
			t.Errorf("exit %d, stderr %q; want 0, %q", code, errs, want)
		}
		if _, err := os.Stat(victim); err != nil {
			t.Error("deleted a file outside OUT")
		}
	})
	t.Run("a file the record does not hold is kept", func(t *testing.T) {
		// A record whose size and time match but whose content hash
		// does not: the file is someone else's and stays.
		in, out := genFolder(t, 2), t.TempDir()
		run("batch", in, "-o", out, "--quiet", "--format", "md")
		mine := filepath.Join(out, "mine.md")
		os.WriteFile(mine, []byte("someone else's"), 0o644)
		info, _ := os.Stat(mine)
		editManifest(t, out, func(m map[string]any) {
			m["branches"].(map[string]any)["mine.toml"] = map[string]any{
				"sheet": "mine.toml", "name": "mine", "seq": 1,
				"outputs": map[string]any{"md": map[string]any{"key": "k", "sha256": "x", "size": info.Size(), "mtime": info.ModTime().UnixNano()}},
				"branch":  map[string]any{"Name": "mine"},
			}
		})
		if code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md"); code != ExitOK || errs != "" {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if _, err := os.Stat(mine); err != nil {
			t.Error("deleted a file whose content zongjie did not write")
		}
	})
	t.Run("unknown format in a shard file", func(t *testing.T) {
		in, out := genFolder(t, 2), t.TempDir()
		run("batch", in, "-o", out, "--quiet", "--format", "md", "--shard", "1/2")
		run("batch", in, "-o", out, "--quiet", "--format", "md", "--shard", "2/2")
		shard := filepath.Join(out, batch.StateDir, "shard-1-of-2.json")
		b, err := os.ReadFile(shard)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(shard, []byte(strings.Replace(string(b), `"md": {`, `"txt": {`, 1)), 0o644)
		code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md")
		if code != ExitOK || !strings.HasPrefix(errs, shard+`: warning: 生成记录已损坏或被改动（`) || !strings.Contains(errs, `记录了未知的输出格式 "txt"）`) {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
	t.Run("figures", func(t *testing.T) {
		in, out, ref := genFolder(t, 3), t.TempDir(), t.TempDir()
		run("batch", in, "-o", ref, "--quiet", "--format", "md")
		run("batch", in, "-o", out, "--quiet", "--format", "md")
		editManifest(t, out, func(m map[string]any) {
			f := entry(m, "b0002.toml")["branch"].(map[string]any)["Figures"].(map[string]any)
			n, _ := f["Members"].(json.Number).Int64()
			f["Members"] = n + 1000
		})
		code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md")
		want := filepath.Join(out, batch.StateDir) + ": warning: 生成记录中 b0002.toml 的内容与其事实表不符（记录被改动过），已忽略生成记录：全部重新生成\n"
		if code != ExitOK || errs != want {
			t.Errorf("exit %d, stderr %q; want 0, %q", code, errs, want)
		}
		for _, f := range []string{"_rollup.md", "index.html"} {
			got, _ := os.ReadFile(filepath.Join(out, f))
			exp, _ := os.ReadFile(filepath.Join(ref, f))
			if string(got) != string(exp) {
				t.Errorf("%s differs from a clean run's", f)
			}
		}
		// --rollup-only reads records only: a forged one is dropped and
		// its branch reported as not built.
		var forged string
		editManifest(t, out, func(m map[string]any) {
			f := entry(m, "b0002.toml")["branch"].(map[string]any)["Figures"].(map[string]any)
			n, _ := f["Members"].(json.Number).Int64()
			f["Members"] = n + 1000
			forged = strconv.FormatInt(n+1000, 10)
		})
		code, _, errs = run("batch", in, "-o", out, "--quiet", "--format", "md", "--rollup-only")
		want = filepath.Join(in, "b0002.toml") + ": error: 还没有生成记录：它所在的分片尚未运行或运行失败；请先运行全部分片（--shard i/n），再运行 --rollup-only\n" +
			filepath.Join(out, batch.StateDir) + ": warning: 生成记录中 b0002.toml 的内容与其事实表不符（记录被改动过），已忽略这些记录\n"
		if code != ExitProblem || errs != want {
			t.Errorf("--rollup-only: exit %d, stderr %q; want 1, %q", code, errs, want)
		}
		for _, f := range []string{"_rollup.md", "index.html"} {
			if strings.Contains(mustRead(t, filepath.Join(out, f)), forged) {
				t.Errorf("the forged figure %s reached %s", forged, f)
			}
		}
	})
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOneBatchPerOut: a run finding OUT locked exits 1 naming the holder;
// two runs started together never break each other's files.
func TestOneBatchPerOut(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock")
	}
	in, out := genFolder(t, 4), t.TempDir()
	os.MkdirAll(filepath.Join(out, batch.StateDir), 0o755)
	lock, err := os.OpenFile(filepath.Join(out, batch.StateDir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	lock.WriteString("4242\n")
	// A stale-looking temp file of the holder's must survive.
	tmp := filepath.Join(out, ".b0001.pdf.123456.tmp")
	os.WriteFile(tmp, []byte("in flight"), 0o644)
	code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md")
	want := "zongjie：输出目录 " + out + " 正由另一个 zongjie batch（进程 4242）使用：同一输出目录一次只能运行一个 batch，请等它结束后再运行\n"
	if code != ExitProblem || errs != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, errs, want)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Error("removed another run's temp file")
	}
	// A shard takes the lock shared: a whole run is refused while it runs.
	lock.Truncate(0)
	syscall.Flock(int(lock.Fd()), syscall.LOCK_SH)
	if code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md", "--shard", "1/2"); code != ExitOK {
		t.Errorf("a shard beside another shard: exit %d, %s", code, errs)
	}
	lock.Close()
	if code, _, errs := run("batch", in, "-o", out, "--quiet", "--format", "md"); code != ExitOK {
		t.Errorf("after release: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Error("a run holding OUT alone left a stale temp file")
	}

	// Two at once, several times: one may be refused, neither may fail
	// any other way.
	for range 3 {
		os.RemoveAll(out)
		var wg sync.WaitGroup
		codes, errss := make([]int, 2), make([]string, 2)
		for i := range 2 {
			wg.Go(func() { codes[i], _, errss[i] = run("batch", in, "-o", out, "--quiet") })
		}
		wg.Wait()
		for i := range 2 {
			if codes[i] != ExitOK && !strings.Contains(errss[i], "同一输出目录一次只能运行一个 batch") {
				t.Errorf("run %d: exit %d, %s", i, codes[i], errss[i])
			}
		}
		if codes[0] != ExitOK && codes[1] != ExitOK {
			t.Error("both runs refused")
		}
	}
}
