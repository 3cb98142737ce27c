package font

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/zongjie/zongjie/fonts"
)

var update = flag.Bool("update", false, "rewrite fonts/zj-ROLE.pages")

// TestPagesFiles: each embedded face's pages file is its BMP rune table
// as the face's cmap and hmtx give it now (-update rewrites them), and a
// face read with it maps every BMP rune as one read without it.
func TestPagesFiles(t *testing.T) {
	for _, role := range Roles {
		file, data := fonts.Default(string(role))
		computed, err := parseEmbedded(file, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := readDir(data, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := encodePages(computed.bmp, pagesKey(d))
		path := filepath.Join("..", "..", "fonts", "zj-"+string(role)+".pages")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(fonts.Pages(string(role)), want) {
			t.Errorf("%s is stale: go test ./internal/font -run TestPagesFiles -update", path)
			continue
		}
		fast, err := parseEmbedded(file, data, fonts.Pages(string(role)))
		if err != nil {
			t.Fatal(err)
		}
		if fast.bmp.pages[0x4E].Load() != nil {
			t.Fatal("a fresh face has filled pages")
		}
		for r := range rune(0x10000) {
			if got, want := fast.bmp.at(r), computed.bmp.at(r); got != want {
				t.Fatalf("%s: U+%04X: %v from the pages file, %v from the tables", file, r, got, want)
			}
		}
	}
}

// TestPagesOfOtherTables: a pages file computed from other tables, cut
// short or not one at all is ignored.
func TestPagesOfOtherTables(t *testing.T) {
	file, data := fonts.Default(string(RoleBody))
	d, err := readDir(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	good := fonts.Pages(string(RoleBody))
	if _, ok := decodePages(good, d); !ok {
		t.Fatal("the body's own pages file refused")
	}
	other := bytes.Clone(good)
	other[len(pagesMagic)] ^= 1 // another cmap checksum
	for name, b := range map[string][]byte{"other tables": other, "cut short": good[:len(good)-1], "header only": good[:pagesHeader-1], "empty": nil} {
		if _, ok := decodePages(b, d); ok {
			t.Errorf("%s: accepted", name)
		}
		f, err := parseEmbedded(file, data, b)
		if err != nil {
			t.Fatal(err)
		}
		if a, ok := f.Advance('中'); !ok || a != 1 {
			t.Errorf("%s: 中 advance %v, %v", name, a, ok)
		}
	}
}
