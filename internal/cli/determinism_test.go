package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeterministicAcrossProcesses builds the zongjie command once, then
// runs it twice on every sample in separate processes that differ in what
// must not matter (time zone, GOMAXPROCS, working and output directories),
// and requires byte-identical Markdown, HTML and PDF.
func TestDeterministicAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "zongjie")
	build := exec.Command(goBin, "build", "-o", bin, "../../cmd/zongjie")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	samples, _ := filepath.Glob("../../samples/*.toml")
	if len(samples) < 4 {
		t.Fatalf("found %d samples", len(samples))
	}
	for i := range samples {
		samples[i], _ = filepath.Abs(samples[i])
	}
	runs := []struct{ tz, procs string }{{"UTC", "1"}, {"Asia/Shanghai", "2"}}
	var dirs []string
	for _, r := range runs {
		dir := t.TempDir()
		cmd := exec.Command(bin, append([]string{"build", "-o", filepath.Join(dir, "out")}, samples...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TZ="+r.tz, "GOMAXPROCS="+r.procs)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("zongjie build (TZ=%s): %v\n%s", r.tz, err, stderr.String())
		}
		dirs = append(dirs, filepath.Join(dir, "out"))
	}
	n := 0
	for _, s := range samples {
		name := strings.TrimSuffix(filepath.Base(s), ".toml")
		for _, ext := range []string{"md", "html", "pdf", "docx"} {
			a, errA := os.ReadFile(filepath.Join(dirs[0], name+"."+ext))
			b, errB := os.ReadFile(filepath.Join(dirs[1], name+"."+ext))
			if errA != nil || errB != nil {
				t.Fatalf("%s.%s: %v, %v", name, ext, errA, errB)
			}
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s.%s differs between two processes (%d and %d bytes)", name, ext, len(a), len(b))
			}
			n++
		}
	}
	if n != 4*len(samples) {
		t.Errorf("compared %d files", n)
	}
}
