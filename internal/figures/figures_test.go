package figures

import (
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

func compute(t *testing.T, body string) (*Table, string) {
	t.Helper()
	src := "[document]\ntitle = \"t\"\nunit = \"u\"\nself = \"我局\"\ntask = \"点评\"\ndate = 2011-01-21\n" + body
	s, diags := sheet.Decode("f.toml", []byte(src))
	if diags != nil {
		t.Fatal(diags)
	}
	tab, d := Compute(s)
	return tab, d.Error()
}

func TestDerived(t *testing.T) {
	tab, errs := compute(t, `
[figures]
members = 200
participants = 193

[[methods]]
name = "m"
  [[methods.events]]
  suggestions = 4
  [[methods.ways]]
  form = "f"
    [[methods.ways.events]]
    suggestions = 9
`)
	if errs != "" {
		t.Fatal(errs)
	}
	for name, want := range map[string]string{"members": "200", "participation_rate": "96.5%", "event_suggestions": "13"} {
		if got, _ := tab.Text(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, ok := tab.Text("branches"); ok {
		t.Error("a figure not given has a value")
	}
}

func TestComputedTotalChain(t *testing.T) {
	tab, errs := compute(t, `
[[counts]]
id = "a"
value = 2
[[counts]]
id = "b"
value = 3
[[counts]]
id = "ab"
[[counts]]
id = "all"
[[counts]]
id = "c"
value = 5
[[sums]]
total = "all"
parts = ["ab", "c"]
[[sums]]
total = "ab"
parts = ["a", "b"]
`)
	if errs != "" {
		t.Fatal(errs)
	}
	if v, _ := tab.Int("all"); v != 10 {
		t.Errorf("all = %d, want 10 (computed through ab)", v)
	}
}

func TestCountErrors(t *testing.T) {
	_, errs := compute(t, `
[[counts]]
id = "9lives"
value = 1
[[counts]]
id = "members"
value = 1
[[counts]]
id = "x"
value = 1
[[counts]]
id = "x"
value = 2
`)
	for _, want := range []string{`数字名 "9lives" 不合规则`, `数字名 "members" 与内置数字重名`, `数字名 "x" 重复定义（另见 counts[2].id）`} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
}

func TestExpand(t *testing.T) {
	tab, _ := compute(t, "[figures]\nmembers = 220\nparticipants = 220\n")
	got, unknown := tab.Expand("共{members}名党员，参与率{participation_rate}，{nope}，{中文}")
	if got != "共220名党员，参与率100%，{nope}，{中文}" || len(unknown) != 1 || unknown[0] != "nope" {
		t.Errorf("Expand = %q, %v", got, unknown)
	}
	if refs := Refs("{a}和{b_2}"); len(refs) != 2 || refs[1] != "b_2" {
		t.Errorf("Refs = %v", refs)
	}
}
