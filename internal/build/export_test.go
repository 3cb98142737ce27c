package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/sheet"
)

// Building with --templates on an untouched export of the embedded
// templates gives byte-identical outputs, for every sample of every kind.
func TestExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	written, err := compose.Export(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(written) < 10 {
		t.Fatalf("only %d files exported", len(written))
	}
	for _, k := range []string{"review", "campaign", "study", "annual", "partyday"} {
		if _, err := os.Stat(filepath.Join(dir, "kinds", k, "kind.toml")); err != nil {
			t.Errorf("kind %s not exported: %v", k, err)
		}
	}
	user, err := FromSpecs(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range samples(t) {
		src, s, diags := sheet.ReadFileSource(f)
		if diags != nil {
			t.Fatal(diags)
		}
		want, diags := testBuilder(t).Render(s, src, Formats)
		if diags != nil {
			t.Fatal(diags)
		}
		got, diags := user.Render(s, src, Formats)
		if diags != nil {
			t.Fatal(diags)
		}
		for i := range want {
			if !bytes.Equal(got[i].Data, want[i].Data) {
				t.Errorf("%s: %s differs when built from the export", name(f), want[i].Format)
			}
		}
	}
	// A second export into the same folder writes nothing.
	if _, err := compose.Export(dir, ""); err == nil || !strings.Contains(err.Error(), "已存在，不会覆盖") {
		t.Errorf("export over an export: %v", err)
	}
	// One kind: the common templates and that kind's folder only.
	one := t.TempDir()
	if _, err := compose.Export(one, "study"); err != nil {
		t.Fatal(err)
	}
	kinds, _ := filepath.Glob(filepath.Join(one, "kinds", "*"))
	if len(kinds) != 1 || filepath.Base(kinds[0]) != "study" {
		t.Errorf("--kind study exported %v", kinds)
	}
	if _, err := compose.Export(t.TempDir(), "memo"); err == nil {
		t.Error("an unknown kind was exported")
	}
}

// metricsOfBuilder is the builder's own faces' metrics, for tests that
// lay out by hand.
func metricsOfBuilder(b *Builder) map[font.Role]font.Metrics {
	set, err := b.faces()
	if err != nil {
		panic(err)
	}
	return set.metrics
}
