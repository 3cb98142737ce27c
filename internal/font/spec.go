package font

import (
	"fmt"
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
