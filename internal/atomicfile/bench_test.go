package atomicfile

import (
	"path/filepath"
	"testing"
)

// One sheet's outputs, of their usual sizes, written over the previous
// ones: through one group, and one Write each (an fsync per file).
//
//	go test -run XXX -bench OneSheet ./internal/atomicfile
func BenchmarkOneSheet(b *testing.B) {
	sizes := map[string]int{"a.md": 5 << 10, "a.html": 11 << 10, "a.pdf": 205 << 10, "a.docx": 9 << 10}
	for _, c := range []struct {
		name  string
		write func(dir string, data map[string][]byte)
	}{
		{"group", func(dir string, data map[string][]byte) {
			g := NewGroup(Hooks{})
			for n, d := range data {
				if _, err := g.Write(filepath.Join(dir, n), d, 0o666); err != nil {
					b.Fatal(err)
				}
			}
			if err := g.Commit(); err != nil {
				b.Fatal(err)
			}
		}},
		{"each", func(dir string, data map[string][]byte) {
			for n, d := range data {
				if err := Write(filepath.Join(dir, n), d, 0o666); err != nil {
					b.Fatal(err)
				}
			}
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			data := map[string][]byte{}
			for n, s := range sizes {
				data[n] = make([]byte, s)
				for i := range data[n] {
					data[n][i] = byte(i * 7)
				}
			}
			for b.Loop() {
				c.write(dir, data)
			}
		})
	}
}
