// Package kind describes the kinds of summary zongjie writes (领导点评,
// 活动阶段总结, 学习教育, 年度工作总结, 主题党日): for each, the sections and
// their order, the headings, the default verb for an event, and the
// equivalent wordings sibling documents choose among. A kind is a folder
// templates/kinds/ID holding kind.toml and any templates of its own;
// a user's folder of the same name overrides it.
package kind

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/zongjie/zongjie/internal/tomldepth"
)

// Default is the kind of a sheet that names none: what zongjie wrote
// before kinds existed.
const Default = "review"

// Kind is one kind of summary, read from its kind.toml.
type Kind struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name"`        // 领导点评
	Description string   `toml:"description"` // one line, for zongjie kinds
	Aliases     []string `toml:"aliases"`     // other names a sheet may use
	// Structure lists the standard sections in order.
	Structure []string `toml:"structure"`
	// Verb is the short word for headings (学习 → 学习形式多样) when the
	// sheet gives none; empty: the task's last two characters.
	Verb string `toml:"verb"`
	// Counts says where the unit's counts go: "opening" (before
	// 现将有关情况总结如下) or "basics" (under 基本情况).
	Counts string `toml:"counts"`
	// Action is the predicate of an event that names no action of its
	// own: {verb} is the short word, {targets} whom it reached, and a
	// part in [ ] is left out when its {targets} is empty. Empty: the
	// event says only what the sheet gives.
	Action string `toml:"action"`
	// ActionVerb stands in for {verb} in Action and the headings when the
	// sheet's short word is not something one does (领导点评 → 点评, but
	// 主题教育 → 教育: not 进行了教育, not 教育方式灵活).
	ActionVerb string `toml:"action_verb"`
	// Headings by section; {verb} is the short word.
	Headings map[string]string `toml:"headings"`
	// Phrases are equivalent wordings; sibling documents in a batch each
	// take their own (see Pick).
	Phrases map[string][]string `toml:"phrases"`
	// Core names the phrases every document of the kind says; they vary
	// first, so siblings differ in one of them.
	Core []string `toml:"core"`

	// Dir is the kind's folder inside its file system.
	Dir string `toml:"-"`
}

// fallbackHeadings title a standard section a kind's structure leaves
// out but a sheet fills in: its facts still print, after the kind's own.
var fallbackHeadings = map[string]string{
	"basics": "基本情况", "methods": "主要做法", "contents": "主要内容", "effects": "取得的成效",
	"problems": "存在的问题和不足", "measures": "整改措施", "plans": "下步打算",
}

// Heading is the kind's heading for a section with verb filled in.
func (k *Kind) Heading(section, verb string) string {
	h, ok := k.Headings[section]
	if !ok {
		h = fallbackHeadings[section]
	}
	return strings.ReplaceAll(h, "{verb}", verb)
}

