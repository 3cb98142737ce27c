package font

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/zongjie/zongjie/fonts"
)

// defaults parses each embedded face at most once per process, on first
// use, so a run that never draws a heading never pays for its font.
var defaults = func() map[Role]func() (*TrueType, error) {
	m := make(map[Role]func() (*TrueType, error), len(Roles))
	for _, role := range Roles {
		m[role] = sync.OnceValues(func() (*TrueType, error) { return parseDefault(role) })
	}
	return m
}()

func parseDefault(role Role) (*TrueType, error) {
	file, data := fonts.Default(string(role))
	if data == nil {
		return nil, fmt.Errorf("font: no embedded face for role %q", role)
	}
	t, err := parseEmbedded(file, data, fonts.Pages(string(role)))
	if err != nil {
		// The embedded fonts are tested; this is a broken build.
		return nil, fmt.Errorf("font: embedded %s: %w", file, err)
	}
	return t, nil
}

// Default returns the embedded face for role. It is parsed once per process
// and shared; it is safe for concurrent use.
func Default(role Role) (Face, error) {
	load, ok := defaults[role]
	if !ok {
		return nil, fmt.Errorf("未知的字体角色 %q（可用：title、heading1、heading2、body）", role)
	}
	t, err := load()
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Fallback faces for rare hanzi, embedded compressed. They are not a
// block's role: layout tries them, as every face under a role outside
// Roles, after the role faces, so common text keeps its face.
const (
	// RoleRare has every CJK Unified Ideograph and Extension A character
	// and the supplementary-plane hanzi of Noto Serif SC (all of
	// 通用规范汉字表) that the role faces lack.
	RoleRare Role = "rare"
	// RoleRareExt has supplementary-plane hanzi of 辞海 and 现代汉语词典
	// that RoleRare lacks (𠀀 U+20000 among them).
	RoleRareExt Role = "rare-ext"
)

// RareRoles lists the fallback faces in the order layout tries them.
var RareRoles = []Role{RoleRare, RoleRareExt}

// rare holds the lazily unpacked fallback faces, shared by the process.
var rare = func() map[Role]*Lazy {
	m := map[Role]*Lazy{}
	for _, role := range RareRoles {
		file, gz := fonts.Rare(string(role))
		m[role] = &Lazy{file: file, load: sync.OnceValues(func() (*TrueType, error) {
			r, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				return nil, fmt.Errorf("font: embedded %s: %w", file, err)
			}
			// gzip's trailer holds the size: one allocation, no regrowth.
			data := make([]byte, binary.LittleEndian.Uint32(gz[len(gz)-4:]))
			if _, err := io.ReadFull(r, data); err != nil {
				return nil, fmt.Errorf("font: embedded %s: %w", file, err)
			}
			t, err := parseEmbedded(file, data, nil)
			if err != nil {
				return nil, fmt.Errorf("font: embedded %s: %w", file, err)
			}
			return t, nil
		})}
	}
	return m
}()

// Lazy is an embedded face unpacked and parsed on first use: most
// documents never need a rare hanzi, and unpacking costs tens of
// milliseconds. It is safe for concurrent use. A face that fails to
// load (a broken build; the tests load every one) has no glyphs.
type Lazy struct {
	file string
	load func() (*TrueType, error)
}

var _ Face = (*Lazy)(nil)

// Face returns the parsed face.
func (l *Lazy) Face() (*TrueType, error) { return l.load() }

// File is the embedded file name.
func (l *Lazy) File() string { return l.file }

func (l *Lazy) Advance(r rune) (float64, bool) {
	t, err := l.load()
	if err != nil {
		return 0, false
	}
	return t.Advance(r)
}

func (l *Lazy) Ascent() float64 {
	t, err := l.load()
	if err != nil {
		return 0
	}
	return t.Ascent()
}

func (l *Lazy) Name() string {
	t, err := l.load()
	if err != nil {
		return "Font"
	}
	return t.Name()
}

func (l *Lazy) Bytes() []byte {
	t, err := l.load()
	if err != nil {
		return nil
	}
	return t.Bytes()
}

// Glyphs returns the face's glyph tables for the PDF writer.
func (l *Lazy) Glyphs() (*Glyphs, error) {
	t, err := l.load()
	if err != nil {
		return nil, err
	}
	return t.Glyphs()
}

// DefaultSet returns the embedded face of every role and the rare-hanzi
// fallbacks (RareRoles, unpacked when first asked for a glyph). The map
// is new on each call, so a caller may replace a role with a user's font;
// the faces are shared. The four role faces are parsed the first time, in
// turn: together they take a third of a millisecond, less than goroutines
// for each would cost a one-sheet build (measured).
func DefaultSet() (map[Role]Face, error) {
	set := make(map[Role]Face, len(Roles))
	for _, role := range Roles {
		f, err := Default(role)
		if err != nil {
			return nil, err
		}
		set[role] = f
	}
	for _, role := range RareRoles {
		set[role] = rare[role]
	}
	return set, nil
}

// FallbackRole is the role under which a builder keeps the embedded face
// a user's font replaced for role r.
func FallbackRole(r Role) Role { return "fallback-" + r }

// FallbackOrder lists the roles of have whose faces are tried, in order,
// for a character of role: the role's own face, the embedded face a
// user's font replaced (FallbackRole), the rare-hanzi faces (so a hanzi
// the role lacks stays a regular Song, not the title's Black), the other
// roles' faces in Roles order, then any other face by sorted role.
func FallbackOrder(role Role, have []Role) []Role {
	set := map[Role]bool{}
	for _, r := range have {
		set[r] = true
	}
	var out []Role
	add := func(r Role) {
		if set[r] {
			out = append(out, r)
			delete(set, r)
		}
	}
	add(role)
	add(FallbackRole(role))
	for _, r := range RareRoles {
		add(r)
	}
	for _, r := range Roles {
		add(r)
	}
	rest := make([]Role, 0, len(set))
	for r := range set {
		rest = append(rest, r)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// Fallback chooses the face to draw r with, as layout does: the first
// face in FallbackOrder that has it. It returns false when no face has r,
// and the caller must report the character.
func Fallback(faces map[Role]Face, role Role, r rune) (Role, bool) {
	have := make([]Role, 0, len(faces))
	for ro, f := range faces {
		if f != nil {
			have = append(have, ro)
		}
	}
	for _, ro := range FallbackOrder(role, have) {
		if _, ok := faces[ro].Advance(r); ok {
			return ro, true
		}
	}
	return "", false
}
