package pdf

import (
	"testing"

	"github.com/zongjie/zongjie/internal/font"
)

// roleFaces returns the embedded default faces (fonts/, parsed once per
// process by internal/font), so the tests run on a machine with no fonts.
func roleFaces(t testing.TB) map[font.Role]font.Face {
	t.Helper()
	faces, err := font.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return faces
}

// dataFace is a face with replaced font data, for error cases.
type dataFace struct {
	font.Face
	data []byte
}

func (f dataFace) Bytes() []byte { return f.data }
