package jpeg

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/metadata"
)

// TestCleanFindsWhatInspectFinds: the findings Clean hands back (so a batch
// reads each original once) are exactly what Inspect reports.
func TestCleanFindsWhatInspectFinds(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	paths, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus", "*", "*"))
	paths = append(paths, filepath.Join("testdata", "progressive.jpg"))
	checked := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) {
			continue
		}
		r := bytes.NewReader(data)
		res, err := Clean(r, int64(len(data)), io.Discard, metadata.CleanOptions{})
		if err != nil {
			continue // damaged: the caller inspects it separately
		}
		want, err := Inspect(r, int64(len(data)))
		if err != nil {
			t.Errorf("%s: Clean succeeded but Inspect says %v", p, err)
			continue
		}
		if res.Found == nil {
			t.Fatalf("%s: Clean returned no findings", p)
		}
		if diff := cmp.Diff(want, *res.Found); diff != "" {
			t.Errorf("%s: Clean's findings differ from Inspect's (-inspect +clean):\n%s", p, diff)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no JPEG was checked")
	}
}
