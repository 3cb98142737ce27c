package fonts

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"strings"
	"testing"
)

var roles = []string{"title", "heading1", "heading2", "body"}

// TestEmbeddedMatchesBuild ties the embedded bytes to build.sh's record,
// so a hand-edited or stale font is caught.
func TestEmbeddedMatchesBuild(t *testing.T) {
	sums := map[string]string{}
	f, err := os.Open("SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok {
			sums[name] = sum
		}
	}
	for _, role := range roles {
		file, data := Default(role)
		if file != "zj-"+role+".ttf" {
			t.Errorf("Default(%q) file = %q", role, file)
		}
		if len(data) < 4 || string(data[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s: not a TrueType (glyf) file", file)
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); got != sums[file] {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %q", file, got, sums[file])
		}
	}
	for _, name := range []string{"rare", "rare-ext"} {
		file, gz := Rare(name)
		h := sha256.Sum256(gz)
		if got := hex.EncodeToString(h[:]); got != sums[file+".gz"] {
			t.Errorf("%s.gz: sha256 %s, SHA256SUMS says %q", file, got, sums[file+".gz"])
		}
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		h = sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); got != sums[file] {
			t.Errorf("%s unpacked: sha256 %s, SHA256SUMS says %q", file, got, sums[file])
		}
	}
	for _, f := range []string{"charset.txt", "charset-ext.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); got != sums[f] {
			t.Errorf("%s changed since the fonts were built; rerun build.sh", f)
		}
	}
}

func TestDefaultUnknownRole(t *testing.T) {
	if file, data := Default("footnote"); file != "" || data != nil {
		t.Errorf("Default(footnote) = %q, %d bytes", file, len(data))
	}
	if file, data := Rare("body"); file != "" || data != nil {
		t.Errorf("Rare(body) = %q, %d bytes", file, len(data))
	}
}
