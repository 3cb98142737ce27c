package font

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/zongjie/zongjie/internal/files"
)

// Load reads a user's TrueType font. A .ttf must use index 0. For a .ttc
// collection (simsun.ttc and the like) index picks the face, which is cut
// out into a standalone file. Faces with CFF outlines (.otf, .otc) are
// read too: their glyphs become TrueType outlines in the PDF subset. Errors are *Error, in Chinese, naming path.
func Load(path string, index int) (Face, error) {
	data, err := files.Read(path, files.Font)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, loadErr(path, reasonNotExist, err)
		}
		return nil, &Error{File: path, Reason: reasonRead + "（" + files.Reason(err) + "）", Err: err}
	}
	return fromBytes(path, data, index)
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
