package font

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Load reads a user's TrueType font. A .ttf must use index 0. For a .ttc
// collection (simsun.ttc and the like) index picks the face, which is cut
// out into a standalone file. Faces with CFF outlines (.otf, .otc) are
// read too: their glyphs become TrueType outlines in the PDF subset. Errors are *Error, in Chinese, naming path.
func Load(path string, index int) (Face, error) {
	data, err := readFont(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, loadErr(path, reasonNotExist, err)
		}
		return nil, loadErr(path, reasonRead, err)
	}
	return fromBytes(path, data, index)
}

// maxFontSize bounds what Load reads: the largest CJK collections are
// about 100 MB.
const maxFontSize = 256 << 20

// readFont reads a regular file of at most maxFontSize bytes, so that a
// path such as /dev/zero or a FIFO is an error rather than a process that
// reads until memory runs out.
func readFont(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("不是普通文件")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFontSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFontSize {
		return nil, fmt.Errorf("文件超过 %d MB", maxFontSize>>20)
	}
	return data, nil
}

// fromBytes is Load after the read.
func fromBytes(path string, data []byte, index int) (*TrueType, error) {
	if len(data) < 12 || be.Uint32(data) != tagTTCF {
		if index != 0 {
			if len(data) >= 12 && (be.Uint32(data) == tagTrueType || be.Uint32(data) == tagTrue) {
				return nil, loadErr(path, fmt.Sprintf(reasonNotTTC, index), nil)
			}
		}
		return parse(path, data)
	}
	offs, err := ttcOffsets(data)
	if err != nil {
		return nil, loadErr(path, reasonBroken, err)
	}
	if index < 0 || index >= len(offs) {
		return nil, loadErr(path, fmt.Sprintf(reasonTTCIndex, len(offs), index), nil)
	}
	d, err := readDir(data, offs[index])
	if err != nil {
		return nil, loadErr(path, reasonBroken, err)
	}
	if err := checkEmbeddable(path, data, d); err != nil {
		return nil, err
	}
	return parse(path, standalone(data, d))
}
