package build

import (
	"reflect"

	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/script"
	"github.com/zongjie/zongjie/internal/sheet"
)

// SetScript makes every output of b use script sc ("hans", "hant"),
// whatever the sheets say: the command line's --script. Call it before
// the Builder is used.
func (b *Builder) SetScript(sc string) error {
	s, err := script.Parse(sc)
	if err != nil {
		return err
	}
	b.script = s
	return nil
}

// convert writes the composed Markdown in the script the command line or
// the sheet asks for. Template prose and the clerk's text are converted
// (the clerk's text not when [document] typed = "hant"); people's names
// never are.
func (b *Builder) convert(s *sheet.Sheet, md []byte) ([]byte, diag.List) {
	sc := b.script
	if sc == "" {
		var err error
		if sc, err = script.Parse(s.Document.Script); err != nil {
			return nil, diag.List{s.Pos.ValueError(s.File, "document.script", "script", "%s", err)}
		}
	}
	typed, err := script.Parse(s.Document.Typed)
	if err != nil {
		return nil, diag.List{s.Pos.ValueError(s.File, "document.typed", "script", "%s", err)}
	}
	if sc != script.Traditional {
		return md, nil
	}
	keep := personNames(s)
	if typed == script.Traditional {
		keep = append(keep, ownText(s)...)
	}
	out, err := script.ToTraditional(string(md), keep)
	if err != nil {
		return nil, diag.List{diag.Errorf(s.File, 0, 0, "", "%s", err)}
	}
	return []byte(out), nil
}

// personNames returns every person's name in the sheet: who reviewed,
// whose report was heard.
func personNames(s *sheet.Sheet) []string {
	var out []string
	walk(reflect.ValueOf(s).Elem(), func(v reflect.Value) {
		if p, ok := v.Interface().(sheet.Person); ok && p.Name != "" {
			out = append(out, p.Name)
		}
	}, nil)
	return out
}

// ownText returns every string the clerk typed (not fonts, not order
// keys).
func ownText(s *sheet.Sheet) []string {
	var out []string
	walk(reflect.ValueOf(s).Elem(), nil, func(str string) {
		if str != "" {
			out = append(out, str)
		}
	})
	return out
}

// walk visits every struct (onStruct) and string (onString) below v,
// skipping the fields that are not text of the summary.
func walk(v reflect.Value, onStruct func(reflect.Value), onString func(string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), onStruct, onString)
		}
	case reflect.Struct:
		if onStruct != nil {
			onStruct(v)
		}
		t := v.Type()
		for i := range v.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Type == reflect.TypeOf(sheet.Fonts{}) || f.Type == reflect.TypeOf(sheet.Positions{}) ||
				f.Name == "File" || f.Name == "Order" || f.Name == "Script" || f.Name == "Typed" {
				continue
			}
			walk(v.Field(i), onStruct, onString)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), onStruct, onString)
		}
	case reflect.String:
		if onString != nil {
			onString(v.String())
		}
	}
}
