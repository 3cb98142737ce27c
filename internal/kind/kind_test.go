package kind

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zongjie/zongjie/templates"
)

func embedded(t *testing.T) *Set {
	t.Helper()
	s, err := Load([]fs.FS{templates.FS}, []string{""})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The five kinds the issue asks for ship embedded, and a sheet may name a
// kind by id, Chinese name or alias; no kind is the default.
func TestEmbeddedKinds(t *testing.T) {
	s := embedded(t)
	var ids []string
	for _, k := range s.All() {
		ids = append(ids, k.ID)
		if k.Description == "" || len(k.Structure) == 0 {
			t.Errorf("%s: no description or structure", k.ID)
		}
	}
	if got := strings.Join(ids, " "); got != "annual campaign partyday review study" {
		t.Errorf("kinds = %s", got)
	}
	for name, id := range map[string]string{"": "review", "领导点评": "review", "campaign": "campaign",
		"专项工作": "campaign", "主题教育": "study", "党史学习教育": "study", "年度工作总结": "annual",
		"半年工作总结": "annual", "主题党日": "partyday"} {
		k, ok := s.Lookup(name)
		if !ok || k.ID != id {
			t.Errorf("Lookup(%q) = %v, want %s", name, k, id)
		}
	}
	if _, ok := s.Lookup("会议纪要"); ok {
		t.Error("an unknown kind was found")
	}
}

// Variants 0 … n-1 never pick the same wording for every phrase, and two
// neighbours differ in more than one phrase.
func TestPickDistinct(t *testing.T) {
	for _, k := range embedded(t).All() {
		var names []string
		for n := range k.Phrases {
			names = append(names, n)
		}
		slices.Sort(names)
		seen := map[string]int{}
		prev := ""
		for v := range k.Combinations() {
			var parts []string
			for _, n := range names {
				parts = append(parts, k.Pick(n, v))
			}
			key := strings.Join(parts, "\x00")
			if w, dup := seen[key]; dup {
				t.Fatalf("%s: variants %d and %d read the same", k.ID, w, v)
			}
			seen[key] = v
			if v > 0 && v < 50 {
				diff := 0
				for i, p := range strings.Split(prev, "\x00") {
					if p != parts[i] {
						diff++
					}
				}
				if diff < 2 {
					t.Errorf("%s: variants %d and %d differ in %d phrase", k.ID, v-1, v, diff)
				}
			}
			prev = key
		}
		// Every document says the core phrases: the first CoreCombinations
		// variants differ in one of them.
		core := map[string]int{}
		for v := range k.CoreCombinations() {
			var parts []string
			for _, n := range k.Core {
				parts = append(parts, k.Pick(n, v))
			}
			key := strings.Join(parts, "\x00")
			if w, dup := core[key]; dup {
				t.Fatalf("%s: variants %d and %d share every core phrase", k.ID, w, v)
			}
			core[key] = v
		}
		if min := 300; k.ID != "annual" && k.CoreCombinations() < min {
			t.Errorf("%s: %d core combinations; a county's 300 branches need %d", k.ID, k.CoreCombinations(), min)
		}
		for _, n := range names {
			if k.Pick(n, 0) != k.Phrases[n][0] {
				t.Errorf("%s: variant 0 does not take the first %s", k.ID, n)
			}
		}
	}
}

// A user's kind.toml with a mistake says what and where.
func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"id = \"x\"\nname = \"X\"\ncolour = 1\n":                `未知的键 "colour"`,
		"id = \"x\"\nname = \"X\"\nstructure = [\"intro\"]\n":   `structure 中的 "intro" 不是标准部分`,
		"id = \"x\"\nname = \"X\"\nstructure = [\"methods\"]\n": `部分 "methods" 没有标题`,
		"id = \"x\"\nname = \"X\"\ncounts = \"end\"\n":          `counts 应为 "opening" 或 "basics"`,
		"id = \"x\"\nname = \"X\"\nstructure = [\n":             "kinds/x/kind.toml:3: 类型定义错误",
		"name = \"X\"\n": "id 和 name 不能为空",
	} {
		_, err := Parse("kinds/x/kind.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want it to contain %q", src, err, want)
		}
	}
	user := fstest.MapFS{"kinds/y/kind.toml": {Data: []byte("id = \"x\"\nname = \"X\"\n")}}
	if _, err := Load([]fs.FS{user}, []string{"mine"}); err == nil || !strings.Contains(err.Error(), "mine/kinds/y/kind.toml") {
		t.Errorf("a kind in the wrong folder: %v", err)
	}
}

// A user's kind of the same id replaces the embedded one; a new id adds one.
func TestUserKinds(t *testing.T) {
	user := fstest.MapFS{
		"kinds/review/kind.toml":  {Data: []byte("id = \"review\"\nname = \"领导点评\"\ndescription = \"mine\"\n")},
		"kinds/meeting/kind.toml": {Data: []byte("id = \"meeting\"\nname = \"会议总结\"\n")},
	}
	s, err := Load([]fs.FS{templates.FS, user}, []string{"", "mine"})
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := s.Lookup(""); k.Description != "mine" {
		t.Errorf("review = %+v, want the user's", k)
	}
	if _, ok := s.Lookup("会议总结"); !ok {
		t.Error("the user's new kind is missing")
	}
}

// TestEmbeddedGenerated: decoded.go holds every embedded kind.toml as it
// decodes now, and nothing else; when a kind.toml changes, this fails
// until go generate ./internal/kind is run.
func TestEmbeddedGenerated(t *testing.T) {
	files, err := fs.Glob(templates.FS, "kinds/*/kind.toml")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		src, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := parseAt(f, f, src)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := decoded[f]
		if !ok || g.sum != sha256.Sum256(src) || !reflect.DeepEqual(g.kind, want) {
			t.Errorf("%s: decoded.go is stale (in it: %v); run go generate ./internal/kind", f, ok)
		}
		if got, _ := load(f, f, src, true); got != g.kind {
			t.Errorf("%s: load decoded it again", f)
		}
	}
	if len(decoded) != len(files) {
		t.Errorf("decoded.go holds %d kinds, templates/kinds %d", len(decoded), len(files))
	}
	// A kind.toml changed since: decoded afresh, not taken from decoded.go.
	f := files[0]
	src, _ := fs.ReadFile(templates.FS, f)
	changed := bytes.Replace(src, []byte(`name = "`), []byte(`name = "改`), 1)
	k, err := load(f, f, changed, true)
	if err != nil || k == decoded[f].kind || !strings.HasPrefix(k.Name, "改") {
		t.Errorf("a changed kind.toml: %v, %+v", err, k)
	}
}
