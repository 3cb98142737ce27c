package font

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/zongjie/zongjie/internal/files"
)

// Installed is one face found in a font folder.
type Installed struct {
	Path  string
	Index int // face in a .ttc collection, else 0
	// Families are the face's family names (name IDs 16 and 1) in every
	// language the name table has, e.g. "仿宋" and "FangSong".
	Families   []string
	FullName   string // name ID 4, English if there is one
	PostScript string // name ID 6
	Subfamily  string // name ID 17 or 2, English if there is one
	CFF        bool   // CFF outlines (.otf)
	CJK        bool   // the OS/2 table claims Chinese, Japanese or Korean
}

// Spec is the face as a font spec: path, with #index for a collection.
func (in Installed) Spec() string {
	if in.Index > 0 || strings.EqualFold(filepath.Ext(in.Path), ".ttc") {
		return fmt.Sprintf("%s#%d", in.Path, in.Index)
	}
	return in.Path
}

// Family is the face's first family name, preferring Chinese.
func (in Installed) Family() string {
	for _, f := range in.Families {
		if hasHan(f) {
			return f
		}
	}
	if len(in.Families) > 0 {
		return in.Families[0]
	}
	return filepath.Base(in.Path)
}

// FontDirs returns the folders searched for installed fonts, in order:
// those in ZONGJIE_FONT_DIRS (separated like PATH), then the system's and
// the user's font folders of Windows, macOS or Linux.
func FontDirs() []string {
	var dirs []string
	if v := os.Getenv("ZONGJIE_FONT_DIRS"); v != "" {
		dirs = append(dirs, filepath.SplitList(v)...)
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if w := os.Getenv("WINDIR"); w != "" {
			dirs = append(dirs, filepath.Join(w, "Fonts"))
		} else {
			dirs = append(dirs, `C:\Windows\Fonts`)
		}
		if l := os.Getenv("LOCALAPPDATA"); l != "" {
			dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		dirs = append(dirs, "/System/Library/Fonts", "/Library/Fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		data := os.Getenv("XDG_DATA_HOME")
		if data == "" && home != "" {
			data = filepath.Join(home, ".local", "share")
		}
		if data != "" {
			dirs = append(dirs, filepath.Join(data, "fonts"))
		}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"))
		}
		sys := os.Getenv("XDG_DATA_DIRS")
		if sys == "" {
			sys = "/usr/local/share:/usr/share"
		}
		for _, d := range filepath.SplitList(sys) {
			dirs = append(dirs, filepath.Join(d, "fonts"))
		}
	}
	return slices.Compact(dirs)
}

// Scan limits: a font folder is walked this deep and this far, so a
// mistaken ZONGJIE_FONT_DIRS=/ ends in bounded time.
const (
	scanDepth = 8
	scanFiles = 50000
)

// Scan lists the faces of the font files (.ttf, .ttc, .otf, .otc) under
// dirs, in folder order, then path order, then index. It reads only each
// file's table directory and its name and OS/2 tables. Files it cannot
// read are skipped.
func Scan(dirs []string) []Installed {
	var out []Installed
	seen := map[string]bool{}
	files := 0
	for _, dir := range dirs {
		root := filepath.Clean(dir)
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if strings.Count(strings.TrimPrefix(path, root), string(filepath.Separator)) >= scanDepth {
					return filepath.SkipDir
				}
				return nil
			}
			if files >= scanFiles {
				return filepath.SkipAll
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".ttc", ".otf", ".otc":
			default:
				return nil
			}
			real := path
			if r, err := filepath.EvalSymlinks(path); err == nil {
				real = r // a link to a font seen elsewhere is listed once
			}
			if seen[real] {
				return nil
			}
			seen[real] = true
			files++
			out = append(out, describeFile(path)...)
			return nil
		})
	}
	return out
}

// describeFile reads the faces of one font file, nil if it is not one.
func describeFile(path string) []Installed {
	f, err := files.OpenRegular(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var hdr [12]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil
	}
	offs := []uint32{0}
	if be.Uint32(hdr[:]) == tagTTCF {
		n := min(be.Uint32(hdr[8:]), 256)
		b := make([]byte, 4*n)
		if _, err := f.ReadAt(b, 12); err != nil {
			return nil
		}
		offs = offs[:0]
		for i := range n {
			offs = append(offs, be.Uint32(b[4*i:]))
		}
	}
	var out []Installed
	for i, off := range offs {
		in, ok := describeFace(f, off)
		if !ok {
			continue
		}
		in.Path, in.Index = path, i
		out = append(out, in)
	}
	return out
}

