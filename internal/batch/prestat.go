package batch

import (
	"os"
	"strings"
)

// outStat is what an output file's lstat says of it.
type outStat struct {
	regular     bool
	size, mtime int64
	err         error
}

// records reports whether s is of the file rec records (see fresh).
func (s outStat) records(rec *Output) bool {
	return s.err == nil && s.regular && s.size == rec.Size && s.mtime == rec.MTime
}

// prestat lstats the files a branch's outputs have when its name is its
// file name (as for most sheets), in r.formats' order. It runs while the
// manifest is decoded: on a rerun with nothing changed, the four outputs
// of 1000 branches take as long to stat as the manifest takes to decode.
func (r *runner) prestat(b *branch, out *os.File) {
	if r.opt.Force || r.opt.RollupOnly {
		return
	}
	stem := strings.TrimSuffix(b.file, ".toml")
	b.outs = make([]outStat, len(r.formats))
	for i, f := range r.formats {
		b.outs[i] = lstatIn(out, r.opt.Out, stem+"."+string(f))
	}
}

// statted is what prestat took of b's outputs, nil when they are not
// named after its file. It holds before anything of the run is written.
func (b *branch) statted() []outStat {
	if b.name != strings.TrimSuffix(b.file, ".toml") {
		return nil
	}
	return b.outs
}

func lstatPath(path string) outStat {
	info, err := os.Lstat(path)
	if err != nil {
		return outStat{err: err}
	}
	return outStat{regular: info.Mode().IsRegular(), size: info.Size(), mtime: info.ModTime().UnixNano()}
}
