// Package schema writes the fact sheet's JSON Schema from the decoder's own
// types (internal/sheet), with a Chinese description and an example for
// every key, so that an editor (Even Better TOML / taplo in VS Code)
// completes and checks a sheet that starts with
// #:schema ./factsheet.schema.json. The decoder stays the authority; the
// schema is kept in sync with it by a test.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/zongjie/zongjie/internal/kind"
	"github.com/zongjie/zongjie/internal/sheet"
)

// ID is the schema's $id.
const ID = "https://zongjie.invalid/factsheet.schema.json"

// Generate returns the schema as indented JSON, the same bytes every time.
func Generate() ([]byte, error) {
	g := &gen{defs: map[string]any{}}
	root := g.object(reflect.TypeFor[sheet.Sheet]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = ID
	root["title"] = "zongjie 事实表（第 1 版）"
	root["description"] = "工作总结的事实：日期、人物、数字、意见建议、成效。格式见 docs/factsheet.md。"
	root["$defs"] = g.defs
	if len(g.missing) > 0 {
		return nil, fmt.Errorf("schema: no description for %s", strings.Join(g.missing, ", "))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil { // maps are written in key order
		return nil, err
	}
	return b.Bytes(), nil
}

type gen struct {
	defs    map[string]any
	missing []string
}

var (
	dateType   = reflect.TypeFor[sheet.Date]()
	amountType = reflect.TypeFor[sheet.Amount]()
)

// object describes a struct: its TOML keys, required ones, nothing else.
func (g *gen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" {
			continue
		}
		p := g.typ(f.Type)
		d, ok := docs[t.Name()+"."+key]
		if !ok {
			g.missing = append(g.missing, t.Name()+"."+key)
		}
		p["description"] = d.desc
		if d.example != nil {
			p["examples"] = []any{d.example}
		}
		if len(d.enum) > 0 {
			p["enum"] = d.enum
		}
		props[key] = p
		if f.Tag.Get("required") == "true" {
			required = append(required, key)
		}
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// typ describes a Go type as the decoder reads it.
func (g *gen) typ(t reflect.Type) map[string]any {
	switch {
	case t == dateType:
		// TOML local dates; JSON tools see them as date strings.
		return map[string]any{"type": "string", "format": "date"}
	case t == amountType:
		return map[string]any{"oneOf": []any{
			map[string]any{"type": "integer", "minimum": 0, "maximum": 100000000},
			map[string]any{"type": "string", "pattern": `^\{[A-Za-z_][A-Za-z0-9_]*\}$`},
		}}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int:
		return map[string]any{"type": "integer", "minimum": 0, "maximum": 100000000}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Pointer:
		return g.typ(t.Elem())
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.typ(t.Elem()), "maxItems": sheet.MaxItems}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typ(t.Elem()),
			"propertyNames": map[string]any{"pattern": `^[A-Za-z_][A-Za-z0-9_]*$`}, "maxProperties": sheet.MaxItems}
	case reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // recursion guard
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	panic("schema: unsupported type " + t.String())
}

type doc struct {
	desc    string
	example any
	enum    []any
}

// sections a [[sections]] entry may follow, and order may name.
func afterNames() []any {
	out := []any{"preamble"}
	for _, s := range kind.Sections {
		out = append(out, s)
	}
	return out
}
