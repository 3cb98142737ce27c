package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// buildCommand builds zongjie into a temp folder, for tests that run it
// as a process; without a go command they skip.
func buildCommand(t testing.TB) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "zongjie")
	// Static, as a release is built (README): with cgo, net links libc and
	// the dynamic loader adds a millisecond to every start.
	build := exec.Command(goBin, "build", "-o", bin, "../../cmd/zongjie")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runWithin is run that fails the test, instead of hanging it, when the
// command takes more than 30 seconds: the cases it serves (FIFOs, devices)
// used to block forever.
func runWithin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		c := Main(args, &out, &errb)
		done <- result{c, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(30 * time.Second):
		t.Fatalf("zongjie %v: still running after 30 s", args)
		return 0, "", ""
	}
}

// Standard input is read with the same limit as a sheet file: an endless
// stream is cut off and refused, by build and by check.
func TestStdinBounded(t *testing.T) {
	want := "stdin: error: 文件过大（1048577 字节，上限 1048576 字节）：一份事实表不应这么大，请检查是否选错了文件\n"
	for _, args := range [][]string{{"build", "-", "-o", t.TempDir()}, {"check", "-"}} {
		var out, errb bytes.Buffer
		code := MainIO(args, endless{}, &out, &errb)
		if got := out.String() + errb.String(); code != ExitProblem || got != want {
			t.Errorf("%v: exit %d, %q; want 1, %q", args, code, got, want)
		}
	}
}

// endless is a reader that never ends, like /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	return len(p), nil
}
