package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zongjie/zongjie/internal/build"
)

// The manifest is written by encoding/json and read by the JSON v2
// decoder: both must read a real manifest (warnings, roll-up, index) the
// same way.
func TestManifestDecodersAgree(t *testing.T) {
	in, out := folder(t, 5), t.TempDir()
	edit(t, filepath.Join(in, "b0001.toml"), `dates = \[[0-9-]+\]`, "dates = [2011-01-25]")
	os.WriteFile(filepath.Join(in, RollupFile), []byte("[document]\ntitle = \"汇总\"\nunit = \"委员会\"\n"), 0o644)
	mustRun(t, options(t, in, out, build.Markdown, build.HTML))
	b, err := os.ReadFile(filepath.Join(out, StateDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v1, v2 Manifest
	if err := json.Unmarshal(b, &v1); err != nil {
		t.Fatal(err)
	}
	if err := decodeManifest(b, &v2); err != nil {
		t.Fatal(err)
	}
	if len(v1.Branches) != 5 || v1.Index == nil || v1.Rollup == nil || v1.Branches["b0001.toml"] == nil || len(v1.Branches["b0001.toml"].Warnings) != 1 {
		t.Fatalf("the manifest lacks what this test compares: %s", b)
	}
	if !reflect.DeepEqual(v1, v2) {
		t.Errorf("decoders differ:\nencoding/json %+v\nv2            %+v", v1, v2)
	}
}

// A member named twice is damage, not a record to pick from.
func TestManifestDuplicateMember(t *testing.T) {
	in, out := folder(t, 1), t.TempDir()
	mustRun(t, options(t, in, out, build.Markdown))
	man := filepath.Join(out, StateDir, "manifest.json")
	os.WriteFile(man, []byte(`{"format": 1, "format": 1, "branches": {}}`), 0o644)
	rep := mustRun(t, options(t, in, out, build.Markdown))
	want := man + ": warning: 生成记录已损坏或被改动（不是有效的 JSON），已忽略：本次全部重新生成"
	if rep.Built != 1 || rep.Diags.Error() != want {
		t.Errorf("built %d: %v", rep.Built, rep.Diags)
	}
}

// Busy is called once in a run that parses or renders, never in one that
// has nothing to do (the command line keeps the collector off then).
func TestBusyHook(t *testing.T) {
	in, out := folder(t, 3), t.TempDir()
	for run, want := range []int{1, 0} {
		calls := 0
		opt := options(t, in, out, build.Markdown)
		opt.Busy = func() { calls++ }
		mustRun(t, opt)
		if calls != want {
			t.Errorf("run %d: Busy called %d times, want %d", run, calls, want)
		}
	}
}

// sum hashes as it always has: the keys in existing manifests stay. (The
// values were those of the hasher sum used before it took strings.)
func TestSumKeepsItsHashes(t *testing.T) {
	if got, want := sum("md", "事实", ""), "c95952d799dbb9b64177f1ac046c66af"; got != want {
		t.Errorf("sum of strings = %s, want %s", got, want)
	}
	if got, want := sum([]byte("0.1"), []byte("页")), "144ecd237975bc3fca52dab6bb2d4d71"; got != want {
		t.Errorf("sum of bytes = %s, want %s", got, want)
	}
	if sum("ab", "c") == sum("a", "bc") {
		t.Error("the parts' bounds are not hashed")
	}
}
