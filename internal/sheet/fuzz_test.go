package sheet

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/internal/diag"
)

// addSeeds adds every sample and every bad sheet as a seed.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("../../samples/*.toml")
	bad, _ := filepath.Glob("testdata/bad/*.toml")
	corpus, _ := filepath.Glob("../../testdata/corpus/*.toml")
	for _, p := range append(append(files, bad...), corpus...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// Decode may allocate allocPerByte bytes per byte of source, plus
// allocBase. Measured (issue 13) on 0.1–1 MB sheets of each shape at the
// depth limit: about 800 per byte for lines of 15 nested inline tables,
// 650 for 16-part dotted keys and for unknown keys, 370 for a line of
// inline tables, under 250 for everything else; a small sheet allocates
// about 100 KB.
const (
	allocPerByte = 1024
	allocBase    = 512 << 10
)

// FuzzDecode feeds arbitrary bytes to Decode. It must never panic, and
// what it returns must be one of two things: a sheet and no diagnostics,
// or no sheet and at least one error, each naming the file, placed inside
// the source, with a message a user can read. Memory is linear in the
// source: at most allocPerByte per byte.
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		var s *Sheet
		var diags diag.List
		alloc := allocated(func() { s, diags = Decode("f.toml", src) })
		if limit := allocPerByte*uint64(len(src)) + allocBase; alloc > limit {
			t.Fatalf("%d bytes allocated for a %d-byte sheet, more than %d", alloc, len(src), limit)
		}
		if s != nil {
			if len(diags) != 0 {
				t.Fatalf("a sheet and diagnostics: %v", diags)
			}
			if s.Version != Version || s.File != "f.toml" {
				t.Fatalf("decoded sheet has version %d, file %q", s.Version, s.File)
			}
			checkText(t, s)
			checkInText(t, bytes.TrimPrefix(src, []byte("\uFEFF")), s)
			return
		}
		if !diags.HasErrors() {
			t.Fatalf("no sheet and no error: %v", diags)
		}
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for _, d := range diags {
			if d.File != "f.toml" {
				t.Errorf("diagnostic names %q: %v", d.File, d)
			}
			if d.Line < 0 || d.Line > lines || d.Col < 0 {
				t.Errorf("diagnostic at %d:%d outside a %d-line source: %v", d.Line, d.Col, lines, d)
			}
			if d.Message == "" || !utf8.ValidString(d.Message) {
				t.Errorf("empty or invalid message: %q", d.Message)
			}
			if strings.Contains(d.Message, "panic") || strings.Contains(d.Message, "goroutine") {
				t.Errorf("message leaks a Go failure: %q", d.Message)
			}
		}
	})
}

// checkText asserts that a decoded sheet carries only text later stages can
// set: valid UTF-8 and no control characters but line ends.
func checkText(t *testing.T, s *Sheet) {
	t.Helper()
	for _, str := range allStrings(reflect.ValueOf(s).Elem()) {
		if !utf8.ValidString(str) {
			t.Fatalf("decoded text is not UTF-8: %q", str)
		}
		if r, ok := badRune(str); ok {
			t.Fatalf("decoded text %q holds U+%04X", str, r)
		}
	}
}

// allStrings collects every string field of v, recursively.
func allStrings(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, allStrings(v.Field(i))...)
			}
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, allStrings(v.Index(i))...)
		}
		return out
	case reflect.Pointer:
		if !v.IsNil() {
			return allStrings(v.Elem())
		}
	}
	return nil
}
