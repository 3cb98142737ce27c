package tomldepth

import (
	"strings"
	"testing"
)

// TestLimit: the same shape is let through at the limit and refused one
// level past it, whatever the limit; the deep cases and the false alarms
// are in internal/sheet's depth tests, which decode the result.
func TestLimit(t *testing.T) {
	for _, limit := range []int{1, 2, 16, 100} {
		for _, shape := range []func(n int) string{
			func(n int) string { return "x = " + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + "\n" },
			func(n int) string { return strings.TrimPrefix(strings.Repeat(".a", n), ".") + " = 1\n" },
			func(n int) string { return "[" + strings.TrimPrefix(strings.Repeat(".a", n), ".") + "]\n" },
		} {
			if at := Find([]byte(shape(limit)), limit); at >= 0 {
				t.Errorf("limit %d: %q refused at %d", limit, shape(limit), at)
			}
			if at := Find([]byte(shape(limit+1)), limit); at < 0 {
				t.Errorf("limit %d: %q let through", limit, shape(limit+1))
			}
		}
	}
}
