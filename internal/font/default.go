package font

import (
	"fmt"
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
	t, err := parse(file, data)
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

// DefaultSet returns the embedded face of every role. The map is new on
// each call, so a caller may replace a role with a user's font; the faces
// are shared. The four faces are parsed in parallel the first time.
func DefaultSet() (map[Role]Face, error) {
	var wg sync.WaitGroup
	for _, role := range Roles {
		wg.Go(func() { _, _ = defaults[role]() })
	}
	wg.Wait()
	set := make(map[Role]Face, len(Roles))
	for _, role := range Roles {
		f, err := Default(role)
		if err != nil {
			return nil, err
		}
		set[role] = f
	}
	return set, nil
}

// Fallback chooses the face to draw r with: role's own face if it has r,
// else the first other face in Roles order that has it. It returns false
// when no face has r, and the caller must report the character.
func Fallback(faces map[Role]Face, role Role, r rune) (Role, bool) {
	if f := faces[role]; f != nil {
		if _, ok := f.Advance(r); ok {
			return role, true
		}
	}
	for _, other := range Roles {
		if other == role {
			continue
		}
		if f := faces[other]; f != nil {
			if _, ok := f.Advance(r); ok {
				return other, true
			}
		}
	}
	return "", false
}
