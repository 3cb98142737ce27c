package cli

import (
	"bytes"
	"testing"
	"time"
)

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
