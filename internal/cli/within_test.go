package cli

import (
	"bytes"
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
	if out, err := exec.Command(goBin, "build", "-o", bin, "../../cmd/zongjie").CombinedOutput(); err != nil {
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
