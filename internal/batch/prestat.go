package batch

import (
	"os"
	"strings"

	"github.com/zongjie/zongjie/internal/build"
)

// outStat is an output file's lstat: its info, or the error.
type outStat struct {
	info os.FileInfo
	err  error
}

// prestat lstats the files a branch's outputs have when its name is its
// file name (as for most sheets). It runs while the manifest is decoded:
// on a rerun with nothing changed, the four outputs of 1000 branches
// take as long to stat as the manifest takes to decode.
func (r *runner) prestat(b *branch) {
	if r.opt.Force || r.opt.RollupOnly {
		return
	}
	stem := strings.TrimSuffix(b.file, ".toml")
	b.outs = make(map[build.Format]outStat, len(r.formats))
	for _, f := range r.formats {
		info, err := os.Lstat(r.outPath(stem, f))
		b.outs[f] = outStat{info, err}
	}
}

// upToDate reports whether none of b's outputs is stale (see stale), from
// the lstats prestat took when they are of b's outputs. It is asked
// before anything of the run is written.
func (r *runner) upToDate(b *branch, outputs map[build.Format]*Output, ks map[build.Format]string) bool {
	if b.outs == nil || b.name != strings.TrimSuffix(b.file, ".toml") {
		return len(r.stale(b.name, outputs, ks)) == 0
	}
	for _, f := range r.formats {
		rec, st := outputs[f], b.outs[f]
		if rec == nil || rec.Key != ks[f] || st.err != nil || !recorded(st.info, rec) {
			return false
		}
	}
	return true
}
