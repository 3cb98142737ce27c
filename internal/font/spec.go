package font

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ParseSpec reads a font spec "path" or "path#index", the index choosing a
// face of a .ttc collection.
func ParseSpec(spec string) (path string, index int, err error) {
	path = spec
	if i := strings.LastIndexByte(spec, '#'); i > 0 {
		n, err := strconv.Atoi(spec[i+1:])
		if err != nil || n < 0 {
			return "", 0, fmt.Errorf("字体 %q：# 后应为字体集中的序号（从 0 开始）", spec)
		}
		path, index = spec[:i], n
	}
	return path, index, nil
}

// ParseRole reads a role's name, as --font ROLE=FILE and [batch] fonts
// give it.
func ParseRole(s string) (Role, error) {
	r := Role(strings.TrimSpace(s))
	if !slices.Contains(Roles, r) {
		return "", fmt.Errorf("未知的字体角色 %q：可选 title、heading1、heading2、body", s)
	}
	return r, nil
}

// ParseAssignment reads ROLE=SPEC, as --font gives it.
func ParseAssignment(v string) (Role, string, error) {
	role, spec, ok := strings.Cut(v, "=")
	if !ok || spec == "" {
		return "", "", fmt.Errorf("应写成 角色=字体文件，如 body=simfang.ttf")
	}
	r, err := ParseRole(role)
	return r, spec, err
}
