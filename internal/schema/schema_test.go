package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The committed docs/factsheet.schema.json is what zongjie schema prints.
func TestCommittedSchemaInSync(t *testing.T) {
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../docs/factsheet.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, committed) {
		t.Error("docs/factsheet.schema.json is stale: run go run ./cmd/zongjie schema > docs/factsheet.schema.json")
	}
	again, _ := Generate()
	if !bytes.Equal(b, again) {
		t.Error("the schema is not the same bytes twice")
	}
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance reads a TOML sheet as the JSON an editor's schema check sees:
// dates become "2011-01-21" strings.
func instance(t *testing.T, file string) any {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile(file, &raw); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b, err := json.Marshal(dates(raw))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func dates(x any) any {
	switch v := x.(type) {
	case time.Time:
		return v.Format("2006-01-02")
	case map[string]any:
		for k, e := range v {
			v[k] = dates(e)
		}
	case []any:
		for i, e := range v {
			v[i] = dates(e)
		}
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = dates(e)
		}
		return out
	}
	return x
}

// Every sample, every init sheet and the batch folder's sheets are valid.
func TestSamplesValid(t *testing.T) {
	s := compile(t)
	files, _ := filepath.Glob("../../samples/*.toml")
	inits, _ := filepath.Glob("../../templates/kinds/*/init.toml")
	files = append(files, inits...)
	if len(files) < 10 {
		t.Fatalf("only %d sheets", len(files))
	}
	for _, f := range files {
		if err := s.Validate(instance(t, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// The corpus cases that are schema errors are invalid: an unknown key, a
// wrong type, a missing required key, a count out of range.
func TestCorpusInvalid(t *testing.T) {
	s := compile(t)
	for _, c := range []struct{ file, want string }{
		{"unknown-key.toml", "additional properties"},
		{"unknown-key-nested.toml", "additional properties"},
		{"unknown-table.toml", "additional properties"},
		{"missing-field.toml", "missing propert"},
		{"missing-nested-field.toml", "missing propert"},
		{"missing-document.toml", "missing propert"},
		{"type-count-quoted.toml", "want integer"},
		{"type-count-float.toml", "want integer"},
		{"type-bool-text.toml", "want boolean"},
		{"type-text-number.toml", "want string"},
		{"type-list-not-list.toml", "want array"},
		{"type-table-not-table.toml", "want object"},
		{"count-negative.toml", "minimum"},
		{"count-absurd.toml", "maximum"},
		{"date-quoted.toml", ""},
	} {
		err := s.Validate(instance(t, filepath.Join("../../testdata/corpus", c.file)))
		if err == nil {
			t.Errorf("%s: valid, want a schema error", c.file)
			continue
		}
		if c.want != "" && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to mention %q", c.file, err, c.want)
		}
	}
}