// Order is the kind's structure followed by the standard sections it
// leaves out, so that no section a sheet fills in is lost.
func (k *Kind) Order() []string {
	out := slices.Clone(k.Structure)
	for _, s := range Sections {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Pick chooses the wording of phrase name for a document's variant
// number. Variant v is written as a mixed-radix number with one digit per
// phrase (0 … len-1), and each digit is shifted by the sum of the digits
// before it: the map stays one-to-one, so variants 0, 1, 2 … differ in at
// least one phrase until every combination is used, and neighbours differ
// in most phrases, not only the first. Variant 0 takes every first
// wording.
func (k *Kind) Pick(name string, variant int) string {
	v, shift := max(variant, 0)%k.Combinations(), 0
	for _, n := range k.phraseOrder() {
		ws := k.Phrases[n]
		digit := v % len(ws)
		if n == name {
			return ws[(digit+shift)%len(ws)]
		}
		v /= len(ws)
		shift += digit
	}
	return ""
}

// phraseOrder is the digits' order: the core phrases, then the rest by
// name.
func (k *Kind) phraseOrder() []string {
	var rest []string
	for n, ws := range k.Phrases {
		if len(ws) > 0 && !slices.Contains(k.Core, n) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	return append(slices.Clone(k.Core), rest...)
}

// CoreCombinations is how many siblings are sure to differ in a phrase
// every one of them says.
func (k *Kind) CoreCombinations() int {
	n := 1
	for _, c := range k.Core {
		n *= len(k.Phrases[c])
	}
	return n
}

// Combinations is how many documents can differ in at least one phrase.
func (k *Kind) Combinations() int {
	n := 1
	for _, ws := range k.Phrases {
		n *= max(len(ws), 1)
	}
	return n
}

// Error is a kind.toml that cannot be used, at its file and line.
type Error struct {
	File, Message string
	Line          int
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: 类型定义错误：%s", e.File, e.Line, e.Message)
	}
	return e.File + ": 类型定义错误：" + e.Message
}

// Sections the structure may name.
var Sections = []string{"basics", "methods", "contents", "effects", "problems", "measures", "plans"}

// Parse reads one kind.toml; file names it in errors.
func Parse(file string, src []byte) (*Kind, error) {
	if at := tomldepth.Find(src, 16); at >= 0 {
		// Before the decoder, whose cost is quadratic in the depth.
		return nil, &Error{File: file, Line: 1 + bytes.Count(src[:at], []byte("\n")), Message: "嵌套过深：表、键和列表最多嵌套 16 层"}
	}
	var k Kind
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&k)
	if err != nil {
		line := 0
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		return nil, &Error{File: file, Line: line, Message: err.Error()}
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, &Error{File: file, Message: fmt.Sprintf("未知的键 %q", un[0].String())}
	}
	if k.ID == "" || k.Name == "" {
		return nil, &Error{File: file, Message: "id 和 name 不能为空"}
	}
	for _, s := range k.Structure {
		if !slices.Contains(Sections, s) {
			return nil, &Error{File: file, Message: fmt.Sprintf("structure 中的 %q 不是标准部分：可用的有 %s", s, strings.Join(Sections, "、"))}
		}
		if k.Headings[s] == "" {
			return nil, &Error{File: file, Message: fmt.Sprintf("部分 %q 没有标题：请在 [headings] 中写上 %s = \"…\"", s, s)}
		}
	}
	for _, c := range k.Core {
		if len(k.Phrases[c]) == 0 {
			return nil, &Error{File: file, Message: fmt.Sprintf("core 中的 %q 在 [phrases] 中没有写法", c)}
		}
	}
	if k.Counts == "" {
		k.Counts = "opening"
	}
	if k.Counts != "opening" && k.Counts != "basics" {
		return nil, &Error{File: file, Message: fmt.Sprintf("counts 应为 \"opening\" 或 \"basics\"，这里是 %q", k.Counts)}
	}
	return &k, nil
}

// Set is every kind known to a build: the embedded ones and a user's.
type Set struct {
	kinds []*Kind
}

// Load reads templates/kinds/*/kind.toml from each file system in turn; a
// later one's kind of the same id replaces an earlier one's. names gives
// each file system's name for messages ("" for the embedded set).
func Load(fss []fs.FS, names []string) (*Set, error) {
	s := &Set{}
	for i, fsys := range fss {
		if fsys == nil {
			continue
		}
		files, err := fs.Glob(fsys, "kinds/*/kind.toml")
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			src, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			file := f
			if names[i] != "" {
				file = path.Join(names[i], f)
			} else {
				file = path.Join("templates", f)
			}
			k, err := load(file, f, src, names[i] == "")
			if err != nil {
				return nil, err
			}
			s.add(k)
		}
	}
	return s, nil
}

// embeddedKinds keeps the embedded kinds once parsed: build and check
// both load them, at once when the command line reads a sheet while its
// templates are parsed, and decoding them is a few percent of a one-sheet
// build. (A user's are read afresh: watch reloads them as they are
// edited.) A Kind is not changed once loaded.
var embeddedKinds sync.Map // file + "\x00" + src → func() (*Kind, error)

// generatedKind is an embedded kind decoded ahead of time (decoded.go).
type generatedKind struct {
	sum  [sha256.Size]byte // of the kind.toml it was decoded from
	kind *Kind
}

//go:generate go run ./genkinds

// load parses the kind.toml at f (named file in messages); keep: it is
// an embedded one, decoded ahead of time unless it changed since.
func load(file, f string, src []byte, keep bool) (*Kind, error) {
	if !keep {
		return parseAt(file, f, src)
	}
	if g, ok := decoded[f]; ok && g.sum == sha256.Sum256(src) {
		return g.kind, nil
	}
	once, _ := embeddedKinds.LoadOrStore(file+"\x00"+string(src), sync.OnceValues(func() (*Kind, error) {
		return parseAt(file, f, src)
	}))
	return once.(func() (*Kind, error))()
}

func parseAt(file, f string, src []byte) (*Kind, error) {
	k, err := Parse(file, src)
	if err != nil {
		return nil, err
	}
	k.Dir = path.Dir(f)
	if path.Base(k.Dir) != k.ID {
		return nil, &Error{File: file, Message: fmt.Sprintf("id %q 应与所在文件夹名 %q 相同", k.ID, path.Base(k.Dir))}
	}
	return k, nil
}

func (s *Set) add(k *Kind) {
	for i, old := range s.kinds {
		if old.ID == k.ID {
			s.kinds[i] = k
			return
		}
	}
	s.kinds = append(s.kinds, k)
	slices.SortFunc(s.kinds, func(a, b *Kind) int { return strings.Compare(a.ID, b.ID) })
}

// All lists the kinds by id.
func (s *Set) All() []*Kind { return s.kinds }

// Lookup finds a kind by id, Chinese name or alias; "" is the default.
func (s *Set) Lookup(name string) (*Kind, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = Default
	}
	for _, k := range s.kinds {
		if k.ID == name || k.Name == name || slices.Contains(k.Aliases, name) {
			return k, true
		}
	}
	return nil, false
}

// Names lists every id, for messages.
func (s *Set) Names() []string {
	var out []string
	for _, k := range s.kinds {
		out = append(out, k.ID+"（"+k.Name+"）")
	}
	return out
}