// describeFace reads the names and OS/2 of the face whose offset table
// is at off.
func describeFace(r io.ReaderAt, off uint32) (Installed, bool) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], int64(off)); err != nil {
		return Installed{}, false
	}
	version := be.Uint32(hdr[:])
	if version != tagTrueType && version != tagTrue && version != tagOTTO {
		return Installed{}, false
	}
	n := int(be.Uint16(hdr[4:]))
	dir := make([]byte, 16*n)
	if _, err := r.ReadAt(dir, int64(off)+12); err != nil {
		return Installed{}, false
	}
	table := func(tag string) []byte {
		for i := range n {
			rec := dir[16*i:]
			if string(rec[:4]) == tag {
				length := be.Uint32(rec[12:])
				if length > 1<<20 {
					return nil
				}
				b := make([]byte, length)
				if _, err := r.ReadAt(b, int64(be.Uint32(rec[8:]))); err != nil {
					return nil
				}
				return b
			}
		}
		return nil
	}
	in := Installed{CFF: version == tagOTTO}
	names := readNames(table("name"))
	for _, id := range []uint16{16, 1} {
		for _, s := range names[id] {
			if !slices.Contains(in.Families, s) {
				in.Families = append(in.Families, s)
			}
		}
	}
	if len(in.Families) == 0 {
		return Installed{}, false
	}
	first := func(ids ...uint16) string {
		for _, id := range ids {
			if len(names[id]) > 0 {
				return names[id][0]
			}
		}
		return ""
	}
	in.FullName, in.PostScript, in.Subfamily = first(4), first(6), first(17, 2)
	if os2 := table("OS/2"); len(os2) >= 86 {
		// ulCodePageRange1 bits 17–21: Japanese, Chinese, Korean code
		// pages (ulUnicodeRange's CJK bit is set by fonts with a few
		// ideographic symbols, DejaVu among them).
		in.CJK = be.Uint32(os2[78:])&(0x1F<<17) != 0
	}
	for _, f := range in.Families {
		if hasHan(f) {
			in.CJK = true
		}
	}
	return in, true
}

