package batch

import (
	"path/filepath"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/check"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/sheet"
)

// CheckFile checks one sheet of a batch folder the way batch reads it: a
// branch sheet beside a _defaults.toml is merged over it first, and each
// diagnostic names the file its key was written in; _rollup.toml is held
// to the roll-up's rules; _defaults.toml alone is read for its syntax and
// [batch] settings, since it is no whole sheet. ok is false for a sheet
// with no defaults beside it: the caller checks it as a sheet of its own.
func CheckFile(path string) (diags diag.List, ok bool) {
	folder, file := filepath.Dir(path), filepath.Base(path)
	defaults := filepath.Join(folder, DefaultsFile)
	switch {
	case file == DefaultsFile:
		l, d := sheet.ReadLayer(path)
		if l != nil {
			_, d = build.ReadSettings(l)
		}
		return d, true
	case file != RollupFile && !exists(defaults):
		return nil, false
	case file != RollupFile:
		// A branch sheet: read as build and batch read it.
		m, s, _, diags := build.Load(path)
		if s == nil {
			return diags, true
		}
		return append(diags, m.Attribute(check.Sheet(s))...), true
	}
	var base *sheet.Layer
	if exists(defaults) {
		l, d := sheet.ReadLayer(defaults)
		if l == nil {
			return d, true
		}
		_, sd := build.ReadSettings(l) // takes [batch] out of the facts
		diags, base = append(d, sd...), l
	}
	over, d := sheet.ReadLayer(path)
	diags = append(diags, d...)
	if over == nil {
		return diags, true
	}
	if file == RollupFile {
		diags = append(diags, checkRollupLayer(over)...)
	}
	m := sheet.Merge(base, over)
	s, d := m.Decode()
	if d != nil {
		return append(diags, d...), true
	}
	return append(diags, m.Attribute(check.Sheet(s))...), true
}
