package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/zongjie/zongjie/internal/atomicfile"
	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/diag"
	"github.com/zongjie/zongjie/internal/files"
)

// The manifest records, for every output in OUT, a key over everything
// it was made from and what was written, so a run rebuilds exactly the
// outputs whose inputs changed. It is JSON under OUT/.zongjie:
// manifest.json for whole runs, and shard-I-of-N.json for each shard, so
// shards sharing one OUT never write the same file. Reading merges them,
// the newest record of a branch winning; a run over every branch folds
// them back into manifest.json. A lost or damaged manifest costs a full
// rebuild, never a wrong output.
type Manifest struct {
	Format   int               `json:"format"`
	Branches map[string]*Entry `json:"branches"` // by sheet file name
	Rollup   *RollupEntry      `json:"rollup,omitempty"`
	Index    *Output           `json:"index,omitempty"`
}

const manifestFormat = 1

// Entry is one branch's record.
type Entry struct {
	Sheet string `json:"sheet"` // the sheet's file name in the folder
	Name  string `json:"name"`  // the output name
	// Seq orders records of the same branch from different shard files.
	Seq int64 `json:"seq"`
	// Inputs are hashes of what decides Facts; when they match, Facts is
	// known without decoding the sheet.
	Inputs Inputs `json:"inputs"`
	// Facts hashes the decoded, merged sheet: two sheets that differ in
	// comments or layout only have the same facts.
	Facts   string                   `json:"facts"`
	Outputs map[build.Format]*Output `json:"outputs"`
	// Branch is what the roll-up and the index show of the branch.
	Branch   compose.Branch `json:"branch"`
	Title    string         `json:"title"`
	Warnings []Warning      `json:"warnings,omitempty"`
	// Stat is the sheet's stat when it was read for this record.
	Stat *SheetStat `json:"stat,omitempty"`
}

// Warning is a recorded warning, printed again on runs that find the
// branch up to date. (diag.Diagnostic writes its severity as text but does
// not read it back.) A file in the batch folder is recorded by name only.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message"`
	Help    string `json:"help,omitempty"`
}

// Inputs of a branch's facts.
type Inputs struct {
	Version  string `json:"version"`  // zongjie's version and build ID
	Sheet    string `json:"sheet"`    // content hash of the branch sheet
	Defaults string `json:"defaults"` // content hash of _defaults.toml, "" if none
}

// Output is one written file.
type Output struct {
	// Key hashes every input of the file: facts, templates, fonts, version.
	Key    string `json:"key"`
	SHA256 string `json:"sha256"` // of the bytes written (first 128 bits)
	Size   int64  `json:"size"`
	// MTime is the file's modification time, in nanoseconds, when written.
	// A file whose size or time differs was changed by someone else and
	// is rebuilt.
	MTime int64 `json:"mtime"`
}

// RollupEntry records the roll-up.
type RollupEntry struct {
	Outputs map[build.Format]*Output `json:"outputs"`
}

func stateDir(out string) string { return filepath.Join(out, StateDir) }

func manifestFile(sh Shard) string {
	if sh.All() {
		return "manifest.json"
	}
	return fmt.Sprintf("shard-%d-of-%d.json", sh.I, sh.N)
}

// loadManifest reads and merges every manifest file in OUT. It returns the
// merged manifest and the raw bytes of the file this run would write, to
// skip rewriting it unchanged. The files are a cache, never an authority:
// one that cannot be read or fails a check (a name that is not a branch
// name, a format zongjie does not write) is warned about and every record
// is dropped, which means a full rebuild.
func loadManifest(out string, sh Shard) (*Manifest, []byte, diag.List) {
	m := &Manifest{Format: manifestFormat, Branches: map[string]*Entry{}}
	dir := stateDir(out)
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	slices.Sort(names)
	var own []byte
	for _, n := range names {
		base := filepath.Base(n)
		if base != "manifest.json" && !strings.HasPrefix(base, "shard-") {
			continue
		}
		b, err := files.Read(n, files.Record)
		if err != nil {
			return damaged(n, files.Reason(err))
		}
		if base == manifestFile(sh) {
			own = b
		}
		var part Manifest
		if err := decodeManifest(b, &part); err != nil {
			return damaged(n, "不是有效的 JSON")
		}
		if part.Format != manifestFormat {
			continue // another version's: not damage, just not ours
		}
		if why := part.invalid(); why != "" {
			return damaged(n, why)
		}
		for k, e := range part.Branches {
			if old := m.Branches[k]; old == nil || e.Seq > old.Seq {
				m.Branches[k] = e
			}
		}
		if base == "manifest.json" {
			m.Rollup, m.Index = part.Rollup, part.Index
		}
	}
	return m, own, nil
}