// readNames returns the name table's strings by name ID, English
// (Windows en-US, or Macintosh) first, each once.
func readNames(b []byte) map[uint16][]string {
	out := map[uint16][]string{}
	if len(b) < 6 {
		return out
	}
	count, strOff := int(be.Uint16(b[2:])), int(be.Uint16(b[4:]))
	type rec struct {
		id      uint16
		english bool
		s       string
	}
	var recs []rec
	for i := range count {
		p := 6 + 12*i
		if p+12 > len(b) {
			break
		}
		pid, eid, lang, id := be.Uint16(b[p:]), be.Uint16(b[p+2:]), be.Uint16(b[p+4:]), be.Uint16(b[p+6:])
		length, off := int(be.Uint16(b[p+8:])), int(be.Uint16(b[p+10:]))
		if strOff+off+length > len(b) || !(id == 1 || id == 2 || id == 4 || id == 6 || id == 16 || id == 17) {
			continue
		}
		raw := b[strOff+off : strOff+off+length]
		var s string
		switch {
		case pid == 3 || pid == 0:
			u := make([]uint16, len(raw)/2)
			for k := range u {
				u[k] = be.Uint16(raw[2*k:])
			}
			s = string(utf16.Decode(u))
		case pid == 1 && eid == 0:
			ascii := true
			for _, c := range raw {
				if c >= 0x80 {
					ascii = false
				}
			}
			if !ascii {
				continue
			}
			s = string(raw)
		default:
			continue
		}
		s = strings.TrimSpace(strings.ToValidUTF8(s, ""))
		if s == "" {
			continue
		}
		recs = append(recs, rec{id, pid == 1 || lang == 0x409, s})
	}
	slices.SortStableFunc(recs, func(a, b rec) int {
		if a.english != b.english {
			if a.english {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, r := range recs {
		if !slices.Contains(out[r.id], r.s) {
			out[r.id] = append(out[r.id], r.s)
		}
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// normName folds a font name for matching: case, spaces, _ and - do not
// count ("仿宋_GB2312" = "仿宋 GB2312", "FangSong" = "fangsong").
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '\u3000':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// match ranks how well name names the face: 3 a family name, 2 the full
// or PostScript name, 1 the file name (with or without extension), 0 not.
func (in Installed) match(name string) int {
	n := normName(name)
	for _, f := range in.Families {
		if normName(f) == n {
			return 3
		}
	}
	if normName(in.FullName) == n || normName(in.PostScript) == n {
		return 2
	}
	base := filepath.Base(in.Path)
	if normName(base) == n || normName(strings.TrimSuffix(base, filepath.Ext(base))) == n {
		return 1
	}
	return 0
}

// NotFoundError is a font name that no installed face has.
type NotFoundError struct {
	Name    string
	Dirs    []string // the folders searched (those that exist)
	Similar []Installed
}

func (e *NotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "找不到字体“%s”：它不是字体文件，也不是已安装字体的字体名或文件名。", e.Name)
	if len(e.Dirs) == 0 {
		b.WriteString("没有找到任何字体文件夹")
	} else {
		b.WriteString("已搜索 " + strings.Join(e.Dirs, "、"))
	}
	if len(e.Similar) > 0 {
		var s []string
		for _, in := range e.Similar {
			s = append(s, fmt.Sprintf("%s（%s）", in.Family(), filepath.Base(in.Path)))
		}
		b.WriteString("；相近的字体：" + strings.Join(s, "、"))
	}
	b.WriteString("。可用 zongjie fonts 列出可用的字体，或设置 ZONGJIE_FONT_DIRS 指定字体文件夹")
	return b.String()
}

// Find looks name up among the faces in dirs: a family name (Chinese or
// English), a full or PostScript name, or a file name such as
// simfang.ttf. Several matches prefer the better kind of match, then a
// regular style, then TrueType outlines, then the first found.
func Find(name string, dirs []string) (Installed, error) {
	all := Scan(dirs)
	best, bestScore := -1, 0
	for i, in := range all {
		s := in.match(name) * 4
		if s == 0 {
			continue
		}
		if sub := strings.ToLower(in.Subfamily); sub == "regular" || sub == "normal" || sub == "常规" || sub == "" {
			s += 2
		}
		if !in.CFF {
			s++
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if best >= 0 {
		return all[best], nil
	}
	var existing []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			existing = append(existing, d)
		}
	}
	return Installed{}, &NotFoundError{Name: name, Dirs: existing, Similar: similar(name, all, 5)}
}

// similar returns up to n faces whose family names share the most with
// name: containment first, then common characters; one face per family.
func similar(name string, all []Installed, n int) []Installed {
	q := normName(strings.TrimSuffix(name, filepath.Ext(name)))
	type cand struct {
		in    Installed
		score int
	}
	var cs []cand
	seen := map[string]bool{}
	for _, in := range all {
		best := 0
		for _, f := range in.Families {
			best = max(best, likeness(q, normName(f)))
		}
		if best == 0 || seen[in.Family()] {
			continue
		}
		seen[in.Family()] = true
		cs = append(cs, cand{in, best})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return b.score - a.score })
	var out []Installed
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.in)
	}
	return out
}

// likeness scores how alike two folded names are, 0 for not at all: one
// holding the other, else the hanzi they share, else a common run of at
// least four letters.
func likeness(q, f string) int {
	if q == "" || f == "" {
		return 0
	}
	if strings.Contains(f, q) || strings.Contains(q, f) {
		return 100 + len([]rune(f))
	}
	s := 0
	for _, r := range distinctRunes(f) {
		if unicode.Is(unicode.Han, r) && strings.ContainsRune(q, r) {
			s += 10
		}
	}
	if s > 0 {
		return s
	}
	if n := commonRun(q, f); n >= 4 {
		return n
	}
	return 0
}

// commonRun is the length in runes of the longest common substring.
func commonRun(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	best := 0
	prev := make([]int, len(rb)+1)
	for i := range ra {
		cur := make([]int, len(rb)+1)
		for j := range rb {
			if ra[i] == rb[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			}
		}
		prev = cur
	}
	return best
}

func distinctRunes(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return slices.Compact(rs)
}

// Resolve turns a font spec into a face. A spec that is a path (absolute,
// or with a folder in it, or a file that exists relative to base) is
// loaded as it is, "path#index" choosing a face of a collection;
// anything else is a name looked up in FontDirs: "仿宋_GB2312",
// "FangSong", "simfang.ttf". A name's "#index" is ignored: the name picks
// the face.
func Resolve(spec, base string) (Face, error) {
	path, index, err := Locate(spec, base)
	if err != nil {
		return nil, err
	}
	return Load(path, index)
}

// Locate is Resolve without the loading: the file and face index a spec
// names (batch hashes the file to tell whether its PDFs are up to date).
func Locate(spec, base string) (path string, index int, err error) {
	path, index, err = ParseSpec(spec)
	if err != nil {
		return "", 0, err
	}
	p := path
	if !filepath.IsAbs(p) && base != "" {
		p = filepath.Join(base, p)
	}
	if _, err := os.Stat(p); err == nil || filepath.IsAbs(path) || strings.ContainsAny(path, `/\`) {
		return p, index, nil
	}
	dirs := FontDirs()
	in, err := Find(spec, dirs)
	if err != nil && path != spec {
		// simsun.ttc#1: a file name with the face's index.
		if in, err2 := Find(path, dirs); err2 == nil {
			return in.Path, index, nil
		}
	}
	if err != nil {
		return "", 0, err
	}
	return in.Path, in.Index, nil
}

// ErrNotFound reports whether err is a name no installed face has.
func ErrNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
