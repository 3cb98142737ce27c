package tmplimit

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"
)

func mustParse(t *testing.T, src string) *template.Template {
	t.Helper()
	tm, err := template.New("t").Funcs(Funcs()).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	Instrument(tm)
	return tm
}

func execute(t *testing.T, tm *template.Template, lim Limits, data any) (string, error) {
	t.Helper()
	var b bytes.Buffer
	r, err := Start(tm, &b, lim)
	if err != nil {
		t.Fatal(err)
	}
	err = r.Execute("t", data)
	return b.String(), err
}

// TestRangeInt reproduces issue 13: {{range 300000000}} ran out of memory
// with a body, and with none spins for minutes. Both stop, at the loop.
func TestRangeInt(t *testing.T) {
	_, err := execute(t, mustParse(t, "{{range 300000000}}{{end}}"), Default, nil)
	want := `template: t:1:8: executing "t" at <zongjieLimitTick>: 模板循环次数过多（超过 200000 次）：{{range}} 的次数应来自事实表中的列表，{{template}} 不应无限调用自己`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	lim := Limits{Steps: 10000, Time: time.Minute, Output: 1 << 20}
	for src, want := range map[string]string{
		"甲\n  {{range 300000000}}x{{end}}":                                            `template: t:2:10: executing "t" at <zongjieLimitTick>: 模板循环次数过多（超过 10000 次）`,
		"{{range 500}}{{range 500}}{{end}}{{end}}":                                    `template: t:1:21: executing "t" at <zongjieLimitTick>: 模板循环次数过多（超过 10000 次）`,
		`{{define "r"}}{{template "r" .}}{{template "r" .}}{{end}}{{template "r" .}}`: `template: t:1:14: executing "r" at <zongjieLimitTick>: 模板循环次数过多（超过 10000 次）`,
	} {
		_, err := execute(t, mustParse(t, src), lim, nil)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s:\ngot  %v\nwant %s…", src, err, want)
		}
	}
}

func TestOutputLimit(t *testing.T) {
	lim := Limits{Steps: 1 << 30, Time: time.Minute, Output: 1 << 20}
	_, err := execute(t, mustParse(t, `{{range 300000000}}{{"一行很长的文字"}}{{end}}`), lim, nil)
	want := `template: t:1:8: executing "t" at <zongjieLimitTick>: 模板输出过多（超过 1 MB）`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s…", err, want)
	}
	// Past the limit with no loop after it: refused, without a place.
	out, err := execute(t, mustParse(t, `{{printf "%900000d" 1}}{{printf "%900000d" 2}}`), lim, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "模板输出过多（超过 1 MB）") || len(out) > 1<<20 {
		t.Errorf("got %v and %d bytes", err, len(out))
	}
}

func TestTimeLimit(t *testing.T) {
	lim := Limits{Steps: 1 << 40, Time: 50 * time.Millisecond, Output: 1 << 20}
	_, err := execute(t, mustParse(t, `{{range 300000000}}{{end}}`), lim, nil)
	if err == nil || !strings.Contains(err.Error(), "模板运行超时（超过 50ms）") {
		t.Errorf("got %v", err)
	}
}

// TestSameOutput: within the limits, an instrumented template writes what
// it wrote before, and each Run has its own budget.
func TestSameOutput(t *testing.T) {
	src := `{{define "item"}}<{{.}}>{{end}}{{range $i, $x := .}}{{if $i}}, {{end}}{{template "item" $x}}{{else}}空{{end}}{{with 3}}{{range .}}{{.}}{{end}}{{end}}`
	plain := template.Must(template.New("t").Parse(src))
	tm := mustParse(t, src)
	lim := Limits{Steps: 20, Time: time.Minute, Output: 1 << 20}
	var wg sync.WaitGroup
	for _, data := range [][]string{{"甲", "乙", "丙"}, nil, {"a"}} {
		var want bytes.Buffer
		if err := plain.Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := execute(t, tm, lim, data)
				if err != nil || got != want.String() {
					t.Errorf("%q: got %q, %v; want %q", data, got, err, want.String())
				}
			}()
		}
	}
	wg.Wait()
}

// Runs from a Pool each have their own budget, also when they reuse a
// clone and run at once: 8 goroutines run a 90-step loop 50 times each
// within 100 steps, and one run of 150 stops.
func TestPoolBudgets(t *testing.T) {
	p := NewPool(mustParse(t, "{{range .}}x{{end}}"))
	lim := Limits{Steps: 100, Time: time.Minute, Output: 1 << 20}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				var b bytes.Buffer
				r, err := p.Start(&b, lim)
				if err != nil {
					t.Error(err)
					return
				}
				if err := r.Execute("t", 90); err != nil || b.Len() != 90 {
					t.Errorf("90 steps within 100: %v, %d bytes", err, b.Len())
				}
				r.Close()
			}
		})
	}
	wg.Wait()
	var b bytes.Buffer
	r, _ := p.Start(&b, lim)
	defer r.Close()
	if err := r.Execute("t", 150); err == nil || !strings.Contains(err.Error(), "模板循环次数过多") {
		t.Errorf("150 steps within 100: %v", err)
	}
}