// decodeManifest decodes a manifest file. The JSON v2 decoder takes a
// third of encoding/json's time, most of a rerun with nothing changed;
// the files are still written by encoding/json. It also refuses a
// member named twice, which encoding/json would let the last one win.
func decodeManifest(b []byte, m *Manifest) error {
	return jsonv2.Unmarshal(b, m)
}

func damaged(file, why string) (*Manifest, []byte, diag.List) {
	m := &Manifest{Format: manifestFormat, Branches: map[string]*Entry{}}
	return m, nil, diag.List{diagWarning(file, fmt.Sprintf("生成记录已损坏或被改动（%s），已忽略：本次全部重新生成", why))}
}

func diagWarning(file, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Severity: diag.Warning, Kind: "record", Message: msg}
}

// invalid says why a manifest file cannot be one zongjie wrote, or "":
// every name must be one a branch may have, so that no path built from
// it leaves OUT, and every format one zongjie writes.
func (m *Manifest) invalid() string {
	for k, e := range m.Branches {
		switch {
		case e == nil || e.Outputs == nil:
			return fmt.Sprintf("%q 没有记录输出", k)
		case !sheetFileName(k) || e.Sheet != k:
			return fmt.Sprintf("%q 不是目录中的事实表文件名", k)
		case build.BadName(e.Name) != "" || e.Branch.Name != e.Name:
			return fmt.Sprintf("%q 的输出名 %q 不可用", k, e.Name)
		}
		if why := badOutputs(e.Outputs); why != "" {
			return fmt.Sprintf("%q %s", k, why)
		}
	}
	if m.Rollup != nil {
		if why := badOutputs(m.Rollup.Outputs); why != "" {
			return "汇总" + why
		}
	}
	return ""
}

func badOutputs(outs map[build.Format]*Output) string {
	for f, o := range outs {
		if !slices.Contains(build.Formats, f) || o == nil {
			return fmt.Sprintf("记录了未知的输出格式 %q", f)
		}
	}
	return ""
}

// sheetFileName reports whether k can be a branch sheet's name in the
// folder: a plain *.toml file name, as listSheets finds them.
func sheetFileName(k string) bool {
	return strings.HasSuffix(k, ".toml") && filepath.Base(k) == k && filepath.IsLocal(k) &&
		!strings.ContainsAny(k, `/\`) && !strings.HasPrefix(k, "_") && !strings.HasPrefix(k, ".") &&
		strings.IndexFunc(k, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0
}

// save writes this run's manifest file, if its content changed. A run over
// every branch writes manifest.json and removes the shard files it merged.
func (m *Manifest) save(out string, sh Shard, keep func(sheet string) bool, old []byte, fold bool) error {
	part := &Manifest{Format: manifestFormat, Branches: map[string]*Entry{}}
	for k, e := range m.Branches {
		if keep(k) {
			part.Branches[k] = e
		}
	}
	if sh.All() {
		part.Rollup, part.Index = m.Rollup, m.Index
	}
	b, err := json.MarshalIndent(part, "", " ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	dir := stateDir(out)
	if !bytes.Equal(b, old) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(dir, manifestFile(sh)), b, 0o666); err != nil {
			return err
		}
	}
	if fold {
		shards, _ := filepath.Glob(filepath.Join(dir, "shard-*.json"))
		for _, s := range shards {
			os.Remove(s)
		}
	}
	return nil
}

// fresh reports whether the file at path is still what rec says was
// written: a regular file (not a link) of the recorded size and time.
func fresh(path string, rec *Output) bool {
	if rec == nil {
		return false
	}
	return lstatPath(path).records(rec)
}

// ours reports whether the file at path holds exactly the bytes rec
// records, the condition for deleting it.
func ours(path string, rec *Output) bool {
	if !fresh(path, rec) {
		return false
	}
	b, err := files.Read(path, files.Output)
	return err == nil && contentHash(b) == rec.SHA256
}

// write writes an output for from (a sheet) and returns its record.
func write(from, path string, data []byte, key string) (*Output, diag.List) {
	info, d := build.WriteOutput(from, path, data)
	if d != nil {
		return nil, d
	}
	return &Output{Key: key, SHA256: contentHash(data), Size: info.Size(), MTime: info.ModTime().UnixNano()}, nil
}
