package sheet

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected .out files")

// TestBadSheets decodes every testdata/bad/*.toml and compares the
// diagnostics, one per line, with the .out file beside it.
func TestBadSheets(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) == 0 {
		t.Fatal("no test sheets")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, diags := ReadFile(f)
			if s != nil || len(diags) == 0 {
				t.Fatalf("decoded a bad sheet without error")
			}
			got := diags.Error() + "\n"
			want := strings.TrimSuffix(f, ".toml") + ".out"
			if *update {
				os.WriteFile(want, []byte(got), 0o644)
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(exp) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, exp)
			}
		})
	}
}

func TestSamplesDecode(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	for _, f := range files {
		if _, diags := ReadFile(f); diags != nil {
			t.Errorf("%s: %v", f, diags)
		}
	}
}

func TestPositions(t *testing.T) {
	src := []byte(`[document]
title = "总结"

[[methods]]
name = "甲"

[[methods]]
name = "乙"
  [[methods.events]]
  dates = [2011-01-10, 2011-01-17]
  targets = [{ who = "党员", count = 5 }]
`)
	ix := Positions{index: func() *index { return indexPositions(src) }}
	cases := map[string]Pos{
		"document.title":                        {2, 1},
		"methods[1].name":                       {8, 1},
		"methods[1].events[0]":                  {9, 13},
		"methods[1].events[0].dates[1]":         {10, 24},
		"methods[1].events[0].targets[0].count": {11, 28},
	}
	for path, want := range cases {
		if got := ix.Key(path); got != want {
			t.Errorf("Key(%s) = %v, want %v", path, got, want)
		}
	}
	if got := ix.Value("document.title"); got != (Pos{2, 9}) {
		t.Errorf("Value(document.title) = %v", got)
	}
}

func TestBOMAccepted(t *testing.T) {
	src := []byte("\uFEFF[document]\ntitle = \"t\"\nunit = \"u\"\nself = \"我局\"\ntask = \"点评\"\ndate = 2011-01-21\n")
	if _, diags := Decode("bom.toml", src); diags != nil {
		t.Fatal(diags)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"branches", "members", "probationary", "participants", "leaders", "suggestions"}
	for in, want := range map[string]string{"memebers": "members", "member": "members", "particpants": "participants", "xyz": "", "leader": "leaders"} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFactsheetDocExample keeps the annotated example in docs/factsheet.md
// valid.
func TestFactsheetDocExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/factsheet.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```toml\n")
	block, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("no toml block in docs/factsheet.md")
	}
	s, diags := Decode("factsheet.md", []byte(block))
	if diags != nil {
		t.Fatal(diags)
	}
	if s.Figures.Members != 220 || len(s.Methods[0].Ways[0].Events) != 1 || s.Sections[0].After != "contents" {
		t.Errorf("example decoded wrongly: %+v", s.Figures)
	}
}
